import { offsetAt } from './time-zone';

/** ISO-8601 with the offset of `timeZone`, to the second: `2026-11-22T14:03:07+08:00`. */
export function isoInZone(instant: Date, timeZone: string): string {
  const offsetMs = offsetAt(instant.getTime(), timeZone);
  const local = new Date(Math.floor(instant.getTime() / 1000) * 1000 + offsetMs).toISOString().slice(0, 19);
  const minutes = Math.abs(offsetMs) / 60_000;
  const sign = offsetMs < 0 ? '-' : '+';
  return `${local}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** For people: `2026-11-23 18:00 (UTC+08:00)` in the stage's time zone. */
export function formatLocal(instant: Date, timeZone: string): string {
  const iso = isoInZone(instant, timeZone);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} (UTC${iso.slice(19)})`;
}
