/** Case numbers: `TS-20261122-0042` = prefix of the kind, day of receipt in the stage's time zone, sequence. */

export const caseNumberPattern = /^[A-Z]{2}-\d{8}-\d{4,}$/;

/** The calendar day of `instant` in `timeZone`, as `YYYYMMDD`. */
export function receiptDay(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}${part('month')}${part('day')}`;
}

export function formatCaseNumber(prefix: string, day: string, sequence: number): string {
  return `${prefix}-${day}-${String(sequence).padStart(4, '0')}`;
}
