import { casesClosedUntil, eraseClosedCase } from '../adapters/case-erasure';
import { removeObjects } from '../adapters/evidence-bucket';
import { logger } from '../adapters/logger';
import { removeUpload } from '../adapters/upload-store';
import { monthsUpTo, retentionCutoff } from '../domain/retention';

/**
 * Month buckets read before the cutoff's own: a sweep stopped for up to three years still
 * finds every case it missed. An empty bucket costs one Query of no items.
 */
const lookbackMonths = 36;

/** Deletes evidence files (both prefixes) and their upload items: a case's retention ended, or its complainant asked. */
export const evidenceRemover =
  (settings: { tableName: string; evidenceBucket: string }) =>
  async (uploadIds: readonly string[]): Promise<void> => {
    for (const uploadId of uploadIds) {
      await removeObjects(settings.evidenceBucket, uploadId);
      await removeUpload(settings.tableName, uploadId);
    }
  };

export interface RetentionSweepResult {
  readonly cutoff: string;
  readonly due: number;
  readonly erased: number;
}

/**
 * Erases every case closed at least `retention.closedCaseMonths` months before `now`: its
 * contact and evidence files first, then its submission, history and notices, its state
 * last (case-erasure.ts `eraseClosedCase`). Statistics are not in a case's partition
 * and stay. The same rule runs in AWS (daily schedule) and locally (the local scheduler,
 * or `npm run schedule -- retention --at <ISO>`).
 */
export async function sweepRetention(
  settings: { tableName: string; evidenceBucket: string; config: { retention: { closedCaseMonths: number } } },
  now: Date,
): Promise<RetentionSweepResult> {
  const cutoff = retentionCutoff(now, settings.config.retention.closedCaseMonths);
  const due = await casesClosedUntil(settings.tableName, monthsUpTo(cutoff, lookbackMonths), cutoff);
  const removeFiles = evidenceRemover(settings);
  let erased = 0;
  for (const closed of due) if (await eraseClosedCase(settings.tableName, closed, removeFiles)) erased += 1;
  logger.info('Retention sweep', { cutoff: cutoff.toISOString(), due: due.length, erased });
  return { cutoff: cutoff.toISOString(), due: due.length, erased };
}
