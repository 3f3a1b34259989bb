/**
 * The SLA sweep's reads and time with 1,000 and with 10,000 open cases of which the same
 * number are due. The sweep reads only the due-index hours from its resume point to now,
 * so queries, items read and time should not grow with the open cases (`flat`).
 *
 * Each size gets its own table (same definition as the system's), seeded with BatchWrite
 * of the items the case repository itself builds (`newCaseItems`: state, submission,
 * history, contact), from the intake of shared/domain/intake.ts advanced to `assigned`
 * and placed in the due index as the repository places it (not-due cases over the next
 * 30 days, due ones over the last 90 minutes). Then `sweepDueCases` (what the sla-sweep handler
 * runs) is timed: one first run (warms the JVM and sets the resume point), then `runs`
 * steady runs, each reading the same due cases again (nothing escalates them: no pollers).
 */
import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { newCaseItems } from '../shared/adapters/case-items';
import { keys } from '../shared/adapters/keys';
import { registerCase } from '../shared/domain/intake';
import type { ComplaintRequest } from '../shared/schemas/complaint-request';
import { sweepDueCases } from '../shared/workflow/sla-sweep';
import { runtimeSettings } from '../shared/config/runtime';
import { provisionTable } from '../local/provision';
import { loadStageConfig } from '../shared/config/load-stage-config';
import { topology } from '../shared/topology';
import { percentile, type Meter } from './meter';

const HOUR = 3_600_000;

export interface SweepSizeResult {
  open: number;
  due: number;
  /** Due cases the steady runs found (each run). */
  found: number;
  buckets: number;
  queries: number;
  itemsRead: number;
  readUnits: number;
  medianMs: number;
  p95Ms: number;
  runs: number;
  seedSeconds: number;
  firstRun: { buckets: number; queries: number; ms: number };
}

export interface SweepResults {
  due: number;
  sizes: Record<string, SweepSizeResult>;
  flat: boolean;
  flatRule: string;
}

/** A case item as the workflow stores it once assigned, due for its next ladder step at `dueAt`. */
export function assignedCaseItem(caseNumber: string, receivedAt: Date, dueAt: Date, writtenAt: Date): Record<string, unknown>[] {
  const request = {
    kind: 'complaint',
    category: 'service-quality',
    subject: { type: 'url', value: `https://shop.example.cn/orders/${caseNumber}` },
    description: `订单页面显示的价格与结算价格不一致，请核实。${caseNumber}`,
    request: '请更正价格并退还差价',
    evidence: [],
    language: 'zh-CN',
    confidential: false,
  } as unknown as ComplaintRequest;
  const registered = registerCase({ request, caseNumber, tokenHash: 'x'.repeat(64), receivedAt, channel: 'web' });
  const state = { ...registered.state, status: 'assigned' as const, version: 4, level: 1 as const, priority: 'general' as const, department: 'customer-service', assignee: 'li.na@example.org' };
  return newCaseItems({ ...registered, state }, { due: { next: dueAt, writtenAt } });
}

async function seed(doc: DynamoDBDocumentClient, tableName: string, open: number, due: number, now: Date): Promise<void> {
  const items = Array.from({ length: open }, (_, i) => {
    const caseNumber = `TS-20261123-${String(i + 1).padStart(5, '0')}`;
    const dueAt = i < due ? new Date(now.getTime() - Math.random() * 1.5 * HOUR) : new Date(now.getTime() + HOUR + Math.random() * 30 * 24 * HOUR);
    return assignedCaseItem(caseNumber, new Date(now.getTime() - 3 * 24 * HOUR), dueAt, new Date(now.getTime() - 2 * 24 * HOUR));
  }).flat();
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
        [tableName]: batches[next++]!.map((Item) => ({ PutRequest: { Item } })),
      };
      while (request && Object.keys(request).length > 0) {
        const answer = await doc.send(new BatchWriteCommand({ RequestItems: request }));
        request = answer.UnprocessedItems as typeof request;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

export async function sweepBench(
  clients: { raw: DynamoDBClient; doc: DynamoDBDocumentClient },
  meter: Meter,
  options: { sizes: readonly number[]; due: number; runs: number },
): Promise<SweepResults> {
  const sizes: Record<string, SweepSizeResult> = {};
  const config = loadStageConfig('local');
  for (const open of options.sizes) {
    const tableName = `sweep-bench-${randomUUID().slice(0, 8)}`;
    await provisionTable(clients.raw, tableName, topology.table);
    const now = new Date();
    const seedStarted = performance.now();
    await seed(clients.doc, tableName, open, options.due, now);
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    // Nothing escalates the due cases here, so they are never parked: each run hands the same ones.
    const settings = { tableName, queueUrls: runtimeSettings().queueUrls, config: { ...config, escalation: { ...config.escalation, parkAfterAttempts: Number.MAX_SAFE_INTEGER } } };
    const t0 = performance.now();
    const first = await sweepDueCases(settings, now);
    const firstMs = performance.now() - t0;
    const times: number[] = [];
    meter.reset();
    let steady = first;
    for (let k = 0; k < options.runs; k++) {
      const t = performance.now();
      steady = await sweepDueCases(settings, new Date(now.getTime() + (k + 1) * 1000));
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const queries = meter.sdk.dynamodb?.Query;
    sizes[String(open)] = {
      open,
      due: options.due,
      found: steady.due,
      buckets: steady.buckets,
      queries: steady.reads,
      itemsRead: Math.round((queries?.items ?? 0) / options.runs),
      readUnits: round((queries?.capacityUnits ?? 0) / options.runs),
      medianMs: round(percentile(times, 50)),
      p95Ms: round(percentile(times, 95)),
      runs: options.runs,
      seedSeconds: round(seedSeconds),
      firstRun: { buckets: first.buckets, queries: first.reads, ms: round(firstMs) },
    };
  }
  const list = Object.values(sizes);
  const smallest = list[0]!;
  const largest = list[list.length - 1]!;
  // Flat: the same queries and items, and time within 1.5× (or 10 ms: emulator noise on a shared machine).
  const flat =
    largest.queries === smallest.queries &&
    largest.itemsRead === smallest.itemsRead &&
    largest.found === smallest.found &&
    largest.medianMs <= Math.max(smallest.medianMs * 1.5, smallest.medianMs + 10);
  return { due: options.due, sizes, flat, flatRule: 'same queries, items read and due found; median time within 1.5× (or +10 ms)' };
}

export function printSweep(results: SweepResults): void {
  console.log(`\nSLA sweep, open cases of which ${results.due} are due (steady runs; first run sets the resume point)`);
  console.table(
    Object.fromEntries(
      Object.values(results.sizes).map((r) => [
        `${r.open.toLocaleString('en')} open`,
        {
          'due found': r.found,
          buckets: r.buckets,
          queries: r.queries,
          'items read': r.itemsRead,
          RCU: r.readUnits,
          'median ms': r.medianMs,
          'p95 ms': r.p95Ms,
          runs: r.runs,
          'first run': `${r.firstRun.buckets} buckets, ${r.firstRun.queries} queries, ${Math.round(r.firstRun.ms)} ms`,
          'seed s': r.seedSeconds,
        },
      ]),
    ),
  );
  console.log(`flat (${results.flatRule}): ${results.flat ? 'yes' : 'NO'}`);
}

const round = (n: number): number => Math.round(n * 100) / 100;
