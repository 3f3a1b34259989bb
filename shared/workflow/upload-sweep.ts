import { removeObjects } from '../adapters/evidence-bucket';
import { logger } from '../adapters/logger';
import { removeUnreferenced, uploadsDueForDeletion } from '../adapters/upload-store';

/**
 * Day buckets read per run: today's and the week before, so a sweep stopped for days still
 * finds what it missed (the S3 lifecycle rule and TTL are the backstops past that).
 */
const lookbackDays = 7;

export interface UploadSweepResult {
  readonly deleted: number;
}

/**
 * Deletes every upload that no case referenced by its `deleteAt` (a day after it was
 * started): the record first, conditional on it still being unreferenced, so a submission
 * referencing it at this moment either wins (and the file stays) or gets a 409; then
 * its objects in both prefixes.
 */
export async function sweepUnreferencedUploads(settings: { tableName: string; evidenceBucket: string }, now: Date): Promise<UploadSweepResult> {
  const due = await uploadsDueForDeletion(settings.tableName, now, lookbackDays);
  let deleted = 0;
  for (const uploadId of due) {
    if (!(await removeUnreferenced(settings.tableName, uploadId))) continue;
    await removeObjects(settings.evidenceBucket, uploadId);
    deleted += 1;
  }
  logger.info('Upload sweep', { due: due.length, deleted });
  return { deleted };
}
