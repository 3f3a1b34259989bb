/**
 * End-to-end throughput: POST /complaints → assignment mail, through the local gateway
 * with the queue pollers on (the whole workflow: register, review, classify, assign,
 * send-notice, which also mails the receipt), and the calls each case costs, by service.
 *
 * Runs in its own process (`npm run bench` spawns it; `npx tsx bench/e2e.ts` alone): the
 * handlers' clients are per-process singletons bound to one system's emulators.
 *
 * Cases are ordinary complaints with an email (receipt + assignment mail + whatever notices
 * the workflow decides), round-robin over four level-1/level-2 categories without security
 * alerts, each with its own subject and text (no duplicates merged, no hot clusters).
 * After a warm-up (the JVM runs at about half speed until warmed: toolchain.md) the
 * counters are reset, N cases are submitted with BENCH_E2E_CONCURRENCY connections, and
 * the run waits for N assignment mails, then for every queue to be idle (the notices that
 * follow an assignment are part of a case's cost).
 *
 * Timestamps: the POST's start (client side) and the moment SES accepted the assignment
 * mail (a middleware on the SES client in this process); the SES store's own `at` has
 * one-second resolution, so it only serves to count the mails (GET /store).
 */
import './quiet-env';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { loadStageConfig } from '../shared/config/load-stage-config';
import { startLocalSystem } from '../local/system';
import { topology } from '../shared/topology';
import type { RuntimeLog } from '../local/runtime-log';
import { parseScheduleExpression, nextCronTime } from '../local/schedule-expression';
import { callMix, measureCapacity, type CallMix, type CapacityResult } from './capacity';
import type { ScheduleRunCost } from './cost';
import { installMeter, percentile, type Meter } from './meter';

const env = process.env;
const cases = Number(env.BENCH_E2E_CASES ?? 10_000);
const warmupCases = Number(env.BENCH_E2E_WARMUP ?? 300);
const concurrency = Number(env.BENCH_E2E_CONCURRENCY ?? 16);
const soloCases = Number(env.BENCH_E2E_SOLO ?? 30);
const timeoutMs = Number(env.BENCH_E2E_TIMEOUT_SECONDS ?? 3600) * 1000;
const capacitySeconds = Number(env.BENCH_CAPACITY_SECONDS ?? 20);
const capacityConcurrency = Number(env.BENCH_CAPACITY_CONCURRENCY ?? 32);
/** Measured runs of each schedule on the idle system, after one discarded catch-up run. */
const idleScheduleRuns = 3;
const assignmentSubject = '【新分派】';
const categories = ['service-quality', 'information-error', 'functional-fault', 'icp-filing'];
const caseNumberPattern = /\b(?:TS|JB)-\d{8}-\d{4,}\b/;

export interface E2eResults {
  cases: number;
  submitted: number;
  submitErrors: number;
  concurrency: number;
  warmupCases: number;
  assignmentMails: number;
  assignmentMailsInSesStore: number;
  mailsTotal: number;
  /**
   * Cases of the measured run that reached the workflow: distinct case numbers in its mails (every
   * case gets a receipt). More than `submitted` when a POST timed out at the client after the case
   * was stored (a busy machine); the per-case figures divide by this.
   */
  casesRegistered: number;
  seconds: { submit: number; firstPostToLastAssignment: number; firstPostToIdle: number };
  casesPerSecond: number;
  intakePerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  runtimeErrors: number;
  loadAverage: number[];
  /** What the meter counted during the measured run (not the warm-up). */
  calls: {
    httpRequests: number;
    sdk: Meter['sdk'];
    /** The same calls by the function that made them. */
    byFunction?: Meter['byFunction'];
    lambda: Record<string, { invocations: number; errors: number; totalMs: number; memoryMb: number; p50Ms: number; p95Ms: number }>;
    pollers: Record<string, { consumer: string; batches: number; records: number; failed: number; redelivered: number }>;
  };
  /**
   * Handler durations with one case in the system at a time (after the measured run):
   * under load every handler shares this process's one event loop with the others, so
   * its wall time there says little about a Lambda's billed duration.
   */
  solo: { cases: number; latencyMs: { p50: number; max: number }; lambda: Record<string, { invocations: number; records: number; p50Ms: number; meanMs: number; memoryMb: number }> };
  /** The calls a case made (measured run), and the emulators' raw rate for that mix (bench/capacity.ts). */
  mix: CallMix;
  capacity: CapacityResult;
  /** casesPerSecond as a share of capacity.casesPerSecond. */
  shareOfCapacity: number;
  /** The queues an event source mapping polls, and one idle run of each schedule: the fixed monthly cost. */
  queues: string[];
  idleSchedules: Record<string, ScheduleRunCost>;
}

/** A 2,000-character Chinese description (the API takes up to 5,000), unique per case by its leading marker. */
const filler = '订单页面显示的价格与结算价格不一致，客服答复需要等待核实，但已经过去多日仍无结果，请尽快处理并说明原因。';
export function longDescription(marker: string): string {
  let text = `编号 ${marker}：`;
  while (text.length < 2000) text += filler;
  return text.slice(0, 2000);
}

const body = (marker: string, i: number) =>
  JSON.stringify({
    kind: 'complaint',
    category: categories[i % categories.length],
    subject: { type: 'url', value: `https://shop${i % 7}.example.cn/orders/${marker}` },
    description: longDescription(marker),
    request: '请更正价格并退还差价',
    contact: { name: `测试${marker}`, email: `bench-${marker}@example.com` },
    language: i % 2 === 0 ? 'zh-CN' : 'en',
  });

export async function runE2e(): Promise<E2eResults> {
  const config = loadStageConfig('local');
  // One client: lift the per-client limits so the bench measures work, not 429s.
  const stageConfig = { ...config, rateLimits: { ...config.rateLimits, submissionsPerMinute: 10_000_000, requestsPerMinute: 10_000_000, mailsPerRecipientPerDay: 10_000_000 } };
  let runtimeErrors = 0;
  const firstErrors: string[] = [];
  const log: RuntimeLog = {
    info: () => undefined,
    warn: (line) => {
      runtimeErrors += 1;
      if (firstErrors.length < 5) firstErrors.push(line);
    },
    error: (line, error) => {
      runtimeErrors += 1;
      if (firstErrors.length < 5) firstErrors.push(`${line} ${String(error)}`);
    },
  };
  const system = await startLocalSystem({ log, pollers: true, scheduleTimers: false, ports: { control: false }, stageConfig, env: { POWERTOOLS_LOG_LEVEL: 'ERROR' } });
  const meter = installMeter(system.runner);
  const assignedAt = new Map<string, number>();
  let mailsTotal = 0;
  const mailedCases = new Set<string>();
  meter.onMail = ({ subject }, at) => {
    mailsTotal += 1;
    const mailed = subject.match(caseNumberPattern)?.[0];
    if (mailed) mailedCases.add(mailed);
    if (!subject.startsWith(assignmentSubject)) return;
    const n = subject.match(caseNumberPattern)?.[0];
    if (n && !assignedAt.has(n)) assignedAt.set(n, at);
  };
  try {
    const runId = Date.now().toString(36);
    // Warm-up: the same path, not counted.
    const warm = await submit(system.urls.gateway, warmupCases, `${runId}-w`);
    await waitFor(() => warm.numbers.every((n) => assignedAt.has(n)), 300_000);
    await system.waitForIdle({ timeoutMs: 120_000 });
    meter.reset();
    mailsTotal = 0;
    mailedCases.clear();
    const pollersBefore = new Map(system.queueStatus().map((q) => [q.name, q.stats]));

    const progress = setInterval(() => console.error(`e2e: ${new Date().toISOString().slice(11, 19)} ${assignedAt.size - warm.numbers.length} of ${cases} assigned`), 30_000);
    const measured = await submit(system.urls.gateway, cases, runId);
    const tSubmitted = performance.now();
    const done = await waitFor(() => measured.numbers.every((n) => assignedAt.has(n)), timeoutMs);
    clearInterval(progress);
    const assigned = measured.numbers.filter((n) => assignedAt.has(n));
    const lastAssignment = Math.max(...assigned.map((n) => assignedAt.get(n)!));
    await system.waitForIdle({ timeoutMs: 600_000 }).catch((error: Error) => {
      firstErrors.push(`not idle: ${error.message}`);
    });
    const tIdle = performance.now();
    if (!done) firstErrors.push(`only ${assigned.length} of ${measured.numbers.length} cases assigned within ${timeoutMs / 1000} s`);

    const loadedSdk = JSON.parse(JSON.stringify(meter.sdk)) as Meter['sdk'];
    const loadedByFunction = JSON.parse(JSON.stringify(meter.byFunction)) as Meter['byFunction'];
    const loadedLambda = Object.fromEntries(
      Object.entries(meter.lambda).map(([name, l]) => {
        const sorted = [...l.durationsMs].sort((a, b) => a - b);
        return [name, { invocations: l.invocations, errors: l.errors, totalMs: Math.round(l.totalMs), memoryMb: l.memoryMb, p50Ms: round(percentile(sorted, 50)), p95Ms: round(percentile(sorted, 95)) }];
      }),
    );
    const pollersAfter = system.queueStatus();
    const measuredMails = mailsTotal;
    const casesRegistered = mailedCases.size;

    // Solo: one case at a time, for handler durations without contention.
    meter.reset();
    const soloBefore = new Map(system.queueStatus().map((q) => [q.consumer, q.stats]));
    const soloLatencies: number[] = [];
    for (let i = 0; i < soloCases; i++) {
      const one = await submit(system.urls.gateway, 1, `${runId}-s${i}`, 1);
      await waitFor(() => one.numbers.every((n) => assignedAt.has(n)), 60_000);
      for (const n of one.numbers) if (assignedAt.has(n)) soloLatencies.push(assignedAt.get(n)! - one.postStartedAt.get(n)!);
      await system.waitForIdle({ timeoutMs: 60_000 }).catch(() => undefined);
    }
    const soloRecords = new Map(system.queueStatus().map((q) => [q.consumer, q.stats.succeeded + q.stats.failed - soloBefore.get(q.consumer)!.succeeded - soloBefore.get(q.consumer)!.failed]));
    soloLatencies.sort((a, b) => a - b);
    const solo = {
      cases: soloCases,
      latencyMs: { p50: Math.round(percentile(soloLatencies, 50)), max: Math.round(soloLatencies[soloLatencies.length - 1] ?? NaN) },
      lambda: Object.fromEntries(
        Object.entries(meter.lambda).map(([name, l]) => {
          const sorted = [...l.durationsMs].sort((a, b) => a - b);
          return [name, { invocations: l.invocations, records: soloRecords.get(name) ?? l.invocations, p50Ms: round(percentile(sorted, 50)), meanMs: round(l.totalMs / Math.max(1, l.invocations)), memoryMb: l.memoryMb }];
        }),
      ),
    };

    const store = (await (await fetch(`${system.urls.ses}/store`)).json()) as { emails: { subject: string }[] };

    const wanted = new Set(measured.numbers);
    const inStore = store.emails.filter((m) => m.subject.startsWith(assignmentSubject) && wanted.has(m.subject.match(caseNumberPattern)?.[0] ?? '')).length;

    const latencies = assigned.map((n) => assignedAt.get(n)! - measured.postStartedAt.get(n)!).sort((a, b) => a - b);
    const firstPost = measured.firstPostAt;
    const pollers = Object.fromEntries(
      pollersAfter.map((q) => {
        const before = pollersBefore.get(q.name)!;
        return [q.name, { consumer: q.consumer, batches: q.stats.batches - before.batches, records: q.stats.succeeded + q.stats.failed - before.succeeded - before.failed, failed: q.stats.failed - before.failed, redelivered: q.stats.redelivered - before.redelivered }];
      }),
    );
    // The fixed cost: each schedule on the idle system (the first run catches up and is not counted).
    const idleSchedules: Record<string, ScheduleRunCost> = {};
    for (const schedule of topology.schedules) {
      await system.runSchedule(schedule.name);
      meter.reset();
      for (let i = 0; i < idleScheduleRuns; i++) await system.runSchedule(schedule.name);
      idleSchedules[schedule.name] = scheduleRunCost(meter, schedule.handler, schedule.expression, idleScheduleRuns);
    }

    // The emulators' raw rate for the calls a case made, for the share printed next to the e2e rate.
    const mix = callMix(loadedSdk, Object.values(pollers).reduce((n, p) => n + p.batches, 0), Math.max(casesRegistered, measured.numbers.length));
    console.error(`e2e: measuring the emulators' raw capacity for this mix (${capacitySeconds} s, ${capacityConcurrency} in parallel)…`);
    const capacity = await measureCapacity(system.urls, system.tableName, mix, { seconds: capacitySeconds, concurrency: capacityConcurrency });
    if (firstErrors.length) console.error(`e2e: runtime warnings/errors (${runtimeErrors}; first ${firstErrors.length}):\n  ${firstErrors.join('\n  ')}`);
    return {
      cases,
      submitted: measured.numbers.length,
      submitErrors: measured.errors,
      concurrency,
      warmupCases,
      assignmentMails: assigned.length,
      assignmentMailsInSesStore: inStore,
      mailsTotal: measuredMails,
      casesRegistered,
      seconds: { submit: round((tSubmitted - firstPost) / 1000), firstPostToLastAssignment: round((lastAssignment - firstPost) / 1000), firstPostToIdle: round((tIdle - firstPost) / 1000) },
      casesPerSecond: round(assigned.length / ((lastAssignment - firstPost) / 1000)),
      intakePerSecond: round(measured.numbers.length / ((tSubmitted - firstPost) / 1000)),
      latencyMs: { p50: Math.round(percentile(latencies, 50)), p95: Math.round(percentile(latencies, 95)), p99: Math.round(percentile(latencies, 99)), max: Math.round(latencies[latencies.length - 1] ?? NaN) },
      runtimeErrors,
      loadAverage: loadavg().map((n) => round(n)),
      calls: {
        httpRequests: measured.numbers.length + measured.errors,
        sdk: loadedSdk,
        byFunction: loadedByFunction,
        lambda: loadedLambda,
        pollers,
      },
      solo,
      mix,
      capacity,
      shareOfCapacity: round(assigned.length / ((lastAssignment - firstPost) / 1000) / capacity.casesPerSecond),
      queues: Object.keys(pollers),
      idleSchedules,
    };
  } finally {
    await system.stop();
  }
}

async function submit(gateway: string, count: number, runId: string, connections = concurrency): Promise<{ numbers: string[]; errors: number; postStartedAt: Map<string, number>; firstPostAt: number }> {
  const numbers: string[] = [];
  const postStartedAt = new Map<string, number>();
  let errors = 0;
  let next = 0;
  const firstPostAt = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const started = performance.now();
      try {
        const response = await fetch(`${gateway}/complaints`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(`${runId}-${i}`, i) });
        const text = await response.text();
        if (response.status !== 201) {
          errors += 1;
          continue;
        }
        const n = (JSON.parse(text) as { caseNumber: string }).caseNumber;
        numbers.push(n);
        postStartedAt.set(n, started);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return { numbers, errors, postStartedAt, firstPostAt };
}

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return true;
}

const round = (n: number): number => Math.round(n * 100) / 100;

/** The mean of `runs` runs of one schedule, as the meter counted them, and its runs per 30-day month. */
function scheduleRunCost(meter: Meter, handler: string, expression: string, runs: number): ScheduleRunCost {
  const calls = meter.byFunction[handler] ?? {};
  let writeUnits = 0;
  let readUnits = 0;
  for (const [command, c] of Object.entries(calls.dynamodb ?? {})) {
    const units = command === 'TransactWriteItems' ? 2 * c.capacityUnits : c.capacityUnits;
    if (/^(Get|Query|Scan|BatchGet|TransactGet)/.test(command)) readUnits += units;
    else writeUnits += units;
  }
  const sqsRequests = Object.values(calls.sqs ?? {}).reduce((n, c) => n + c.calls, 0);
  const recipients = Object.values(calls.ses ?? {}).reduce((n, c) => n + c.recipients, 0);
  const lambda = meter.lambda[handler];
  return {
    runsPerMonth: runsPerMonth(expression),
    lambdaMs: round((lambda?.totalMs ?? 0) / runs),
    memoryMb: lambda?.memoryMb ?? 0,
    dynamoWriteUnits: round(writeUnits / runs),
    dynamoReadUnits: round(readUnits / runs),
    sqsRequests: round(sqsRequests / runs),
    mailRecipients: round(recipients / runs),
  };
}

function runsPerMonth(expression: string): number {
  const parsed = parseScheduleExpression(expression);
  const month = 30 * 24 * 3600 * 1000;
  if (parsed.kind === 'rate') return month / parsed.everyMs;
  const start = Date.UTC(2026, 0, 1);
  let runs = 0;
  for (let t = nextCronTime(parsed.cron, start); t !== undefined && t < start + month; t = nextCronTime(parsed.cron, t)) runs += 1;
  return runs;
}

if (require.main === module) {
  const started = Date.now();
  runE2e().then(
    (results) => {
      const out = env.BENCH_E2E_OUT;
      if (out) writeFileSync(out, JSON.stringify(results));
      else console.log(JSON.stringify(results, null, 2));
      console.error(`e2e: ${cases} cases on ${cpus().length} cores, ${((Date.now() - started) / 1000).toFixed(0)} s wall`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
