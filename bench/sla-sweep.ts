/**
 * The SLA sweep's reads and time with 1,000 and with 10,000 open cases of which the same
 * number (100) are due: the sweep reads only the due-index hours up to now, so both
 * should be flat. `npx tsx bench/sla-sweep.ts` (starts its own emulators, no pollers).
 *
 * Open cases are seeded as their due-index entries only (what the sweep reads): the
 * not-due ones spread over the next 30 days, the due ones over the last 90 minutes.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dueIndex, keys } from '../shared/adapters/keys';
import { resetRuntimeSettings } from '../shared/config/runtime';
import { sweepDueCases } from '../shared/workflow/sla-sweep';
import { startLocalSystem } from '../local/system';
import { provisionTable } from '../local/provision';
import { topology } from '../shared/topology';

const due = 100;
const HOUR = 3_600_000;

async function seed(client: DynamoDBDocumentClient, tableName: string, open: number, now: Date): Promise<void> {
  const items = Array.from({ length: open }, (_, i) => {
    const caseNumber = `TS-20261123-${String(i + 1).padStart(5, '0')}`;
    const at = i < due ? new Date(now.getTime() - Math.random() * 1.5 * HOUR) : new Date(now.getTime() + HOUR + Math.random() * 30 * 24 * HOUR);
    const iso = at.toISOString();
    return { ...keys.case(caseNumber), type: 'case', caseNumber, status: 'assigned', nextDueAt: iso, gsi1pk: dueIndex.bucket(iso), gsi1sk: dueIndex.sortKey(iso, caseNumber) };
  });
  for (let i = 0; i < items.length; i += 25) {
    await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
}

async function main(): Promise<void> {
  const system = await startLocalSystem({ quiet: true, pollers: false, scheduleTimers: false, ports: { control: false }, env: { POWERTOOLS_LOG_LEVEL: 'ERROR' } });
  const raw = new DynamoDBClient({ endpoint: system.urls.dynamodb, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const client = DynamoDBDocumentClient.from(raw);
  const rows: Record<string, unknown>[] = [];
  try {
    for (const open of [1_000, 10_000]) {
      const tableName = `sweep-bench-${randomUUID().slice(0, 8)}`;
      await provisionTable(raw, tableName, topology.table);
      process.env.TABLE_NAME = tableName;
      resetRuntimeSettings();
      const now = new Date();
      await seed(client, tableName, open, now);
      // Warm the JVM and set the resume point (the first run ever looks back 31 days).
      const t0 = performance.now();
      const first = await sweepDueCases(tableName, now);
      const firstMs = performance.now() - t0;
      const runs: number[] = [];
      let steady = first;
      for (let k = 0; k < 5; k++) {
        const t = performance.now();
        steady = await sweepDueCases(tableName, new Date(now.getTime() + (k + 1) * 1000));
        runs.push(performance.now() - t);
      }
      runs.sort((a, b) => a - b);
      rows.push({ open, due: steady.due, buckets: steady.buckets, queries: steady.reads, medianMs: Math.round(runs[2]!), firstRun: { buckets: first.buckets, queries: first.reads, ms: Math.round(firstMs) } });
    }
  } finally {
    raw.destroy();
    await system.stop();
  }
  console.table(rows.map(({ firstRun, ...r }) => ({ ...r, firstRun: JSON.stringify(firstRun) })));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
