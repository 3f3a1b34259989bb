import { dynamo } from './aws-clients';
import { backoffMs, writeRetry } from './write-retry';

/**
 * Every item of `keys` from `tableName`, by BatchGetItem (100 keys a call). A throttled
 * BatchGetItem answers with the keys it did not read (`UnprocessedKeys`) instead of an
 * error, so the client's retry (write-retry.ts) never sees it: those keys are asked again
 * after the same jittered backoff, never dropped (a dropped handler's load read as 0 would
 * skew routing) and never in a tight loop. Gives up as a throttled call does.
 */
export async function batchGetAll(
  tableName: string,
  keys: readonly Record<string, unknown>[],
  options: { readonly consistent?: boolean; readonly projection?: string; readonly names?: Record<string, string> } = {},
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Record<string, unknown>[] = keys.slice(i, i + 100);
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > writeRetry.attempts) throw Object.assign(new Error('BatchGetItem kept leaving keys unprocessed'), { name: 'ProvisionedThroughputExceededException' });
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt - 1)));
      const result = await dynamo().batchGet({
        RequestItems: {
          [tableName]: {
            Keys: pending,
            ...(options.consistent ? { ConsistentRead: true } : {}),
            ...(options.projection ? { ProjectionExpression: options.projection } : {}),
            ...(options.names ? { ExpressionAttributeNames: options.names } : {}),
          },
        },
      });
      found.push(...(result.Responses?.[tableName] ?? []));
      pending = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return found;
}
