/**
 * The evidence-file bucket (S3): presigned uploads into quarantine, reading back what
 * was stored, moving accepted files to the prefix staff links are signed for, deleting.
 * Object keys are built here and nowhere else.
 */
import type { EvidenceContentType } from '../domain/evidence-file';
import { evidenceLayout } from '../evidence-layout';
import { s3 } from './aws-clients';

const { quarantinePrefix, acceptedPrefix } = evidenceLayout;

export const objectKeys = {
  /** Where the uploader's POST puts the file; nothing here is ever signed for staff. */
  quarantined: (uploadId: string): string => `${quarantinePrefix}${uploadId}`,
  /** A file checked by content; the only prefix download links are signed for. */
  accepted: (uploadId: string): string => `${acceptedPrefix}${uploadId}`,
} as const;

/** How long the upload form may be posted (seconds). */
export const uploadFormSeconds = 15 * 60;
/** How long a staff download link works (seconds). */
export const downloadLinkSeconds = 5 * 60;

export interface UploadForm {
  readonly url: string;
  readonly fields: Record<string, string>;
  /** When S3 stops taking the form (the policy's expiration). */
  readonly expiresAt: string;
}

/**
 * A presigned POST policy for exactly this key, this content type and 1..`size` bytes.
 * S3 enforces the conditions; the local emulator ignores them, so the file is also checked
 * by content after upload (shared/workflow/resolve-evidence.ts).
 */
export async function presignUpload(bucket: string, uploadId: string, contentType: EvidenceContentType, size: number): Promise<UploadForm> {
  // Loaded here, not at the top: only the functions that sign load the presigners (aws-clients.ts).
  const { createPresignedPost } = require('@aws-sdk/s3-presigned-post') as typeof import('@aws-sdk/s3-presigned-post');
  const form = await createPresignedPost(s3(), {
    Bucket: bucket,
    Key: objectKeys.quarantined(uploadId),
    Conditions: [
      ['content-length-range', 1, size],
      ['eq', '$Content-Type', contentType],
    ],
    Fields: { 'Content-Type': contentType },
    Expires: uploadFormSeconds,
  });
  // The SDK signs with its own clock: the policy's expiration is the truth, not a recomputation.
  const policy = JSON.parse(Buffer.from(form.fields.Policy!, 'base64').toString('utf8')) as { expiration: string };
  return { url: form.url, fields: form.fields, expiresAt: policy.expiration };
}

export interface StoredObject {
  readonly size: number;
  /** The first `bytes` bytes (fewer when the object is smaller). */
  readonly head: Uint8Array;
  /** The version that was read: the copy takes exactly this one (`CopySourceIfMatch`). */
  readonly etag: string;
}

/** Size and first bytes of a quarantined upload; undefined when nothing was uploaded. */
export async function readQuarantined(bucket: string, uploadId: string, bytes: number): Promise<StoredObject | undefined> {
  const Key = objectKeys.quarantined(uploadId);
  try {
    const head = await s3().headObject({ Bucket: bucket, Key });
    const size = head.ContentLength ?? 0;
    const etag = head.ETag!;
    if (size === 0) return { size, head: new Uint8Array(), etag };
    const object = await s3().getObject({ Bucket: bucket, Key, Range: `bytes=0-${Math.min(size, bytes) - 1}`, IfMatch: etag });
    return { size, head: await object.Body!.transformToByteArray(), etag };
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** Whether an accepted file is there (a retried submission references an upload accepted before). */
export async function acceptedExists(bucket: string, uploadId: string): Promise<boolean> {
  try {
    await s3().headObject({ Bucket: bucket, Key: objectKeys.accepted(uploadId) });
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

/**
 * Copies the checked version of an upload to the accepted prefix, then removes the
 * quarantined copy. False, and nothing copied, when the file was replaced after the check
 * (the presigned POST stays usable for 15 minutes): S3 refuses the copy with 412.
 */
export async function acceptQuarantined(bucket: string, uploadId: string, checkedEtag: string): Promise<boolean> {
  try {
    await s3().copyObject({ Bucket: bucket, CopySource: `${bucket}/${objectKeys.quarantined(uploadId)}`, CopySourceIfMatch: checkedEtag, Key: objectKeys.accepted(uploadId) });
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 412) return false;
    throw error;
  }
  await removeObjects(bucket, uploadId, ['quarantined']);
  return true;
}

/** Deletes an upload's objects (deleting what is not there is not an error in S3). */
export async function removeObjects(bucket: string, uploadId: string, which: readonly (keyof typeof objectKeys)[] = ['quarantined', 'accepted']): Promise<void> {
  await Promise.all(which.map((name) => s3().deleteObject({ Bucket: bucket, Key: objectKeys[name](uploadId) })));
}

/**
 * A short-lived GET link to an accepted file, for staff. It downloads as an attachment
 * under the uploader's file name and declared type, so a browser never renders it in our origin.
 */
export async function signedDownloadUrl(bucket: string, uploadId: string, fileName: string, contentType: string): Promise<string> {
  const { getSignedUrl } = require('@aws-sdk/s3-request-presigner') as typeof import('@aws-sdk/s3-request-presigner');
  const { GetObjectCommand } = require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
  return getSignedUrl(
    s3(),
    new GetObjectCommand({
      Bucket: bucket,
      Key: objectKeys.accepted(uploadId),
      ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      ResponseContentType: contentType,
    }),
    { expiresIn: downloadLinkSeconds },
  );
}

function isMissing(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === 'NotFound' || name === 'NoSuchKey' || $metadata?.httpStatusCode === 404;
}
