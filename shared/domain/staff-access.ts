/**
 * What a staff member may see (spec/api.md "Staff endpoints": a handler sees the cases
 * assigned to them and their department's queue, a supervisor their departments, admin
 * all) and whose contact data they may read (domain.md "Confidentiality": shown only to
 * those who handle the case; a confidential complainant's identity only to the assigned
 * handler and their supervisors, and only through an audited reveal). Pure: the staff
 * endpoints answer 404 for a case `maySee` refuses, the same as a missing one (BOLA).
 */
import type { CaseState, DeadlineState } from './case-state';
import { openStatuses } from './case-state';
import { isAboutStaff } from './recusal';
import { findStaff, sameEmail, supervises, supervisorChain, type StaffConfig, type StaffMember } from './staff-directory';

/** The work lists of `GET /staff/cases`. */
export const workViews = ['mine', 'department', 'overdue', 'all'] as const;
export type WorkView = (typeof workViews)[number];

/**
 * Where a work list reads: the caller's own assignments, or a department's cases (only
 * its unassigned queue for someone who handles but does not supervise it).
 */
export type WorkScope = { readonly kind: 'assignee'; readonly email: string } | { readonly kind: 'department'; readonly department: string | undefined; readonly queueOnly: boolean };

const isAdmin = (m: StaffMember) => m.roles.includes('admin');

/** The departments a staff member sees whole (supervisor; admin: every one, and cases with none). */
function supervisedDepartments(config: StaffConfig, member: StaffMember): (string | undefined)[] {
  if (isAdmin(member)) return [...config.departments.map((d) => d.id), undefined];
  return config.departments.filter((d) => supervises(config, member.email, d.id)).map((d) => d.id);
}

/** The departments whose unassigned queue a handler sees (those they do not supervise). */
function queueDepartments(config: StaffConfig, member: StaffMember): string[] {
  if (!member.roles.includes('handler') || isAdmin(member)) return [];
  return member.departments.filter((d) => !supervises(config, member.email, d));
}

/** The index partitions a view reads for this caller; `overdue` reads the same as `all`. */
export function workScopes(config: StaffConfig, member: StaffMember, view: WorkView): WorkScope[] {
  const mine: WorkScope = { kind: 'assignee', email: member.email.toLowerCase() };
  const whole = supervisedDepartments(config, member).map((department): WorkScope => ({ kind: 'department', department, queueOnly: false }));
  const queues = queueDepartments(config, member).map((department): WorkScope => ({ kind: 'department', department, queueOnly: true }));
  switch (view) {
    case 'mine':
      return [mine];
    case 'department':
      return [...whole, ...queues];
    case 'overdue':
    case 'all':
      return [mine, ...whole, ...queues];
  }
}

/**
 * May this staff member see the case at all? Never a case about themselves (回避: the
 * party complained about is never shown the complaint); else admin, the assignee, a
 * supervisor of its department, or a handler of its department while it is unassigned.
 */
export function maySee(config: StaffConfig, state: CaseState, email: string): boolean {
  const member = findStaff(config, email);
  if (!member || isAboutStaff(member, state)) return false;
  if (isAdmin(member) || sameEmail(state.assignee, email) || supervises(config, email, state.department)) return true;
  return !state.assignee && state.department !== undefined && queueDepartments(config, member).includes(state.department);
}

/**
 * How a caller who may see the case gets the complainant's contact: `shown` in the case
 * view, `on-reveal` only through `reveal-contact` with a reason (written to the history),
 * or `hidden`. A confidential case is never shown plainly; the assignee and their
 * supervisors may reveal it. Otherwise those who handle it (assignee, supervisors, admin)
 * see it; a handler looking at the queue does not until the case is theirs.
 */
export type ContactAccess = 'shown' | 'on-reveal' | 'hidden';

export function contactAccess(config: StaffConfig, state: CaseState, email: string): ContactAccess {
  const member = findStaff(config, email);
  if (!member || !maySee(config, state, email)) return 'hidden';
  const above = state.assignee ? supervisorChain(config, state.assignee, state.department).some((s) => sameEmail(s, email)) : false;
  const handles = sameEmail(state.assignee, email) || above || supervises(config, email, state.department);
  if (state.confidential) return handles ? 'on-reveal' : 'hidden';
  return handles || isAdmin(member) ? 'shown' : 'hidden';
}

/** Deadlines that are the complainant's to meet, not staff work. */
const complainantDeadlines: readonly string[] = ['supplement-due', 'appeal-window'];

/** The most urgent deadline staff still owe (open, not paused): what a work list sorts by. */
export function mostUrgentDeadline(state: CaseState): DeadlineState | undefined {
  if (!openStatuses.includes(state.status)) return undefined;
  return state.deadlines
    .filter((d) => d.metAt === undefined && d.pausedAt === undefined && !complainantDeadlines.includes(d.name))
    .reduce<DeadlineState | undefined>((first, d) => (!first || d.dueAt < first.dueAt ? d : first), undefined);
}

/**
 * Where a case sorts in every work list: open cases by their most urgent deadline, then
 * open cases with none owed now (waiting on the complainant), then finished ones.
 */
export function workRank(state: CaseState): { readonly group: 1 | 2 | 3; readonly at: string } {
  const urgent = mostUrgentDeadline(state);
  if (urgent) return { group: 1, at: urgent.dueAt };
  if (openStatuses.includes(state.status) || state.status === 'replied') return { group: 2, at: state.receivedAt };
  return { group: 3, at: state.closedAt ?? state.receivedAt };
}
