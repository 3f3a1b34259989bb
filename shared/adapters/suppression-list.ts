import type { Suppression } from '../domain/mail-suppression';
import { dynamo } from './aws-clients';
import { keys } from './keys';
import { addressHash } from './mail-cap';

/**
 * The suppression list: addresses SES reported as bounced for good or as complaining
 * (`mail-events`), which `send-notice` no longer mails. Items hold the address's hash
 * (the mail cap's scheme), the reason and when, never the address; an operator lifts one
 * by deleting its item (docs/operations.md "Suppressed addresses").
 */
export async function suppressAddress(tableName: string, suppression: Suppression): Promise<void> {
  await dynamo().put({
    TableName: tableName,
    Item: { ...keys.suppressedAddress(addressHash(suppression.address)), type: 'suppressed-address', reason: suppression.reason, detail: suppression.detail, suppressedAt: suppression.at },
  });
}

/** The addresses among `addresses` that are on the suppression list. */
export async function suppressedAmong(tableName: string, addresses: readonly string[]): Promise<Set<string>> {
  const byKey = new Map(addresses.map((address) => [keys.suppressedAddress(addressHash(address)).pk, address]));
  if (byKey.size === 0) return new Set();
  // At most 100 keys a call: far more than the recipients of one notice (a group of staff).
  const answer = await dynamo().batchGet({
    RequestItems: { [tableName]: { Keys: [...byKey.values()].map((address) => keys.suppressedAddress(addressHash(address))), ProjectionExpression: 'pk', ConsistentRead: true } },
  });
  if (Object.keys(answer.UnprocessedKeys ?? {}).length > 0) throw new Error('Suppression list read throttled; retry');
  return new Set((answer.Responses?.[tableName] ?? []).map((item) => byKey.get(String(item.pk))!));
}
