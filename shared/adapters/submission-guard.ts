import { dynamo, type TransactionItem } from './aws-clients';
import { keys } from './keys';

/**
 * The case a submission's `Idempotency-Key` registered, so that the same post sent again
 * (its HTTP answer was lost) finds that case instead of making a second one. Only
 * hashes are stored: of the key, and of the validated request it came with.
 */
export interface SubmissionGuard {
  readonly caseNumber: string;
  readonly requestHash: string;
}

/** How long a resubmission is recognised (the item's TTL; an older one counts as absent). */
export const guardLifetimeSeconds = 24 * 3600;

/** The guard's put, in the registration transaction: it fails if another registration holds the key. */
export function guardPut(tableName: string, keyHash: string, guard: SubmissionGuard, at: Date): TransactionItem {
  const now = Math.floor(at.getTime() / 1000);
  return {
    Put: {
      TableName: tableName,
      Item: { ...keys.submissionGuard(keyHash), type: 'submission-guard', ...guard, expiresAt: now + guardLifetimeSeconds },
      // An expired entry (TTL not yet run) counts as free.
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
      ExpressionAttributeValues: { ':now': now },
    },
  };
}

/** The guard of a key, unless absent or expired at `at`. */
export async function readGuard(tableName: string, keyHash: string, at: Date): Promise<SubmissionGuard | undefined> {
  const { Item: item } = await dynamo().get({ TableName: tableName, Key: keys.submissionGuard(keyHash), ConsistentRead: true });
  if (!item || Number(item.expiresAt) < Math.floor(at.getTime() / 1000)) return undefined;
  return { caseNumber: String(item.caseNumber), requestHash: String(item.requestHash) };
}
