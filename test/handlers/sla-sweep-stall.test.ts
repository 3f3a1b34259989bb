/**
 * A sweep that cannot be stalled (issue 9, Found 4): one case whose escalation fails every
 * time (fault injected on purpose: its stored deadline clocks are corrupted, so the real
 * escalate handler throws) is parked after the stage's `parkAfterAttempts` and no longer
 * holds the resume point; the other cases keep getting their notices on time, also more
 * than the sweep's 31-day read cap after the broken case fell due.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { handler as slaSweep } from '../../functions/sla-sweep';
import { dynamo } from '../../shared/adapters/aws-clients';
import { dueIndex, keys } from '../../shared/adapters/keys';
import { resetRuntimeSettings } from '../../shared/config/runtime';
import type { SweepResult } from '../../shared/workflow/sla-sweep';
import { complaintBody, uniqueMarker } from '../support/cases';
import { lambdaContext, scheduledEvent } from '../support/events';
import { mailsTo } from '../support/system';
import { caseItem, isolatedWorkflow, noticesOf, partition, settle, submit, type Isolated } from './workflow-harness';

const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
// The function's own timeout (60 s): a first run reads 744 empty hours, slow on a loaded machine.
const sweep = async (time: Date) => (await slaSweep(scheduledEvent(time), lambdaContext('sla-sweep', 60_000))) as SweepResult;
const parkAfterAttempts = 3;
const brokenDueAt = at('2026-11-23 13:12').toISOString();
const brokenBucket = dueIndex.bucket(brokenDueAt);

let env: Isolated;
let broken: string;
let healthy: string;
const marker = uniqueMarker();

const reminders = async (caseNumber: string) =>
  (await noticesOf(caseNumber)).filter((n) => n.topic === 'reminder' && n.deadline === 'first-response').map((n) => n.state);
const resumePoint = async () =>
  String((await dynamo().send(new GetCommand({ TableName: env.tableName, Key: keys.sweepState(), ConsistentRead: true }))).Item?.bucket);

beforeAll(async () => {
  env = await isolatedWorkflow({ complaint: 'PK', report: 'PR' });
  const config = JSON.parse(process.env.STAGE_CONFIG!);
  process.env.STAGE_CONFIG = JSON.stringify({ ...config, escalation: { ...config.escalation, parkAfterAttempts } });
  resetRuntimeSettings();
  // Monday 23 November 2026, 10:00: two level-1 complaints, first-response reminder due 13:12.
  broken = await submit(complaintBody(marker, { subject: { type: 'account', value: `park-a-${marker}` } }), at('2026-11-23 10:00'));
  healthy = await submit(complaintBody(marker, { subject: { type: 'account', value: `park-b-${marker}` } }), at('2026-11-23 10:00'));
  await settle(at('2026-11-23 10:01'));
  // Fault injected on purpose: the broken case's deadline clocks are no longer a list, so every escalation of it throws.
  await dynamo().send(
    new UpdateCommand({ TableName: env.tableName, Key: keys.case(broken), UpdateExpression: 'SET deadlines = :bad', ExpressionAttributeValues: { ':bad': 'corrupted on purpose' } }),
  );
});

describe('a case whose escalation fails forever (fault injected on purpose)', () => {
  it(`is handed ${parkAfterAttempts} times, then parked and recorded, while the other case gets its reminder on time`, async () => {
    const dueAt = brokenDueAt;
    expect(await caseItem(broken)).toMatchObject({ nextDueAt: dueAt, gsi1pk: dueIndex.partition(dueAt, broken) });
    for (let i = 0; i < parkAfterAttempts; i++) {
      const time = new Date(at('2026-11-23 13:15').getTime() + i * 300_000);
      const result = await sweep(time);
      expect(result).toMatchObject({ due: i === 0 ? 2 : 1, parked: 0 });
      expect(result.lagSeconds).toBe(Math.round((time.getTime() - Date.parse(dueAt)) / 1000));
      await settle(time);
    }
    expect(await reminders(healthy)).toEqual(['sent']);
    expect(await reminders(broken)).toEqual([]);

    const parking = await sweep(at('2026-11-23 13:30'));
    expect(parking).toMatchObject({ due: 0, parked: 1, lagSeconds: 0 });
    expect(await caseItem(broken)).toMatchObject({
      gsi1pk: dueIndex.parked,
      gsi1sk: dueIndex.sortKey(dueAt, broken),
      parkedAt: at('2026-11-23 13:30').toISOString(),
      parkedAttempts: parkAfterAttempts,
    });
    // Unreadable for the domain, the case still gets the parking's history entry.
    expect((await partition(broken)).filter((i) => String(i.sk).startsWith('HISTORY#') && i.action === 'park')).toMatchObject([
      { actor: 'system', public: false, note: `escalation failed ${parkAfterAttempts} times for the step due ${dueAt}` },
    ]);
    // The attempt counter went with the parking: a case put back by an operator starts afresh.
    expect((await partition(broken)).filter((i) => String(i.sk).startsWith('SWEEP-ATTEMPTS#'))).toEqual([]);
    // Parked cases are not read again; the resume point moves on with the lag floor.
    expect(await sweep(at('2026-11-23 13:35'))).toMatchObject({ due: 0, parked: 0 });
    await sweep(at('2026-11-23 16:00'));
    expect(await resumePoint()).toBe(dueIndex.bucket(at('2026-11-23 14:00').toISOString()));
  });

  it('more than the 31-day read cap later, daily sweeps still bring a new case its reminder, exactly once', async () => {
    // A sweep every day for five weeks (the healthy case's ladder goes on meanwhile).
    for (let day = 1; day <= 35; day++) {
      const time = new Date(at('2026-11-23 13:40').getTime() + day * 86_400_000);
      await sweep(time);
      // Never held at the broken case's hour again (else, past 31 days, no run would reach now).
      expect(await resumePoint()).toSatisfy((bucket: string) => bucket > brokenBucket);
      await settle(time);
    }
    // Monday 28 December 2026, 35 days after the broken case fell due.
    const late = await submit(complaintBody(marker, { subject: { type: 'account', value: `park-c-${marker}` } }), at('2026-12-28 10:00'));
    await settle(at('2026-12-28 10:01'));
    await sweep(at('2026-12-28 13:15'));
    await settle(at('2026-12-28 13:15'));
    await sweep(at('2026-12-28 13:20'));
    await settle(at('2026-12-28 13:20'));
    expect(await reminders(late)).toEqual(['sent']);
    const assignee = String((await caseItem(late)).assignee);
    expect((await mailsTo(assignee)).filter((m) => m.subject.includes(late) && m.subject.includes('时限提醒'))).toHaveLength(1);
    expect((await caseItem(broken)).gsi1pk).toBe(dueIndex.parked);
  });
});
