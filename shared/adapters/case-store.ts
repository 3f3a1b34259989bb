import type { ActionOutcome } from '../domain/case-actions';
import type { CaseState } from '../domain/case-state';
import type { NewCase } from '../domain/intake';
import type { Notice } from '../domain/notices';
import { statisticsCaseOf, updatesOfChange } from '../domain/statistics';
import type { QueueName } from '../queue-names';
import { dynamo, type TransactionItem } from './aws-clients';
import { historyPut, newCaseItems, type StoredCase, toStateItem } from './case-items';
import { closedFields, dueFields, placementAfter, withRetention } from './case-placement';
import { conditionFailed, failedItems, ifCondition } from './conditions';
import { type Handoff, handoffDone, handoffPut, pendingFieldNames, type QueueUrls, sendHandoffs } from './handoff';
import { handoffFieldNames, type StateItem } from './item-schemas';
import { keys } from './keys';
import { noticeWrites } from './notice-ledger';
import { observeSubjects, statisticsWrites } from './statistics-store';
import { clusterLeaves, loadMoves, submitterPause } from './workflow-store';

/**
 * The case store: the only module that writes a case as the workflow changes it (state,
 * submission, contact, history; case-items.ts maps them to and from the domain's
 * `CaseState`). Every change is a conditional update of the small state item
 * (only the attributes that changed, on the version read) with its history entries, the
 * notices it decided and its hand-offs, in one transaction; hand-offs are sent after the
 * commit (transactional outbox, shared/adapters/handoff.ts).
 */

/** The submitter is paused after a case of theirs was marked malicious (workflow-store.ts `submitterPause`). */
export class SubmitterPausedError extends Error {
  override readonly name = 'SubmitterPausedError';
}

export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
}

/** The submission's `Idempotency-Key` was registered by another request meanwhile (its twin). */
export class AlreadyRegisteredError extends Error {
  override readonly name = 'AlreadyRegisteredError';
}

export class ConcurrentChangeError extends Error {
  override readonly name = 'ConcurrentChangeError';
}

/** Notice items and their hand-offs; a complainant notice only for a case with a contact. */
function noticesOf(tableName: string, caseNumber: string, anonymous: boolean, notices: readonly Notice[], at: Date) {
  const writes = notices.filter((n) => !(n.audience === 'complainant' && anonymous)).map((n) => noticeWrites(tableName, caseNumber, n, at));
  return { items: writes.flatMap((w) => w.items), handoffs: writes.map((w) => w.handoff) };
}

/**
 * 接收登记: the state, submission, contact and first history items, the notices intake
 * decided (the receipt) and the hand-offs, plus the caller's guard (the rate counter,
 * whose failed condition is `RateLimitedError`) and, for a post with an `Idempotency-Key`,
 * its `once` item (`AlreadyRegisteredError`), in one transaction: all of it, or none.
 */
export async function createCase(
  settings: { tableName: string; queueUrls: QueueUrls },
  newCase: NewCase,
  change: {
    readonly guard: TransactionItem;
    readonly once?: TransactionItem;
    /** The submitter's pause check (`SubmitterPausedError`), when the case has a submitter. */
    readonly notPaused?: TransactionItem;
    readonly notices: readonly Notice[];
    readonly handoff: Handoff;
    readonly alsoWrite?: readonly TransactionItem[];
    readonly at: Date;
  },
): Promise<void> {
  const { tableName } = settings;
  const n = newCase.state.caseNumber;
  const notices = noticesOf(tableName, n, newCase.facts.anonymous, change.notices, change.at);
  // The state item carries the hand-off to the first step: no outbox item to put and delete.
  const [state, ...rest] = newCaseItems(newCase, { handoff: change.handoff, at: change.at });
  const items: TransactionItem[] = [
    change.guard,
    ...(change.once ? [change.once] : []),
    ...(change.notPaused ? [change.notPaused] : []),
    { Put: { TableName: tableName, Item: state!, ConditionExpression: 'attribute_not_exists(pk)' } },
    ...rest.map((item) => ({ Put: { TableName: tableName, Item: item } })),
    ...notices.items,
    ...(change.alsoWrite ?? []),
  ];
  try {
    await dynamo().transactWrite({ TransactItems: items });
  } catch (error) {
    // The same post again first: its answer is its case, even when the sender is over the limit.
    if (change.once && failedItems(error).includes(1)) throw new AlreadyRegisteredError();
    if (failedItems(error).includes(0)) throw new RateLimitedError();
    if (change.notPaused && failedItems(error).includes(change.once ? 2 : 1)) throw new SubmitterPausedError();
    throw error;
  }
  // One send on the hot path: the receipt's hand-off is sent by the review step (the relay covers both).
  await sendHandoffs(settings.queueUrls, [change.handoff]);
}

/** What one step changes about a case. */
export interface CaseChange {
  /** The domain's outcomes, in order: each one's history entry is appended and its notices decided. */
  readonly outcomes: readonly ActionOutcome[];
  /** The state to store when the domain decided one beyond the last outcome's (case-actions.ts `escalationStep`: recurring clocks rolled forward). */
  readonly state?: CaseState;
  /** Further notices decided (the escalation ladder's), written once each. */
  readonly notices?: readonly Notice[];
  /** Where the case goes in the due index: its next ladder instant (or none), and when it is written. */
  readonly due?: { readonly next: Date | undefined; readonly writtenAt: Date };
  /** The hand-off this change completes (its outbox entry is deleted in the same transaction). */
  readonly confirms?: { readonly queue: QueueName; readonly id?: string };
  readonly handoffs?: readonly Handoff[];
  /**
   * Records the change brings with it, written once in its transaction (the complainant's
   * material, evidence references). Never a consequence of the change (a load counter, a
   * cluster exit, a pause, a statistic): those `saveChange` derives from the states.
   */
  readonly alsoWrite?: readonly TransactionItem[];
  /** Hand-offs whose entries are already stored (e.g. the receipt's notice item), sent after the commit. */
  readonly alsoSend?: readonly Handoff[];
  readonly at: Date;
}

/**
 * Stores a change as one transaction conditional on the version read: a concurrent
 * change (or a notice already decided) is `conflict`, and the caller reads and decides
 * again. Every consequence of the change is derived here from the states before and
 * after, in the same transaction, so no caller can forget one (style.md 15): the report
 * counters it moves (counted once with the change; docs/reports.md), the handlers' load
 * counters, the cluster exit and the submitter's pause of a case marked malicious
 * (`consequencesOf`). Hand-offs are sent after the commit.
 */
export async function saveChange(
  settings: { tableName: string; queueUrls: QueueUrls; config: ChangeConfig },
  stored: StoredCase,
  change: CaseChange,
): Promise<'committed' | 'conflict'> {
  const { tableName } = settings;
  const before = stored.state;
  const n = before.caseNumber;
  const after = change.state ?? change.outcomes.at(-1)?.state ?? before;
  const version = Math.max(after.version, before.version + 1);
  // The case's own next step rides on its state item; a hand-off about another case gets an outbox item.
  const next = (change.handoffs ?? []).filter((h) => h.message.caseNumber === n && !h.id);
  if (next.length > 1) throw new Error('A change hands a case on to one next step at most');
  const others = (change.handoffs ?? []).filter((h) => !next.includes(h));
  const afterItem = toStateItem({ ...after, version }, stored.item, withRetention(n, after, placementAfter(n, stored.item, change, next[0])));
  const notices = noticesOf(tableName, n, stored.anonymous, [...change.outcomes.flatMap((o) => o.notices), ...(change.notices ?? [])], change.at);
  const confirmsItem = change.confirms?.id !== undefined;
  const channel = stored.item.channel;
  const statistics = updatesOfChange(
    { at: change.at.toISOString(), before: statisticsCaseOf(before, channel), after: statisticsCaseOf({ ...after, version }, channel) },
    settings.config.timeZone,
  );
  const items: TransactionItem[] = [
    stateUpdate(tableName, n, stored.item, afterItem),
    ...change.outcomes.map((o) => historyPut(tableName, n, { ...o.history, seq: o.state.version })),
    ...notices.items,
    ...others.map((h) => handoffPut(tableName, h, change.at)),
    ...(confirmsItem ? [handoffDone(tableName, n, change.confirms!.queue, change.confirms!.id)] : []),
    ...(change.alsoWrite ?? []),
    ...consequencesOf(tableName, stored, after, change.at, settings.config),
    ...statisticsWrites(tableName, n, statistics, change.at, { versioned: true }),
  ];
  try {
    await dynamo().transactWrite({ TransactItems: items });
  } catch (error) {
    if (conditionFailed(error)) return 'conflict';
    throw error;
  }
  await observeSubjects(tableName, statistics);
  await sendHandoffs(settings.queueUrls, [...(change.handoffs ?? []), ...notices.handoffs, ...(change.alsoSend ?? [])]);
  return 'committed';
}

/** What `saveChange` reads of the stage config. */
export interface ChangeConfig {
  readonly timeZone: string;
  readonly rateLimits: { readonly markedSubmitterDays: number };
}

/**
 * The writes that follow from a change of `stored` to `after`, whoever made it: the old
 * holder's load -1 and the new one's +1 when the case changed hands, closed or reopened;
 * the member item's delete and the submitter's pause when the case was first marked malicious.
 */
function consequencesOf(tableName: string, stored: StoredCase, after: CaseState, at: Date, config: ChangeConfig): TransactionItem[] {
  const before = stored.state;
  return [
    ...loadMoves(tableName, before, after),
    ...clusterLeaves(tableName, stored.submission.subjectKey, before, after),
    ...submitterPause(tableName, before, after, at, config.rateLimits.markedSubmitterDays),
  ];
}

/**
 * A step that finds nothing to do confirms its hand-off, so the outbox relay does not
 * send it again: an outbox item of its own is deleted; a hand-off on the state item is
 * cleared if it is still this one (the case goes back to its due-index place).
 */
export async function confirmHandoff(tableName: string, stored: StoredCase, queue: QueueName, id: string | undefined, at: Date): Promise<void> {
  const n = stored.state.caseNumber;
  if (id) {
    await dynamo().delete(handoffDone(tableName, n, queue, id).Delete!);
    return;
  }
  if (stored.item.handoffQueue !== queue) return;
  const due = stored.nextDueAt ? dueFields(n, new Date(stored.nextDueAt), at) : stored.state.closedAt ? closedFields(n, stored.state.closedAt) : {};
  const set = Object.entries(due);
  await ifCondition(
    dynamo().update({
      TableName: tableName,
      Key: keys.case(n),
      UpdateExpression: `${set.length ? `SET ${set.map(([k]) => `${k} = :${k}`).join(', ')} ` : ''}REMOVE ${(set.length ? handoffFieldNames : pendingFieldNames).join(', ')}`,
      ConditionExpression: 'handoffQueue = :queue',
      ExpressionAttributeValues: { ':queue': queue, ...Object.fromEntries(set.map(([k, v]) => [`:${k}`, v])) },
    }),
  );
}

/**
 * The update of the state item from what was read to what the step decided: only the
 * attributes that changed (SET) or went away (REMOVE), on the version read.
 */
function stateUpdate(tableName: string, caseNumber: string, before: StateItem, after: StateItem): TransactionItem {
  const was = before as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  for (const name of Object.keys(now)) if (now[name] !== undefined && JSON.stringify(now[name]) !== JSON.stringify(was[name])) set[name] = now[name];
  for (const name of Object.keys(was)) if (was[name] !== undefined && now[name] === undefined) remove.push(name);
  const names: Record<string, string> = { '#version': 'version' };
  const values: Record<string, unknown> = { ':read': before.version };
  const assignments = Object.entries(set).map(([name, value], i) => {
    names[`#s${i}`] = name;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
  const removals = remove.map((name, i) => {
    names[`#r${i}`] = name;
    return `#r${i}`;
  });
  return {
    Update: {
      TableName: tableName,
      Key: keys.case(caseNumber),
      UpdateExpression: `SET ${assignments.join(', ')}${removals.length ? ` REMOVE ${removals.join(', ')}` : ''}`,
      ConditionExpression: '#version = :read',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}
