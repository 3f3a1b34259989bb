/**
 * The working-time calendar of a stage (domain.md "Working time" and "Deadline
 * arithmetic"): which local dates are working days, and the half-open working
 * periods of each. Built once from the stage config; every function is pure.
 *
 * Precedence for a date: the stage's own `holidays` / `makeUpWorkdays`; else the year's
 * arrangement (stage config `arrangements` first, then the holiday source); else, for a
 * year nobody has published, the configured weekdays minus the statutory holidays
 * (reported by `calendarWarnings`).
 */
import type { StageConfig } from '../config/stage-config';
import { chineseDaysSource, noHolidaySource, statutoryHolidays, type Arrangement, type HolidaySource } from './holiday-data';
import { addDays, instantAt, isoWeekday, parseClockTime, wallClock } from './time-zone';

/** What the calendar is built from: a whole StageConfig will do. */
export type CalendarSettings = Pick<StageConfig, 'timeZone' | 'calendar'>;

export interface WorkingCalendar {
  readonly timeZone: string;
  /** Identifies the data a deadline was computed with (source, and a hash of the stage's calendar). */
  readonly version: string;
  readonly weekdays: ReadonlySet<number>;
  /** Working periods of a working day, ms after local midnight, sorted, half-open. */
  readonly periods: readonly { readonly start: number; readonly end: number }[];
  readonly extraHolidays: ReadonlySet<string>;
  readonly extraWorkdays: ReadonlySet<string>;
  readonly configArrangements: ReadonlyMap<number, Arrangement>;
  readonly source: HolidaySource;
  /** Memo of `dayInfo`, so repeated arithmetic does not re-derive dates. */
  readonly memo: Map<string, DayInfo>;
}

export type DayReason =
  | 'working day'
  | 'weekend'
  | 'holiday' // arranged day off of a published arrangement
  | 'make-up working day' // 调休上班
  | 'stage holiday'
  | 'stage working day'
  | 'statutory holiday (no published arrangement)';

export interface DayInfo {
  readonly date: string;
  readonly working: boolean;
  readonly reason: DayReason;
  /** Which data decided: `stage config`, `stage arrangement`, the source's name, or `fallback`. */
  readonly decidedBy: string;
}

export interface WorkingPeriod {
  readonly start: Date;
  readonly end: Date;
}

/** Days searched for the next working period before giving up (a calendar with no working day). */
const SEARCH_LIMIT_DAYS = 3660;

export function workingCalendar(settings: CalendarSettings, source?: HolidaySource): WorkingCalendar {
  const cal = settings.calendar;
  const holidaySource = source ?? (cal.holidaySource === 'none' ? noHolidaySource : chineseDaysSource);
  return {
    timeZone: settings.timeZone,
    version: `${holidaySource.name}+stage:${hash(JSON.stringify([settings.timeZone, cal]))}`,
    weekdays: new Set(cal.weekdays),
    periods: cal.workingPeriods
      .map((p) => ({ start: parseClockTime(p.start), end: parseClockTime(p.end) }))
      .sort((a, b) => a.start - b.start),
    extraHolidays: new Set(cal.holidays),
    extraWorkdays: new Set(cal.makeUpWorkdays),
    configArrangements: new Map(
      cal.arrangements.map((a) => [a.year, { holidays: new Set(a.holidays), makeUpWorkdays: new Set(a.makeUpWorkdays) }]),
    ),
    source: holidaySource,
    memo: new Map(),
  };
}

export function dayInfo(calendar: WorkingCalendar, date: string): DayInfo {
  let info = calendar.memo.get(date);
  if (!info) {
    info = classify(calendar, date);
    calendar.memo.set(date, info);
  }
  return info;
}

function classify(calendar: WorkingCalendar, date: string): DayInfo {
  const day = (working: boolean, reason: DayReason, decidedBy: string): DayInfo => ({ date, working, reason, decidedBy });
  if (calendar.extraWorkdays.has(date)) return day(true, 'stage working day', 'stage config');
  if (calendar.extraHolidays.has(date)) return day(false, 'stage holiday', 'stage config');
  const ordinary = calendar.weekdays.has(isoWeekday(date));
  const year = Number(date.slice(0, 4));
  const fromConfig = calendar.configArrangements.get(year);
  const arrangement = fromConfig ?? calendar.source.arrangement(year);
  const by = fromConfig ? 'stage arrangement' : calendar.source.name;
  if (arrangement) {
    if (arrangement.makeUpWorkdays.has(date)) return day(true, 'make-up working day', by);
    if (arrangement.holidays.has(date)) return day(false, 'holiday', by);
    return day(ordinary, ordinary ? 'working day' : 'weekend', by);
  }
  if (statutoryHolidays(year).includes(date)) return day(false, 'statutory holiday (no published arrangement)', 'fallback');
  return day(ordinary, ordinary ? 'working day' : 'weekend', 'fallback');
}

export const isWorkingDay = (calendar: WorkingCalendar, date: string): boolean => dayInfo(calendar, date).working;

/** The local date of an instant in the calendar's time zone. */
export const localDate = (calendar: WorkingCalendar, instant: Date): string => wallClock(instant, calendar.timeZone).date;

/** The working periods of a local date as instants (none on a day off). */
export function workingPeriodsOn(calendar: WorkingCalendar, date: string): WorkingPeriod[] {
  if (!isWorkingDay(calendar, date)) return [];
  return calendar.periods.map((p) => ({
    start: instantAt(date, p.start, calendar.timeZone),
    end: instantAt(date, p.end, calendar.timeZone),
  }));
}

/**
 * Working periods that end after `from`, in order, the first one clipped to start no
 * earlier than `from`. Lazy: arithmetic takes only what it needs.
 */
export function* periodsFrom(calendar: WorkingCalendar, from: Date): Generator<WorkingPeriod> {
  let date = localDate(calendar, from);
  // A period of the previous local day can still be open across midnight only if it ends
  // at 24:00, which is exactly midnight: starting at the instant's own date is enough.
  for (let searched = 0; searched < SEARCH_LIMIT_DAYS; searched++, date = addDays(date, 1)) {
    const periods = workingPeriodsOn(calendar, date);
    if (periods.length > 0) searched = 0;
    for (const p of periods) {
      if (p.end.getTime() <= from.getTime()) continue;
      yield p.start.getTime() < from.getTime() ? { start: from, end: p.end } : p;
    }
  }
  throw new Error(`No working period within ${SEARCH_LIMIT_DAYS} days after ${from.toISOString()}`);
}

/** True if the instant lies inside a working period (the end itself is outside). */
export function isWorkingTime(calendar: WorkingCalendar, instant: Date): boolean {
  return workingPeriodsOn(calendar, localDate(calendar, instant)).some(
    (p) => p.start.getTime() <= instant.getTime() && instant.getTime() < p.end.getTime(),
  );
}

/** The instant itself inside a working period, else the start of the next one (the clock start). */
export function clockStart(calendar: WorkingCalendar, trigger: Date): Date {
  const first = periodsFrom(calendar, trigger).next();
  if (first.done) throw new Error('unreachable: periodsFrom never ends without throwing');
  return first.value.start;
}

/** Milliseconds of working time in [from, to). */
export function workingTimeBetween(calendar: WorkingCalendar, from: Date, to: Date): number {
  let total = 0;
  if (to.getTime() <= from.getTime()) return 0;
  for (const p of periodsFrom(calendar, from)) {
    if (p.start.getTime() >= to.getTime()) break;
    total += Math.min(p.end.getTime(), to.getTime()) - p.start.getTime();
  }
  return total;
}

/**
 * Problems with the calendar for a year, for the startup log, `/health` detail and the
 * admin view: a year without a published arrangement runs on the statutory fallback.
 */
export function calendarWarnings(calendar: WorkingCalendar, year: number): string[] {
  if (calendar.configArrangements.has(year) || calendar.source.arrangement(year)) return [];
  return [
    `No published holiday arrangement for ${year} (${calendar.source.name}): working days are ` +
      `weekdays minus the statutory holidays ${statutoryHolidays(year).join(', ')}, with no make-up working days. ` +
      `Add the State Council's arrangement for ${year} to calendar.arrangements in the stage config.`,
  ];
}

/** Warnings for the years a deadline set now can reach: this year and the one 45 days ahead. */
export function calendarWarningsAt(calendar: WorkingCalendar, now: Date): string[] {
  const years = new Set([now, new Date(now.getTime() + 45 * 86_400_000)].map((d) => Number(localDate(calendar, d).slice(0, 4))));
  return [...years].flatMap((y) => calendarWarnings(calendar, y));
}

/** FNV-1a, short and stable: enough to tell two calendar configurations apart. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
