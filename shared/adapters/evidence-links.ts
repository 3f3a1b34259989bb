import { runtimeSettings } from '../config/runtime';
import { downloadLinkSeconds, signedDownloadUrl } from './evidence-bucket';
import { readUpload } from './upload-store';

export interface EvidenceLink {
  readonly url: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  readonly expiresAt: string;
}

/**
 * A short-lived download link to a case's evidence file, for the staff case view: only
 * for an upload a case references (so it passed the content check); undefined otherwise.
 */
export async function evidenceDownloadLink(
  uploadId: string,
  settings: { tableName: string; evidenceBucket: string } = runtimeSettings(),
  now: Date = new Date(),
): Promise<EvidenceLink | undefined> {
  const upload = await readUpload(settings.tableName, uploadId);
  if (upload?.state !== 'referenced') return undefined;
  return {
    url: await signedDownloadUrl(settings.evidenceBucket, uploadId, upload.fileName, upload.contentType),
    fileName: upload.fileName,
    contentType: upload.contentType,
    size: upload.storedSize ?? upload.declaredSize,
    expiresAt: new Date(now.getTime() + downloadLinkSeconds * 1000).toISOString(),
  };
}
