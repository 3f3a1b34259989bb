import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoWeekOfDate, monthsOfWeek, periodKindOf, periodSpan, periodsEndingWith, periodsOf, previousPeriod, reportPeriodAt } from '../../../shared/domain/report-period';

const zone = 'Asia/Shanghai';

describe('report periods', () => {
  it.each([
    // ISO week 53 and the year boundary: the week belongs to the year of its Thursday.
    ['2020-12-31', '2020-W53'],
    ['2021-01-03', '2020-W53'],
    ['2021-01-04', '2021-W01'],
    ['2026-12-31', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'],
    ['2025-12-29', '2026-W01'],
    ['2026-11-01', '2026-W44'],
  ])('%s is in ISO week %s', (date, week) => {
    expect(isoWeekOfDate(date)).toBe(week);
  });

  it('reads the wall clock of the stage time zone at midnight', () => {
    expect(periodsOf(new Date('2026-10-31T15:59:59.999Z'), zone)).toEqual({ month: '2026-10', week: '2026-W44' });
    expect(periodsOf(new Date('2026-10-31T16:00:00.000Z'), zone)).toEqual({ month: '2026-11', week: '2026-W44' });
    expect(periodsOf(new Date('2026-12-31T16:00:00.000Z'), zone)).toEqual({ month: '2027-01', week: '2026-W53' });
    expect(periodsOf(new Date('2026-10-31T16:00:00.000Z'), 'UTC')).toEqual({ month: '2026-10', week: '2026-W44' });
  });

  it('spans a period from local midnight to local midnight', () => {
    expect(periodSpan('2026-10', zone)).toEqual({ start: new Date('2026-09-30T16:00:00.000Z'), end: new Date('2026-10-31T16:00:00.000Z') });
    expect(periodSpan('2026-W53', zone)).toEqual({ start: new Date('2026-12-27T16:00:00.000Z'), end: new Date('2027-01-03T16:00:00.000Z') });
    expect(periodSpan('2026-12', zone).end).toEqual(periodSpan('2027-01', zone).start);
  });

  it('knows which years have a week 53', () => {
    expect(periodKindOf('2026-W53')).toBe('week');
    expect(periodKindOf('2025-W53')).toBeUndefined();
    expect(periodKindOf('2026-13')).toBeUndefined();
    expect(periodKindOf('2026-10')).toBe('month');
  });

  it('steps back across years', () => {
    expect(previousPeriod('2027-01')).toBe('2026-12');
    expect(previousPeriod('2027-W01')).toBe('2026-W53');
    expect(previousPeriod('2026-W01')).toBe('2025-W52');
    expect(periodsEndingWith('2026-03', 12)).toEqual(['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
  });

  it('a schedule reports on the period before the one it fires in', () => {
    expect(reportPeriodAt(new Date('2026-11-01T09:00:00+08:00'), 'month', zone)).toBe('2026-10');
    // 1 November 00:30 in Shanghai is still 31 October in UTC: the stage's zone decides.
    expect(reportPeriodAt(new Date('2026-10-31T16:30:00Z'), 'month', zone)).toBe('2026-10');
    expect(reportPeriodAt(new Date('2027-01-04T09:00:00+08:00'), 'week', zone)).toBe('2026-W53');
  });

  it('every instant lies in the span of its own periods (property)', () => {
    const instants = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(instants, fc.constantFrom(zone, 'UTC', 'America/New_York', 'Europe/Berlin'), (instant, timeZone) => {
        for (const period of Object.values(periodsOf(instant, timeZone))) {
          const { start, end } = periodSpan(period, timeZone);
          expect(start.getTime()).toBeLessThanOrEqual(instant.getTime());
          expect(instant.getTime()).toBeLessThan(end.getTime());
          expect(periodSpan(previousPeriod(period), timeZone).end).toEqual(start);
        }
      }),
    );
  });
});

describe('the months of a week (a hot case is listed under its receipt month, with its week)', () => {
  it('one month, or the two a week straddles, or the year a week-1 begins in', () => {
    expect(monthsOfWeek('2026-W07')).toEqual(['2026-02']);
    expect(monthsOfWeek('2026-W14')).toEqual(['2026-03', '2026-04']);
    expect(monthsOfWeek('2026-W01')).toEqual(['2025-12', '2026-01']);
  });

  it('holds the month of every day of the week (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), (d) => {
        const { month, week } = periodsOf(d, 'Asia/Shanghai');
        expect(monthsOfWeek(week)).toContain(month);
      }),
    );
  });
});
