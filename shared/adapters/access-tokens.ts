import { dynamo } from './aws-clients';
import { ifCondition } from './conditions';
import { keys } from './keys';

/**
 * The tokens that open a case to its complainant, as hashes on the submission item: the
 * one-time links to a new token (access grants) and the extra tokens of resubmissions.
 */

/** A one-time link to a new access token: only the hash of its secret is stored, for a day (TTL backstop). */
export async function storeAccessGrant(tableName: string, caseNumber: string, grantHash: string, validUntil: Date): Promise<void> {
  await dynamo().put({
    TableName: tableName,
    Item: { ...keys.accessGrant(caseNumber, grantHash), type: 'access-grant', caseNumber, validUntil: validUntil.toISOString(), expiresAt: Math.ceil(validUntil.getTime() / 1000) },
  });
}

/**
 * Redeems a one-time link: deletes it (only while valid at `now`) and puts the new token's
 * hash on the submission in one transaction, so the old token stops working at that instant
 * and the link works once. False when the link is unknown, used or expired.
 */
export async function replaceAccessToken(tableName: string, caseNumber: string, grantHash: string, tokenHash: string, now: Date): Promise<boolean> {
  return ifCondition(
    dynamo().transactWrite({
      TransactItems: [
        {
          Delete: {
            TableName: tableName,
            Key: keys.accessGrant(caseNumber, grantHash),
            ConditionExpression: 'attribute_exists(pk) AND validUntil > :now',
            ExpressionAttributeValues: { ':now': now.toISOString() },
          },
        },
        {
          Update: {
            TableName: tableName,
            Key: keys.submission(caseNumber),
            // The new token replaces every old one, those of resubmissions too.
            UpdateExpression: 'SET tokenHash = :hash REMOVE resubmissionTokenHashes',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':hash': tokenHash },
          },
        },
      ],
    }),
  );
}

/**
 * One more token that opens the case, for a resubmission of its post (a lost HTTP answer):
 * appended to the submission's list while it holds fewer than `max`. False at the cap.
 */
export async function addResubmissionToken(tableName: string, caseNumber: string, tokenHash: string, max: number): Promise<boolean> {
  return ifCondition(
    dynamo().update({
      TableName: tableName,
      Key: keys.submission(caseNumber),
      UpdateExpression: 'SET resubmissionTokenHashes = list_append(if_not_exists(resubmissionTokenHashes, :none), :hash)',
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(resubmissionTokenHashes) OR size(resubmissionTokenHashes) < :max)',
      ExpressionAttributeValues: { ':none': [], ':hash': [tokenHash], ':max': max },
    }),
  );
}
