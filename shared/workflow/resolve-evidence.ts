/**
 * Evidence files where a submission references them (`evidence: [{ uploadId }]`): each is
 * checked by content before anything is registered, and only files that pass move out of
 * quarantine. A file that is unknown, never uploaded, larger than declared or of another
 * type than declared is refused with 400 naming its place (`evidence.<i>.uploadId`) and
 * deleted, record and object: staff can never reach it.
 *
 * The check runs here, synchronously, rather than on an S3 event: the answer to the
 * submission has to say which file was refused, and an event would race the submission.
 */
import { acceptedExists, acceptQuarantined, readQuarantined, removeObjects } from '../adapters/evidence-bucket';
import { type TransactionItem } from '../adapters/aws-clients';
import { logger } from '../adapters/logger';
import { markAccepted, readUpload, referenceWrite, removeUnreferenced } from '../adapters/upload-store';
import { judgeUpload, sniffBytes, type UploadRefusal } from '../domain/evidence-file';
import type { Language } from '../domain/status';
import { HttpProblem, problems, type FieldError } from '../http/problem';
import { fieldError } from '../http/validation';

interface Settings {
  readonly tableName: string;
  readonly evidenceBucket: string;
}

type Refusal = 'upload-unknown' | 'upload-missing' | 'upload-changed' | `upload-${UploadRefusal}`;

/**
 * Checks every referenced upload (in parallel) and throws one 400 listing each refused
 * one; otherwise returns the writes that reference them from `caseNumber`, for the
 * registration transaction (which fails, 409, if one was referenced meanwhile).
 */
export async function resolveEvidence(
  settings: Settings,
  evidence: readonly { readonly uploadId?: string }[] | undefined,
  language: Language,
): Promise<ResolvedEvidence> {
  const referenced = (evidence ?? []).flatMap((item, index) => (item.uploadId === undefined ? [] : [{ uploadId: item.uploadId, index }]));
  // The same file twice: one reference is enough (and a transaction may touch an item once).
  const uploads = referenced.filter((u, i) => referenced.findIndex((other) => other.uploadId === u.uploadId) === i);
  const verdicts = await Promise.all(uploads.map(({ uploadId }) => checkUpload(settings, uploadId)));
  const errors: FieldError[] = [
    ...uploads.flatMap(({ index }, i) => (verdicts[i] === 'ok' ? [] : [fieldError(['evidence', String(index), 'uploadId'], verdicts[i]!, language)])),
    ...referenced.filter((u) => !uploads.includes(u)).map(({ index }) => fieldError(['evidence', String(index), 'uploadId'], 'upload-repeated', language)),
  ];
  if (errors.length > 0) throw problems.invalidRequest(errors);
  return {
    uploads: uploads.length,
    referenceWrites: (caseNumber, at) => uploads.map(({ uploadId }) => referenceWrite(settings.tableName, uploadId, caseNumber, at)),
  };
}

export interface ResolvedEvidence {
  /** How many distinct uploads the submission references. */
  readonly uploads: number;
  readonly referenceWrites: (caseNumber: string, at: Date) => TransactionItem[];
}

/**
 * A registration transaction cancelled while it referenced uploads: another submission
 * referenced one of them, or the sweep deleted it, in the moment since the check (409, a
 * concurrent change; sent again, the submission gets the 400 that names the file).
 */
export function evidenceConflict(evidence: ResolvedEvidence, error: unknown): HttpProblem | undefined {
  if (evidence.uploads === 0 || (error as Error)?.name !== 'TransactionCanceledException') return undefined;
  return problems.conflict('An evidence file was used or removed at the same moment; please send the submission again.');
}

/** One upload: accepted (now or by an earlier attempt of the same submission), or why not. */
async function checkUpload(settings: Settings, uploadId: string): Promise<'ok' | Refusal> {
  const upload = await readUpload(settings.tableName, uploadId);
  if (!upload || upload.state === 'referenced') return 'upload-unknown';
  // Accepted by an earlier attempt whose registration did not go through (e.g. a 429).
  if (upload.state === 'accepted') return (await acceptedExists(settings.evidenceBucket, uploadId)) ? 'ok' : 'upload-unknown';
  const stored = await readQuarantined(settings.evidenceBucket, uploadId, sniffBytes);
  if (!stored) return 'upload-missing';
  const verdict = judgeUpload({ declaredType: upload.contentType, declaredSize: upload.declaredSize, storedSize: stored.size, head: stored.head });
  if (!verdict.accepted) {
    await refuse(settings, uploadId);
    logger.warn('Evidence upload refused by content', { uploadId, reason: verdict.reason, declaredType: upload.contentType });
    return `upload-${verdict.reason}`;
  }
  if (!(await acceptQuarantined(settings.evidenceBucket, uploadId, stored.etag))) {
    // Replaced between the check and the copy: what was checked is gone, what is there was not checked.
    await refuse(settings, uploadId);
    logger.warn('Evidence upload refused: replaced after its check', { uploadId });
    return 'upload-changed';
  }
  // Lost to a concurrent attempt only if that one accepted it too: the file is in place either way.
  await markAccepted(settings.tableName, uploadId, stored.size);
  return 'ok';
}

/** Record first (so no later reference can succeed), then the object. */
async function refuse(settings: Settings, uploadId: string): Promise<void> {
  await removeUnreferenced(settings.tableName, uploadId);
  await removeObjects(settings.evidenceBucket, uploadId, ['quarantined']);
}
