/**
 * The SLA sweep and the escalate step against the real emulators: the sweep reads only
 * the due-index hours, each ladder notice goes out once even when sweeps overlap, and a
 * supplement not received in time closes the case as incomplete.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as slaSweep } from '../../functions/sla-sweep';
import { closedIndex, shards } from '../../shared/adapters/keys';
import { complaintBody, uniqueMarker } from '../support/cases';
import { lambdaContext, scheduledEvent } from '../support/events';
import { mailsTo, sesStore } from '../support/system';
import type { SweepResult } from '../../shared/workflow/sla-sweep';
import { caseItem, deliver, invoke, isolatedWorkflow, noticesOf, receive, settle, submit, toRecord, type Isolated } from './workflow-harness';

const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
// The function's own timeout (60 s): a first run reads 744 empty hours, slow on a loaded machine.
const sweep = async (time: Date) => (await slaSweep(scheduledEvent(time), lambdaContext('sla-sweep', 60_000))) as SweepResult;

let env: Isolated;
let levelOne: string;
let supplement: string;
const marker = uniqueMarker();

beforeAll(async () => {
  // A level-2 category (not a security one) that needs evidence: a level-3 or security one is worked at once, never waiting on the
  // complainant (seed 003), so only a lower level can sit unanswered until it closes as incomplete.
  env = await isolatedWorkflow({ complaint: 'SS', report: 'SR' }, (config) => ({
    ...config,
    review: { ...config.review, requirements: [...config.review.requirements, { category: 'platform-violation', kinds: ['report'], needs: ['evidence'] }] },
  }));
  // Monday 23 November 2026, 10:00: a level-1 complaint and an incomplete platform-violation report.
  levelOne = await submit(complaintBody(marker, { subject: { type: 'account', value: `sla-${marker}` } }), at('2026-11-23 10:00'));
  supplement = await submit(
    { kind: 'report', category: 'platform-violation', subject: { type: 'account', value: `sla-violation-${marker}` }, description: `这个账号批量发布刷单广告 ${marker}`, contact: { email: `${marker}s@example.com` } },
    at('2026-11-23 10:00'),
  );
  await settle(at('2026-11-23 10:01'));
});

const noticesWith = async (caseNumber: string, topic: string, deadline?: string) =>
  (await noticesOf(caseNumber)).filter((n) => n.topic === topic && (deadline === undefined || n.deadline === deadline));

describe('sla-sweep and escalate-case', () => {
  it('reads only the due-index hours up to now and sends the 80 % reminder once', async () => {
    expect(await caseItem(levelOne)).toMatchObject({ status: 'assigned', nextDueAt: at('2026-11-23 13:12').toISOString() });
    const early = await sweep(at('2026-11-23 13:00'));
    expect(early.due).toBe(0);
    const result = await sweep(at('2026-11-23 13:15'));
    expect(result.due).toBe(1);
    expect(result.buckets).toBeLessThanOrEqual(4); // the hours since the resume point, not the open cases
    expect(result.reads).toBe(result.buckets * (shards.due + 1)); // each shard of an hour, and the hour as stored before the shards
    await settle(at('2026-11-23 13:15'));
    const reminders = await noticesWith(levelOne, 'reminder', 'first-response');
    expect(reminders.map((n) => n.state)).toEqual(['sent']);
    const assignee = String((await caseItem(levelOne)).assignee);
    expect((await mailsTo(assignee)).filter((m) => m.subject.includes(levelOne) && m.subject.includes('时限提醒'))).toHaveLength(1);
    expect((await caseItem(levelOne)).nextDueAt).toBe(at('2026-11-23 14:00').toISOString());
  });

  it('two overlapping sweeps, each escalate message delivered twice, send the overdue notice once', async () => {
    const [a, b] = await Promise.all([sweep(at('2026-11-23 14:05')), sweep(at('2026-11-23 14:06'))]);
    expect(a.due + b.due).toBe(2);
    const messages = await receive(env.queueUrls.escalate!);
    expect(messages).toHaveLength(2);
    const records = messages.map((m) => toRecord('escalate', m, at('2026-11-23 14:06')));
    // Both at once (the batch processor runs records concurrently), then both again (redelivery).
    expect((await invoke('escalate', records)).batchItemFailures).toEqual([]);
    expect((await invoke('escalate', records)).batchItemFailures).toEqual([]);
    await deliver('notify');
    const overdue = await noticesWith(levelOne, 'overdue', 'first-response');
    expect(overdue.map((n) => n.state)).toEqual(['sent']);
    const supervisor = (overdue[0]!.recipients as string[])[0]!;
    expect((await mailsTo(supervisor)).filter((m) => m.subject.includes(levelOne) && m.subject.includes('已超时'))).toHaveLength(1);
    expect((await caseItem(levelOne)).nextDueAt).toBe(at('2026-11-25 11:12').toISOString()); // the resolution reminder, Wednesday
  });

  it('a week later one sweep catches up: every notice due since is sent once, and the unanswered supplement closes its case as incomplete', async () => {
    const result = await sweep(at('2026-11-30 18:05'));
    expect(result.due).toBe(2);
    await settle(at('2026-11-30 18:05'));
    await sweep(at('2026-11-30 18:10'));
    await settle(at('2026-11-30 18:10'));

    expect((await noticesWith(levelOne, 'reminder', 'resolution')).map((n) => n.state)).toEqual(['sent']);
    expect((await noticesWith(levelOne, 'overdue', 'resolution')).map((n) => n.state)).toEqual(['sent']);
    // Open 5 working days at Monday 18:00, outside working time: the group hears at Tuesday 09:00.
    expect(await noticesWith(levelOne, 'management-group')).toEqual([]);
    await sweep(at('2026-12-01 09:05'));
    await settle(at('2026-12-01 09:05'));
    expect((await noticesWith(levelOne, 'management-group')).map((n) => n.state)).toEqual(['sent']);
    expect((await mailsTo('complaint-group@example.org')).filter((m) => m.subject.includes(levelOne))).toHaveLength(1);

    expect(await caseItem(supplement)).toMatchObject({ status: 'closed', closeReason: 'incomplete' });
    // Out of the due index; in the closed index, where the retention sweep finds it.
    const closedItem = await caseItem(supplement);
    expect(closedItem.gsi1pk).toBe(closedIndex.partition(String(closedItem.closedAt), supplement));
    expect((await noticesWith(supplement, 'closed-incomplete')).map((n) => n.state)).toEqual(['sent']);
    expect((await mailsTo(`${marker}s@example.com`)).filter((m) => m.subject.includes('材料不全'))).toHaveLength(1);
    // Nothing else reached any outbox for these cases twice.
    const subjects = (await sesStore()).filter((m) => m.subject.includes(levelOne) || m.subject.includes(supplement)).map((m) => `${m.destination.to.join(',')} ${m.subject}`);
    expect(new Set(subjects).size).toBe(subjects.length);
  });
});
