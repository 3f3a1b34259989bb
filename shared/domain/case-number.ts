/** Case numbers: `TS-20261122-0042` = prefix of the kind, day of receipt in the stage's time zone, sequence. */
import { wallClock } from './time-zone';

export const caseNumberPattern = /^[A-Z]{2}-\d{8}-\d{4,}$/;

/** The calendar day of `instant` in `timeZone`, as `YYYYMMDD`. */
export function receiptDay(instant: Date, timeZone: string): string {
  return wallClock(instant, timeZone).date.replaceAll('-', '');
}

export function formatCaseNumber(prefix: string, day: string, sequence: number): string {
  return `${prefix}-${day}-${String(sequence).padStart(4, '0')}`;
}
