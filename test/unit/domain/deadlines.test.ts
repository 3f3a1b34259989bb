import { describe, expect, it } from 'vitest';
import { workingCalendar } from '../../../shared/domain/calendar';
import { deadlineAt, deriveDeadline, resumeDeadline, shareOfLimitAt, timeLeft } from '../../../shared/domain/deadlines';
import { at, localConfig, shanghai } from './fixtures';

const wh = (amount: number) => ({ amount, unit: 'working-hours' }) as const;
const wd = (amount: number) => ({ amount, unit: 'working-days' }) as const;
const ch = (amount: number) => ({ amount, unit: 'calendar-hours' }) as const;

describe('domain.md worked examples', () => {
  it('level 1 received Friday 17:00: 4 h first response due Monday 12:00', () => {
    expect(deadlineAt(shanghai, at('2026-11-20 17:00'), wh(4))).toEqual(at('2026-11-23 12:00'));
  });

  it('a limit used up exactly at 18:00 is due at 18:00, not 09:00 next day', () => {
    expect(deadlineAt(shanghai, at('2026-11-20 14:00'), wh(4))).toEqual(at('2026-11-20 18:00'));
    expect(deadlineAt(shanghai, at('2026-11-20 09:00'), wh(9))).toEqual(at('2026-11-20 18:00'));
  });

  it('a result notified Monday 10:00 opens an appeal window to 18:00 on the 15th working day after it', () => {
    // 2026-11-23 is a Monday; 15 working days later (no holidays) is Monday 2026-12-14
    expect(deadlineAt(shanghai, at('2026-11-23 10:00'), wd(15))).toEqual(at('2026-12-14 18:00'));
  });

  it('level 3 limits are calendar hours from receipt, night and holiday included', () => {
    expect(deadlineAt(shanghai, at('2026-09-30 23:00'), ch(24))).toEqual(at('2026-10-01 23:00'));
    expect(deadlineAt(shanghai, at('2026-10-03 02:30'), ch(12))).toEqual(at('2026-10-03 14:30'));
  });

  it('the clock of a working-hours limit starts at the next working period', () => {
    expect(deadlineAt(shanghai, at('2026-11-21 11:00'), wh(4))).toEqual(at('2026-11-23 13:00'));
    expect(deadlineAt(shanghai, at('2026-11-23 06:00'), wh(4))).toEqual(at('2026-11-23 13:00'));
    expect(deadlineAt(shanghai, at('2026-11-23 18:00'), wh(1))).toEqual(at('2026-11-24 10:00'));
  });

  it('a working-days limit whose trigger is outside working time counts from the day its clock starts', () => {
    // Monday 20:00 → clock starts Tuesday 09:00; Tuesday does not count
    expect(deadlineAt(shanghai, at('2026-11-23 20:00'), wd(1))).toEqual(at('2026-11-25 18:00'));
    // Saturday → clock starts Monday; 1 working day after Monday is Tuesday
    expect(deadlineAt(shanghai, at('2026-11-21 10:00'), wd(1))).toEqual(at('2026-11-24 18:00'));
  });
});

describe('across the 2026 National Day holiday and its make-up working days', () => {
  it.each([
    ['level 1 first response, Wednesday before', '2026-09-30 17:00', wh(4), '2026-10-08 12:00'],
    ['level 1 first response, received on a holiday', '2026-10-03 10:00', wh(4), '2026-10-08 13:00'],
    ['level 1 resolution, 24 working hours', '2026-09-30 09:00', wh(24), '2026-10-09 15:00'],
    ['make-up Saturday 10/10 counts', '2026-10-09 17:00', wh(4), '2026-10-10 12:00'],
    ['make-up Sunday 9/20 counts', '2026-09-19 10:00', wh(2), '2026-09-20 11:00'],
    ['level 2 initial investigation, 48 working hours (make-up Saturday included)', '2026-09-28 09:00', wh(48), '2026-10-10 12:00'],
    ['acknowledge, 1 working day', '2026-09-30 10:00', wd(1), '2026-10-08 18:00'],
    ['supplement, 5 working days', '2026-09-29 10:00', wd(5), '2026-10-12 18:00'],
    ['appeal window, 15 working days', '2026-09-30 10:00', wd(15), '2026-10-27 18:00'],
    ['1 working day after Friday 10/9 is make-up Saturday 10/10', '2026-10-09 10:00', wd(1), '2026-10-10 18:00'],
  ])('%s', (_, start, limit, due) => {
    expect(deadlineAt(shanghai, at(start), limit)).toEqual(at(due));
  });
});

describe('across the 2027 Spring Festival', () => {
  it.each([
    // No published arrangement: weekdays minus 除夕 2/5 and 初一-初三 2/6-2/8
    ['fallback: Thursday before, 4 h', '2027-02-04 17:00', wh(4), '2027-02-09 12:00'],
    ['fallback: 1 working day after Thursday 2/4', '2027-02-04 10:00', wd(1), '2027-02-09 18:00'],
    ['fallback: 5 working days from 2/3', '2027-02-03 10:00', wd(5), '2027-02-12 18:00'],
  ])('%s', (_, start, limit, due) => {
    expect(deadlineAt(shanghai, at(start), limit)).toEqual(at(due));
  });

  it('with a stage arrangement (example data), holidays and make-up days are honoured', () => {
    const cal = workingCalendar({
      ...localConfig,
      calendar: {
        ...localConfig.calendar,
        arrangements: [{ year: 2027, holidays: ['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'], makeUpWorkdays: ['2027-02-20'] }],
      },
    });
    expect(deadlineAt(cal, at('2027-02-04 17:00'), wh(4))).toEqual(at('2027-02-12 12:00'));
    expect(deadlineAt(cal, at('2027-02-19 10:00'), wd(1))).toEqual(at('2027-02-20 18:00'));
    expect(deadlineAt(cal, at('2027-02-19 17:30'), wh(1))).toEqual(at('2027-02-20 09:30'));
  });
});

describe('explanations, pauses and shares', () => {
  it('a deadline explains itself: clock start, skipped days, calendar version', () => {
    const d = deriveDeadline(shanghai, at('2026-09-30 20:00'), wh(4));
    expect(d.clockStartedAt).toEqual(at('2026-10-08 09:00'));
    expect(d.dueAt).toEqual(at('2026-10-08 13:00'));
    expect(d.skippedDays.map((s) => s.date)).toEqual(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']);
    expect(d.calendarVersion).toMatch(/^chinese-days@1\.5\.7\+stage:[0-9a-f]{8}$/);
  });

  it('a pause keeps the time left and spends it again on resumption', () => {
    const due = at('2026-11-27 18:00');
    const left = timeLeft(shanghai, due, at('2026-11-25 12:00'), 'working-days');
    expect(left).toBe((6 + 9 + 9) * 3_600_000);
    expect(resumeDeadline(shanghai, at('2026-11-30 10:00'), left, 'working-days')).toEqual(at('2026-12-02 16:00'));
    const calendarLeft = timeLeft(shanghai, at('2026-11-21 12:00'), at('2026-11-21 02:00'), 'calendar-hours');
    expect(resumeDeadline(shanghai, at('2026-11-22 00:00'), calendarLeft, 'calendar-hours')).toEqual(at('2026-11-22 10:00'));
  });

  it('80 % of a limit, in the limit’s own currency', () => {
    expect(shareOfLimitAt(shanghai, at('2026-11-20 17:00'), at('2026-11-23 12:00'), 'working-hours', 0.8)).toEqual(at('2026-11-23 11:12'));
    expect(shareOfLimitAt(shanghai, at('2026-11-20 00:00'), at('2026-11-21 00:00'), 'calendar-hours', 0.8)).toEqual(at('2026-11-20 19:12'));
  });
});
