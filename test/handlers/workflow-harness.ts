/**
 * Handler tests of the workflow steps on the real emulators of the shared local system,
 * but on a table and queues of their own: nothing of the running system polls them, so
 * a test decides when each message is delivered, with which event time, and how often
 * (redelivery), and can make a hand-off fail on purpose (fault injected).
 */
import type { StageConfig } from '../../shared/config/stage-config';
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { dynamo } from '../../shared/adapters/aws-clients';
import { keys } from '../../shared/adapters/keys';
import { queueUrlVariable, resetRuntimeSettings, runtimeSettings } from '../../shared/config/runtime';
import { topology } from '../../shared/topology';
import { provisionQueues, provisionTable } from '../../local/provision';
import { lambdaContext } from '../support/events';
import { useLocalSystemEnv } from '../support/system';
import { registerSubmission } from '../../shared/workflow/register-submission';
import { complaintRequestSchema } from '../../shared/schemas/complaint-request';
import type { Channel } from '../../shared/domain/status';
import * as z from 'zod/mini';
import { handler as reviewCase } from '../../functions/review-case';
import { handler as classifyCase } from '../../functions/classify-case';
import { handler as assignCase } from '../../functions/assign-case';
import { handler as sendNotice } from '../../functions/send-notice';
import { handler as escalateCase } from '../../functions/escalate-case';
import { handler as directoryChange } from '../../functions/directory-change';

type QueueHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export const consumers: Record<string, QueueHandler> = {
  review: reviewCase as unknown as QueueHandler,
  classify: classifyCase as unknown as QueueHandler,
  assign: assignCase as unknown as QueueHandler,
  notify: sendNotice as unknown as QueueHandler,
  escalate: escalateCase as unknown as QueueHandler,
  'directory-changes': directoryChange as unknown as QueueHandler,
};

export interface Isolated {
  readonly tableName: string;
  readonly queueUrls: Record<string, string>;
  readonly dlqUrls: Record<string, string>;
}

const region = () => process.env.AWS_REGION ?? 'us-east-1';

/**
 * A fresh table and fresh queues (with DLQs) in the shared emulators; this worker's handlers
 * use them. `prefixes` give this file's case numbers their own letters, so mails in the
 * shared SES outbox never mix with another file's cases of the same number.
 */
export async function isolatedWorkflow(
  prefixes: { complaint: string; report: string },
  /** A change of the stage config for this file's in-process handlers only. */
  configured: (config: StageConfig) => StageConfig = (config) => config,
): Promise<Isolated> {
  useLocalSystemEnv();
  process.env.STAGE_CONFIG = JSON.stringify(configured({ ...(JSON.parse(process.env.STAGE_CONFIG!) as StageConfig), caseNumberPrefix: prefixes }));
  const id = randomUUID().slice(0, 8);
  const tableName = `workflow-test-${id}`;
  const ddb = new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB, region: region() });
  const sqsClient = new SQSClient({ endpoint: process.env.AWS_ENDPOINT_URL_SQS, region: region() });
  await provisionTable(ddb, tableName, topology.table);
  const queues = await provisionQueues(sqsClient, topology.queues, `wt-${id}-`);
  ddb.destroy();
  sqsClient.destroy();
  process.env.TABLE_NAME = tableName;
  const queueUrls: Record<string, string> = {};
  const dlqUrls: Record<string, string> = {};
  for (const q of queues) {
    process.env[queueUrlVariable(q.decl.name)] = q.url;
    queueUrls[q.decl.name] = q.url;
    dlqUrls[q.decl.name] = q.dlqUrl;
  }
  resetRuntimeSettings();
  return { tableName, queueUrls, dlqUrls };
}

let sqsClient: SQSClient | undefined;
const client = () => (sqsClient ??= new SQSClient({ endpoint: process.env.AWS_ENDPOINT_URL_SQS, region: region() }));

/** Takes up to 10 messages off a queue now (they stay invisible for `visibility` seconds). */
export async function receive(url: string, visibility = 30): Promise<Message[]> {
  const result = await client().send(
    new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, AttributeNames: ['All'], VisibilityTimeout: visibility }),
  );
  return result.Messages ?? [];
}

/** The Lambda-shaped record of a received message, its business time set to `sentAt` (the local clock's job). */
export function toRecord(queue: string, message: Message, sentAt?: Date, receiveCount?: number): SQSRecord {
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body!,
    attributes: {
      ApproximateReceiveCount: String(receiveCount ?? message.Attributes?.ApproximateReceiveCount ?? 1),
      SentTimestamp: String(sentAt?.getTime() ?? message.Attributes?.SentTimestamp ?? Date.now()),
      SenderId: '000000000000',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:${region()}:000000000000:${queue}`,
    awsRegion: region(),
  };
}

export async function invoke(queue: string, records: SQSRecord[]): Promise<SQSBatchResponse> {
  return (await consumers[queue]!({ Records: records }, lambdaContext(`${queue}-consumer`))) ?? { batchItemFailures: [] };
}

/**
 * Delivers what is on `queue` to its consumer, as the Lambda poller does: deletes the
 * records that succeeded, leaves the failed ones for redelivery. Returns the bodies handled.
 */
export async function deliver(queue: string, sentAt?: Date): Promise<{ bodies: unknown[]; failed: number }> {
  const url = runtimeSettings().queueUrls[queue as keyof ReturnType<typeof runtimeSettings>['queueUrls']];
  const bodies: unknown[] = [];
  let failed = 0;
  for (;;) {
    const messages = await receive(url);
    if (messages.length === 0) return { bodies, failed };
    const records = messages.map((m) => toRecord(queue, m, sentAt));
    const response = await invoke(queue, records);
    const failures = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
    failed += failures.size;
    for (const m of messages) {
      if (failures.has(m.MessageId!)) continue;
      bodies.push(JSON.parse(m.Body!));
      await client().send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle! }));
    }
    if (failures.size === messages.length) return { bodies, failed };
  }
}

const stepQueues = ['review', 'classify', 'assign', 'notify', 'escalate'];

/** Runs every step queue until all are empty: the workflow after a submission, at `sentAt`. */
export async function settle(sentAt?: Date): Promise<number> {
  let handled = 0;
  for (let round = 0; round < 20; round++) {
    let thisRound = 0;
    for (const queue of stepQueues) thisRound += (await deliver(queue, sentAt)).bodies.length;
    handled += thisRound;
    if (thisRound === 0) return handled;
  }
  throw new Error('The workflow did not settle in 20 rounds');
}

/** Registers a submission as POST /complaints does (validated body), at `receivedAt`, by the form unless told otherwise. */
export async function submit(body: Record<string, unknown>, receivedAt: Date, channel: Channel = 'web'): Promise<string> {
  const settings = runtimeSettings();
  const parsed = z.parse(complaintRequestSchema(settings.config.categories), body);
  const { caseNumber } = await registerSubmission(settings, parsed, receivedAt, `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID()}`, channel);
  return caseNumber;
}

export async function caseItem(caseNumber: string): Promise<Record<string, unknown>> {
  const result = await dynamo().send(new GetCommand({ TableName: runtimeSettings().tableName, Key: keys.case(caseNumber), ConsistentRead: true }));
  return result.Item!;
}

/** Every item of the case's partition (notices, outbox entries, history). */
export async function partition(caseNumber: string): Promise<Record<string, unknown>[]> {
  const result = await dynamo().send(
    new QueryCommand({
      TableName: runtimeSettings().tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.case(caseNumber).pk },
      ConsistentRead: true,
    }),
  );
  return result.Items ?? [];
}

export const noticesOf = async (caseNumber: string) => (await partition(caseNumber)).filter((i) => String(i.sk).startsWith('NOTICE#'));
/** The case's hand-offs not yet confirmed by their consumer, on whichever item carries them (state, notice or outbox item). */
export const outboxOf = async (caseNumber: string) =>
  (await partition(caseNumber)).filter((i) => i.handoffQueue !== undefined).map((i) => ({ queue: i.handoffQueue, id: i.handoffId, attempts: i.handoffAttempts }));
