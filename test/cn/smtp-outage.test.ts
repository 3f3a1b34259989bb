/**
 * Done-when of issue 18: an SMTP outage of ten minutes during a run loses no mail and sends
 * none twice. On the local-cn system's real SMTP server (local/smtp-outbox.ts), made to
 * answer 421 on purpose (its `/outage` switch), on a table and queues of this file's own:
 * the test delivers each queue as the event source would (a failed message visible again
 * after a second here, instead of the queue's 60 s) and fires the outbox relay each minute
 * of business time, so ten minutes of outage take seconds.
 */
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { ScheduledEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as outboxRelay } from '../../functions/outbox-relay';
import { complaintBody, uniqueMarker } from '../support/cases';
import { lambdaContext } from '../support/events';
import { sesStore, systemUrls } from '../support/system';
import { invoke, isolatedWorkflow, noticesOf, submit, toRecord, type Isolated } from '../handlers/workflow-harness';

const minute = 60_000;
const start = new Date('2026-11-24T10:00:00+08:00');
const at = (minutes: number) => new Date(start.getTime() + minutes * minute);
const markers = [uniqueMarker(), uniqueMarker(), uniqueMarker()];
let env: Isolated;
let sqs: SQSClient;

const outage = async (mode: 'unavailable' | 'off') => {
  const response = await fetch(`${systemUrls().sesUrl}/outage`, { method: 'POST', body: JSON.stringify({ mode }) });
  expect(response.status).toBe(200);
};

beforeAll(async () => {
  env = await isolatedWorkflow({ complaint: 'OU', report: 'OR' });
  sqs = new SQSClient({ endpoint: process.env.AWS_ENDPOINT_URL_SQS, region: process.env.AWS_REGION });
});
afterAll(async () => {
  await outage('off');
  sqs.destroy();
});

/** One pass over every step queue at business time `now`: what succeeded is deleted, a failure comes back a second later. */
async function deliverAll(now: Date): Promise<number> {
  let failures = 0;
  for (const queue of ['review', 'classify', 'assign', 'notify']) {
    const url = env.queueUrls[queue]!;
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: 1, AttributeNames: ['All'] }));
    if (Messages.length === 0) continue;
    const failed = new Set((await invoke(queue, Messages.map((m) => toRecord(queue, m, now)))).batchItemFailures.map((f) => f.itemIdentifier));
    failures += failed.size;
    for (const m of Messages) if (!failed.has(m.MessageId!)) await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle! }));
  }
  return failures;
}

const relay = (now: Date) => outboxRelay({ time: now.toISOString() } as ScheduledEvent, lambdaContext('outbox-relay'));
const pause = () => new Promise((resolve) => setTimeout(resolve, 1_100));

describe('an SMTP outage of ten minutes (the local SMTP server answers 421 on purpose)', () => {
  it('loses no mail and sends none twice: every notice goes out once after the outage, through the outbox relay backoff (no queue retries)', async () => {
    await outage('unavailable');
    const cases: string[] = [];
    for (const [i, marker] of markers.entries()) cases.push(await submit(complaintBody(marker), at(i)));

    // Ten minutes of business time, a minute a round: every delivery of a mail leaves its
    // notice pending and succeeds (the provider is down: no queue retries, no DLQ; the
    // MailsDeferred alarm moves); the relay sends the hand-off again when due.
    let failedDuringOutage = 0;
    for (let m = 0; m < 10; m++) {
      failedDuringOutage += await deliverAll(at(m));
      await relay(at(m));
      await pause();
    }
    expect(failedDuringOutage).toBe(0);
    expect((await sesStore()).filter((mail) => cases.some((c) => mail.subject.includes(c)))).toEqual([]);
    for (const caseNumber of cases) expect((await noticesOf(caseNumber)).every((n) => n.state === 'pending')).toBe(true);

    await outage('off');
    // After the outage: the relay runs on each minute until every notice has gone out.
    for (let m = 10; m < 60; m++) {
      await deliverAll(at(m));
      await relay(at(m));
      const notices = (await Promise.all(cases.map(noticesOf))).flat();
      if (notices.every((n) => n.state === 'sent')) break;
      await pause();
    }
    // Anything still in flight (a copy of a mail already sent) finds its notice sent and sends nothing.
    for (let round = 0; round < 3; round++) {
      await pause();
      await deliverAll(at(60));
    }

    const mails = await sesStore();
    for (const [i, caseNumber] of cases.entries()) {
      const notices = await noticesOf(caseNumber);
      expect(notices.length).toBeGreaterThan(0);
      expect(notices.map((n) => n.state)).toEqual(notices.map(() => 'sent'));
      // One mail per notice: the receipt to the complainant once, each staff notice once.
      expect(mails.filter((mail) => mail.subject.includes(caseNumber))).toHaveLength(notices.length);
      expect(mails.filter((mail) => mail.destination.to.includes(`${markers[i]}@example.com`))).toHaveLength(1);
    }
  });
});
