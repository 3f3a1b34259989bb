import type { QueueName } from '../queue-names';
import type { DirectoryChangeMessage } from '../schemas/directory-change';
import type { DirectoryFollowUp } from '../schemas/directory-followup';
import { dynamo, sqs, type TransactionItem } from './aws-clients';
import { ifCondition } from './conditions';
import { keys, outboxIndex } from './keys';
import { logger } from './logger';

/**
 * Hand-offs between steps (transactional outbox), in one module. The writer stores the
 * pending hand-off in the same transaction as its change and then sends the message; the
 * consumer clears it in its own completing write. One still pending after the grace
 * period (a crash between write and send, or a lost message) is sent again by the outbox
 * relay; consumers are idempotent, so a second copy changes nothing.
 */

/** How long a hand-off may take before the outbox relay sends it again. */
export const handoffGraceSeconds = 300;

/**
 * The relay's pause after its n-th send of a hand-off: doubling from twice the grace
 * period, capped at two hours, so an outage of SES or of a step heals by itself when it
 * ends (within two hours of its end) for 48 hours, before a person is needed
 * (docs/operations.md "Outages heal themselves"). The step's DLQ alarm still fires at once.
 */
export const relayPauseSeconds = (attempts: number): number => Math.min(2 * 3600, handoffGraceSeconds * 2 ** attempts);
/** How long the relay keeps sending a hand-off before it gives up and logs for a person. */
export const relayHealingSeconds = 48 * 3600;
/** Sends of a hand-off by the relay before it gives up: the first whose pauses add up to `relayHealingSeconds`. */
export const maxRelayAttempts = (() => {
  let total = 0;
  let attempts = 0;
  while (total < relayHealingSeconds) total += relayPauseSeconds(++attempts);
  return attempts;
})();

export type QueueUrls = Readonly<Record<QueueName, string>>;

/** A message for a step queue, kept in the outbox until its consumer confirms it. */
export interface Handoff {
  readonly queue: QueueName;
  readonly message: { readonly type: string; readonly caseNumber: string; readonly [field: string]: string | number };
  /** Tells apart several pending hand-offs of one case to one queue (the notice key for `notify`). */
  readonly id?: string;
}

/** A hand-off found due by the relay, with the key of the item that carries it. */
export interface PendingHandoff extends Handoff {
  readonly caseNumber: string;
  readonly attempts: number;
  readonly carrier: { readonly pk: string; readonly sk: string };
  /** Its due-index sort key as read: the relay only moves an entry nobody has changed since. */
  readonly relayKey: string;
}

const relayQueue = ({ queue, id }: Pick<Handoff, 'queue' | 'id'>) => (id ? `${queue}#${id}` : queue);

/**
 * The attributes that make an item an outbox entry: the hand-off, its relay attempts and
 * the sparse index keys (gsi1 under `OUTBOX`, sorted by when the relay may send it
 * again). Three kinds of item carry them: the case's state item (its next step, so a
 * step costs no outbox put and delete), a notice item (its mail), and for a hand-off to
 * another case (a cluster raise) an outbox item of its own.
 */
export function pendingFields(handoff: Handoff, createdAt: Date) {
  const dueAt = new Date(createdAt.getTime() + handoffGraceSeconds * 1000).toISOString();
  return {
    handoffQueue: handoff.queue,
    ...(handoff.id ? { handoffId: handoff.id } : {}),
    handoffMessage: handoff.message,
    handoffAttempts: 0,
    gsi1pk: outboxIndex.partition,
    gsi1sk: outboxIndex.sortKey(dueAt, handoff.message.caseNumber, relayQueue(handoff)),
  };
}
export type PendingFields = ReturnType<typeof pendingFields>;
export const pendingFieldNames = ['handoffQueue', 'handoffId', 'handoffMessage', 'handoffAttempts', 'gsi1pk', 'gsi1sk'] as const;

/**
 * An outbox item of its own, for a hand-off about another case (a cluster raise): it
 * lives in the partition of the case the message is about, whose consumer deletes it.
 */
export function handoffPut(tableName: string, handoff: Handoff, createdAt: Date): TransactionItem {
  const caseNumber = handoff.message.caseNumber;
  return {
    Put: {
      TableName: tableName,
      Item: { ...keys.outbox(caseNumber, handoff.queue, handoff.id), type: 'outbox', caseNumber, createdAt: createdAt.toISOString(), ...pendingFields(handoff, createdAt) },
    },
  };
}

/** The consumer's confirmation, to put in its own completing transaction. */
export const handoffDone = (tableName: string, caseNumber: string, queue: QueueName, id?: string): TransactionItem => ({
  Delete: { TableName: tableName, Key: keys.outbox(caseNumber, queue, id) },
});

/**
 * A directory change's hand-off to `directory-changes` (docs/administration.md), to join the
 * change's transaction: an outbox item of its own, relayed like any other. The relay names it
 * by `ref` where a case's hand-off has its case number.
 */
export function directoryChangePut(tableName: string, message: DirectoryChangeMessage, createdAt: Date): TransactionItem {
  const dueAt = new Date(createdAt.getTime() + handoffGraceSeconds * 1000).toISOString();
  const ref = `DIRECTORY-${message.changeId}`;
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.directoryChange(message.changeId),
        type: 'outbox',
        ref,
        createdAt: createdAt.toISOString(),
        handoffQueue: 'directory-changes' satisfies QueueName,
        handoffMessage: message,
        handoffAttempts: 0,
        gsi1pk: outboxIndex.partition,
        gsi1sk: outboxIndex.sortKey(dueAt, ref, 'directory-changes'),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** The `directory-changes` consumer's confirmation, to put in its own completing write. */
export const directoryChangeDone = (tableName: string, changeId: string): TransactionItem => ({
  Delete: { TableName: tableName, Key: keys.directoryChange(changeId) },
});

export async function handOff(queueUrls: QueueUrls, { queue, message }: Handoff): Promise<void> {
  await sqs().sendMessage({ QueueUrl: queueUrls[queue], MessageBody: JSON.stringify(message) });
}

/** Sends a committed directory change; a failed send is only logged: the relay delivers it. */
export async function sendDirectoryChange(queueUrls: QueueUrls, message: DirectoryChangeMessage): Promise<void> {
  try {
    await sqs().sendMessage({ QueueUrl: queueUrls['directory-changes'], MessageBody: JSON.stringify(message) });
  } catch (error) {
    logger.warn('Directory change hand-off failed after the change was stored; the outbox relay will deliver it', { changeId: message.changeId, errorName: (error as Error)?.name });
  }
}

/** Sends hand-offs whose entries are stored; a failed send is only logged: the relay delivers it. */
export async function sendHandoffs(queueUrls: QueueUrls, handoffs: readonly Handoff[]): Promise<void> {
  const sent = await Promise.allSettled(handoffs.map((handoff) => handOff(queueUrls, handoff)));
  sent.forEach((result, i) => {
    if (result.status === 'fulfilled') return;
    logger.warn('Hand-off failed after the change was stored; the outbox relay will deliver it', {
      caseNumber: handoffs[i]!.message.caseNumber,
      queue: handoffs[i]!.queue,
      errorName: (result.reason as Error)?.name,
    });
  });
}

/** Outbox entries due for a (re)send at `now`: a Query of the sparse index, oldest first. */
export async function dueHandoffs(tableName: string, now: Date, limit: number): Promise<PendingHandoff[]> {
  const result = await dynamo().query({
    TableName: tableName,
    IndexName: outboxIndex.name,
    KeyConditionExpression: 'gsi1pk = :p AND gsi1sk <= :until',
    ExpressionAttributeValues: { ':p': outboxIndex.partition, ':until': outboxIndex.dueUntil(now.toISOString()) },
    Limit: limit,
  });
  return (result.Items ?? []).map((item) => ({
    // A directory change's entry has no case: its `ref` names it in the relay's keys and logs.
    caseNumber: String(item.caseNumber ?? item.ref),
    queue: item.handoffQueue as QueueName,
    ...(item.handoffId ? { id: String(item.handoffId) } : {}),
    message: item.handoffMessage as Handoff['message'],
    attempts: Number(item.handoffAttempts ?? 0),
    carrier: { pk: String(item.pk), sk: String(item.sk) },
    relayKey: String(item.gsi1sk),
  }));
}

/**
 * Records a relay attempt: the entry is due again after a growing, capped pause
 * (`relayPauseSeconds`), and after the last attempt (48 hours on) it leaves the index (the message is then in the step's DLQ or stuck; an
 * alarm on the relay's error log tells ops). Conditional on the entry being as the relay
 * read it: a consumer that finished meanwhile (or a step that handed off anew) wins.
 */
export async function recordRelayAttempt(tableName: string, handoff: PendingHandoff, now: Date): Promise<'retry-later' | 'given-up'> {
  const attempts = handoff.attempts + 1;
  const givenUp = attempts >= maxRelayAttempts;
  const dueAt = new Date(now.getTime() + relayPauseSeconds(attempts) * 1000).toISOString();
  await ifCondition(
    dynamo().update({
      TableName: tableName,
      Key: handoff.carrier,
      UpdateExpression: givenUp ? 'SET handoffAttempts = :a REMOVE gsi1pk, gsi1sk' : 'SET handoffAttempts = :a, gsi1sk = :sk',
      ConditionExpression: 'gsi1sk = :seen',
      ExpressionAttributeValues: {
        ':a': attempts,
        ':seen': handoff.relayKey,
        ...(givenUp ? {} : { ':sk': outboxIndex.sortKey(dueAt, handoff.caseNumber, relayQueue(handoff)) }),
      },
    }),
  );
  return givenUp ? 'given-up' : 'retry-later';
}

/** Messages to one queue, ten to a SendMessageBatch; any not accepted is an error (the caller's hand-off stays pending). */
export async function sendBatches(queueUrl: string, messages: readonly Handoff['message'][]): Promise<void> {
  for (let i = 0; i < messages.length; i += 10) {
    const batch = messages.slice(i, i + 10);
    const result = await sqs().sendMessageBatch({ QueueUrl: queueUrl, Entries: batch.map((message, j) => ({ Id: String(j), MessageBody: JSON.stringify(message) })) });
    if (result.Failed?.length) throw new Error(`${result.Failed.length} of ${batch.length} messages were not accepted`);
  }
}

/**
 * The SLA sweep's hand-offs to `escalate`, in batches of ten. Not in the outbox: the
 * cases stay due in the due index, so the next sweep sends any that were not accepted.
 */
export async function sendEscalations(queueUrls: QueueUrls, caseNumbers: readonly string[], at: Date): Promise<void> {
  await sendBatches(queueUrls.escalate, caseNumbers.map((caseNumber) => ({ type: 'escalate', caseNumber, at: at.toISOString() })));
}

/**
 * A follow-up on `directory-changes` (the consumer's next page of a hand-over or a
 * recompute; the sweep's absence check). Sent before the message that asks for it is
 * confirmed: a failed send fails that message, and SQS delivers it again.
 */
export async function sendDirectoryFollowUp(queueUrls: QueueUrls, message: DirectoryFollowUp): Promise<void> {
  await sqs().sendMessage({ QueueUrl: queueUrls['directory-changes'], MessageBody: JSON.stringify(message) });
}

/** The directory change's outbox entry is still there: its consumer has not completed it yet. */
export async function directoryChangePending(tableName: string, changeId: string): Promise<boolean> {
  const { Item } = await dynamo().get({ TableName: tableName, Key: keys.directoryChange(changeId), ConsistentRead: true });
  return Item !== undefined;
}

/** The consumer's completing write of a directory change: a redelivered copy then finds nothing pending. */
export async function confirmDirectoryChange(tableName: string, changeId: string): Promise<void> {
  await dynamo().delete(directoryChangeDone(tableName, changeId).Delete!);
}
