import { describe, expect, it } from 'vitest';
import {
  calendarWarnings,
  calendarWarningsAt,
  clockStart,
  dayInfo,
  isWorkingDay,
  isWorkingTime,
  workingCalendar,
  workingTimeBetween,
} from '../../../shared/domain/calendar';
import { noHolidaySource, statutoryHolidays } from '../../../shared/domain/holiday-data';
import { formatInstant } from '../../../shared/domain/time-zone';
import { at, localConfig, shanghai } from './fixtures';

const HOUR = 3_600_000;

describe('working days of mainland China (chinese-days data)', () => {
  it.each([
    // 2026 Mid-autumn and National Day (State Council notice of 2025-11-04): 9/25-27 and 10/1-7 off; 9/20 and 10/10 worked
    ['2026-09-18', true, 'working day'],
    ['2026-09-19', false, 'weekend'],
    ['2026-09-20', true, 'make-up working day'],
    ['2026-09-25', false, 'holiday'],
    ['2026-09-28', true, 'working day'],
    ['2026-10-01', false, 'holiday'],
    ['2026-10-05', false, 'holiday'],
    ['2026-10-07', false, 'holiday'],
    ['2026-10-08', true, 'working day'],
    ['2026-10-10', true, 'make-up working day'],
    ['2026-10-11', false, 'weekend'],
    // 2026 Spring Festival: 2/15-23 off, 2/14 and 2/28 worked
    ['2026-02-14', true, 'make-up working day'],
    ['2026-02-20', false, 'holiday'],
    ['2026-02-23', false, 'holiday'],
    ['2026-02-24', true, 'working day'],
    ['2026-02-28', true, 'make-up working day'],
  ] as const)('%s working=%s (%s)', (date, working, reason) => {
    expect(dayInfo(shanghai, date)).toMatchObject({ working, reason, decidedBy: 'chinese-days@1.5.7' });
  });
});

describe('a year without a published arrangement (2027 in chinese-days 1.5.7)', () => {
  it('uses weekdays minus the statutory holidays, Spring Festival included', () => {
    expect(statutoryHolidays(2027)).toEqual([
      '2027-01-01',
      '2027-02-05', // 除夕
      '2027-02-06', // 正月初一
      '2027-02-07',
      '2027-02-08',
      '2027-04-05', // 清明
      '2027-05-01',
      '2027-05-02',
      '2027-06-09', // 端午
      '2027-09-15', // 中秋
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ]);
    expect(dayInfo(shanghai, '2027-02-04')).toMatchObject({ working: true, decidedBy: 'fallback' });
    expect(dayInfo(shanghai, '2027-02-05')).toMatchObject({ working: false, reason: 'statutory holiday (no published arrangement)' });
    expect(dayInfo(shanghai, '2027-02-08')).toMatchObject({ working: false, reason: 'statutory holiday (no published arrangement)' });
    expect(dayInfo(shanghai, '2027-02-09')).toMatchObject({ working: true });
    expect(dayInfo(shanghai, '2027-02-13')).toMatchObject({ working: false, reason: 'weekend' });
  });

  it('says so loudly, naming the year and what to do', () => {
    expect(calendarWarnings(shanghai, 2026)).toEqual([]);
    const [warning] = calendarWarnings(shanghai, 2027);
    expect(warning).toContain('No published holiday arrangement for 2027');
    expect(warning).toContain('2027-02-05, 2027-02-06, 2027-02-07, 2027-02-08');
    expect(warning).toContain('calendar.arrangements');
    expect(calendarWarningsAt(shanghai, at('2026-06-01 10:00'))).toEqual([]);
    expect(calendarWarningsAt(shanghai, at('2026-12-01 10:00'))).toHaveLength(1);
  });

  // The 2027 arrangement below is an example of the override, not the State Council's
  // (unpublished in the package): it shows a stage arrangement with make-up days wins.
  const with2027 = workingCalendar({
    ...localConfig,
    calendar: {
      ...localConfig.calendar,
      arrangements: [
        {
          year: 2027,
          holidays: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-13'],
          makeUpWorkdays: ['2027-01-31', '2027-02-20'],
        },
      ],
    },
  });

  it('a stage arrangement replaces the fallback, make-up working days included', () => {
    expect(calendarWarnings(with2027, 2027)).toEqual([]);
    expect(dayInfo(with2027, '2027-01-31')).toMatchObject({ working: true, reason: 'make-up working day', decidedBy: 'stage arrangement' });
    expect(isWorkingDay(with2027, '2027-02-09')).toBe(false);
    expect(isWorkingDay(with2027, '2027-02-13')).toBe(false);
    expect(isWorkingDay(with2027, '2027-02-15')).toBe(true);
    expect(isWorkingDay(with2027, '2027-02-20')).toBe(true);
    expect(isWorkingDay(with2027, '2027-02-21')).toBe(false);
    expect(with2027.version).not.toBe(shanghai.version);
  });
});

describe('stage overrides', () => {
  const overridden = workingCalendar({
    ...localConfig,
    calendar: { ...localConfig.calendar, holidays: ['2026-11-20'], makeUpWorkdays: ['2026-10-03'] },
  });

  it('stage holidays and working days win over the source', () => {
    expect(dayInfo(overridden, '2026-11-20')).toMatchObject({ working: false, reason: 'stage holiday' });
    expect(dayInfo(overridden, '2026-10-03')).toMatchObject({ working: true, reason: 'stage working day' });
    expect(isWorkingDay(shanghai, '2026-11-20')).toBe(true);
  });

  it('holidaySource none ignores the package and falls back to statutory dates', () => {
    const none = workingCalendar({ ...localConfig, calendar: { ...localConfig.calendar, holidaySource: 'none' } });
    expect(none.source).toBe(noHolidaySource);
    expect(isWorkingDay(none, '2026-10-10')).toBe(false); // the package's make-up Saturday is unknown
    expect(isWorkingDay(none, '2026-10-05')).toBe(true); // only 10/1-3 are statutory
    expect(isWorkingDay(none, '2026-10-02')).toBe(false);
    expect(calendarWarnings(none, 2026)).toHaveLength(1);
  });

  it('a six-day week with a lunch break', () => {
    const cal = workingCalendar({
      timeZone: 'Asia/Shanghai',
      calendar: { ...localConfig.calendar, weekdays: [1, 2, 3, 4, 5, 6], workingPeriods: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }] },
    });
    expect(isWorkingDay(cal, '2026-11-21')).toBe(true); // an ordinary Saturday
    expect(isWorkingDay(cal, '2026-10-03')).toBe(false); // a Saturday inside National Day
    expect(isWorkingTime(cal, at('2026-11-20 12:30'))).toBe(false);
    expect(clockStart(cal, at('2026-11-20 12:30'))).toEqual(at('2026-11-20 13:30'));
    expect(workingTimeBetween(cal, at('2026-11-20 11:00'), at('2026-11-20 14:00'))).toBe(1.5 * HOUR);
  });
});

describe('working periods are half-open', () => {
  it.each([
    ['2026-11-20 08:59', false],
    ['2026-11-20 09:00', true],
    ['2026-11-20 17:59', true],
    ['2026-11-20 18:00', false],
    ['2026-11-21 10:00', false],
    ['2026-10-10 10:00', true],
  ])('%s inside=%s', (local, inside) => {
    expect(isWorkingTime(shanghai, at(local))).toBe(inside);
  });

  it('the clock starts at the trigger inside a period, else at the next start', () => {
    expect(clockStart(shanghai, at('2026-11-20 10:15'))).toEqual(at('2026-11-20 10:15'));
    expect(clockStart(shanghai, at('2026-11-20 18:00'))).toEqual(at('2026-11-23 09:00'));
    expect(clockStart(shanghai, at('2026-11-20 07:00'))).toEqual(at('2026-11-20 09:00'));
    expect(clockStart(shanghai, at('2026-09-30 23:00'))).toEqual(at('2026-10-08 09:00'));
    expect(clockStart(shanghai, at('2026-10-09 20:00'))).toEqual(at('2026-10-10 09:00'));
  });

  it('working time between two instants counts only working periods', () => {
    expect(workingTimeBetween(shanghai, at('2026-11-20 17:00'), at('2026-11-23 12:00'))).toBe(4 * HOUR);
    expect(workingTimeBetween(shanghai, at('2026-09-30 09:00'), at('2026-10-08 18:00'))).toBe(18 * HOUR);
    expect(workingTimeBetween(shanghai, at('2026-11-23 12:00'), at('2026-11-20 17:00'))).toBe(0);
  });
});

describe('time zone', () => {
  it('formats instants with the offset, to the second', () => {
    expect(formatInstant(new Date('2026-11-22T02:00:00.750Z'), 'Asia/Shanghai')).toBe('2026-11-22T10:00:00+08:00');
    expect(formatInstant(new Date('2026-07-01T12:00:00Z'), 'Europe/Berlin')).toBe('2026-07-01T14:00:00+02:00');
    expect(formatInstant(new Date('2026-01-01T12:00:00Z'), 'America/New_York')).toBe('2026-01-01T07:00:00-05:00');
  });

  it('works in a zone with daylight saving time', () => {
    const berlin = workingCalendar({ timeZone: 'Europe/Berlin', calendar: { ...localConfig.calendar, holidaySource: 'none' } });
    // 2026-03-29 is the switch to summer time (a Sunday); Monday starts at 09:00 CEST = 07:00Z
    expect(clockStart(berlin, new Date('2026-03-28T12:00:00Z'))).toEqual(new Date('2026-03-30T07:00:00Z'));
    expect(clockStart(berlin, new Date('2026-03-27T12:00:00Z'))).toEqual(new Date('2026-03-27T12:00:00Z'));
  });
});
