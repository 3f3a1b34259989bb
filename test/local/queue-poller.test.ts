/**
 * The local poller honours a queue's `maxConcurrency` as the deployed event source does
 * (topology QueueDecl): with a backlog, it hands the consumer that many batches at once,
 * never more; a queue without it gets one batch at a time. Real SQS emulator; the
 * consumer is a stand-in function that only takes its time and counts who runs at once.
 */
import { randomUUID } from 'node:crypto';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalClock } from '../../local/local-clock';
import { deleteQueues, provisionQueues, type ProvisionedQueue } from '../../local/provision';
import { QueuePoller } from '../../local/queue-poller';
import { quietLog } from '../../local/runtime-log';
import { useLocalSystemEnv, waitFor } from '../support/system';

useLocalSystemEnv();
const sqs = new SQSClient({ endpoint: process.env.AWS_ENDPOINT_URL_SQS, region: process.env.AWS_REGION ?? 'us-east-1' });
const provisioned: ProvisionedQueue[] = [];
afterAll(async () => {
  await deleteQueues(sqs, provisioned);
  sqs.destroy();
});

/** Feeds `messages` to a fresh queue, polls it until all are handled, and returns the most batches that ran at once. */
async function peakWhileDraining(maxConcurrency: number | undefined, messages: number): Promise<{ seen: number; stats: number }> {
  const decl = { name: 'bounded', consumer: 'slow-consumer', batchSize: 1, maxReceiveCount: 5, visibilityTimeoutSeconds: 30, ...(maxConcurrency ? { maxConcurrency } : {}) };
  const [queue] = await provisionQueues(sqs, [decl], `qp-${randomUUID().slice(0, 8)}-`);
  provisioned.push(queue!);
  await sqs.send(new SendMessageBatchCommand({ QueueUrl: queue!.url, Entries: Array.from({ length: messages }, (_, i) => ({ Id: String(i), MessageBody: `{"n":${i}}` })) }));
  let running = 0;
  let seen = 0;
  const invoke = async () => {
    seen = Math.max(seen, ++running);
    await new Promise((resolve) => setTimeout(resolve, 400));
    running -= 1;
    return { batchItemFailures: [] };
  };
  const poller = new QueuePoller({ queue: queue!, sqs, clock: new LocalClock(), invoke, region: 'us-east-1', accountId: '000000000000', log: quietLog });
  poller.start();
  try {
    await waitFor(() => poller.stats.succeeded === messages, 30_000, `${messages} messages handled`);
  } finally {
    await poller.stop();
  }
  return { seen, stats: poller.stats.peakConcurrency };
}

describe('the local queue poller', () => {
  it('runs a backlog in at most maxConcurrency batches at once (2), and one at a time without it', async () => {
    expect(await peakWhileDraining(2, 8)).toEqual({ seen: 2, stats: 2 });
    expect(await peakWhileDraining(undefined, 4)).toEqual({ seen: 1, stats: 1 });
  });
});
