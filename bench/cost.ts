/**
 * Calls per case by service, turned into cost per 1,000 cases at the AWS list prices of
 * ../shared/toolchain.md (on-demand, us-east-1), and the fixed monthly cost (idle polling,
 * schedules, alarms, custom metrics, dashboard, KMS keys). Input: what bench/e2e.ts counted
 * and bench/fixed-resources.ts counted in the template. Prices dated with their sources in
 * docs/performance.md ("Prices").
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { E2eResults } from './e2e';
import type { CommandCount } from './meter';
import type { FixedResources } from './fixed-resources';

export const listPrices = {
  httpApiPerMillionRequests: 1.0,
  lambdaPerMillionRequests: 0.2,
  lambdaPerGbSecondArm64: 0.0000133334,
  dynamoPerMillionWriteUnits: 0.625,
  dynamoPerMillionReadUnits: 0.125,
  sqsPerMillionRequests: 0.4,
  sesPerThousandEmails: 0.1,
  schedulerPerMillionInvocations: 1.0,
  cloudwatchPerAlarmMetricMonth: 0.1,
  cloudwatchPerCustomMetricMonth: 0.3,
  cloudwatchPerDashboardMonth: 3.0,
  kmsPerKeyMonth: 1.0,
} as const;

const readCommands = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const writeCommands = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

/**
 * Units AWS bills for the calls of one command: what DynamoDB Local reported (index writes
 * sized by the projected item: probed, a 5 KB item costs 5 units on an `ALL` index and 1 on
 * a `KEYS_ONLY` one), plus the failed writes it reports nothing for (AWS bills them), and
 * transactions doubled (DynamoDB Local reports them at 1×, probed: two 1 KB puts → 2 units).
 */
export function billedUnits(command: string, c: Pick<CommandCount, 'capacityUnits'> & { failedWriteUnits?: number }): number {
  const units = c.capacityUnits + (c.failedWriteUnits ?? 0);
  return command === 'TransactWriteItems' ? 2 * units : units;
}

export interface CostResults {
  perThousandCases: { total: number; nonMail: number; byService: Record<string, number> };
  /**
   * The same cases arriving one at a time (a trickle, the usual daily load): every queue
   * message is its own batch, so one invocation, one receive and one delete per message.
   */
  perThousandCasesTrickle: { total: number; lambdaInvocationsPerCase: number; sqsRequestsPerCase: number };
  callsPerCase: Record<string, number>;
  /** Calls per case by command, as counted (DynamoDB, SQS, SES) or modelled (SQS event source mapping). */
  detail: Record<string, Record<string, number>>;
  assumptions: string[];
}

export function costModel(e2e: E2eResults): CostResults {
  // Cases that reached the workflow (a POST that timed out at the client may still have stored its case).
  const n = Math.max(e2e.casesRegistered ?? 0, e2e.submitted);
  const per = (x: number) => x / n;
  const sdk = e2e.calls.sdk;

  const http = per(e2e.calls.httpRequests);

  const invocations = Object.values(e2e.calls.lambda).reduce((a, l) => a + l.invocations, 0);
  // GB-seconds: per record from the solo run (one case at a time), times the records per
  // case of the loaded run; register-case is one record (one request) per invocation.
  let gbSeconds = 0;
  const lambdaDetail: Record<string, number> = {};
  for (const [name, loaded] of Object.entries(e2e.calls.lambda)) {
    const solo = e2e.solo.lambda[name];
    const records = Object.values(e2e.calls.pollers).find((p) => p.consumer === name)?.records ?? loaded.invocations;
    const msPerRecord = solo ? (solo.meanMs * solo.invocations) / Math.max(1, solo.records) : loaded.totalMs / Math.max(1, loaded.invocations);
    gbSeconds += per(records) * (msPerRecord / 1000) * (loaded.memoryMb / 1024);
    lambdaDetail[`${name} invocations`] = round4(per(loaded.invocations));
  }

  const sqsHandler = Object.values(sdk.sqs ?? {}).reduce((a, c) => a + c.calls, 0);
  const batches = Object.values(e2e.calls.pollers).reduce((a, p) => a + p.batches, 0);
  // Event source mapping, modelled: one ReceiveMessage and one DeleteMessageBatch per batch handed to a function.
  const sqsEsm = 2 * batches;
  const sqsRequests = per(sqsHandler + sqsEsm);

  let readUnits = 0;
  let writeUnits = 0;
  const dynamoDetail: Record<string, number> = {};
  for (const [command, c] of Object.entries(sdk.dynamodb ?? {})) {
    const units = billedUnits(command, c);
    if (readCommands.has(command)) readUnits += units;
    else if (writeCommands.has(command)) writeUnits += units;
    const factor = command === 'TransactWriteItems' ? 2 : 1;
    dynamoDetail[`${command} calls`] = round4(per(c.calls));
    dynamoDetail[`${command} units`] = round4(per(units));
    dynamoDetail[`${command} units on the table`] = round4(per(factor * c.tableUnits));
    for (const [index, u] of Object.entries(c.indexUnits)) dynamoDetail[`${command} units on ${index}`] = round4(per(factor * u));
  }
  // SES bills per recipient, not per SendEmail call.
  const mails = per(sdk.ses?.SendEmail?.recipients ?? 0);
  // DynamoDB by the function that made the calls: billed write and read units per case.
  const dynamoByFunction: Record<string, number> = {};
  for (const [fn, services] of Object.entries(e2e.calls.byFunction ?? {})) {
    let w = 0;
    let r = 0;
    let calls = 0;
    for (const [command, c] of Object.entries(services.dynamodb ?? {})) {
      const units = billedUnits(command, c);
      if (readCommands.has(command)) r += units;
      else if (writeCommands.has(command)) w += units;
      calls += c.calls;
    }
    dynamoByFunction[`${fn} calls`] = round4(per(calls));
    dynamoByFunction[`${fn} write units`] = round4(per(w));
    dynamoByFunction[`${fn} read units`] = round4(per(r));
  }

  const callsPerCase = {
    httpApiRequests: round4(http),
    lambdaInvocations: round4(per(invocations)),
    lambdaGbSeconds: round4(gbSeconds),
    sqsRequests: round4(sqsRequests),
    dynamoWriteUnits: round4(per(writeUnits)),
    dynamoReadUnits: round4(per(readUnits)),
    sesEmails: round4(mails),
    schedulerInvocations: 0,
  };
  const thousand = (perCase: number, pricePerUnit: number) => perCase * 1000 * pricePerUnit;
  const byService = {
    apiGateway: thousand(http, listPrices.httpApiPerMillionRequests / 1e6),
    lambdaRequests: thousand(per(invocations), listPrices.lambdaPerMillionRequests / 1e6),
    lambdaCompute: thousand(gbSeconds, listPrices.lambdaPerGbSecondArm64),
    sqs: thousand(sqsRequests, listPrices.sqsPerMillionRequests / 1e6),
    dynamodbWrites: thousand(per(writeUnits), listPrices.dynamoPerMillionWriteUnits / 1e6),
    dynamodbReads: thousand(per(readUnits), listPrices.dynamoPerMillionReadUnits / 1e6),
    ses: thousand(mails, listPrices.sesPerThousandEmails / 1000),
    scheduler: 0,
  };
  const total = Object.values(byService).reduce((a, b) => a + b, 0);
  const records = Object.values(e2e.calls.pollers).reduce((a, p) => a + p.records, 0);
  const trickleInvocations = per(e2e.calls.lambda['register-case']?.invocations ?? n) + per(records);
  const trickleSqs = per(sqsHandler + 2 * records);
  const trickleTotal =
    total -
    byService.lambdaRequests -
    byService.sqs +
    thousand(trickleInvocations, listPrices.lambdaPerMillionRequests / 1e6) +
    thousand(trickleSqs, listPrices.sqsPerMillionRequests / 1e6);
  return {
    perThousandCases: { total: round6(total), nonMail: round6(total - byService.ses), byService: Object.fromEntries(Object.entries(byService).map(([k, v]) => [k, round6(v)])) },
    perThousandCasesTrickle: { total: round6(trickleTotal), lambdaInvocationsPerCase: round4(trickleInvocations), sqsRequestsPerCase: round4(trickleSqs) },
    callsPerCase,
    detail: {
      dynamodb: dynamoDetail,
      ...(Object.keys(dynamoByFunction).length ? { 'dynamodb by function': dynamoByFunction } : {}),
      sqs: { ...Object.fromEntries(Object.entries(sdk.sqs ?? {}).map(([k, c]) => [`${k} (handlers)`, round4(per(c.calls))])), 'ReceiveMessage + DeleteMessageBatch (event source mapping, modelled)': round4(per(sqsEsm)) },
      lambda: lambdaDetail,
      ses: { 'SendEmail calls': round4(per(sdk.ses?.SendEmail?.calls ?? 0)), recipients: round4(mails) },
    },
    assumptions: [
      `Prices: toolchain.md list prices (on-demand, us-east-1): ${JSON.stringify(listPrices)}. No free tier applied.`,
      `Workload: ${n} ordinary complaints with an email address and a 2,000-character Chinese description, round-robin over 4 categories (levels 1 and 2, no security alert), unique subjects (no duplicate merges, no hot clusters); each gets a receipt and an assignment mail. Later ladder notices (sweep, escalate) are not part of the per-case figure.`,
      'HTTP API: one request per case (the POST); the status page and form loads are not counted.',
      'Lambda requests: invocations counted by wrapping the local runner: one per POST plus one per batch the local pollers handed to a consumer (batch size 10). The bench submits faster than the workflow drains, so batches are nearly full; a trickle of cases (one at a time) makes every message its own batch: see perThousandCasesTrickle.',
      'Lambda GB-seconds: handler wall time per record measured with ONE case in the system at a time (solo phase), times records per case, times the function memory of shared/topology.ts (register-case 512 MB, steps 256 MB); arm64 price. Under load the in-process wall times are inflated by sharing one event loop (see e2e lambda p50/p95) and are not used. Init (cold start) duration is billed too since August 2025 but is spread over the many invocations of a warm container, and is not counted. Emulator latency (DynamoDB Local about 1 ms per call) stands in for AWS latency (single-digit ms): a rough figure either way.',
      'SQS: every handler request counted (SendMessage/SendMessageBatch via the SDK middleware) plus, for the event source mapping, one ReceiveMessage and one DeleteMessageBatch per batch handed to a function (modelled from the pollers\' batch counts). The local pollers themselves issue an extra top-up receive per batch and idle long polls every second; on AWS the mapping\'s idle long polling (about 20 s waits, several pollers per queue) is billed too, but as a fixed monthly cost (order of a few million requests ≈ $1-2/month for 5 queues), not per case, and is left out.',
      'DynamoDB: ReturnConsumedCapacity INDEXES on every call of the handlers (set by the bench meter, not the handlers), as DynamoDB Local reports it (item size rounded up to 1 KB per write / 4 KB per read, eventually consistent reads at half, GSI writes included and broken out per index); TransactWriteItems doubled because DynamoDB Local reports transactions at 1× while AWS bills 2×. On-demand write/read request units.',
      'SES: billed per recipient: every address in To, Cc and Bcc of every SendEmail counted.',
      'EventBridge Scheduler: outbox-relay every minute and sla-sweep every 5 minutes are about 52,000 invocations a month whatever the volume: under the 14 million free, and not per case (their Lambda requests, about $0.01/month, are not per case either).',
    ],
  };
}

export function printCost(cost: CostResults, cases: number): void {
  console.log(`\nCalls per case by service and cost per 1,000 cases (list prices, toolchain.md; from the e2e run of ${cases.toLocaleString('en')} cases)`);
  const rows: Record<string, { 'per case': number; unit: string; 'USD per 1,000 cases': number }> = {
    'API Gateway (HTTP API)': { 'per case': cost.callsPerCase.httpApiRequests!, unit: 'requests', 'USD per 1,000 cases': cost.perThousandCases.byService.apiGateway! },
    'Lambda requests': { 'per case': cost.callsPerCase.lambdaInvocations!, unit: 'invocations', 'USD per 1,000 cases': cost.perThousandCases.byService.lambdaRequests! },
    'Lambda compute (arm64)': { 'per case': cost.callsPerCase.lambdaGbSeconds!, unit: 'GB-seconds', 'USD per 1,000 cases': cost.perThousandCases.byService.lambdaCompute! },
    SQS: { 'per case': cost.callsPerCase.sqsRequests!, unit: 'requests', 'USD per 1,000 cases': cost.perThousandCases.byService.sqs! },
    'DynamoDB writes': { 'per case': cost.callsPerCase.dynamoWriteUnits!, unit: 'write units', 'USD per 1,000 cases': cost.perThousandCases.byService.dynamodbWrites! },
    'DynamoDB reads': { 'per case': cost.callsPerCase.dynamoReadUnits!, unit: 'read units', 'USD per 1,000 cases': cost.perThousandCases.byService.dynamodbReads! },
    SES: { 'per case': cost.callsPerCase.sesEmails!, unit: 'mail recipients', 'USD per 1,000 cases': cost.perThousandCases.byService.ses! },
    'EventBridge Scheduler': { 'per case': 0, unit: 'fixed, not per case', 'USD per 1,000 cases': 0 },
  };
  rows['total without mail'] = { 'per case': NaN, unit: '', 'USD per 1,000 cases': cost.perThousandCases.nonMail };
  rows.total = { 'per case': NaN, unit: '', 'USD per 1,000 cases': cost.perThousandCases.total };
  console.table(rows);
  const t = cost.perThousandCasesTrickle;
  console.log(`Same cases as a trickle (every queue message its own batch): ${t.lambdaInvocationsPerCase} invocations and ${t.sqsRequestsPerCase} SQS requests per case, USD ${t.total} per 1,000 cases`);
  console.log('Calls per case by command:');
  console.table(Object.fromEntries(Object.entries(cost.detail).flatMap(([service, commands]) => Object.entries(commands).map(([command, v]) => [`${service} ${command}`, { 'per case': v }]))));
}

/** What one idle run of a schedule asked for, measured (bench/e2e.ts runs each schedule on the idle system). */
export interface ScheduleRunCost {
  readonly runsPerMonth: number;
  readonly lambdaMs: number;
  readonly memoryMb: number;
  readonly dynamoWriteUnits: number;
  readonly dynamoReadUnits: number;
  readonly sqsRequests: number;
  readonly mailRecipients: number;
}

export interface FixedCost {
  readonly perMonth: { total: number; byItem: Record<string, number> };
  readonly assumptions: string[];
}

/** Long-poll pollers an SQS event source mapping keeps on an idle queue (AWS starts with five), each a 20 s receive. */
const idlePollersPerQueue = 5;
const longPollSeconds = 20;
const secondsPerMonth = 30 * 24 * 3600;

/** The cost that does not depend on the number of cases: idle queue polling, the schedules' runs and the resources billed by the month. */
export function fixedMonthlyCost(queues: readonly string[], schedules: Readonly<Record<string, ScheduleRunCost>>, resources?: FixedResources): FixedCost {
  const byItem: Record<string, number> = {};
  if (resources) {
    byItem[`CloudWatch alarms (${resources.alarmMetrics} alarm metrics, standard resolution)`] = round6(resources.alarmMetrics * listPrices.cloudwatchPerAlarmMetricMonth);
    byItem[`CloudWatch custom metrics (${resources.customMetrics}: name × step dimension)`] = round6(resources.customMetrics * listPrices.cloudwatchPerCustomMetricMonth);
    byItem[`CloudWatch dashboards (${resources.dashboards})`] = round6(resources.dashboards * listPrices.cloudwatchPerDashboardMonth);
    byItem[`KMS keys (${resources.kmsKeys}, customer managed)`] = round6(resources.kmsKeys * listPrices.kmsPerKeyMonth);
  }
  const pollRequests = (idlePollersPerQueue * secondsPerMonth) / longPollSeconds;
  for (const queue of queues) byItem[`idle polling of queue ${queue}`] = round6((pollRequests * listPrices.sqsPerMillionRequests) / 1e6);
  for (const [name, run] of Object.entries(schedules)) {
    const perRun =
      listPrices.schedulerPerMillionInvocations / 1e6 +
      listPrices.lambdaPerMillionRequests / 1e6 +
      (run.lambdaMs / 1000) * (run.memoryMb / 1024) * listPrices.lambdaPerGbSecondArm64 +
      (run.dynamoWriteUnits * listPrices.dynamoPerMillionWriteUnits) / 1e6 +
      (run.dynamoReadUnits * listPrices.dynamoPerMillionReadUnits) / 1e6 +
      (run.sqsRequests * listPrices.sqsPerMillionRequests) / 1e6 +
      (run.mailRecipients * listPrices.sesPerThousandEmails) / 1000;
    byItem[`schedule ${name} (${Math.round(run.runsPerMonth).toLocaleString('en')} runs)`] = round6(perRun * run.runsPerMonth);
  }
  return {
    perMonth: { total: round6(Object.values(byItem).reduce((a, b) => a + b, 0)), byItem },
    assumptions: [
      `Idle queue polling: the SQS event source mapping keeps ${idlePollersPerQueue} long-poll pollers per queue (${longPollSeconds} s receives) while the queue is empty: ${Math.round(pollRequests).toLocaleString('en')} ReceiveMessage requests a month per queue; the local pollers are not a model of this.`,
      'Schedules: each schedule run on the idle system after the e2e run (the first run, a catch-up, discarded; the mean of the next runs), counted like the handlers\' calls: scheduler invocation, Lambda request, GB-seconds at the topology memory, DynamoDB units, SQS requests, mail recipients. No free tier.',
      ...(resources ? [`Alarms, custom metrics, dashboards and KMS keys counted in the synthesised ${resources.stage} template (bench/fixed-resources.ts) and the metric catalogue; no free tier (10 alarm metrics, 10 custom metrics, 3 dashboards free per account); KMS requests (the alarm topic's, a few a month) left out.`] : []),
      'A month is 30 days.',
    ],
  };
}

export function printFixedCost(fixed: FixedCost): void {
  console.log('\nFixed monthly cost, whatever the number of cases (USD per month, list prices)');
  console.table({ ...Object.fromEntries(Object.entries(fixed.perMonth.byItem).map(([k, v]) => [k, { 'USD per month': v }])), total: { 'USD per month': fixed.perMonth.total } });
}

const round4 = (n: number): number => Math.round(n * 10_000) / 10_000;
const round6 = (n: number): number => Math.round(n * 1_000_000) / 1_000_000;

/** `npx tsx bench/cost.ts`: prices bench/results.json's recorded calls again (e.g. after a price change). */
if (require.main === module) {
  const file = join(__dirname, 'results.json');
  const results = JSON.parse(readFileSync(file, 'utf8')) as { e2e?: { raw?: E2eResults }; cost?: CostResults; fixedCost?: FixedCost };
  if (!results.e2e?.raw) throw new Error('bench/results.json has no e2e.raw: run `npm run bench` first');
  results.cost = costModel(results.e2e.raw);
  printCost(results.cost, results.e2e.raw.submitted);
  const { queues, idleSchedules } = results.e2e.raw;
  if (queues && idleSchedules) {
    results.fixedCost = fixedMonthlyCost(queues, idleSchedules, (require('./fixed-resources') as typeof import('./fixed-resources')).countFixedResources('prod'));
    printFixedCost(results.fixedCost);
  }
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
