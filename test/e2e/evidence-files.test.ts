/**
 * Evidence files end to end over HTTP: POST /uploads, the browser's POST of the file to
 * the (emulated) S3 with the returned fields, the file referenced in a submission, checked
 * by content, and reachable by staff only through a short-lived link once accepted.
 * s3rver enforces no POST policy, so the policy itself is inspected here, and the files
 * that break it are the system's own check to catch.
 */
import { describe, expect, it } from 'vitest';
import { objectKeys } from '../../shared/adapters/evidence-bucket';
import { evidenceDownloadLink } from '../../shared/adapters/evidence-links';
import { readUpload } from '../../shared/adapters/upload-store';
import type { UploadCreated } from '../../shared/schemas/upload-request';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../../shared/adapters/aws-clients';
import { keys } from '../../shared/adapters/keys';
import { recordSignedRequest } from '../support/aws-calls';
import { complaintBody, itemsMentioning, uniqueMarker } from '../support/cases';
import { postJson, request } from '../support/http-client';
import { staffToken } from '../support/staff';
import { systemUrls } from '../support/system';
import { evidenceBucket, objectExists, pdf, png, postFile } from '../support/uploads';

const from = '127.0.0.61';

async function startUpload(fileName: string, contentType: string, size: number): Promise<UploadCreated> {
  const answer = await postJson('/uploads', { fileName, contentType, size }, { from });
  expect(answer.status, answer.text).toBe(201);
  return answer.json<UploadCreated>();
}

const submit = (marker: string, evidence: unknown[]) => postJson('/complaints', complaintBody(marker, { evidence }), { from });

const tableSettings = () => ({ tableName: systemUrls().tableName, evidenceBucket: evidenceBucket() });

describe('POST /uploads', () => {
  it('signs a POST policy limited to the declared size and type, into quarantine, for 15 minutes', async () => {
    const before = Date.now();
    const created = await startUpload('截图.png', 'image/png', 5000);
    expect(created.uploadId).toMatch(/^[0-9a-f-]{36}$/);
    const { fields } = created.upload;
    expect(fields.key).toBe(objectKeys.quarantined(created.uploadId));
    expect(fields['Content-Type']).toBe('image/png');
    const policy = JSON.parse(Buffer.from(fields.Policy!, 'base64').toString('utf8')) as { expiration: string; conditions: unknown[] };
    expect(policy.conditions).toContainEqual(['content-length-range', 1, 5000]);
    expect(policy.conditions).toContainEqual(['eq', '$Content-Type', 'image/png']);
    expect(policy.conditions).toContainEqual({ key: objectKeys.quarantined(created.uploadId) });
    expect(policy.expiration).toBe(created.expiresAt);
    const after = Date.now();
    // Signed at some instant of the request, to the second, on the SDK's clock: once it has
    // seen a skewed Date header it corrects itself from that header, whose resolution is
    // one second (so it may run up to a second behind ours; seen once in CI).
    expect(Date.parse(created.expiresAt)).toBeGreaterThanOrEqual(before + 15 * 60_000 - 2_000);
    expect(Date.parse(created.expiresAt)).toBeLessThanOrEqual(after + 15 * 60_000);
    expect(new URL(created.upload.url).pathname).toBe(`/${evidenceBucket()}`);
  });

  it.each([
    ['an unknown field', { fileName: 'a.png', contentType: 'image/png', size: 10, public: true }, 'public'],
    ['a type not offered', { fileName: 'a.exe', contentType: 'application/octet-stream', size: 10 }, 'contentType'],
    ['a size over 10 MiB', { fileName: 'a.png', contentType: 'image/png', size: 10_485_761 }, 'size'],
    ['a control character in the name', { fileName: 'a\u0000.png', contentType: 'image/png', size: 10 }, 'fileName'],
  ])('refuses %s with 400 problem+json and stores nothing', async (_name, body, path) => {
    const marker = uniqueMarker();
    const answer = await postJson('/uploads', { ...body, fileName: `${marker}-${body.fileName}` }, { from });
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(answer.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain(path);
    expect(answer.text).not.toContain(marker);
    expect(await itemsMentioning(marker)).toEqual([]);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const answer = await postJson('/uploads', 'x', { from, headers: { 'content-type': 'text/plain' } });
    expect(answer.status).toBe(415);
  });
});

describe('an uploaded file referenced in a submission', () => {
  it('is accepted by content: moved out of quarantine, referenced by the case, and opened by staff through a short-lived link', async () => {
    const marker = uniqueMarker();
    const created = await startUpload(`${marker}.png`, 'image/png', png.length);
    expect(await postFile(created, png, 'image/png')).toBe(204);
    expect(await objectExists(objectKeys.quarantined(created.uploadId))).toBe(true);
    // Staff get nothing while the file is unchecked.
    expect(await evidenceDownloadLink(created.uploadId, tableSettings())).toBeUndefined();

    const answer = await submit(marker, [{ uploadId: created.uploadId }, { url: 'https://shop.example.cn/a.png' }]);
    expect(answer.status, answer.text).toBe(201);
    const { caseNumber } = answer.json<{ caseNumber: string }>();
    expect(await objectExists(objectKeys.quarantined(created.uploadId))).toBe(false);
    expect(await objectExists(objectKeys.accepted(created.uploadId))).toBe(true);
    const record = await readUpload(systemUrls().tableName, created.uploadId);
    expect(record).toMatchObject({ state: 'referenced', caseNumber, storedSize: png.length });
    expect(record).not.toHaveProperty('expiresAt');
    const [caseItem] = (await itemsMentioning(caseNumber)).filter((item) => item.sk === 'CASE#SUBMISSION');
    expect(caseItem!.evidence).toEqual([{ uploadId: created.uploadId }, { url: 'https://shop.example.cn/a.png' }]);

    const link = (await evidenceDownloadLink(created.uploadId, tableSettings()))!;
    expect(link).toMatchObject({ fileName: `${marker}.png`, contentType: 'image/png', size: png.length });
    const url = new URL(link.url);
    expect(url.pathname).toBe(`/${evidenceBucket()}/${objectKeys.accepted(created.uploadId)}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    const download = await fetch(link.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain(`attachment; filename*=UTF-8''${marker}.png`);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(png);

    // Referenced once: a second submission cannot take the same file.
    const again = await submit(uniqueMarker(), [{ uploadId: created.uploadId }]);
    expect(again.status).toBe(400);
    expect(again.json<{ errors: { path: string; code: string }[] }>().errors).toEqual([expect.objectContaining({ path: 'evidence.0.uploadId', code: 'upload-unknown' })]);
  });

  it('is a short-lived download link in the staff case view; a file no longer checked and referenced gets none (its upload item set back on purpose)', async () => {
    const marker = uniqueMarker();
    const created = await startUpload(`${marker}.png`, 'image/png', png.length);
    expect(await postFile(created, png, 'image/png')).toBe(204);
    const answer = await submit(marker, [{ url: 'https://shop.example.cn/a.png' }, { uploadId: created.uploadId }]);
    expect(answer.status, answer.text).toBe(201);
    const { caseNumber } = answer.json<{ caseNumber: string }>();
    const headers = { authorization: `Bearer ${await staffToken('director@example.org')}` };
    const evidenceOf = async () => (await request('GET', `/staff/cases/${caseNumber}`, { from, headers })).json<{ evidence: Record<string, unknown>[] }>().evidence;

    const [link, file] = await evidenceOf();
    expect(link).toEqual({ url: 'https://shop.example.cn/a.png' });
    expect(file).toMatchObject({ uploadId: created.uploadId, fileName: `${marker}.png`, contentType: 'image/png', size: png.length, download: { url: expect.any(String), expiresAt: expect.any(String) } });
    const { url, expiresAt } = file!.download as { url: string; expiresAt: string };
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
    expect(new URL(url).pathname).toBe(`/${evidenceBucket()}/${objectKeys.accepted(created.uploadId)}`);
    // S3 authorises the browser's GET as the signer's (staff-get-case) GetObject: the IAM proof checks it.
    recordSignedRequest('staff-get-case', 's3', 'GetObject', { Bucket: evidenceBucket(), Key: objectKeys.accepted(created.uploadId) });
    const download = await fetch(url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(png);

    // The same case, its upload item set back to unchecked (a fault made on purpose): no link.
    await dynamo().send(new UpdateCommand({ TableName: systemUrls().tableName, Key: keys.upload(created.uploadId), UpdateExpression: 'SET #state = :pending', ExpressionAttributeNames: { '#state': 'state' }, ExpressionAttributeValues: { ':pending': 'pending' } }));
    expect((await evidenceOf())[1]).toEqual({ uploadId: created.uploadId, available: false });
  });

  it('is accepted when larger than the bytes the check reads (a ranged read of its head), and smaller than declared', async () => {
    const marker = uniqueMarker();
    const note = Buffer.from('投诉补充说明：订单号 20261122。\n'.repeat(300)); // about 11 KB of UTF-8 text
    const created = await startUpload(`${marker}.txt`, 'text/plain', note.length + 100);
    expect(await postFile(created, note, 'text/plain')).toBe(204);
    const answer = await submit(marker, [{ uploadId: created.uploadId }]);
    expect(answer.status, answer.text).toBe(201);
    expect(await readUpload(systemUrls().tableName, created.uploadId)).toMatchObject({ state: 'referenced', storedSize: note.length });
  });

  it.each([
    ['larger than declared', 'image/png', png.length - 1, png, 'upload-larger-than-declared'],
    ['a PNG declared as a PDF', 'application/pdf', png.length, png, 'upload-type-mismatch'],
    ['a PDF declared as text', 'text/plain', pdf.length, pdf, 'upload-type-mismatch'],
  ])('is refused when %s: 400 naming the field, nothing stored, the file gone', async (_name, declaredType, declaredSize, content, code) => {
    const marker = uniqueMarker();
    const created = await startUpload(`${marker}.bin`, declaredType, declaredSize);
    expect(await postFile(created, content, declaredType)).toBe(204); // the emulator enforces no policy
    const answer = await submit(marker, [{ url: 'https://shop.example.cn/a.png' }, { uploadId: created.uploadId }]);
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(answer.json<{ errors: { path: string; code: string }[] }>().errors).toEqual([expect.objectContaining({ path: 'evidence.1.uploadId', code })]);
    expect(await itemsMentioning(marker)).toEqual([]); // no case, and no upload record (its name carried the marker)
    expect(await objectExists(objectKeys.quarantined(created.uploadId))).toBe(false);
    expect(await objectExists(objectKeys.accepted(created.uploadId))).toBe(false);
    expect(await evidenceDownloadLink(created.uploadId, tableSettings())).toBeUndefined();
  });

  it('is refused when it was never uploaded, or the id is unknown', async () => {
    const marker = uniqueMarker();
    const created = await startUpload(`${marker}.pdf`, 'application/pdf', pdf.length);
    const answer = await submit(marker, [{ uploadId: created.uploadId }, { uploadId: '00000000-0000-4000-8000-000000000000' }]);
    expect(answer.status).toBe(400);
    expect(answer.json<{ errors: { path: string; code: string }[] }>().errors).toEqual([
      expect.objectContaining({ path: 'evidence.0.uploadId', code: 'upload-missing' }),
      expect.objectContaining({ path: 'evidence.1.uploadId', code: 'upload-unknown' }),
    ]);
    expect((await itemsMentioning(marker)).map((item) => item.type)).toEqual(['upload']); // the pending upload only
  });
});
