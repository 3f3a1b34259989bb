/**
 * The report of a hand-computed month (October 2026, Asia/Shanghai), built the way the
 * system builds it: case changes → bucket updates → aggregates → report. Every expected
 * figure below is worked out by hand in the comments, not taken from a run.
 */
import { describe, expect, it } from 'vitest';
import { buildReport, buildTransparencySummary, publicCount } from '../../../shared/domain/report';
import { reportSchema, transparencySchema } from '../../../shared/schemas/report';
import { localConfig } from './fixtures';
import { october, octoberReport } from './october-fixture';
import { BucketStore, zone } from './statistics-fixtures';

const categories = localConfig.categories.map((c) => c.id);

/** The hand computation of the figures is in october-fixture.ts, beside the cases. */
describe('the report of a hand-computed month', () => {
  const report = octoberReport(october());

  it('has the api.md shape', () => {
    expect(reportSchema.parse(report)).toEqual(report);
    expect(report.generatedAt).toBe('2026-11-01T09:00:00+08:00');
  });

  it('counts what was received by the wall clock of Shanghai, merged duplicates not at all', () => {
    // 10 complaints resolved in October + 2 rejected + 3 open reports; not the duplicate, not 1 November's.
    expect(report.received.total).toBe(15);
    expect(report.received.byKind).toEqual({ complaint: 10, report: 5 });
    expect(report.received.byCategory).toMatchObject({ 'service-quality': 9, privacy: 1, fraud: 4, 'illegal-content': 1, other: 0 });
    expect(report.received.byType).toMatchObject({ complaint: 10, report: 3, unclassified: 2 });
    expect(report.received.byLevel).toMatchObject({ 1: 10, 2: 1, 3: 2, unclassified: 2 });
    expect(report.received.byPriority).toEqual({ general: 13, important: 0, hot: 1, major: 1 });
    expect(report.received.byChannel).toEqual({ web: 15, api: 0, staff: 0, phone: 0, letter: 0, visit: 0 });
  });

  it('computes mean, p90 and on-time share of the results that went out in the month', () => {
    expect(report.resolved).toBe(11);
    expect(report.handlingHours).toEqual({ mean: 130.14, p90: 166.8 });
    expect(report.onTimeShare).toBe(0.7273);
    // Of the 15 received in October, the 10 whose result went out.
    expect(report.resolutionRate).toBe(0.6667);
    expect(report.rejected).toBe(2);
  });

  it('counts overdue cases once, escalations, appeals, satisfaction', () => {
    expect(report.overdue).toBe(2);
    expect(report.escalated).toBe(1);
    expect(report.appeals).toEqual({ total: 2, changed: 1 });
    // (5 + 4 + 2) / 3 = 3.67; two of three said resolved.
    expect(report.satisfaction).toEqual({ responses: 3, resolvedShare: 0.6667, meanScore: 3.67 });
  });

  it('lists subjects by host, and the trend up to the period', () => {
    expect(report.topSubjects).toEqual([
      { subject: 'url:shop.example.cn', count: 10 },
      { subject: expect.stringMatching(/^account:#[0-9a-f]{12}$/), count: 5 },
    ]);
    expect(JSON.stringify(report).toLowerCase()).not.toContain('zhangsan');
    expect(report.topSubjectsMaxOvercount).toBe(0);
    // Twelve periods; the ten without a bucket count as empty.
    expect(report.trend).toHaveLength(12);
    expect(report.trend[0]).toEqual({ period: '2025-11', received: 0, resolved: 0, onTimeShare: null });
    expect(report.trend.slice(-2)).toEqual([
      { period: '2026-09', received: 1, resolved: 0, onTimeShare: null },
      { period: '2026-10', received: 15, resolved: 11, onTimeShare: 0.7273 },
    ]);
  });

  it('publishes the same month with counts of 1-4 as "<5" and 0 and 5 as they are', () => {
    const summary = buildTransparencySummary(october().get('2026-10'), categories);
    expect(transparencySchema.parse(summary)).toEqual(summary);
    expect(summary).toEqual({
      period: '2026-10',
      received: {
        total: 15,
        byKind: { complaint: 10, report: 5 },
        byCategory: expect.objectContaining({ 'service-quality': 9, privacy: '<5', fraud: '<5', 'illegal-content': '<5', other: 0 }),
      },
      resolved: 11,
      medianHoursToAct: 36,
      onTimeShare: 0.7273,
      appeals: { total: '<5', changed: '<5' },
      maliciousMarked: '<5',
      referrals: 0,
      trustedFlaggerNotices: 0,
      majorCases: [],
    });
  });

  it('a report of an empty period has nulls, not zeros, where nothing was measured', () => {
    const empty = buildReport({ aggregate: new BucketStore().get('2026-08'), earlier: [], hotAndMajor: [], categories, generatedAt: new Date(), timeZone: zone });
    expect(reportSchema.parse(empty).handlingHours).toEqual({ mean: null, p90: null });
    expect([empty.onTimeShare, empty.resolutionRate, empty.satisfaction.meanScore]).toEqual([null, null, null]);
    const summary = buildTransparencySummary(new BucketStore().get('2026-08'), categories);
    expect([summary.received.total, summary.medianHoursToAct, summary.onTimeShare]).toEqual([0, null, null]);
  });
});

describe('suppression at the edges', () => {
  it.each([
    [0, 0],
    [1, '<5'],
    [4, '<5'],
    [5, 5],
    [6, 6],
  ])('%i is published as %s', (n, published) => {
    expect(publicCount(n)).toBe(published);
  });

  it('the schema refuses a published count of 1 to 4', () => {
    const summary = buildTransparencySummary(october().get('2026-10'), categories);
    expect(transparencySchema.safeParse({ ...summary, maliciousMarked: 1 }).success).toBe(false);
    expect(transparencySchema.safeParse({ ...summary, maliciousMarked: 4 }).success).toBe(false);
  });
});
