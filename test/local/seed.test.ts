/**
 * `npm run seed` against a whole local system of its own (every port free-chosen, so it
 * runs beside the shared test system and `npm start`): twenty cases of October through
 * the public API and the staff actions, then the monthly schedule, and the report at
 * `GET /staff/reports/2026-10` has those figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSeed, type SeedSummary } from '../../local/seed-run';
import { seedPlan } from '../../local/seed-plan';
import { staffIdToken } from '../../local/staff-sign-in';
import { startLocalSystem, type LocalSystem } from '../../local/system';
import { loadStageConfig } from '../../shared/config/load-stage-config';
import { resetRuntimeSettings } from '../../shared/config/runtime';
import { periodSpan } from '../../shared/domain/report-period';

const config = loadStageConfig('local');
const savedEnv = { ...process.env };
let system: LocalSystem;
let summary: SeedSummary;

beforeAll(async () => {
  system = await startLocalSystem({
    ports: { gateway: 0, dynamodb: 0, sqs: 0, ses: 0, cognito: 0, s3: 0, control: 0 },
    quiet: true,
    scheduleTimers: false,
    jvm: 'fast-start',
    env: { POWERTOOLS_LOG_LEVEL: 'ERROR', POWERTOOLS_METRICS_DISABLED: 'true' },
  });
  summary = await runSeed({ month: '2026-10', cases: 20, config, controlUrl: system.urls.control! });
}, 600_000);

afterAll(async () => {
  await system?.stop();
  process.env = savedEnv;
  resetRuntimeSettings();
});

describe('npm run seed (20 cases of October on a system of its own)', () => {
  it('every case is received, every planned step is taken, and the clock is back to real time', () => {
    expect(summary.refused).toEqual([]);
    expect(summary.skipped).toEqual([]);
    expect(summary.submitted).toBe(20);
    const plan = seedPlan('2026-10', 20, config);
    expect(summary.results).toHaveLength(plan.filter((c) => c.handling).length);
    expect(summary.feedback + summary.appeals).toBeGreaterThan(0);
    expect(Math.abs(system.clock.now().getTime() - Date.now())).toBeLessThan(5_000);
  });

  it('the monthly report of October has the seeded figures, at /staff/reports/2026-10 too', async () => {
    const run = await system.runSchedule('monthly-report', '2026-11-01T09:00:00+08:00');
    expect(run).toMatchObject({ ok: true, result: { outcome: 'mailed', period: '2026-10' } });
    const token = await staffIdToken(system.staffPool, 'director@example.org');
    const answer = await fetch(`${system.urls.gateway}/staff/reports/2026-10`, { headers: { authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(200);
    const report = (await answer.json()) as { received: { total: number; byKind: Record<string, number> }; resolved: number; appeals: { total: number }; satisfaction: { responses: number } };

    const plan = seedPlan('2026-10', 20, config);
    const { start, end } = periodSpan('2026-10', config.timeZone);
    const inOctober = (at: Date) => at >= start && at < end;
    expect(report.received.total).toBe(20);
    expect(report.received.byKind).toEqual({ complaint: plan.filter((c) => c.body.kind === 'complaint').length, report: plan.filter((c) => c.body.kind === 'report').length });
    expect(report.resolved).toBe(summary.results.filter(inOctober).length);
    expect(report.appeals.total).toBe(plan.filter((c) => c.handling?.appeal && inOctober(c.handling.appeal.at)).length);
    expect(report.satisfaction.responses).toBe(plan.filter((c) => c.handling?.feedback && inOctober(c.handling.feedback.at)).length);
  });

  it('a second run (another generator seed, as the command takes) adds its cases: nothing refused, no step skipped', async () => {
    const again = await runSeed({ month: '2026-10', cases: 3, config, controlUrl: system.urls.control!, seed: 7 });
    expect([again.submitted, again.refused, again.skipped]).toEqual([3, [], []]);
  });
});
