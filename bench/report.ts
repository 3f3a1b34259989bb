/**
 * The monthly report's reads and time with 1,000 and with 100,000 cases in the period
 * (issue 13 item 6). The report reads pre-aggregated buckets, never cases, so reads, items
 * and time should not grow with the cases (`flat`).
 *
 * Each size gets its own table (the system's definition), with the period's bucket and
 * the eleven before it put as the statistics store writes them (`putAggregate`): counters
 * for `cases` cases in the shares of a real month (bench figures, not a fixture) and a
 * top-subject summary that observed all of them; and the same 20 hot and major cases
 * (their state items) at every size: that list grows with the hot and major cases, not
 * with the volume; and the figures of the same 5 departments and 40 handlers (效果考核,
 * 绩效考核: 45 `TEAM#` items the report queries). Then `runPeriodReport` (what the monthly-report handler runs: read,
 * build, store, mail) runs once untimed and is timed `runs` times, the stored report
 * deleted before each.
 */
import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../shared/adapters/keys';
import { putAggregate } from '../shared/adapters/statistics-store';
import { loadStageConfig } from '../shared/config/load-stage-config';
import { counter, emptyAggregate, type PeriodAggregate } from '../shared/domain/statistics-counters';
import { periodsEndingWith } from '../shared/domain/report-period';
import { observeSubject } from '../shared/domain/top-subjects';
import { runPeriodReport } from '../shared/workflow/build-report';
import { provisionTable } from '../local/provision';
import { topology } from '../shared/topology';
import { percentile, type Meter } from './meter';

export interface ReportSizeResult {
  cases: number;
  batchGets: number;
  itemsRead: number;
  writes: number;
  medianMs: number;
  p95Ms: number;
  runs: number;
}

export interface ReportBenchResults {
  hotAndMajor: number;
  sizes: Record<string, ReportSizeResult>;
  flat: boolean;
  flatRule: string;
}

const period = '2026-10';
const firedAt = new Date('2026-11-01T09:00:00+08:00');
const hotAndMajor = Array.from({ length: 20 }, (_, i) => `JB-20261001-${String(i + 1).padStart(4, '0')}`);
/** Departments and handlers with figures in every month, at every size. */
const departments = 5;
const handlers = 40;

/** A month of `cases` in round shares: what the counters hold, not how they got there. */
export function monthOf(name: string, cases: number, categories: readonly string[]): PeriodAggregate {
  const share = (s: number) => Math.round(cases * s);
  const resolved = share(0.9);
  const c: Record<string, number> = {
    [counter.received]: cases,
    [counter.receivedBy('kind', 'complaint')]: share(0.7),
    [counter.receivedBy('kind', 'report')]: cases - share(0.7),
    [counter.receivedBy('channel', 'web')]: cases,
    [counter.receivedBy('level', 1)]: share(0.3),
    [counter.receivedBy('level', 2)]: share(0.6),
    [counter.receivedBy('level', 3)]: cases - share(0.3) - share(0.6),
    [counter.receivedBy('priority', 'general')]: share(0.9),
    [counter.receivedBy('priority', 'hot')]: cases - share(0.9),
    [counter.resolvedOfReceived]: resolved,
    [counter.resolved]: resolved,
    [counter.onTime]: share(0.8),
    [counter.handlingSeconds]: resolved * 30 * 3600,
    [counter.overdue]: share(0.08),
    [counter.escalated]: share(0.02),
    [counter.appeals]: share(0.05),
    [counter.appealsChanged]: share(0.01),
    [counter.responses]: share(0.4),
    [counter.responsesResolved]: share(0.3),
    [counter.scored]: share(0.4),
    [counter.scoreSum]: share(0.4) * 4,
  };
  for (const [i, category] of categories.entries()) c[counter.receivedBy('category', category)] = i === 0 ? cases - (categories.length - 1) * Math.floor(cases / categories.length) : Math.floor(cases / categories.length);
  // Results spread over the histogram's first ten buckets (up to 240 h).
  for (let i = 0; i < 10; i++) c[counter.handlingBucket(i)] = i === 0 ? resolved - 9 * Math.floor(resolved / 10) : Math.floor(resolved / 10);
  // 效果考核 / 绩效考核: the same staff at every size, each with a share of the month (their items grow with the staff, not the cases).
  for (const [scope, count] of [['department', departments], ['handler', handlers]] as const) {
    for (let i = 0; i < count; i++) {
      const id = scope === 'department' ? `department-${i}` : `handler-${i}@example.org`;
      const part = (n: number) => Math.floor(n / count);
      for (const [figure, value] of Object.entries({ received: part(cases), resolved: part(resolved), onTime: part(share(0.8)), 'handling.2': part(resolved), reopened: part(share(0.02)), appeals: part(share(0.05)), responses: part(share(0.4)), responsesResolved: part(share(0.3)), scored: part(share(0.4)), scoreSum: part(share(0.4) * 4) })) {
        c[counter.team(scope, id, figure)] = value;
      }
    }
  }
  let subjects = emptyAggregate(name).subjects;
  for (let i = 0; i < cases; i++) subjects = observeSubject(subjects, `url:shop${Math.floor((i * 7919) % 500)}.example.cn`);
  return { period: name, counters: c, subjects };
}

export async function reportBench(clients: { raw: DynamoDBClient; doc: DynamoDBDocumentClient }, meter: Meter, sizes: readonly number[], runs: number): Promise<ReportBenchResults> {
  const config = loadStageConfig('local');
  const categories = config.categories.map((c) => c.id);
  const results: Record<string, ReportSizeResult> = {};
  for (const cases of sizes) {
    const tableName = `report-bench-${randomUUID().slice(0, 8)}`;
    await provisionTable(clients.raw, tableName, topology.table);
    for (const name of periodsEndingWith(period, 12)) await putAggregate(tableName, monthOf(name, cases, categories), name === period ? hotAndMajor : []);
    for (const caseNumber of hotAndMajor) await clients.doc.send(putCase(tableName, caseNumber));
    // One run untimed first: the JIT and the first connections, not the size, would show in the smallest size.
    await runPeriodReport({ tableName, config }, 'month', firedAt);
    const times: number[] = [];
    meter.reset();
    for (let k = 0; k < runs; k++) {
      await clients.doc.send(deleteReport(tableName));
      const t = performance.now();
      const run = await runPeriodReport({ tableName, config }, 'month', firedAt);
      times.push(performance.now() - t);
      if (run.outcome !== 'mailed') throw new Error(`report bench: ${JSON.stringify(run)}`);
    }
    const dynamodb = meter.sdk.dynamodb ?? {};
    const reads = ['BatchGetItem', 'GetItem', 'Query'].map((name) => dynamodb[name]).filter((x) => x !== undefined);
    times.sort((a, b) => a - b);
    results[String(cases)] = {
      cases,
      batchGets: Math.round((dynamodb.BatchGetItem?.calls ?? 0) / runs),
      itemsRead: Math.round(reads.reduce((n, r) => n + r.items, 0) / runs),
      writes: Math.round(['PutItem', 'UpdateItem', 'TransactWriteItems'].reduce((n, name) => n + (dynamodb[name]?.calls ?? 0), 0) / runs),
      medianMs: Math.round(percentile(times, 50)),
      p95Ms: Math.round(percentile(times, 95)),
      runs,
    };
  }
  const list = Object.values(results);
  const [small, large] = [list[0]!, list[list.length - 1]!];
  const flatRule = 'same reads and items at every size; median time within 1.5× the smallest (+20 ms)';
  const flat = large.batchGets === small.batchGets && large.itemsRead === small.itemsRead && large.medianMs <= small.medianMs * 1.5 + 20;
  return { hotAndMajor: hotAndMajor.length, sizes: results, flat, flatRule };
}

function putCase(tableName: string, caseNumber: string): PutCommand {
  return new PutCommand({ TableName: tableName, Item: { ...keys.case(caseNumber), caseNumber, priority: 'major', status: 'in-progress' } });
}

function deleteReport(tableName: string): DeleteCommand {
  return new DeleteCommand({ TableName: tableName, Key: keys.report(period) });
}

export function printReportBench(results: ReportBenchResults): void {
  console.log(`\nMonthly report from the aggregates (${results.hotAndMajor} hot and major cases at every size; read, build, store, mail)`);
  console.table(
    Object.fromEntries(
      Object.values(results.sizes).map((r) => [
        `${r.cases.toLocaleString('en')} cases`,
        { BatchGetItem: r.batchGets, 'items read': r.itemsRead, writes: r.writes, 'median ms': r.medianMs, 'p95 ms': r.p95Ms, runs: r.runs },
      ]),
    ),
  );
  console.log(`flat (${results.flatRule}): ${results.flat ? 'yes' : 'NO'}`);
}
