import type { CaseState } from '../domain/case-state';
import { mostUrgentDeadline, workRank } from '../domain/staff-access';
import type { CaseChange } from './case-store';
import { type Handoff, pendingFieldNames, pendingFields } from './handoff';
import { definedFields, handoffFieldNames, type StateItem } from './item-schemas';
import { closedIndex, dueIndex, workListIndex } from './keys';

/**
 * Where a case's state item sits in the indexes, derived from its state: gsi1 (its pending
 * hand-off under `OUTBOX`, else the due index at its next ladder step, else the closed
 * index while retention runs, or `PARKED`), gsi2 and gsi3 (the staff work lists).
 */

/** The state item's gsi1 attributes: its next ladder instant and whichever index entry holds the case. */
export const placementFieldNames = ['nextDueAt', 'gsi1pk', 'gsi1sk', ...handoffFieldNames] as const;
export type Placement = Pick<StateItem, (typeof placementFieldNames)[number]>;

/** The state item's work-list attributes (gsi2, gsi3 and what a row shows of its urgency). */
export const workListFieldNames = ['gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'workDueAt'] as const;

/** The case's place in the staff work lists (gsi2 by assignee, gsi3 by department), derived from its state. */
export function workListFields(state: CaseState): Pick<StateItem, (typeof workListFieldNames)[number]> {
  const rank = workRank(state);
  const sortKey = workListIndex.sortKey(rank.group, rank.at, state.caseNumber);
  const urgent = mostUrgentDeadline(state);
  return {
    ...(state.assignee ? { gsi2pk: workListIndex.assignee.partition(state.assignee), gsi2sk: sortKey } : {}),
    gsi3pk: workListIndex.department.partition(state.department, state.caseNumber),
    gsi3sk: sortKey,
    ...(urgent ? { workDueAt: urgent.dueAt } : {}),
  };
}

/**
 * Where the state item sits in gsi1 after a change: under `OUTBOX` while it carries a
 * hand-off to the case's next step (a new one, or one the change does not confirm), else
 * under `PARKED` when the change parks it (no sweep reads it; its due step kept), else
 * in the due index at its next ladder instant, else nowhere.
 */
export function placementAfter(caseNumber: string, before: StateItem, change: Pick<CaseChange, 'due' | 'confirms' | 'at'>, handoff: Handoff | undefined, parks = false): Placement {
  const nextDueAt = change.due ? change.due.next?.toISOString() : before.nextDueAt;
  const due = nextDueAt ? { nextDueAt } : {};
  if (parks && nextDueAt && !handoff && !before.handoffQueue) return { nextDueAt, gsi1pk: dueIndex.parked, gsi1sk: dueIndex.sortKey(nextDueAt, caseNumber) };
  if (handoff) return { ...due, ...pendingFields(handoff, change.at) };
  const { handoffQueue, gsi1pk, gsi1sk } = before;
  const confirmed = change.confirms !== undefined && !change.confirms.id && change.confirms.queue === handoffQueue;
  if (handoffQueue && !confirmed) return { ...due, ...definedFields(before, pendingFieldNames) };
  if (change.due) return dueFields(caseNumber, change.due.next, change.due.writtenAt);
  if (handoffQueue) return nextDueAt ? dueFields(caseNumber, new Date(nextDueAt), change.at) : {};
  return { ...due, gsi1pk, gsi1sk };
}

/**
 * A closed case with nothing else holding its gsi1 place goes to the closed index (the
 * retention sweep's, keys.ts `closedIndex`); a case that is no longer closed (an appeal
 * reopened it) leaves it.
 */
export function withRetention(caseNumber: string, after: Pick<CaseState, 'closedAt'>, fields: Placement): Placement {
  if (fields.gsi1pk !== undefined && !closedIndex.holds(fields.gsi1pk)) return fields;
  const { gsi1pk: _pk, gsi1sk: _sk, ...rest } = fields;
  return after.closedAt ? { ...rest, ...closedFields(caseNumber, after.closedAt) } : rest;
}

export const closedFields = (caseNumber: string, closedAt: string): Pick<StateItem, 'gsi1pk' | 'gsi1sk'> => ({
  gsi1pk: closedIndex.partition(closedAt, caseNumber),
  gsi1sk: closedIndex.sortKey(closedAt, caseNumber),
});

/** The due-index attributes of a case whose next ladder step is at `next` (none: out of the index). */
export function dueFields(caseNumber: string, next: Date | undefined, writtenAt: Date): Pick<StateItem, 'nextDueAt' | 'gsi1pk' | 'gsi1sk'> {
  if (!next) return {};
  const due = next.toISOString();
  // A step already due when written goes in the writer's hour, never in a bucket the sweep has passed.
  const bucketAt = next > writtenAt ? due : writtenAt.toISOString();
  return { nextDueAt: due, gsi1pk: dueIndex.partition(bucketAt, caseNumber), gsi1sk: dueIndex.sortKey(due, caseNumber) };
}
