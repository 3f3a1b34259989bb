/**
 * Issue 19 item 12 (a): the content check and the copy out of quarantine are two steps, and
 * the presigned POST stays usable for 15 minutes, so an uploader could replace a checked
 * file before it is copied. The copy names the checked version (`CopySourceIfMatch` with
 * the ETag the check read), so a replaced file is refused, not accepted unchecked.
 * The swap between the check and the copy is a fault injected on purpose: a spy on this
 * worker's S3 client posts another file with the same form just before the copy goes out.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { s3 } from '../../shared/adapters/aws-clients';
import { objectKeys } from '../../shared/adapters/evidence-bucket';
import { complaintBody, itemsMentioning, uniqueMarker } from '../support/cases';
import { register } from '../support/handlers';
import { objectExists, pdf, png, postFile, startUploadAt } from '../support/uploads';
import type { UploadCreated } from '../../shared/schemas/upload-request';

/** Fault injected on purpose: before the next CopyObject, the uploader posts `content` with the same form. */
function swapBeforeCopy(created: UploadCreated, content: Buffer, type: string) {
  const client = s3();
  const original = client.send.bind(client) as (...args: unknown[]) => Promise<unknown>;
  return vi.spyOn(client, 'send').mockImplementation((async (command: { constructor: { name: string } }, ...rest: unknown[]) => {
    if (command.constructor.name === 'CopyObjectCommand') expect(await postFile(created, content, type)).toBe(204);
    return original(command, ...rest);
  }) as typeof client.send);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('issue 19 item 12a: an evidence file swapped between its check and its copy (fault injected on purpose)', () => {
  it('is refused with 400 naming the file; nothing is stored or accepted', async () => {
    const marker = uniqueMarker();
    const created = await startUploadAt(new Date(), `${marker}.png`, 'image/png', png.length);
    expect(await postFile(created, png, 'image/png')).toBe(204);
    // Other content, unchecked: a PDF where the checked PNG was.
    swapBeforeCopy(created, pdf, 'image/png');

    const answer = await register(complaintBody(marker, { evidence: [{ uploadId: created.uploadId }] }));

    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    const errors = (answer.body as unknown as { errors: { path: string }[] }).errors;
    expect(errors.map((e) => e.path)).toEqual(['evidence.0.uploadId']);
    expect(await objectExists(objectKeys.accepted(created.uploadId))).toBe(false);
    expect(await objectExists(objectKeys.quarantined(created.uploadId))).toBe(false);
    expect(await itemsMentioning(marker)).toEqual([]);
  });
});
