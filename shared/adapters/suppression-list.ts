import type { Suppression } from '../domain/mail-suppression';
import { batchGetAll, dynamo } from './aws-clients';
import { keys } from './keys';
import { keyedHash } from './keyed-hash';

/**
 * The suppression list: addresses SES reported as bounced for good or as complaining
 * (`mail-events`), which `send-notice` no longer mails. Items hold the address's hash
 * (a keyed hash of the exact address: a bounce of `a+tag@` says nothing of `a@`), the reason
 * and when, never the address; an operator lifts one
 * by deleting its item (docs/operations.md "Suppressed addresses").
 */
export const suppressionKey = (address: string): Promise<string> => keyedHash('suppressed', address.trim().toLowerCase());

export async function suppressAddress(tableName: string, suppression: Suppression): Promise<void> {
  await dynamo().put({
    TableName: tableName,
    Item: { ...keys.suppressedAddress(await suppressionKey(suppression.address)), type: 'suppressed-address', reason: suppression.reason, detail: suppression.detail, suppressedAt: suppression.at },
  });
}

/** The addresses among `addresses` that are on the suppression list. */
export async function suppressedAmong(tableName: string, addresses: readonly string[]): Promise<Set<string>> {
  const byKey = new Map(await Promise.all(addresses.map(async (address) => [keys.suppressedAddress(await suppressionKey(address)).pk, address] as const)));
  if (byKey.size === 0) return new Set();
  const answer = await batchGetAll(tableName, [...byKey.keys()].map((pk) => ({ pk, sk: 'SUPPRESSED' })), ['pk'], { consistent: true });
  return new Set(answer.map((item) => byKey.get(String(item.pk))!));
}
