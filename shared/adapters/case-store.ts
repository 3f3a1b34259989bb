import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseRecord, ContactRecord, HistoryEntry } from '../domain/case-record';
import type { NewCase } from '../domain/intake';
import { dynamo, type TransactionItem } from './aws-clients';
import type { QueueName } from '../topology';
import { caseWithHistoryRange, isHistoryKey, keys, outboxIndex } from './keys';

/** Storage of cases: the port the handlers use; the only module that writes case items. */

/** How long a hand-off may take before the outbox relay sends it again. */
export const handoffGraceSeconds = 300;

export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
}

export async function nextSequence(tableName: string, prefix: string, day: string, expiresAt: number): Promise<number> {
  const result = await dynamo().send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.sequence(prefix, day),
      UpdateExpression: 'ADD seq :one SET expiresAt = if_not_exists(expiresAt, :expiresAt)',
      ExpressionAttributeValues: { ':one': 1, ':expiresAt': expiresAt },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(result.Attributes!.seq);
}

const put = (tableName: string, item: Record<string, unknown>, condition?: string): TransactionItem => ({
  Put: { TableName: tableName, Item: item, ...(condition ? { ConditionExpression: condition } : {}) },
});

export const historyItem = (caseNumber: string, entry: HistoryEntry) => ({
  ...keys.history(caseNumber, entry.at, entry.seq),
  type: 'history',
  ...entry,
});

/** A message for a step queue, kept in the outbox until its consumer confirms it. */
export interface Handoff {
  readonly queue: QueueName;
  readonly message: { readonly type: string; readonly caseNumber: string };
  /** Tells apart several pending hand-offs of one case to one queue (the notice key for `notify`). */
  readonly id?: string;
}

export const outboxItem = (caseNumber: string, { queue, message, id }: Handoff, createdAt: Date) => {
  const dueAt = new Date(createdAt.getTime() + handoffGraceSeconds * 1000).toISOString();
  return {
    ...keys.outbox(caseNumber, queue, id),
    type: 'outbox',
    caseNumber,
    queue,
    ...(id ? { id } : {}),
    message,
    attempts: 0,
    createdAt: createdAt.toISOString(),
    gsi1pk: outboxIndex.partition,
    gsi1sk: outboxIndex.sortKey(dueAt, caseNumber, id ? `${queue}#${id}` : queue),
  };
};

/**
 * Writes the case, its first history entry, the contact and one outbox entry per
 * hand-off in one transaction, plus the caller's guards (e.g. a rate counter, whose
 * failed condition is `RateLimitedError`) and extra items (e.g. the receipt's notice
 * item and its outbox entry): all of it is stored, or none.
 */
export async function createCase(
  tableName: string,
  newCase: NewCase,
  handoffs: readonly Handoff[],
  receivedAt: Date,
  guards: readonly TransactionItem[] = [],
  extra: readonly TransactionItem[] = [],
): Promise<void> {
  const { caseRecord, contact, history } = newCase;
  const n = caseRecord.caseNumber;
  const items: TransactionItem[] = [
    ...guards,
    put(tableName, { ...keys.case(n), type: 'case', ...caseRecord }, 'attribute_not_exists(pk)'),
    put(tableName, historyItem(n, history)),
    ...(contact ? [put(tableName, { ...keys.contact(n), type: 'contact', ...contact })] : []),
    ...handoffs.map((handoff) => put(tableName, outboxItem(n, handoff, receivedAt))),
    ...extra,
  ];
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
    if (reasons.slice(0, guards.length).some((r) => r.Code === 'ConditionalCheckFailed')) throw new RateLimitedError();
    throw error;
  }
}

/** The case and its history in one strongly consistent Query of its partition. */
export async function readCaseWithHistory(
  tableName: string,
  caseNumber: string,
): Promise<{ caseRecord: CaseRecord; history: HistoryEntry[] } | undefined> {
  const { pk } = keys.case(caseNumber);
  const result = await dynamo().send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': pk, ':from': caseWithHistoryRange.from, ':to': caseWithHistoryRange.to },
      ConsistentRead: true,
    }),
  );
  const items = result.Items ?? [];
  const caseItem = items.find((item) => item.sk === 'CASE');
  if (!caseItem) return undefined;
  return {
    caseRecord: caseItem as unknown as CaseRecord,
    history: items.filter((item) => isHistoryKey(item.sk as string)) as unknown as HistoryEntry[],
  };
}

export async function readCase(tableName: string, caseNumber: string): Promise<CaseRecord | undefined> {
  const result = await dynamo().send(new GetCommand({ TableName: tableName, Key: keys.case(caseNumber), ConsistentRead: true }));
  return result.Item as CaseRecord | undefined;
}

export async function readContact(tableName: string, caseNumber: string): Promise<ContactRecord | undefined> {
  const result = await dynamo().send(new GetCommand({ TableName: tableName, Key: keys.contact(caseNumber), ConsistentRead: true }));
  return result.Item as ContactRecord | undefined;
}
