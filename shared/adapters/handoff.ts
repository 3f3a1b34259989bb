import type { QueueName } from '../queue-names';
import { dynamo, sqs, type TransactionItem } from './aws-clients';
import { ifCondition } from './conditions';
import { handoffFieldNames } from './item-schemas';
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
 * the sparse index keys (gsi1 under the case's `OUTBOX#<shard>`, sorted by when the relay may send it
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
    gsi1pk: outboxIndex.partition(handoff.message.caseNumber),
    gsi1sk: outboxIndex.sortKey(dueAt, handoff.message.caseNumber, relayQueue(handoff)),
  };
}
export type PendingFields = ReturnType<typeof pendingFields>;
/** The attributes `pendingFields` writes: what leaves an item whose hand-off is confirmed. */
export const pendingFieldNames = [...handoffFieldNames, 'gsi1pk', 'gsi1sk'] as const;

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

export async function handOff(queueUrls: QueueUrls, { queue, message }: Handoff): Promise<void> {
  await sqs().sendMessage({ QueueUrl: queueUrls[queue], MessageBody: JSON.stringify(message) });
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

/**
 * Outbox entries due for a (re)send at `now`, oldest first, at most `limit`: a Query of each
 * shard of the sparse index (keys.ts `outboxIndex.partitions`), in parallel, merged by due time.
 */
export async function dueHandoffs(tableName: string, now: Date, limit: number): Promise<PendingHandoff[]> {
  const pages = await Promise.all(
    outboxIndex.partitions().map((partition) =>
      dynamo().query({
        TableName: tableName,
        IndexName: outboxIndex.name,
        KeyConditionExpression: 'gsi1pk = :p AND gsi1sk <= :until',
        ExpressionAttributeValues: { ':p': partition, ':until': outboxIndex.dueUntil(now.toISOString()) },
        Limit: limit,
      }),
    ),
  );
  const items = pages.flatMap((page) => page.Items ?? []).sort((a, b) => (String(a.gsi1sk) < String(b.gsi1sk) ? -1 : 1));
  return items.slice(0, limit).map((item) => ({
    caseNumber: String(item.caseNumber),
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
      // The shard again: an entry stored before the shards moves into its case's.
      UpdateExpression: givenUp ? 'SET handoffAttempts = :a REMOVE gsi1pk, gsi1sk' : 'SET handoffAttempts = :a, gsi1pk = :pk, gsi1sk = :sk',
      ConditionExpression: 'gsi1sk = :seen',
      ExpressionAttributeValues: {
        ':a': attempts,
        ':seen': handoff.relayKey,
        ...(givenUp ? {} : { ':pk': outboxIndex.partition(handoff.caseNumber), ':sk': outboxIndex.sortKey(dueAt, handoff.caseNumber, relayQueue(handoff)) }),
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
