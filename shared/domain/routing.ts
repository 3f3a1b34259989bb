/**
 * 分派 assignment by routing (domain.md workflow step 5): category → department →
 * the eligible handler with the fewest open cases, ties broken by a rotation counter
 * the caller keeps. Never the person complained about, never someone with a declared
 * conflict (回避), never someone absent today; nobody eligible → the department supervisor.
 */
import type { StageConfig } from '../config/stage-config';
import type { Subject } from './case-state';
import { departmentSupervisor, findStaff, isAbsent, sameEmail, supervisorChain, supervisorOf, type StaffMember } from './staff-directory';
import { isAboutStaff, type CaseAbout } from './recusal';
import { subjectKey } from './subject-key';

export type Exclusion = 'absent' | 'subject-of-case' | 'declared-conflict';

export interface RoutingInput {
  readonly department: string;
  readonly subject: Subject;
  /** The case's description: a staff member it names is left out too (回避). */
  readonly description?: string;
  readonly now: Date;
  /** Open cases per staff email (missing = 0). */
  readonly openCases: ReadonlyMap<string, number>;
  /** A counter that grows with every routed case: picks among equally loaded handlers in turn. */
  readonly rotation: number;
}

export interface RoutingDecision {
  readonly department: string;
  readonly assignee: string;
  readonly reason: 'fewest-open-cases' | 'supervisor-fallback';
  /** Who was left out and why, for the history entry and the staff view. */
  readonly excluded: readonly { readonly email: string; readonly why: Exclusion }[];
}

export type RoutingConfig = Pick<StageConfig, 'staff' | 'departments' | 'timeZone'>;

/** The handlers of a department: the people routing chooses among (and whose loads it reads). */
export const departmentHandlers = (config: Pick<RoutingConfig, 'staff'>, department: string): StaffMember[] =>
  config.staff.filter((member) => member.roles.includes('handler') && member.departments.includes(department));

export function routeCase(config: RoutingConfig, input: RoutingInput): RoutingDecision {
  const excluded: { email: string; why: Exclusion }[] = [];
  const eligible = departmentHandlers(config, input.department).filter((member) => {
    const why = exclusion(config, member, input, input.now);
    if (why) excluded.push({ email: member.email, why });
    return why === undefined;
  });
  if (eligible.length === 0) {
    return { department: input.department, assignee: fallback(config, input), reason: 'supervisor-fallback', excluded };
  }
  const load = (m: StaffMember) => input.openCases.get(m.email) ?? input.openCases.get(m.email.toLowerCase()) ?? 0;
  const fewest = Math.min(...eligible.map(load));
  // Sorted so that the same rotation value always picks the same person, whatever the config order.
  const tied = eligible.filter((m) => load(m) === fewest).map((m) => m.email).sort();
  const index = ((input.rotation % tied.length) + tied.length) % tied.length;
  return { department: input.department, assignee: tied[index]!, reason: 'fewest-open-cases', excluded };
}

/** Why a staff member may not handle a case (its subject and description) at `now`, if anything. */
export function exclusion(config: RoutingConfig, member: StaffMember, about: CaseAbout, now: Date): Exclusion | undefined {
  if (isAboutStaff(member, about)) return 'subject-of-case';
  if (hasConflict(member, about.subject)) return 'declared-conflict';
  if (isAbsent(member, now, config.timeZone)) return 'absent';
  return undefined;
}

/** A declared conflict 回避 matches the subject after normalisation (any type unless the conflict names one). */
export function hasConflict(member: StaffMember, subject: Subject): boolean {
  const key = subjectKey(subject).slice(subject.type.length + 1);
  return member.conflicts.some((c) => {
    if (c.subjectType !== undefined && c.subjectType !== subject.type) return false;
    return subjectKey({ type: subject.type, value: c.value }).slice(subject.type.length + 1) === key;
  });
}

/**
 * The department supervisor; if they are themselves excluded (the complaint is about
 * them), their own supervisor, so a case never lands with the person it is about.
 */
function fallback(config: RoutingConfig, input: RoutingInput): string {
  const supervisor = departmentSupervisor(config, input.department)!;
  const member = findStaff(config, supervisor);
  if (member && exclusion(config, member, input, input.now) !== undefined) {
    const above = supervisorOf(config, supervisor, input.department);
    if (above && !sameEmail(above, supervisor)) return above;
  }
  return supervisor;
}

/**
 * 复核 (domain.md workflow step 9, seed 001 (五)2): the reviewer of an appeal is the first
 * of the original handler's supervisor chain, then the admins, who may review (supervisor or
 * admin), never handled nor approved the case, and may act on it now (not its subject, no
 * declared conflict, not absent). Undefined when nobody qualifies.
 */
export function appealReviewer(
  config: RoutingConfig,
  state: CaseAbout & { readonly assignee?: string; readonly department?: string; readonly handledBy?: readonly string[] },
  now: Date,
): string | undefined {
  const handled = (email: string) => sameEmail(email, state.assignee) || (state.handledBy ?? []).some((h) => sameEmail(h, email));
  const admins = config.staff.filter((m) => m.roles.includes('admin')).map((m) => m.email);
  const candidates = [...supervisorChain(config, state.assignee, state.department), ...admins.sort()];
  return candidates.find((email) => {
    const member = findStaff(config, email);
    if (!member || handled(email)) return false;
    if (!member.roles.includes('supervisor') && !member.roles.includes('admin')) return false;
    return exclusion(config, member, state, now) === undefined;
  });
}
