/**
 * Wall-clock arithmetic in an IANA time zone with nothing but Intl: the instant ↔
 * (local date, time of day) conversions the working-time calendar needs.
 * Local dates are `YYYY-MM-DD` strings; times of day are milliseconds after midnight.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const DAY_MS = 86_400_000;

/**
 * Zones whose offset has not moved since `since` (tzdata): answered without Intl, because a
 * process's first `Intl.DateTimeFormat` loads ICU's zone and locale data, 15-50 ms of a
 * function's cold start (docs/performance.md "Cold start"). Earlier instants, and every
 * other zone, go through Intl; test/unit/domain/time-zone.test.ts holds these against it.
 */
const fixedOffsets: Readonly<Record<string, { readonly offsetMs: number; readonly since: number }>> = {
  // China's last daylight saving time ended on 15 September 1991.
  'Asia/Shanghai': { offsetMs: 8 * HOUR, since: Date.UTC(1992, 0, 1) },
  'Asia/Hong_Kong': { offsetMs: 8 * HOUR, since: Date.UTC(1980, 0, 1) },
  UTC: { offsetMs: 0, since: -Infinity },
  'Etc/UTC': { offsetMs: 0, since: -Infinity },
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offset of the zone from UTC at an instant, in milliseconds (Asia/Shanghai: +8 h). */
export function offsetAt(instantMs: number, timeZone: string): number {
  const fixed = fixedOffsets[timeZone];
  if (fixed && instantMs >= fixed.since) return fixed.offsetMs;
  return intlOffsetAt(instantMs, timeZone);
}

/** The offset as the runtime's ICU time zone data has it. */
export function intlOffsetAt(instantMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instantMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  const wholeSeconds = Math.floor(instantMs / 1000) * 1000;
  return asUtc - wholeSeconds;
}

export interface WallClock {
  readonly date: string;
  /** Milliseconds after local midnight. */
  readonly timeOfDay: number;
}

export function wallClock(instant: Date, timeZone: string): WallClock {
  const local = instant.getTime() + offsetAt(instant.getTime(), timeZone);
  const midnight = Math.floor(local / DAY_MS) * DAY_MS;
  return { date: new Date(midnight).toISOString().slice(0, 10), timeOfDay: local - midnight };
}

/** The instant a local date and time of day name (the earlier one across a DST overlap). */
export function instantAt(date: string, timeOfDay: number, timeZone: string): Date {
  const local = Date.parse(`${date}T00:00:00Z`) + timeOfDay;
  const first = local - offsetAt(local, timeZone);
  return new Date(local - offsetAt(first, timeZone));
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** `HH:MM` → milliseconds after midnight (`24:00` is the end of the day). */
export function parseClockTime(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return ((h ?? 0) * 60 + (m ?? 0)) * MINUTE;
}

/** ISO-8601 with the zone's offset, to the second (spec/api.md: "Times are ISO-8601 with offset"). */
export function formatInstant(instant: Date, timeZone: string): string {
  const { date, timeOfDay } = wallClock(instant, timeZone);
  const seconds = Math.floor(timeOfDay / 1000);
  const hms = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60].map(pad).join(':');
  const offsetMinutes = Math.round(offsetAt(instant.getTime(), timeZone) / MINUTE);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${date}T${hms}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const pad = (n: number): string => String(n).padStart(2, '0');
