import { describe, expect, it, vi } from 'vitest';

// Every line a handler can write: the logger reads its level once, when this file loads it.
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
});

import { handler as uploadSweep } from '../../functions/upload-sweep';
import { complaintBody, uniqueMarker } from '../support/cases';
import { lambdaContext, scheduledEvent } from '../support/events';
import { register } from '../support/handlers';
import { capturingOutput } from '../support/output';
import { png, postFile, startUploadAt } from '../support/uploads';

describe('evidence files: no file name reaches a log line, at DEBUG (file names can be personal)', () => {
  it('upload, acceptance, refusal and the sweep', async () => {
    const marker = uniqueMarker();
    const logged = await capturingOutput(async () => {
      const now = new Date();
      const accepted = await startUploadAt(now, `${marker}-身份证.png`, 'image/png', png.length);
      const lying = await startUploadAt(now, `${marker}-合同.pdf`, 'application/pdf', png.length);
      // Started 40 hours ago (see startUploadAt): due before any upload of another test file.
      const longAgo = new Date(now.getTime() - 40 * 3_600_000);
      const forgotten = await startUploadAt(longAgo, `${marker}-录音.mp3`, 'audio/mpeg', 1000);
      expect(await postFile(accepted, png, 'image/png')).toBe(204);
      expect(await postFile(lying, png, 'application/pdf')).toBe(204);
      const refused = await register(complaintBody(marker, { evidence: [{ uploadId: lying.uploadId }] }));
      expect(refused.status).toBe(400);
      const registered = await register(complaintBody(marker, { evidence: [{ uploadId: accepted.uploadId }] }));
      expect(registered.status).toBe(201);
      await uploadSweep(scheduledEvent(new Date(longAgo.getTime() + 25 * 3_600_000)), lambdaContext('upload-sweep'));
      expect(forgotten.uploadId).toBeDefined();
    });
    expect(logged).toContain('Upload started'); // the capture saw the everyday lines…
    expect(logged).toContain('Evidence upload refused by content');
    expect(logged).toContain('Upload sweep');
    expect(logged).not.toContain(marker); // …never a file name (nor the complainant's name, address or text)
    expect(logged).not.toMatch(/身份证|合同|录音/);
  });
});
