/**
 * The named deadlines of a case (domain.md "Deadline arithmetic"): which ones a case
 * has for its level, when each is due, and how extensions and the supplement pause
 * (补正) move them. Values in, values out; the arithmetic itself is in deadlines.ts.
 */
import type { StageConfig } from '../config/stage-config';
import type { WorkingCalendar } from './calendar';
import { clockStart, localDate } from './calendar';
import type { DeadlineState } from './case-state';
import { addWorkingTime, deadlineAt, endOfNthWorkingDayAfter, resumeDeadline, timeLeft } from './deadlines';
import type { DeadlineName, TimeLimit } from './limits';
import { isHandling, isOpen, isPausable, isRecurring, levelDeadlines } from './deadline-kinds';
import type { CaseLevel } from './status';

export interface DeadlineRules {
  readonly calendar: WorkingCalendar;
  readonly limits: StageConfig['limits'];
}

const HOUR = 3_600_000;

/**
 * A new clock for `name` triggered at `trigger`: calendar hours (level 3) start at the
 * trigger itself, working units at the trigger or the next working period.
 */
export function startDeadline(rules: DeadlineRules, name: DeadlineName, trigger: Date, revision = 0): DeadlineState {
  const limit = rules.limits[name];
  const startedAt = limit.unit === 'calendar-hours' ? trigger : clockStart(rules.calendar, trigger);
  const dueAt = deadlineAt(rules.calendar, trigger, limit).toISOString();
  return {
    name,
    occurrence: 1,
    revision,
    unit: limit.unit,
    triggeredAt: trigger.toISOString(),
    startedAt: startedAt.toISOString(),
    dueAt,
    ...(isRecurring(name) ? { firstDueAt: dueAt } : {}),
    calendarVersion: rules.calendar.version,
  };
}

/** The deadlines of a level, counted from receipt (the level-3 ones in calendar hours). */
export function deadlinesForLevel(rules: DeadlineRules, level: CaseLevel, receivedAt: Date): DeadlineState[] {
  return levelDeadlines[level].map((name) => startDeadline(rules, name, receivedAt));
}

/**
 * A level change (classify): unmet deadlines of other levels go, met ones stay as
 * record, the new level's are added unless the case already has them.
 */
export function changeLevel(rules: DeadlineRules, deadlines: readonly DeadlineState[], level: CaseLevel, receivedAt: Date): DeadlineState[] {
  const wanted = levelDeadlines[level];
  const kept = deadlines.filter((d) => !isHandling(d.name) || wanted.includes(d.name) || d.metAt !== undefined);
  const added = wanted.filter((name) => !kept.some((d) => d.name === name)).map((name) => startDeadline(rules, name, receivedAt));
  return [...kept, ...added];
}

/** Marks the named deadlines met at `now` (those already met keep their time). */
export function meetDeadlines(deadlines: readonly DeadlineState[], names: readonly DeadlineName[], now: Date): DeadlineState[] {
  return deadlines.map((d) => {
    if (!names.includes(d.name) || d.metAt !== undefined) return d;
    const { pausedAt: _, leftMs: __, ...rest } = d; // a met clock is no longer paused
    return { ...rest, metAt: now.toISOString() };
  });
}

/** An approved extension: the deadline moves to `until` and starts a new ladder (revision + 1). */
export function extendDeadline(deadlines: readonly DeadlineState[], name: DeadlineName, until: Date, now: Date): DeadlineState[] {
  return deadlines.map((d) => {
    if (d.name !== name || d.metAt !== undefined) return d;
    const dueAt = until.toISOString();
    return {
      ...d,
      revision: d.revision + 1,
      dueAt,
      ...(isRecurring(d.name) ? { firstDueAt: dueAt, occurrence: 1 } : {}),
      history: [...(d.history ?? []), { at: now.toISOString(), change: 'extension' as const, dueAt }],
    };
  });
}

/**
 * 补正: the handling clocks stop, each keeping the time it has left (a recurring one:
 * the time left of its current occurrence).
 */
export function pauseDeadlines(rules: DeadlineRules, deadlines: readonly DeadlineState[], now: Date): DeadlineState[] {
  return advanceRecurring(rules, deadlines, now).map((d) =>
    isPausable(d.name) && isOpen(d)
      ? {
          ...d,
          pausedAt: now.toISOString(),
          leftMs: timeLeft(rules.calendar, new Date(d.dueAt), now, d.unit),
          history: [...(d.history ?? []), { at: now.toISOString(), change: 'paused' as const }],
        }
      : d,
  );
}

/**
 * The material arrived: each paused clock runs on with the time it had left. A clock
 * that had already run out keeps its deadline (its notices went out already); the
 * others get a new revision, so their reminder and overdue notices can go out again.
 */
export function resumeDeadlines(rules: DeadlineRules, deadlines: readonly DeadlineState[], now: Date): DeadlineState[] {
  return deadlines.map((d) => {
    if (d.pausedAt === undefined || d.metAt !== undefined) return d;
    const { pausedAt: _, leftMs, ...rest } = d;
    const at = now.toISOString();
    if (!leftMs) return { ...rest, history: [...(d.history ?? []), { at, change: 'resumed' as const, dueAt: d.dueAt }] };
    const startedAt = d.unit === 'calendar-hours' ? now : clockStart(rules.calendar, now);
    const dueAt = resumeDeadline(rules.calendar, now, leftMs, d.unit).toISOString();
    return {
      ...rest,
      revision: d.revision + 1,
      startedAt: startedAt.toISOString(),
      dueAt,
      ...(isRecurring(d.name) ? { firstDueAt: dueAt, occurrence: 1 } : {}),
      history: [...(d.history ?? []), { at, change: 'resumed' as const, dueAt }],
    };
  });
}

/** `times` limits after `from`, in the limit's currency (additive: two steps equal one). */
export function addLimits(calendar: WorkingCalendar, from: Date, limit: TimeLimit, times: number): Date {
  if (times <= 0) return from;
  switch (limit.unit) {
    case 'calendar-hours':
      return new Date(from.getTime() + times * limit.amount * HOUR);
    case 'working-hours':
      return addWorkingTime(calendar, from, times * limit.amount * HOUR);
    case 'working-days':
      return endOfNthWorkingDayAfter(calendar, localDate(calendar, from), times * limit.amount);
  }
}

/** When occurrence `n` of a recurring deadline falls due (its stored occurrence: `dueAt`). */
export function occurrenceDueAt(rules: DeadlineRules, d: DeadlineState, n: number): Date {
  const first = new Date(d.firstDueAt ?? d.dueAt);
  return addLimits(rules.calendar, first, rules.limits[d.name], n - 1);
}

/**
 * The latest occurrence due at or before `now` (0 if none yet) of a recurring deadline.
 * Walks forward from occurrence 1: a few dozen steps even for a month-old L3 case.
 */
export function latestOccurrence(rules: DeadlineRules, d: DeadlineState, now: Date): number {
  let n = 0;
  while (occurrenceDueAt(rules, d, n + 1).getTime() <= now.getTime()) n++;
  return n;
}

/**
 * Recurring deadlines rolled forward so the stored `dueAt` is the next occurrence after
 * `now` (what `expectedBy` shows); the SLA sweep stores the result.
 */
export function advanceRecurring(rules: DeadlineRules, deadlines: readonly DeadlineState[], now: Date): DeadlineState[] {
  return deadlines.map((d) => {
    if (!isRecurring(d.name) || !isOpen(d)) return d;
    const occurrence = latestOccurrence(rules, d, now) + 1;
    if (occurrence <= d.occurrence) return d;
    return { ...d, occurrence, dueAt: occurrenceDueAt(rules, d, occurrence).toISOString() };
  });
}


/**
 * The calendar or the limits changed at runtime (issue 22): each open clock is computed
 * again from its trigger with today's rules. A clock that moves gets a new revision (its
 * reminder and overdue notices go out for the new instant) and a `recomputed` entry naming
 * the instant before and the calendar used, which the staff view shows as its explanation.
 * Clocks a person or a pause moved (an approved extension, 补正) keep their instant: it was
 * decided for that case, not derived from the calendar alone. Returns the same array when nothing moves.
 */
export function recomputeDeadlines(rules: DeadlineRules, deadlines: readonly DeadlineState[], now: Date): readonly DeadlineState[] {
  let moved = false;
  const next = deadlines.map((d) => {
    if (!isOpen(d) || (d.history ?? []).some((m) => m.change !== 'recomputed')) return d;
    const fresh = startDeadline(rules, d.name, new Date(d.triggeredAt), d.revision);
    const dueAt = isRecurring(d.name) ? occurrenceDueAt(rules, fresh, d.occurrence).toISOString() : fresh.dueAt;
    if (dueAt === d.dueAt && fresh.unit === d.unit) return d;
    moved = true;
    const version = rules.calendar.version;
    return {
      ...d,
      unit: fresh.unit,
      startedAt: fresh.startedAt,
      dueAt,
      ...(fresh.firstDueAt ? { firstDueAt: fresh.firstDueAt } : {}),
      calendarVersion: version,
      revision: d.revision + 1,
      history: [...(d.history ?? []), { at: now.toISOString(), change: 'recomputed' as const, dueAt, was: d.dueAt, calendarVersion: version }],
    };
  });
  return moved ? next : deadlines;
}
