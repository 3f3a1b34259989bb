/**
 * Deadline arithmetic, exactly as domain.md "Deadline arithmetic" states it:
 * - the clock starts at the trigger if that is inside a working period, else at the
 *   start of the next one;
 * - working hours count only inside working periods; a limit used up exactly at the
 *   end of a period is due at that end (18:00), not at the next start;
 * - working days end at the close of the Nth working day after the day on which the
 *   clock starts (that day does not count);
 * - calendar hours (level 3) run from the trigger itself, night and holiday included.
 */
import type { TimeLimit } from './limits';
import {
  clockStart,
  dayInfo,
  isWorkingDay,
  localDate,
  periodsFrom,
  workingPeriodsOn,
  workingTimeBetween,
  type DayInfo,
  type WorkingCalendar,
} from './calendar';
import { addDays } from './time-zone';

const HOUR = 3_600_000;

export function deadlineAt(calendar: WorkingCalendar, start: Date, limit: TimeLimit): Date {
  switch (limit.unit) {
    case 'calendar-hours':
      return new Date(start.getTime() + limit.amount * HOUR);
    case 'working-hours':
      return addWorkingTime(calendar, start, limit.amount * HOUR);
    case 'working-days':
      return endOfNthWorkingDayAfter(calendar, localDate(calendar, clockStart(calendar, start)), limit.amount);
  }
}

/** `ms` of working time counted from the clock start of `start`. */
export function addWorkingTime(calendar: WorkingCalendar, start: Date, ms: number): Date {
  let remaining = ms;
  for (const p of periodsFrom(calendar, start)) {
    const available = p.end.getTime() - p.start.getTime();
    if (remaining <= available) return new Date(p.start.getTime() + remaining);
    remaining -= available;
  }
  throw new Error('unreachable: periodsFrom never ends without throwing');
}

/** The close (end of the last working period) of the Nth working day after `date`. */
export function endOfNthWorkingDayAfter(calendar: WorkingCalendar, date: string, n: number): Date {
  let day = date;
  for (let counted = 0; counted < n; ) {
    day = addDays(day, 1);
    if (isWorkingDay(calendar, day)) counted++;
  }
  const periods = workingPeriodsOn(calendar, day);
  return periods[periods.length - 1]!.end;
}

/** How a deadline came about, for the staff view ("every deadline can explain itself"). */
export interface DeadlineDerivation {
  readonly trigger: Date;
  readonly clockStartedAt: Date;
  readonly dueAt: Date;
  readonly limit: TimeLimit;
  readonly calendarVersion: string;
  /** Non-working days between the clock start and the deadline, with the reason for each. */
  readonly skippedDays: readonly DayInfo[];
}

export function deriveDeadline(calendar: WorkingCalendar, trigger: Date, limit: TimeLimit): DeadlineDerivation {
  const clockStartedAt = limit.unit === 'calendar-hours' ? trigger : clockStart(calendar, trigger);
  const dueAt = deadlineAt(calendar, trigger, limit);
  const skippedDays: DayInfo[] = [];
  if (limit.unit !== 'calendar-hours') {
    const last = localDate(calendar, dueAt);
    for (let d = localDate(calendar, trigger); d <= last; d = addDays(d, 1)) {
      const info = dayInfo(calendar, d);
      if (!info.working) skippedDays.push(info);
    }
  }
  return { trigger, clockStartedAt, dueAt, limit, calendarVersion: calendar.version, skippedDays };
}

/**
 * The time a limit has left at `at`, in the limit's own currency: working time for
 * working units, plain time for calendar hours. Used when a supplement pauses the
 * clock; `resumeDeadline` spends it again from the moment the material arrives.
 */
export function timeLeft(calendar: WorkingCalendar, dueAt: Date, at: Date, unit: TimeLimit['unit']): number {
  if (unit === 'calendar-hours') return Math.max(0, dueAt.getTime() - at.getTime());
  return workingTimeBetween(calendar, at, dueAt);
}

export function resumeDeadline(calendar: WorkingCalendar, resumedAt: Date, left: number, unit: TimeLimit['unit']): Date {
  if (unit === 'calendar-hours') return new Date(resumedAt.getTime() + left);
  return addWorkingTime(calendar, resumedAt, left);
}

/** When `share` (e.g. 0.8) of the time from clock start to deadline has passed, in the limit's currency. */
export function shareOfLimitAt(calendar: WorkingCalendar, startedAt: Date, dueAt: Date, unit: TimeLimit['unit'], share: number): Date {
  if (unit === 'calendar-hours') return new Date(startedAt.getTime() + share * (dueAt.getTime() - startedAt.getTime()));
  return addWorkingTime(calendar, startedAt, Math.round(share * workingTimeBetween(calendar, startedAt, dueAt)));
}
