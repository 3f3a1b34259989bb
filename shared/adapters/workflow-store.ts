import { createHash } from 'node:crypto';
import type { ContactRecord } from '../domain/case-record';
import { contactIdentity } from '../domain/contact-key';
import { keyedHash } from './keyed-hash';
import type { CaseState } from '../domain/case-state';
import { batchGetAll, dynamo, queryAll, type TransactionItem } from './aws-clients';
import { ifCondition } from './conditions';
import { clusterMembersPrefix, dueIndex, keys } from './keys';

/**
 * The workflow's items beside the cases (case numbers, duplicate fingerprints, cluster
 * members, handler loads, the sweep's resume point). The case's own items are written by the
 * case modules (case-store.ts and its neighbours, docs/data-model.md).
 */

/** Case numbers a container takes at once from the day's counter. */
export const sequenceBlock = 20;
const blocks = new Map<string, { next: number; last: number }>();

/**
 * The next number of a day's sequence, without a round trip on most requests: each
 * container takes a block of `sequenceBlock` numbers with one atomic `ADD` and hands
 * them out in turn. Numbers stay unique; they are no longer gap-free (a container that
 * stops leaves the rest of its block unused) nor strictly in order of receipt across
 * containers.
 */
export async function nextSequence(tableName: string, prefix: string, day: string, expiresAt: number): Promise<number> {
  const id = `${tableName}#${prefix}#${day}`;
  const block = blocks.get(id);
  if (block && block.next <= block.last) return block.next++;
  const result = await dynamo().update({
    TableName: tableName,
    Key: keys.sequence(prefix, day),
    UpdateExpression: 'ADD seq :block SET expiresAt = if_not_exists(expiresAt, :expiresAt)',
    ExpressionAttributeValues: { ':block': sequenceBlock, ':expiresAt': expiresAt },
    ReturnValues: 'UPDATED_NEW',
  });
  const last = Number(result.Attributes!.seq);
  // Yesterday's blocks are never used again.
  for (const key of blocks.keys()) if (key.startsWith(`${tableName}#${prefix}#`) && key !== id) blocks.delete(key);
  blocks.set(id, { next: last - sequenceBlock + 2, last });
  return last - sequenceBlock + 1;
}

/**
 * Pseudonymous complainant key: the same person (email, else phone, however spelled:
 * contact-key.ts) gives the same key; a keyed hash, so it cannot be reversed by trying
 * every phone number.
 */
export async function complainantKey(contact: Pick<ContactRecord, 'email' | 'phone'> | undefined): Promise<string | undefined> {
  const id = contactIdentity(contact);
  return id ? keyedHash('complainant', id) : undefined;
}

/** Short stable key of a normalised subject, for cluster items. */
export const subjectHash = (subjectKey: string): string => createHash('sha256').update(subjectKey).digest('base64url').slice(0, 22);

/**
 * Claims an exact-duplicate fingerprint for this case. Returns the case that holds it:
 * this one (first, or a redelivery) or an earlier one (this case is a duplicate).
 */
export async function claimFingerprint(tableName: string, fingerprint: string, caseNumber: string, at: Date, windowDays: number): Promise<string> {
  const expiresAt = Math.floor(at.getTime() / 1000) + windowDays * 86_400;
  const claimed = await ifCondition(
    dynamo().put({
      TableName: tableName,
      Item: { ...keys.duplicate(fingerprint), type: 'duplicate', firstCase: caseNumber, at: at.toISOString(), expiresAt },
      // An expired entry (TTL not yet run) counts as free.
      ConditionExpression: 'attribute_not_exists(pk) OR firstCase = :n OR expiresAt < :now',
      ExpressionAttributeValues: { ':n': caseNumber, ':now': Math.floor(at.getTime() / 1000) },
    }),
  );
  if (claimed) return caseNumber;
  const existing = await dynamo().get({ TableName: tableName, Key: keys.duplicate(fingerprint), ConsistentRead: true });
  return String(existing.Item?.firstCase ?? caseNumber);
}

export interface ClusterMember {
  readonly caseNumber: string;
  /** Absent for an anonymous report: it is in the cluster but counts as nobody. */
  readonly complainantKey?: string;
  readonly at: string;
}

/** Sort-key part of an anonymous member (a complainant key is a 22-character hash, never this). */
const anonymousMember = 'anonymous';

/**
 * Records this case as a member of its subject's cluster (before reading the cluster:
 * write-then-read, so of two cases classified at once at least the later one sees both).
 */
export async function joinCluster(tableName: string, subject: string, member: ClusterMember, windowDays: number): Promise<void> {
  await dynamo().put({
    TableName: tableName,
    Item: {
      ...keys.clusterMember(subject, member.complainantKey ?? anonymousMember, member.caseNumber),
      type: 'cluster-member',
      ...member,
      expiresAt: Math.floor(new Date(member.at).getTime() / 1000) + (windowDays + 2) * 86_400,
    },
  });
}

/** A cluster that turned hot at `at`, counting `clusterComplainants` distinct complainants then. */
export interface HotMark {
  readonly at: string;
  readonly clusterComplainants: number;
  readonly raisedBy: string;
}

/**
 * The subject's hot mark when it was put within the window before `at` (one strongly
 * consistent GetItem): a case of a cluster already hot needs no read of its members, so
 * classifying one costs the same at any cluster size.
 */
export async function readHotMark(tableName: string, subject: string, at: Date, windowDays: number): Promise<HotMark | undefined> {
  const result = await dynamo().get({ TableName: tableName, Key: keys.clusterHot(subject), ConsistentRead: true });
  const item = result.Item;
  if (!item || String(item.at) < windowStart(at, windowDays)) return undefined;
  return { at: String(item.at), clusterComplainants: Number(item.clusterComplainants), raisedBy: String(item.raisedBy) };
}

/**
 * The put of the hot mark, for the transaction of the classification that found the
 * cluster hot: only while there is none within the window (two finding it at once: one
 * commits, the other reads the mark on its retry), so the raise happens once.
 */
export function hotMarkPut(tableName: string, subject: string, mark: HotMark, windowDays: number): TransactionItem {
  const at = new Date(mark.at);
  return {
    Put: {
      TableName: tableName,
      Item: { ...keys.clusterHot(subject), type: 'cluster-hot', ...mark, expiresAt: Math.floor(at.getTime() / 1000) + (windowDays + 2) * 86_400 },
      ConditionExpression: 'attribute_not_exists(pk) OR #at < :since',
      ExpressionAttributeNames: { '#at': 'at' },
      ExpressionAttributeValues: { ':since': windowStart(at, windowDays) },
    },
  };
}

const windowStart = (at: Date, windowDays: number) => new Date(at.getTime() - windowDays * 86_400_000).toISOString();

/** The members of the window before `at`, every page (a cluster past 1 MB of members is read whole). */
export async function clusterMembers(tableName: string, subject: string, at: Date, windowDays: number): Promise<ClusterMember[]> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    FilterExpression: '#at >= :since',
    ExpressionAttributeNames: { '#at': 'at' },
    ExpressionAttributeValues: { ':pk': keys.clusterMember(subject, '', '').pk, ':prefix': clusterMembersPrefix, ':since': windowStart(at, windowDays) },
    ProjectionExpression: 'caseNumber, complainantKey, #at',
    ConsistentRead: true,
  });
  return items.map((item) => ({
    caseNumber: String(item.caseNumber),
    ...(typeof item.complainantKey === 'string' ? { complainantKey: item.complainantKey } : {}),
    at: String(item.at),
  }));
}

/**
 * A case marked malicious leaves its subject's cluster (恶意举报 counts toward no hot
 * subject): the delete of its member item, for the mark's own transaction. Only the first
 * mark (`before` not yet malicious) writes it, so it happens once; cases classified later
 * no longer see the member.
 */
export function clusterLeaves(tableName: string, subjectKey: string, before: CaseState, after: CaseState): TransactionItem[] {
  if (before.malicious || !after.malicious) return [];
  const member = keys.clusterMember(subjectHash(subjectKey), before.complainantKey ?? anonymousMember, before.caseNumber);
  return [{ Delete: { TableName: tableName, Key: member } }];
}

/**
 * A case marked malicious also pauses its submitter (`rateLimits.markedSubmitterDays`): the
 * pause item for the mark's own transaction, on the first mark only; it expires with the
 * pause (TTL). Anonymous cases have no submitter to pause.
 */
export function submitterPause(tableName: string, before: CaseState, after: CaseState, at: Date, days: number): TransactionItem[] {
  if (before.malicious || !after.malicious || !before.complainantKey || days === 0) return [];
  const until = new Date(at.getTime() + days * 86_400_000);
  const item = { ...keys.submitterLimit(before.complainantKey), type: 'submitter-limit', limitedUntil: until.toISOString(), expiresAt: Math.floor(until.getTime() / 1000) };
  return [{ Put: { TableName: tableName, Item: item } }];
}

/** Intake's check that a submitter is not paused, for the registration transaction. */
export function notPaused(tableName: string, complainantKey: string, at: Date): TransactionItem {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: keys.submitterLimit(complainantKey),
      ConditionExpression: 'attribute_not_exists(limitedUntil) OR limitedUntil <= :now',
      ExpressionAttributeValues: { ':now': at.toISOString() },
    },
  };
}

/** Open cases per handler (`LOAD#<staffId>`), for routing by load. */
export async function readLoads(tableName: string, staffIds: readonly string[]): Promise<{ openCases: Map<string, number>; rotation: number }> {
  const openCases = new Map<string, number>();
  let rotation = 0;
  if (staffIds.length === 0) return { openCases, rotation };
  for (const item of await batchGetAll(tableName, staffIds.slice(0, 100).map((id) => keys.load(id.toLowerCase())), ['staffId', 'openCases', 'assigned'])) {
    openCases.set(String(item.staffId), Number(item.openCases ?? 0));
    rotation += Number(item.assigned ?? 0);
  }
  return { openCases, rotation };
}

/** +1 open case (and +1 assigned, the rotation counter) for the new assignee, in the assign transaction. */
const loadIncrement = (tableName: string, staffId: string): TransactionItem => ({
  Update: {
    TableName: tableName,
    Key: keys.load(staffId.toLowerCase()),
    UpdateExpression: 'ADD openCases :one, assigned :one SET staffId = :id, #type = :type',
    ExpressionAttributeNames: { '#type': 'type' },
    ExpressionAttributeValues: { ':one': 1, ':id': staffId.toLowerCase(), ':type': 'load' },
  },
});

/** -1 open case for a handler who no longer holds the case (reassigned away, or closed). */
const loadDecrement = (tableName: string, staffId: string): TransactionItem => ({
  Update: {
    TableName: tableName,
    Key: keys.load(staffId.toLowerCase()),
    UpdateExpression: 'ADD openCases :minusOne SET staffId = :id, #type = :type',
    ExpressionAttributeNames: { '#type': 'type' },
    ExpressionAttributeValues: { ':minusOne': -1, ':id': staffId.toLowerCase(), ':type': 'load' },
  },
});

/** A case counts on its assignee's load until it is closed or rejected. */
const holder = (state: CaseState): string | undefined => (state.assignee && state.status !== 'closed' && state.status !== 'rejected' ? state.assignee.toLowerCase() : undefined);

/**
 * The load counter writes of a change (in its transaction): the old holder -1 and the new
 * one +1 when the case changed hands, -1 when it closed, nothing otherwise.
 */
export function loadMoves(tableName: string, before: CaseState, after: CaseState): TransactionItem[] {
  const was = holder(before);
  const now = holder(after);
  if (was === now) return [];
  return [...(was ? [loadDecrement(tableName, was)] : []), ...(now ? [loadIncrement(tableName, now)] : [])];
}

/** The sweep's resume point: the oldest due-index bucket that may still hold due cases. */
export async function readSweepBucket(tableName: string): Promise<string | undefined> {
  const result = await dynamo().get({ TableName: tableName, Key: keys.sweepState(), ConsistentRead: true });
  return result.Item?.bucket as string | undefined;
}

/**
 * Moves the resume point forward only (two overlapping sweeps never move it back), unless
 * it is ahead of the sweep's own hour: the clock was moved back (a local look ahead, then
 * `npm run clock -- reset`), and a point in the future would hide every bucket until then.
 */
export async function advanceSweepBucket(tableName: string, bucket: string, at: Date): Promise<void> {
  await ifCondition(
    dynamo().update({
      TableName: tableName,
      Key: keys.sweepState(),
      UpdateExpression: 'SET #bucket = :b, sweptAt = :at, #type = :type',
      ConditionExpression: 'attribute_not_exists(#bucket) OR #bucket < :b OR #bucket > :nowBucket',
      ExpressionAttributeNames: { '#type': 'type', '#bucket': 'bucket' },
      ExpressionAttributeValues: { ':b': bucket, ':at': at.toISOString(), ':type': 'sweep-state', ':nowBucket': dueIndex.bucket(at.toISOString()) },
    }),
  );
}

/**
 * Cases of one due-index bucket whose step is due at or before `now` (with that instant),
 * from every shard of the hour and the bucket as stored before the shards, Queried in
 * parallel and merged in sort-key order (by due instant); reads only those.
 */
export async function dueInBucket(tableName: string, bucket: string, now: Date): Promise<{ cases: DueCase[]; reads: number }> {
  const partitions = await Promise.all(dueIndex.partitions(bucket).map((partition) => dueInPartition(tableName, partition, now)));
  const items = partitions.flatMap((p) => p.items).sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  return {
    cases: items.map((item) => ({ caseNumber: item.caseNumber, dueAt: dueIndex.dueAtOf(item.sortKey) })),
    reads: partitions.reduce((sum, p) => sum + p.reads, 0),
  };
}

async function dueInPartition(tableName: string, partition: string, now: Date): Promise<{ items: { caseNumber: string; sortKey: string }[]; reads: number }> {
  const items: { caseNumber: string; sortKey: string }[] = [];
  let reads = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().query({
      TableName: tableName,
      IndexName: dueIndex.name,
      KeyConditionExpression: 'gsi1pk = :b AND gsi1sk <= :until',
      ExpressionAttributeValues: { ':b': partition, ':until': dueIndex.dueUntil(now.toISOString()) },
      ProjectionExpression: 'caseNumber, gsi1sk',
      ExclusiveStartKey: start,
    });
    reads += 1;
    items.push(...(page.Items ?? []).map((item) => ({ caseNumber: String(item.caseNumber), sortKey: String(item.gsi1sk) })));
    start = page.LastEvaluatedKey;
  } while (start);
  return { items, reads };
}

export interface DueCase {
  readonly caseNumber: string;
  /** The instant its pending ladder step is due. */
  readonly dueAt: string;
}
