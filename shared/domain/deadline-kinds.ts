/**
 * Which deadlines a case has and what kind each is: names and predicates only, no
 * calendar, so that code that only records or counts deadlines (the repository, the
 * statistics, the status page) does not load the holiday data. The arithmetic is in
 * case-deadlines.ts and deadlines.ts.
 */
import type { DeadlineState } from './case-state';
import type { DeadlineName } from './limits';
import type { CaseLevel } from './status';

/** The handling deadlines of each level (domain.md level table), all counted from receipt. */
export const levelDeadlines: Readonly<Record<CaseLevel, readonly DeadlineName[]>> = {
  1: ['first-response', 'resolution'],
  2: ['initial-investigation', 'progress-feedback'],
  3: ['response-started', 'initial-result', 'progress-notice'],
};

/** Deadlines set when the case is registered, whatever its level. */
export const receiptDeadlines: readonly DeadlineName[] = ['acknowledge', 'scope-decision', 'management-group'];

/** Progress duties that repeat every period until the reply (L2 72 h, L3 12 h). */
export const isRecurring = (name: DeadlineName): boolean => name === 'progress-feedback' || name === 'progress-notice';

/**
 * Deadlines that stop while the complainant is asked for material: ours to meet. The
 * complainant's own (`supplement-due`, `appeal-window`) and the receipt we send at once do not.
 */
export const isPausable = (name: DeadlineName): boolean => !['acknowledge', 'supplement-due', 'appeal-window', 'follow-up'].includes(name);

/** Met by the reply to the complainant: every handling deadline still open. */
export const isHandling = (name: DeadlineName): boolean => Object.values(levelDeadlines).some((names) => names.includes(name));

export const findDeadline = (deadlines: readonly DeadlineState[], name: DeadlineName): DeadlineState | undefined =>
  deadlines.find((d) => d.name === name);

/** Open = neither met nor paused: it can fall due. */
export const isOpen = (d: DeadlineState): boolean => d.metAt === undefined && d.pausedAt === undefined;

/** The open deadlines as the status page reads them (`PublicCaseFacts.deadlines`): name → ISO instant. */
export function deadlineRecord(deadlines: readonly DeadlineState[]): Record<string, string> {
  return Object.fromEntries(deadlines.filter(isOpen).map((d) => [d.name, d.dueAt]));
}
