/**
 * Lookups in the stage's staff and department lists, shared by routing, the action
 * permissions and the escalation ladder. Staff are identified by email, compared
 * without regard to case.
 */
import type { StageConfig } from '../config/stage-config';
import { wallClock } from './time-zone';

export type StaffMember = StageConfig['staff'][number];
export type StaffConfig = Pick<StageConfig, 'staff' | 'departments'>;

export const sameEmail = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

export function findStaff(config: StaffConfig, email: string | undefined): StaffMember | undefined {
  return email === undefined ? undefined : config.staff.find((s) => sameEmail(s.email, email));
}

/** The configured supervisor 部门主管 of a department. */
export function departmentSupervisor(config: StaffConfig, departmentId: string | undefined): string | undefined {
  return config.departments.find((d) => d.id === departmentId)?.supervisor;
}

/**
 * Whom a missed deadline of this staff member goes to: their own supervisor if set,
 * else the supervisor of the case's department, else of their first department. A
 * department supervisor's own misses go one step up, never back to themselves.
 */
export function supervisorOf(config: StaffConfig, email: string | undefined, departmentId?: string): string | undefined {
  const member = findStaff(config, email);
  const candidates = [member?.supervisor, departmentSupervisor(config, departmentId), departmentSupervisor(config, member?.departments[0])];
  return candidates.find((c) => c !== undefined && !sameEmail(c, email));
}

/** A supervisor (or admin) with authority over the department. */
export function supervises(config: StaffConfig, email: string, departmentId: string | undefined): boolean {
  const member = findStaff(config, email);
  if (!member || departmentId === undefined) return false;
  if (sameEmail(departmentSupervisor(config, departmentId), email)) return true;
  return member.roles.includes('supervisor') && member.departments.includes(departmentId);
}

/** Absent at `now`: an absence covers the local date of `now` (both ends inclusive). */
export function isAbsent(member: StaffMember, now: Date, timeZone: string): boolean {
  const today = wallClock(now, timeZone).date;
  return member.absences.some((a) => a.from <= today && today <= a.to);
}

/**
 * Everyone above a staff member: their supervisor, that one's supervisor, and so on
 * (supervisorOf at each step; a loop in the config ends the chain).
 */
export function supervisorChain(config: StaffConfig, email: string | undefined, departmentId?: string): string[] {
  const chain: string[] = [];
  let current = email;
  for (;;) {
    const next = supervisorOf(config, current, departmentId);
    if (next === undefined || sameEmail(next, email) || chain.some((c) => sameEmail(c, next))) return chain;
    chain.push(next);
    current = next;
  }
}
