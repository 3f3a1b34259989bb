import { GetObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { handler as uploadSweep } from '../../functions/upload-sweep';
import { s3 } from '../../shared/adapters/aws-clients';
import { objectKeys } from '../../shared/adapters/evidence-bucket';
import { readUpload, removeUnreferenced } from '../../shared/adapters/upload-store';
import { complaintBody, uniqueMarker } from '../support/cases';
import { lambdaContext, scheduledEvent } from '../support/events';
import { register } from '../support/handlers';
import { systemUrls } from '../support/system';
import { evidenceBucket, objectExists, pdf, postFile, startUploadAt } from '../support/uploads';

const HOUR = 3_600_000;
const sweepAt = (time: Date) => uploadSweep(scheduledEvent(time), lambdaContext('upload-sweep'));
const upload = (uploadId: string) => readUpload(systemUrls().tableName, uploadId);

describe('upload-sweep: unreferenced uploads are deleted a day after they were started', () => {
  it('deletes record and file of each upload no case referenced; a referenced one stays', async () => {
    // Started 30 hours ago (see startUploadAt): due 6 hours ago, its TTL backstop still ahead.
    const startedAt = new Date(Date.now() - 30 * HOUR);
    const kept = await startUploadAt(startedAt, 'kept.pdf', 'application/pdf', pdf.length);
    const dropped = await startUploadAt(startedAt, 'accepted-then-dropped.pdf', 'application/pdf', pdf.length);
    const forgotten = await startUploadAt(startedAt, 'forgotten.pdf', 'application/pdf', pdf.length);
    const neverPosted = await startUploadAt(startedAt, 'never-posted.pdf', 'application/pdf', pdf.length);
    for (const created of [kept, dropped, forgotten]) expect(await postFile(created, pdf, 'application/pdf')).toBe(204);
    expect((await register(complaintBody(uniqueMarker(), { evidence: [{ uploadId: kept.uploadId }] }), startedAt)).status).toBe(201);
    // Checked and moved by a submission that was then refused for another file: accepted, never referenced.
    const refused = await register(complaintBody(uniqueMarker(), { evidence: [{ uploadId: dropped.uploadId }, { uploadId: neverPosted.uploadId }] }), startedAt);
    expect(refused.status).toBe(400);
    expect((await upload(dropped.uploadId))?.state).toBe('accepted');

    await sweepAt(new Date(startedAt.getTime() + 23 * HOUR));
    for (const notYet of [dropped, forgotten, neverPosted]) expect(await upload(notYet.uploadId)).toBeDefined();

    // Counts include what other test files left due by then; what matters is which uploads are gone.
    expect((await sweepAt(new Date(startedAt.getTime() + 24 * HOUR + 60_000))).deleted).toBeGreaterThanOrEqual(3);
    for (const gone of [dropped, forgotten, neverPosted]) {
      expect(await upload(gone.uploadId)).toBeUndefined();
      expect(await objectExists(objectKeys.quarantined(gone.uploadId))).toBe(false);
      expect(await objectExists(objectKeys.accepted(gone.uploadId))).toBe(false);
    }
    expect((await upload(kept.uploadId))?.state).toBe('referenced');
    const file = await s3().send(new GetObjectCommand({ Bucket: evidenceBucket(), Key: objectKeys.accepted(kept.uploadId) }));
    expect(Buffer.from(await file.Body!.transformToByteArray())).toEqual(pdf);

  });

  it('never deletes a referenced upload, even one a sweep found due just before a case referenced it', async () => {
    const startedAt = new Date(Date.now() - 30 * HOUR);
    const created = await startUploadAt(startedAt, 'raced.pdf', 'application/pdf', pdf.length);
    expect(await postFile(created, pdf, 'application/pdf')).toBe(204);
    expect((await register(complaintBody(uniqueMarker(), { evidence: [{ uploadId: created.uploadId }] }), startedAt)).status).toBe(201);
    // The sweep's delete comes after its query: conditional on the upload still being unreferenced.
    expect(await removeUnreferenced(systemUrls().tableName, created.uploadId)).toBeUndefined();
    expect((await upload(created.uploadId))?.state).toBe('referenced');
  });
});
