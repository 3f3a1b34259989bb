import { dynamo } from './aws-clients';
import { keys } from './keys';

/**
 * Parking of cases the sweep cannot get past (architecture.md "SLA sweep"): each time the
 * sweep hands a case to `escalate` for the same due instant it counts one attempt; a case
 * still due after the stage's `parkAfterAttempts` leaves the due index for the `PARKED`
 * partition of gsi1, so it no longer holds the sweep's resume point back (the move itself
 * is a write of the case: case-placement.ts `parkCase`).
 */

/** Attempt counters outlive any sensible retry; TTL removes those of cases that moved on. */
const attemptsKeptDays = 40;

/** One more hand-off of `caseNumber` for its step due at `dueAt`; returns the attempts so far. */
export async function countSweepAttempt(tableName: string, caseNumber: string, dueAt: string, now: Date): Promise<number> {
  const result = await dynamo().update({
    TableName: tableName,
    Key: keys.sweepAttempts(caseNumber, dueAt),
    UpdateExpression: 'ADD attempts :one SET #type = :type, expiresAt = :expires, lastAt = :now',
    ExpressionAttributeNames: { '#type': 'type' },
    ExpressionAttributeValues: {
      ':one': 1,
      ':type': 'sweep-attempts',
      ':expires': Math.floor(now.getTime() / 1000) + attemptsKeptDays * 86_400,
      ':now': now.toISOString(),
    },
    ReturnValues: 'UPDATED_NEW',
  });
  return Number(result.Attributes?.attempts ?? 1);
}
