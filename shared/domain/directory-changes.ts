/**
 * What an administrative change of the directory does, and who may make it (issue #22,
 * docs/administration.md). Pure: the directory read, the caller and the request in; the
 * entry before and after out, or a refusal. An admin may change everything; a supervisor the
 * staff and absences of the departments they supervise, never granting a role; anyone their
 * own absences.
 */
import { ForbiddenActionError } from './action-errors';
import {
  nextPosition,
  type AbsenceEntry,
  type CalendarDayEntry,
  type CategoryEntry,
  type DepartmentEntry,
  type Directory,
  type DirectoryEntry,
  type EntityName,
  type LimitsEntry,
  type StaffEntry,
  type StaffFields,
} from './directory';
import type { DeadlineName, TimeLimit } from './limits';
import { supervises, type StaffConfig, type StaffMember } from './staff-directory';

/** A stale version, or an id taken: the caller read an older directory (409). */
export class DirectoryConflictError extends Error {
  override readonly name = 'DirectoryConflictError';
}
/** No entry of that id (404). */
export class DirectoryEntryNotFoundError extends Error {
  override readonly name = 'DirectoryEntryNotFoundError';
}

type StaffPatch = Partial<Pick<StaffFields, 'name' | 'roles' | 'departments' | 'supervisor' | 'conflicts' | 'active'>>;
type DepartmentFields = Omit<DepartmentEntry, 'version' | 'position'>;
type CategoryFields = Omit<CategoryEntry, 'version' | 'position'>;

export type DirectoryRequest =
  | { readonly entity: 'staff'; readonly op: 'create'; readonly value: Omit<StaffFields, 'active'> & { readonly active?: boolean } }
  | { readonly entity: 'staff'; readonly op: 'update'; readonly id: string; readonly version: number; readonly patch: StaffPatch }
  | { readonly entity: 'absence'; readonly op: 'create'; readonly id: string; readonly value: Omit<AbsenceEntry, 'id' | 'version'> }
  | { readonly entity: 'absence'; readonly op: 'delete'; readonly id: string; readonly version: number }
  | { readonly entity: 'department'; readonly op: 'create'; readonly value: DepartmentFields }
  | { readonly entity: 'department'; readonly op: 'update'; readonly id: string; readonly version: number; readonly patch: Partial<Omit<DepartmentFields, 'id'>> }
  | { readonly entity: 'category'; readonly op: 'create'; readonly value: CategoryFields }
  | { readonly entity: 'category'; readonly op: 'update'; readonly id: string; readonly version: number; readonly patch: Partial<Omit<CategoryFields, 'id'>> }
  | { readonly entity: 'calendar'; readonly op: 'put'; readonly id: string; readonly version?: number; readonly value: Omit<CalendarDayEntry, 'date' | 'version'> }
  | { readonly entity: 'calendar'; readonly op: 'delete'; readonly id: string; readonly version?: number }
  | { readonly entity: 'limits'; readonly op: 'update'; readonly version: number; readonly limits: Partial<Record<DeadlineName, TimeLimit>> };

export interface DecidedChange {
  readonly entity: EntityName;
  /** The entry's id: an address (lower-cased), an id, a date, `limits`. */
  readonly id: string;
  readonly before?: DirectoryEntry;
  readonly after?: DirectoryEntry;
}

const isAdmin = (caller: StaffMember) => caller.roles.includes('admin');

/** The change a request makes to the directory, if `caller` may make it (`config`: the effective one, for who supervises what). */
export function decideChange(directory: Directory, config: StaffConfig, caller: StaffMember, request: DirectoryRequest): DecidedChange {
  switch (request.entity) {
    case 'staff':
      return staffChange(directory, config, caller, request);
    case 'absence':
      return absenceChange(directory, config, caller, request);
    default:
      if (!isAdmin(caller)) throw new ForbiddenActionError(`change ${request.entity}`, 'admin-only', `Only an admin may change the ${request.entity} entries.`);
      return adminChange(directory, request);
  }
}

function staffChange(directory: Directory, config: StaffConfig, caller: StaffMember, request: Extract<DirectoryRequest, { entity: 'staff' }>): DecidedChange {
  if (request.op === 'create') {
    const email = request.value.email.toLowerCase();
    if (directory.staff.some((s) => s.email === email)) throw new DirectoryConflictError('A staff member with this address exists.');
    const after: StaffEntry = { ...request.value, email, conflicts: request.value.conflicts ?? [], active: request.value.active ?? true, version: 1, position: nextPosition(directory.staff) };
    mayManageStaff(config, caller, undefined, after);
    return { entity: 'staff', id: email, after: { entity: 'staff', value: after } };
  }
  const before = current(directory.staff.find((s) => s.email === request.id.toLowerCase()), request.version);
  const after: StaffEntry = { ...before, ...request.patch, version: before.version + 1 };
  mayManageStaff(config, caller, before, after);
  return { entity: 'staff', id: before.email, before: { entity: 'staff', value: before }, after: { entity: 'staff', value: after } };
}

/**
 * An admin: anyone. A supervisor: a member of a department they supervise, kept within their
 * departments, granted no role they did not have (a supervisor adds handlers; 403 otherwise).
 */
function mayManageStaff(config: StaffConfig, caller: StaffMember, before: StaffEntry | undefined, after: StaffEntry): void {
  if (isAdmin(caller)) return;
  const supervised = (department: string) => supervises(config, caller.email, department);
  if (!caller.roles.includes('supervisor')) throw new ForbiddenActionError('change staff', 'not-a-supervisor', 'Only an admin or a supervisor may change staff entries.');
  if (before && !before.departments.some(supervised))
    throw new ForbiddenActionError('change staff', 'other-department', 'This staff member is in no department you supervise.');
  if (before?.roles.includes('admin')) throw new ForbiddenActionError('change staff', 'admin-entry', 'Only an admin may change an admin.');
  const granted = after.roles.filter((role) => !(before?.roles ?? ['handler']).includes(role));
  if (granted.length > 0) throw new ForbiddenActionError('change staff', 'grants-role', `A supervisor may not grant the role ${granted.join(', ')}.`);
  const added = after.departments.filter((d) => !(before?.departments ?? []).includes(d));
  if (after.departments.length === 0 || added.some((d) => !supervised(d)))
    throw new ForbiddenActionError('change staff', 'other-department', 'A supervisor may place staff only in the departments they supervise.');
}

function absenceChange(directory: Directory, config: StaffConfig, caller: StaffMember, request: Extract<DirectoryRequest, { entity: 'absence' }>): DecidedChange {
  if (request.op === 'create') {
    const email = request.value.email.toLowerCase();
    const member = directory.staff.find((s) => s.email === email);
    if (!member) throw new DirectoryEntryNotFoundError('No staff member has this address.');
    mayManageAbsences(config, caller, member);
    if (directory.absences.some((a) => a.id === request.id)) throw new DirectoryConflictError('This absence exists.');
    const after: AbsenceEntry = { ...request.value, email, id: request.id, version: 1 };
    return { entity: 'absence', id: request.id, after: { entity: 'absence', value: after } };
  }
  const before = current(directory.absences.find((a) => a.id === request.id), request.version);
  const member = directory.staff.find((s) => s.email === before.email);
  if (member) mayManageAbsences(config, caller, member);
  else if (!isAdmin(caller)) throw new ForbiddenActionError('change absences', 'admin-only', 'Only an admin may remove this absence.');
  return { entity: 'absence', id: before.id, before: { entity: 'absence', value: before } };
}

/** The member themself, a supervisor of one of their departments, or an admin. */
function mayManageAbsences(config: StaffConfig, caller: StaffMember, member: StaffEntry): void {
  if (isAdmin(caller) || caller.email.toLowerCase() === member.email) return;
  if (caller.roles.includes('supervisor') && member.departments.some((d) => supervises(config, caller.email, d))) return;
  throw new ForbiddenActionError('change absences', 'not-yours', 'Only the member, a supervisor of their department or an admin may change their absences.');
}

function adminChange(directory: Directory, request: Exclude<DirectoryRequest, { entity: 'staff' | 'absence' }>): DecidedChange {
  switch (request.entity) {
    case 'department': {
      if (request.op === 'create') {
        if (directory.departments.some((d) => d.id === request.value.id)) throw new DirectoryConflictError('A department with this id exists.');
        const after = { ...request.value, version: 1, position: nextPosition(directory.departments) };
        return { entity: 'department', id: after.id, after: { entity: 'department', value: after } };
      }
      const before = current(directory.departments.find((d) => d.id === request.id), request.version);
      const after = { ...before, ...request.patch, version: before.version + 1 };
      return { entity: 'department', id: before.id, before: { entity: 'department', value: before }, after: { entity: 'department', value: after } };
    }
    case 'category': {
      if (request.op === 'create') {
        if (directory.categories.some((c) => c.id === request.value.id)) throw new DirectoryConflictError('A category with this id exists.');
        const after = { ...request.value, version: 1, position: nextPosition(directory.categories) };
        return { entity: 'category', id: after.id, after: { entity: 'category', value: after } };
      }
      const before = current(directory.categories.find((c) => c.id === request.id), request.version);
      const after = { ...before, ...request.patch, version: before.version + 1 };
      return { entity: 'category', id: before.id, before: { entity: 'category', value: before }, after: { entity: 'category', value: after } };
    }
    case 'calendar': {
      const before = directory.calendarDays.find((d) => d.date === request.id);
      if (before && request.version !== undefined && request.version !== before.version) throw new DirectoryConflictError('The day was changed meanwhile: read it again.');
      if (request.op === 'delete') {
        if (!before) throw new DirectoryEntryNotFoundError('No override for this day.');
        return { entity: 'calendar', id: request.id, before: { entity: 'calendar', value: before } };
      }
      const after: CalendarDayEntry = { ...request.value, date: request.id, version: (before?.version ?? 0) + 1 };
      return { entity: 'calendar', id: request.id, ...(before ? { before: { entity: 'calendar' as const, value: before } } : {}), after: { entity: 'calendar', value: after } };
    }
    case 'limits': {
      const before = current(directory.limits, request.version);
      const after: LimitsEntry = { limits: { ...before.limits, ...request.limits }, version: before.version + 1 };
      return { entity: 'limits', id: 'limits', before: { entity: 'limits', value: before }, after: { entity: 'limits', value: after } };
    }
  }
}

/** The entry as read, if the caller saw this version of it. */
function current<T extends { readonly version: number }>(entry: T | undefined, version: number): T {
  if (!entry) throw new DirectoryEntryNotFoundError('No entry of this id.');
  if (entry.version !== version) throw new DirectoryConflictError(`The entry is at version ${entry.version}, not ${version}: read it again.`);
  return entry;
}
