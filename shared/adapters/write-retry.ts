/**
 * Every DynamoDB call retries the errors that say "not now" rather than "no" (architecture.md
 * 12): a transaction cancelled only by a conflict with another transaction on one of its
 * items (`TransactionConflict`), a single write that met a transaction
 * (`TransactionConflictException`), and throttling (`ProvisionedThroughputExceededException`,
 * `ThrottlingException`, `RequestLimitExceeded`). Under a mass incident many cases touch the
 * same items at once; without this, each such call failed its record into the dead-letter
 * queue. One middleware on the one client (aws-clients.ts `dynamo()`), so no caller can
 * forget it: a cancelled transaction or a throttled call wrote nothing, so calling again is
 * safe. A transaction cancelled by a failed condition is the caller's answer and is not retried.
 *
 * Backoff: capped exponential with full jitter (a random wait between 0 and
 * min(cap, base × 2^attempt)), so many writers that conflicted once do not meet again.
 */

export const writeRetry = {
  /** Calls in all, the first included. */
  attempts: 10,
  baseMs: 20,
  capMs: 2_000,
} as const;

const throttles = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'TransactionConflictException']);
/** Reasons of a cancelled transaction that say "try again": the rest (a failed condition, a validation error) say "no". */
const passingReasons = new Set(['None', 'TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);

/** Whether `error` is a conflict or a throttle that a later call of the same request may pass. */
export function retryable(error: unknown): boolean {
  const name = (error as Error | undefined)?.name;
  if (!name) return false;
  if (throttles.has(name)) return true;
  if (name !== 'TransactionCanceledException') return false;
  const reasons = ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((r) => r.Code ?? 'None');
  return reasons.some((code) => code !== 'None') && reasons.every((code) => passingReasons.has(code));
}

/** The wait before call `attempt + 1` (attempt 1 is the first retry): full jitter under the cap. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(writeRetry.capMs, writeRetry.baseMs * 2 ** attempt));
}

type Next = (args: { input: Record<string, unknown> }) => Promise<{ output: Record<string, unknown> }>;

/**
 * The middleware (step `initialize`, priority `high`: outside the document client's
 * marshalling, which rewrites `args.input`, so each call starts from the caller's input).
 */
export const retryMiddleware = (next: Next) => async (args: { input: Record<string, unknown> }) => {
  const input = args.input;
  for (let attempt = 1; ; attempt++) {
    try {
      return await next({ ...args, input });
    } catch (error) {
      if (attempt >= writeRetry.attempts || !retryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt)));
    }
  }
};
