import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/**
 * The one reading of "a condition failed" (a single conditional write, or one item of a
 * cancelled transaction): the caller's expectation about the stored state did not hold.
 */
export function conditionFailed(error: unknown): boolean {
  if ((error as Error)?.name === 'ConditionalCheckFailedException') return true;
  return failedItems(error).length > 0;
}

/** Positions of the items of a cancelled transaction whose condition failed. */
export function failedItems(error: unknown): number[] {
  // By name, not `instanceof`: the SDK is loaded only when a client is made (aws-clients.ts).
  if ((error as Error)?.name !== 'TransactionCanceledException') return [];
  return ((error as TransactionCanceledException).CancellationReasons ?? []).flatMap((reason, i) => (reason.Code === 'ConditionalCheckFailed' ? [i] : []));
}

/** Runs a conditional write; a failed condition is `false`, any other error is thrown. */
export async function ifCondition(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}
