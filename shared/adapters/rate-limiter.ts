import { dynamo, type TransactionItem } from './aws-clients';
import { ifCondition } from './conditions';
import { keys } from './keys';
import { keyedHash } from './keyed-hash';
import { problems } from '../http/problem';

/**
 * Fixed one-minute windows per client address, counted in the table so that every
 * Lambda container sees the same count. The address is stored only as a hash. One item
 * per client and minute holds both counters: `requests` (every request) and
 * `submissions` (accepted complaints), so intake counts both in its one write.
 */
export interface RateWindow {
  readonly key: ReturnType<typeof keys.rateCounter>;
  readonly retryAfterSeconds: number;
  readonly expiresAt: number;
}

export interface RateLimits {
  readonly requestsPerMinute: number;
  readonly submissionsPerMinute: number;
}

export async function rateWindow(clientAddress: string, now: Date): Promise<RateWindow> {
  // Keyed: the 2^32 IPv4 addresses are no secret to try.
  const clientHash = await keyedHash('client', clientAddress);
  const minute = now.toISOString().slice(0, 16);
  const secondsLeft = 60 - now.getUTCSeconds();
  return {
    key: keys.rateCounter(clientHash, minute),
    retryAfterSeconds: secondsLeft,
    expiresAt: Math.floor(now.getTime() / 1000) + 120,
  };
}

/** Counts one request; throws 429 once the window's limit is reached. */
export async function countRequest(tableName: string, window: RateWindow, limit: number): Promise<void> {
  const counted = await ifCondition(
    dynamo().update({
      TableName: tableName,
      Key: window.key,
      UpdateExpression: 'ADD requests :one SET expiresAt = if_not_exists(expiresAt, :expiresAt)',
      ConditionExpression: 'attribute_not_exists(requests) OR requests < :limit',
      ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':expiresAt': window.expiresAt },
    }),
  );
  if (!counted) throw problems.tooManyRequests(window.retryAfterSeconds);
}

/**
 * The request and the submission counted as one item of the registration transaction:
 * only accepted submissions count, and the check costs no extra round trip.
 */
export function countInTransaction(tableName: string, window: RateWindow, limits: RateLimits): TransactionItem {
  return {
    Update: {
      TableName: tableName,
      Key: window.key,
      UpdateExpression: 'ADD requests :one, submissions :one SET expiresAt = if_not_exists(expiresAt, :expiresAt)',
      ConditionExpression: '(attribute_not_exists(requests) OR requests < :requests) AND (attribute_not_exists(submissions) OR submissions < :submissions)',
      ExpressionAttributeValues: { ':one': 1, ':requests': limits.requestsPerMinute, ':submissions': limits.submissionsPerMinute, ':expiresAt': window.expiresAt },
    },
  };
}

/**
 * Lost-token requests (`POST /complaints/{n}/access`), counted per client address in
 * one-hour windows (hashed, in the same counter items as the other limits); never per case,
 * or anyone could use up the requests of the cases they can number: the seconds until the
 * window ends when the limit is reached, else undefined.
 */
export async function accessLimitReached(tableName: string, request: { readonly clientAddress: string; readonly now: Date }, perClient: number): Promise<number | undefined> {
  const hour = request.now.toISOString().slice(0, 13);
  const hash = await keyedHash('access', `client:${request.clientAddress}`);
  const counted = await ifCondition(
    dynamo().update({
      TableName: tableName,
      Key: keys.rateCounter(hash, hour),
      UpdateExpression: 'ADD requests :one SET expiresAt = if_not_exists(expiresAt, :expiresAt)',
      ConditionExpression: 'attribute_not_exists(requests) OR requests < :limit',
      ExpressionAttributeValues: { ':one': 1, ':limit': perClient, ':expiresAt': Math.floor(request.now.getTime() / 1000) + 7200 },
    }),
  );
  return counted ? undefined : 3600 - (Math.floor(request.now.getTime() / 1000) % 3600);
}
