/**
 * The report counters on the real table (DynamoDB Local), fed by the one path every case
 * change takes (saveChange) and by sent ladder notices: counted once however often a
 * message is delivered or a change replayed; a merged duplicate is not a second case.
 * Each test uses a month of its own, so the file's counts do not mix.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamo } from '../../shared/adapters/aws-clients';
import { loadCase } from '../../shared/adapters/case-reads';
import { saveChange } from '../../shared/adapters/case-store';
import { keys } from '../../shared/adapters/keys';
import { finishNotice, noticeHandoff, noticeSent } from '../../shared/adapters/notice-ledger';
import { observeSubjects, readAggregates, statisticsWrites } from '../../shared/adapters/statistics-store';
import { runtimeSettings } from '../../shared/config/runtime';
import { updatesOfNotice } from '../../shared/domain/statistics';
import { pendingFields, sendHandoffs, type QueueUrls } from '../../shared/adapters/handoff';
import { complaintBody, uniqueMarker } from '../support/cases';
import { caseItem, deliver, invoke, isolatedWorkflow, receive, settle, submit, toRecord, type Isolated } from './workflow-harness';

const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const minutesAfter = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);
const counters = async (period: string) => (await readAggregates(runtimeSettings().tableName, [period]))[0]!;

let env: Isolated;
beforeAll(async () => {
  env = await isolatedWorkflow({ complaint: 'SQ', report: 'SR' });
});

describe('a case counts once in the buckets of its receipt', () => {
  it('classified: +1 in its month and ISO week, by kind, category, level, channel, priority; a redelivered classify message adds nothing', async () => {
    const marker = uniqueMarker();
    const receivedAt = at('2026-03-11 10:00'); // Wednesday of 2026-W11
    const caseNumber = await submit(complaintBody(marker, { subject: { type: 'url', value: `https://shop-${marker}.example.cn/u/${marker}` } }), receivedAt);
    await deliver('review', minutesAfter(receivedAt, 1));
    const [message] = await receive(env.queueUrls.classify!);
    const record = toRecord('classify', message!, minutesAfter(receivedAt, 2), 1);
    expect((await invoke('classify', [record])).batchItemFailures).toEqual([]);
    const once = await counters('2026-03');
    // The same message again (SQS delivered it twice).
    expect((await invoke('classify', [{ ...record, attributes: { ...record.attributes, ApproximateReceiveCount: '2' } }])).batchItemFailures).toEqual([]);

    const month = await counters('2026-03');
    expect(month).toEqual(once);
    expect(month.aggregate.counters).toMatchObject({
      received: 1,
      'received.kind.complaint': 1,
      'received.category.service-quality': 1,
      'received.level.1': 1,
      'received.channel.web': 1,
      'received.priority.general': 1,
    });
    expect((await counters('2026-W11')).aggregate.counters.received).toBe(1);
    // The subject by host only: the path named a person.
    expect(month.aggregate.subjects.entries).toEqual([{ label: `url:shop-${marker}.example.cn`, count: 1, error: 0 }]);
    expect(JSON.stringify(month)).not.toContain(`/u/${marker}`);
    expect((await caseItem(caseNumber)).classifiedAt).toBeDefined();
  });

  it('replayed: the same committed change stored again is refused by its version, the counters stay', async () => {
    const marker = uniqueMarker();
    const receivedAt = at('2026-04-08 10:00');
    const caseNumber = await submit(complaintBody(marker), receivedAt);
    await deliver('review', minutesAfter(receivedAt, 1));
    const before = (await loadCase(env.tableName, caseNumber))!;
    await deliver('classify', minutesAfter(receivedAt, 2));
    const after = (await loadCase(env.tableName, caseNumber))!;
    const counted = await counters('2026-04');
    expect(counted.aggregate.counters.received).toBe(1);

    // Replay the classification: the change from the state read before it, once more.
    const replay = { outcomes: [], state: { ...after.state, version: before.state.version + 1 }, at: minutesAfter(receivedAt, 2) };
    expect(await saveChange(runtimeSettings(), before, replay)).toBe('conflict');
    expect(await counters('2026-04')).toEqual(counted);
  });

  it('by channel: a JSON post (api) and a form post (web) count apart', async () => {
    const receivedAt = at('2026-08-12 10:00');
    await submit(complaintBody(uniqueMarker()), receivedAt, 'api');
    await submit(complaintBody(uniqueMarker()), receivedAt, 'web');
    await submit(complaintBody(uniqueMarker()), receivedAt, 'api');
    await settle(minutesAfter(receivedAt, 1));
    const counted = (await counters('2026-08')).aggregate.counters;
    expect(counted).toMatchObject({ received: 3, 'received.channel.api': 2, 'received.channel.web': 1 });
  });

  it('a merged duplicate (the same complaint sent twice) is not a second case', async () => {
    const marker = uniqueMarker();
    const receivedAt = at('2026-05-13 10:00');
    const body = complaintBody(marker, { subject: { type: 'organisation', value: `Shop ${marker}` } });
    const first = await submit(body, receivedAt);
    await settle(minutesAfter(receivedAt, 1));
    const second = await submit(body, minutesAfter(receivedAt, 5));
    await settle(minutesAfter(receivedAt, 6));

    expect((await caseItem(second)).closeReason).toBe('duplicate');
    expect((await caseItem(first)).closeReason).toBeUndefined();
    const month = await counters('2026-05');
    expect(month.aggregate.counters.received).toBe(1);
    expect(month.aggregate.subjects.observed).toBe(1);
  });
});

describe('the top-subject summary', () => {
  it('observes an update once, however often it is observed, without a marker item', async () => {
    const period = '2025-08'; // a month no other test of this file uses
    const update = { id: `${uniqueMarker()}#v2@${period}`, period, counters: {}, subject: 'url:shop.example.cn' };
    await observeSubjects(env.tableName, [update]);
    await observeSubjects(env.tableName, [update]);
    await observeSubjects(env.tableName, [{ ...update, id: `${update.id}-other` }]);
    const month = await counters(period);
    expect(month.aggregate.subjects.observed).toBe(2);
    expect(month.aggregate.subjects.entries).toEqual([{ label: 'url:shop.example.cn', count: 2, error: 0 }]);
    const marker = await dynamo().get({ TableName: env.tableName, Key: keys.statisticsApplied(`${update.id}#subject`) });
    expect(marker.Item).toBeUndefined();
  });
});

describe('sent ladder notices', () => {
  /** A pending ladder notice of a case, as escalate-case writes it, and its message on `notify`. */
  async function pendingNotice(caseNumber: string, topic: 'overdue' | 'management-group', key: string, dueAt: string) {
    const handoff = noticeHandoff(caseNumber, key);
    const notice = { caseNumber, noticeKey: key, topic, audience: 'management-group', recipients: ['complaint-group@example.org'], dueAt, immediate: true, deadlineDueAt: dueAt, state: 'pending' };
    await dynamo().send(new PutCommand({ TableName: env.tableName, Item: { ...keys.notice(caseNumber, key), type: 'notice', ...notice, ...pendingFields(handoff, new Date(dueAt)) } }));
  }

  it('an escalation to the management group counts once in the buckets of its instant, however often it is finished', async () => {
    const marker = uniqueMarker();
    const receivedAt = at('2026-06-01 10:00');
    const caseNumber = await submit(complaintBody(marker), receivedAt);
    await settle(minutesAfter(receivedAt, 1));
    const key = `${caseNumber}#management-group#1#0#management-group`;
    const dueAt = at('2026-06-10 09:00').toISOString();
    await pendingNotice(caseNumber, 'management-group', key, dueAt);
    // send-notice, given the message twice (SQS delivered it twice).
    for (let delivery = 0; delivery < 2; delivery++) {
      await sendHandoffs(env.queueUrls as QueueUrls, [noticeHandoff(caseNumber, key)]);
      expect((await deliver('notify', new Date(dueAt))).failed).toBe(0);
    }
    const counts = statisticsWrites(env.tableName, caseNumber, updatesOfNotice({ key, caseNumber, topic: 'management-group', at: dueAt }, 'Asia/Shanghai'), new Date(dueAt));
    // A second sender whose lease ran out finishes the same notice: the sent mark is written, nothing counted.
    await finishNotice(noticeSent(env.tableName, caseNumber, key, new Date(dueAt)), counts);

    expect((await counters('2026-06')).aggregate.counters.escalated).toBe(1);
    expect((await counters('2026-W24')).aggregate.counters.escalated).toBe(1);
  });

  it('overdue counts cases, not deadlines: two overdue notices of one case in one month count 1', async () => {
    const marker = uniqueMarker();
    const receivedAt = at('2026-07-01 10:00');
    const caseNumber = await submit(complaintBody(marker), receivedAt);
    await settle(minutesAfter(receivedAt, 1));
    for (const [deadline, due] of [['first-response', '2026-07-02 09:00'], ['resolution', '2026-07-20 09:00']] as const) {
      const key = `${caseNumber}#${deadline}#1#0#supervisor`;
      const dueAt = at(due).toISOString();
      await pendingNotice(caseNumber, 'overdue', key, dueAt);
      const updates = updatesOfNotice({ key, caseNumber, topic: 'overdue', at: dueAt }, 'Asia/Shanghai');
      await finishNotice(noticeSent(env.tableName, caseNumber, key, new Date(dueAt)), statisticsWrites(env.tableName, caseNumber, updates, new Date(dueAt)));
    }
    expect((await counters('2026-07')).aggregate.counters.overdue).toBe(1);
    // Two different ISO weeks: one each.
    expect((await counters('2026-W27')).aggregate.counters.overdue).toBe(1);
    expect((await counters('2026-W30')).aggregate.counters.overdue).toBe(1);
  });
});
