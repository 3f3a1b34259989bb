/**
 * The staff directory as the table holds it (issue #22, docs/administration.md): staff,
 * their absences, departments, categories, calendar overrides and the time limits, each
 * entry versioned. Pure: the stage config seeds it, and the effective config every function
 * reads is the stage config overlaid with it.
 */
import type { StageConfig } from '../config/stage-config';
import type { DeadlineName, TimeLimit } from './limits';

type Staff = StageConfig['staff'][number];
export type StaffFields = Omit<Staff, 'absences'>;
export type Department = StageConfig['departments'][number];
export type Category = StageConfig['categories'][number];
export type Absence = Staff['absences'][number];

/** Each entry carries the version a write must name (409 when it is stale). */
interface Versioned {
  readonly version: number;
}
/** Where an entry sorts in the lists the config order gave (new entries last). */
interface Placed {
  readonly position: number;
}

export type StaffEntry = StaffFields & Versioned & Placed;
export type DepartmentEntry = Department & Versioned & Placed;
export type CategoryEntry = Category & Versioned & Placed;
export type AbsenceEntry = Absence & Versioned & { readonly id: string; readonly email: string };
export type CalendarDayEntry = Versioned & { readonly date: string; readonly kind: 'holiday' | 'workday'; readonly name?: string };
export type LimitsEntry = Versioned & { readonly limits: Record<DeadlineName, TimeLimit> };

export interface Directory {
  /** Whether the table holds it (else: the stage config's seed, not stored yet). */
  readonly seeded: boolean;
  readonly staff: readonly StaffEntry[];
  readonly absences: readonly AbsenceEntry[];
  readonly departments: readonly DepartmentEntry[];
  readonly categories: readonly CategoryEntry[];
  readonly calendarDays: readonly CalendarDayEntry[];
  readonly limits: LimitsEntry;
}

export const directoryEntities = ['staff', 'absence', 'department', 'category', 'calendar', 'limits'] as const;
export type EntityName = (typeof directoryEntities)[number];

/** One entry of any kind, tagged. */
export type DirectoryEntry =
  | { readonly entity: 'staff'; readonly value: StaffEntry }
  | { readonly entity: 'absence'; readonly value: AbsenceEntry }
  | { readonly entity: 'department'; readonly value: DepartmentEntry }
  | { readonly entity: 'category'; readonly value: CategoryEntry }
  | { readonly entity: 'calendar'; readonly value: CalendarDayEntry }
  | { readonly entity: 'limits'; readonly value: LimitsEntry };

/** The directory the stage config seeds: every entry at version 1. */
export function seedDirectory(config: StageConfig): Directory {
  return {
    seeded: false,
    staff: config.staff.map(({ absences: _absences, ...member }, position) => ({ ...member, email: member.email.toLowerCase(), version: 1, position })),
    // A hand-built config (tests) may leave out the lists the schema defaults.
    absences: config.staff.flatMap((member, i) =>
      (member.absences ?? []).map((absence, j) => ({ ...absence, id: `seed-${i}-${j}`, email: member.email.toLowerCase(), version: 1 })),
    ),
    departments: config.departments.map((d, position) => ({ ...d, version: 1, position })),
    categories: config.categories.map((c, position) => ({ ...c, version: 1, position })),
    calendarDays: [
      ...(config.calendar.holidays ?? []).map((date) => ({ date, kind: 'holiday' as const, version: 1 })),
      ...(config.calendar.makeUpWorkdays ?? []).map((date) => ({ date, kind: 'workday' as const, version: 1 })),
    ],
    limits: { limits: config.limits, version: 1 },
  };
}

/** Every entry of the directory, tagged (what a seed writes). */
export function entriesOf(directory: Directory): DirectoryEntry[] {
  return [
    ...directory.staff.map((value) => ({ entity: 'staff' as const, value })),
    ...directory.absences.map((value) => ({ entity: 'absence' as const, value })),
    ...directory.departments.map((value) => ({ entity: 'department' as const, value })),
    ...directory.categories.map((value) => ({ entity: 'category' as const, value })),
    ...directory.calendarDays.map((value) => ({ entity: 'calendar' as const, value })),
    { entity: 'limits' as const, value: directory.limits },
  ];
}

const byPosition = <T extends Placed>(entries: readonly T[]): T[] => [...entries].sort((a, b) => a.position - b.position);
const strip = <T extends Versioned & Partial<Placed>>({ version: _v, position: _p, ...rest }: T) => rest;

/** The stage config with the directory in place of its staff, departments, categories, calendar overrides and limits. */
export function overlay(config: StageConfig, directory: Directory): StageConfig {
  const absencesOf = (email: string): Absence[] =>
    directory.absences
      .filter((a) => a.email === email.toLowerCase())
      .sort((a, b) => a.from.localeCompare(b.from))
      .map(({ from, to, reason }) => ({ from, to, ...(reason === undefined ? {} : { reason }) }));
  const days = (kind: CalendarDayEntry['kind']) => directory.calendarDays.filter((d) => d.kind === kind).map((d) => d.date).sort();
  return {
    ...config,
    staff: byPosition(directory.staff).map((member) => ({ ...(strip(member) as StaffFields), absences: absencesOf(member.email) })),
    departments: byPosition(directory.departments).map((d) => strip(d) as Department),
    categories: byPosition(directory.categories).map((c) => strip(c) as Category),
    calendar: { ...config.calendar, holidays: days('holiday'), makeUpWorkdays: days('workday') },
    limits: directory.limits.limits,
  };
}

/** The directory with one entry put in place (or removed: `after` undefined), by its identity. */
export function withEntry(directory: Directory, entity: EntityName, id: string, after: DirectoryEntry['value'] | undefined): Directory {
  const replace = <T>(list: readonly T[], idOf: (entry: T) => string): T[] => {
    const rest = list.filter((entry) => idOf(entry) !== id);
    return after === undefined ? rest : [...rest, after as T];
  };
  switch (entity) {
    case 'staff':
      return { ...directory, staff: replace(directory.staff, (s) => s.email) };
    case 'absence':
      return { ...directory, absences: replace(directory.absences, (a) => a.id) };
    case 'department':
      return { ...directory, departments: replace(directory.departments, (d) => d.id) };
    case 'category':
      return { ...directory, categories: replace(directory.categories, (c) => c.id) };
    case 'calendar':
      return { ...directory, calendarDays: replace(directory.calendarDays, (d) => d.date) };
    case 'limits':
      return { ...directory, limits: after as LimitsEntry };
  }
}

/** The next free list position (a new entry goes last). */
export const nextPosition = (entries: readonly Placed[]): number => entries.reduce((max, e) => Math.max(max, e.position + 1), 0);
