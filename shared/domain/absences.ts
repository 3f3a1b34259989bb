/**
 * Absences and the cases they concern (issue 22 item 4): a case whose most urgent deadline
 * (the work list's `expectedBy`) falls on a day its assignee is away is offered back to the
 * department queue, once per absence. Dates are local dates of the stage's time zone.
 */
import type { CaseState } from './case-state';
import { mostUrgentDeadline } from './staff-access';
import type { StaffConfig } from './staff-directory';
import { addDays, wallClock } from './time-zone';

export interface AbsencePeriod {
  readonly from: string;
  readonly to: string;
}

/** How far ahead the SLA sweep looks for absences that start later (days). */
export const absenceLookaheadDays = 14;

/** The key a case records once it was offered back for this absence of `member`. */
export const absenceKey = (member: string, absence: AbsencePeriod): string => `${member.toLowerCase()}#${absence.from}#${absence.to}`;

/** An instant falls on a day of the absence. */
export function fallsDuring(dueAt: string | undefined, absence: AbsencePeriod, timeZone: string): boolean {
  if (dueAt === undefined) return false;
  const day = wallClock(new Date(dueAt), timeZone).date;
  return absence.from <= day && day <= absence.to;
}

/** The case's most urgent deadline staff owe falls during the absence. */
export const dueDuringAbsence = (state: CaseState, absence: AbsencePeriod, timeZone: string): boolean =>
  fallsDuring(mostUrgentDeadline(state)?.dueAt, absence, timeZone);

/**
 * The absences the SLA sweep checks at `now`: every active member's absence that has not
 * ended and starts within the lookahead (cases assigned after the absence was declared may
 * fall due in it; routing only skips whoever is away today).
 */
export function absencesToCheck(config: StaffConfig, now: Date, timeZone: string): { member: string; absence: AbsencePeriod }[] {
  const today = wallClock(now, timeZone).date;
  const horizon = addDays(today, absenceLookaheadDays);
  return config.staff.flatMap((m) =>
    m.active === false ? [] : m.absences.filter((a) => a.to >= today && a.from <= horizon).map((a) => ({ member: m.email.toLowerCase(), absence: { from: a.from, to: a.to } })),
  );
}
