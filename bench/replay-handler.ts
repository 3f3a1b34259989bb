/**
 * The cold-start bench's baseline (bench/cold-start.ts): an empty handler that makes the first
 * AWS calls a function's first invocation made, and nothing else. Built like every function
 * (bench/bundles.ts, `@aws-sdk/*` external), so it loads the same SDK packages from the same
 * place, makes the same clients as shared/adapters/aws-clients.ts, and sends the same commands
 * in the same order. The calls come from `COLD_START_CALLS` (recorded in an untimed run of the
 * function); a call that fails (a condition the replayed item no longer meets) still made its
 * round trip, and is counted in the answer.
 */
export interface RecordedCall {
  /** The SDK client's class, as shared/adapters/aws-clients.ts makes it (`DynamoDBDocument`, `SQS`, ...). */
  readonly client: string;
  /** The command's class, or `createPresignedPost` (a signature made without a call). */
  readonly command: string;
  readonly input: Record<string, unknown>;
  /** Started while the call before it was still in flight: replayed beside it. */
  readonly withPrevious?: boolean;
}

export interface CallScript {
  /** The `@aws-sdk/*` packages the function had loaded after its first call. */
  readonly packages: readonly string[];
  readonly calls: readonly RecordedCall[];
}

const clientPackages: Record<string, string> = {
  DynamoDBDocument: '@aws-sdk/lib-dynamodb',
  SQS: '@aws-sdk/client-sqs',
  S3: '@aws-sdk/client-s3',
  SecretsManager: '@aws-sdk/client-secrets-manager',
  SESv2: '@aws-sdk/client-sesv2',
};

type Sender = { send(command: unknown): Promise<unknown> };

function makeClient(name: string): Sender {
  switch (name) {
    case 'DynamoDBDocument': {
      const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
      const { DynamoDBDocument } = require('@aws-sdk/lib-dynamodb');
      return DynamoDBDocument.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
    }
    case 'S3': {
      const { S3 } = require('@aws-sdk/client-s3');
      return new S3({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true', requestChecksumCalculation: 'WHEN_REQUIRED' });
    }
    default: {
      const pkg = clientPackages[name];
      if (!pkg) throw new Error(`No client ${name} to replay`);
      return new (require(pkg)[name])({});
    }
  }
}

export const handler = async (): Promise<{ statusCode: number; body: string }> => {
  const script = JSON.parse(process.env.COLD_START_CALLS ?? '{"packages":[],"calls":[]}') as CallScript;
  for (const pkg of script.packages) require(pkg);
  const clients = new Map<string, Sender>();
  const client = (name: string): Sender => clients.get(name) ?? clients.set(name, makeClient(name)).get(name)!;
  let failed = 0;
  const replay = async (call: RecordedCall): Promise<void> => {
    try {
      if (call.command === 'createPresignedPost') await require('@aws-sdk/s3-presigned-post').createPresignedPost(client(call.client), call.input);
      else await client(call.client).send(new (require(clientPackages[call.client]!)[call.command])(call.input));
    } catch {
      failed++;
    }
  };
  // Calls made one after the other are replayed so; calls the function overlapped, together.
  const waves: RecordedCall[][] = [];
  for (const call of script.calls) {
    if (call.withPrevious && waves.length > 0) waves.at(-1)!.push(call);
    else waves.push([call]);
  }
  for (const wave of waves) await Promise.all(wave.map(replay));
  return { statusCode: 200, body: JSON.stringify({ calls: script.calls.length, failed }) };
};
