import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthsUpTo, retentionCutoff, retentionEnded } from '../../../shared/domain/retention';

/** closedAt plus `months` calendar months, the day clamped to the month's last (what "12 months after closing" means). */
function monthsAfter(closedAt: Date, months: number): Date {
  const first = new Date(Date.UTC(closedAt.getUTCFullYear(), closedAt.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  const end = new Date(closedAt);
  end.setUTCFullYear(first.getUTCFullYear(), first.getUTCMonth(), Math.min(closedAt.getUTCDate(), lastDay));
  return end;
}

describe('retention after closing', () => {
  it('ends on the same day and time twelve months later', () => {
    expect(retentionEnded('2026-11-23T02:00:00.000Z', new Date('2027-11-23T01:59:59.999Z'), 12)).toBe(false);
    expect(retentionEnded('2026-11-23T02:00:00.000Z', new Date('2027-11-23T02:00:00.000Z'), 12)).toBe(true);
  });

  it('clamps the day at a month end: now 31 March less one month is 28 February', () => {
    expect(retentionCutoff(new Date('2027-03-31T10:00:00.000Z'), 1).toISOString()).toBe('2027-02-28T10:00:00.000Z');
    expect(retentionCutoff(new Date('2028-02-29T10:00:00.000Z'), 12).toISOString()).toBe('2027-02-28T10:00:00.000Z');
  });

  it('never erases a case before its retention has passed, and always once it has (property)', () => {
    const instant = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2035-12-31T23:59:59Z'), noInvalidDate: true });
    fc.assert(
      fc.property(instant, instant, fc.integer({ min: 12, max: 120 }), (closedAt, now, months) => {
        const ended = retentionEnded(closedAt.toISOString(), now, months);
        if (ended) expect(monthsAfter(closedAt, months).getTime()).toBeLessThanOrEqual(now.getTime());
        if (now.getTime() >= monthsAfter(closedAt, months).getTime() + 3 * 86_400_000) expect(ended).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the month buckets from the lookback up to the cutoff month', () => {
    expect(monthsUpTo(new Date('2027-02-10T00:00:00Z'), 3)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
  });
});
