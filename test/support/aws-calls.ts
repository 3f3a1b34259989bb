/**
 * Records every AWS call a handler makes, by the function that made it: the evidence of
 * the IAM proof (docs/security.md). An SDK middleware on the singleton clients of
 * shared/adapters/aws-clients.ts reads the running function from
 * shared/adapters/invocation.ts; calls made outside a handler (a test reading the table)
 * are not the code's and are not recorded.
 *
 * Each call becomes what IAM authorises: one access per item for batches and
 * transactions (DynamoDB checks PutItem, UpdateItem… per item of a TransactWriteItems),
 * resources by logical name (the table, an index, a topology queue), and keys by prefix
 * (`CASE#TS-20261129-0001` → `CASE`), which is what the policies can scope.
 */
import { appendFileSync } from 'node:fs';
import { watchAwsCalls } from '../../shared/adapters/aws-clients';
import { runningFunction } from '../../shared/adapters/invocation';
import { deadLetterQueueName, topology } from '../../shared/topology';

/** One resource one call touched, as IAM sees it. */
export interface AwsAccess {
  /** The IAM action: `dynamodb:UpdateItem`, `sqs:SendMessage`, `ses:SendEmail`. */
  readonly action: string;
  /** DynamoDB: the one table of the topology. */
  readonly table?: 'table';
  readonly index?: string;
  /** Partition key up to its first `#`: `CASE`, `RATE`, `SEQUENCE` (what `dynamodb:LeadingKeys` sees). */
  readonly keyPrefix?: string;
  /** Sort key up to its first `#`: `CASE`, `PII`, `HISTORY`, `NOTICE`, `OUTBOX`. */
  readonly sortPrefix?: string;
  /** SQS: the topology queue name (or its dead-letter queue's). */
  readonly queue?: string;
  /** Cognito: the stage's staff user pool. */
  readonly userPool?: 'staff';
  /** SES: the sender address (`ses:FromAddress`). */
  readonly from?: string;
  /** SES: the configuration set a mail names (IAM authorises it as a second resource). */
  readonly configurationSet?: string;
  /** S3: the topology's evidence bucket. */
  readonly bucket?: 'evidence';
  /** S3: the object key up to and including its first `/`: `quarantine/`, `evidence/`. */
  readonly objectPrefix?: string;
  /** Secrets Manager: the secret's name as the call gives it (`SecretId`; the SMTP stages' mail secret). */
  readonly secret?: string;
}

export interface AwsCall {
  /** Topology function name. */
  readonly function: string;
  /** SDK command without `Command`: `TransactWriteItems`. */
  readonly command: string;
  readonly accesses: readonly AwsAccess[];
}

type Input = Record<string, unknown>;
type Next = (args: { input: Input }) => Promise<unknown>;
type Stack = { add(middleware: (next: Next, context: { clientName?: string; commandName?: string }) => Next, options: object): void };

const services: Record<string, string> = {
  DynamoDBClient: 'dynamodb',
  SQSClient: 'sqs',
  SESv2Client: 'ses',
  S3Client: 's3',
  SecretsManagerClient: 'secretsmanager',
  CognitoIdentityProviderClient: 'cognito-idp',
};
const calls: AwsCall[] = [];
let recording: { file?: string; seen: Set<string> } | undefined;

/**
 * Starts recording in this process (once; later calls may add the file). Returns the
 * process's calls so far and from now on; with `file`, each distinct call is also
 * appended to it as a JSON line (test/support/global-setup.ts collects them).
 */
export function recordAwsCalls(options: { file?: string } = {}): readonly AwsCall[] {
  if (recording) {
    recording.file ??= options.file;
    return calls;
  }
  recording = { file: options.file, seen: new Set() };
  watchAwsCalls({
    applyToStack: (stack) =>
      (stack as Stack).add(
        (next, context) => async (args) => {
          const fn = runningFunction();
          if (fn) record({ function: fn, ...describeCall(services[context.clientName ?? ''] ?? context.clientName ?? 'unknown', (context.commandName ?? '').replace(/Command$/, ''), args.input) });
          return next(args);
        },
        // Before serialising: the input is still an object.
        { step: 'serialize', name: 'recordAwsCalls', priority: 'high' },
      ),
  });
  return calls;
}

/**
 * A request signed with the function's credentials but sent by someone else (the
 * browser's POST of a presigned form): S3 authorises it as the function's own call.
 */
export function recordSignedRequest(fn: string, service: string, command: string, input: Input): void {
  record({ function: fn, ...describeCall(service, command, input) });
}

function record(call: AwsCall): void {
  calls.push(call);
  const line = JSON.stringify(call);
  if (recording!.file && !recording!.seen.has(line)) {
    recording!.seen.add(line);
    appendFileSync(recording!.file, line + '\n');
  }
}

/** The IAM view of one SDK call (exported for its unit test). */
export function describeCall(service: string, command: string, input: Input): Omit<AwsCall, 'function'> {
  if (service === 'dynamodb') return { command, accesses: dynamodbAccesses(command, input) };
  if (service === 'sqs') {
    // A batch is authorised as its single action.
    const action = `sqs:${command.replace(/Batch$/, '')}`;
    return { command, accesses: [{ action, ...(typeof input.QueueUrl === 'string' ? { queue: queueOf(input.QueueUrl) } : {}) }] };
  }
  if (service === 'ses') {
    const identity = { action: `ses:${command}`, ...(typeof input.FromEmailAddress === 'string' ? { from: input.FromEmailAddress } : {}) };
    const configurationSet = typeof input.ConfigurationSetName === 'string' ? [{ ...identity, configurationSet: input.ConfigurationSetName }] : [];
    return { command, accesses: [identity, ...configurationSet] };
  }
  if (service === 's3') return { command, accesses: s3Accesses(command, input) };
  // The stage has one user pool: its own (the function's env names it), whatever id the call carries.
  if (service === 'cognito-idp') return { command, accesses: [{ action: `cognito-idp:${command}`, userPool: 'staff' }] };
  if (service === 'secretsmanager' && typeof input.SecretId === 'string') return { command, accesses: [{ action: `secretsmanager:${command}`, secret: input.SecretId }] };
  return { command, accesses: [{ action: `${service}:${command}` }] };
}

/** S3 authorises a HEAD as GetObject, a copy as GetObject of the source and PutObject of the copy. */
function s3Accesses(command: string, input: Input): AwsAccess[] {
  const object = (action: string, key: unknown): AwsAccess => ({ action: `s3:${action}`, bucket: 'evidence', objectPrefix: `${String(key).split('/')[0]}/` });
  switch (command) {
    case 'HeadObject':
    case 'GetObject':
      return [object('GetObject', input.Key)];
    case 'CopyObject':
      return [object('GetObject', String(input.CopySource).split('/').slice(1).join('/')), object('PutObject', input.Key)];
    case 'DeleteObjects':
      return ((input.Delete as { Objects: { Key: string }[] }).Objects ?? []).map((o) => object('DeleteObject', o.Key));
    case 'PutObject':
    case 'DeleteObject':
      return [object(command, input.Key)];
    case 'ListObjectsV2':
      return [{ action: 's3:ListBucket', bucket: 'evidence' }];
    default:
      return [{ action: `s3:${command}`, bucket: 'evidence' }];
  }
}

const transactionActions: Record<string, string> = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem', Get: 'GetItem' };

function dynamodbAccesses(command: string, input: Input): AwsAccess[] {
  const item = (action: string, key: unknown): AwsAccess => ({ action: `dynamodb:${action}`, table: 'table', ...keyPrefixes(key) });
  switch (command) {
    case 'TransactWriteItems':
    case 'TransactGetItems':
      return (input.TransactItems as Input[]).map((entry) => {
        const [kind, body] = Object.entries(entry)[0] as [string, Input];
        return item(transactionActions[kind] ?? kind, body.Key ?? body.Item);
      });
    case 'BatchWriteItem':
      return Object.values(input.RequestItems as Record<string, Input[]>).flatMap((requests) =>
        requests.map((request) => item(command, (request.PutRequest as Input | undefined)?.Item ?? (request.DeleteRequest as Input | undefined)?.Key)),
      );
    case 'BatchGetItem':
      return Object.values(input.RequestItems as Record<string, { Keys: unknown[] }>).flatMap((request) => request.Keys.map((key) => item(command, key)));
    case 'Query':
      return [{ action: 'dynamodb:Query', table: 'table', ...indexOf(input), ...queryKeyPrefix(input) }];
    default:
      return [{ ...item(command, input.Key ?? input.Item), ...indexOf(input) }];
  }
}

const indexOf = (input: Input) => (typeof input.IndexName === 'string' ? { index: input.IndexName } : {});

/** A string attribute, plain (document client) or marshalled (`{ S: … }`). */
const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof (value as { S?: unknown })?.S === 'string' ? (value as { S: string }).S : undefined;
const prefix = (value: string | undefined): string | undefined => value?.split('#')[0];

function keyPrefixes(key: unknown): Pick<AwsAccess, 'keyPrefix' | 'sortPrefix'> {
  if (!key || typeof key !== 'object') return {};
  const { partitionKey, sortKey } = topology.table;
  const pk = prefix(text((key as Input)[partitionKey]));
  const sk = prefix(text((key as Input)[sortKey]));
  return { ...(pk === undefined ? {} : { keyPrefix: pk }), ...(sk === undefined ? {} : { sortPrefix: sk }) };
}

/** The partition key value of a Query: `<partition key> = :value` in its key condition. */
function queryKeyPrefix(input: Input): Pick<AwsAccess, 'keyPrefix'> {
  const index = topology.table.indexes.find((i) => i.name === input.IndexName);
  const partitionKey = index?.partitionKey ?? topology.table.partitionKey;
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
  for (const [, name, placeholder] of String(input.KeyConditionExpression ?? '').matchAll(/([#\w]+)\s*=\s*(:\w+)/g)) {
    if ((names[name!] ?? name) === partitionKey) {
      const pk = prefix(text(values[placeholder!]));
      return pk === undefined ? {} : { keyPrefix: pk };
    }
  }
  return {};
}

/**
 * The topology queue a URL names: its last path segment ends with the queue's name
 * (`complaints-local-review`, the handler tests' `wt-1a2b3c4d-review`), the longest match
 * winning so that `review-dlq` is not `review`.
 */
function queueOf(url: string): string {
  const name = url.split('/').pop() ?? url;
  const candidates = topology.queues.flatMap((q) => [q.name, deadLetterQueueName(q.name)]).sort((a, b) => b.length - a.length);
  return candidates.find((candidate) => name === candidate || name.endsWith(`-${candidate}`)) ?? `unknown queue ${name}`;
}
