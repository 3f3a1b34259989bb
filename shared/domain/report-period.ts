/**
 * Report periods (统计周期): the calendar month `YYYY-MM` and the ISO-8601 week
 * `YYYY-Www`, both read on the wall clock of the stage's time zone, so a case received at
 * 00:30 on 1 November in Shanghai belongs to November although it is still October in UTC.
 */
import { addDays, instantAt, isoWeekday, wallClock } from './time-zone';

export type PeriodKind = 'month' | 'week';

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;
const weekPattern = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/;

export const periodKindOf = (period: string): PeriodKind | undefined =>
  monthPattern.test(period) ? 'month' : weekPattern.test(period) && isoWeekStart(period) !== undefined ? 'week' : undefined;

/** `YYYY-MM` of a local date `YYYY-MM-DD`. */
const monthOfDate = (date: string): string => date.slice(0, 7);

/** ISO week of a local date: the week (Monday first) that holds the date's Thursday; its year is that Thursday's year. */
export function isoWeekOfDate(date: string): string {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = thursday.slice(0, 4);
  const dayOfYear = (Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / 86_400_000;
  return `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

/** Monday (local date) of an ISO week, or undefined for a week the year does not have (W53 of a 52-week year). */
function isoWeekStart(period: string): string | undefined {
  const match = weekPattern.exec(period);
  if (!match) return undefined;
  const jan4 = `${match[1]}-01-04`; // 4 January is always in week 1
  const monday = addDays(addDays(jan4, 1 - isoWeekday(jan4)), (Number(match[2]) - 1) * 7);
  return isoWeekOfDate(monday) === period ? monday : undefined;
}

/** The month and the ISO week an instant falls in, on the stage's wall clock. */
export function periodsOf(instant: Date, timeZone: string): { readonly month: string; readonly week: string } {
  const { date } = wallClock(instant, timeZone);
  return { month: monthOfDate(date), week: isoWeekOfDate(date) };
}

/** First local date of a period and the first local date after it. */
function localDates(period: string): { readonly first: string; readonly after: string } {
  const kind = periodKindOf(period);
  if (kind === 'week') {
    const first = isoWeekStart(period)!;
    return { first, after: addDays(first, 7) };
  }
  if (kind === 'month') {
    const [year, month] = period.split('-').map(Number) as [number, number];
    const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
    return { first: `${period}-01`, after: `${next}-01` };
  }
  throw new RangeError(`Not a report period: ${period}`);
}

/** The months (`YYYY-MM`) an ISO week has days in: one, or two when it straddles a month's end. */
export function monthsOfWeek(week: string): string[] {
  const { first, after } = localDates(week);
  return [...new Set([monthOfDate(first), monthOfDate(addDays(after, -1))])];
}

/** The half-open span `[start, end)` of a period as instants: local midnight to local midnight. */
export function periodSpan(period: string, timeZone: string): { readonly start: Date; readonly end: Date } {
  const { first, after } = localDates(period);
  return { start: instantAt(first, 0, timeZone), end: instantAt(after, 0, timeZone) };
}

/** The period of the same kind just before `period`. */
export function previousPeriod(period: string): string {
  const { first } = localDates(period);
  const dayBefore = addDays(first, -1);
  return periodKindOf(period) === 'week' ? isoWeekOfDate(dayBefore) : monthOfDate(dayBefore);
}

/** `count` periods ending with `period`, oldest first (the trend of the last twelve). */
export function periodsEndingWith(period: string, count: number): string[] {
  const list = [period];
  while (list.length < count) list.unshift(previousPeriod(list[0]!));
  return list;
}

/**
 * The period a schedule firing at `instant` reports on: the last complete month (or ISO
 * week) before the one the instant falls in (spec/api.md: "the month before that instant").
 */
export function reportPeriodAt(instant: Date, kind: PeriodKind, timeZone: string): string {
  const current = periodsOf(instant, timeZone)[kind];
  return previousPeriod(current);
}
