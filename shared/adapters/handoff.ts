import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { runtimeSettings } from '../config/runtime';
import { dynamo, sqs, type TransactionItem } from './aws-clients';
import { keys, outboxIndex } from './keys';
import { type Handoff, handoffGraceSeconds } from './case-store';

/**
 * Hand-offs between steps. The writer stores an outbox entry in the same transaction as
 * its change and then sends the message; the consumer deletes the entry when it is done.
 * An entry still there after the grace period (a crash between write and send, or a lost
 * message) is sent again by the outbox relay; consumers are idempotent, so a second copy
 * changes nothing.
 */

export const maxRelayAttempts = 5;

export async function handOff({ queue, message }: Handoff): Promise<void> {
  await sqs().send(new SendMessageCommand({ QueueUrl: runtimeSettings().queueUrls[queue], MessageBody: JSON.stringify(message) }));
}

/** The consumer's confirmation, to put in its own completing transaction. */
export const handoffDone = (tableName: string, caseNumber: string, queue: string, id?: string): TransactionItem => ({
  Delete: { TableName: tableName, Key: keys.outbox(caseNumber, queue, id) },
});

export interface PendingHandoff extends Handoff {
  readonly caseNumber: string;
  readonly attempts: number;
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
  return (result.Items ?? []) as PendingHandoff[];
}

/**
 * Records a relay attempt: the entry is due again after a growing pause, and after the
 * last attempt it leaves the index (the message is then in the step's DLQ or stuck; an
 * alarm on the relay's error log tells ops).
 */
export async function recordRelayAttempt(tableName: string, handoff: PendingHandoff, now: Date): Promise<'retry-later' | 'given-up'> {
  const attempts = handoff.attempts + 1;
  const key = keys.outbox(handoff.caseNumber, handoff.queue, handoff.id);
  const sortKeyQueue = handoff.id ? `${handoff.queue}#${handoff.id}` : handoff.queue;
  if (attempts >= maxRelayAttempts) {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: 'SET attempts = :a REMOVE gsi1pk, gsi1sk',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':a': attempts },
      }),
    ).catch(ignoreIfGone);
    return 'given-up';
  }
  const dueAt = new Date(now.getTime() + handoffGraceSeconds * 1000 * 2 ** attempts).toISOString();
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName,
      Key: key,
      UpdateExpression: 'SET attempts = :a, gsi1sk = :sk',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':a': attempts, ':sk': outboxIndex.sortKey(dueAt, handoff.caseNumber, sortKeyQueue) },
    }),
  ).catch(ignoreIfGone);
  return 'retry-later';
}

/** The consumer may finish (and delete the entry) while the relay works on it. */
function ignoreIfGone(error: Error): void {
  if (error.name !== 'ConditionalCheckFailedException') throw error;
}
