/**
 * The report of a hand-computed month (October 2026, Asia/Shanghai), built the way the
 * system builds it: case changes → bucket updates → aggregates → report. Every expected
 * figure below is worked out by hand in the comments, not taken from a run.
 */
import { describe, expect, it } from 'vitest';
import { buildReport, buildTransparencySummary, publicCount } from '../../../shared/domain/report';
import { updatesOfNotice, type CaseChange } from '../../../shared/domain/statistics';
import { reportSchema, transparencySchema } from '../../../shared/schemas/report';
import { localConfig } from './fixtures';
import { BucketStore, change, classified, next, resolvedAfter, zone } from './statistics-fixtures';

const categories = localConfig.categories.map((c) => c.id);

/**
 * Eleven results went out in October, after (hours) 0.5, 3, 3, 10, 20, 30, 125, 130, 150,
 * 160 and 800; the first eight on time. The 800 h case was received on 5 September.
 * Buckets (upper bounds 1, 2, 4, 8, 12, 24, 48, 72, 120, 168, …, 720, above):
 * ≤1: 1 | (2,4]: 2 | (8,12]: 1 | (12,24]: 1 | (24,48]: 1 | (120,168]: 4 | >720: 1.
 * - mean = 1431.5 / 11 = 130.136… → 130.14
 * - p90: rank 0.9 × 11 = 9.9; 6 values lie below (120,168], which holds 4:
 *   120 + 48 × (9.9 − 6) / 4 = 166.8
 * - median: rank 5.5; 5 below (24,48], which holds 1: 24 + 24 × 0.5 / 1 = 36
 * - on time 8 / 11 = 0.7273
 */
const reported = { type: 'account', value: '@ZhangSan' } as const;

function octoberChanges(): CaseChange[] {
  const hours = [0.5, 3, 3, 10, 20, 30, 125, 130, 150, 160];
  const resolved = hours.flatMap((h, i) => resolvedAfter(`TS-202610${String(i + 2).padStart(2, '0')}-0001`, `2026-10-${String(i + 2).padStart(2, '0')}T02:00:00.000Z`, h, i < 8));
  const september = resolvedAfter('TS-20260905-0001', '2026-09-04T16:00:00.000Z', 800, false);

  // The first resolved case was reclassified from service-quality to privacy: it counts once, as privacy.
  const [, firstReply] = resolved;
  const reclassified = next(firstReply!.after, { category: 'privacy' });

  // Five reports about one account (a person: counted under a pseudonym): two rejected at review (never classified), three open; one open report is marked malicious.
  const rejected = [1, 2].map((n) => {
    const received = classified(`JB-20261012-000${n}`, '2026-10-12T03:00:00.000Z', { kind: 'report', category: 'fraud', status: 'received', version: 2, subject: reported });
    const { classifiedAt: _, type: __, level: ___, ...unclassified } = received;
    return change(unclassified, { ...unclassified, status: 'rejected', version: 3 }, '2026-10-12T05:00:00.000Z');
  });
  // Received at 00:30 on 1 October in Shanghai (still 30 September in UTC): October's.
  const open = [
    classified('JB-20261001-0001', '2026-09-30T16:30:00.000Z', { kind: 'report', type: 'report', category: 'fraud', level: 3, priority: 'major', subject: reported }),
    classified('JB-20261013-0001', '2026-10-13T03:00:00.000Z', { kind: 'report', type: 'report', category: 'fraud', level: 2, priority: 'hot', subject: reported }),
    classified('JB-20261014-0001', '2026-10-14T03:00:00.000Z', { kind: 'report', type: 'report', category: 'illegal-content', level: 3, subject: reported }),
  ];
  const malicious = next(open[2]!, { malicious: true, status: 'closed' });

  // A merged duplicate (重复投诉) never counts as a second case.
  const duplicate = classified('TS-20261015-0002', '2026-10-15T03:00:00.000Z', { status: 'closed', closeReason: 'duplicate' });
  // 00:30 on 1 November in Shanghai: November's, not October's.
  const november = classified('TS-20261101-0001', '2026-10-31T16:30:00.000Z');

  // Appeals on two resolved cases, one changed by the review; three survey answers.
  const [a, b, c] = [resolved[3]!.after, resolved[5]!.after, resolved[7]!.after];
  const appealedA = next(a, { status: 'appealed', appealedAt: '2026-10-20T02:00:00.000Z' });
  const reviewedA = next(appealedA, { status: 'closed', reviewedAt: '2026-10-22T02:00:00.000Z', reviewChanged: true });
  const appealedB = next(b, { status: 'appealed', appealedAt: '2026-10-21T02:00:00.000Z' });
  const reviewedB = next(appealedB, { status: 'closed', reviewedAt: '2026-10-23T02:00:00.000Z', reviewChanged: false });
  const surveyed = [
    [reviewedA, { resolved: true, score: 5, at: '2026-10-24T02:00:00.000Z' }],
    [reviewedB, { resolved: true, score: 4, at: '2026-10-24T03:00:00.000Z' }],
    [c, { resolved: false, score: 2, at: '2026-10-24T04:00:00.000Z' }],
  ] as const;

  return [
    ...resolved,
    ...september,
    change(firstReply!.after, reclassified, '2026-10-05T00:00:00.000Z'),
    ...rejected,
    ...open.map((s) => change(undefined, s)),
    change(open[2], malicious, '2026-10-16T00:00:00.000Z'),
    change(undefined, duplicate),
    change(undefined, november),
    change(a, appealedA, appealedA.appealedAt),
    change(appealedA, reviewedA, reviewedA.reviewedAt),
    change(b, appealedB, appealedB.appealedAt),
    change(appealedB, reviewedB, reviewedB.reviewedAt),
    ...surveyed.map(([s, feedback]) => change(s, next(s, { feedback }), feedback.at)),
  ];
}

function october(): BucketStore {
  const store = new BucketStore().record(octoberChanges());
  const notices = [
    { key: 'JB-20261013-0001#initial-investigation#1#0#supervisor', caseNumber: 'JB-20261013-0001', topic: 'overdue' as const, at: '2026-10-15T03:00:00.000Z' },
    // A second missed deadline of the same case in the same month: still one overdue case.
    { key: 'JB-20261013-0001#progress-feedback#1#0#supervisor', caseNumber: 'JB-20261013-0001', topic: 'overdue' as const, at: '2026-10-16T03:00:00.000Z' },
    { key: 'TS-20261011-0001#resolution#1#0#supervisor', caseNumber: 'TS-20261011-0001', topic: 'overdue' as const, at: '2026-10-12T03:00:00.000Z' },
    { key: 'JB-20261013-0001#management-group#1#0#management-group', caseNumber: 'JB-20261013-0001', topic: 'management-group' as const, at: '2026-10-20T01:00:00.000Z' },
    { key: 'JB-20261013-0001#reminder#1#0#assignee', caseNumber: 'JB-20261013-0001', topic: 'reminder' as const, at: '2026-10-14T03:00:00.000Z' },
  ];
  for (const n of notices) store.apply(updatesOfNotice(n, zone));
  return store;
}

const build = (store: BucketStore) =>
  buildReport({
    aggregate: store.get('2026-10'),
    earlier: [store.get('2026-09')],
    hotAndMajor: [
      { caseNumber: 'JB-20261001-0001', priority: 'major', status: 'in-progress' },
      { caseNumber: 'JB-20261013-0001', priority: 'hot', status: 'in-progress' },
    ],
    categories,
    generatedAt: new Date('2026-11-01T01:00:00.000Z'),
    timeZone: zone,
  });

describe('the report of a hand-computed month', () => {
  const report = build(october());

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
    expect(report.received.byChannel).toEqual({ web: 15, api: 0, staff: 0 });
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
    expect(report.trend).toEqual([
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
