/**
 * EventBridge schedule expressions, evaluated in UTC as EventBridge rules do:
 * `rate(5 minutes)` and `cron(minutes hours day-of-month month day-of-week year)` with
 * `* ? , - /`, month and weekday names, `L`, `W`, `LW` and `#`. Day of week runs
 * 1-7 from Sunday; one of the two day fields must be `?`.
 */

export type ScheduleExpression =
  | { readonly kind: 'rate'; readonly everyMs: number; readonly text: string }
  | { readonly kind: 'cron'; readonly cron: CronFields; readonly text: string };

export interface CronFields {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly dayOfMonth: DayOfMonthRule;
  readonly months: ReadonlySet<number>;
  readonly dayOfWeek: DayOfWeekRule;
  /** Absent = every year. */
  readonly years?: ReadonlySet<number>;
}

type DayOfMonthRule =
  | { readonly any: true }
  | { readonly days: ReadonlySet<number>; readonly last: boolean; readonly lastWeekday: boolean; readonly nearestWeekday?: number };
type DayOfWeekRule =
  | { readonly any: true }
  | { readonly days: ReadonlySet<number>; readonly lastOf?: number; readonly nth?: { readonly day: number; readonly n: number } };

const unitsMs: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const monthNames = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const dayNames = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export class ScheduleExpressionError extends Error {
  override readonly name = 'ScheduleExpressionError';
}

export function parseScheduleExpression(text: string): ScheduleExpression {
  const rate = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/.exec(text.trim());
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2]!.replace(/s$/, '');
    // EventBridge wants the singular for 1 and the plural otherwise.
    if (value < 1 || (value === 1) !== !rate[2]!.endsWith('s')) throw new ScheduleExpressionError(`Invalid rate expression: ${text}`);
    return { kind: 'rate', everyMs: value * unitsMs[unit]!, text };
  }
  const cron = /^cron\((.*)\)$/.exec(text.trim());
  if (cron) return { kind: 'cron', cron: parseCron(cron[1]!.trim(), text), text };
  throw new ScheduleExpressionError(`Not an EventBridge schedule expression (rate(...) or cron(...)): ${text}`);
}

function parseCron(body: string, text: string): CronFields {
  const fields = body.split(/\s+/);
  if (fields.length !== 6) throw new ScheduleExpressionError(`cron needs 6 fields (minutes hours day-of-month month day-of-week year): ${text}`);
  const [minutes, hours, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  if ((dom === '?') === (dow === '?')) throw new ScheduleExpressionError(`cron: exactly one of day-of-month and day-of-week must be "?": ${text}`);
  const fail = (field: string) => new ScheduleExpressionError(`cron: invalid field "${field}" in ${text}`);
  return {
    minutes: valueSet(minutes, 0, 59, [], fail),
    hours: valueSet(hours, 0, 23, [], fail),
    dayOfMonth: dayOfMonthRule(dom, fail),
    months: valueSet(month, 1, 12, monthNames, fail),
    dayOfWeek: dayOfWeekRule(dow, fail),
    ...(year === '*' ? {} : { years: valueSet(year, 1970, 2199, [], fail) }),
  };
}

function valueSet(field: string, min: number, max: number, names: readonly string[], fail: (f: string) => Error): Set<number> {
  const value = (token: string): number => {
    const named = names.indexOf(token.toUpperCase());
    const n = named >= 0 ? named + 1 : /^\d+$/.test(token) ? Number(token) : NaN;
    if (!(n >= min && n <= max)) throw fail(field);
    return n;
  };
  const result = new Set<number>();
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw fail(field);
    let from: number;
    let to: number;
    if (range === '*') [from, to] = [min, max];
    else if (range.includes('-')) {
      const [a, b] = range.split('-') as [string, string];
      [from, to] = [value(a), value(b)];
    } else {
      from = value(range);
      to = stepText === undefined ? from : max;
    }
    if (from > to) throw fail(field);
    for (let n = from; n <= to; n += step) result.add(n);
  }
  return result;
}

function dayOfMonthRule(field: string, fail: (f: string) => Error): DayOfMonthRule {
  if (field === '?' || field === '*') return { any: true };
  if (field === 'L') return { days: new Set(), last: true, lastWeekday: false };
  if (field === 'LW') return { days: new Set(), last: false, lastWeekday: true };
  const nearest = /^(\d+)W$/.exec(field);
  if (nearest) {
    const day = Number(nearest[1]);
    if (day < 1 || day > 31) throw fail(field);
    return { days: new Set(), last: false, lastWeekday: false, nearestWeekday: day };
  }
  return { days: valueSet(field, 1, 31, [], fail), last: false, lastWeekday: false };
}

function dayOfWeekRule(field: string, fail: (f: string) => Error): DayOfWeekRule {
  if (field === '?' || field === '*') return { any: true };
  const day = (token: string) => [...valueSet(token, 1, 7, dayNames, fail)][0]!;
  const nth = /^(\w+)#([1-5])$/.exec(field);
  if (nth) return { days: new Set(), nth: { day: day(nth[1]!), n: Number(nth[2]) } };
  const last = /^(\w+)L$/.exec(field);
  if (last) return { days: new Set(), lastOf: day(last[1]!) };
  if (field === 'L') return { days: new Set([7]) };
  return { days: valueSet(field, 1, 7, dayNames, fail) };
}

/** The first fire time strictly after `afterMs`, or undefined when none comes within about 5 years. */
export function nextCronTime(cron: CronFields, afterMs: number): number | undefined {
  const start = new Date(Math.floor(afterMs / 60_000) * 60_000 + 60_000);
  const hours = [...cron.hours].sort((a, b) => a - b);
  const minutes = [...cron.minutes].sort((a, b) => a - b);
  const day = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
  for (let i = 0; i < 366 * 5; i += 1, day.setUTCDate(day.getUTCDate() + 1)) {
    if (!dayMatches(cron, day)) continue;
    const sameDay = day.getTime() === Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
    for (const hour of hours) {
      if (sameDay && hour < start.getUTCHours()) continue;
      for (const minute of minutes) {
        if (sameDay && hour === start.getUTCHours() && minute < start.getUTCMinutes()) continue;
        return day.getTime() + hour * 3_600_000 + minute * 60_000;
      }
    }
  }
  return undefined;
}

function dayMatches(cron: CronFields, day: Date): boolean {
  const year = day.getUTCFullYear();
  const month = day.getUTCMonth() + 1;
  const date = day.getUTCDate();
  const weekday = day.getUTCDay() + 1;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (cron.years && !cron.years.has(year)) return false;
  if (!cron.months.has(month)) return false;
  const dom = cron.dayOfMonth;
  if (!('any' in dom)) {
    if (dom.last) return date === daysInMonth;
    if (dom.lastWeekday) return date === nearestWeekday(year, month, daysInMonth, daysInMonth);
    if (dom.nearestWeekday !== undefined) return date === nearestWeekday(year, month, Math.min(dom.nearestWeekday, daysInMonth), daysInMonth);
    return dom.days.has(date);
  }
  const dow = cron.dayOfWeek;
  if ('any' in dow) return true;
  if (dow.nth) return weekday === dow.nth.day && Math.ceil(date / 7) === dow.nth.n;
  if (dow.lastOf !== undefined) return weekday === dow.lastOf && date + 7 > daysInMonth;
  return dow.days.has(weekday);
}

/** The weekday (Mon-Fri) nearest to `date` within the same month. */
function nearestWeekday(year: number, month: number, date: number, daysInMonth: number): number {
  const weekday = new Date(Date.UTC(year, month - 1, date)).getUTCDay();
  if (weekday === 6) return date === 1 ? 3 : date - 1;
  if (weekday === 0) return date === daysInMonth ? date - 2 : date + 1;
  return date;
}
