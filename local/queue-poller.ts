/**
 * The local stand-in for a Lambda SQS event source mapping (with
 * ReportBatchItemFailures on): receives from one queue, hands the consumer real
 * SQS-shaped batches and deletes what succeeded. A failed message is left alone, so
 * the emulator makes it visible again after the queue's visibility timeout and, after
 * `maxReceiveCount` receives, moves it to the DLQ through the queue's redrive policy.
 *
 * Emulator quirk (toolchain.md): its long poll answers only when MaxNumberOfMessages
 * messages are there or the wait is over, so an idle poller waits for ONE message
 * (answered at once) and then tops the batch up without waiting. A poll in flight is
 * never aborted (an aborted receive still hides its messages), so stop() takes up to
 * the wait time (1 s) plus the running batch.
 */
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type Message,
  type MessageAttributeValue,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSMessageAttributes, SQSRecord, SQSRecordAttributes } from 'aws-lambda';
import type { LocalClock } from './local-clock';
import type { ProvisionedQueue } from './provision';
import type { RuntimeLog } from './runtime-log';
import { describeError } from './runtime-log';

export interface QueuePollerOptions {
  readonly queue: ProvisionedQueue;
  readonly sqs: SQSClient;
  readonly clock: LocalClock;
  readonly invoke: (functionName: string, event: SQSEvent) => Promise<unknown>;
  readonly region: string;
  readonly accountId: string;
  readonly log: RuntimeLog;
  /** Long-poll wait while idle; keep it short (toolchain.md). */
  readonly waitSeconds?: number;
  /**
   * False while the consumer cannot run (its file is not written yet): messages then
   * wait in the queue instead of failing their way into the DLQ. Checked every second.
   */
  readonly consumerReady?: () => boolean;
}

export interface PollerStats {
  readonly batches: number;
  /** The most batches handled at once so far (never above the queue's `maxConcurrency`, default 1). */
  readonly peakConcurrency: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Records handed over again (ApproximateReceiveCount above 1). */
  readonly redelivered: number;
}

export class QueuePoller {
  readonly #options: QueuePollerOptions;
  readonly #arn: string;
  #loop?: Promise<void>;
  #stopping = false;
  #inFlight = 0;
  #stats = { batches: 0, peakConcurrency: 0, succeeded: 0, failed: 0, redelivered: 0 };

  constructor(options: QueuePollerOptions) {
    this.#options = options;
    this.#arn = `arn:aws:sqs:${options.region}:${options.accountId}:${options.queue.name}`;
  }

  get queue(): ProvisionedQueue {
    return this.#options.queue;
  }

  /** True while a received batch is being handled. */
  get processing(): boolean {
    return this.#inFlight > 0;
  }

  get stats(): PollerStats {
    return { ...this.#stats };
  }

  /** As many receive loops as the queue's `maxConcurrency` (the event source's bound in AWS). */
  start(): void {
    const loops = this.#options.queue.decl.maxConcurrency ?? 1;
    this.#loop ??= Promise.all(Array.from({ length: loops }, () => this.#run())).then(() => undefined);
  }

  /** Finishes the poll in flight and the batch being handled, then resolves. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#loop;
  }

  async #run(): Promise<void> {
    let failing = false;
    let waitingForConsumer = false;
    while (!this.#stopping) {
      if (this.#options.consumerReady && !this.#options.consumerReady()) {
        if (!waitingForConsumer) this.#options.log.info(`queue ${this.queue.decl.name}: consumer ${this.queue.decl.consumer} is missing; its messages wait in the queue`);
        waitingForConsumer = true;
        await delay(1_000);
        continue;
      }
      waitingForConsumer = false;
      let messages: Message[];
      try {
        messages = await this.#receive();
        failing = false;
      } catch (error) {
        if (!failing) this.#options.log.error(`queue ${this.queue.decl.name}: receive failed; retrying every second`, error);
        failing = true;
        await delay(1_000);
        continue;
      }
      // Handled even when stopping: received messages would otherwise stay hidden.
      if (messages.length > 0) await this.#handle(messages);
    }
  }

  async #receive(): Promise<Message[]> {
    const { sqs, queue, waitSeconds = 1 } = this.#options;
    const receive = async (max: number, wait: number) =>
      (
        await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queue.url,
            MaxNumberOfMessages: max,
            WaitTimeSeconds: wait,
            // The emulator ignores MessageSystemAttributeNames.
            AttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
        )
      ).Messages ?? [];
    const first = await receive(1, waitSeconds);
    if (first.length === 0 || queue.decl.batchSize === 1 || this.#stopping) return first;
    return [...first, ...(await receive(Math.min(queue.decl.batchSize, 10) - 1, 0))];
  }

  async #handle(messages: Message[]): Promise<void> {
    const { queue, invoke, log, clock } = this.#options;
    const name = queue.decl.name;
    const records = messages.map((message) => this.#record(message, clock.offsetMs));
    const started = Date.now();
    this.#inFlight += 1;
    this.#stats.peakConcurrency = Math.max(this.#stats.peakConcurrency, this.#inFlight);
    this.#stats.batches += 1;
    this.#stats.redelivered += records.filter((record) => Number(record.attributes.ApproximateReceiveCount) > 1).length;
    try {
      let result: unknown;
      try {
        result = await invoke(queue.decl.consumer, { Records: records });
      } catch (error) {
        this.#stats.failed += records.length;
        log.error(
          `queue ${name} → ${queue.decl.consumer} failed the whole batch of ${records.length}; ` +
            `redelivered after ${queue.decl.visibilityTimeoutSeconds} s:\n${describeError(error)}`,
        );
        return;
      }
      const failed = failedMessageIds(result, records);
      if (failed === 'all') {
        this.#stats.failed += records.length;
        log.error(`queue ${name} → ${queue.decl.consumer}: batchItemFailures names an unknown or empty id, so the whole batch counts as failed`);
        return;
      }
      const succeeded = records.filter((record) => !failed.has(record.messageId));
      await this.#delete(succeeded);
      this.#stats.succeeded += succeeded.length;
      this.#stats.failed += failed.size;
      const failedNote = failed.size ? `, ${failed.size} failed (back after ${queue.decl.visibilityTimeoutSeconds} s)` : '';
      log.info(`queue ${name} → ${queue.decl.consumer}: ${succeeded.length} ok${failedNote} (${Date.now() - started} ms)`);
    } finally {
      this.#inFlight -= 1;
    }
  }

  async #delete(records: readonly SQSRecord[]): Promise<void> {
    for (let i = 0; i < records.length; i += 10) {
      const chunk = records.slice(i, i + 10);
      const answer = await this.#options.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.queue.url,
          Entries: chunk.map((record, n) => ({ Id: String(n), ReceiptHandle: record.receiptHandle })),
        }),
      );
      // A handler that outran the visibility timeout loses its receipt handle, as in AWS.
      for (const failure of answer.Failed ?? []) {
        this.#options.log.warn(`queue ${this.queue.decl.name}: could not delete message ${chunk[Number(failure.Id)]?.messageId}: ${failure.Message ?? failure.Code}`);
      }
    }
  }

  #record(message: Message, offsetMs: number): SQSRecord {
    const { region } = this.#options;
    const attributes: Record<string, string> = { ...(message.Attributes ?? {}) };
    // The emulator stamps real time; handlers must see the local clock's time.
    for (const name of ['SentTimestamp', 'ApproximateFirstReceiveTimestamp']) {
      if (attributes[name] !== undefined) attributes[name] = String(Number(attributes[name]) + offsetMs);
    }
    return {
      messageId: message.MessageId!,
      receiptHandle: message.ReceiptHandle!,
      body: message.Body ?? '',
      attributes: attributes as unknown as SQSRecordAttributes,
      messageAttributes: lambdaMessageAttributes(message.MessageAttributes),
      md5OfBody: message.MD5OfBody ?? '',
      ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
      eventSource: 'aws:sqs',
      eventSourceARN: this.#arn,
      awsRegion: region,
    };
  }
}

/**
 * The ids to keep, from a consumer's answer. Lambda reads only `batchItemFailures`;
 * an entry with an empty id or one not in the batch fails the whole batch.
 */
export function failedMessageIds(result: unknown, records: readonly SQSRecord[]): Set<string> | 'all' {
  const failures = (result as { batchItemFailures?: unknown } | null | undefined)?.batchItemFailures;
  if (!Array.isArray(failures)) return new Set();
  const ids = new Set(records.map((record) => record.messageId));
  const failed = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || !ids.has(id)) return 'all';
    failed.add(id);
  }
  return failed;
}

/** SDK shape → the shape Lambda puts in SQS records (binary values base64-encoded). */
function lambdaMessageAttributes(attributes: Record<string, MessageAttributeValue> | undefined): SQSMessageAttributes {
  const result: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(attributes ?? {})) {
    result[name] = {
      ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined ? { binaryValue: Buffer.from(value.BinaryValue).toString('base64') } : {}),
      stringListValues: value.StringListValues ?? [],
      binaryListValues: (value.BinaryListValues ?? []).map((b) => Buffer.from(b).toString('base64')),
      dataType: value.DataType ?? 'String',
    };
  }
  return result;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
