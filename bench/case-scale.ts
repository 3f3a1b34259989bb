/**
 * Write units and transaction items per case as a cluster and a month grow (issue 20,
 * Deliver 6): `npm run bench -- --only scale`. Flat is the target: a case about a subject
 * with 5,000 earlier complaints, or in a month of 100,000 cases, should cost what the first
 * case costs.
 *
 * Pushing 5,000 real cases through the workflow on two shared cores takes too long, so the
 * volume before the measured cases is seeded straight into the local system's table in the
 * workflow's item shapes: for a cluster of size k, k - 1 member items (`joinCluster`'s
 * shape, distinct complainants, received a minute before) and, when those make it hot, the
 * hot mark the case that turned it hot would have put; for a month of n cases, the month's
 * and week's report buckets as `putAggregate` writes them (counters in the shares of a real
 * month, a subject summary that observed every case) with 2 % of them hot or major. Then
 * `SCALE_CASES` (5) complaints go through the whole workflow (intake, review, classify,
 * assign, the notices) with the pollers on, and the meter (`ReturnConsumedCapacity:
 * INDEXES`) sums per function the write units on the table and every index, transactions
 * counted twice as AWS bills them, failed conditional writes included (they consume), and
 * the items of every transaction.
 *
 * Sizes: `SCALE_CLUSTER_SIZES` (1,100,5000), `SCALE_MONTH_SIZES` (1000,100000). At cluster
 * size 1 every measured case has a subject of its own; at larger sizes the measured cases
 * join the seeded cluster (members k to k + SCALE_CASES - 1).
 */
import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { putAggregate } from '../shared/adapters/statistics-store';
import { keys } from '../shared/adapters/keys';
import { subjectHash } from '../shared/adapters/workflow-store';
import type { StageConfig } from '../shared/config/stage-config';
import { clusterIsHot } from '../shared/domain/priority';
import { periodsOf } from '../shared/domain/report-period';
import { subjectKey } from '../shared/domain/subject-key';
import { round } from './stats';
import { monthOf } from './report';
import type { CommandCount, Meter } from './meter';

export interface ScaleRow {
  scenario: string;
  cases: number;
  /** Billed write units per case, by function (table + indexes, transactions 2×). */
  writeUnits: Record<string, number>;
  totalWriteUnits: number;
  /** Of those, on each index. */
  indexUnits: Record<string, number>;
  /** Items in TransactWriteItems per case, by function. */
  transactionItems: Record<string, number>;
  /** Writes that failed (conditional checks, cancelled transactions) per case; their units are in writeUnits. */
  failedWrites: number;
}

export interface ScaleResults {
  casesPerScenario: number;
  rows: ScaleRow[];
  classifyFlat: { from: number; to: number; ratio: number; met: boolean };
  /** The same from the second cluster size (already hot: the hot member's listing item on both sides) to the largest. */
  classifyHotFlat: { from: number; to: number; ratio: number; met: boolean };
  monthFlat: { from: number; to: number; ratio: number; met: boolean };
}

const writeCommands = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);
const longText = '订单页面显示的价格与结算价格不一致，请核实并更正。'.repeat(80).slice(0, 2000);

export interface ScaleSystem {
  readonly tableName: string;
  readonly gatewayUrl: string;
  readonly config: StageConfig;
  readonly doc: DynamoDBDocumentClient;
  waitForIdle(): Promise<void>;
}

export async function scaleBench(system: ScaleSystem, meter: Meter, options: { clusterSizes: readonly number[]; monthSizes: readonly number[]; cases: number }, progress: (line: string) => void): Promise<ScaleResults> {
  const run = randomUUID().slice(0, 8);
  const rows: ScaleRow[] = [];
  for (const size of options.clusterSizes) {
    const url = (i: number) => (size === 1 ? `https://solo-${run}-${i}.example.cn/outage` : `https://incident-${run}-${size}.example.cn/outage`);
    if (size > 1) {
      progress(`cluster of ${size}: seeding ${size - 1} members`);
      await seedCluster(system, subjectKey({ type: 'url', value: url(0) }), size - 1, run);
    }
    progress(`cluster of ${size}: ${options.cases} measured cases`);
    rows.push(await measure(system, meter, `cluster size ${size.toLocaleString('en')}`, options.cases, (i) => url(i), run));
  }
  for (const volume of options.monthSizes) {
    progress(`month of ${volume}: seeding the report buckets`);
    await seedMonth(system, volume, run);
    progress(`month of ${volume}: ${options.cases} measured cases`);
    rows.push(await measure(system, meter, `${volume.toLocaleString('en')} cases in the month`, options.cases, (i) => `https://shop-${run}-${volume}-${i}.example.cn/orders`, run));
  }
  const classify = (row: ScaleRow) => row.writeUnits['classify-case'] ?? 0;
  const clusterRows = rows.filter((r) => r.scenario.startsWith('cluster'));
  const monthRows = rows.filter((r) => r.scenario.includes('month'));
  const flat = (list: ScaleRow[], value: (r: ScaleRow) => number, sizes: readonly number[]) => {
    const [a, b] = [list[0], list[list.length - 1]];
    const ratio = a && b && value(a) > 0 ? round(value(b) / value(a), 3) : NaN;
    return { from: sizes[0] ?? 0, to: sizes[sizes.length - 1] ?? 0, ratio, met: Math.abs(ratio - 1) <= 0.1 };
  };
  return {
    casesPerScenario: options.cases,
    rows,
    classifyFlat: flat(clusterRows, classify, options.clusterSizes),
    classifyHotFlat: flat(clusterRows.slice(1), classify, options.clusterSizes.slice(1)),
    monthFlat: flat(monthRows, (r) => r.totalWriteUnits, options.monthSizes),
  };
}

/** `count` members before the measured cases, distinct complainants, a minute old; the hot mark when they make the cluster hot. */
async function seedCluster(system: ScaleSystem, key: string, count: number, run: string): Promise<void> {
  const subject = subjectHash(key);
  const at = new Date(Date.now() - 60_000).toISOString();
  const expiresAt = Math.floor(Date.now() / 1000) + (system.config.priority.clusterWindowDays + 2) * 86_400;
  const members = Array.from({ length: count }, (_, i) => {
    const caseNumber = `TS-${run.slice(0, 6)}-${String(i + 1).padStart(5, '0')}`;
    const complainantKey = `seed-${run}-${i}`;
    return { ...keys.clusterMember(subject, complainantKey, caseNumber), type: 'cluster-member', caseNumber, complainantKey, at, expiresAt };
  });
  await batchPut(system, members);
  if (clusterIsHot(system.config.priority, count)) {
    await system.doc.send(new PutCommand({ TableName: system.tableName, Item: { ...keys.clusterHot(subject), type: 'cluster-hot', at, clusterComplainants: count, raisedBy: members[count - 1]!.caseNumber, expiresAt } }));
  }
}

/** The month's and the week's report buckets as if `volume` cases (a quarter of them in the week) had come in; 2 % hot or major. */
async function seedMonth(system: ScaleSystem, volume: number, run: string): Promise<void> {
  const categories = system.config.categories.map((c) => c.id);
  const { month, week } = periodsOf(new Date(), system.config.timeZone);
  const listed = (n: number) => Array.from({ length: Math.round(n * 0.02) }, (_, i) => `JB-${run.slice(0, 6)}-${String(i + 1).padStart(6, '0')}`);
  await putAggregate(system.tableName, monthOf(month, volume, categories), listed(volume));
  await putAggregate(system.tableName, monthOf(week, Math.round(volume / 4), categories), listed(volume / 4));
}

async function batchPut(system: ScaleSystem, items: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let request: Record<string, unknown>[] | undefined = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (request && request.length > 0) {
      const result = await system.doc.send(new BatchWriteCommand({ RequestItems: { [system.tableName]: request as never } }));
      request = result.UnprocessedItems?.[system.tableName] as Record<string, unknown>[] | undefined;
    }
  }
}

async function measure(system: ScaleSystem, meter: Meter, scenario: string, cases: number, url: (i: number) => string, run: string): Promise<ScaleRow> {
  meter.reset();
  for (let i = 0; i < cases; i++) {
    const response = await fetch(`${system.gatewayUrl}/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'complaint',
        category: 'service-quality',
        subject: { type: 'url', value: url(i) },
        description: `${run}-${scenario}-${i} ${longText}`.slice(0, 2000),
        contact: { name: `测试${i}`, email: `scale-${run}-${scenario.replace(/\W+/g, '-')}-${i}@example.com` },
        language: 'zh-CN',
      }),
    });
    if (response.status !== 201) throw new Error(`POST answered ${response.status}: ${await response.text()}`);
  }
  await system.waitForIdle();
  const per = (n: number) => round(n / cases, 2);
  const writeUnits: Record<string, number> = {};
  const indexUnits: Record<string, number> = {};
  const transactionItems: Record<string, number> = {};
  let failed = 0;
  for (const [fn, services] of Object.entries(meter.byFunction)) {
    for (const [command, c] of Object.entries(services.dynamodb ?? {})) {
      if (!writeCommands.has(command)) continue;
      const factor = command === 'TransactWriteItems' ? 2 : 1;
      writeUnits[fn] = (writeUnits[fn] ?? 0) + factor * unitsOf(c);
      for (const [index, u] of Object.entries(c.indexUnits)) indexUnits[index] = (indexUnits[index] ?? 0) + factor * u;
      if (command === 'TransactWriteItems') transactionItems[fn] = (transactionItems[fn] ?? 0) + c.batchItems;
      failed += c.errors;
    }
  }
  const total = Object.values(writeUnits).reduce((a, b) => a + b, 0);
  return {
    scenario,
    cases,
    writeUnits: Object.fromEntries(Object.entries(writeUnits).map(([k, v]) => [k, per(v)])),
    totalWriteUnits: per(total),
    indexUnits: Object.fromEntries(Object.entries(indexUnits).map(([k, v]) => [k, per(v)])),
    transactionItems: Object.fromEntries(Object.entries(transactionItems).map(([k, v]) => [k, per(v)])),
    failedWrites: per(failed),
  };
}

/** Units on the table and its indexes (DynamoDB Local reports both with INDEXES; CapacityUnits is their sum), and the failed writes' estimate (bench/meter.ts). */
const unitsOf = (c: CommandCount): number => (c.tableUnits || Object.keys(c.indexUnits).length ? c.tableUnits + Object.values(c.indexUnits).reduce((a, b) => a + b, 0) : c.capacityUnits) + c.failedWriteUnits;

export function printScale(results: ScaleResults): void {
  console.log(`\nWrite units per case (table + indexes, transactions 2×, failed writes included; ${results.casesPerScenario} measured cases per scenario after the seeded volume)`);
  const functions = [...new Set(results.rows.flatMap((r) => Object.keys(r.writeUnits)))].sort();
  console.table(Object.fromEntries(results.rows.map((r) => [r.scenario, { ...Object.fromEntries(functions.map((f) => [f, r.writeUnits[f] ?? 0])), total: r.totalWriteUnits, 'failed writes': r.failedWrites }])));
  console.log('Transaction items per case, by function');
  const txFunctions = [...new Set(results.rows.flatMap((r) => Object.keys(r.transactionItems)))].sort();
  console.table(Object.fromEntries(results.rows.map((r) => [r.scenario, Object.fromEntries(txFunctions.map((f) => [f, r.transactionItems[f] ?? 0]))])));
  console.log('Of the write units, on each index');
  console.table(Object.fromEntries(results.rows.map((r) => [r.scenario, r.indexUnits])));
  const { classifyFlat: c, classifyHotFlat: h, monthFlat: m } = results;
  console.log(`classify-case write units, cluster size ${c.from} → ${c.to}: ×${c.ratio} (flat within 10 %: ${c.met ? 'yes' : 'NO'})`);
  console.log(`classify-case write units, hot cluster size ${h.from} → ${h.to}: ×${h.ratio} (flat within 10 %: ${h.met ? 'yes' : 'NO'})`);
  console.log(`write units per case, ${m.from} → ${m.to} cases in the month: ×${m.ratio} (flat within 10 %: ${m.met ? 'yes' : 'NO'})`);
}
