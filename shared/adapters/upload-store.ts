/**
 * Upload records in the table: what `POST /uploads` was told, where the file stands
 * (`pending` → `accepted` by content → `referenced` by a case), and when an unreferenced
 * one is deleted. The file name may be personal data: it is stored here and never logged.
 */
import type { EvidenceContentType } from '../domain/evidence-file';
import { dynamo, queryAll, type TransactionItem } from './aws-clients';
import { keys, unreferencedUploadIndex } from './keys';

export type UploadState = 'pending' | 'accepted' | 'referenced';

export interface UploadRecord {
  readonly uploadId: string;
  readonly fileName: string;
  readonly contentType: EvidenceContentType;
  readonly declaredSize: number;
  readonly createdAt: string;
  readonly state: UploadState;
  /** When the upload sweep deletes it unless a case references it first. */
  readonly deleteAt: string;
  /** Size of the accepted object. */
  readonly storedSize?: number;
  readonly caseNumber?: string;
  readonly referencedAt?: string;
}

/** DynamoDB TTL a day after `deleteAt`: a backstop for a record the sweep missed (TTL itself may lag up to 48 h). */
const ttlBackstopSeconds = 24 * 3600;
const ttlOf = (deleteAt: string): number => Math.floor(Date.parse(deleteAt) / 1000) + ttlBackstopSeconds;

const notReferenced = 'attribute_exists(pk) AND #state <> :referenced';

export async function putUpload(tableName: string, upload: UploadRecord): Promise<void> {
  await dynamo().put({
    TableName: tableName,
    Item: {
      ...keys.upload(upload.uploadId),
      type: 'upload',
      ...upload,
      expiresAt: ttlOf(upload.deleteAt),
      gsi1pk: unreferencedUploadIndex.bucket(upload.deleteAt),
      gsi1sk: unreferencedUploadIndex.sortKey(upload.deleteAt, upload.uploadId),
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  });
}

export async function readUpload(tableName: string, uploadId: string): Promise<UploadRecord | undefined> {
  const result = await dynamo().get({ TableName: tableName, Key: keys.upload(uploadId), ConsistentRead: true });
  return result.Item as UploadRecord | undefined;
}

/** `pending` → `accepted` once its content passed the check; false if it changed meanwhile. */
export async function markAccepted(tableName: string, uploadId: string, storedSize: number): Promise<boolean> {
  try {
    await dynamo().update({
      TableName: tableName,
      Key: keys.upload(uploadId),
      UpdateExpression: 'SET #state = :accepted, storedSize = :size',
      ConditionExpression: '#state = :pending',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':accepted': 'accepted', ':pending': 'pending', ':size': storedSize },
    });
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/**
 * Removes an unreferenced upload's record and returns it (a refused file, or one the sweep
 * found due); undefined when a case referenced it meanwhile or it is already gone.
 */
export async function removeUnreferenced(tableName: string, uploadId: string): Promise<UploadRecord | undefined> {
  try {
    const result = await dynamo().delete({
      TableName: tableName,
      Key: keys.upload(uploadId),
      ConditionExpression: notReferenced,
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':referenced': 'referenced' },
      ReturnValues: 'ALL_OLD',
    });
    return result.Attributes as UploadRecord | undefined;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
    throw error;
  }
}

/** Deletes an upload's record whatever its state: its case's retention ended (shared/workflow/retention-sweep.ts). */
export async function removeUpload(tableName: string, uploadId: string): Promise<void> {
  await dynamo().delete({ TableName: tableName, Key: keys.upload(uploadId) });
}

/**
 * The write that makes an accepted upload a case's evidence, for the registration
 * transaction: it fails the transaction if the upload was referenced or swept meanwhile.
 * The upload leaves the unreferenced index and loses its TTL.
 */
export function referenceWrite(tableName: string, uploadId: string, caseNumber: string, at: Date): TransactionItem {
  return {
    Update: {
      TableName: tableName,
      Key: keys.upload(uploadId),
      UpdateExpression: 'SET #state = :referenced, caseNumber = :caseNumber, referencedAt = :at REMOVE gsi1pk, gsi1sk, expiresAt',
      ConditionExpression: '#state = :accepted',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':referenced': 'referenced', ':accepted': 'accepted', ':caseNumber': caseNumber, ':at': at.toISOString() },
    },
  };
}

/** Ids of unreferenced uploads due for deletion at `now`, from the day buckets of the last `days` days. */
export async function uploadsDueForDeletion(tableName: string, now: Date, days: number): Promise<string[]> {
  const buckets = Array.from({ length: days + 1 }, (_, i) => unreferencedUploadIndex.bucket(new Date(now.getTime() - i * 86_400_000).toISOString()));
  const ids: string[] = [];
  for (const bucket of buckets) {
    const items = await queryAll({
      TableName: tableName,
      IndexName: unreferencedUploadIndex.name,
      KeyConditionExpression: 'gsi1pk = :bucket AND gsi1sk <= :until',
      ExpressionAttributeValues: { ':bucket': bucket, ':until': unreferencedUploadIndex.dueUntil(now.toISOString()) },
      ProjectionExpression: 'uploadId',
    });
    ids.push(...items.map((item) => item.uploadId as string));
  }
  return ids;
}
