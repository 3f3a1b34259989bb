/**
 * `npm run bench` (`npm run bench -- --quick` for a short run): the speed, size and cost
 * figures of the project, measured, printed as tables, checked against the targets of
 * issue 20 (bench/targets.ts), and written to bench/results.json. Targets live here, never in timed tests.
 * docs/performance.md explains each section and the latest figures.
 *
 * - bundles + init: every function built as the CDK app builds it with the prod config
 *   (bench/bundles.ts; target ≤ 150 KB each), and its module init timed in fresh Node
 *   processes against an empty handler (bench/init.ts; information).
 * - coldstart: each public function's cold start, ready plus its first invocation's response
 *   (SDK loading and first AWS calls included), against an empty handler making the same first
 *   calls (bench/cold-start.ts; target ≤ 2×). `npm run bench -- --only coldstart` runs it alone.
 * - intake: POST /complaints A/B against a bare function (one PutItem, one SendMessage) behind
 *   the same gateway and runner, at one connection, at fixed rates (open loop) and at
 *   saturation, rounds interleaved, load generator in its own process (bench/intake.ts;
 *   target: p99 ≤ 1.3× the bare function at every fixed rate).
 * - sweep: the SLA sweep with 1,000 and 10,000 open cases, the same number due
 *   (bench/sweep.ts; target: flat).
 * - e2e + capacity + cost: POST → assignment mail for BENCH_E2E_CASES cases with the pollers
 *   on, in a child process (bench/e2e.ts); the emulators' raw rate for the calls a case makes
 *   (bench/capacity.ts; target: e2e ≥ 50 % of it); the calls per case priced per 1,000 cases
 *   and the fixed monthly cost apart (bench/cost.ts; target: non-mail ≤ $0.03 per 1,000
 *   cases, mails per case unchanged).
 *
 * - scale: write units and transaction items per case at cluster sizes 1, 100, 5,000 and at
 *   1,000 and 100,000 cases in a month (bench/case-scale.ts; target: classify flat within 10 %).
 *   `npm run bench -- --only scale` runs it alone.
 * - report: the monthly report with 1,000 and 100,000 cases in the period (bench/report.ts;
 *   target: flat). `npm run bench -- --only report` runs this section alone and updates
 *   its part of bench/results.json.
 *
 * Knobs (environment; --quick lowers the defaults): BENCH_RATES (25,50,100), BENCH_SECONDS (10),
 * BENCH_WARMUP_SECONDS (8), BENCH_ROUNDS (3), BENCH_CONNECTIONS (8, saturation), BENCH_INIT_RUNS (5);
 * BENCH_COLDSTART_RUNS (9), BENCH_COLDSTART_FUNCTIONS (all public ones), BENCH_COLDSTART_PROFILE (a directory: CPU profiles);
 * BENCH_SWEEP_SIZES (1000,10000), BENCH_SWEEP_DUE (100), BENCH_SWEEP_RUNS (15);
 * BENCH_E2E_CASES (1000; 0 skips e2e and cost), BENCH_E2E_WARMUP (100), BENCH_E2E_CONCURRENCY (16),
 * BENCH_E2E_SOLO (10), BENCH_E2E_TIMEOUT_SECONDS (3600), BENCH_CAPACITY_SECONDS (15),
 * BENCH_CAPACITY_CONCURRENCY (32).
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
import { bareQueueVariable, bareRoute } from './bare-function';
import { buildBundles, emptyBundle, removeBundles, type Bundle } from './bundles';
import { countFixedResources } from './fixed-resources';
import { costModel, fixedMonthlyCost, printCost, printFixedCost, type CostResults, type FixedCost } from './cost';
import { longDescription, type E2eResults } from './e2e';
import { measureInit, type InitResult } from './init';
import { intakeBench, intakeCpuMsPerRequest, printIntake, worstFixedRateRatio, type IntakeResults } from './intake';
import { installMeter } from './meter';
import { sweepOptions } from './sla-sweep';
import { round } from './stats';
import { printSweep, sweepBench, type SweepResults } from './sweep';
import { printReportBench, reportBench, type ReportBenchResults } from './report';
import { printScale, scaleBench, type ScaleResults } from './case-scale';
import { atLeast, atMost, flat, holds, limits, printTargets, type Target } from './targets';
import { printColdStart, type ColdStartResults } from './cold-start';

const quick = process.argv.includes('--quick');
const env = process.env;
const num = (name: string, full: number, short: number): number => Number(env[name] ?? (quick ? short : full));
// The e2e child reads its own knobs from the environment: --quick lowers their defaults there too.
if (quick) {
  env.BENCH_E2E_CASES ??= '300';
  env.BENCH_E2E_WARMUP ??= '50';
  env.BENCH_E2E_SOLO ??= '5';
  env.BENCH_CAPACITY_SECONDS ??= '5';
  env.BENCH_SWEEP_SIZES ??= '1000';
  env.BENCH_SWEEP_RUNS ??= '5';
}
env.BENCH_E2E_CASES ??= '1000';
env.BENCH_E2E_WARMUP ??= '100';
env.BENCH_E2E_SOLO ??= '10';
env.BENCH_CAPACITY_SECONDS ??= '15';
const rates = (env.BENCH_RATES ?? '25,50,100').split(',').map(Number);
const seconds = num('BENCH_SECONDS', 10, 3);
const warmupSeconds = num('BENCH_WARMUP_SECONDS', 8, 3);
const rounds = num('BENCH_ROUNDS', 3, 3);
const connections = num('BENCH_CONNECTIONS', 8, 8);
const initRuns = num('BENCH_INIT_RUNS', 5, 2);
const coldStartRuns = num('BENCH_COLDSTART_RUNS', 9, 3);
const e2eCases = Number(env.BENCH_E2E_CASES);
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const reportSizes = (env.BENCH_REPORT_SIZES ?? '1000,100000').split(',').map(Number);
const reportRuns = num('BENCH_REPORT_RUNS', 10, 3);

/** One realistic submission, the same for intake and the bare function: a 2,000-character Chinese description. */
const complaint = JSON.stringify({
  kind: 'complaint',
  category: 'service-quality',
  subject: { type: 'url', value: 'https://shop.example.cn/orders' },
  description: longDescription('intake'),
  contact: { email: 'bench@example.com' },
});

async function main(): Promise<void> {
  if (only === 'report') return onlyReport();
  if (only === 'scale') return onlyScale();
  if (only === 'coldstart') return onlyColdStart();
  const wallStarted = Date.now();
  const timings: Record<string, number> = {};
  const loadAverages: Record<string, number[]> = { start: loadavg().map((n) => round(n)) };
  const progress = (line: string) => console.error(`bench: ${new Date().toISOString().slice(11, 19)} ${line}`);
  let t = Date.now();
  // The prod config, as `cdk deploy` for prod inlines it.
  const bundles = await buildBundles(JSON.stringify(loadStageConfig('prod')));
  timings.bundles = (Date.now() - t) / 1000;
  t = Date.now();
  progress(`module init: ${bundles.length} bundles × ${initRuns} fresh processes`);
  const init = await measureInit(bundles, initRuns).finally(() => removeBundles(bundles));
  timings.init = (Date.now() - t) / 1000;
  t = Date.now();
  progress('cold start (child process)');
  const coldStart = await runColdStartChild();
  timings.coldStart = (Date.now() - t) / 1000;

  const config = loadStageConfig('local');
  // The bench is one client: lift the per-client limits so it measures work, not 429s.
  const stageConfig = { ...config, rateLimits: { ...config.rateLimits, submissionsPerMinute: 10_000_000, requestsPerMinute: 10_000_000, mailsPerRecipientPerDay: 10_000_000 } };
  // No pollers: the bench times intake alone, as the bare function does no downstream work either.
  const system = await startLocalSystem({
    quiet: true,
    pollers: false,
    scheduleTimers: false,
    ports: { control: false },
    stageConfig,
    env: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
    localOnlyRoutes: [
      { route: { ...bareRoute, handler: 'bench-bare' }, function: { name: 'bench-bare', timeoutSeconds: 10, memoryMb: 512 }, moduleFile: join(__dirname, 'bare-function.ts') },
    ],
  });
  const clientConfig = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  const dynamodb = new DynamoDBClient({ ...clientConfig, endpoint: system.urls.dynamodb });
  const sqs = new SQSClient({ ...clientConfig, endpoint: system.urls.sqs });
  let intake: IntakeResults;
  let sweep: SweepResults;
  let reportResults: ReportBenchResults;
  try {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'bench-bare' }));
    process.env[bareQueueVariable] = QueueUrl;
    t = Date.now();
    intake = await intakeBench(
      { intakeUrl: `${system.urls.gateway}/complaints`, bareUrl: `${system.urls.gateway}${bareRoute.path}`, body: complaint, rates, saturationConnections: connections, seconds, warmupSeconds, rounds },
      progress,
    );
    timings.intake = (Date.now() - t) / 1000;
    loadAverages.afterIntake = loadavg().map((n) => round(n));

    // The meter (and its ReturnConsumedCapacity) only after intake, which is timed without it.
    t = Date.now();
    progress('sweep');
    const meter = installMeter(system.runner);
    sweep = await sweepBench({ raw: dynamodb, doc: DynamoDBDocumentClient.from(dynamodb) }, meter, sweepOptions());
    timings.sweep = (Date.now() - t) / 1000;
    t = Date.now();
    progress('report');
    reportResults = await reportBench({ raw: dynamodb, doc: DynamoDBDocumentClient.from(dynamodb) }, meter, reportSizes, reportRuns);
    timings.report = (Date.now() - t) / 1000;
    loadAverages.afterSweep = loadavg().map((n) => round(n));
  } finally {
    dynamodb.destroy();
    sqs.destroy();
    await system.stop();
  }

  t = Date.now();
  progress('scale (child process)');
  const scale = await runScaleChild();
  timings.scale = (Date.now() - t) / 1000;

  let e2e: E2eResults | undefined;
  let cost: CostResults | undefined;
  let fixed: FixedCost | undefined;
  if (e2eCases > 0) {
    t = Date.now();
    e2e = await runE2eChild();
    cost = costModel(e2e);
    fixed = fixedMonthlyCost(e2e.queues, e2e.idleSchedules, countFixedResources('prod'));
    timings.e2e = (Date.now() - t) / 1000;
    loadAverages.afterE2e = loadavg().map((n) => round(n));
  }
  timings.total = (Date.now() - wallStarted) / 1000;
  report({ intake, bundles, init, coldStart, sweep, report: reportResults, scale, e2e, cost, fixed, timings, loadAverages });
}

/** `--only coldstart`: the public functions' cold start alone (bench/cold-start.ts); `coldStart` in bench/results.json replaced. */
async function onlyColdStart(): Promise<void> {
  const results = await runColdStartChild();
  printColdStart(results);
  printTargets([coldStartTarget(results)]);
  const file = join(__dirname, 'results.json');
  const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const targets = ((all.targets ?? []) as Target[]).filter((target) => !target.target.startsWith("public functions' cold start"));
  all.targets = [...targets, coldStartTarget(results)];
  all.coldStart = { ...results, measuredAt: new Date().toISOString(), command: 'npm run bench -- --only coldstart', machine: { cpus: cpus().length, node: process.version } };
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
  console.log('→ bench/results.json (coldStart and its target)');
}

function coldStartTarget(coldStart: ColdStartResults): Target {
  const worst = coldStart.functions[coldStart.worst.name]!;
  return atMost(
    `public functions' cold start (ready plus the first call, SDK loading included) ≤ ${limits.coldStartRatio}× an empty handler making the same first calls`,
    worst.ratio,
    limits.coldStartRatio,
    '×',
    ` (worst: ${coldStart.worst.name}, ${worst.firstCallMs} ms against ${worst.baselineFirstCallMs} ms)`,
  );
}

/** `--only report`: the report section alone, its part of bench/results.json replaced. */
async function onlyReport(): Promise<void> {
  const system = await startLocalSystem({ quiet: true, pollers: false, scheduleTimers: false, ports: { control: false }, env: { POWERTOOLS_LOG_LEVEL: 'ERROR' } });
  const dynamodb = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, endpoint: system.urls.dynamodb });
  try {
    const results = await reportBench({ raw: dynamodb, doc: DynamoDBDocumentClient.from(dynamodb) }, installMeter(system.runner), reportSizes, reportRuns);
    printReportBench(results);
    const file = join(__dirname, 'results.json');
    const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    all.report = { ...results, measuredAt: new Date().toISOString(), command: `npm run bench -- --only report`, machine: { cpus: cpus().length, node: process.version, loadAverage: loadavg().map((n) => round(n)) } };
    writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
    console.log('→ bench/results.json (report)');
  } finally {
    dynamodb.destroy();
    await system.stop();
  }
}

/** Write units and transaction items per case at cluster sizes and month volumes (bench/case-scale.ts), on a system of its own with the pollers on. */
async function measureScale(progress: (line: string) => void): Promise<ScaleResults> {
  const config = loadStageConfig('local');
  const stageConfig = { ...config, rateLimits: { ...config.rateLimits, submissionsPerMinute: 10_000_000, requestsPerMinute: 10_000_000, mailsPerRecipientPerDay: 10_000_000 } };
  const system = await startLocalSystem({ quiet: true, pollers: true, scheduleTimers: false, ports: { control: false }, stageConfig, env: { POWERTOOLS_LOG_LEVEL: 'ERROR' } });
  const dynamodb = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, endpoint: system.urls.dynamodb });
  try {
    const sizes = (name: string, fallback: string) => (env[name] ?? fallback).split(',').map(Number);
    return await scaleBench(
      { tableName: system.tableName, gatewayUrl: system.urls.gateway, config: stageConfig, doc: DynamoDBDocumentClient.from(dynamodb), waitForIdle: () => system.waitForIdle({ timeoutMs: 600_000 }) },
      installMeter(system.runner),
      { clusterSizes: sizes('SCALE_CLUSTER_SIZES', '1,100,5000'), monthSizes: sizes('SCALE_MONTH_SIZES', '1000,100000'), cases: Number(env.SCALE_CASES ?? 5) },
      progress,
    );
  } finally {
    dynamodb.destroy();
    await system.stop();
  }
}

/** `--only scale`: the scale section alone; `scale` in bench/results.json replaced. */
async function onlyScale(): Promise<void> {
  const results = await measureScale((line) => console.error(`bench: ${new Date().toISOString().slice(11, 19)} ${line}`));
  // As the full bench's child: the results go to its file, not to bench/results.json.
  if (env.BENCH_SCALE_OUT) return writeFileSync(env.BENCH_SCALE_OUT, JSON.stringify(results));
  printScale(results);
  const file = join(__dirname, 'results.json');
  const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  all.scale = { ...results, measuredAt: new Date().toISOString(), command: 'npm run bench -- --only scale', machine: { cpus: cpus().length, node: process.version, loadAverage: loadavg().map((n) => round(n)) } };
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
  console.log('→ bench/results.json (scale)');
}

/**
 * One bench script in a child process, its results through a JSON file named by `outVariable`:
 * each local system's handlers keep the SDK clients of the first system started in their
 * process, so every section that starts a system of its own after intake's runs apart.
 */
async function childResults<T>(script: string, args: readonly string[], outVariable: string, env: Record<string, string> = {}): Promise<T> {
  const out = join(tmpdir(), `bench-${outVariable.toLowerCase()}-${process.pid}.json`);
  const child = spawn(process.execPath, [...process.execArgv, join(__dirname, script), ...args], {
    env: { ...process.env, ...env, [outVariable]: out },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`bench/${script} exited with ${code}`);
  const results = JSON.parse(readFileSync(out, 'utf8')) as T;
  rmSync(out, { force: true });
  return results;
}

/** bench/cold-start.ts in a child process (its setup's handlers' clients must point at its own emulators). */
const runColdStartChild = () => childResults<ColdStartResults>('cold-start.ts', [], 'BENCH_COLDSTART_OUT', { BENCH_COLDSTART_RUNS: String(coldStartRuns) });

/** The scale section (`--only scale`) in a child process, for the same reason. */
const runScaleChild = () => childResults<ScaleResults>('run.ts', ['--only', 'scale'], 'BENCH_SCALE_OUT');

/** bench/e2e.ts in a child process (its handlers' clients must point at its own emulators). */
function runE2eChild(): Promise<E2eResults> {
  console.log(`\nEnd to end: ${e2eCases.toLocaleString('en')} cases through the workflow (child process; progress on stderr)…`);
  return childResults<E2eResults>('e2e.ts', [], 'BENCH_E2E_OUT');
}

interface Report {
  intake: IntakeResults;
  bundles: Bundle[];
  init: InitResult;
  coldStart: ColdStartResults;
  sweep: SweepResults;
  report: ReportBenchResults;
  scale: ScaleResults;
  e2e?: E2eResults;
  cost?: CostResults;
  fixed?: FixedCost;
  timings: Record<string, number>;
  loadAverages: Record<string, number[]>;
}

function targetsOf({ bundles, coldStart, report: reportResults, scale, e2e, cost }: Report): Target[] {
  const [bigName, bigBytes] = bundles.filter((b) => b.name !== emptyBundle).map((b) => [b.name, b.bytes] as const).reduce((a, b) => (b[1] > a[1] ? b : a));
  const c = scale.classifyFlat;
  const sizes = Object.values(reportResults.sizes);
  const [small, large] = [sizes[0]!, sizes[sizes.length - 1]!];
  const targets: Target[] = [
    flat(`classify's write units flat within ${limits.classifyFlat * 100} % from cluster size ${c.from} to ${c.to.toLocaleString('en')}`, c.ratio, limits.classifyFlat, ` (${scale.rows.map((r) => `${r.scenario}: ${r.writeUnits['classify-case'] ?? 0}`).filter((t) => t.startsWith('cluster')).join(', ')})`),
    holds(
      `the report build flat from ${small.cases.toLocaleString('en')} to ${large.cases.toLocaleString('en')} cases a month`,
      reportResults.flat,
      `${small.batchGets} → ${large.batchGets} BatchGetItem, ${small.itemsRead} → ${large.itemsRead} items, median ${small.medianMs} → ${large.medianMs} ms`,
      `not flat (${reportResults.flatRule})`,
    ),
    atMost(`every bundle ≤ ${limits.bundleBytes / 1024} KB (prod config)`, round(bigBytes / 1024, 1), limits.bundleBytes / 1024, ' KB', ` (largest: ${bigName})`),
    coldStartTarget(coldStart),
  ];
  if (e2e && cost) {
    targets.push(
      atMost(`non-mail cost ≤ $${limits.nonMailUsdPerThousand} per 1,000 cases as AWS bills it`, round(cost.perThousandCases.nonMail, 4), limits.nonMailUsdPerThousand, ' USD'),
      atLeast(
        `end to end ≥ ${limits.shareOfCapacity * 100} % of the emulators' capacity for a case's calls`,
        round(e2e.shareOfCapacity * 100, 1),
        limits.shareOfCapacity * 100,
        ' %',
        ` (${e2e.casesPerSecond} of ${e2e.capacity.casesPerSecond} cases/s)`,
      ),
    );
  }
  return targets;
}

/** Intake's figures reported as information, not targets: its p99 on two shared cores measures queueing more than the code. */
function intakeInformation(intake: IntakeResults): Record<string, string> {
  const fixedRates = intake.points.filter((p) => p.rate);
  const cpu = intakeCpuMsPerRequest(intake);
  return {
    'p99 ratio to the bare function, worst fixed rate': `${worstFixedRateRatio(intake)}× (${fixedRates.map((p) => `${p.point} ${p.ratioP99.median}`).join(', ')})`,
    'CPU ms per request, 1 connection (gateway + runner + handler)': `intake ${cpu.intake}, bare function ${cpu.bare}`,
    'critical path': 'one transaction (the case items) plus one SendMessage (review)',
  };
}

function report(r: Report): void {
  const { intake, bundles, init, coldStart, sweep, report: reportResults, scale, e2e, cost, fixed, timings, loadAverages } = r;
  const targets = targetsOf(r);
  const results = {
    measuredAt: new Date().toISOString(),
    command: `npm run bench${quick ? ' -- --quick' : ''}`,
    machine: { cpus: cpus().length, node: process.version, loadAverage: loadAverages },
    wallSeconds: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])),
    targets,
    intakeInformation: intakeInformation(intake),
    intake,
    bundles: Object.fromEntries(bundles.filter((b) => b.name !== emptyBundle).map((b) => [b.name, b.bytes])),
    bundleLimitBytes: limits.bundleBytes,
    bundleConfig: 'prod',
    init,
    coldStart,
    sweep: { ...sweep.sizes, due: sweep.due, flat: sweep.flat, flatRule: sweep.flatRule },
    report: reportResults,
    scale,
    ...(e2e
      ? {
          e2e: {
            cases: e2e.submitted,
            concurrency: e2e.concurrency,
            casesPerSecond: e2e.casesPerSecond,
            capacityCasesPerSecond: e2e.capacity.casesPerSecond,
            shareOfCapacity: e2e.shareOfCapacity,
            capacity: e2e.capacity,
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
    ...(fixed ? { fixedCost: fixed } : {}),
  };
  writeFileSync(join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

  console.log(`\nMinified bundles, prod config (target ≤ ${limits.bundleBytes / 1024} KB each), and module init in a fresh Node process (median of ${init.runs}; information: the cold-start target is the first call's, below)`);
  console.table(
    Object.fromEntries(
      bundles.map((b) => {
        const i = init.bundles[b.name]!;
        return [b.name, { KB: round(b.bytes / 1024), 'within size': b.bytes <= limits.bundleBytes, 'ready ms': i.readyMs, 'require ms': i.moduleMs, 'init ratio': i.ratio }];
      }),
    ),
  );
  printColdStart(coldStart);
  printIntake(intake);
  printSweep(sweep);
  printReportBench(reportResults);
  printScale(scale);
  if (e2e) {
    console.log(`\nEnd to end, POST → assignment mail (${e2e.submitted.toLocaleString('en')} cases, ${e2e.concurrency} connections, pollers on, after ${e2e.warmupCases} warm-up cases)`);
    console.table({
      'cases/s (first POST → last assignment mail)': { value: e2e.casesPerSecond },
      "emulators' raw capacity for a case's calls (cases/s)": { value: `${e2e.capacity.casesPerSecond} (${e2e.capacity.callsPerSecond} calls/s, ${e2e.capacity.concurrency} in parallel, ${e2e.capacity.seconds} s)` },
      'share of that capacity': { value: `${round(e2e.shareOfCapacity * 100, 1)} %` },
      'intake rate while the workflow runs (POST/s)': { value: e2e.intakePerSecond },
      'first POST → last POST (s)': { value: e2e.seconds.submit },
      'first POST → last assignment mail (s)': { value: e2e.seconds.firstPostToLastAssignment },
      'first POST → all queues idle (s)': { value: e2e.seconds.firstPostToIdle },
      'per case POST → assignment mail p50 / p95 / p99 / max (ms)': { value: `${e2e.latencyMs.p50} / ${e2e.latencyMs.p95} / ${e2e.latencyMs.p99} / ${e2e.latencyMs.max}` },
      'one case alone (solo phase) POST → assignment mail p50 / max (ms)': { value: e2e.solo.latencyMs ? `${e2e.solo.latencyMs.p50} / ${e2e.solo.latencyMs.max}` : 'n/a' },
      'assignment mails (counted at send / in the SES store)': { value: `${e2e.assignmentMails} / ${e2e.assignmentMailsInSesStore}` },
      'mails sent in all (SendEmail calls)': { value: e2e.mailsTotal },
      'submit errors / runtime warnings': { value: `${e2e.submitErrors} / ${e2e.runtimeErrors}` },
    });
    if (e2e.capacity.skipped.length) console.log(`capacity probe: no synthetic call for ${e2e.capacity.skipped.join(', ')} (left out of the mix)`);
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
  if (fixed) printFixedCost(fixed);
  console.log('\nIntake, as information (not a target)');
  console.table(Object.fromEntries(Object.entries(intakeInformation(intake)).map(([k, v]) => [k, { value: v }])));
  printTargets(targets);
  console.log(`\nWall time (s): ${Object.entries(timings).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}; load average ${JSON.stringify(loadAverages)}`);
  console.log('→ bench/results.json');
}


main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
