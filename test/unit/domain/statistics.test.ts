import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketOf, emptyHistogram, handlingHourBounds, mergeHistograms, quantileHours, totalOf, type Histogram } from '../../../shared/domain/histogram';
import { updatesOfChange, updatesOfNotice, type CaseChange, type StatisticsCase } from '../../../shared/domain/statistics';
import { mergeSubjectSummaries, observeSubject, overcountBound, emptySubjectSummary, subjectLabel, topSubjects, type SubjectSummary } from '../../../shared/domain/top-subjects';
import { BucketStore, change, classified, next, resolvedAfter, zone } from './statistics-fixtures';

/** Any sequence of states of one case, sensible or not: the guarantees may not rest on the workflow behaving. */
const caseHistory = fc
  .array(
    fc.record({
      category: fc.constantFrom('service-quality', 'privacy', 'fraud'),
      level: fc.constantFrom(1, 2, 3, undefined),
      priority: fc.constantFrom('general', 'hot', 'major', undefined),
      status: fc.constantFrom('received', 'assigned', 'replied', 'rejected', 'closed'),
      classified: fc.boolean(),
      duplicate: fc.boolean(),
      replied: fc.boolean(),
      appealed: fc.boolean(),
      malicious: fc.boolean(),
      feedbackAt: fc.constantFrom(undefined, '2026-10-20T00:00:00.000Z', '2026-10-21T00:00:00.000Z'),
      at: fc.date({ min: new Date('2026-09-25T00:00:00Z'), max: new Date('2026-11-05T00:00:00Z'), noInvalidDate: true }),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((steps) =>
    steps.map((s, i): CaseChange['after'] & { at: string } => ({
      ...classified('TS-20261002-0001', '2026-10-02T02:00:00.000Z'),
      version: i + 1,
      category: s.category,
      ...(s.level ? { level: s.level as 1 | 2 | 3 } : { level: undefined }),
      ...(s.priority ? { priority: s.priority as 'general' } : { priority: undefined }),
      status: s.status as StatisticsCase['status'],
      classifiedAt: s.classified ? '2026-10-02T02:01:00.000Z' : undefined,
      closeReason: s.duplicate ? 'duplicate' : undefined,
      repliedAt: s.replied ? '2026-10-03T02:00:00.000Z' : undefined,
      appealedAt: s.appealed ? '2026-10-10T00:00:00.000Z' : undefined,
      malicious: s.malicious,
      feedback: s.feedbackAt ? { resolved: true, score: 4, at: s.feedbackAt } : undefined,
      at: s.at.toISOString(),
    })),
  );

const changesOf = (states: readonly (StatisticsCase & { at: string })[]): CaseChange[] =>
  states.map(({ at, ...after }, i) => {
    const previous = states[i - 1];
    if (!previous) return { at, after };
    const { at: _, ...before } = previous;
    return { at, before, after };
  });

const snapshot = (store: BucketStore) => JSON.stringify([...store.buckets].sort(([a], [b]) => (a < b ? -1 : 1)));

describe('counting case changes into buckets', () => {
  it('no counter is ever negative, after any prefix of any history (property)', () => {
    fc.assert(
      fc.property(caseHistory, (states) => {
        const store = new BucketStore();
        for (const c of changesOf(states)) {
          store.record([c]);
          for (const bucket of store.buckets.values()) for (const value of Object.values(bucket.counters)) expect(value).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('a redelivered or replayed change never counts twice (property)', () => {
    fc.assert(
      fc.property(caseHistory, fc.array(fc.nat(), { maxLength: 10 }), (states, repeats) => {
        const changes = changesOf(states);
        const once = new BucketStore().record(changes);
        const twice = new BucketStore();
        for (const [i, c] of changes.entries()) {
          twice.record([c]);
          // Redeliveries of this change and of earlier ones, then a full replay.
          for (const r of repeats) twice.record([changes[r % (i + 1)]!]);
        }
        twice.record(changes);
        expect(snapshot(twice)).toBe(snapshot(once));
      }),
    );
  });

  it('a case counts once in received, whatever its history: 0 or 1 in its receipt month (property)', () => {
    fc.assert(
      fc.property(caseHistory, (states) => {
        const store = new BucketStore().record(changesOf(states));
        const last = states[states.length - 1]!;
        const counted = last.closeReason !== 'duplicate' && (last.classifiedAt !== undefined || ['rejected', 'closed'].includes(last.status));
        expect(store.get('2026-10').counters.received ?? 0).toBe(counted ? 1 : 0);
        expect(store.get('2026-W40').counters.received ?? 0).toBe(counted ? 1 : 0);
      }),
    );
  });

  it('a merged duplicate counts nothing, neither received nor its subject', () => {
    const duplicate = classified('TS-20261015-0002', '2026-10-15T03:00:00.000Z', { status: 'closed', closeReason: 'duplicate' });
    const registered = { ...duplicate, status: 'received' as const, version: 1, classifiedAt: undefined, closeReason: undefined };
    const store = new BucketStore().record([change(undefined, registered), change(registered, duplicate)]);
    expect(store.buckets.size).toBe(0);
  });

  it('a reclassified case moves between categories in its receipt month, even when reclassified a month later', () => {
    const [first, replied] = resolvedAfter('TS-20261030-0001', '2026-10-30T02:00:00.000Z', 3, true);
    const moved = next(replied!.after, { category: 'privacy', priority: 'hot' });
    const store = new BucketStore().record([first!, replied!, change(replied!.after, moved, '2026-11-03T00:00:00.000Z')]);
    expect(store.get('2026-10').counters).toMatchObject({ received: 1, 'received.category.privacy': 1, 'received.category.service-quality': 0, 'received.priority.hot': 1 });
    expect(store.get('2026-11').counters).toEqual({});
  });

  it('each referral to an authority counts once, in the buckets of the instant it was recorded (报送有关部门)', () => {
    const [first, replied] = resolvedAfter('TS-20261030-0002', '2026-10-30T02:00:00.000Z', 3, true);
    const once = next(replied!.after, { referrals: 1 });
    const twice = next(once, { referrals: 2 });
    const store = new BucketStore().record([first!, replied!, change(replied!.after, once, '2026-11-03T00:00:00.000Z'), change(once, twice, '2026-11-04T00:00:00.000Z')]);
    expect(store.get('2026-11').counters).toEqual({ referrals: 2 });
    expect(store.get('2026-10').counters.referrals).toBeUndefined();
  });

  it('every update id names its case, version and bucket', () => {
    const [first] = resolvedAfter('TS-20261030-0001', '2026-10-30T02:00:00.000Z', 3, true);
    expect(updatesOfChange(first!, zone).map((u) => u.id)).toEqual(['TS-20261030-0001#v3@2026-10', 'TS-20261030-0001#v3@2026-W44']);
  });

  it('overdue counts a case once per bucket; other notices count nothing', () => {
    const notice = { key: 'TS-1#resolution#1#0#supervisor', caseNumber: 'TS-1', topic: 'overdue' as const, at: '2026-10-05T01:00:00.000Z' };
    expect(updatesOfNotice(notice, zone).map((u) => u.id)).toEqual(['TS-1#overdue@2026-10', 'TS-1#overdue@2026-W41']);
    expect(updatesOfNotice({ ...notice, topic: 'reminder' }, zone)).toEqual([]);
  });
});

const histograms = fc.array(fc.nat({ max: 50 }), { minLength: handlingHourBounds.length + 1, maxLength: handlingHourBounds.length + 1 }).chain((counts) =>
  fc.nat({ max: 10_000_000 }).map((sumSeconds): Histogram => ({ counts, sumSeconds })),
);

describe('the handling-time histogram', () => {
  it('merging is associative and commutative, and keeps every value (property)', () => {
    fc.assert(
      fc.property(histograms, histograms, histograms, (a, b, c) => {
        expect(mergeHistograms(mergeHistograms(a, b), c)).toEqual(mergeHistograms(a, mergeHistograms(b, c)));
        expect(mergeHistograms(a, b)).toEqual(mergeHistograms(b, a));
        expect(mergeHistograms(a, emptyHistogram())).toEqual(a);
        expect(totalOf(mergeHistograms(a, b))).toBe(totalOf(a) + totalOf(b));
      }),
    );
  });

  it('p90 lies within the bounds of the bucket that holds the true p90 (property)', () => {
    const hours = fc.array(fc.double({ min: 0, max: 2000, noNaN: true }), { minLength: 1, maxLength: 200 });
    fc.assert(
      fc.property(hours, (values) => {
        const h = values.reduce<Histogram>((acc, v) => {
          const seconds = Math.round(v * 3600);
          const i = bucketOf(seconds);
          return { counts: acc.counts.map((c, j) => (j === i ? c + 1 : c)), sumSeconds: acc.sumSeconds + seconds };
        }, emptyHistogram());
        const sorted = values.map((v) => Math.round(v * 3600)).sort((x, y) => x - y);
        const truth = sorted[Math.ceil(0.9 * sorted.length) - 1]!; // nearest-rank p90
        const i = bucketOf(truth);
        const lower = i === 0 ? 0 : handlingHourBounds[i - 1]!;
        const upper = handlingHourBounds[i] ?? handlingHourBounds[handlingHourBounds.length - 1]!;
        const p90 = quantileHours(h, 0.9)!;
        expect(p90).toBeGreaterThanOrEqual(lower);
        expect(p90).toBeLessThanOrEqual(upper);
        expect(quantileHours(h, 0.5)!).toBeLessThanOrEqual(p90);
      }),
    );
  });
});

describe('top subjects (Space-Saving)', () => {
  it('keeps every count within observed / capacity of the truth, and never misses a frequent subject (property)', () => {
    const capacity = 8;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 300 }), (stream) => {
        const truth = new Map<string, number>();
        let summary = emptySubjectSummary();
        for (const n of stream) {
          const label = `url:site-${n}.cn`;
          truth.set(label, (truth.get(label) ?? 0) + 1);
          summary = observeSubject(summary, label, capacity);
        }
        const bound = stream.length / capacity;
        expect(summary.entries.length).toBeLessThanOrEqual(capacity);
        expect(overcountBound(summary, capacity)).toBeLessThanOrEqual(bound);
        for (const e of summary.entries) {
          const real = truth.get(e.label)!;
          expect(e.count).toBeGreaterThanOrEqual(real);
          expect(e.count - e.error).toBeLessThanOrEqual(real);
          expect(e.count - real).toBeLessThanOrEqual(overcountBound(summary, capacity));
        }
        for (const [label, real] of truth) if (real > bound) expect(summary.entries.some((e) => e.label === label)).toBe(true);
        expect(topSubjects(summary, 3).length).toBe(Math.min(3, summary.entries.length));
      }),
    );
  });

  it('the shards of a period merge into one summary that still bounds every count (property)', () => {
    const capacity = 8;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 3 })), { minLength: 60, maxLength: 400 }), (stream) => {
        const truth = new Map<string, number>();
        const shards: SubjectSummary[] = [0, 1, 2, 3].map(() => emptySubjectSummary());
        for (const [n, shard] of stream) {
          const label = `url:site-${n}.cn`;
          truth.set(label, (truth.get(label) ?? 0) + 1);
          shards[shard] = observeSubject(shards[shard]!, label, capacity);
        }
        const merged = mergeSubjectSummaries(shards, capacity);
        expect(merged.observed).toBe(stream.length);
        expect(merged.entries.length).toBeLessThanOrEqual(capacity);
        for (const e of merged.entries) {
          const real = truth.get(e.label)!;
          expect(e.count).toBeGreaterThanOrEqual(real);
          expect(e.count - e.error).toBeLessThanOrEqual(real);
          expect(e.error).toBeLessThanOrEqual(stream.length / capacity);
        }
      }),
    );
  });

  it('one filled shard merges to itself', () => {
    const one = observeSubject(observeSubject(emptySubjectSummary(), 'url:a.cn'), 'url:b.cn');
    expect(mergeSubjectSummaries([emptySubjectSummary(), one, emptySubjectSummary()])).toEqual(one);
    expect(mergeSubjectSummaries([emptySubjectSummary()])).toEqual(emptySubjectSummary());
  });

  it('never keeps the value of a subject that may name a person; URLs by host only', () => {
    expect(subjectLabel({ type: 'staff', value: '李四' })).toMatch(/^staff:#[0-9a-f]{12}$/);
    expect(subjectLabel({ type: 'account', value: '@ZhangSan' })).toBe(subjectLabel({ type: 'account', value: 'zhangsan' }));
    expect(subjectLabel({ type: 'other', value: '王五的店' })).not.toContain('王五');
    expect(subjectLabel({ type: 'url', value: 'https://weibo.example.cn/u/zhangsan?phone=13800138000' })).toBe('url:weibo.example.cn');
    expect(subjectLabel({ type: 'icp-filing', value: '京icp备 12345678号－1' })).toBe('icp-filing:京ICP备12345678号-1');
  });
});
