/**
 * The whole system on this machine, in this process: the emulators, the table and
 * queues of the topology, the handlers' environment, the HTTP gateway, one poller per
 * queue, the schedules, the clock and the control endpoint. `npm start` and the test
 * harness both start it through `startLocalSystem`; tests pass port 0 everywhere.
 *
 * Handlers run in this process and read their settings once from `process.env`
 * (shared/config/runtime.ts), with SDK clients pointed at the emulators by the
 * standard AWS_ENDPOINT_URL_<SERVICE> variables: so one system per process.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { topology as declaredTopology } from '../shared/topology';
import { loadStageConfig } from '../shared/config/load-stage-config';
import { hashSecretFileVariable, mailConfigurationSetVariable, mailSecretFileVariable, queueUrlVariable, resetRuntimeSettings, staffUserPoolVariable } from '../shared/config/runtime';
import { ensureLocalHashSecret } from '../shared/adapters/keyed-hash';
import type { StageConfig } from '../shared/config/stage-config';
import { startEmulators, emulatorHost, type EmulatorEndpoints, type RunningEmulators } from './emulators';
import { DynamoFaultInjector, FaultInjector, type DynamoFaultOptions, type FaultOptions } from './fault-injection';
import { addClientMiddleware } from '../shared/adapters/aws-clients';
import { FunctionRunner } from './function-runner';
import { startHttpGateway, type HttpGateway } from './http-gateway';
import { LocalClock } from './local-clock';
import type { LocalFunction, LocalRoute, LocalTopology } from './local-topology';
import { assertPortFree } from './ports';
import { provisionBucket, provisionQueues, provisionTable, type ProvisionedQueue, type StaffPool } from './provision';
import type { StaffAuthorizer } from './staff-authorizer';
import { startStaffIdentity } from './staff-identity';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { QueuePoller, type PollerStats } from './queue-poller';
import { evidenceBucketFor, localAccountId, localRegion, mailConfigurationSetFor, queuePrefix, tableNameFor } from './resource-names';
import { consoleLog, quietLog, type RuntimeLog } from './runtime-log';
import { Scheduler, type ScheduleRun } from './scheduler';
import { startControlServer, controlHost, type ControlServer } from './control-server';

/** The emulators take any credentials; the SDK only needs some. */
const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface LocalSystemPorts {
  /** Each: a port number, or 0 (the default) for any free port. */
  readonly gateway?: number;
  readonly dynamodb?: number;
  readonly sqs?: number;
  readonly ses?: number;
  readonly cognito?: number;
  /** The local OpenID provider of an `oidc` stage (its issuer names the port). */
  readonly oidc?: number;
  readonly s3?: number;
  /** The SMTP capture server's mail port (a stage whose mail goes through SMTP). */
  readonly smtp?: number;
  /** false = no control endpoint. */
  readonly control?: number | false;
}

export interface LocalSystemOptions {
  readonly stage?: string;
  readonly ports?: LocalSystemPorts;
  /** Interface the gateway listens on (default 127.0.0.1; 0.0.0.0 opens it to the LAN). */
  readonly gatewayHost?: string;
  /** DynamoDB Local keeps its data here across runs; absent = in memory. */
  readonly dataDir?: string;
  /** cognito-local keeps the staff pool here across runs (its ids, so tokens, survive a restart); absent = temporary. */
  readonly cognitoDataDir?: string;
  /** The local OpenID provider (an `oidc` stage) keeps its accounts and key here; absent = temporary. */
  readonly oidcDataDir?: string;
  /** The S3 emulator keeps evidence files here across runs; absent = a temporary directory. */
  readonly s3DataDir?: string;
  /** The keyed hashes' secret, made on first start and kept (`npm start`: .local/hash-secret); absent = a temporary file. */
  readonly hashSecretFile?: string;
  /** Default: shared/topology.ts. Tests pass a topology of fixture functions. */
  readonly topology?: LocalTopology;
  /** Default: <repo>/functions. */
  readonly functionsDir?: string;
  /** Default: the stage's config file, with publicBaseUrl pointed at this gateway. */
  readonly stageConfig?: StageConfig;
  /** Default: the console; `quiet` keeps info lines out. */
  readonly log?: RuntimeLog;
  readonly quiet?: boolean;
  /** One log line per HTTP request (npm start). */
  readonly accessLog?: boolean;
  /** false = schedules only run when asked (`runSchedule`); default true. */
  readonly scheduleTimers?: boolean;
  /** false = no queue pollers; default true. */
  readonly pollers?: boolean;
  readonly pollWaitSeconds?: number;
  readonly jvm?: 'default' | 'fast-start';
  /** Extra variables for the handlers' environment. */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Faults injected ON PURPOSE (local/fault-injection.ts): a share of the queue
   * consumers' and scheduled functions' invocations fail, before or after their handler.
   * Off by default; `npm start` never turns it on. For the soak run and its tests.
   */
  readonly faults?: FaultOptions;
  /**
   * DynamoDB faults injected ON PURPOSE into the handlers' client (local/fault-injection.ts
   * `DynamoFaultInjector`): conflicts and throttling that DynamoDB Local never makes.
   */
  readonly dynamoFaults?: DynamoFaultOptions;
  /**
   * Routes served by this local gateway only, each with its own function module
   * (the bench's bare baseline): never in shared/topology.ts, so never deployed.
   */
  readonly localOnlyRoutes?: readonly LocalOnlyRoute[];
  /** Advice appended to a "port in use" error. */
  readonly portFix?: (service: 'gateway' | 'control' | 'dynamodb' | 'sqs' | 'ses' | 's3' | 'cognito' | 'smtp', port: number) => string;
}

export interface LocalOnlyRoute {
  readonly route: LocalRoute;
  readonly function: LocalFunction;
  /** Absolute path of the module exporting `handler`. */
  readonly moduleFile: string;
}

export interface LocalSystemUrls {
  /** Base URL of the HTTP API, e.g. http://localhost:3000 */
  readonly gateway: string;
  /** The mail outbox, SES emulator or SMTP capture server: web UI, GET /store, POST /clear-store. */
  readonly ses: string;
  /** The SMTP capture server's mail address (`smtp://127.0.0.1:PORT`), on a stage whose mail goes through SMTP. */
  readonly smtp?: string;
  /** S3 emulator (evidence files). */
  readonly s3: string;
  readonly dynamodb: string;
  readonly sqs: string;
  /** cognito-local (the staff user pool's emulator), on a stage whose staff sign in with Cognito. */
  readonly cognito?: string;
  readonly control?: string;
}

export interface QueueInfo {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
  readonly consumer: string;
  readonly dlqName: string;
  readonly dlqUrl: string;
  readonly dlqArn: string;
}

export interface LocalSystem {
  readonly stage: string;
  readonly urls: LocalSystemUrls;
  readonly tableName: string;
  /** The staff identity provider (cognito-local, or the local OpenID provider), seeded from the stage config's staff. */
  readonly staffPool: StaffPool;
  /** By topology queue name. */
  readonly queues: Readonly<Record<string, QueueInfo>>;
  /** The variables every handler gets (also set on process.env). */
  readonly env: Readonly<Record<string, string>>;
  readonly clock: LocalClock;
  readonly scheduler: Scheduler;
  readonly runner: FunctionRunner;
  /** The fault injector when `faults` was given (its `stats` count what it injected). */
  readonly faults?: FaultInjector;
  /** The DynamoDB fault injector when `dynamoFaults` was given. */
  readonly dynamoFaults?: DynamoFaultInjector;
  /** PID of the DynamoDB Local Java process. */
  readonly dynamodbPid: number;
  /** PID of the cognito-local process. */
  /** Where cognito-local runs (a stage whose staff sign in with Cognito). */
  readonly cognitoPid?: number;
  /** Declared functions whose file is missing: each fails on its own when called. */
  readonly missingFunctions: readonly string[];
  invoke(functionName: string, event: unknown, context?: Partial<Context>): Promise<unknown>;
  /** Fires one schedule with event time `at` (default: the local clock) and waits for its handler. */
  runSchedule(name: string, at?: Date | string): Promise<ScheduleRun>;
  /** Resolves once every queue is empty (nothing visible, nothing in flight) and nothing is running. */
  waitForIdle(options?: { timeoutMs?: number }): Promise<void>;
  queueStatus(): { name: string; consumer: string; url: string; dlqUrl: string; stats: PollerStats }[];
  /** Stops everything, waits for running work and the Java process. Safe to call twice. */
  stop(): Promise<void>;
}

export async function startLocalSystem(options: LocalSystemOptions = {}): Promise<LocalSystem> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const stage = options.stage ?? 'local';
  const declared = options.topology ?? declaredTopology;
  const localOnly = options.localOnlyRoutes ?? [];
  const topology: LocalTopology = localOnly.length
    ? { ...declared, functions: [...declared.functions, ...localOnly.map((r) => r.function)], routes: [...declared.routes, ...localOnly.map((r) => r.route)] }
    : declared;
  const log = options.log ?? (options.quiet ? quietLog : consoleLog);
  const ports = options.ports ?? {};
  const fix = options.portFix ?? ((service) => `Stop whatever holds it or choose another ${service} port.`);
  const gatewayHost = options.gatewayHost ?? emulatorHost;
  const controlPort = ports.control === false ? undefined : (ports.control ?? 0);

  // Every port is checked before anything starts, so a clash leaves nothing behind.
  await assertPortFree(ports.gateway ?? 0, gatewayHost, 'HTTP gateway', fix('gateway', ports.gateway ?? 0));
  if (controlPort !== undefined) await assertPortFree(controlPort, controlHost, 'control endpoint', fix('control', controlPort));

  const cleanup: (() => Promise<void>)[] = [];
  const runCleanup = async () => {
    for (const step of cleanup.reverse()) await step().catch((error: unknown) => log.error('local system: stop step failed', error));
    cleanup.length = 0;
  };
  try {
    const loadedConfig = options.stageConfig ?? loadStageConfig(stage);
    const mailSecret = localMailSecret(loadedConfig);
    if (mailSecret) cleanup.push(async () => rmSync(path.dirname(mailSecret.file), { recursive: true, force: true }));
    const emulators = await startEmulators({
      ports: { dynamodb: ports.dynamodb, sqs: ports.sqs, ses: ports.ses, s3: ports.s3, cognito: ports.cognito, smtp: ports.smtp },
      mail: mailSecret ? { provider: 'smtp', credentials: mailSecret.value } : { provider: 'ses' },
      dataDir: options.dataDir === undefined ? undefined : path.resolve(options.dataDir),
      cognitoDataDir: options.cognitoDataDir === undefined ? undefined : path.resolve(options.cognitoDataDir),
      s3DataDir: options.s3DataDir === undefined ? undefined : path.resolve(options.s3DataDir),
      credentials: localCredentials,
      jvm: options.jvm,
      region: localRegion,
      portFix: (service, port) => fix(service, port),
      // An OpenID stage (local-cn) signs staff in at the local OpenID provider only: no cognito-local.
      cognito: loadedConfig.staffIdentity.provider === 'cognito',
    });
    cleanup.push(() => emulators.stop());

    const clients = adminClients(emulators.endpoints);
    cleanup.push(async () => {
      clients.dynamodb.destroy();
      clients.sqs.destroy();
      clients.cognito.destroy();
      clients.s3.destroy();
    });
    const tableName = tableNameFor(stage);
    const staffOf = loadedConfig;
    const [, provisioned] = await Promise.all([
      provisionTable(clients.dynamodb, tableName, topology.table, (line) => log.info(line)),
      provisionQueues(clients.sqs, topology.queues, queuePrefix(stage)),
    ]);
    // Set once the identity provider runs: an OpenID client's redirect URI needs the gateway's address first.
    let authorizeStaff: StaffAuthorizer = async () => ({ ok: false, reason: 'invalid' });
    const authorize: StaffAuthorizer = (header) => authorizeStaff(header);

    const clock = new LocalClock();
    const runner = new FunctionRunner({
      functions: topology.functions,
      functionsDir: options.functionsDir ?? path.join(__dirname, '..', 'functions'),
      moduleFiles: Object.fromEntries(localOnly.map((r) => [r.function.name, r.moduleFile])),
      region: localRegion,
      accountId: localAccountId,
      log,
    });
    const invoke = (name: string, event: unknown, context?: Partial<Context>) => runner.invoke(name, event, context);
    // Faults only ever hit background work (pollers, schedules), never HTTP or `system.invoke`.
    const faults = options.faults ? new FaultInjector(options.faults) : undefined;
    const backgroundInvoke: (name: string, event: unknown) => Promise<unknown> = faults ? faults.wrap(invoke) : invoke;
    if (faults) {
      log.warn(`fault injection ON: ${faults.rate * 100} % of queue-consumer and scheduled invocations fail on purpose (seed ${faults.seed})`);
      cleanup.push(async () => log.warn(faults.summary()));
    }
    const dynamoFaults = options.dynamoFaults ? new DynamoFaultInjector(options.dynamoFaults).install(addClientMiddleware) : undefined;
    if (dynamoFaults) {
      log.warn(`DynamoDB fault injection ON: conflicts ${options.dynamoFaults!.conflictRate * 100} %, throttles ${options.dynamoFaults!.throttleRate * 100} % (seed ${dynamoFaults.seed})`);
      cleanup.push(async () => {
        dynamoFaults.stop();
        log.warn(dynamoFaults.summary());
      });
    }

    // The gateway's port must be known before the handlers' environment is (publicBaseUrl).
    const { capacity } = options.stageConfig ?? loadStageConfig(stage);
    const throttle = {
      public: { ratePerSecond: capacity.apiRatePerSecond, burst: capacity.apiBurst },
      staff: { ratePerSecond: capacity.staffApiRatePerSecond, burst: capacity.staffApiBurst },
    };
    const gateway: HttpGateway = await startHttpGateway(
      { routes: topology.routes, fallbackHandler: topology.fallbackHandler, invoke, clock, accountId: localAccountId, log, accessLog: options.accessLog, authorize, throttle },
      ports.gateway ?? 0,
      gatewayHost,
    );
    cleanup.push(() => gateway.close());

    const staffIdentity = await startStaffIdentity({
      config: staffOf,
      poolName: `${queuePrefix(stage)}staff`,
      ...(emulators.endpoints.cognito ? { cognito: { client: clients.cognito, endpoint: emulators.endpoints.cognito } } : {}),
      consoleUrl: `${gateway.url}/staff`,
      oidcPort: ports.oidc ?? 0,
      oidcDataDir: options.oidcDataDir === undefined ? undefined : path.resolve(options.oidcDataDir),
      table: { client: clients.dynamodb, name: tableName },
    });
    cleanup.push(() => staffIdentity.stop());
    authorizeStaff = staffIdentity.authorize;
    const staffPool = staffIdentity.pool;
    const stageConfig = withLocalMailServer(options.stageConfig ?? withLocalServers(loadedConfig, gateway.url, staffPool), emulators.endpoints.smtpPort);
    const evidenceBucket = evidenceBucketFor(stage);
    const hashSecretFile = options.hashSecretFile === undefined ? temporaryHashSecret(cleanup) : path.resolve(options.hashSecretFile);
    ensureLocalHashSecret(hashSecretFile);
    await provisionBucket(clients.s3, evidenceBucket, new URL(stageConfig.publicBaseUrl).origin);
    const env = handlerEnvironment(stage, tableName, provisioned, emulators.endpoints, stageConfig, {
      EVIDENCE_BUCKET: evidenceBucket,
      [hashSecretFileVariable]: hashSecretFile,
      STAFF_SIGN_IN: JSON.stringify(staffIdentity.signIn),
      // Invitations create users in cognito-local's pool, as in the stage's pool in AWS.
      ...(staffPool.provider === 'cognito' ? { [staffUserPoolVariable]: staffPool.userPoolId, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: staffPool.endpoint } : {}),
      ...(mailSecret ? { [mailSecretFileVariable]: mailSecret.file } : {}),
      ...options.env,
    });
    Object.assign(process.env, env);
    resetRuntimeSettings();

    const scheduler = new Scheduler({
      schedules: topology.schedules,
      clock,
      invoke: backgroundInvoke,
      region: localRegion,
      accountId: localAccountId,
      rulePrefix: queuePrefix(stage),
      log,
      timers: options.scheduleTimers,
    });
    scheduler.start();
    cleanup.push(() => scheduler.stop());

    const pollers = provisioned.map(
      (queue) =>
        new QueuePoller({
          queue,
          sqs: clients.sqs,
          clock,
          invoke: backgroundInvoke,
          region: localRegion,
          accountId: localAccountId,
          log,
          waitSeconds: options.pollWaitSeconds,
          consumerReady: () => existsSync(runner.moduleFile(queue.decl.consumer)),
        }),
    );
    if (options.pollers !== false) for (const poller of pollers) poller.start();
    cleanup.push(async () => {
      await Promise.all(pollers.map((poller) => poller.stop()));
    });

    const queues = Object.fromEntries(
      provisioned.map((q) => [q.decl.name, { name: q.name, url: q.url, arn: q.arn, consumer: q.decl.consumer, dlqName: q.dlqName, dlqUrl: q.dlqUrl, dlqArn: q.dlqArn }]),
    );

    let stopping: Promise<void> | undefined;
    const urls: { -readonly [K in keyof LocalSystemUrls]: LocalSystemUrls[K] } = {
      gateway: gateway.url,
      ses: emulators.endpoints.ses,
      s3: emulators.endpoints.s3,
      dynamodb: emulators.endpoints.dynamodb,
      sqs: emulators.endpoints.sqs,
      ...(emulators.endpoints.cognito ? { cognito: emulators.endpoints.cognito } : {}),
      ...(emulators.endpoints.smtpPort ? { smtp: `smtp://${emulatorHost}:${emulators.endpoints.smtpPort}` } : {}),
    };
    const system: LocalSystem = {
      stage,
      urls,
      tableName,
      staffPool,
      queues,
      env,
      clock,
      scheduler,
      runner,
      ...(faults ? { faults } : {}),
      ...(dynamoFaults ? { dynamoFaults } : {}),
      dynamodbPid: emulators.dynamodbPid,
      ...(emulators.cognitoPid ? { cognitoPid: emulators.cognitoPid } : {}),
      missingFunctions: runner.missingModules(),
      invoke,
      runSchedule: (name, at) => scheduler.run(name, at === undefined ? undefined : new Date(at)),
      waitForIdle: (waitOptions) => waitForIdle(clients.sqs, provisioned, pollers, scheduler, waitOptions?.timeoutMs ?? 30_000),
      queueStatus: () => pollers.map((p) => ({ name: p.queue.decl.name, consumer: p.queue.decl.consumer, url: p.queue.url, dlqUrl: p.queue.dlqUrl, stats: p.stats })),
      stop: () => (stopping ??= runCleanup()),
    };

    if (controlPort !== undefined) {
      const control: ControlServer = await startControlServer(system, controlPort);
      // Closed first: no clock change or schedule run while the rest shuts down.
      cleanup.push(() => control.close());
      urls.control = control.url;
    }
    return system;
  } catch (error) {
    await runCleanup();
    throw error;
  }
}

/** The stage config as the local servers answer: this gateway's address, the local OpenID provider's issuer. */
function withLocalServers(config: StageConfig, gatewayUrl: string, staffPool: StaffPool): StageConfig {
  const staffIdentity = config.staffIdentity.provider === 'oidc' ? { ...config.staffIdentity, issuer: staffPool.issuer } : config.staffIdentity;
  return { ...config, publicBaseUrl: gatewayUrl, staffIdentity };
}

/**
 * What each handler finds in its environment: the same names the CDK stack sets in
 * AWS, plus endpoints and dummy credentials that point the SDK at the emulators.
 */
export function handlerEnvironment(
  stage: string,
  tableName: string,
  queues: readonly ProvisionedQueue[],
  endpoints: EmulatorEndpoints,
  stageConfig: StageConfig,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const ses = stageConfig.mail.provider === 'ses';
  return {
    STAGE: stage,
    TABLE_NAME: tableName,
    STAGE_CONFIG: JSON.stringify(stageConfig),
    // Named in every mail as in AWS (the emulator accepts and ignores it), so the IAM proof sees it.
    ...(ses ? { [mailConfigurationSetVariable]: mailConfigurationSetFor(stage), AWS_ENDPOINT_URL_SESV2: endpoints.ses } : {}),
    ...Object.fromEntries(queues.map((queue) => [queueUrlVariable(queue.decl.name), queue.url])),
    AWS_REGION: localRegion,
    AWS_DEFAULT_REGION: localRegion,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    // The emulator has no bucket host names (<bucket>.s3...): path-style addresses.
    S3_FORCE_PATH_STYLE: 'true',
    // The pages' script posts evidence files to the emulator (their CSP connect-src).
    EVIDENCE_UPLOAD_ORIGIN: new URL(endpoints.s3).origin,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // Metrics are CloudWatch EMF lines: useful in AWS, noise in a terminal.
    POWERTOOLS_METRICS_DISABLED: 'true',
    ...extra,
  };
}

/**
 * The stage's mail secret, on a stage whose mail goes through SMTP: what Secrets Manager
 * holds in AWS (shared/adapters/mail-secret.ts), made up for this run and written to a
 * file of a temporary directory that the handlers read instead (`MAIL_SECRET_FILE`,
 * docs/local-runtime.md "The mail secret"). The capture server accepts these credentials only.
 */
function localMailSecret(config: StageConfig): { file: string; value: { username: string; password: string; webhookSecret: string } } | undefined {
  if (config.mail.provider !== 'smtp') return undefined;
  const value = { username: 'local-smtp', password: randomBytes(18).toString('base64url'), webhookSecret: randomBytes(32).toString('base64url') };
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'complaints-mail-secret-')), 'mail-secret.json');
  writeFileSync(file, JSON.stringify(value), { mode: 0o600 });
  return { file, value };
}

/** The stage's SMTP settings pointed at this run's capture server (its port is chosen at start in tests). */
function withLocalMailServer(config: StageConfig, smtpPort: number | undefined): StageConfig {
  if (config.mail.provider !== 'smtp' || smtpPort === undefined) return config;
  return { ...config, mail: { ...config.mail, host: emulatorHost, port: smtpPort } };
}

function temporaryHashSecret(cleanup: (() => Promise<void>)[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'complaints-hash-secret-'));
  cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'hash-secret');
}

function adminClients(endpoints: EmulatorEndpoints) {
  const common = { region: localRegion, credentials: localCredentials };
  return {
    dynamodb: new DynamoDBClient({ ...common, endpoint: endpoints.dynamodb }),
    sqs: new SQSClient({ ...common, endpoint: endpoints.sqs }),
    cognito: new CognitoIdentityProviderClient({ ...common, endpoint: endpoints.cognito }),
    s3: new S3Client({ ...common, endpoint: endpoints.s3, forcePathStyle: true }),
  };
}

async function waitForIdle(
  sqs: SQSClient,
  queues: readonly ProvisionedQueue[],
  pollers: readonly QueuePoller[],
  scheduler: Scheduler,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietRounds = 0;
  let busy: string[] = [];
  // Twice in a row: a consumer may hand off to the next queue just as its own empties.
  while (quietRounds < 2) {
    busy = [];
    if (scheduler.running > 0) busy.push(`${scheduler.running} schedule run(s)`);
    for (const poller of pollers) if (poller.processing) busy.push(`${poller.queue.decl.name}: a batch is being handled`);
    const counts = await Promise.all(
      queues.map(async (queue) => {
        const { Attributes = {} } = await sqs.send(
          new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
        );
        return { queue: queue.decl.name, visible: Number(Attributes.ApproximateNumberOfMessages ?? 0), inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) };
      }),
    );
    for (const count of counts) if (count.visible + count.inFlight > 0) busy.push(`${count.queue}: ${count.visible} waiting, ${count.inFlight} in flight`);
    quietRounds = busy.length === 0 ? quietRounds + 1 : 0;
    if (quietRounds >= 2) return;
    if (Date.now() > deadline) throw new Error(`Local system not idle after ${timeoutMs} ms: ${busy.join('; ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
