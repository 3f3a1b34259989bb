/**
 * What a directory change sets off (issue 22 items 3-5), on the real emulators: the
 * change's outbox entry and its message on `directory-changes` as the admin API commits
 * them, the consumer `directory-change` delivered by the harness (again, for redelivery).
 * The stage config of this file's handlers plays the effective directory after the change.
 */
import { randomUUID } from 'node:crypto';
import { AdminGetUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
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
import { sweepAbsences } from '../../shared/workflow/absence-sweep';
import { deadlineView } from '../../shared/domain/staff-view';
import { domainContext } from '../../shared/domain/domain-context';
import { complaintBody, uniqueMarker } from '../support/cases';
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
    for (const email of othersAway) result = withStaff(result, email, (m) => ({ ...m, absences: [{ from: '2026-11-23', to: '2026-12-31' }] }));
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

const localDay = (iso: unknown) => wallClock(new Date(String(iso)), runtimeSettings().config.timeZone).date;

describe('an absence', () => {
  it('offers back the case falling due during it, once, with a notice to the supervisor; the others stay', async () => {
    const marker = uniqueMarker();
    const [dueInAbsence] = await casesOf(1, `${marker}a`);
    const later = new Date(start.getTime() + 7 * 86_400_000);
    const [dueAfter] = await casesOf(1, `${marker}b`, later);
    const day = localDay((await caseItem(dueInAbsence!)).workDueAt);
    expect(localDay((await caseItem(dueAfter!)).workDueAt) > day).toBe(true);
    const absence = { from: day, to: day };
    reconfigure((config) => withStaff(config, member, (m) => ({ ...m, absences: [absence] })));
    const at = new Date(start.getTime() + 3_600_000);
    const loadBefore = await loadOf(member);
    await commitChange({ entity: 'absence', id: 'a1', at: at.toISOString(), after: { id: 'a1', email: member, ...absence } });
    expect((await deliver('directory-changes', at)).failed).toBe(0);

    expect((await caseItem(dueInAbsence!)).assignee).toBeUndefined();
    expect(await handBacks(dueInAbsence!)).toEqual([expect.objectContaining({ actor: 'system', note: 'absent' })]);
    expect((await caseItem(dueInAbsence!)).offeredBack).toEqual([`${member}#${day}#${day}`]);
    expect((await caseItem(dueAfter!)).assignee).toBe(member);
    expect(await loadOf(member)).toBe(loadBefore - 1);
    const supervisor = supervisorOf(runtimeSettings().config, member, 'customer-service')!;
    expect((await noticesOf(dueInAbsence!)).filter((x) => x.topic === 'handed-back')).toEqual([expect.objectContaining({ recipients: [supervisor] })]);

    // Redelivered, and checked again as the sweep does: still once.
    await send(runtimeSettings().queueUrls['directory-changes'], { type: 'absence-check', member, ...absence, at: at.toISOString() });
    await deliver('directory-changes', at);
    expect(await handBacks(dueInAbsence!)).toHaveLength(1);
    expect((await noticesOf(dueInAbsence!)).filter((x) => x.topic === 'handed-back')).toHaveLength(1);
    expect(await handBacks(dueAfter!)).toHaveLength(0);
  });

  it('declared before a case was assigned: the SLA sweep offers that case back, once', async () => {
    const marker = uniqueMarker();
    const received = new Date('2026-12-07T14:00:00+08:00');
    const [assignedLater] = await casesOf(1, marker, received);
    const day = localDay((await caseItem(assignedLater!)).workDueAt);
    reconfigure((config) => withStaff(config, member, (m) => ({ ...m, absences: [{ from: day, to: day }] })));
    for (const minutes of [5, 10]) {
      const at = new Date(received.getTime() + minutes * 60_000);
      // The sweep's absence part (functions/sla-sweep.ts runs it after the due cases).
      expect(await sweepAbsences(runtimeSettings(), at)).toBe(minutes === 5 ? 1 : 0);
      await deliver('directory-changes', at);
    }
    expect((await caseItem(assignedLater!)).assignee).toBeUndefined();
    expect(await handBacks(assignedLater!)).toEqual([expect.objectContaining({ note: 'absent' })]);
    reconfigure((config) => withStaff(config, member, (m) => ({ ...m, absences: [] })));
  });
});

describe('a holiday added', () => {
  it('moves the deadlines of a case received the day before it by a working day, each with an explanation', async () => {
    const marker = uniqueMarker();
    const received = new Date('2026-12-14T14:00:00+08:00');
    const holiday = '2026-12-15';
    const [n] = await casesOf(1, marker, received);
    const before = (await loadCaseWithHistory(runtimeSettings().tableName, n!))!.stored.state.deadlines;
    reconfigure((config) => ({ ...config, calendar: { ...config.calendar, holidays: [...config.calendar.holidays, holiday] } }));
    const calendar = workingCalendar(runtimeSettings().config);
    const at = new Date(received.getTime() + 3_600_000);
    await commitChange({ entity: 'calendar', id: holiday, at: at.toISOString(), after: { date: holiday, kind: 'holiday' } });
    expect((await deliver('directory-changes', at)).failed).toBe(0);

    const found = (await loadCaseWithHistory(runtimeSettings().tableName, n!))!;
    const after = found.stored.state.deadlines;
    const moving = before.filter((d) => d.metAt === undefined && d.unit === 'working-days' && localDay(d.dueAt) >= holiday);
    expect(moving.length).toBeGreaterThan(0);
    for (const old of moving) {
      const now = after.find((d) => d.name === old.name)!;
      // One working day later: the next working day after the old due date under the new calendar.
      let next = addDays(localDay(old.dueAt), 1);
      while (!calendar.weekdays.has(new Date(`${next}T12:00:00Z`).getUTCDay() || 7) || calendar.extraHolidays.has(next)) next = addDays(next, 1);
      expect(localDay(now.dueAt), old.name).toBe(next);
      expect(now.dueAt).toBe(deadlineAt(calendar, new Date(old.triggeredAt), runtimeSettings().config.limits[old.name]).toISOString());
      expect(now.revision).toBe(old.revision + 1);
      expect(now.calendarVersion).toBe(calendar.version);
      expect(now.history).toEqual([expect.objectContaining({ change: 'recomputed', was: old.dueAt, dueAt: now.dueAt, calendarVersion: calendar.version })]);
      const view = deadlineView(domainContext(runtimeSettings().config), now, at);
      expect(view.explanation.recomputations).toHaveLength(1);
      expect(view.explanation.text).toContain('recomputed');
    }
    for (const old of before.filter((d) => !moving.includes(d) && (d.unit === 'calendar-hours' || d.metAt !== undefined))) {
      expect(after.find((d) => d.name === old.name)!.dueAt).toBe(old.dueAt);
    }
    expect(found.history.filter((h) => h.action === 'recompute-deadlines')).toEqual([expect.objectContaining({ actor: 'system', public: false })]);
    expect((await caseItem(n!)).workDueAt).toBe(found.stored.state.deadlines.filter((d) => d.metAt === undefined).map((d) => d.dueAt).sort()[0] ?? (await caseItem(n!)).workDueAt);

    // Delivered again, and a walk started again: nothing moves twice.
    await send(runtimeSettings().queueUrls['directory-changes'], { type: 'recompute-deadlines', department: 'customer-service', at: at.toISOString() });
    await deliver('directory-changes', at);
    const again = (await loadCaseWithHistory(runtimeSettings().tableName, n!))!;
    expect(again.history.filter((h) => h.action === 'recompute-deadlines')).toHaveLength(1);
    expect(again.stored.state.deadlines).toEqual(after);
  });
});

describe('a staff member added', () => {
  it('on the local Cognito stage gets a cognito-local user and an invitation mail with the console link, once', async () => {
    const email = `new.${uniqueMarker()}@example.org`.toLowerCase();
    const entry = { email, name: '新同事 New Colleague', roles: ['handler'], departments: ['customer-service'], active: true };
    reconfigure((config) => ({ ...config, staff: [...config.staff, { ...entry, roles: ['handler' as const], absences: [], conflicts: [] }] as StageConfig['staff'] }));
    const at = new Date(start.getTime() + 2 * 3_600_000);
    const message = await commitChange({ entity: 'staff', id: email, at: at.toISOString(), after: entry });
    expect((await deliver('directory-changes', at)).failed).toBe(0);

    const pool = new CognitoIdentityProviderClient({ endpoint: process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, region: process.env.AWS_REGION ?? 'us-east-1' });
    const user = await pool.send(new AdminGetUserCommand({ UserPoolId: runtimeSettings().staffUserPoolId!, Username: email }));
    pool.destroy();
    expect(user.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }]));
    const invitations = (await mailsTo(email)).filter((m) => m.subject.includes('邀请'));
    expect(invitations).toHaveLength(1);
    expect(invitations[0]!.body.text).toContain(new URL('/staff', runtimeSettings().config.publicBaseUrl).toString());

    await send(runtimeSettings().queueUrls['directory-changes'], message);
    await deliver('directory-changes', at);
    expect((await mailsTo(email)).filter((m) => m.subject.includes('邀请'))).toHaveLength(1);
  });
});
