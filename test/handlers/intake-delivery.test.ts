import type { APIGatewayProxyStructuredResultV2, SQSBatchResponse } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadCase } from '../../shared/adapters/case-reads';
import { handler as relayOutbox } from '../../functions/outbox-relay';
import { handler as sendNotice } from '../../functions/send-notice';
import { receiptNoticeKey } from '../../shared/workflow/register-submission';
import { complaintBody, itemsMentioning, uniqueMarker } from '../support/cases';
import { lambdaContext, scheduledEvent, sqsEvent, sqsRecord } from '../support/events';
import { failEverySend, register } from '../support/handlers';
import { mailsTo, systemUrls, waitFor, waitForIdle } from '../support/system';

/** Hand-offs not yet confirmed, on whichever item carries them (the state item, a notice item). */
const outboxEntries = async (caseNumber: string) =>
  (await itemsMentioning(caseNumber)).filter((item) => item.handoffQueue !== undefined).map((item) => ({ queue: item.handoffQueue, id: item.handoffId }));
const receiptItems = async (caseNumber: string) =>
  (await itemsMentioning(caseNumber)).filter((item) => item.sk === `NOTICE#${receiptNoticeKey}`);
/** The outbox entry of the receipt: its hand-off to `notify`. */
const isReceiptHandoff = (item: Record<string, unknown>) => item.queue === 'notify' && item.id === receiptNoticeKey;
/** The `notify` message of a case's receipt, as the registration sends it. */
const receiptMessage = (caseNumber: string) => ({ type: 'notice', caseNumber, noticeKey: receiptNoticeKey });

afterEach(() => vi.restoreAllMocks());

describe('register-case and the receipt through send-notice against the real emulators', () => {
  it('fault injected: a crash between the write and the hand-off strands nothing; the outbox relay delivers and the receipt arrives once', async () => {
    const marker = uniqueMarker();
    const fault = failEverySend();
    const created = await register(complaintBody(marker));
    expect(fault).toHaveBeenCalled();
    fault.mockRestore();

    expect(created.status).toBe(201); // stored durably before the answer, hand-off or not
    const { caseNumber } = created.body;
    expect((await loadCase(systemUrls().tableName, caseNumber))?.state).toMatchObject({ caseNumber, status: 'received' });
    expect((await outboxEntries(caseNumber)).map((item) => item.queue).sort()).toEqual(['notify', 'review']);
    expect((await outboxEntries(caseNumber)).some(isReceiptHandoff)).toBe(true);
    expect(await receiptItems(caseNumber)).toEqual([expect.objectContaining({ state: 'pending', topic: 'receipt', audience: 'complainant', recipients: [] })]);
    expect(await mailsTo(`${marker}@example.com`)).toEqual([]);

    // The relay's schedule fires after the hand-off grace period has passed.
    const relayed = (await relayOutbox(scheduledEvent(new Date(Date.now() + 6 * 60_000)), lambdaContext('outbox-relay'))) as { relayed: number };
    expect(relayed.relayed).toBeGreaterThanOrEqual(1);

    const mails = await waitFor(async () => {
      const found = await mailsTo(`${marker}@example.com`);
      return found.length > 0 && found;
    }, 15_000, 'the receipt after the relay');
    expect(mails).toHaveLength(1);
    await waitFor(async () => !(await outboxEntries(caseNumber)).some(isReceiptHandoff), 15_000, 'the receipt hand-off to be confirmed');
    expect(await receiptItems(caseNumber)).toEqual([expect.objectContaining({ state: 'sent' })]);
  });

  it('a receipt message delivered twice, and twice at once, sends one mail', async () => {
    const marker = uniqueMarker();
    const fault = failEverySend(); // keep the system's own poller out: this test delivers by hand
    const { body } = await register(complaintBody(marker));
    fault.mockRestore();
    const message = receiptMessage(body.caseNumber);

    const concurrent = await Promise.all([
      sendNotice(sqsEvent([sqsRecord('notify', message)]), lambdaContext('send-notice')),
      sendNotice(sqsEvent([sqsRecord('notify', message)]), lambdaContext('send-notice')),
    ]);
    // One delivery sends; the other either finds it sent or, while it is in flight, asks to be retried.
    expect(concurrent.map((r) => (r as SQSBatchResponse).batchItemFailures.length)).toContain(0);
    const again = (await sendNotice(sqsEvent([sqsRecord('notify', message, { receiveCount: 2 }), sqsRecord('notify', message, { receiveCount: 3 })]), lambdaContext('send-notice'))) as SQSBatchResponse;
    expect(again.batchItemFailures).toEqual([]);

    const mails = await waitFor(async () => {
      const found = await mailsTo(`${marker}@example.com`);
      return found.length > 0 && found;
    }, 10_000, 'the receipt');
    await waitForIdle(30_000);
    expect(await mailsTo(`${marker}@example.com`)).toHaveLength(mails.length);
    expect(mails).toHaveLength(1);
  });

  it('anonymous reports and phone-only complaints get no receipt notice at all (their number and token were on screen)', async () => {
    const marker = uniqueMarker();
    const fault = failEverySend(); // nothing is delivered: only what the registration wrote counts
    const phoneOnly = await register(complaintBody(marker, { contact: { name: `李四${marker}`, phone: '+86 138 0013 8000' } }));
    const anonymous = await register({
      kind: 'report',
      category: 'illegal-content',
      subject: { type: 'url', value: `https://bad.example.cn/${marker}` },
      description: `这个页面传播赌博信息 ${marker}`,
    });
    fault.mockRestore();
    for (const { status, body } of [phoneOnly, anonymous]) {
      expect(status).toBe(201);
      expect(await receiptItems(body.caseNumber)).toEqual([]);
      expect((await outboxEntries(body.caseNumber)).map((item) => item.queue)).toEqual(['review']);
    }
  });

  it('a malformed or unknown message fails only its own record', async () => {
    const marker = uniqueMarker();
    const fault = failEverySend();
    const { body } = await register(complaintBody(marker));
    fault.mockRestore();
    const good = sqsRecord('notify', receiptMessage(body.caseNumber));
    const malformed = sqsRecord('notify', '{not json');
    const unknown = sqsRecord('notify', { type: 'case-deleted', caseNumber: body.caseNumber, noticeKey: receiptNoticeKey });
    const result = (await sendNotice(sqsEvent([malformed, good, unknown]), lambdaContext('send-notice'))) as SQSBatchResponse;
    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual([malformed.messageId, unknown.messageId].sort());
    await waitFor(async () => (await mailsTo(`${marker}@example.com`)).length === 1, 10_000, 'the good record to be mailed');
  });
});
