import { SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { QueueName } from '../topology';
import { dynamo, sqs, type TransactionItem } from './aws-clients';
import { ifCondition } from './conditions';
import { keys, outboxIndex } from './keys';
import { logger } from './logger';

/**
 * Hand-offs between steps (transactional outbox), in one module. The writer stores an
 * outbox entry in the same transaction as its change and then sends the message; the
 * consumer deletes the entry in its own completing transaction. An entry still there
 * after the grace period (a crash between write and send, or a lost message) is sent
 * again by the outbox relay; consumers are idempotent, so a second copy changes nothing.
 */

/** How long a hand-off may take before the outbox relay sends it again. */
export const handoffGraceSeconds = 300;
export const maxRelayAttempts = 5;

export type QueueUrls = Readonly<Record<QueueName, string>>;

/** A message for a step queue, kept in the outbox until its consumer confirms it. */
export interface Handoff {
  readonly queue: QueueName;
  readonly message: { readonly type: string; readonly caseNumber: string; readonly [field: string]: string | number };
  /** Tells apart several pending hand-offs of one case to one queue (the notice key for `notify`). */
  readonly id?: string;
}

export interface PendingHandoff extends Handoff {
  readonly caseNumber: string;
  readonly attempts: number;
}

const relayQueue = ({ queue, id }: Pick<Handoff, 'queue' | 'id'>) => (id ? `${queue}#${id}` : queue);

/**
 * The outbox entry of a hand-off, to put in the writer's transaction. It lives in the
 * partition of the case the message is about (its consumer confirms it there), which is
 * another case for a cluster raise.
 */
export function handoffPut(tableName: string, handoff: Handoff, createdAt: Date): TransactionItem {
  const caseNumber = handoff.message.caseNumber;
  const dueAt = new Date(createdAt.getTime() + handoffGraceSeconds * 1000).toISOString();
  const { queue, message, id } = handoff;
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.outbox(caseNumber, queue, id),
        type: 'outbox',
        caseNumber,
        queue,
        ...(id ? { id } : {}),
        message,
        attempts: 0,
        createdAt: createdAt.toISOString(),
        gsi1pk: outboxIndex.partition,
        gsi1sk: outboxIndex.sortKey(dueAt, caseNumber, relayQueue(handoff)),
      },
    },
  };
}

/** The consumer's confirmation, to put in its own completing transaction. */
export const handoffDone = (tableName: string, caseNumber: string, queue: QueueName, id?: string): TransactionItem => ({
  Delete: { TableName: tableName, Key: keys.outbox(caseNumber, queue, id) },
});

export async function handOff(queueUrls: QueueUrls, { queue, message }: Handoff): Promise<void> {
  await sqs().send(new SendMessageCommand({ QueueUrl: queueUrls[queue], MessageBody: JSON.stringify(message) }));
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
  const result = await dynamo().send(
    new QueryCommand({
      TableName: tableName,
      IndexName: outboxIndex.name,
      KeyConditionExpression: 'gsi1pk = :p AND gsi1sk <= :until',
      ExpressionAttributeValues: { ':p': outboxIndex.partition, ':until': outboxIndex.dueUntil(now.toISOString()) },
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map((item) => ({
    caseNumber: String(item.caseNumber),
    queue: item.queue as QueueName,
    ...(item.id ? { id: String(item.id) } : {}),
    message: item.message as Handoff['message'],
    attempts: Number(item.attempts ?? 0),
  }));
}

/**
 * Records a relay attempt: the entry is due again after a growing pause, and after the
 * last attempt it leaves the index (the message is then in the step's DLQ or stuck; an
 * alarm on the relay's error log tells ops). The consumer may have finished (and deleted
 * the entry) meanwhile: then nothing is written.
 */
export async function recordRelayAttempt(tableName: string, handoff: PendingHandoff, now: Date): Promise<'retry-later' | 'given-up'> {
  const attempts = handoff.attempts + 1;
  const key = keys.outbox(handoff.caseNumber, handoff.queue, handoff.id);
  const givenUp = attempts >= maxRelayAttempts;
  const dueAt = new Date(now.getTime() + handoffGraceSeconds * 1000 * 2 ** attempts).toISOString();
  await ifCondition(
    dynamo().send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: givenUp ? 'SET attempts = :a REMOVE gsi1pk, gsi1sk' : 'SET attempts = :a, gsi1sk = :sk',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':a': attempts, ...(givenUp ? {} : { ':sk': outboxIndex.sortKey(dueAt, handoff.caseNumber, relayQueue(handoff)) }) },
      }),
    ),
  );
  return givenUp ? 'given-up' : 'retry-later';
}

/**
 * The SLA sweep's hand-offs to `escalate`, in batches of ten. Not in the outbox: the
 * cases stay due in the due index, so the next sweep sends any that were not accepted.
 */
export async function sendEscalations(queueUrls: QueueUrls, caseNumbers: readonly string[], at: Date): Promise<void> {
  for (let i = 0; i < caseNumbers.length; i += 10) {
    const batch = caseNumbers.slice(i, i + 10);
    const result = await sqs().send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrls.escalate,
        Entries: batch.map((caseNumber, j) => ({ Id: String(j), MessageBody: JSON.stringify({ type: 'escalate', caseNumber, at: at.toISOString() }) })),
      }),
    );
    if (result.Failed?.length) throw new Error(`${result.Failed.length} escalate messages were not accepted`);
  }
}
