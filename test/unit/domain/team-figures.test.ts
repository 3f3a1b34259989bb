/**
 * 效果考核 / 绩效考核 (issue 21 item 12; seeds 002 and 004): the management report's figures per
 * department and per handler, from the buckets the case changes update, for a known set of
 * cases worked out by hand. Pure: the statistics' updates applied as the storage does.
 */
import { describe, expect, it } from 'vitest';
import { buildReport, teamFigures } from '../../../shared/domain/report';
import { reportSchema } from '../../../shared/schemas/report';
import { counter, teamCounterOf } from '../../../shared/domain/statistics-counters';
import { BucketStore, change, classified, next, resolvedAfter } from './statistics-fixtures';

const cs = { department: 'customer-service' };
const liNa = { ...cs, assignee: 'li.na@example.org' };
const zhaoLei = { ...cs, assignee: 'Zhao.Lei@example.org' };

function month(): BucketStore {
  const store = new BucketStore();
  // A: li.na, 3 h, on time; answered resolved, score 5.
  const [a0, a1] = resolvedAfter('TS-20261005-0001', '2026-10-05T02:00:00.000Z', 3, true, liNa);
  const a2 = next(a1!.after, { status: 'closed', feedback: { resolved: true, score: 5, at: '2026-10-09T00:00:00.000Z' } });
  // B: li.na, 10 h, late; answered unresolved (score 2), reopened; appealed after the second reply.
  const [b0, b1] = resolvedAfter('TS-20261005-0002', '2026-10-05T02:00:00.000Z', 10, false, liNa);
  const b2 = next(b1!.after, { status: 'reopened', reopenedAt: '2026-10-09T00:00:00.000Z', feedback: { resolved: false, score: 2, at: '2026-10-09T00:00:00.000Z' } });
  const b3 = next(b2, { status: 'appealed', appealedAt: '2026-10-15T00:00:00.000Z' });
  // C: zhao.lei (written in another case), 30 h, on time.
  const [c0, c1] = resolvedAfter('TS-20261006-0001', '2026-10-06T02:00:00.000Z', 30, true, zhaoLei);
  // D: technology, liu.yang, not answered yet.
  const d0 = classified('TS-20261007-0001', '2026-10-07T02:00:00.000Z', { department: 'technology', assignee: 'liu.yang@example.org' });
  // E: li.na's, reassigned to zhao.lei: the volume moves with it.
  const e0 = classified('TS-20261008-0001', '2026-10-08T02:00:00.000Z', liNa);
  const e1 = next(e0, { assignee: 'zhao.lei@example.org' });
  return store.record([
    a0!, a1!, change(a1!.after, a2, '2026-10-09T00:00:00.000Z'),
    b0!, b1!, change(b1!.after, b2, '2026-10-09T00:00:00.000Z'), change(b2, b3, '2026-10-15T00:00:00.000Z'),
    c0!, c1!,
    change(undefined, d0),
    change(undefined, e0), change(e0, e1, '2026-10-10T00:00:00.000Z'),
  ]);
}

describe('per department and per handler (效果考核)', () => {
  const october = month().get('2026-10');

  it('per handler: volume, replies, on-time share, median hours to reply, reopen and appeal shares, satisfaction', () => {
    expect(teamFigures(october, 'handler')).toEqual({
      'li.na@example.org': {
        received: 2,
        resolved: 2,
        onTimeShare: 0.5,
        // 3 h in (2, 4], 10 h in (8, 12]: the median's rank 1 ends the first bucket.
        medianHoursToReply: 4,
        reopenedShare: 0.5,
        appealShare: 0.5,
        satisfaction: { responses: 2, resolvedShare: 0.5, meanScore: 3.5 },
      },
      'liu.yang@example.org': { received: 1, resolved: 0, onTimeShare: null, medianHoursToReply: null, reopenedShare: null, appealShare: null, satisfaction: { responses: 0, resolvedShare: null, meanScore: null } },
      // One address, however it was written.
      'zhao.lei@example.org': { received: 2, resolved: 1, onTimeShare: 1, medianHoursToReply: 36, reopenedShare: 0, appealShare: 0, satisfaction: { responses: 0, resolvedShare: null, meanScore: null } },
    });
  });

  it('per department: the same events summed over its handlers', () => {
    expect(teamFigures(october, 'department')).toEqual({
      'customer-service': {
        received: 4,
        resolved: 3,
        onTimeShare: 0.6667,
        // 3, 10 and 30 h: rank 1.5 falls half-way into (8, 12].
        medianHoursToReply: 10,
        reopenedShare: 0.3333,
        appealShare: 0.3333,
        satisfaction: { responses: 2, resolvedShare: 0.5, meanScore: 3.5 },
      },
      technology: { received: 1, resolved: 0, onTimeShare: null, medianHoursToReply: null, reopenedShare: null, appealShare: null, satisfaction: { responses: 0, resolvedShare: null, meanScore: null } },
    });
  });

  it('the stored report carries them (byDepartment, byHandler) and keeps to its schema', () => {
    const report = buildReport({ aggregate: october, earlier: [], hotAndMajor: [], categories: ['service-quality'], generatedAt: new Date('2026-11-01T01:00:00Z'), timeZone: 'Asia/Shanghai' });
    expect(reportSchema.parse(report)).toEqual(report);
    expect(Object.keys(report.byDepartment)).toEqual(['customer-service', 'technology']);
    expect(report.byHandler['li.na@example.org']!.resolved).toBe(2);
  });

  it('a team counter\'s name gives back its scope, id and figure (the storage keeps each team in an item of its own)', () => {
    expect(teamCounterOf(counter.team('handler', 'li.na@example.org', 'handling.3'))).toEqual({ scope: 'handler', id: 'li.na@example.org', figure: 'handling.3' });
    expect(teamCounterOf(counter.team('department', 'customer-service', 'received'))).toEqual({ scope: 'department', id: 'customer-service', figure: 'received' });
    expect(teamCounterOf(counter.receivedBy('category', 'service-quality'))).toBeUndefined();
  });
});
