/** Evidence files in tests: sample contents, the browser's POST to the (emulated) S3, object checks. */
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { expect } from 'vitest';
import { handler as createUpload } from '../../functions/create-upload';
import { s3 } from '../../shared/adapters/aws-clients';
import type { UploadCreated } from '../../shared/schemas/upload-request';
import { apiEvent, lambdaContext } from './events';
import { systemUrls } from './system';

/** The first bytes a PNG needs, then filler: enough for the content check. */
export const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 56 }, (_, i) => i + 1)]);
export const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** What a browser does with the answer of POST /uploads: a multipart POST of every field, then the file. */
export async function postFile(created: UploadCreated, content: Buffer, type: string): Promise<number> {
  const form = new FormData();
  for (const [name, value] of Object.entries(created.upload.fields)) form.append(name, value);
  form.append('file', new Blob([content], { type }), 'upload.bin');
  const response = await fetch(created.upload.url, { method: 'POST', body: form });
  await response.arrayBuffer();
  return response.status;
}

export const evidenceBucket = (): string => systemUrls().env.EVIDENCE_BUCKET!;

export async function objectExists(key: string): Promise<boolean> {
  try {
    await s3().send(new HeadObjectCommand({ Bucket: evidenceBucket(), Key: key }));
    return true;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
    throw error;
  }
}

/**
 * POST /uploads straight into the create-upload handler, at request time `at`. Tests that
 * run the upload sweep start their uploads days in the past and sweep at a time before any
 * other test's upload is due, so parallel test files never lose an upload to them.
 */
export async function startUploadAt(at: Date, fileName: string, contentType: string, size: number): Promise<UploadCreated> {
  const body = JSON.stringify({ fileName, contentType, size });
  const result = (await createUpload(
    apiEvent({ method: 'POST', path: '/uploads', body, headers: { 'content-type': 'application/json' }, at }),
    lambdaContext('create-upload'),
  )) as APIGatewayProxyStructuredResultV2;
  expect(result.statusCode, String(result.body)).toBe(201);
  return JSON.parse(result.body as string) as UploadCreated;
}
