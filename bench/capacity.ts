/**
 * The emulators' raw capacity for the calls a case needs: the mix the e2e run counted
 * (calls per case by service and command, their request sizes, batch and transaction
 * sizes, items a read returns, the pollers' receive/delete per batch) replayed as fast
 * as the emulators take it, straight from an SDK client: no gateway, no handlers, no
 * pollers. "Cases per second" here is the ceiling the local runtime could reach if its
 * own work cost nothing; the e2e rate is then printed as a share of it.
 *
 * Synthetic items carry no index keys (a rough spot: the handlers' writes also update
 * gsi1), and writes carry no conditions.
 */
import { randomUUID } from 'node:crypto';
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { Meter } from './meter';
import { round } from './stats';

export interface MixEntry {
  readonly perCase: number;
  /** Mean request size in bytes (JSON of the input). */
  readonly bytes: number;
  /** Mean items per transaction/batch, entries per SQS batch. */
  readonly batch: number;
  /** Mean items a read returned. */
  readonly items: number;
}

/** service → command → mix; `poller` → `ReceiveMessage+DeleteMessageBatch` per batch handed to a consumer. */
export type CallMix = Record<string, Record<string, MixEntry>>;

export function callMix(sdk: Meter['sdk'], pollerBatches: number, cases: number): CallMix {
  const mix: CallMix = {};
  for (const [service, commands] of Object.entries(sdk)) {
    for (const [command, c] of Object.entries(commands)) {
      if (c.calls === 0) continue;
      (mix[service] ??= {})[command] = { perCase: c.calls / cases, bytes: c.requestBytes / c.calls, batch: c.batchItems / c.calls, items: c.items / c.calls };
    }
  }
  mix.poller = { 'ReceiveMessage+DeleteMessageBatch': { perCase: pollerBatches / cases, bytes: 0, batch: 0, items: 0 } };
  return mix;
}

export interface CapacityResult {
  /** callsPerSecond ÷ callsPerCase: cases' worth of calls per second. */
  readonly casesPerSecond: number;
  readonly callsPerSecond: number;
  /** Calls a case makes (a poller receive + delete counts as one). */
  readonly callsPerCase: number;
  /** Calls that succeeded in the probe. */
  readonly calls: number;
  readonly seconds: number;
  readonly concurrency: number;
  readonly errors: number;
  /** Commands of the mix the probe has no synthetic call for (left out). */
  readonly skipped: string[];
}

export interface Endpoints {
  readonly dynamodb: string;
  readonly sqs: string;
  readonly ses: string;
}

type Call = () => Promise<unknown>;

export async function measureCapacity(endpoints: Endpoints, tableName: string, mix: CallMix, options: { seconds: number; concurrency: number }): Promise<CapacityResult> {
  const common = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  const dynamodb = new DynamoDBClient({ ...common, endpoint: endpoints.dynamodb });
  const sqs = new SQSClient({ ...common, endpoint: endpoints.sqs });
  const ses = new SESv2Client({ ...common, endpoint: endpoints.ses });
  try {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `bench-capacity-${Date.now()}` }));
    const pad = (bytes: number) => 'x'.repeat(Math.max(1, Math.round(bytes) - 120));
    const key = (pk: string, sk = 'RAW'): Record<string, AttributeValue> => ({ pk: { S: pk }, sk: { S: sk } });
    const fresh = () => `BENCH-RAW#${randomUUID()}`;
    // Reads hit a pool of items of the size the case's writes have.
    const poolSize = 50;
    const writeBytes = mix.dynamodb?.PutItem?.bytes ?? mix.dynamodb?.TransactWriteItems?.bytes ?? 1000;
    const queryItems = Math.max(1, Math.round(mix.dynamodb?.Query?.items ?? 1));
    for (let p = 0; p < poolSize; p++) {
      for (let s = 0; s < queryItems; s++) await dynamodb.send(new PutItemCommand({ TableName: tableName, Item: { ...key(`BENCH-POOL#${p}`, `S#${s}`), data: { S: pad(writeBytes) } } }));
    }
    const poolKey = () => key(`BENCH-POOL#${Math.floor(Math.random() * poolSize)}`, 'S#0');
    const n = (x: number) => Math.max(1, Math.round(x));

    const synthetic: Record<string, Record<string, (m: MixEntry) => Call>> = {
      dynamodb: {
        PutItem: (m) => () => dynamodb.send(new PutItemCommand({ TableName: tableName, Item: { ...key(fresh()), data: { S: pad(m.bytes) } } })),
        UpdateItem: (m) => () =>
          dynamodb.send(new UpdateItemCommand({ TableName: tableName, Key: key(fresh()), UpdateExpression: 'SET #d = :d', ExpressionAttributeNames: { '#d': 'data' }, ExpressionAttributeValues: { ':d': { S: pad(m.bytes) } } })),
        DeleteItem: () => () => dynamodb.send(new DeleteItemCommand({ TableName: tableName, Key: key(fresh()) })),
        TransactWriteItems: (m) => () =>
          dynamodb.send(new TransactWriteItemsCommand({ TransactItems: Array.from({ length: n(m.batch) }, () => ({ Put: { TableName: tableName, Item: { ...key(fresh()), data: { S: pad(m.bytes / n(m.batch)) } } } })) })),
        BatchWriteItem: (m) => () =>
          dynamodb.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: Array.from({ length: Math.min(25, n(m.batch)) }, () => ({ PutRequest: { Item: { ...key(fresh()), data: { S: pad(m.bytes / n(m.batch)) } } } })) } })),
        GetItem: () => () => dynamodb.send(new GetItemCommand({ TableName: tableName, Key: poolKey() })),
        Query: () => () =>
          dynamodb.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': poolKey().pk! } })),
        BatchGetItem: (m) => () =>
          dynamodb.send(new BatchGetItemCommand({ RequestItems: { [tableName]: { Keys: distinctPoolKeys(Math.min(poolSize, n(m.batch)), poolSize, key) } } })),
        TransactGetItems: (m) => () =>
          dynamodb.send(new TransactGetItemsCommand({ TransactItems: distinctPoolKeys(Math.min(poolSize, n(m.batch)), poolSize, key).map((Key) => ({ Get: { TableName: tableName, Key } })) })),
      },
      sqs: {
        SendMessage: (m) => () => sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: pad(m.bytes) })),
        SendMessageBatch: (m) => () =>
          sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: Array.from({ length: Math.min(10, n(m.batch)) }, (_, i) => ({ Id: String(i), MessageBody: pad(m.bytes / n(m.batch)) })) })),
      },
      ses: {
        SendEmail: (m) => () =>
          ses.send(
            new SendEmailCommand({
              FromEmailAddress: 'bench@example.org',
              Destination: { ToAddresses: ['capacity@example.org'] },
              Content: { Simple: { Subject: { Data: 'capacity probe' }, Body: { Text: { Data: pad(m.bytes) } } } },
            }),
          ),
      },
      poller: {
        'ReceiveMessage+DeleteMessageBatch': () => async () => {
          const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
          if (Messages.length) await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
        },
      },
    };
    const plan: { perCase: number; call: Call }[] = [];
    const skipped: string[] = [];
    for (const [service, commands] of Object.entries(mix)) {
      for (const [command, m] of Object.entries(commands)) {
        const make = synthetic[service]?.[command];
        if (make) plan.push({ perCase: m.perCase, call: make(m) });
        else skipped.push(`${service} ${command}`);
      }
    }

    // Case i makes floor((i+1)·r) − floor(i·r) calls of a command made r times per case: exact over many cases.
    // Counted in calls, stopped at the deadline even mid-case; cases/s = calls/s ÷ calls per case.
    const callsPerCase = plan.reduce((n, p) => n + p.perCase, 0);
    let next = 0;
    let calls = 0;
    let errors = 0;
    const started = performance.now();
    const deadline = started + options.seconds * 1000;
    const worker = async () => {
      while (performance.now() < deadline) {
        const i = next++;
        for (const { perCase, call } of plan) {
          const times = Math.floor((i + 1) * perCase) - Math.floor(i * perCase);
          for (let t = 0; t < times && performance.now() < deadline; t++) {
            await call().then(
              () => (calls += 1),
              () => (errors += 1),
            );
          }
        }
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;
    return {
      casesPerSecond: round(calls / seconds / callsPerCase),
      callsPerSecond: round(calls / seconds),
      callsPerCase: round(callsPerCase),
      calls,
      seconds: round(seconds),
      concurrency: options.concurrency,
      errors,
      skipped,
    };
  } finally {
    dynamodb.destroy();
    sqs.destroy();
    ses.destroy();
  }
}

function distinctPoolKeys(count: number, poolSize: number, key: (pk: string, sk?: string) => Record<string, AttributeValue>) {
  const start = Math.floor(Math.random() * poolSize);
  return Array.from({ length: count }, (_, i) => key(`BENCH-POOL#${(start + i) % poolSize}`, 'S#0'));
}
