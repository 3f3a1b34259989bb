import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { dynamo } from './aws-clients';
import { dueIndex, keys } from './keys';

/**
 * Parking of cases the sweep cannot get past (architecture.md "SLA sweep"): each time the
 * sweep hands a case to `escalate` for the same due instant it counts one attempt; a case
 * still due after the stage's `parkAfterAttempts` leaves the due index for the `PARKED`
 * partition of gsi1, so it no longer holds the sweep's resume point back.
 */

/** Attempt counters outlive any sensible retry; TTL removes those of cases that moved on. */
const attemptsKeptDays = 40;

/** One more hand-off of `caseNumber` for its step due at `dueAt`; returns the attempts so far. */
export async function countSweepAttempt(tableName: string, caseNumber: string, dueAt: string, now: Date): Promise<number> {
  const result = await dynamo().send(
    new UpdateCommand({
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
    }),
  );
  return Number(result.Attributes?.attempts ?? 1);
}

/**
 * Moves the case from its due bucket to `PARKED` (recorded on the case: when, after how
 * many attempts, which due instant), only while its step is still the one due at `dueAt`;
 * and clears the attempt counter, so an operator who puts the case back in a due bucket
 * (docs/operations.md) gives it a fresh set of attempts. The case's version is not bumped:
 * an escalation still in flight that succeeds writes the next due bucket over it.
 * Returns false when the case had moved on meanwhile.
 */
export async function parkCase(tableName: string, caseNumber: string, dueAt: string, attempts: number, now: Date): Promise<boolean> {
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: keys.case(caseNumber),
              UpdateExpression: 'SET gsi1pk = :parked, gsi1sk = :sk, parkedAt = :now, parkedAttempts = :attempts',
              ConditionExpression: 'nextDueAt = :due AND gsi1pk <> :parked',
              ExpressionAttributeValues: {
                ':parked': dueIndex.parked,
                ':sk': dueIndex.sortKey(dueAt, caseNumber),
                ':now': now.toISOString(),
                ':attempts': attempts,
                ':due': dueAt,
              },
            },
          },
          { Delete: { TableName: tableName, Key: keys.sweepAttempts(caseNumber, dueAt) } },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')) return false;
    throw error;
  }
}
