/**
 * Looking into and replaying dead-letter queues, the same against the local SQS
 * emulator and a deployed stage (queues named by resource-names.ts). Replay is a
 * receive / send / delete loop: the emulator has no working StartMessageMoveTask, and
 * the loop keeps bodies and message attributes as they were.
 */
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { deadLetterQueueNameFor, queueNameFor } from './resource-names';

export interface DeadLetterQueueCount {
  readonly queue: string;
  readonly dlqName: string;
  /** Undefined when the DLQ does not exist. */
  readonly messages?: number;
  readonly inFlight?: number;
}

export interface DeadLetterMessage {
  readonly messageId: string;
  readonly receiveCount: number;
  readonly sentAt?: string;
  /** First 200 characters (bodies carry ids, never personal data, by design). */
  readonly body: string;
}

export interface ReceiveOptions {
  /**
   * Long-poll wait per receive. 0 suits the emulator (which would hold a partial
   * batch for the whole wait); real SQS needs a wait, as a short poll samples only
   * some of its servers and can come back empty while messages are there.
   */
  readonly waitSeconds?: number;
}

export class QueueNotFoundError extends Error {
  override readonly name = 'QueueNotFoundError';
}

/** `review`, `review-dlq` or a full queue name → the topology queue name. */
export function resolveQueue(arg: string, stage: string, known: readonly string[]): string {
  const candidates = [arg, arg.replace(/-dlq$/, ''), arg.replace(new RegExp(`^${queueNameFor(stage, '')}`), '').replace(/-dlq$/, '')];
  const found = candidates.find((name) => known.includes(name));
  if (!found) throw new QueueNotFoundError(`Unknown queue "${arg}". Queues: ${known.join(', ')}`);
  return found;
}

export async function queueUrl(sqs: SQSClient, name: string): Promise<string | undefined> {
  try {
    return (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl;
  } catch (error) {
    if (/NonExistentQueue|QueueDoesNotExist/.test((error as Error).name)) return undefined;
    throw error;
  }
}

export async function countDeadLetters(sqs: SQSClient, stage: string, queues: readonly string[]): Promise<DeadLetterQueueCount[]> {
  return Promise.all(
    queues.map(async (queue) => {
      const dlqName = deadLetterQueueNameFor(stage, queue);
      const url = await queueUrl(sqs, dlqName);
      if (!url) return { queue, dlqName };
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
      );
      return {
        queue,
        dlqName,
        messages: Number(Attributes.ApproximateNumberOfMessages ?? 0),
        inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
      };
    }),
  );
}

/**
 * Every message in one DLQ, left where it is: received with a short visibility
 * timeout, then made visible again at once. (Each look counts as a receive.)
 */
export async function peekDeadLetters(sqs: SQSClient, stage: string, queue: string, options: ReceiveOptions & { max?: number } = {}): Promise<DeadLetterMessage[]> {
  const max = options.max ?? 100;
  const url = await requireQueue(sqs, deadLetterQueueNameFor(stage, queue));
  const seen = new Map<string, Message>();
  try {
    while (seen.size < max) {
      const batch = await receive(sqs, url, Math.min(10, max - seen.size), 30, options.waitSeconds ?? 0);
      const fresh = batch.filter((m) => !seen.has(m.MessageId!));
      for (const message of fresh) seen.set(message.MessageId!, message);
      if (fresh.length === 0) break;
    }
  } finally {
    await release(sqs, url, [...seen.values()]);
  }
  return [...seen.values()].map((message) => ({
    messageId: message.MessageId!,
    receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
    ...(message.Attributes?.SentTimestamp ? { sentAt: new Date(Number(message.Attributes.SentTimestamp)).toISOString() } : {}),
    body: (message.Body ?? '').slice(0, 200),
  }));
}

/**
 * Moves the messages of `queue`'s DLQ back to `queue`, at most as many as it held
 * when the replay began (a message that fails again must not make this loop forever).
 */
export async function replayDeadLetters(sqs: SQSClient, stage: string, queue: string, options: ReceiveOptions = {}): Promise<{ moved: number; from: string; to: string }> {
  const from = deadLetterQueueNameFor(stage, queue);
  const to = queueNameFor(stage, queue);
  const [dlqUrl, targetUrl] = await Promise.all([requireQueue(sqs, from), requireQueue(sqs, to)]);
  const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
  const limit = Number(Attributes.ApproximateNumberOfMessages ?? 0);
  let moved = 0;
  while (moved < limit) {
    const batch = await receive(sqs, dlqUrl, Math.min(10, limit - moved), 60, options.waitSeconds ?? 0);
    if (batch.length === 0) break;
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: targetUrl,
        Entries: batch.map((message, i) => ({
          Id: String(i),
          MessageBody: message.Body ?? '',
          ...(message.MessageAttributes && Object.keys(message.MessageAttributes).length ? { MessageAttributes: message.MessageAttributes } : {}),
        })),
      }),
    );
    const delivered = (sent.Successful ?? []).map((entry) => batch[Number(entry.Id)]!);
    // Only what reached the source queue leaves the DLQ; the rest reappears there.
    if (delivered.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({ QueueUrl: dlqUrl, Entries: delivered.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }),
      );
    }
    moved += delivered.length;
    if ((sent.Failed ?? []).length > 0) {
      throw new Error(`${moved} moved; sending failed for ${sent.Failed!.length}: ${sent.Failed!.map((f) => f.Message ?? f.Code).join('; ')}`);
    }
  }
  return { moved, from, to };
}

async function requireQueue(sqs: SQSClient, name: string): Promise<string> {
  const url = await queueUrl(sqs, name);
  if (!url) throw new QueueNotFoundError(`Queue ${name} does not exist (wrong --stage, or the stage is not deployed/started?)`);
  return url;
}

async function receive(sqs: SQSClient, QueueUrl: string, max: number, visibilityTimeout: number, waitSeconds: number): Promise<Message[]> {
  const answer = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl,
      MaxNumberOfMessages: max,
      WaitTimeSeconds: waitSeconds,
      VisibilityTimeout: visibilityTimeout,
      AttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    }),
  );
  return answer.Messages ?? [];
}

async function release(sqs: SQSClient, QueueUrl: string, messages: readonly Message[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 10) {
    await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl,
        Entries: messages.slice(i, i + 10).map((m, n) => ({ Id: String(n), ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 })),
      }),
    );
  }
}
