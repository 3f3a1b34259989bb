/**
 * What a directory change sets off (issue 22 items 3-5), on the real emulators: the
 * change's outbox entry and its message on `directory-changes` as the admin API commits
 * them, the consumer `directory-change` delivered by the harness (again, for redelivery).
 * The stage config of this file's handlers plays the effective directory after the change.
 */
import { randomUUID } from 'node:crypto';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamo } from '../../shared/adapters/aws-clients';
import { directoryChangePut } from '../../shared/adapters/handoff';
import { keys } from '../../shared/adapters/keys';
import { resetRuntimeSettings, runtimeSettings } from '../../shared/config/runtime';
import type { StageConfig } from '../../shared/config/stage-config';
import { workingCalendar } from '../../shared/domain/calendar';
import { deadlineAt } from '../../shared/domain/deadlines';
import { supervisorOf } from '../../shared/domain/staff-directory';
import { wallClock, addDays } from '../../shared/domain/time-zone';
import type { DirectoryChangeMessage } from '../../shared/schemas/directory-change';
import { handler as slaSweep } from '../../functions/sla-sweep';
import { loadCaseWithHistory } from '../../shared/adapters/case-reads';
import { deadlineView } from '../../shared/domain/staff-view';
import { domainContext } from '../../shared/domain/domain-context';
import { complaintBody, uniqueMarker } from '../support/cases';
import { lambdaContext, scheduledEvent } from '../support/events';
import { mailsTo } from '../support/system';
import { caseItem, deliver, isolatedWorkflow, noticesOf, partition, settle, submit } from './workflow-harness';

/** Monday 23 November 2026, 14:00 in Beijing: a working day. */
const start = new Date('2026-11-23T14:00:00+08:00');
const member = 'li.na@example.org';
/** Everyone else of customer-service away on the day the cases come in: they all go to li.na. */
const othersAway = ['wang.fang@example.org', 'zhao.lei@example.org'];

function reconfigure(change: (config: StageConfig) => StageConfig): void {
  process.env.STAGE_CONFIG = JSON.stringify(change(JSON.parse(process.env.STAGE_CONFIG!) as StageConfig));
  resetRuntimeSettings();
}

const withStaff = (config: StageConfig, email: string, change: (m: StageConfig['staff'][number]) => StageConfig['staff'][number]): StageConfig => ({
  ...config,
  staff: config.staff.map((m) => (m.email === email ? change(m) : m)),
});

beforeAll(async () => {
  await isolatedWorkflow({ complaint: 'DC', report: 'DR' }, (config) => {
    let result = config;
    for (const email of othersAway) result = withStaff(result, email, (m) => ({ ...m, absences: [{ from: '2026-11-23', to: '2026-11-23' }] }));
    return result;
  });
});

/** A change as the admin API commits it: its outbox entry, then its message. */
async function commitChange(change: Omit<DirectoryChangeMessage, 'type' | 'changeId' | 'actor'>): Promise<DirectoryChangeMessage> {
  const message: DirectoryChangeMessage = { type: 'directory-change', changeId: randomUUID(), actor: 'test-admin-sub', ...change };
  const { tableName, queueUrls } = runtimeSettings();
  await dynamo().transactWrite({ TransactItems: [directoryChangePut(tableName, message, new Date(change.at))] });
  await send(queueUrls['directory-changes'], message);
  return message;
}

const sqsClient = () => new SQSClient({ endpoint: process.env.AWS_ENDPOINT_URL_SQS, region: process.env.AWS_REGION ?? 'us-east-1' });
async function send(url: string, message: unknown): Promise<void> {
  const client = sqsClient();
  await client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify(message) }));
  client.destroy();
}

const loadOf = async (email: string) =>
  Number((await dynamo().send(new GetCommand({ TableName: runtimeSettings().tableName, Key: keys.load(email), ConsistentRead: true }))).Item?.openCases ?? 0);

async function casesOf(count: number, marker: string, at = start): Promise<string[]> {
  const cases: string[] = [];
  for (let i = 0; i < count; i++) cases.push(await submit(complaintBody(`${marker}${i}`, { subject: { type: 'account', value: `dir-${marker}-${i}` } }), at));
  await settle(at);
  for (const n of cases) expect((await caseItem(n)).assignee).toBe(member);
  return cases;
}

const handBacks = async (caseNumber: string) => (await partition(caseNumber)).filter((i) => String(i.sk).startsWith('HISTORY#') && i.action === 'hand-back');

describe('a member deactivated', () => {
  it('has each open case moved to the department queue with a history entry, their load at 0, and the supervisor told; a redelivery changes nothing', async () => {
    const marker = uniqueMarker();
    const cases = await casesOf(3, marker);
    const loadBefore = await loadOf(member);
    expect(loadBefore).toBeGreaterThanOrEqual(3);
    reconfigure((config) => withStaff(config, member, (m) => ({ ...m, active: false })));
    const entry = { email: member, name: '李娜 Li Na', roles: ['handler'], departments: ['customer-service'] };
    const at = new Date(start.getTime() + 86_400_000);
    await commitChange({ entity: 'staff', id: member, at: at.toISOString(), before: { ...entry, active: true }, after: { ...entry, active: false } });
    expect((await deliver('directory-changes', at)).failed).toBe(0);

    const supervisor = supervisorOf(runtimeSettings().config, member, 'customer-service')!;
    for (const n of cases) {
      const item = await caseItem(n);
      expect(item.assignee).toBeUndefined();
      expect(item.department).toBe('customer-service');
      expect(item.gsi2pk).toBeUndefined();
      expect(item.status).toBe('received');
      const entries = await handBacks(n);
      expect(entries).toEqual([expect.objectContaining({ actor: 'system', note: 'deactivated', public: false })]);
      const notices = (await noticesOf(n)).filter((x) => x.topic === 'handed-back');
      expect(notices).toEqual([expect.objectContaining({ audience: 'supervisor', recipients: [supervisor] })]);
    }
    expect(await loadOf(member)).toBe(0);
    await deliver('notify', at);
    const mails = await mailsTo(supervisor);
    for (const n of cases) expect(mails.filter((m) => m.subject.includes(n) && m.subject.includes('退回待办'))).toHaveLength(1);

    // Delivered again (the relay or SQS): the change is done, nothing moves twice.
    const message = { type: 'directory-change', changeId: randomUUID(), actor: 'x', entity: 'staff', id: member, at: at.toISOString(), before: { ...entry, active: true }, after: { ...entry, active: false } };
    await send(runtimeSettings().queueUrls['directory-changes'], message);
    await deliver('directory-changes', at);
    for (const n of cases) expect(await handBacks(n)).toHaveLength(1);
    expect(await loadOf(member)).toBe(0);
    reconfigure((config) => withStaff(config, member, (m) => ({ ...m, active: true })));
  });
});
