import type { BatchGetCommandInput, BatchGetCommandOutput, DynamoDBDocument, QueryCommandInput, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { SQS } from '@aws-sdk/client-sqs';
import type { SESv2 } from '@aws-sdk/client-sesv2';
import type { S3 } from '@aws-sdk/client-s3';
import type { SecretsManager } from '@aws-sdk/client-secrets-manager';
import type { CognitoIdentityProvider } from '@aws-sdk/client-cognito-identity-provider';
import type { Pluggable } from '@smithy/types';
import { runtimeSettings } from '../config/runtime';
import { backoffMs, retryMiddleware, writeRetry } from './write-retry';

/**
 * One client of each kind per container (style.md 8), made on first use. Endpoints come
 * from the standard AWS_ENDPOINT_URL_<SERVICE> variables, which the local runtime sets.
 *
 * Why lazily, by `require` and not by `import`: loading one SDK package takes several
 * times Node's own start (docs/performance.md "Module init"), and a top-level import
 * loads it in every bundle that reaches this module, whether the function calls the
 * service or not (esbuild keeps the `require` of an external package). A function now
 * loads only the SDK packages of the calls it makes, at its first such call. The clients
 * are the SDK's aggregated ones (`dynamo().put(input)`, `sqs().sendMessage(input)`), so
 * that callers need no command class, whose import would load the package again.
 */
export type Service = 'dynamodb' | 'sqs' | 'ses' | 's3' | 'secretsmanager' | 'cognito-idp';

/** SDK middleware that sees every call of the clients below (the tests' IAM proof, docs/security.md). */
export type AwsCallWatcher = Pluggable<any, any>;

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

interface Stack {
  use(plugin: AwsCallWatcher): void;
  add(middleware: ClientMiddleware, options: { step: 'initialize'; name: string; override: boolean }): void;
}
interface Plugin {
  /** Only the clients of this service; every client when absent. */
  readonly service?: Service;
  apply(stack: Stack): void;
}

const plugins: Plugin[] = [];
const made = new Map<Service, Stack>();

function register(plugin: Plugin): void {
  plugins.push(plugin);
  for (const [service, stack] of made) if (!plugin.service || plugin.service === service) plugin.apply(stack);
}

/** Adds `watcher` to every client, made or still to be made. Nothing calls this in AWS. */
export function watchAwsCalls(watcher: AwsCallWatcher): void {
  register({ apply: (stack) => stack.use(watcher) });
}

/** Adds `middleware` to the client of `service`, made or still to be made (bench/). */
export function addClientMiddleware(service: Service, name: string, middleware: ClientMiddleware): void {
  register({ service, apply: (stack) => stack.add(middleware, { step: 'initialize', name, override: true }) });
}

function watched<C extends { middlewareStack: unknown }>(service: Service, client: C): C {
  const stack = client.middlewareStack as Stack;
  made.set(service, stack);
  for (const plugin of plugins) if (!plugin.service || plugin.service === service) plugin.apply(stack);
  return client;
}

let documentClient: DynamoDBDocument | undefined;
let sqsClient: SQS | undefined;
let sesClient: SESv2 | undefined;
let s3Client: S3 | undefined;
let secretsClient: SecretsManager | undefined;
let cognitoClient: CognitoIdentityProvider | undefined;

export function dynamo(): DynamoDBDocument {
  if (!documentClient) {
    const { DynamoDBClient } = require('@aws-sdk/client-dynamodb') as typeof import('@aws-sdk/client-dynamodb');
    const { DynamoDBDocument } = require('@aws-sdk/lib-dynamodb') as typeof import('@aws-sdk/lib-dynamodb');
    const client = DynamoDBDocument.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
    // Conflicts and throttling retried for every caller (write-retry.ts), outside every other middleware.
    client.middlewareStack.add(retryMiddleware as never, { step: 'initialize', priority: 'high', name: 'conflictRetry' });
    documentClient = watched('dynamodb', client);
  }
  return documentClient;
}

export function sqs(): SQS {
  if (!sqsClient) {
    const { SQS } = require('@aws-sdk/client-sqs') as typeof import('@aws-sdk/client-sqs');
    sqsClient = watched('sqs', new SQS({}));
  }
  return sqsClient;
}

export function ses(): SESv2 {
  if (!sesClient) {
    const { SESv2 } = require('@aws-sdk/client-sesv2') as typeof import('@aws-sdk/client-sesv2');
    sesClient = watched('ses', new SESv2({}));
  }
  return sesClient;
}

export function s3(): S3 {
  if (!s3Client) {
    const { S3 } = require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
    s3Client = watched('s3', new S3({
      forcePathStyle: runtimeSettings().s3ForcePathStyle,
      // Checksums only where S3 requires them: presigned requests and the S3 emulator (toolchain.md).
      requestChecksumCalculation: 'WHEN_REQUIRED',
    }));
  }
  return s3Client;
}

export function secretsManager(): SecretsManager {
  if (!secretsClient) {
    const { SecretsManager } = require('@aws-sdk/client-secrets-manager') as typeof import('@aws-sdk/client-secrets-manager');
    secretsClient = watched('secretsmanager', new SecretsManager({}));
  }
  return secretsClient;
}

/** The staff user pool's API (a Cognito stage's `directory-change`: invitations). */
export function cognito(): CognitoIdentityProvider {
  if (!cognitoClient) {
    const { CognitoIdentityProvider } = require('@aws-sdk/client-cognito-identity-provider') as typeof import('@aws-sdk/client-cognito-identity-provider');
    cognitoClient = watched('cognito-idp', new CognitoIdentityProvider({}));
  }
  return cognitoClient;
}

/** Every item a Query finds, page after page (the SDK's paginator over `dynamo()`). */
export async function queryAll(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
  const { paginateQuery } = require('@aws-sdk/lib-dynamodb') as typeof import('@aws-sdk/lib-dynamodb');
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateQuery({ client: dynamo() }, input)) items.push(...(page.Items ?? []));
  return items;
}

/** One item of a document-client write transaction (plain values, not attribute maps). */
export type TransactionItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The items of `itemKeys` that exist, with only `attributes` (every attribute when none are
 * named): one BatchGetItem per 100 keys. A throttled BatchGetItem answers with the keys it
 * did not read (`UnprocessedKeys`) instead of an error, so the retry middleware never sees
 * it: those keys are asked again after the same jittered backoff (write-retry.ts), never
 * dropped (a handler's load read as 0 would skew routing) and never in a tight loop.
 */
export async function batchGetAll(
  tableName: string,
  itemKeys: readonly Record<string, unknown>[],
  attributes: readonly string[],
  options: { readonly consistent?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  const names = Object.fromEntries(attributes.map((name, i) => [`#p${i}`, name]));
  const projection = attributes.length ? { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names } : {};
  for (let i = 0; i < itemKeys.length; i += 100) {
    let pending: Record<string, unknown>[] = itemKeys.slice(i, i + 100);
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > writeRetry.attempts) throw Object.assign(new Error('BatchGetItem kept leaving keys unprocessed'), { name: 'ProvisionedThroughputExceededException' });
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt - 1)));
      const result: BatchGetCommandOutput = await dynamo().batchGet({
        RequestItems: { [tableName]: { Keys: pending, ...projection, ...(options.consistent ? { ConsistentRead: true } : {}) } },
      });
      found.push(...(result.Responses?.[tableName] ?? []));
      pending = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return found;
}
