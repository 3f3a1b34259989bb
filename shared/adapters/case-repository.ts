import type { ActionOutcome } from '../domain/case-actions';
import { deadlineRecord } from '../domain/deadline-kinds';
import type { CaseState } from '../domain/case-state';
import type { CaseAbout } from '../domain/recusal';
import type { NewCase } from '../domain/intake';
import type { Notice } from '../domain/notices';
import type { QueueName } from '../queue-names';
import { dynamo, queryAll, type TransactionItem } from './aws-clients';
import { conditionFailed, failedItems, ifCondition } from './conditions';
import { type Handoff, handoffDone, handoffPut, pendingFields, type QueueUrls, sendHandoffs } from './handoff';
import {
  contactItemSchema,
  type ContactItem,
  historyItemSchema,
  type HistoryItem,
  materialItemSchema,
  type MaterialItem,
  parseItem,
  stateItemSchema,
  type StateItem,
  submissionItemSchema,
  type SubmissionItem,
} from './item-schemas';
import { caseItemsRange, caseWithHistoryRange, closedIndex, complainantCasesPartition, dueIndex, isHistoryKey, keys, materialPrefix, noticesPrefix, workListIndex } from './keys';
import { mostUrgentDeadline, workRank } from '../domain/staff-access';
import { noticeWrites } from './notice-ledger';
import { observeSubjects, statisticsWrites } from './statistics-store';
import { statisticsCaseOf, updatesOfChange } from '../domain/statistics';
import { clusterLeaves, loadMoves, submitterPause } from './workflow-store';

/**
 * The case repository: the only module that writes a case's own items (state,
 * submission, contact, history) and the one place that maps them to and from the
 * domain's `CaseState`. Every change is a conditional update of the small state item
 * (only the attributes that changed, on the version read) with its history entries, the
 * notices it decided and its hand-offs, in one transaction; hand-offs are sent after the
 * commit (transactional outbox, shared/adapters/handoff.ts).
 */

/** A case as the workflow reads it: the domain state, the immutable facts and the submission. */
export interface StoredCase {
  readonly state: CaseState;
  readonly language: StateItem['language'];
  readonly anonymous: boolean;
  readonly submission: SubmissionItem;
  readonly nextDueAt?: string;
  /** The state item as read: the base of the next update's difference. */
  readonly item: StateItem;
}

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

/** The state item of a domain state (with the immutable facts of the case). */
type Placement = Pick<StateItem, 'nextDueAt' | 'gsi1pk' | 'gsi1sk' | 'handoffQueue' | 'handoffId' | 'handoffMessage' | 'handoffAttempts'>;

function toStateItem(state: CaseState, facts: Pick<StateItem, 'language' | 'anonymous' | 'channel'>, due: Placement): StateItem {
  const { subject, description: _description, ...rest } = state;
  return { ...rest, language: facts.language, anonymous: facts.anonymous, channel: facts.channel, ...due, ...workListFields(state) };
}

/** The case's place in the staff work lists (gsi2 by assignee, gsi3 by department), derived from its state. */
function workListFields(state: CaseState): Pick<StateItem, 'gsi2pk' | 'gsi2sk' | 'gsi3pk' | 'gsi3sk' | 'workDueAt'> {
  const rank = workRank(state);
  const sortKey = workListIndex.sortKey(rank.group, rank.at, state.caseNumber);
  const urgent = mostUrgentDeadline(state);
  return {
    ...(state.assignee ? { gsi2pk: workListIndex.assignee.partition(state.assignee), gsi2sk: sortKey } : {}),
    gsi3pk: workListIndex.department.partition(state.department),
    gsi3sk: sortKey,
    ...(urgent ? { workDueAt: urgent.dueAt } : {}),
  };
}

function toStored(item: StateItem, submission: SubmissionItem): StoredCase {
  const { language, anonymous, channel: _channel, nextDueAt, gsi1pk: _pk, gsi1sk: _sk, handoffQueue: _q, handoffId: _i, handoffMessage: _m, handoffAttempts: _a, ...rest } = item;
  const { gsi2pk: _2p, gsi2sk: _2s, gsi3pk: _3p, gsi3sk: _3s, workDueAt: _w, aboutStaff: _s, ...state } = rest;
  // Cases stored before classification recorded `complainantMailable`: a case with a contact may be mailed.
  const complainantMailable = item.complainantMailable ?? !anonymous;
  return {
    state: { ...state, subject: submission.subject, description: submission.description, complainantMailable },
    language,
    anonymous,
    submission,
    ...(nextDueAt ? { nextDueAt } : {}),
    item,
  };
}

const stateAndSubmission = (items: Record<string, unknown>[]) => {
  const state = items.find((i) => i.sk === keys.case('').sk);
  const submission = items.find((i) => i.sk === keys.submission('').sk);
  return state && submission ? { state: parseItem(stateItemSchema, state, 'state'), submission: parseItem(submissionItemSchema, submission, 'submission') } : undefined;
};

/** The case (state and submission items) in one strongly consistent Query of its partition. */
export async function loadCase(tableName: string, caseNumber: string): Promise<StoredCase | undefined> {
  const result = await dynamo().query({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.case(caseNumber).pk, ':from': caseItemsRange.from, ':to': caseItemsRange.to },
    ConsistentRead: true,
  });
  const found = stateAndSubmission(result.Items ?? []);
  return found && toStored(found.state, found.submission);
}

export async function loadContact(tableName: string, caseNumber: string): Promise<ContactItem | undefined> {
  const result = await dynamo().get({ TableName: tableName, Key: keys.contact(caseNumber), ConsistentRead: true });
  return result.Item ? parseItem(contactItemSchema, result.Item, 'contact') : undefined;
}

/**
 * Priority and status of cases by number (the report's hot and major cases), from their
 * state items only: one BatchGetItem per 100 cases. A case gone (retention) is left out.
 */
/** What a report shows of its hot and major cases: priority, status and, for the detailed report, the result as sent. */
export type ReportedCase = Pick<StateItem, 'caseNumber' | 'priority' | 'status' | 'result' | 'resultDetails'>;

export async function casePriorities(tableName: string, caseNumbers: readonly string[]): Promise<ReportedCase[]> {
  const found: ReportedCase[] = [];
  for (let i = 0; i < caseNumbers.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ProjectionExpression: string; ExpressionAttributeNames: Record<string, string> }> | undefined = {
      [tableName]: {
        Keys: caseNumbers.slice(i, i + 100).map((n) => keys.case(n)),
        ProjectionExpression: 'caseNumber, priority, #status, #result, resultDetails',
        ExpressionAttributeNames: { '#status': 'status', '#result': 'result' },
      },
    };
    while (request && Object.keys(request).length > 0) {
      const result = await dynamo().batchGet({ RequestItems: request });
      found.push(...((result.Responses?.[tableName] ?? []) as ReportedCase[]));
      request = result.UnprocessedKeys as typeof request;
    }
  }
  return found.sort((a, b) => (a.caseNumber < b.caseNumber ? -1 : 1));
}

/**
 * What recusal reads of the cases of a page (subject and description, from their
 * submission items): one BatchGetItem per 100 cases. Any case may name a staff member in its
 * description, so every row of a page is checked, not only those with a `staff` subject.
 */
export async function recusalFacts(tableName: string, caseNumbers: readonly string[]): Promise<Map<string, CaseAbout>> {
  const found = new Map<string, CaseAbout>();
  for (let i = 0; i < caseNumbers.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ProjectionExpression: string; ExpressionAttributeNames: Record<string, string> }> | undefined = {
      [tableName]: {
        Keys: caseNumbers.slice(i, i + 100).map((n) => keys.submission(n)),
        ProjectionExpression: '#n, #s, #d',
        ExpressionAttributeNames: { '#n': 'caseNumber', '#s': 'subject', '#d': 'description' },
      },
    };
    while (request && Object.keys(request).length > 0) {
      const result = await dynamo().batchGet({ RequestItems: request });
      for (const item of result.Responses?.[tableName] ?? []) found.set(String(item.caseNumber), { subject: item.subject as CaseAbout['subject'], description: String(item.description ?? '') });
      request = result.UnprocessedKeys as typeof request;
    }
  }
  return found;
}

/** What the status page shows: the case's public facts and its history, in one Query. */
export interface StatusRecord {
  readonly state: StateItem;
  readonly tokenHash: string;
  readonly resubmissionTokenHashes?: readonly string[];
  readonly followUpTokenHashes?: readonly string[];
  /** Named deadlines not yet met (name → instant). */
  readonly deadlines: Readonly<Record<string, string>>;
  readonly history: readonly HistoryItem[];
}

export async function readCaseWithHistory(tableName: string, caseNumber: string): Promise<StatusRecord | undefined> {
  const found = await queryCaseWithHistory(tableName, caseNumber);
  if (!found) return undefined;
  const { tokenHash, resubmissionTokenHashes, followUpTokenHashes } = found.submission;
  return { state: found.state, tokenHash, ...(resubmissionTokenHashes ? { resubmissionTokenHashes } : {}), ...(followUpTokenHashes ? { followUpTokenHashes } : {}), deadlines: deadlineRecord(found.state.deadlines), history: found.history };
}

/** The case and its whole history (the staff case view), in the status page's one Query. */
export async function loadCaseWithHistory(tableName: string, caseNumber: string): Promise<{ stored: StoredCase; history: HistoryItem[] } | undefined> {
  const found = await queryCaseWithHistory(tableName, caseNumber);
  return found && { stored: toStored(found.state, found.submission), history: found.history };
}

async function queryCaseWithHistory(tableName: string, caseNumber: string) {
  const history: HistoryItem[] = [];
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().query({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': keys.case(caseNumber).pk, ':from': caseWithHistoryRange.from, ':to': caseWithHistoryRange.to },
      ConsistentRead: true,
      ExclusiveStartKey: start,
    });
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const found = stateAndSubmission(items);
  if (!found) return undefined;
  for (const item of items) if (isHistoryKey(String(item.sk))) history.push(parseItem(historyItemSchema, item, 'history'));
  return { ...found, history };
}

/** Keys of the notices already decided for a case (the ledger the escalation rules read). */
export async function decidedNoticeKeys(tableName: string, caseNumber: string): Promise<Set<string>> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :notice)',
    ExpressionAttributeValues: { ':pk': keys.case(caseNumber).pk, ':notice': noticesPrefix },
    ProjectionExpression: 'noticeKey',
    ConsistentRead: true,
  });
  return new Set(items.map((item) => String(item.noticeKey)));
}

const historyPut = (tableName: string, caseNumber: string, entry: HistoryItem): TransactionItem => ({
  Put: { TableName: tableName, Item: { ...keys.history(caseNumber, entry.at, entry.seq), type: 'history', ...entry } },
});

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

/**
 * The items of a new case, state item first (also what a bench seeds a table with): in
 * the due index when `due` is given.
 */
export function newCaseItems(
  newCase: NewCase,
  placement: { readonly due?: { readonly next: Date; readonly writtenAt: Date }; readonly handoff?: Handoff; readonly at?: Date },
): Record<string, unknown>[] {
  const { state, facts, submission, contact, history } = newCase;
  const n = state.caseNumber;
  const { due, handoff, at } = placement;
  const fields: Placement = handoff ? pendingFields(handoff, at ?? new Date(state.receivedAt)) : due ? dueFields(n, due.next, due.writtenAt) : {};
  return [
    // No item-kind `type` here: on the state item `type` is the case type (类型) of `CaseState`.
    { ...keys.case(n), ...toStateItem(state, facts, fields) },
    { ...keys.submission(n), type: 'submission', ...submission },
    { ...keys.history(n, history.at, history.seq), type: 'history', ...history },
    ...(contact ? [{ ...keys.contact(n), type: 'contact', ...contact }] : []),
    // The person's cases by their pseudonym, for an erasure request by email (no address in clear).
    ...(state.complainantKey ? [{ ...keys.complainantCase(state.complainantKey, n), type: 'complainant-case', caseNumber: n }] : []),
  ];
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
  // An erasure of the complainant's data leaves the case anonymous from then on.
  const facts = { ...stored.item, anonymous: stored.anonymous || after.erasedAt !== undefined };
  const afterItem = toStateItem({ ...after, version }, facts, withRetention(n, after, placement(n, stored.item, change, next[0], parkedBy(before, after))));
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
  const parked = parkedBy(before, after) ? stored.nextDueAt : undefined;
  return [
    ...loadMoves(tableName, before, after),
    ...clusterLeaves(tableName, stored.submission.subjectKey, before, after),
    ...submitterPause(tableName, before, after, at, config.rateLimits.markedSubmitterDays),
    // A parked case's attempt counter goes, so a case an operator puts back gets a fresh set of attempts.
    ...(parked ? [{ Delete: { TableName: tableName, Key: keys.sweepAttempts(before.caseNumber, parked) } }] : []),
  ];
}

/** The change parks the case (case-actions.ts `park`): a new parking instant. */
const parkedBy = (before: CaseState, after: CaseState): boolean => after.parkedAt !== undefined && after.parkedAt !== before.parkedAt;

/**
 * Where the state item sits in gsi1 after a change: under `OUTBOX` while it carries a
 * hand-off to the case's next step (a new one, or one the change does not confirm), else
 * under `PARKED` when the change parks it (no sweep reads it; its due step kept), else
 * in the due index at its next ladder instant, else nowhere.
 */
function placement(caseNumber: string, before: StateItem, change: CaseChange, handoff: Handoff | undefined, parks: boolean): Placement {
  const nextDueAt = change.due ? change.due.next?.toISOString() : before.nextDueAt;
  const due = nextDueAt ? { nextDueAt } : {};
  if (parks && nextDueAt && !handoff && !before.handoffQueue) return { nextDueAt, gsi1pk: dueIndex.parked, gsi1sk: dueIndex.sortKey(nextDueAt, caseNumber) };
  if (handoff) return { ...due, ...pendingFields(handoff, change.at) };
  const { handoffQueue, handoffId, handoffMessage, handoffAttempts, gsi1pk, gsi1sk } = before;
  const confirmed = change.confirms !== undefined && !change.confirms.id && change.confirms.queue === handoffQueue;
  if (handoffQueue && !confirmed) return { ...due, handoffQueue, ...(handoffId ? { handoffId } : {}), ...(handoffMessage ? { handoffMessage } : {}), handoffAttempts, gsi1pk, gsi1sk };
  if (change.due) return dueFields(caseNumber, change.due.next, change.due.writtenAt);
  if (handoffQueue) return nextDueAt ? dueFields(caseNumber, new Date(nextDueAt), change.at) : {};
  return { ...due, gsi1pk, gsi1sk };
}

/**
 * A closed case with nothing else holding its gsi1 place goes to the closed index (the
 * retention sweep's, keys.ts `closedIndex`); a case that is no longer closed (an appeal
 * reopened it) leaves it.
 */
function withRetention(caseNumber: string, after: Pick<CaseState, 'closedAt'>, fields: Placement): Placement {
  if (fields.gsi1pk !== undefined && !closedIndex.holds(fields.gsi1pk)) return fields;
  const { gsi1pk: _pk, gsi1sk: _sk, ...rest } = fields;
  return after.closedAt ? { ...rest, ...closedFields(caseNumber, after.closedAt) } : rest;
}

const closedFields = (caseNumber: string, closedAt: string): Pick<StateItem, 'gsi1pk' | 'gsi1sk'> => ({
  gsi1pk: closedIndex.bucket(closedAt),
  gsi1sk: closedIndex.sortKey(closedAt, caseNumber),
});

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
      UpdateExpression: `${set.length ? `SET ${set.map(([k]) => `${k} = :${k}`).join(', ')} ` : ''}REMOVE handoffQueue, handoffId, handoffMessage, handoffAttempts${set.length ? '' : ', gsi1pk, gsi1sk'}`,
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

/** The due-index attributes of a case whose next ladder step is at `next` (none: out of the index). */
function dueFields(caseNumber: string, next: Date | undefined, writtenAt: Date): Pick<StateItem, 'nextDueAt' | 'gsi1pk' | 'gsi1sk'> {
  if (!next) return {};
  const due = next.toISOString();
  // A step already due when written goes in the writer's hour, never in a bucket the sweep has passed.
  const bucketAt = next > writtenAt ? due : writtenAt.toISOString();
  return { nextDueAt: due, gsi1pk: dueIndex.bucket(bucketAt), gsi1sk: dueIndex.sortKey(due, caseNumber) };
}

/**
 * Parks a case whose state item no longer matches its schema (one cause of an escalation
 * that fails every time), where the domain cannot take its `park` action: the same move to
 * `PARKED`, record and history entry (`entry`), written on the raw item at the version read,
 * only while its step is still the one due at `dueAt`. False when it had moved on.
 */
export async function parkUnreadableCase(tableName: string, caseNumber: string, dueAt: string, attempts: number, entry: Omit<HistoryItem, 'seq' | 'status'>): Promise<boolean> {
  const raw = await dynamo().get({ TableName: tableName, Key: keys.case(caseNumber), ProjectionExpression: '#v, #s', ExpressionAttributeNames: { '#v': 'version', '#s': 'status' }, ConsistentRead: true });
  const read = raw.Item?.version;
  if (typeof read !== 'number') return false;
  const status = parseItem(historyItemSchema.shape.status, raw.Item?.status, 'state status');
  return ifCondition(
    dynamo().transactWrite({
      TransactItems: [
        {
          Update: {
            TableName: tableName,
            Key: keys.case(caseNumber),
            UpdateExpression: 'SET gsi1pk = :parked, gsi1sk = :sk, parkedAt = :at, parkedAttempts = :attempts ADD #v :one',
            ConditionExpression: 'nextDueAt = :due AND gsi1pk <> :parked AND #v = :read',
            ExpressionAttributeNames: { '#v': 'version' },
            ExpressionAttributeValues: { ':parked': dueIndex.parked, ':sk': dueIndex.sortKey(dueAt, caseNumber), ':at': entry.at, ':attempts': attempts, ':due': dueAt, ':one': 1, ':read': read },
          },
        },
        historyPut(tableName, caseNumber, { ...entry, status, seq: read + 1 }),
        { Delete: { TableName: tableName, Key: keys.sweepAttempts(caseNumber, dueAt) } },
      ],
    }),
  );
}

/** What the complainant added after intake, as the change that brings it stores it (no key, no item kind). */
export type ComplainantMaterial = Omit<MaterialItem, 'caseNumber'>;

/** The material item of a change, for its transaction (`CaseChange.alsoWrite`): written once, never updated. */
export function materialWrite(tableName: string, caseNumber: string, material: ComplainantMaterial): TransactionItem {
  return {
    Put: {
      TableName: tableName,
      Item: { ...keys.material(caseNumber, material.at, material.kind), type: 'material', caseNumber, ...material },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Everything the complainant added to a case, oldest first (the staff case view reads it). */
export async function loadMaterial(tableName: string, caseNumber: string): Promise<MaterialItem[]> {
  const result = await dynamo().query({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :material)',
    ExpressionAttributeValues: { ':pk': keys.case(caseNumber).pk, ':material': materialPrefix },
    ConsistentRead: true,
  });
  return (result.Items ?? []).map((item) => parseItem(materialItemSchema, item, 'material'));
}

/** A one-time link to a new access token: only the hash of its secret is stored, for a day (TTL backstop). */
export async function storeAccessGrant(tableName: string, caseNumber: string, grantHash: string, validUntil: Date): Promise<void> {
  await dynamo().put({
    TableName: tableName,
    Item: { ...keys.accessGrant(caseNumber, grantHash), type: 'access-grant', caseNumber, validUntil: validUntil.toISOString(), expiresAt: Math.ceil(validUntil.getTime() / 1000) },
  });
}

/**
 * Redeems a one-time link: deletes it (only while valid at `now`) and puts the new token's
 * hash on the submission in one transaction, so the old token stops working at that instant
 * and the link works once. False when the link is unknown, used or expired.
 */
export async function replaceAccessToken(tableName: string, caseNumber: string, grantHash: string, tokenHash: string, now: Date): Promise<boolean> {
  return ifCondition(
    dynamo().transactWrite({
      TransactItems: [
        {
          Delete: {
            TableName: tableName,
            Key: keys.accessGrant(caseNumber, grantHash),
            ConditionExpression: 'attribute_exists(pk) AND validUntil > :now',
            ExpressionAttributeValues: { ':now': now.toISOString() },
          },
        },
        {
          Update: {
            TableName: tableName,
            Key: keys.submission(caseNumber),
            // The new token replaces every old one, those of resubmissions too.
            UpdateExpression: 'SET tokenHash = :hash REMOVE resubmissionTokenHashes, followUpTokenHashes',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':hash': tokenHash },
          },
        },
      ],
    }),
  );
}

/**
 * One more token that opens the case, for a resubmission of its post (a lost HTTP answer):
 * appended to the submission's list while it holds fewer than `max`. False at the cap.
 */
export async function addResubmissionToken(tableName: string, caseNumber: string, tokenHash: string, max: number): Promise<boolean> {
  return ifCondition(
    dynamo().update({
      TableName: tableName,
      Key: keys.submission(caseNumber),
      UpdateExpression: 'SET resubmissionTokenHashes = list_append(if_not_exists(resubmissionTokenHashes, :none), :hash)',
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(resubmissionTokenHashes) OR size(resubmissionTokenHashes) < :max)',
      ExpressionAttributeValues: { ':none': [], ':hash': [tokenHash], ':max': max },
    }),
  );
}

/**
 * The token of a follow-up mail's link opens the case: its hash appended to the submission's
 * list once (a retried send finds it there) while the list holds fewer than `max`. True when
 * the hash is among them afterwards; false at the cap or for a case gone.
 */
export async function addFollowUpToken(tableName: string, caseNumber: string, tokenHash: string, max: number): Promise<boolean> {
  const added = await ifCondition(
    dynamo().update({
      TableName: tableName,
      Key: keys.submission(caseNumber),
      UpdateExpression: 'SET followUpTokenHashes = list_append(if_not_exists(followUpTokenHashes, :none), :hash)',
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(followUpTokenHashes) OR (size(followUpTokenHashes) < :max AND NOT contains(followUpTokenHashes, :one)))',
      ExpressionAttributeValues: { ':none': [], ':hash': [tokenHash], ':one': tokenHash, ':max': max },
    }),
  );
  if (added) return true;
  const found = await dynamo().get({ TableName: tableName, Key: keys.submission(caseNumber), ProjectionExpression: 'followUpTokenHashes', ConsistentRead: true });
  return ((found.Item?.followUpTokenHashes ?? []) as string[]).includes(tokenHash);
}

/** A closed case in the closed index: its number and when it closed. */
export interface ClosedCase {
  readonly caseNumber: string;
  readonly closedAt: string;
}

/** Closed cases that closed at or before `cutoff`, from the closed index's month buckets `months` (oldest first). */
export async function casesClosedUntil(tableName: string, months: readonly string[], cutoff: Date): Promise<ClosedCase[]> {
  const found: ClosedCase[] = [];
  for (const month of months) {
    const items = await queryAll({
      TableName: tableName,
      IndexName: closedIndex.name,
      KeyConditionExpression: 'gsi1pk = :bucket AND gsi1sk <= :until',
      ExpressionAttributeValues: { ':bucket': closedIndex.bucket(month), ':until': closedIndex.closedUntil(cutoff.toISOString()) },
    });
    found.push(...items.map((item) => ({ caseNumber: String(item.caseNumber), closedAt: String(item.gsi1sk).split('#')[0]! })));
  }
  return found;
}

/**
 * Deletes every item of a closed case's partition, personal data first: the contact, then
 * (after `removeFiles` deleted the evidence uploads the submission names) the submission,
 * then history, notices and the rest, the state item last, conditional on the case still
 * being closed at the instant read; so a run that stops half-way leaves the case in the
 * closed index and the next run finishes it. `false` when the case is not (or no longer)
 * in its retention's end.
 */
export async function eraseClosedCase(
  tableName: string,
  closed: ClosedCase,
  removeFiles: (uploadIds: readonly string[]) => Promise<void>,
): Promise<boolean> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.case(closed.caseNumber).pk },
    ProjectionExpression: 'pk, sk, closedAt, evidence, complainantKey',
    ConsistentRead: true,
  });
  const bySk = (sk: string) => items.find((i) => i.sk === sk);
  const state = bySk(keys.case(closed.caseNumber).sk);
  if (state?.closedAt !== closed.closedAt) return false;
  const remove = (item: Record<string, unknown>) => dynamo().delete({ TableName: tableName, Key: { pk: item.pk, sk: item.sk } });
  const contact = bySk(keys.contact(closed.caseNumber).sk);
  if (contact) await remove(contact);
  const submission = bySk(keys.submission(closed.caseNumber).sk);
  if (submission) {
    const evidence = (submission.evidence ?? []) as readonly { uploadId?: string }[];
    await removeFiles(evidence.flatMap((e) => (e.uploadId ? [e.uploadId] : [])));
    await remove(submission);
  }
  // Files the complainant added later (补正, 复核) go with the material that references them.
  for (const item of items.filter((i) => String(i.sk).startsWith(materialPrefix))) {
    const evidence = (item.evidence ?? []) as readonly { uploadId?: string }[];
    await removeFiles(evidence.flatMap((e) => (e.uploadId ? [e.uploadId] : [])));
  }
  for (const item of items) if (item !== state && item !== contact && item !== submission) await remove(item);
  if (typeof state.complainantKey === 'string') await remove(keys.complainantCase(state.complainantKey, closed.caseNumber));
  return ifCondition(
    dynamo().delete({
      TableName: tableName,
      Key: keys.case(closed.caseNumber),
      ConditionExpression: 'closedAt = :closedAt',
      ExpressionAttributeValues: { ':closedAt': closed.closedAt },
    }),
  );
}

/** The case numbers of one complainant, by their pseudonymous key (keys.ts `complainantCase`), in order. */
export async function casesOfComplainant(tableName: string, complainantKey: string): Promise<string[]> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': complainantCasesPartition(complainantKey) },
    ProjectionExpression: 'caseNumber',
  });
  return items.map((item) => String(item.caseNumber)).sort();
}

/** Everything a case's partition holds that is about the case (a data-subject access request's export). */
export interface CaseRecordItems {
  readonly stored: StoredCase;
  readonly history: readonly HistoryItem[];
  readonly contact?: ContactItem;
  readonly material: readonly MaterialItem[];
  /** The notice items without their keys and hand-off bookkeeping. */
  readonly notices: readonly Record<string, unknown>[];
}

/** Every item of a case's partition in one strongly consistent Query, sorted into its parts. */
export async function loadCaseRecord(tableName: string, caseNumber: string): Promise<CaseRecordItems | undefined> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.case(caseNumber).pk },
    ConsistentRead: true,
  });
  const found = stateAndSubmission(items);
  if (!found) return undefined;
  const sk = (item: Record<string, unknown>) => String(item.sk);
  const contact = items.find((item) => sk(item) === keys.contact(caseNumber).sk);
  return {
    stored: toStored(found.state, found.submission),
    history: items.filter((item) => isHistoryKey(sk(item))).map((item) => parseItem(historyItemSchema, item, 'history')),
    ...(contact ? { contact: parseItem(contactItemSchema, contact, 'contact') } : {}),
    material: items.filter((item) => sk(item).startsWith(materialPrefix)).map((item) => parseItem(materialItemSchema, item, 'material')),
    notices: items
      .filter((item) => sk(item).startsWith(noticesPrefix))
      .map(({ pk: _pk, sk: _sk, type: _type, gsi1pk: _g, gsi1sk: _s, handoffQueue: _q, handoffId: _i, handoffMessage: _m, handoffAttempts: _a, leaseUntil: _l, ...notice }) => notice),
  };
}

/**
 * Erases the complainant's personal data on one case, keeping the case and its figures:
 * after `removeFiles` deleted the evidence files the submission and the later material
 * name, the domain's erasure (`decide`: its history entry, the case not mailable and
 * anonymous from then on) is stored through `saveChange` with what it erases: the contact
 * deleted, the submission's description (its request and evidence go) and each material's
 * text replaced with `replacement`, and `alsoWrite` (the audit entry), in one transaction;
 * a change meanwhile is read and decided again. Conditional on the submission not being
 * erased yet: a repeated erasure changes nothing and is `already-erased`. `missing` when
 * the case is gone (retention).
 */
export async function eraseComplainantData(
  settings: { tableName: string; queueUrls: QueueUrls; config: ChangeConfig },
  caseNumber: string,
  change: {
    readonly at: Date;
    readonly replacement: string;
    readonly decide: (state: CaseState) => ActionOutcome;
    readonly alsoWrite: readonly TransactionItem[];
  },
  removeFiles: (uploadIds: readonly string[]) => Promise<void>,
): Promise<'erased' | 'already-erased' | 'missing'> {
  const { tableName } = settings;
  const found = await loadCaseRecord(tableName, caseNumber);
  if (!found) return 'missing';
  const { stored, material } = found;
  if (stored.submission.erasedAt) return 'already-erased';
  const uploadIds = [stored.submission.evidence, ...material.map((m) => m.evidence)].flat().flatMap((e) => ('uploadId' in e ? [e.uploadId] : []));
  await removeFiles(uploadIds);
  const n = caseNumber;
  const erased = { ':erased': change.replacement, ':none': [] };
  const erasures: TransactionItem[] = [
    { Delete: { TableName: tableName, Key: keys.contact(n) } },
    {
      Update: {
        TableName: tableName,
        Key: keys.submission(n),
        UpdateExpression: 'SET description = :erased, evidence = :none, erasedAt = :at REMOVE #request',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(erasedAt)',
        ExpressionAttributeNames: { '#request': 'request' },
        ExpressionAttributeValues: { ...erased, ':at': change.at.toISOString() },
      },
    },
    ...material.map((m): TransactionItem => ({
      Update: {
        TableName: tableName,
        Key: keys.material(n, m.at, m.kind),
        UpdateExpression: 'SET #text = :erased, evidence = :none',
        ExpressionAttributeNames: { '#text': 'text' },
        ExpressionAttributeValues: erased,
      },
    })),
  ];
  const saved = await saveChange(settings, stored, { outcomes: [change.decide(stored.state)], alsoWrite: [...erasures, ...change.alsoWrite], at: change.at });
  // Erased meanwhile, or the case changed between read and write: read again and decide.
  if (saved === 'conflict') return eraseComplainantData(settings, caseNumber, change, removeFiles);
  return 'erased';
}
