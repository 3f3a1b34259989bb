/**
 * The local clock moved back (issue 9, Deliver 4): a look a year ahead (`npm run clock --
 * <next year>`, a sweep runs there), then `npm run clock -- reset` with the data kept. The
 * resume point the look ahead left in the future must not silence the ladder: the next
 * escalation due on the real clock still arrives, exactly once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { handler as slaSweep } from '../../functions/sla-sweep';
import { dynamo } from '../../shared/adapters/aws-clients';
import { dueIndex, keys } from '../../shared/adapters/keys';
import type { SweepResult } from '../../shared/workflow/sla-sweep';
import { complaintBody, uniqueMarker } from '../support/cases';
import { lambdaContext, scheduledEvent } from '../support/events';
import { mailsTo } from '../support/system';
import { caseItem, isolatedWorkflow, noticesOf, settle, submit } from './workflow-harness';

const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
// The function's own timeout (60 s): a first run reads 744 empty hours, slow on a loaded machine.
const sweep = async (time: Date) => (await slaSweep(scheduledEvent(time), lambdaContext('sla-sweep', 60_000))) as SweepResult;

let tableName: string;
let caseNumber: string;
const marker = uniqueMarker();

beforeAll(async () => {
  ({ tableName } = await isolatedWorkflow({ complaint: 'CK', report: 'CR' }));
});

describe('sla-sweep after the clock was moved back', () => {
  it('a look a year ahead, then back to today: the reminder of a case submitted today still arrives, exactly once', async () => {
    // The look ahead: the clock a year on, a sweep there leaves its resume point in November 2027.
    await sweep(at('2027-11-23 09:00'));
    const ahead = (await dynamo().send(new GetCommand({ TableName: tableName, Key: keys.sweepState(), ConsistentRead: true }))).Item;
    expect(String(ahead?.bucket) > dueIndex.bucket('2027-01-01T00:00:00.000Z')).toBe(true);

    // `npm run clock -- reset`, the data kept: Monday 23 November 2026, 10:00, a level-1
    // complaint whose first-response reminder is due at 13:12.
    caseNumber = await submit(complaintBody(marker, { subject: { type: 'account', value: `clock-${marker}` } }), at('2026-11-23 10:00'));
    await settle(at('2026-11-23 10:01'));
    expect(await caseItem(caseNumber)).toMatchObject({ nextDueAt: at('2026-11-23 13:12').toISOString() });
    const back = await sweep(at('2026-11-23 13:15'));
    expect(back.due).toBe(1);
    await settle(at('2026-11-23 13:15'));
    // The resume point is back on the real clock, so the following runs read a few hours only.
    const again = await sweep(at('2026-11-23 13:20'));
    expect(again).toMatchObject({ due: 0 });
    expect(again.buckets).toBeLessThanOrEqual(4);
    await settle(at('2026-11-23 13:20'));

    const reminders = (await noticesOf(caseNumber)).filter((n) => n.topic === 'reminder' && n.deadline === 'first-response');
    expect(reminders.map((n) => n.state)).toEqual(['sent']);
    const assignee = String((await caseItem(caseNumber)).assignee);
    expect((await mailsTo(assignee)).filter((m) => m.subject.includes(caseNumber) && m.subject.includes('时限提醒'))).toHaveLength(1);
    // And the ladder goes on: the overdue notice at 14:00 arrives too.
    await sweep(at('2026-11-23 14:05'));
    await settle(at('2026-11-23 14:05'));
    expect((await noticesOf(caseNumber)).filter((n) => n.topic === 'overdue' && n.deadline === 'first-response').map((n) => n.state)).toEqual(['sent']);
  });
});
