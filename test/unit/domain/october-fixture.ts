/**
 * A month of cases (October 2026, Asia/Shanghai) whose figures are worked out by hand
 * (report-arithmetic.test.ts checks them); the rendering tests render it.
 */
import { buildReport } from '../../../shared/domain/report';
import { updatesOfNotice, type CaseChange } from '../../../shared/domain/statistics';
import type { Report } from '../../../shared/schemas/report';
import { localConfig } from './fixtures';
import { BucketStore, change, classified, next, resolvedAfter, zone } from './statistics-fixtures';

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

export function october(): BucketStore {
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


/** October's report, with the hot and major cases the wiring would pass in (the major one with its final report). */
export const octoberReport = (store: BucketStore): Report =>
  buildReport({
    aggregate: store.get('2026-10'),
    earlier: [store.get('2026-09')],
    hotAndMajor: [
      {
        caseNumber: 'JB-20261001-0001',
        priority: 'major',
        status: 'closed',
        detailedReport: {
          whatHappened: '仿冒登录页面在 10 月 1 日至 3 日间被多次举报。',
          causes: '域名注册商未及时处理仿冒域名。',
          measures: '与注册商建立快速处置渠道；登录页增加官方域名提示。',
        },
      },
      { caseNumber: 'JB-20261013-0001', priority: 'hot', status: 'in-progress' },
    ],
    categories: localConfig.categories.map((c) => c.id),
    generatedAt: new Date('2026-11-01T01:00:00.000Z'),
    timeZone: zone,
  });

