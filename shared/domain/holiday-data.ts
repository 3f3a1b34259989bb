/**
 * Where mainland China's holidays come from.
 * - The State Council's yearly arrangement (放假调休安排), published each autumn for the
 *   next year, as carried by the `chinese-days` package (a maintained data source:
 *   upgrading the package refreshes it).
 * - For a year nobody has published yet, the statutory holiday dates of
 *   《全国年节及纪念日放假办法》(2024 revision, in force from 2025): 元旦 1 Jan; 春节
 *   除夕 and 正月初一 to 初三; 清明 the solar-term day; 劳动节 1-2 May; 端午 五月初五;
 *   中秋 八月十五; 国庆 1-3 Oct. Lunar dates are converted with the same package.
 */
import type * as ChineseDays from 'chinese-days';
// The version alone: a named import lets esbuild leave the rest of package.json out of the bundle.
import { version as chineseDaysVersion } from 'chinese-days/package.json';
import { addDays } from './time-zone';

/** One year's arrangement: days off on ordinary weekdays or weekends, and weekend days worked. */
export interface Arrangement {
  readonly holidays: ReadonlySet<string>;
  readonly makeUpWorkdays: ReadonlySet<string>;
}

export interface HolidaySource {
  /** Name and version, part of the calendar version a deadline records. */
  readonly name: string;
  /** The published arrangement of a year, or undefined if the source has none. */
  arrangement(year: number): Arrangement | undefined;
}

/**
 * The package computes its whole holiday table (2004 onwards) when it is loaded, tens of
 * milliseconds: loaded at the first date lookup rather than at module init, so functions
 * that never compute a deadline never pay for it (docs/performance.md "Module init").
 */
let chineseDays: typeof ChineseDays | undefined;
const days = (): typeof ChineseDays => (chineseDays ??= require('chinese-days') as typeof ChineseDays);

const packageYears = new Map<number, Arrangement | undefined>();

export const chineseDaysSource: HolidaySource = {
  name: `chinese-days@${chineseDaysVersion}`,
  arrangement(year) {
    if (!packageYears.has(year)) packageYears.set(year, readPackageYear(year));
    return packageYears.get(year);
  },
};

export const noHolidaySource: HolidaySource = { name: 'none', arrangement: () => undefined };

function readPackageYear(year: number): Arrangement | undefined {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  // Without weekends the package lists only arranged days off; none at all means no data.
  const holidays = days().getHolidaysInRange(first, last, false);
  if (holidays.length === 0) return undefined;
  const weekendWorkdays = days().getWorkdaysInRange(first, last, true)
    .filter((d) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
  return { holidays: new Set(holidays), makeUpWorkdays: new Set(weekendWorkdays) };
}

const statutoryYears = new Map<number, readonly string[]>();

/** The statutory holiday dates of a year (no make-up days, no 调休 bridging). */
export function statutoryHolidays(year: number): readonly string[] {
  let dates = statutoryYears.get(year);
  if (!dates) {
    const lunar = (month: number, day: number) => days().getSolarDateFromLunar(`${year}-${pad(month)}-${pad(day)}`).date;
    const springFestival = lunar(1, 1);
    const qingming = days().getSolarTermDate(year, 4, 'pure_brightness');
    dates = [
      `${year}-01-01`,
      addDays(springFestival, -1), // 除夕: the day before 正月初一 (腊月 may have 29 days)
      springFestival,
      addDays(springFestival, 1),
      addDays(springFestival, 2),
      qingming,
      `${year}-05-01`,
      `${year}-05-02`,
      lunar(5, 5),
      lunar(8, 15),
      `${year}-10-01`,
      `${year}-10-02`,
      `${year}-10-03`,
    ].sort();
    statutoryYears.set(year, dates);
  }
  return dates;
}

const pad = (n: number): string => String(n).padStart(2, '0');
