/**
 * How long a closed case is kept (domain.md "Confidentiality and abuse", issue 13): the
 * stage's `retention.closedCaseMonths` (at least 12) calendar months after it closed,
 * then the case, its files and its personal data go; the statistics, kept apart, stay.
 */

/**
 * The latest closing instant whose retention has ended at `now`: `now` less `months`
 * calendar months (UTC), the day clamped to the month's last. A case closed at or before
 * it is erasable; rounding only ever keeps a case longer, never shorter (closedAt +
 * months, clamped the same way, is then at or before `now`).
 */
export function retentionCutoff(now: Date, months: number): Date {
  const firstOfMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
  const lastDay = new Date(Date.UTC(firstOfMonth.getUTCFullYear(), firstOfMonth.getUTCMonth() + 1, 0)).getUTCDate();
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(firstOfMonth.getUTCFullYear(), firstOfMonth.getUTCMonth(), Math.min(now.getUTCDate(), lastDay));
  return cutoff;
}

/** Whether a case closed at `closedAt` has reached the end of its retention at `now`. */
export const retentionEnded = (closedAt: string, now: Date, months: number): boolean => Date.parse(closedAt) <= retentionCutoff(now, months).getTime();

/** The months (`YYYY-MM`, UTC) from `lookback` months before `cutoff`'s up to `cutoff`'s own, oldest first. */
export function monthsUpTo(cutoff: Date, lookback: number): string[] {
  return Array.from({ length: lookback + 1 }, (_, i) => new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() - lookback + i, 1)).toISOString().slice(0, 7));
}
