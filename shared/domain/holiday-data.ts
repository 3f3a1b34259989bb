/**
 * Where mainland China's holidays come from.
 * - The State Council's yearly arrangement (放假调休安排), published each autumn for the
 *   next year, as carried by the `chinese-days` package (a maintained data source).
 * - For a year nobody has published yet, the statutory holiday dates of
 *   《全国年节及纪念日放假办法》(2024 revision, in force from 2025): 元旦 1 Jan; 春节
 *   除夕 and 正月初一 to 初三; 清明 the solar-term day; 劳动节 1-2 May; 端午 五月初五;
 *   中秋 八月十五; 国庆 1-3 Oct. Lunar dates are converted with the same package.
 *
 * The functions do not load the package: `npm run holidays` writes what they need from it
 * into `holiday-table.ts` (the arrangements it has, and the lunar and 清明 dates of
 * 2000-2100), a test fails while that table differs from the installed package, and
 * upgrading the package means running it again (docs/performance.md "Bundles").
 */
import { holidayTableSource, publishedArrangements, statutoryDates } from './holiday-table';
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

/** A year's MMDD list (`MMDD+n`: that day and the n days after it) as ISO dates. */
const datesOf = (year: number, monthDays: string): string[] =>
  monthDays
    ? monthDays.split(' ').flatMap((entry) => {
        const [md = '', more = '0'] = entry.split('+');
        const first = `${year}-${md.slice(0, 2)}-${md.slice(2)}`;
        return Array.from({ length: Number(more) + 1 }, (_, i) => addDays(first, i));
      })
    : [];

const packageYears = new Map<number, Arrangement | undefined>();

export const chineseDaysSource: HolidaySource = {
  name: holidayTableSource,
  arrangement(year) {
    if (!packageYears.has(year)) {
      const published = publishedArrangements[year];
      packageYears.set(year, published && { holidays: new Set(datesOf(year, published[0])), makeUpWorkdays: new Set(datesOf(year, published[1])) });
    }
    return packageYears.get(year);
  },
};

export const noHolidaySource: HolidaySource = { name: 'none', arrangement: () => undefined };

const statutoryYears = new Map<number, readonly string[]>();

/**
 * The statutory holiday dates of a year (no make-up days, no 调休 bridging). Outside the
 * table's years (2000-2100) only the fixed-date ones are known.
 */
export function statutoryHolidays(year: number): readonly string[] {
  let dates = statutoryYears.get(year);
  if (!dates) {
    const [springFestival, qingming, duanwu, midAutumn] = datesOf(year, statutoryDates[year] ?? '');
    const movable = springFestival
      ? [addDays(springFestival, -1), springFestival, addDays(springFestival, 1), addDays(springFestival, 2), qingming!, duanwu!, midAutumn!]
      : [];
    dates = [`${year}-01-01`, `${year}-05-01`, `${year}-05-02`, `${year}-10-01`, `${year}-10-02`, `${year}-10-03`, ...movable].sort();
    statutoryYears.set(year, dates);
  }
  return dates;
}
