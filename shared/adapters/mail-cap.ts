import { receiptDay } from '../domain/case-number';
import { dynamo } from './aws-clients';
import { keys } from './keys';
import { keyedHash } from './keyed-hash';
import { normaliseEmail } from '../domain/contact-key';

/**
 * The per-address daily mail cap (api.md "Errors"): nobody can make the service mail an
 * address more than `mailsPerRecipientPerDay` times a day by submitting in its name. The
 * counter is keyed by a hash of the address (never the address in clear) and expires.
 */
const keptSeconds = 2 * 86_400;

/** Pseudonymous key of an inbox: a keyed hash of the address without case or `+tag` (contact-key.ts). */
export const inboxKey = (address: string): Promise<string> => keyedHash('mail', normaliseEmail(address));

/** Counts one mail to `address` today; false (nothing counted) when the day's cap is reached. */
export async function takeMailAllowance(tableName: string, address: string, now: Date, timeZone: string, cap: number): Promise<boolean> {
  try {
    await dynamo().update({
      TableName: tableName,
      Key: keys.mailCounter(await inboxKey(address), receiptDay(now, timeZone)),
      UpdateExpression: 'ADD sent :one SET #type = :type, expiresAt = :expires',
      ConditionExpression: 'attribute_not_exists(sent) OR sent < :cap',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':one': 1, ':cap': cap, ':type': 'mail-counter', ':expires': Math.floor(now.getTime() / 1000) + keptSeconds },
    });
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
