/**
 * `npm run bench`: the speed, size and cost figures of the project, measured, printed as
 * tables and written to bench/results.json. Targets live here, never in timed tests.
 * docs/performance.md explains each section and the latest figures.
 *
 * - bundles: minified size of every function (target ≤ 150 KB each).
 * - intake: POST /complaints through the local HTTP gateway and the real register-case
 *   handler, against DynamoDB Local and the SQS emulator, side by side with a bare Node
 *   server that does only one PutItem and one SendMessage against the same emulators
 *   (target: p99 ≤ 1.3× the bare one).
 * - sweep: the SLA sweep with 1,000 and 10,000 open cases, the same number due
 *   (bench/sweep.ts; target: flat).
 * - e2e + cost: POST → assignment mail for BENCH_E2E_CASES cases with the pollers on, in a
 *   child process (bench/e2e.ts), and the calls per case turned into cost per 1,000 cases
 *   (bench/cost.ts).
 *
 * Knobs: BENCH_CONNECTIONS (8), BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (8);
 * BENCH_SWEEP_SIZES (1000,10000), BENCH_SWEEP_DUE (100), BENCH_SWEEP_RUNS (15);
 * BENCH_E2E_CASES (10000; 0 skips e2e and cost), BENCH_E2E_WARMUP (300),
 * BENCH_E2E_CONCURRENCY (16), BENCH_E2E_SOLO (30), BENCH_E2E_TIMEOUT_SECONDS (3600).
 */
import './quiet-env';
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg, tmpdir } from 'node:os';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { loadStageConfig } from '../shared/config/load-stage-config';
import { startLocalSystem } from '../local/system';
import { startBaseline } from './baseline';
import { bundleSizes } from './bundles';
import { postLoad, type LoadResult } from './load';
import { costModel, printCost, type CostResults } from './cost';
import type { E2eResults } from './e2e';
import { installMeter } from './meter';
import { sweepOptions } from './sla-sweep';
import { printSweep, sweepBench, type SweepResults } from './sweep';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 8);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 8);
const bundleLimitBytes = 150 * 1024;
const intakeRatioTarget = 1.3;

const complaint = JSON.stringify({
  kind: 'complaint',
  category: 'service-quality',
  subject: { type: 'url', value: 'https://shop.example.cn/orders' },
  description: '订单页面显示的价格与结算价格不一致，请核实。',
  contact: { email: 'bench@example.com' },
});

const e2eCases = Number(process.env.BENCH_E2E_CASES ?? 10_000);

async function main(): Promise<void> {
  const wallStarted = Date.now();
  const timings: Record<string, number> = {};
  const loadAverages: Record<string, number[]> = { start: loadavg().map(round) };
  const config = loadStageConfig('local');
  let t = Date.now();
  const bundles = await bundleSizes(JSON.stringify(config));
  timings.bundles = (Date.now() - t) / 1000;

  // The bench is one client: lift the per-client limits so it measures work, not 429s.
  const stageConfig = { ...config, rateLimits: { submissionsPerMinute: 10_000_000, requestsPerMinute: 10_000_000 } };
  // No pollers: the bench times intake alone, as the baseline does no downstream work either.
  const system = await startLocalSystem({
    quiet: true,
    pollers: false,
    scheduleTimers: false,
    ports: { control: false },
    stageConfig,
    env: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
  });
  const clientConfig = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  const dynamodb = new DynamoDBClient({ ...clientConfig, endpoint: system.urls.dynamodb });
  const sqs = new SQSClient({ ...clientConfig, endpoint: system.urls.sqs });
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'bench-baseline' }));
  const baseline = await startBaseline({ dynamodb, sqs }, system.tableName, QueueUrl!);
  let intake: LoadResult;
  let bare: LoadResult;
  let sweep: SweepResults;
  try {
    t = Date.now();
    // DynamoDB Local's JVM runs about half speed until warmed (toolchain.md).
    await postLoad(`${baseline.url}/`, complaint, connections, warmupSeconds);
    await postLoad(`${system.urls.gateway}/complaints`, complaint, connections, warmupSeconds);
    bare = await postLoad(`${baseline.url}/`, complaint, connections, seconds);
    intake = await postLoad(`${system.urls.gateway}/complaints`, complaint, connections, seconds);
    timings.intake = (Date.now() - t) / 1000;
    loadAverages.afterIntake = loadavg().map(round);

    // The meter (and its ReturnConsumedCapacity) only after intake, which is timed without it.
    t = Date.now();
    const meter = installMeter(system.runner);
    sweep = await sweepBench({ raw: dynamodb, doc: DynamoDBDocumentClient.from(dynamodb) }, meter, sweepOptions());
    timings.sweep = (Date.now() - t) / 1000;
    loadAverages.afterSweep = loadavg().map(round);
  } finally {
    await baseline.close();
    dynamodb.destroy();
    sqs.destroy();
    await system.stop();
  }

  let e2e: E2eResults | undefined;
  let cost: CostResults | undefined;
  if (e2eCases > 0) {
    t = Date.now();
    e2e = await runE2eChild();
    cost = costModel(e2e);
    timings.e2e = (Date.now() - t) / 1000;
    loadAverages.afterE2e = loadavg().map(round);
  }
  timings.total = (Date.now() - wallStarted) / 1000;
  report({ intake, bare, bundles, sweep, e2e, cost, timings, loadAverages });
}

/** bench/e2e.ts in a child process (its handlers' clients must point at its own emulators). */
async function runE2eChild(): Promise<E2eResults> {
  const out = join(tmpdir(), `bench-e2e-${process.pid}.json`);
  console.log(`\nEnd to end: ${e2eCases.toLocaleString('en')} cases through the workflow (child process; progress on stderr)…`);
  const child = spawn(process.execPath, [...process.execArgv, join(__dirname, 'e2e.ts')], {
    env: { ...process.env, BENCH_E2E_OUT: out },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`bench/e2e.ts exited with ${code}`);
  const results = JSON.parse(readFileSync(out, 'utf8')) as E2eResults;
  rmSync(out, { force: true });
  return results;
}

interface Report {
  intake: LoadResult;
  bare: LoadResult;
  bundles: Record<string, number>;
  sweep: SweepResults;
  e2e?: E2eResults;
  cost?: CostResults;
  timings: Record<string, number>;
  loadAverages: Record<string, number[]>;
}

function report({ intake, bare, bundles, sweep, e2e, cost, timings, loadAverages }: Report): void {
  const ratioP99 = round(intake.p99Ms / bare.p99Ms);
  const results = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version, loadAverage: loadAverages },
    wallSeconds: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])),
    load: { connections, seconds },
    intake: {
      p50Ms: intake.p50Ms,
      p99Ms: intake.p99Ms,
      requestsPerSecond: round(intake.requestsPerSecond),
      non2xx: intake.non2xx,
      baselineP50Ms: bare.p50Ms,
      baselineP99Ms: bare.p99Ms,
      baselineRequestsPerSecond: round(bare.requestsPerSecond),
      ratioP99,
      targetRatioP99: intakeRatioTarget,
      meetsTarget: ratioP99 <= intakeRatioTarget,
    },
    bundles,
    bundleLimitBytes,
    sweep: { ...sweep.sizes, due: sweep.due, flat: sweep.flat, flatRule: sweep.flatRule },
    ...(e2e
      ? {
          e2e: {
            cases: e2e.submitted,
            concurrency: e2e.concurrency,
            casesPerSecond: e2e.casesPerSecond,
            intakePerSecond: e2e.intakePerSecond,
            seconds: e2e.seconds,
            latencyMs: e2e.latencyMs,
            soloLatencyMs: e2e.solo.latencyMs,
            assignmentMails: e2e.assignmentMails,
            assignmentMailsInSesStore: e2e.assignmentMailsInSesStore,
            mailsTotal: e2e.mailsTotal,
            submitErrors: e2e.submitErrors,
            runtimeErrors: e2e.runtimeErrors,
            loadAverage: e2e.loadAverage,
            lambdaUnderLoad: e2e.calls.lambda,
            lambdaSolo: e2e.solo.lambda,
            pollers: e2e.calls.pollers,
            // Everything counted, for `npx tsx bench/cost.ts` (re-pricing without re-running).
            raw: e2e,
          },
        }
      : {}),
    ...(cost ? { cost } : {}),
  };
  writeFileSync(join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

  console.log(`\nIntake under load (${connections} connections, ${seconds} s each, after ${warmupSeconds} s warm-up)`);
  console.table({
    'POST /complaints (full intake)': { 'p50 ms': intake.p50Ms, 'p99 ms': intake.p99Ms, 'req/s': round(intake.requestsPerSecond), non2xx: intake.non2xx },
    'bare PutItem + SendMessage': { 'p50 ms': bare.p50Ms, 'p99 ms': bare.p99Ms, 'req/s': round(bare.requestsPerSecond), non2xx: bare.non2xx },
  });
  console.log(`p99 ratio ${ratioP99} (target ≤ ${intakeRatioTarget}): ${ratioP99 <= intakeRatioTarget ? 'met' : 'NOT met'}`);
  console.log(`\nMinified bundles (target ≤ ${bundleLimitBytes / 1024} KB each)`);
  console.table(
    Object.fromEntries(
      Object.entries(bundles).map(([name, bytes]) => [name, { KB: round(bytes / 1024), 'within target': bytes <= bundleLimitBytes }]),
    ),
  );
  printSweep(sweep);
  if (e2e) {
    console.log(`\nEnd to end, POST → assignment mail (${e2e.submitted.toLocaleString('en')} cases, ${e2e.concurrency} connections, pollers on, after ${e2e.warmupCases} warm-up cases)`);
    console.table({
      'cases/s (first POST → last assignment mail)': { value: e2e.casesPerSecond },
      'intake rate while the workflow runs (POST/s)': { value: e2e.intakePerSecond },
      'first POST → last POST (s)': { value: e2e.seconds.submit },
      'first POST → last assignment mail (s)': { value: e2e.seconds.firstPostToLastAssignment },
      'first POST → all queues idle (s)': { value: e2e.seconds.firstPostToIdle },
      'per case POST → assignment mail p50 / p95 / p99 / max (ms)': { value: `${e2e.latencyMs.p50} / ${e2e.latencyMs.p95} / ${e2e.latencyMs.p99} / ${e2e.latencyMs.max}` },
      'one case alone (solo phase) POST → assignment mail p50 / max (ms)': { value: e2e.solo.latencyMs ? `${e2e.solo.latencyMs.p50} / ${e2e.solo.latencyMs.max}` : 'n/a' },
      'assignment mails (counted at send / in the SES store)': { value: `${e2e.assignmentMails} / ${e2e.assignmentMailsInSesStore}` },
      'mails in all': { value: e2e.mailsTotal },
      'submit errors / runtime warnings': { value: `${e2e.submitErrors} / ${e2e.runtimeErrors}` },
    });
    console.log('Lambda invocations: under load (wall time in this one process) and solo (one case at a time)');
    console.table(
      Object.fromEntries(
        Object.entries(e2e.calls.lambda).map(([name, l]) => {
          const solo = e2e.solo.lambda[name];
          const poller = Object.values(e2e.calls.pollers).find((p) => p.consumer === name);
          return [name, { invocations: l.invocations, 'records/batch': poller ? round(poller.records / Math.max(1, poller.batches)) : 1, 'p50 ms (load)': l.p50Ms, 'p95 ms (load)': l.p95Ms, 'p50 ms (solo)': solo?.p50Ms ?? NaN, MB: l.memoryMb }];
        }),
      ),
    );
  }
  if (cost && e2e) printCost(cost, e2e.submitted);
  console.log(`\nWall time (s): ${Object.entries(timings).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}; load average ${JSON.stringify(loadAverages)}`);
  console.log('→ bench/results.json');
}

const round = (n: number): number => Math.round(n * 100) / 100;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
