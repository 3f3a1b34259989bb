import { dynamo, type TransactionItem } from './aws-clients';
import type { Notice } from '../domain/notices';
import { failedItems, ifCondition } from './conditions';
import { type Handoff, pendingFieldNames, pendingFields } from './handoff';
import { keys } from './keys';
import { onlyMarkersFailed } from './statistics-store';

/**
 * Exactly-once mail with conditional writes. Every notice (the receipt included) is
 * written `pending` by the step that decided it; `send-notice` claims it with a short
 * lease, sends, then marks it sent in the same transaction that confirms its hand-off.
 * A redelivered message finds `sent` and does nothing; a sender that crashed mid-way
 * leaves a claim whose lease runs out, and the next delivery sends it.
 *
 * The lease is measured on the machine clock (a crash window of seconds), not on the
 * business clock of the event, which a redelivery repeats unchanged.
 */
export type Claim = 'claimed' | 'already-sent' | 'in-flight';

export const noticeLeaseSeconds = 120;

/** What a notice that is sent or closed drops: its lease and its outbox entry. */
const leftOutbox = ['leaseUntil', ...pendingFieldNames].join(', ');

/** Marks a claimed notice as sent; part of the sender's completing transaction. */
export const noticeSent = (tableName: string, caseNumber: string, noticeKey: string, sentAt: Date): TransactionItem => ({
  Update: {
    TableName: tableName,
    Key: keys.notice(caseNumber, noticeKey),
    // Leaving the outbox index confirms the hand-off to `notify`.
    UpdateExpression: `SET #state = :sent, sentAt = :at REMOVE ${leftOutbox}`,
    ExpressionAttributeNames: { '#state': 'state' },
    ExpressionAttributeValues: { ':sent': 'sent', ':at': sentAt.toISOString() },
  },
});

/**
 * Claims a notice a workflow step decided earlier (state `pending`, holding its template,
 * recipient and parameters): an update, so the decision stays; an expired lease of a
 * crashed sender may be taken over.
 */
export async function claimPendingNotice(tableName: string, caseNumber: string, noticeKey: string): Promise<Claim | 'missing' | 'failed'> {
  const nowMs = Date.now();
  const claimed = await ifCondition(
    dynamo().update({
      TableName: tableName,
      Key: keys.notice(caseNumber, noticeKey),
      UpdateExpression: 'SET #state = :sending, leaseUntil = :lease',
      ConditionExpression: 'attribute_exists(pk) AND (#state = :pending OR (#state = :sending AND leaseUntil < :now))',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':pending': 'pending', ':sending': 'sending', ':now': nowMs, ':lease': nowMs + noticeLeaseSeconds * 1000 },
    }),
  );
  if (claimed) return 'claimed';
  const existing = await dynamo().get({ TableName: tableName, Key: keys.notice(caseNumber, noticeKey), ConsistentRead: true });
  const state = existing.Item?.state;
  if (state === undefined) return 'missing';
  if (state === 'sent' || state === 'skipped') return 'already-sent';
  if (state === 'failed') return 'failed';
  return 'in-flight';
}

/**
 * Gives a claimed notice back (`pending`, no lease) after SES refused to take the mail for
 * now (a throttle: nothing was sent), so the queue's next delivery claims it at once instead
 * of finding a lease that outlives the visibility timeout. The claimant's lease cannot have
 * been taken over meanwhile: it outlasts the function's timeout.
 */
export async function releaseNotice(tableName: string, caseNumber: string, noticeKey: string): Promise<void> {
  await ifCondition(
    dynamo().update({
      TableName: tableName,
      Key: keys.notice(caseNumber, noticeKey),
      UpdateExpression: 'SET #state = :pending REMOVE leaseUntil',
      ConditionExpression: '#state = :sending',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':pending': 'pending', ':sending': 'sending' },
    }),
  );
}

/** A notice that will never go out (permanent SES rejection, or nobody to send it to). */
export const noticeClosed = (
  tableName: string,
  caseNumber: string,
  noticeKey: string,
  state: 'failed' | 'skipped',
  at: Date,
  reason: string,
): TransactionItem => ({
  Update: {
    TableName: tableName,
    Key: keys.notice(caseNumber, noticeKey),
    UpdateExpression: `SET #state = :state, closedAt = :at, reason = :reason REMOVE ${leftOutbox}`,
    ExpressionAttributeNames: { '#state': 'state' },
    ExpressionAttributeValues: { ':state': state, ':at': at.toISOString(), ':reason': reason },
  },
});

/**
 * A notice a step decided: sent later by `send-notice`. Staff and group recipients are
 * staff addresses from the stage config; the complainant's address is never stored here.
 */
export type NoticeDecision = Notice;

/** The notice key of the 受理回执 (one per case). */
export const receiptNoticeKey = 'acknowledge';

/** The hand-off of a notice to `notify`. */
export const noticeHandoff = (caseNumber: string, noticeKey: string): Handoff => ({ queue: 'notify', id: noticeKey, message: { type: 'notice', caseNumber, noticeKey } });

/**
 * The notice item (state `pending`, written once) and its hand-off to `notify`: the item
 * is its own outbox entry until the sender marks it sent (or failed, or skipped).
 */
export function noticeWrites(tableName: string, caseNumber: string, notice: NoticeDecision, at: Date): { items: TransactionItem[]; handoff: Handoff } {
  const handoff = noticeHandoff(caseNumber, notice.key);
  const { key, ...rest } = notice;
  return {
    handoff,
    items: [
      {
        Put: {
          TableName: tableName,
          Item: { ...keys.notice(caseNumber, key), type: 'notice', ...rest, caseNumber, noticeKey: key, state: 'pending', decidedAt: at.toISOString(), ...pendingFields(handoff, at) },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ],
  };
}

/** The notice as its step decided it. */
export async function readNotice(tableName: string, caseNumber: string, noticeKey: string): Promise<NoticeDecision | undefined> {
  const result = await dynamo().get({ TableName: tableName, Key: keys.notice(caseNumber, noticeKey), ConsistentRead: true });
  if (!result.Item) return undefined;
  const { noticeKey: key, ...rest } = result.Item;
  return { ...(rest as Omit<NoticeDecision, 'key'>), key: String(key) };
}

/**
 * The sender's completing write: the notice's final state, which also confirms its
 * hand-off (none: already final), with the report counters the notice moves (`counts`,
 * statistics-store pairs of marker and addition) in the same transaction. An update
 * applied before (a sender whose lease ran out while it sent) is dropped and the rest
 * written again.
 */
export async function finishNotice(final?: TransactionItem, counts: readonly TransactionItem[] = []): Promise<void> {
  if (!final?.Update) return;
  let items = [final, ...counts];
  while (items.length > 1) {
    try {
      await dynamo().transactWrite({ TransactItems: items });
      return;
    } catch (error) {
      if (!onlyMarkersFailed(error, items)) throw error;
      const applied = new Set(failedItems(error).flatMap((i) => [i, i + 1]));
      items = items.filter((_, i) => !applied.has(i));
    }
  }
  await dynamo().update(final.Update);
}
