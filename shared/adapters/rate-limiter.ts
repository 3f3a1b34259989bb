import { createHash } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, type TransactionItem } from './aws-clients';
import { keys } from './keys';
import { problems } from '../http/problem';

/**
 * Fixed one-minute windows per client address, counted in the table so that every
 * Lambda container sees the same count. The address is stored only as a hash.
 */
export type RateScope = 'requests' | 'submissions';

export interface RateWindow {
  readonly key: ReturnType<typeof keys.rateCounter>;
  readonly retryAfterSeconds: number;
  readonly expiresAt: number;
}

export function rateWindow(scope: RateScope, clientAddress: string, now: Date): RateWindow {
  const clientHash = createHash('sha256').update(clientAddress).digest('base64url').slice(0, 22);
  const minute = now.toISOString().slice(0, 16);
  const secondsLeft = 60 - now.getUTCSeconds();
  return {
    key: keys.rateCounter(scope, clientHash, minute),
    retryAfterSeconds: secondsLeft,
    expiresAt: Math.floor(now.getTime() / 1000) + 120,
  };
}

const counting = {
  UpdateExpression: 'ADD hits :one SET expiresAt = if_not_exists(expiresAt, :expiresAt)',
  ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
} as const;

/** Counts one request; throws 429 once the window's limit is reached. */
export async function countRequest(tableName: string, window: RateWindow, limit: number): Promise<void> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName,
        Key: window.key,
        ...counting,
        ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':expiresAt': window.expiresAt },
      }),
    );
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') {
      throw problems.tooManyRequests(window.retryAfterSeconds);
    }
    throw error;
  }
}

/**
 * The same count as one item of a write transaction, so that only accepted
 * submissions count and the check costs no extra round trip.
 */
export function countInTransaction(tableName: string, window: RateWindow, limit: number): TransactionItem {
  return {
    Update: {
      TableName: tableName,
      Key: window.key,
      ...counting,
      ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':expiresAt': window.expiresAt },
    },
  };
}
