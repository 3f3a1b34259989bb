/**
 * The mail port's SMTP adapter against the local-cn system's real SMTP server: a refusal
 * for good fails the notice as an SES rejection does; a group with one refused address
 * still goes to the others; the credentials of the mail secret never reach a log line.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';

import { MailDeferredError, MailRejectedError } from '../../shared/adapters/mail-port';
import { sendMail } from '../../shared/adapters/mailer';
import { receiptNoticeKey } from '../../shared/adapters/notice-ledger';
import { complaintBody, uniqueMarker } from '../support/cases';
import { capturingOutput } from '../support/output';
import { mailsTo, systemUrls } from '../support/system';
import { deliver, isolatedWorkflow, noticesOf, submit } from '../handlers/workflow-harness';

const control = async (path: '/outage' | '/refuse', body: Record<string, string>) => {
  const response = await fetch(`${systemUrls().sesUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
  expect(response.status).toBe(200);
};
const mail = (to: string | string[], marker: string) => ({ to, subject: `SMTP port ${marker}`, text: `text ${marker}`, html: `<p>${marker}</p>` });

beforeAll(async () => {
  await isolatedWorkflow({ complaint: 'SM', report: 'SN' });
});

describe('the SMTP adapter of the mail port', () => {
  // First in the file: the transport (and its read of the secret) is made inside the capture.
  it('no log line and no error holds the mail secret: sent, deferred by an outage, refused', async () => {
    const secret = JSON.parse(readFileSync(systemUrls().env.MAIL_SECRET_FILE!, 'utf8')) as Record<string, string>;
    const marker = uniqueMarker();
    const refused = `x-${marker}@example.com`;
    await control('/refuse', { address: refused });
    const errors: unknown[] = [];
    // Every line the code can write: the logger reads its level at each line (the harness sets SILENT).
    const quiet = process.env.POWERTOOLS_LOG_LEVEL;
    process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
    const logged = await capturingOutput(async () => {
      await sendMail(mail(`ok-${marker}@example.com`, marker));
      await sendMail(mail([refused, `ok2-${marker}@example.com`], marker));
      await sendMail(mail(refused, marker)).catch((error: unknown) => errors.push(error));
      await control('/outage', { mode: 'unavailable' });
      try {
        await sendMail(mail(`later-${marker}@example.com`, marker)).catch((error: unknown) => errors.push(error));
      } finally {
        await control('/outage', { mode: 'off' });
      }
    }).finally(() => {
      if (quiet === undefined) delete process.env.POWERTOOLS_LOG_LEVEL;
      else process.env.POWERTOOLS_LOG_LEVEL = quiet;
    });
    expect(errors.map((e) => (e as Error).constructor)).toEqual([MailRejectedError, MailDeferredError]);
    expect(logged).toMatch(/refused some recipients/); // the capture did see the adapter's lines
    const seen = `${logged}\n${errors.map((e) => `${(e as Error).message} ${JSON.stringify(e)} ${(e as Error).stack}`).join('\n')}`;
    for (const value of [secret.username, secret.password, secret.webhookSecret]) expect(seen).not.toContain(value!);
  });
  it('a recipient refused for good (550): the notice is marked failed, as for an SES rejection, and nothing is sent', async () => {
    const marker = uniqueMarker();
    const address = `${marker}@example.com`;
    await control('/refuse', { address });
    const receivedAt = new Date('2026-11-24T10:00:00+08:00');
    const caseNumber = await submit(complaintBody(marker), receivedAt);
    await deliver('review', receivedAt);
    await deliver('notify', receivedAt);
    expect((await noticesOf(caseNumber)).find((n) => n.noticeKey === receiptNoticeKey)).toMatchObject({ state: 'failed', reason: 'smtp-550' });
    expect(await mailsTo(address)).toEqual([]);
  });

  it('a group with one refused address: the others get it; sent, as SES would count it', async () => {
    const marker = uniqueMarker();
    const [refused, kept] = [`r-${marker}@example.com`, `k-${marker}@example.com`];
    await control('/refuse', { address: refused });
    await sendMail(mail([refused, kept], marker));
    expect(await mailsTo(kept)).toHaveLength(1);
    expect(await mailsTo(refused)).toEqual([]);
  });
});
