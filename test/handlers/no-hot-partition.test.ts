/**
 * No item or index partition that every case writes (architecture.md 12, issue 20): a
 * write-recording middleware on the handlers' DynamoDB client sees every item and index
 * partition each committed write touches, while cases run through the real steps on
 * DynamoDB Local. DynamoDB Local has no per-partition limits, so the proof is the count:
 * no partition that is not a case's, a client's, a person's, a handler's or a subject's
 * takes writes from more than half of the cases (a department's and a time bucket's are
 * sharded too: in an incident one department and one hour take every case).
 * Also: the report's figures from the shards, the items stored before the shards read
 * beside them, and the outbox relay reading every shard.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { addClientMiddleware, dynamo, sqs } from '../../shared/adapters/aws-clients';
import { keys, outboxIndex, unshardedStatistics } from '../../shared/adapters/keys';
import { readAggregates, readHotAndMajor } from '../../shared/adapters/statistics-store';
import { readWorkList } from '../../shared/adapters/work-list';
import { runtimeSettings, queueUrlVariable } from '../../shared/config/runtime';
import { relayOutbox } from '../../shared/workflow/relay-outbox';
import { complaintBody, uniqueMarker } from '../support/cases';
import { caseItem, isolatedWorkflow, settle, submit } from './workflow-harness';

const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const minutesAfter = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

/** Partition (`STATS#2026-02#3`, `gsi1:OUTBOX#8`) → the case numbers whose writes reached it. */
const writers = new Map<string, Set<string>>();
/** Item (`pk|sk`) → its index partition keys now, so an update that moves or rewrites an index entry counts for its partition. */
const indexed = new Map<string, Record<string, string>>();
const indexKeys = ['gsi1pk', 'gsi2pk', 'gsi3pk'] as const;

type Input = Record<string, any>;
/** A value as the document client or the marshalled request holds it. */
const plain = (v: unknown): unknown => (v && typeof v === 'object' && 'S' in (v as object) ? (v as { S: string }).S : v);
const caseNumbersIn = (input: unknown): string[] => [...new Set(JSON.stringify(input).match(/[A-Z]{2}-\d{8}-\d{4,}/g) ?? [])];

function wrote(partition: string, cases: readonly string[]) {
  const set = writers.get(partition) ?? new Set<string>();
  for (const n of cases) set.add(n);
  writers.set(partition, set);
}

/** The attribute names an update expression sets (to their values) and removes. */
function assignments(input: Input): { set: Map<string, unknown>; removed: string[] } {
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
  const name = (token: string) => names[token] ?? token;
  const expression = String(input.UpdateExpression ?? '');
  const set = new Map<string, unknown>();
  for (const m of (expression.match(/SET (.*?)(?= REMOVE | ADD | DELETE |$)/)?.[1] ?? '').matchAll(/(#?\w+)\s*=\s*(:\w+)/g)) set.set(name(m[1]!), plain(values[m[2]!]));
  const removed = (expression.match(/REMOVE (.*?)(?= SET | ADD | DELETE |$)/)?.[1] ?? '').split(',').map((s) => name(s.trim())).filter(Boolean);
  return { set, removed };
}

function recordItem(operation: Input, cases: readonly string[]) {
  const { Put, Update, Delete } = operation;
  const key = (Put?.Item ?? Update?.Key ?? Delete?.Key) as Input | undefined;
  if (!key) return; // a ConditionCheck writes nothing
  const id = `${plain(key.pk)}|${plain(key.sk)}`;
  wrote(String(plain(key.pk)), cases);
  const before = indexed.get(id) ?? {};
  const after: Record<string, string> = {};
  const change = Update ? assignments(Update) : undefined;
  for (const index of indexKeys) {
    const now = Put ? plain(Put.Item[index]) : Update ? (change!.set.has(index) ? change!.set.get(index) : change!.removed.includes(index) ? undefined : before[index]) : undefined;
    // Conservative: any write to an item in an index rewrites its entry there (projected attributes, sort key).
    if (before[index]) wrote(`${index.slice(0, 4)}:${before[index]}`, cases);
    if (now) {
      after[index] = String(now);
      wrote(`${index.slice(0, 4)}:${now}`, cases);
    }
  }
  indexed.set(id, after);
}

function recordWrite(command: string | undefined, input: Input) {
  const cases = caseNumbersIn(input);
  if (command === 'TransactWriteItemsCommand') for (const item of input.TransactItems as Input[]) recordItem(item, cases);
  else if (command === 'PutItemCommand' || command === 'PutCommand') recordItem({ Put: input }, cases);
  else if (command === 'UpdateItemCommand' || command === 'UpdateCommand') recordItem({ Update: input }, cases);
  else if (command === 'DeleteItemCommand' || command === 'DeleteCommand') recordItem({ Delete: input }, cases);
  else if (command === 'BatchWriteItemCommand' || command === 'BatchWriteCommand') {
    for (const requests of Object.values(input.RequestItems as Record<string, Input[]>)) {
      for (const r of requests) recordItem(r.PutRequest ? { Put: r.PutRequest } : { Delete: r.DeleteRequest }, caseNumbersIn(r));
    }
  }
}

/**
 * Partitions that belong to one case, client, person, handler or subject: their load
 * follows that one's volume, not every case's.
 */
const ownedBySomeone = [
  /^CASE#/, /^RATE#/, /^COMPLAINANT#/, /^MAILCAP#/, /^DUPLICATE#/, /^SUBMISSION#/, /^SUPPRESSED#/, /^UPLOAD#/, /^STATS-APPLIED#/, /^SUBMITTER-LIMIT#/,
  /^LOAD#/, /^gsi2:ASSIGNEE#/, /^CLUSTER#/,
];

let tableName: string;
beforeAll(async () => {
  ({ tableName } = await isolatedWorkflow({ complaint: 'XH', report: 'XJ' }));
  addClientMiddleware('dynamodb', 'partition-writes', (next, context) => async (args) => {
    const output = await next(args);
    recordWrite(context.commandName, args.input as Input); // committed writes only
    return output;
  });
});

const total = 40;
const clusterSize = 12;
const receivedAt = at('2026-02-10 10:00');
const month = '2026-02';
const week = '2026-W07';
const cases: string[] = [];
const cluster: string[] = [];

describe(`${total} cases, ${clusterSize} of them one hot cluster`, () => {
  it('no partition outside a case, client, person, handler or subject takes writes from more than half the cases', { timeout: 300_000 }, async () => {
    const incident = { type: 'url', value: `https://outage-${uniqueMarker()}.example.cn/` };
    for (let i = 0; i < total; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: 10 }, (_, j) => {
          const marker = uniqueMarker();
          const inCluster = i + j < clusterSize;
          return submit(complaintBody(marker, inCluster ? { subject: incident } : { subject: { type: 'url', value: `https://shop-${marker}.example.cn/` } }), minutesAfter(receivedAt, i));
        }),
      );
      cases.push(...batch);
      if (i === 0) cluster.push(...batch.slice(0, clusterSize));
      if (i === 10) cluster.push(...batch.slice(0, clusterSize - 10));
      await settle(minutesAfter(receivedAt, i + 1));
    }
    await settle(minutesAfter(receivedAt, 60));
    for (const n of cases) expect((await caseItem(n)).status).toBe('assigned');

    const shared = [...writers].filter(([partition]) => !ownedBySomeone.some((owned) => owned.test(partition)));
    const busiest = shared.map(([partition, by]) => ({ partition, cases: [...by].filter((n) => cases.includes(n)).length })).sort((a, b) => b.cases - a.cases);
    expect(busiest.filter((p) => p.cases > total / 2)).toEqual([]);
    // The partitions that every case wrote before (issue 20) are written now, in shards.
    for (const family of [/^STATS#2026-02#\d+$/, /^STATS#2026-W07#\d+$/, /^gsi1:OUTBOX#\d+$/, /^gsi3:DEPARTMENT#-#\d+$/, /^gsi1:DUE#[\dT-]+#\d+$/, /^gsi3:DEPARTMENT#[a-z][a-z-]*#\d+$/]) {
      expect(busiest.filter((p) => family.test(p.partition)).length, String(family)).toBeGreaterThan(1);
    }
  });

  it('the month read from its shards: every case counted once, the cluster listed hot in its month and its week, from one item per case', async () => {
    const [bucket] = await readAggregates(tableName, [month]);
    expect(bucket!.aggregate.counters).toMatchObject({ received: total, 'received.priority.hot': clusterSize, 'received.priority.general': total - clusterSize });
    expect(bucket!.aggregate.subjects.observed).toBe(total);
    expect(bucket!.aggregate.subjects.entries.find((e) => e.count === clusterSize)).toBeDefined();
    expect(await readHotAndMajor(tableName, month)).toEqual([...cluster].sort());
    expect(await readHotAndMajor(tableName, week)).toEqual([...cluster].sort());
    // The listing item is under the receipt month alone (it holds the week): none under the week's shards.
    const weekShards = [...writers.keys()].filter((p) => p.startsWith(`STATS#${week}#`));
    expect(weekShards.length).toBeGreaterThan(1);
    const underWeek = await Promise.all(weekShards.map(async (pk) => (await dynamo().query({ TableName: tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :hot)', ExpressionAttributeValues: { ':pk': pk, ':hot': 'HOT#' } })).Items ?? []));
    expect(underWeek.flat()).toEqual([]);
  });
});

describe('items stored before the shards', () => {
  it('a period\'s unsharded counters, summary and hot-and-major set are read beside the shards', async () => {
    const period = '2025-11';
    await dynamo().send(new PutCommand({ TableName: tableName, Item: { ...unshardedStatistics.counters(period), type: 'statistics', period, 'n:received': 5, 'n:received.priority.hot': 1, hotAndMajor: new Set(['XH-20251101-0001']) } }));
    await dynamo().send(new PutCommand({ TableName: tableName, Item: { ...unshardedStatistics.subjects(period), type: 'statistics-subjects', period, observed: 5, entries: [{ label: 'url:old.example.cn', count: 5, error: 0 }] } }));
    const newCase = await submit(complaintBody(uniqueMarker(), { subject: { type: 'url', value: `https://new-${uniqueMarker()}.example.cn/` } }), at('2025-11-12 10:00'));
    await settle(at('2025-11-12 10:05'));
    expect((await caseItem(newCase)).status).toBe('assigned');

    const [bucket] = await readAggregates(tableName, [period]);
    expect(bucket!.aggregate.counters).toMatchObject({ received: 6, 'received.priority.hot': 1 });
    expect(bucket!.aggregate.subjects.observed).toBe(6);
    expect(bucket!.aggregate.subjects.entries[0]).toEqual({ label: 'url:old.example.cn', count: 5, error: 0 });
    expect(await readHotAndMajor(tableName, period)).toEqual(['XH-20251101-0001']);
  });
});

describe('the outbox relay and the admin list read every shard', () => {
  it('fault injected: hand-offs to review lost for cases in several shards and one entry in the unsharded OUTBOX; the admin list pages through every case with no department; one relay run sends each, the old entry moves to its shard', { timeout: 120_000 }, async () => {
    const start = at('2026-03-03 10:00');
    const reviewUrl = process.env[queueUrlVariable('review')];
    const client = sqs();
    const original = client.send.bind(client) as (...args: unknown[]) => Promise<unknown>;
    const fault = vi.spyOn(client, 'send').mockImplementation(((command: { input?: { QueueUrl?: string }; constructor: { name: string } }, ...rest: unknown[]) =>
      command.constructor.name === 'SendMessageCommand' && command.input?.QueueUrl === reviewUrl
        ? Promise.reject(Object.assign(new Error('injected: review unavailable'), { name: 'ServiceUnavailable' }))
        : original(command, ...rest)) as typeof client.send);
    const lost = await Promise.all(Array.from({ length: 12 }, () => submit(complaintBody(uniqueMarker(), { subject: { type: 'url', value: `https://lost-${uniqueMarker()}.example.cn/` } }), start)));
    fault.mockRestore();
    const shardsHit = new Set(await Promise.all(lost.map(async (n) => String((await caseItem(n)).gsi1pk))));
    expect(shardsHit.size).toBeGreaterThan(1);
    for (const p of shardsHit) expect(outboxIndex.partitions()).toContain(p);
    // One entry as the code before the shards stored it.
    const old = lost[0]!;
    await dynamo().send(new UpdateCommand({ TableName: tableName, Key: keys.case(old), UpdateExpression: 'SET gsi1pk = :old', ExpressionAttributeValues: { ':old': 'OUTBOX' } }));

    // Not yet reviewed, so no department: in the shards of gsi3, one of them as stored before the shards; an admin's list pages through them all.
    await dynamo().send(new UpdateCommand({ TableName: tableName, Key: keys.case(lost[1]!), UpdateExpression: 'SET gsi3pk = :old', ExpressionAttributeValues: { ':old': 'DEPARTMENT#-' } }));
    const pagedThrough: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      const { rows, more } = await readWorkList(tableName, { scopes: [{ kind: 'department', department: undefined, queueOnly: false }], limit: 5, ...(after ? { after } : {}) });
      pagedThrough.push(...rows.map((r) => r.caseNumber));
      after = rows.at(-1)?.rank;
      if (!more) break;
    }
    expect(pagedThrough.sort()).toEqual([...lost].sort());

    const relayed = await relayOutbox(runtimeSettings(), minutesAfter(start, 10));
    // Each case's hand-off to review, and its receipt's to notify (the review step would have sent it).
    expect(relayed.relayed).toBe(2 * lost.length);
    const moved = await dynamo().send(new GetCommand({ TableName: tableName, Key: keys.case(old), ConsistentRead: true }));
    expect(moved.Item?.gsi1pk).toBe(outboxIndex.partition(old));
    await settle(minutesAfter(start, 11));
    for (const n of lost) expect((await caseItem(n)).status).toBe('assigned');
  });
});
