import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';

// Every line a handler can write: the logger reads its level once, when this file loads it.
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
});

import { handler as createUpload } from '../../functions/create-upload';
import { handler as uploadSweep } from '../../functions/upload-sweep';
import type { UploadCreated } from '../../shared/schemas/upload-request';
import { complaintBody, uniqueMarker } from '../support/cases';
import { apiEvent, lambdaContext, scheduledEvent } from '../support/events';
import { register } from '../support/handlers';
import { capturingOutput } from '../support/output';
import { pdf, png, postFile } from '../support/uploads';

async function startUpload(fileName: string, contentType: string, size: number): Promise<UploadCreated> {
  const body = JSON.stringify({ fileName, contentType, size });
  const result = (await createUpload(
    apiEvent({ method: 'POST', path: '/uploads', body, headers: { 'content-type': 'application/json' } }),
    lambdaContext('create-upload'),
  )) as APIGatewayProxyStructuredResultV2;
  expect(result.statusCode).toBe(201);
  return JSON.parse(result.body as string) as UploadCreated;
}

describe('evidence files: no file name reaches a log line, at DEBUG (file names can be personal)', () => {
  it('upload, acceptance, refusal and the sweep', async () => {
    const marker = uniqueMarker();
    const logged = await capturingOutput(async () => {
      const accepted = await startUpload(`${marker}-身份证.png`, 'image/png', png.length);
      const lying = await startUpload(`${marker}-合同.pdf`, 'application/pdf', png.length);
      const forgotten = await startUpload(`${marker}-录音.mp3`, 'audio/mpeg', 1000);
      expect(await postFile(accepted, png, 'image/png')).toBe(204);
      expect(await postFile(lying, png, 'application/pdf')).toBe(204);
      const refused = await register(complaintBody(marker, { evidence: [{ uploadId: lying.uploadId }] }));
      expect(refused.status).toBe(400);
      const registered = await register(complaintBody(marker, { evidence: [{ uploadId: accepted.uploadId }] }));
      expect(registered.status).toBe(201);
      await uploadSweep(scheduledEvent(new Date(Date.now() + 25 * 3_600_000)), lambdaContext('upload-sweep'));
      expect(forgotten.uploadId).toBeDefined();
    });
    expect(logged).toContain('Upload started'); // the capture saw the everyday lines…
    expect(logged).toContain('Evidence upload refused by content');
    expect(logged).toContain('Upload sweep');
    expect(logged).not.toContain(marker); // …never a file name (nor the complainant's name, address or text)
    expect(logged).not.toMatch(/身份证|合同|录音/);
  });
});
