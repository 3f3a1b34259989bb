import { randomUUID } from 'node:crypto';
import { commitChange, commitChanges, readDirectory, seedTable, StaleEntryError } from '../adapters/directory-store';
import { forgetDirectory } from '../adapters/effective-config';
import { sendDirectoryChange, type QueueUrls } from '../adapters/handoff';
import { hashSecret, keyedDigest } from '../adapters/keyed-hash';
import { readLoads } from '../adapters/workflow-store';
import { directoryIssues } from '../config/directory-check';
import type { StageConfig } from '../config/stage-config';
import { ForbiddenActionError } from '../domain/action-errors';
import { directoryAudit } from '../domain/audit';
import { calendarWarningsAt, workingCalendar } from '../domain/calendar';
import { chineseDaysSource } from '../domain/holiday-data';
import { overlay, withEntry, type Directory, type DirectoryEntry } from '../domain/directory';
import { decideChange, DirectoryConflictError, DirectoryEntryNotFoundError, type DecidedChange, type DirectoryRequest } from '../domain/directory-changes';
import { supervises, type StaffMember } from '../domain/staff-directory';
import { wallClock } from '../domain/time-zone';
import { problems } from '../http/problem';
import type { StaffCaller } from '../http/staff-caller';
import type { DirectoryChangeMessage } from '../schemas/directory-change';

/**
 * The directory's admin API (docs/administration.md): lists read from the table as stored now
 * (uncached, consistent), and changes decided by domain/directory-changes.ts, validated on the
 * whole directory as the stage config is, and committed with their audit entry and their
 * `directory-changes` hand-off in one transaction.
 */
interface DirectorySettings {
  readonly tableName: string;
  readonly stageConfig: StageConfig;
  readonly queueUrls: QueueUrls;
}

const isAdmin = (m: StaffMember) => m.roles.includes('admin');

/** The directory as stored now, and the effective config it makes (who supervises what). */
async function current(settings: DirectorySettings) {
  const directory = await readDirectory(settings.tableName, settings.stageConfig, true);
  return { directory, config: overlay(settings.stageConfig, directory) };
}

/** The staff a caller may administer: all for an admin, a supervisor's departments' members, else 403. */
function visibleStaff(directory: Directory, config: StageConfig, caller: StaffMember) {
  if (isAdmin(caller)) return directory.staff;
  if (!caller.roles.includes('supervisor')) throw new ForbiddenActionError('list staff', 'not-a-supervisor', 'Only an admin or a supervisor may list staff.');
  return directory.staff.filter((s) => s.departments.some((d) => supervises(config, caller.email, d)));
}

/** `GET /admin/staff`: each member with their routing load and their absence today. */
export async function listStaff(settings: DirectorySettings, caller: StaffCaller, now: Date) {
  const { directory, config } = await current(settings);
  const staff = [...visibleStaff(directory, config, caller.member)].sort((a, b) => a.position - b.position);
  const loads = new Map<string, number>();
  for (let i = 0; i < staff.length; i += 100) {
    const { openCases } = await readLoads(settings.tableName, staff.slice(i, i + 100).map((s) => s.email));
    openCases.forEach((count, email) => loads.set(email, count));
  }
  const today = wallClock(now, config.timeZone).date;
  return staff.map(({ position: _position, ...member }) => {
    const absence = directory.absences.find((a) => a.email === member.email && a.from <= today && today <= a.to);
    return {
      ...member,
      openCases: loads.get(member.email) ?? 0,
      absent: absence !== undefined,
      ...(absence ? { absence: { from: absence.from, to: absence.to, ...(absence.reason ? { reason: absence.reason } : {}) } } : {}),
    };
  });
}

/** `GET /admin/absences`: the caller's own, their departments' (supervisor) or all (admin). */
export async function listAbsences(settings: DirectorySettings, caller: StaffCaller) {
  const { directory, config } = await current(settings);
  const member = caller.member;
  const mayRead = (email: string) =>
    isAdmin(member) || email === member.email.toLowerCase() || (directory.staff.find((s) => s.email === email)?.departments.some((d) => supervises(config, member.email, d)) ?? false);
  return directory.absences.filter((a) => mayRead(a.email)).sort((a, b) => a.from.localeCompare(b.from));
}

/** `GET /admin/departments`, `/admin/categories`, `/admin/calendar`, `/admin/limits` (admins only). */
export async function listEntries(settings: DirectorySettings, caller: StaffCaller, entity: 'department' | 'category' | 'calendar' | 'limits', now: Date) {
  if (!isAdmin(caller.member)) throw new ForbiddenActionError(`list ${entity}`, 'admin-only', 'Only an admin may read these entries.');
  const { directory, config } = await current(settings);
  const placed = <T extends { position: number }>(list: readonly T[]) => [...list].sort((a, b) => a.position - b.position).map(({ position: _p, ...entry }) => entry);
  switch (entity) {
    case 'department':
      return placed(directory.departments);
    case 'category':
      return placed(directory.categories);
    case 'calendar':
      return { days: [...directory.calendarDays].sort((a, b) => a.date.localeCompare(b.date)), warnings: calendarWarningsAt(workingCalendar(config), now) };
    case 'limits':
      return directory.limits;
  }
}

/**
 * One change: decided on the directory as stored now (the stage config's seed is written
 * first if the table holds none yet), validated as the config is, committed with its audit
 * entry and hand-off, then handed off. Returns the entry after the change (none: removed).
 */
export async function changeDirectory(settings: DirectorySettings, caller: StaffCaller, request: DirectoryRequest, now: Date): Promise<DirectoryEntry['value'] | undefined> {
  let { directory, config } = await current(settings);
  if (!directory.seeded) {
    await seedTable(settings.tableName, settings.stageConfig, now);
    ({ directory, config } = await current(settings));
  }
  const change = decided(() => decideChange(directory, config, caller.member, request));
  const issues = directoryIssues(settings.stageConfig, withEntry(directory, change.entity, change.id, change.after?.value), change);
  if (issues.length > 0) throw problems.invalidRequest(issues.map((issue) => ({ path: issue.path, code: 'invalid', message: issue.message })));
  const secret = await hashSecret();
  const at = now.toISOString();
  const message: DirectoryChangeMessage = {
    type: 'directory-change',
    changeId: randomUUID(),
    entity: change.entity,
    id: change.id,
    at,
    actor: caller.id,
    ...(change.before ? { before: { ...change.before.value } } : {}),
    ...(change.after ? { after: { ...change.after.value } } : {}),
  };
  const audit = directoryAudit(change, (email) => `staff:${keyedDigest(secret, 'staff', email.toLowerCase())}`);
  await decided(() => commitChange(settings.tableName, change, { at, actor: caller.id, action: 'directory-change', caseNumbers: [], directory: audit }, message, now));
  // This container reads the directory anew at its next request; the others within their TTL.
  forgetDirectory();
  await sendDirectoryChange(settings.queueUrls, message);
  if (!change.after) return undefined;
  const { position: _position, ...entry } = change.after.value as DirectoryEntry['value'] & { position?: number };
  return entry as DirectoryEntry['value'];
}

/**
 * `POST /admin/calendar/import` (admins): the year's official arrangement as the installed
 * `chinese-days` data has it, written as calendar days (holidays and make-up workdays) in one
 * transaction, each day audited, with one `directory-changes` hand-off (one recompute of the
 * open cases' deadlines). Days already stored with the same kind are left; the answer counts both.
 */
export async function importCalendarYear(settings: DirectorySettings, caller: StaffCaller, year: number, now: Date): Promise<{ year: number; imported: number; unchanged: number }> {
  if (!isAdmin(caller.member)) throw new ForbiddenActionError('import calendar', 'not-an-admin', 'Only an admin may import a calendar.');
  const arrangement = chineseDaysSource.arrangement(year);
  if (!arrangement) throw problems.invalidRequest([{ path: 'year', code: 'unknown-year', message: `The installed chinese-days data holds no arrangement for ${year}.` }]);
  let { directory, config } = await current(settings);
  if (!directory.seeded) {
    await seedTable(settings.tableName, settings.stageConfig, now);
    ({ directory, config } = await current(settings));
  }
  const wanted = [...[...arrangement.holidays].map((date) => [date, 'holiday'] as const), ...[...arrangement.makeUpWorkdays].map((date) => [date, 'workday'] as const)].sort();
  const changes: DecidedChange[] = [];
  for (const [date, kind] of wanted) {
    const stored = directory.calendarDays.find((d) => d.date === date);
    if (stored?.kind === kind) continue;
    const change = decided(() => decideChange(directory, config, caller.member, { entity: 'calendar', op: 'put', id: date, ...(stored ? { version: stored.version } : {}), value: { kind } }));
    changes.push(change);
    directory = withEntry(directory, change.entity, change.id, change.after?.value);
  }
  const unchanged = wanted.length - changes.length;
  if (changes.length === 0) return { year, imported: 0, unchanged };
  const issues = directoryIssues(settings.stageConfig, directory, changes.at(-1)!);
  if (issues.length > 0) throw problems.invalidRequest(issues.map((issue) => ({ path: issue.path, code: 'invalid', message: issue.message })));
  const at = now.toISOString();
  const message: DirectoryChangeMessage = { type: 'directory-change', changeId: randomUUID(), entity: 'calendar', id: String(year), at, actor: caller.id, after: { year, days: changes.length } };
  const secret = await hashSecret();
  const pseudonym = (email: string) => `staff:${keyedDigest(secret, 'staff', email.toLowerCase())}`;
  const audited = changes.map((change) => ({ change, audit: { at, actor: caller.id, action: 'directory-change' as const, caseNumbers: [], directory: directoryAudit(change, pseudonym) } }));
  await decided(() => commitChanges(settings.tableName, audited, message, now));
  forgetDirectory();
  await sendDirectoryChange(settings.queueUrls, message);
  return { year, imported: changes.length, unchanged };
}

/** The domain's and the store's refusals as problems (403 stays the domain's ForbiddenActionError). */
function decided<T>(decide: () => T): T {
  const asProblem = (error: unknown) => {
    if (error instanceof DirectoryConflictError || error instanceof StaleEntryError) return problems.conflict(error.message);
    if (error instanceof DirectoryEntryNotFoundError) return problems.notFound();
    return error;
  };
  try {
    const result = decide();
    return (result instanceof Promise ? result.catch((error: unknown) => Promise.reject(asProblem(error))) : result) as T;
  } catch (error) {
    throw asProblem(error);
  }
}
