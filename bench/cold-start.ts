/**
 * The public functions' cold start as issue 20 words it: "ready plus the first call, SDK
 * loading included", against "an empty handler making the same first call".
 *
 * For each public function (a route the public reaches without signing in), a fresh Node
 * process loads its bundle as built for prod (bench/bundles.ts) with the prod stage's Lambda
 * environment, its SDK clients pointed at a local system's emulators, and calls the handler
 * once with a realistic API Gateway v2 event (a valid complaint POST for register-case, a
 * status GET with the token for get-case-status, a supplement for a case awaiting one, ...):
 * timed from the process's time origin to the first invocation's response
 * (bench/cold-start-probe.cjs). The baseline is an empty handler built the same way
 * (bench/replay-handler.ts) that makes the same first AWS calls: the calls an untimed run of
 * the function recorded (client, command, input), with the same SDK packages loaded, the
 * same clients made, the commands sent in the same order. Runs are interleaved (function,
 * baseline, baseline, function, ...: the order alternates) so load drift hits both; per
 * function the ratio is median(function) / median(baseline).
 */
import './quiet-env';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { DynamoDB } from '@aws-sdk/client-dynamodb';
import { SQS, type Message } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { loadStageConfig } from '../shared/config/load-stage-config';
import { hashSecretArnVariable, hashSecretFileVariable } from '../shared/config/runtime';
import { topology } from '../shared/topology';
import { startLocalSystem, type LocalSystem } from '../local/system';
import { localAccountId, localRegion } from '../local/resource-names';
import { buildBundles, bundleOptions, removeBundles, type Bundle } from './bundles';
import { longDescription } from './e2e';
import { lambdaEnv } from './init';
import type { CallScript, RecordedCall } from './replay-handler';
import { startSecretsEndpoint } from './secrets-endpoint';
import { median, round, spread, type Spread } from './stats';

export interface ColdStartFunction {
  /** Median ms from the process's time origin to the first invocation's response. */
  readonly firstCallMs: number;
  /** Median ms from the time origin to the handler loaded (module init). */
  readonly readyMs: number;
  readonly baselineFirstCallMs: number;
  readonly baselineReadyMs: number;
  /** firstCallMs / baselineFirstCallMs: the target's figure. */
  readonly ratio: number;
  /** Each run's function over the baseline run beside it (same moment, same load): how far one run's ratio moves. */
  readonly pairRatios: Spread;
  /** The event, in short (method, path, what makes it realistic). */
  readonly request: string;
  readonly status: number;
  /** The first invocation's AWS calls, as the baseline replays them (`Client.Command`; `+`: started while the one before was in flight). */
  readonly calls: readonly string[];
  readonly packages: readonly string[];
  /** Replayed calls that failed (a condition the replayed write no longer met), per baseline run, at most. */
  readonly baselineFailedCalls: number;
}

export interface ColdStartResults {
  readonly runs: number;
  readonly loadAverage: { readonly start: number[]; readonly end: number[] };
  readonly functions: Record<string, ColdStartFunction>;
  readonly worst: { readonly name: string; readonly ratio: number };
}

/** The functions the public reaches without signing in (public routes), whose cold start a complainant waits for. */
export function isPublicFunction(name: string): boolean {
  return topology.routes.some((r) => r.handler === name && !('auth' in r && r.auth) && !/^\/(staff|admin)/.test(r.path));
}

/** A realistic first invocation of one function: its event for run `run` (-1: the recording run), and the status it must answer. */
interface Scenario {
  readonly request: string;
  readonly status: number;
  event(run: number): APIGatewayProxyEventV2;
}

const probe = join(__dirname, 'cold-start-probe.cjs');

export async function coldStartBench(bundles: readonly Bundle[], runs: number, progress: (line: string) => void = () => undefined): Promise<ColdStartResults> {
  const start = loadavg().map((n) => round(n));
  const config = loadStageConfig('local');
  // The setup submits from one address: lift the per-client limits (the timed calls each come from an address of their own).
  const stageConfig = { ...config, rateLimits: { ...config.rateLimits, submissionsPerMinute: 10_000_000, requestsPerMinute: 10_000_000 } };
  const system = await startLocalSystem({ quiet: true, pollers: false, scheduleTimers: false, ports: { control: false }, stageConfig, env: { POWERTOOLS_LOG_LEVEL: 'ERROR' } });
  const secrets = await startSecretsEndpoint(readFileSync(system.env[hashSecretFileVariable]!, 'utf8').trim(), localRegion, localAccountId);
  const clientConfig = { region: localRegion, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  const sqs = new SQS({ ...clientConfig, endpoint: system.urls.sqs });
  const dynamodb = new DynamoDB({ ...clientConfig, endpoint: system.urls.dynamodb });
  try {
    const outdir = dirname(bundles[0]!.file);
    const baselineFile = join(outdir, 'replay-handler.js');
    await build({ ...bundleOptions(JSON.stringify(loadStageConfig('prod'))), entryPoints: [join(__dirname, 'replay-handler.ts')], outfile: baselineFile });
    progress('cold start: warming DynamoDB Local, setting up cases');
    await warmDynamo(dynamodb, system.tableName);
    const scenarios = await setUp(system, sqs, runs);
    const env = (name: string): NodeJS.ProcessEnv => ({
      ...lambdaEnv,
      ...Object.fromEntries(Object.entries(system.env).filter(([key]) => /^(TABLE_NAME|QUEUE_URL_|EVIDENCE_|S3_FORCE_PATH_STYLE|AWS_(REGION|ACCESS_KEY_ID|SECRET_ACCESS_KEY|ENDPOINT_URL_(DYNAMODB|SQS|S3)$))/.test(key))),
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
      [hashSecretArnVariable]: secrets.secretArn,
      AWS_LAMBDA_FUNCTION_NAME: name,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(topology.functions.find((f) => f.name === name)?.memoryMb ?? 256),
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    });
    const measured = bundles.filter((b) => scenarios[b.name]);
    const missing = bundles.map((b) => b.name).filter((name) => !scenarios[name]);
    if (missing.length) throw new Error(`no cold-start scenario for the public function(s) ${missing.join(', ')}`);

    progress(`cold start: recording the first calls of ${measured.length} functions`);
    const scripts = new Map<string, CallScript>();
    for (const bundle of measured) {
      const scenario = scenarios[bundle.name]!;
      const recorded = await runProbe(bundle.file, env(bundle.name), scenario.event(-1), true);
      if (recorded.status !== scenario.status) throw new Error(`${bundle.name}: the recording run answered ${recorded.status}, not ${scenario.status}: ${recorded.body}`);
      scripts.set(bundle.name, { packages: recorded.packages!, calls: recorded.calls! });
    }

    progress(`cold start: ${measured.length} functions × ${runs} runs, each beside its baseline, interleaved`);
    const times = new Map(measured.map((b) => [b.name, { fn: [] as Timing[], base: [] as Timing[], failed: 0 }]));
    for (let run = 0; run < runs; run++) {
      for (const bundle of measured) {
        const scenario = scenarios[bundle.name]!;
        const t = times.get(bundle.name)!;
        const script = scripts.get(bundle.name)!;
        const timeFunction = async () => {
          const result = await runProbe(bundle.file, env(bundle.name), scenario.event(run), false);
          if (result.status !== scenario.status) throw new Error(`${bundle.name} run ${run} answered ${result.status}, not ${scenario.status}`);
          t.fn.push(result);
        };
        const timeBaseline = async () => {
          const replay = { ...env(bundle.name), COLD_START_CALLS: JSON.stringify(forReplay(script, run)) };
          const result = await runProbe(baselineFile, replay, scenario.event(run), false);
          t.failed = Math.max(t.failed, (JSON.parse(result.body ?? '{}') as { failed?: number }).failed ?? 0);
          t.base.push(result);
        };
        // The order alternates between runs, so neither side always runs on the cache the other warmed.
        for (const step of run % 2 === 0 ? [timeFunction, timeBaseline] : [timeBaseline, timeFunction]) await step();
      }
    }

    const functions = Object.fromEntries(
      measured.map((bundle) => {
        const t = times.get(bundle.name)!;
        const script = scripts.get(bundle.name)!;
        const firstCallMs = median(t.fn.map((x) => x.firstCall));
        const baselineFirstCallMs = median(t.base.map((x) => x.firstCall));
        const result: ColdStartFunction = {
          firstCallMs: round(firstCallMs, 1),
          readyMs: round(median(t.fn.map((x) => x.ready)), 1),
          baselineFirstCallMs: round(baselineFirstCallMs, 1),
          baselineReadyMs: round(median(t.base.map((x) => x.ready)), 1),
          ratio: round(firstCallMs / baselineFirstCallMs),
          pairRatios: spread(t.fn.map((x, i) => x.firstCall / t.base[i]!.firstCall)),
          request: scenarios[bundle.name]!.request,
          status: scenarios[bundle.name]!.status,
          calls: script.calls.map((c) => `${c.withPrevious ? '+' : ''}${c.client}.${c.command}`),
          packages: script.packages,
          baselineFailedCalls: t.failed,
        };
        return [bundle.name, result];
      }),
    );
    const [name, worst] = Object.entries(functions).reduce((a, b) => (b[1].ratio > a[1].ratio ? b : a));
    return { runs, loadAverage: { start, end: loadavg().map((n) => round(n)) }, functions, worst: { name, ratio: worst.ratio } };
  } finally {
    sqs.destroy();
    dynamodb.destroy();
    await secrets.close();
    await system.stop();
  }
}

export function printColdStart(results: ColdStartResults): void {
  console.log(
    `\nCold start of the public functions: fresh Node process, prod bundle and environment, time origin → first invocation's response, against an empty handler making the same first AWS calls (median of ${results.runs} interleaved runs; load average ${results.loadAverage.start[0]} → ${results.loadAverage.end[0]})`,
  );
  console.table(
    Object.fromEntries(
      Object.entries(results.functions).map(([name, f]) => [
        name,
        { 'first call ms': f.firstCallMs, 'ready ms': f.readyMs, 'baseline ms': f.baselineFirstCallMs, 'baseline ready ms': f.baselineReadyMs, ratio: f.ratio, 'run ratios (min-max)': `${f.pairRatios.min}-${f.pairRatios.max}`, status: f.status, 'AWS calls': f.calls.map((c) => `${c.startsWith('+') ? '+' : ''}${c.split('.')[1]}`).join(', ') || '-' },
      ]),
    ),
  );
}

interface Timing {
  readonly ready: number;
  readonly module: number;
  readonly firstCall: number;
  readonly status: number;
  readonly body?: string;
  readonly calls?: RecordedCall[];
  readonly packages?: string[];
}

async function runProbe(file: string, env: NodeJS.ProcessEnv, event: APIGatewayProxyEventV2, record: boolean): Promise<Timing> {
  // BENCH_COLDSTART_PROFILE=<dir>: a CPU profile of every timed child (`node --cpu-prof`), to see where a cold start goes.
  const profile = !record && process.env.BENCH_COLDSTART_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_COLDSTART_PROFILE] : [];
  const child = spawn(process.execPath, [...profile, probe, file], {
    env: { ...env, COLD_START_EVENT: JSON.stringify(event), ...(record ? { COLD_START_RECORD: '1' } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const line = out.split('\n').find((l) => l.startsWith('COLD_START '));
  if (code !== 0 || !line) throw new Error(`cold start of ${file} failed (${code}): ${err.slice(0, 800)}`);
  return JSON.parse(line.slice('COLD_START '.length)) as Timing;
}

/**
 * The recorded calls as one baseline run replays them: writes go to items of their own
 * (`pk` prefixed per run), so a replayed put or counter does not meet the item the function
 * wrote; reads read what the function read.
 */
function forReplay(script: CallScript, run: number): CallScript {
  const own = (key: unknown): unknown => (key && typeof key === 'object' && 'pk' in key ? { ...key, pk: `BENCH#cold-${run}#${String((key as { pk: unknown }).pk)}` } : key);
  const rewrite = (input: Record<string, unknown>): Record<string, unknown> => ({ ...input, ...(input.Key ? { Key: own(input.Key) } : {}), ...(input.Item ? { Item: own(input.Item) } : {}) });
  const calls = script.calls.map((call) => {
    if (call.client !== 'DynamoDBDocument') return call;
    if (call.command === 'TransactWriteCommand') {
      const items = (call.input.TransactItems as Record<string, Record<string, unknown>>[]).map((item) => Object.fromEntries(Object.entries(item).map(([kind, op]) => [kind, rewrite(op)])));
      return { ...call, input: { ...call.input, TransactItems: items } };
    }
    return /^(Put|Update|Delete)Command$/.test(call.command) ? { ...call, input: rewrite(call.input) } : call;
  });
  return { ...script, calls };
}

/** DynamoDB Local's JVM runs about half speed until warmed (toolchain.md): a few thousand small operations first. */
async function warmDynamo(dynamodb: DynamoDB, tableName: string): Promise<void> {
  const one = async (i: number) => {
    const Key = { pk: { S: `BENCH#warm#${i % 50}` }, sk: { S: 'WARM' } };
    await dynamodb.putItem({ TableName: tableName, Item: { ...Key, n: { N: String(i) } } });
    await dynamodb.getItem({ TableName: tableName, Key });
  };
  for (let i = 0; i < 1500; i += 8) await Promise.all(Array.from({ length: 8 }, (_, k) => one(i + k)));
}

/** The cases the scenarios need, made through the local system's gateway and review step; then each scenario's event. */
async function setUp(system: LocalSystem, sqs: SQS, runs: number): Promise<Record<string, Scenario>> {
  const post = async (path: string, body: unknown): Promise<{ caseNumber: string; accessToken: string }> => {
    const response = await fetch(`${system.urls.gateway}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (response.status !== 201) throw new Error(`setup POST ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { caseNumber: string; accessToken: string };
  };
  const statusCase = await post('/complaints', complaint('status'));
  // 补正: a fraud report without evidence, which initial review sends back for the material (one per run, and the recording's).
  const awaiting: { caseNumber: string; accessToken: string }[] = [];
  for (let run = -1; run < runs; run++) awaiting.push(await post('/complaints', { kind: 'report', category: 'fraud', subject: { type: 'url', value: `https://shop.example.cn/fake-${run}` }, description: '冒充客服以退款为名索要银行卡验证码。', contact: { email: `fraud${run + 1}@example.com` } }));
  await review(system, sqs, awaiting.length + 1);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const now = new Date();
  const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15)).toISOString().slice(0, 7);
  return {
    'register-case': { request: 'POST /complaints, a 2,000-character complaint with an email', status: 201, event: (run) => apiEvent('POST', '/complaints', { run, body: complaint(`cold${run}`, run) }) },
    'get-case-status': { request: 'GET /complaints/{n} with the token', status: 200, event: (run) => apiEvent('GET', '/complaints/{caseNumber}', { run, path: { caseNumber: statusCase.caseNumber }, headers: bearer(statusCase.accessToken) }) },
    'complainant-action': {
      request: 'POST /complaints/{n}/supplements for a case awaiting material',
      status: 200,
      event: (run) => {
        const c = awaiting[run + 1]!;
        return apiEvent('POST', '/complaints/{caseNumber}/supplements', { run, path: { caseNumber: c.caseNumber }, headers: bearer(c.accessToken), body: { text: '补充材料：对方的收款账号与聊天记录截图说明。' } });
      },
    },
    'request-access': { request: 'POST /complaints/{n}/access {} (a lost token: the link mail)', status: 202, event: (run) => apiEvent('POST', '/complaints/{caseNumber}/access', { run, path: { caseNumber: statusCase.caseNumber }, body: {} }) },
    'create-upload': { request: 'POST /uploads, a 120 KB PNG', status: 201, event: (run) => apiEvent('POST', '/uploads', { run, body: { fileName: '截图.png', contentType: 'image/png', size: 120_000 } }) },
    'list-categories': { request: 'GET /categories', status: 200, event: (run) => apiEvent('GET', '/categories', { run }) },
    'public-pages': { request: 'GET / (the form page, zh-CN)', status: 200, event: (run) => apiEvent('GET', '/', { run, headers: { accept: 'text/html' } }) },
    transparency: { request: `GET /transparency/{period} (last month), JSON`, status: 200, event: (run) => apiEvent('GET', '/transparency/{period}', { run, path: { period: lastMonth } }) },
    'openapi-document': { request: 'GET /openapi.json', status: 200, event: (run) => apiEvent('GET', '/openapi.json', { run }) },
    health: { request: 'GET /health', status: 200, event: (run) => apiEvent('GET', '/health', { run }) },
    // The prod stage sends mail through SES, whose events come from EventBridge: this route answers 404 there.
    'smtp-mail-events': { request: 'POST /mail-events/smtp (a bounce; 404 on an SES stage)', status: 404, event: (run) => apiEvent('POST', '/mail-events/smtp', { run, body: [{ event: 'bounce', recipient: 'gone@example.com' }] }) },
  };
}

function complaint(marker: string, run = 0): Record<string, unknown> {
  return {
    kind: 'complaint',
    category: 'service-quality',
    subject: { type: 'url', value: `https://shop.example.cn/orders/${marker}` },
    description: longDescription(marker),
    contact: { email: `cold-${marker}-${run}@example.com` },
  };
}

/** Hands the review queue's messages to review-case until `cases` were reviewed (no pollers run: nothing else consumes while timing). */
async function review(system: LocalSystem, sqs: SQS, cases: number): Promise<void> {
  const QueueUrl = system.queues.review!.url;
  for (let reviewed = 0, idle = 0; reviewed < cases && idle < 50; ) {
    const { Messages = [] } = await sqs.receiveMessage({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, AttributeNames: ['All'] });
    if (Messages.length === 0) {
      idle++;
      continue;
    }
    const answer = (await system.invoke('review-case', { Records: Messages.map((m) => sqsRecord(m, system.queues.review!.arn)) })) as { batchItemFailures?: unknown[] } | undefined;
    if (answer?.batchItemFailures?.length) throw new Error(`review-case failed ${answer.batchItemFailures.length} setup messages`);
    await sqs.deleteMessageBatch({ QueueUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) });
    reviewed += Messages.length;
  }
}

const sqsRecord = (m: Message, arn: string) => ({
  messageId: m.MessageId!,
  receiptHandle: m.ReceiptHandle!,
  body: m.Body ?? '',
  attributes: m.Attributes ?? {},
  messageAttributes: {},
  md5OfBody: m.MD5OfBody ?? '',
  eventSource: 'aws:sqs',
  eventSourceARN: arn,
  awsRegion: localRegion,
});

/** An HTTP API (payload 2.0) event as API Gateway hands it over; each run from a client address of its own (the per-client limits). */
function apiEvent(method: string, route: string, options: { run: number; path?: Record<string, string>; headers?: Record<string, string>; body?: unknown }): APIGatewayProxyEventV2 {
  const rawPath = Object.entries(options.path ?? {}).reduce((p, [k, v]) => p.replace(`{${k}}`, encodeURIComponent(v)), route);
  const sourceIp = `203.0.113.${(options.run + 2) % 250}`;
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: `${method} ${route}`,
    rawPath,
    rawQueryString: '',
    headers: {
      host: 'complaints.example.org',
      'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
      accept: 'application/json',
      'user-agent': 'Mozilla/5.0',
      'x-forwarded-for': sourceIp,
      ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }),
      ...options.headers,
    },
    ...(options.path ? { pathParameters: options.path } : {}),
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
    requestContext: {
      accountId: localAccountId,
      apiId: 'coldstart',
      domainName: 'complaints.example.org',
      domainPrefix: 'complaints',
      requestId: randomUUID(),
      routeKey: `${method} ${route}`,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp, userAgent: 'Mozilla/5.0' },
    },
  };
}

/**
 * The section in a process of its own (`npx tsx bench/cold-start.ts`; `npm run bench` runs it so):
 * the setup's handlers run in the process that starts the local system, and their SDK clients
 * keep that system's endpoints, so a second system in the same process would find them stopped.
 * Writes the results to `BENCH_COLDSTART_OUT` (JSON), or prints them.
 */
if (require.main === module) {
  const runs = Number(process.env.BENCH_COLDSTART_RUNS ?? 9);
  const only = process.env.BENCH_COLDSTART_FUNCTIONS?.split(',');
  const progress = (line: string) => console.error(`bench: ${new Date().toISOString().slice(11, 19)} ${line}`);
  void (async () => {
    const bundles = await buildBundles(JSON.stringify(loadStageConfig('prod')));
    const measured = bundles.filter((b) => isPublicFunction(b.name) && (!only || only.includes(b.name)));
    const results = await coldStartBench(measured, runs, progress).finally(() => removeBundles(bundles));
    if (process.env.BENCH_COLDSTART_OUT) writeFileSync(process.env.BENCH_COLDSTART_OUT, JSON.stringify(results));
    else printColdStart(results);
    process.exit(0);
  })().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
