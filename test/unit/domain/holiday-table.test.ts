import { readFileSync } from 'node:fs';
import * as days from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { chineseDaysSource, statutoryHolidays } from '../../../shared/domain/holiday-data';
import { holidayTablePath, renderHolidayTable, statutoryYears } from '../../../local/holiday-table';

describe('the holiday table the functions carry instead of chinese-days', () => {
  it('is what `npm run holidays` writes from the installed package (run it after an upgrade)', () => {
    expect(readFileSync(holidayTablePath, 'utf8')).toBe(renderHolidayTable());
  });

  it('gives every year the package has the same days off and weekend working days', () => {
    let yearsWithData = 0;
    for (let year = statutoryYears.first; year <= statutoryYears.last; year++) {
      const first = `${year}-01-01`;
      const last = `${year}-12-31`;
      const holidays = days.getHolidaysInRange(first, last, false);
      const arrangement = chineseDaysSource.arrangement(year);
      if (holidays.length === 0) {
        expect(arrangement, String(year)).toBeUndefined();
        continue;
      }
      yearsWithData++;
      const weekendWorkdays = days.getWorkdaysInRange(first, last, true).filter((d) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
      expect([...arrangement!.holidays], String(year)).toEqual(holidays);
      expect([...arrangement!.makeUpWorkdays], String(year)).toEqual(weekendWorkdays);
    }
    expect(yearsWithData).toBeGreaterThanOrEqual(23); // 2004-2026 in chinese-days 1.5.7
  });

  it('gives the statutory dates the lunar calendar gives, 除夕 to 中秋, for 2000-2100', () => {
    for (const year of [2000, 2027, 2031, 2057, 2100]) {
      const lunar = (month: number, day: number) => days.getSolarDateFromLunar(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`).date;
      const springFestival = lunar(1, 1);
      const eve = days.getSolarDateFromLunar(`${year - 1}-12-29`).date; // 腊月 has 29 or 30 days
      const expected = [springFestival, lunar(5, 5), lunar(8, 15), days.getSolarTermDate(year, 4, 'pure_brightness')];
      for (const date of expected) expect(statutoryHolidays(year), `${year} ${date}`).toContain(date);
      const dayBefore = new Date(Date.parse(`${springFestival}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      expect(statutoryHolidays(year)).toContain(dayBefore);
      expect(dayBefore >= eve).toBe(true);
      expect(statutoryHolidays(year)).toHaveLength(13);
    }
  });

  it('knows only the fixed-date holidays outside the table', () => {
    expect(statutoryHolidays(2101)).toEqual(['2101-01-01', '2101-05-01', '2101-05-02', '2101-10-01', '2101-10-02', '2101-10-03']);
  });
});
