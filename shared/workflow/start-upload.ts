import { randomUUID } from 'node:crypto';
import { presignUpload } from '../adapters/evidence-bucket';
import { logger } from '../adapters/logger';
import { putUpload } from '../adapters/upload-store';
import type { UploadCreated, UploadRequest } from '../schemas/upload-request';
import { evidenceLayout } from '../evidence-layout';

/**
 * `POST /uploads`: records what the uploader declares and signs a POST of exactly that
 * into quarantine. Unless a submission references it, the upload is deleted after
 * `unreferencedDays` (upload-sweep). The file name is stored, never logged.
 */
export async function startUpload(
  settings: { tableName: string; evidenceBucket: string },
  request: UploadRequest,
  now: Date,
): Promise<UploadCreated> {
  const uploadId = randomUUID();
  const deleteAt = new Date(now.getTime() + evidenceLayout.unreferencedDays * 86_400_000).toISOString();
  await putUpload(settings.tableName, {
    uploadId,
    fileName: request.fileName,
    contentType: request.contentType,
    declaredSize: request.size,
    createdAt: now.toISOString(),
    state: 'pending',
    deleteAt,
  });
  const form = await presignUpload(settings.evidenceBucket, uploadId, request.contentType, request.size);
  logger.info('Upload started', { uploadId, contentType: request.contentType, size: request.size });
  return { uploadId, upload: { url: form.url, fields: form.fields }, expiresAt: form.expiresAt };
}
