import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { S3Client } from '@aws-sdk/client-s3';
import type { Pluggable } from '@smithy/types';
import { runtimeSettings } from '../config/runtime';

// One client of each kind per container (style.md 8). Endpoints come from the
// standard AWS_ENDPOINT_URL_<SERVICE> variables, which the local runtime sets.
let documentClient: DynamoDBDocumentClient | undefined;
let sqsClient: SQSClient | undefined;
let sesClient: SESv2Client | undefined;
let s3Client: S3Client | undefined;

/** SDK middleware that sees every call of the clients below (the tests' IAM proof, docs/security.md). */
export type AwsCallWatcher = Pluggable<any, any>;
const watchers: AwsCallWatcher[] = [];
const clients = (): { use(plugin: AwsCallWatcher): void }[] =>
  [documentClient, sqsClient, sesClient, s3Client].filter((client) => client !== undefined).map((client) => client.middlewareStack);

/** Adds `watcher` to every client, made or still to be made. Nothing calls this in AWS. */
export function watchAwsCalls(watcher: AwsCallWatcher): void {
  watchers.push(watcher);
  for (const stack of clients()) stack.use(watcher);
}

function watched<C extends { middlewareStack: { use(plugin: AwsCallWatcher): void } }>(client: C): C {
  for (const watcher of watchers) client.middlewareStack.use(watcher);
  return client;
}

export function dynamo(): DynamoDBDocumentClient {
  documentClient ??= watched(
    DynamoDBDocumentClient.from(new DynamoDBClient({}), {
      marshallOptions: { removeUndefinedValues: true },
    }),
  );
  return documentClient;
}

export function sqs(): SQSClient {
  sqsClient ??= watched(new SQSClient({}));
  return sqsClient;
}

export function ses(): SESv2Client {
  sesClient ??= watched(new SESv2Client({}));
  return sesClient;
}

export function s3(): S3Client {
  s3Client ??= watched(new S3Client({
    forcePathStyle: runtimeSettings().s3ForcePathStyle,
    // Checksums only where S3 requires them: presigned requests and the S3 emulator (toolchain.md).
    requestChecksumCalculation: 'WHEN_REQUIRED',
  }));
  return s3Client;
}

/** One item of a document-client write transaction (plain values, not attribute maps). */
export type TransactionItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Metering hook (bench/, tests): a middleware on one of the singleton clients, so it sees
 * every call the handlers make. Every DynamoDB call of the repository goes through
 * `dynamo()`, so a middleware that sets `input.ReturnConsumedCapacity = 'INDEXES'` gets
 * the table's and each index's write and read units of every call.
 */
export type ClientMiddleware = (
  next: (args: { input: Record<string, unknown> }) => Promise<{ output: Record<string, unknown> }>,
  context: { commandName?: string },
) => (args: { input: Record<string, unknown> }) => Promise<{ output: Record<string, unknown> }>;

export function addClientMiddleware(service: 'dynamodb' | 'sqs' | 'ses', name: string, middleware: ClientMiddleware): void {
  const client = service === 'dynamodb' ? dynamo() : service === 'sqs' ? sqs() : ses();
  const stack = client.middlewareStack as unknown as { add(m: ClientMiddleware, o: { step: 'initialize'; name: string; override: boolean }): void };
  stack.add(middleware, { step: 'initialize', name, override: true });
}
