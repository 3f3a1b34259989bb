import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { receiptDay } from '../../../shared/domain/case-number';
import { instantAt, intlOffsetAt, offsetAt, wallClock } from '../../../shared/domain/time-zone';

const from1992 = Date.UTC(1992, 0, 1);
const until2100 = Date.UTC(2100, 11, 31);
const instants = fc.integer({ min: from1992, max: until2100 });

/** The day as Intl formats it in the zone (what receiptDay computed before it went through wallClock). */
const intlDay = (instant: Date, timeZone: string): string => {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}${part('month')}${part('day')}`;
};

describe('time zones without Intl (the fixed-offset zones a cold start answers without loading ICU)', () => {
  it.each(['Asia/Shanghai', 'Asia/Hong_Kong', 'UTC', 'Etc/UTC'])('%s: the offset is the runtime tz data\'s at every instant from 1992 to 2100', (zone) => {
    fc.assert(fc.property(instants, (ms) => offsetAt(ms, zone) === intlOffsetAt(ms, zone)), { numRuns: 2000 });
  });

  it('before 1992 Asia/Shanghai still goes through Intl (daylight saving time 1986-1991)', () => {
    const summer1990 = Date.UTC(1990, 6, 1);
    expect(offsetAt(summer1990, 'Asia/Shanghai')).toBe(9 * 3_600_000);
  });

  it('a zone with daylight saving time keeps its Intl offsets', () => {
    expect(offsetAt(Date.UTC(2026, 6, 1), 'America/New_York')).toBe(-4 * 3_600_000);
    expect(offsetAt(Date.UTC(2026, 0, 1), 'America/New_York')).toBe(-5 * 3_600_000);
  });

  it.each(['Asia/Shanghai', 'America/New_York', 'Europe/Berlin'])('%s: the receipt day of a case number is the day Intl gives, and wall clock round-trips', (zone) => {
    fc.assert(
      fc.property(instants, (ms) => {
        const instant = new Date(ms);
        expect(receiptDay(instant, zone)).toBe(intlDay(instant, zone));
        const { date, timeOfDay } = wallClock(instant, zone);
        // Across a DST overlap the earlier instant is named: only the zones without one round-trip exactly.
        if (zone === 'Asia/Shanghai') expect(instantAt(date, timeOfDay, zone).getTime()).toBe(ms);
      }),
      { numRuns: 500 },
    );
  });
});
