/**
 * A mail SES throttles (issue 9, Found 6) is retried by the queue's next delivery: the
 * sender gives its claim back instead of holding a lease that outlives the visibility
 * timeout, so throttles in a row end in one mail, not in the DLQ. The throttles are
 * injected on purpose (an SES client middleware answering TooManyRequestsException).
 */
import { DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ses, sqs } from '../../shared/adapters/aws-clients';
import { receiptNoticeKey } from '../../shared/adapters/notice-ledger';
import { topology } from '../../shared/topology';
import { complaintBody, uniqueMarker } from '../support/cases';
import { mailsTo } from '../support/system';
import { deliver, invoke, isolatedWorkflow, noticesOf, submit, toRecord, type Isolated } from './workflow-harness';

const throttlesInARow = 2;
const marker = uniqueMarker();
const address = `${marker}@example.com`;
let env: Isolated;
let throttled = 0;

beforeAll(async () => {
  env = await isolatedWorkflow({ complaint: 'TH', report: 'TR' });
  ses().middlewareStack.add(
    (next, context) => async (args) => {
      const to = (args.input as { Destination?: { ToAddresses?: string[] } }).Destination?.ToAddresses ?? [];
      if (context.commandName === 'SendEmailCommand' && to.includes(address) && throttled < throttlesInARow) {
        throttled += 1;
        throw Object.assign(new Error('Maximum sending rate exceeded (fault injected on purpose)'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
      }
      return next(args);
    },
    { step: 'initialize', name: 'throttleOnPurpose' },
  );
});
afterAll(() => {
  ses().middlewareStack.remove('throttleOnPurpose');
});

/** Receives from `notify` as the event source does, each message visible again 1 s after a failed delivery. */
async function deliverNotify(): Promise<{ failures: number }> {
  const url = env.queueUrls.notify!;
  let failures = 0;
  const maxReceiveCount = topology.queues.find((q) => q.name === 'notify')!.maxReceiveCount;
  for (let round = 0; round < maxReceiveCount + 1; round++) {
    // No long poll: the emulator would hand the same message twice in one answer once it is visible again.
    if (round > 0) await new Promise((resolve) => setTimeout(resolve, 1_200));
    const { Messages = [] } = await sqs().send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: 1, AttributeNames: ['All'] }));
    if (Messages.length === 0) continue;
    const failed = new Set((await invoke('notify', Messages.map((m) => toRecord('notify', m)))).batchItemFailures.map((f) => f.itemIdentifier));
    failures += failed.size;
    for (const m of Messages) if (!failed.has(m.MessageId!)) await sqs().send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle! }));
  }
  return { failures };
}

describe('an SES throttle (fault injected on purpose)', () => {
  it(`${throttlesInARow} throttles in a row: the receipt still goes out once, and nothing reaches the DLQ`, async () => {
    const receivedAt = new Date('2026-11-24T10:00:00+08:00');
    const caseNumber = await submit(complaintBody(marker), receivedAt);
    await deliver('review', receivedAt); // the receipt's hand-off to notify goes out with the review's
    const { failures } = await deliverNotify();
    expect(throttled).toBe(throttlesInARow);
    expect(failures).toBe(throttlesInARow); // each throttled delivery, and nothing else, failed

    const receipt = (await noticesOf(caseNumber)).find((n) => n.noticeKey === receiptNoticeKey);
    expect(receipt).toMatchObject({ state: 'sent' });
    expect(receipt).not.toHaveProperty('leaseUntil');
    expect((await mailsTo(address)).filter((m) => m.subject.includes(caseNumber))).toHaveLength(1);
    const { Attributes } = await sqs().send(new GetQueueAttributesCommand({ QueueUrl: env.dlqUrls.notify!, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    expect(Number(Attributes?.ApproximateNumberOfMessages) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible)).toBe(0);
  });
});
