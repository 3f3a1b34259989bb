import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseRecord, ContactRecord, HistoryEntry } from '../domain/case-record';
import { deadlineRecord } from '../domain/case-deadlines';
import type { CaseState, DeadlineState } from '../domain/case-state';
import { dynamo, type TransactionItem } from './aws-clients';
import { type Handoff, historyItem, outboxItem } from './case-store';
import { handOff } from './handoff';
import { clusterMembersPrefix, dueIndex, keys, noticesPrefix } from './keys';
import { logger } from './logger';

/**
 * Storage of the workflow steps (review, classify, assign, escalate, notify): every change
 * of a case is one transaction conditional on the case's status and version (optimistic
 * concurrency), together with its history entry, the notices it decided and its outbox
 * entries; hand-offs are sent after the commit (transactional outbox).
 */

/**
 * The case item with the fields the workflow adds: the domain's `CaseState` fields, except
 * that its deadline clocks are stored as `deadlineStates` while `deadlines` keeps the
 * public name → instant map the status page reads.
 */
export type WorkflowCase = CaseRecord &
  Omit<CaseState, 'deadlines' | keyof CaseRecord> & {
    readonly deadlineStates?: readonly DeadlineState[];
    readonly reviewedAt?: string;
    readonly classifiedAt?: string;
    readonly mergedInto?: string;
    readonly subjectKey?: string;
    readonly nextDueAt?: string;
  };

/** The domain's view of a stored case. */
export function toCaseState(item: WorkflowCase): CaseState {
  const { deadlines: _record, deadlineStates, ...rest } = item;
  // Cases stored before classification recorded `complainantMailable`: a case with a contact may be mailed.
  const complainantMailable = item.complainantMailable ?? !item.anonymous;
  return { ...(rest as unknown as Omit<CaseState, 'deadlines'>), status: item.status, complainantMailable, deadlines: deadlineStates ?? [] } as CaseState;
}

/** The fields of `CaseState` a transition may change (and so a step writes back). */
const mutableFields = [
  'status', 'type', 'level', 'levelSetAt', 'priority', 'priorityRaisedAt', 'priorityFacts', 'security', 'accepted', 'department', 'assignee',
  'handledBy', 'supplementRequested', 'resumeStatus', 'firstResponseAt', 'result', 'repliedAt', 'closedAt', 'closeReason', 'malicious', 'complainantKey',
  'complainantMailable',
] as const;

/**
 * The conditional update that stores a transition's new state (the domain's `CaseState`)
 * over the case as read, plus the step's own fields.
 */
export function stateChange(
  tableName: string,
  before: WorkflowCase,
  after: CaseState,
  extra: Readonly<Record<string, unknown>> = {},
  extraRemove: readonly string[] = [],
): TransactionItem {
  const set: Record<string, unknown> = { deadlineStates: after.deadlines, deadlines: deadlineRecord(after.deadlines) };
  const remove: string[] = [...extraRemove];
  const was = before as unknown as Record<string, unknown>;
  const now = after as unknown as Record<string, unknown>;
  for (const field of mutableFields) {
    if (now[field] !== undefined) set[field] = now[field];
    else if (was[field] !== undefined) remove.push(field);
  }
  return caseChange(tableName, before, { ...set, ...extra }, remove);
}

/** Keys of the notices already decided for a case (the ledger the escalation rules read). */
export async function decidedNoticeKeys(tableName: string, caseNumber: string): Promise<Set<string>> {
  const found = new Set<string>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :notice)',
        ExpressionAttributeValues: { ':pk': keys.case(caseNumber).pk, ':notice': noticesPrefix },
        ProjectionExpression: 'noticeKey',
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) found.add(String(item.noticeKey));
    start = page.LastEvaluatedKey;
  } while (start);
  return found;
}


export class ConcurrentChangeError extends Error {
  override readonly name = 'ConcurrentChangeError';
}

export async function readWorkflowCase(tableName: string, caseNumber: string): Promise<WorkflowCase | undefined> {
  const result = await dynamo().send(new GetCommand({ TableName: tableName, Key: keys.case(caseNumber), ConsistentRead: true }));
  return result.Item as WorkflowCase | undefined;
}

/**
 * Update of the case item, only if it is still in the state the step read (status and
 * version): a concurrent change cancels the whole transaction.
 */
export function caseChange(
  tableName: string,
  current: Pick<WorkflowCase, 'caseNumber' | 'status' | 'version'>,
  set: Readonly<Record<string, unknown>>,
  remove: readonly string[] = [],
): TransactionItem {
  const names: Record<string, string> = { '#status': 'status', '#version': 'version' };
  const values: Record<string, unknown> = { ':expectedStatus': current.status, ':expectedVersion': current.version, ':nextVersion': current.version + 1 };
  const assignments = ['#version = :nextVersion'];
  Object.entries(set).forEach(([name, value], i) => {
    if (name === 'version') return;
    names[`#s${i}`] = name;
    values[`:s${i}`] = value;
    assignments.push(`#s${i} = :s${i}`);
  });
  const removals = remove.map((name, i) => {
    names[`#r${i}`] = name;
    return `#r${i}`;
  });
  return {
    Update: {
      TableName: tableName,
      Key: keys.case(current.caseNumber),
      UpdateExpression: `SET ${assignments.join(', ')}${removals.length ? ` REMOVE ${removals.join(', ')}` : ''}`,
      ConditionExpression: '#status = :expectedStatus AND #version = :expectedVersion',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** The due-index attributes of a case whose next ladder step is at `nextDueAt` (or none). */
export function dueIndexFields(caseNumber: string, nextDueAt: Date | undefined, writtenAt: Date): { set: Record<string, string>; remove: string[] } {
  if (!nextDueAt) return { set: {}, remove: ['nextDueAt', 'gsi1pk', 'gsi1sk'] };
  const due = nextDueAt.toISOString();
  // A step already due when written goes in the writer's hour, never in a bucket the sweep has passed.
  const bucketAt = nextDueAt > writtenAt ? due : writtenAt.toISOString();
  return { set: { nextDueAt: due, gsi1pk: dueIndex.bucket(bucketAt), gsi1sk: dueIndex.sortKey(due, caseNumber) }, remove: [] };
}

export const historyPut = (tableName: string, caseNumber: string, entry: HistoryEntry): TransactionItem => ({
  Put: { TableName: tableName, Item: historyItem(caseNumber, entry) },
});

export const outboxPut = (tableName: string, caseNumber: string, handoff: Handoff, at: Date): TransactionItem => ({
  Put: { TableName: tableName, Item: outboxItem(caseNumber, handoff, at) },
});


/**
 * Commits a step's transaction, then sends its hand-offs. A cancelled condition (the case
 * moved on, or a notice already exists) is `conflict`: the caller re-reads and decides
 * again. A failed send is only logged: the outbox relay delivers it.
 */
export async function commitStep(items: readonly TransactionItem[], handoffs: readonly Handoff[]): Promise<'committed' | 'conflict'> {
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: [...items] }));
  } catch (error) {
    const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
    if (reasons.some((r) => r.Code === 'ConditionalCheckFailed')) return 'conflict';
    throw error;
  }
  await sendHandoffs(handoffs);
  return 'committed';
}

export async function sendHandoffs(handoffs: readonly Handoff[]): Promise<void> {
  for (const handoff of handoffs) {
    try {
      await handOff(handoff);
    } catch (error) {
      logger.warn('Hand-off failed after the change was stored; the outbox relay will deliver it', {
        caseNumber: handoff.message.caseNumber,
        queue: handoff.queue,
        errorName: (error as Error).name,
      });
    }
  }
}

/** Pseudonymous complainant key: the same person (email, else phone) gives the same key. */
export function complainantKey(contact: ContactRecord | undefined): string | undefined {
  const id = contact?.email?.trim().toLowerCase() ?? contact?.phone?.replace(/\D/g, '');
  return id ? createHash('sha256').update(`complainant:${id}`).digest('base64url').slice(0, 22) : undefined;
}

/** Short stable key of a normalised subject, for cluster items. */
export const subjectHash = (subjectKey: string): string => createHash('sha256').update(subjectKey).digest('base64url').slice(0, 22);

/**
 * Claims an exact-duplicate fingerprint for this case. Returns the case that holds it:
 * this one (first, or a redelivery) or an earlier one (this case is a duplicate).
 */
export async function claimFingerprint(tableName: string, fingerprint: string, caseNumber: string, at: Date, windowDays: number): Promise<string> {
  const expiresAt = Math.floor(at.getTime() / 1000) + windowDays * 86_400;
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.duplicate(fingerprint), type: 'duplicate', firstCase: caseNumber, at: at.toISOString(), expiresAt },
        // An expired entry (TTL not yet run) counts as free.
        ConditionExpression: 'attribute_not_exists(pk) OR firstCase = :n OR expiresAt < :now',
        ExpressionAttributeValues: { ':n': caseNumber, ':now': Math.floor(at.getTime() / 1000) },
      }),
    );
    return caseNumber;
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
  const existing = await dynamo().send(new GetCommand({ TableName: tableName, Key: keys.duplicate(fingerprint), ConsistentRead: true }));
  return String(existing.Item?.firstCase ?? caseNumber);
}

export interface ClusterMember {
  readonly caseNumber: string;
  readonly complainantKey: string;
  readonly at: string;
}

/**
 * Records this case as a member of its subject's cluster, then reads the members of the
 * window (one Query of the subject's partition): write-then-read, so of two cases
 * classified at once at least the later one sees both.
 */
export async function joinCluster(tableName: string, subject: string, member: ClusterMember, windowDays: number): Promise<ClusterMember[]> {
  const at = new Date(member.at);
  await dynamo().send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...keys.clusterMember(subject, member.complainantKey, member.caseNumber),
        type: 'cluster-member',
        ...member,
        expiresAt: Math.floor(at.getTime() / 1000) + (windowDays + 2) * 86_400,
      },
    }),
  );
  const since = new Date(at.getTime() - windowDays * 86_400_000).toISOString();
  const result = await dynamo().send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression: '#at >= :since',
      ExpressionAttributeNames: { '#at': 'at' },
      ExpressionAttributeValues: { ':pk': keys.clusterMember(subject, '', '').pk, ':prefix': clusterMembersPrefix, ':since': since },
      ConsistentRead: true,
    }),
  );
  return (result.Items ?? []).map((item) => ({ caseNumber: String(item.caseNumber), complainantKey: String(item.complainantKey), at: String(item.at) }));
}

/** Open cases per handler (`LOAD#<staffId>`), for routing by load. */
export async function readLoads(tableName: string, staffIds: readonly string[]): Promise<{ openCases: Map<string, number>; rotation: number }> {
  const openCases = new Map<string, number>();
  let rotation = 0;
  if (staffIds.length === 0) return { openCases, rotation };
  const result = await dynamo().send(
    new BatchGetCommand({ RequestItems: { [tableName]: { Keys: staffIds.slice(0, 100).map((id) => keys.load(id.toLowerCase())) } } }),
  );
  for (const item of result.Responses?.[tableName] ?? []) {
    openCases.set(String(item.staffId), Number(item.openCases ?? 0));
    rotation += Number(item.assigned ?? 0);
  }
  return { openCases, rotation };
}

/** +1 open case (and +1 assigned, the rotation counter) for the new assignee, in the assign transaction. */
export const loadIncrement = (tableName: string, staffId: string): TransactionItem => ({
  Update: {
    TableName: tableName,
    Key: keys.load(staffId.toLowerCase()),
    UpdateExpression: 'ADD openCases :one, assigned :one SET staffId = :id, #type = :type',
    ExpressionAttributeNames: { '#type': 'type' },
    ExpressionAttributeValues: { ':one': 1, ':id': staffId.toLowerCase(), ':type': 'load' },
  },
});

/** The sweep's resume point: the oldest due-index bucket that may still hold due cases. */
export async function readSweepBucket(tableName: string): Promise<string | undefined> {
  const result = await dynamo().send(new GetCommand({ TableName: tableName, Key: keys.sweepState(), ConsistentRead: true }));
  return result.Item?.bucket as string | undefined;
}

/**
 * Moves the resume point forward only (two overlapping sweeps never move it back), unless
 * it is ahead of the sweep's own hour: the clock was moved back (a local look ahead, then
 * `npm run clock -- reset`), and a point in the future would hide every bucket until then.
 */
export async function advanceSweepBucket(tableName: string, bucket: string, at: Date): Promise<void> {
  await dynamo()
    .send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.sweepState(),
        UpdateExpression: 'SET #bucket = :b, sweptAt = :at, #type = :type',
        ConditionExpression: 'attribute_not_exists(#bucket) OR #bucket < :b OR #bucket > :nowBucket',
        ExpressionAttributeNames: { '#type': 'type', '#bucket': 'bucket' },
        ExpressionAttributeValues: { ':b': bucket, ':at': at.toISOString(), ':type': 'sweep-state', ':nowBucket': dueIndex.bucket(at.toISOString()) },
      }),
    )
    .catch((error: Error) => {
      if (error.name !== 'ConditionalCheckFailedException') throw error;
    });
}

/** Cases of one due-index bucket whose step is due at or before `now` (with that instant); reads only those. */
export async function dueInBucket(tableName: string, bucket: string, now: Date): Promise<{ cases: DueCase[]; reads: number }> {
  const cases: DueCase[] = [];
  let reads = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName,
        IndexName: dueIndex.name,
        KeyConditionExpression: 'gsi1pk = :b AND gsi1sk <= :until',
        ExpressionAttributeValues: { ':b': bucket, ':until': dueIndex.dueUntil(now.toISOString()) },
        ProjectionExpression: 'caseNumber, gsi1sk',
        ExclusiveStartKey: start,
      }),
    );
    reads += 1;
    cases.push(...(page.Items ?? []).map((item) => ({ caseNumber: String(item.caseNumber), dueAt: dueIndex.dueAtOf(String(item.gsi1sk)) })));
    start = page.LastEvaluatedKey;
  } while (start);
  return { cases, reads };
}

export interface DueCase {
  readonly caseNumber: string;
  /** The instant its pending ladder step is due. */
  readonly dueAt: string;
}
