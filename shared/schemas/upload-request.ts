import * as z from 'zod/mini';
import { evidenceContentTypes, maxEvidenceBytes } from '../domain/evidence-file';
import { text } from './complaint-request';

/** `POST /uploads` (spec/api.md): what the uploader says about the file; checked by content later. */
export const uploadRequestSchema = z.strictObject({
  fileName: text(1, 200),
  contentType: z.enum(evidenceContentTypes),
  size: z.int().check(z.minimum(1, { error: 'too-small:1' }), z.maximum(maxEvidenceBytes, { error: `too-big:${maxEvidenceBytes}` })),
});
export type UploadRequest = z.output<typeof uploadRequestSchema>;

export const uploadCreatedSchema = z.object({
  uploadId: z.string(),
  /** POST the file as multipart/form-data to `url` with every field of `fields`, the file last. */
  upload: z.object({ url: z.string(), fields: z.record(z.string(), z.string()) }),
  /** Until when the upload form may be posted. */
  expiresAt: z.string(),
});
export type UploadCreated = z.output<typeof uploadCreatedSchema>;
