/**
 * The due, closed and department indexes in shards (issue 20 Deliver 2): a case writes its
 * shard of the hour, the month or the department, and each reader reads every shard and the
 * partition of the entries stored before the shards. Real cases through the real steps on
 * DynamoDB Local: the SLA sweep hands every due case, a department's work list pages through
 * every case once in urgency order, the retention sweep erases every closed case; then each
 * reader against one entry in every shard.
 */
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as retentionSweep } from '../../functions/retention-sweep';
import { handler as slaSweep } from '../../functions/sla-sweep';
import { dynamo } from '../../shared/adapters/aws-clients';
import { casesClosedUntil } from '../../shared/adapters/case-erasure';
import { allShards, closedIndex, dueIndex, keys, shardOf, shards, workListIndex } from '../../shared/adapters/keys';
import { readWorkList } from '../../shared/adapters/work-list';
import { dueInBucket } from '../../shared/adapters/workflow-store';
import type { RetentionSweepResult } from '../../shared/workflow/retention-sweep';
import type { SweepResult } from '../../shared/workflow/sla-sweep';
import { complaintBody, uniqueMarker } from '../support/cases';
import { lambdaContext, scheduledEvent } from '../support/events';
import { caseItem, isolatedWorkflow, noticesOf, partition, settle, submit } from './workflow-harness';

const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
// The functions' own timeouts (60 s): a first sweep reads a month of empty hours.
const sweep = async (time: Date) => (await slaSweep(scheduledEvent(time), lambdaContext('sla-sweep', 60_000))) as SweepResult;
const retention = async (time: Date) => (await retentionSweep(scheduledEvent(time), lambdaContext('retention-sweep', 60_000))) as RetentionSweepResult;
const set = async (caseNumber: string, attribute: 'gsi1pk' | 'gsi3pk', value: string) =>
  dynamo().send(new UpdateCommand({ TableName: tableName, Key: keys.case(caseNumber), UpdateExpression: `SET ${attribute} = :v`, ExpressionAttributeValues: { ':v': value } }));

let tableName: string;
/** Level-1 complaints received together: the same department, their first reminder due in the same hour. */
const open: string[] = [];

beforeAll(async () => {
  ({ tableName } = await isolatedWorkflow({ complaint: 'IS', report: 'IR' }));
  // Monday 23 November 2026, 10:00 to 10:11, one a minute: first-response reminders due from 13:12 on.
  for (let i = 0; i < 12; i++) {
    const marker = uniqueMarker();
    open.push(await submit(complaintBody(marker, { subject: { type: 'account', value: `shard-${marker}` } }), new Date(at('2026-11-23 10:00').getTime() + i * 60_000)));
  }
  await settle(at('2026-11-23 10:15'));
}, 180_000);

describe('the due index in shards', () => {
  it('each case is in its shard of the hour; one sweep hands every due case, one of them stored before the shards', { timeout: 120_000 }, async () => {
    const items = await Promise.all(open.map(caseItem));
    for (const [i, item] of items.entries()) {
      expect(item.status).toBe('assigned');
      expect(item.gsi1pk).toBe(dueIndex.partition(String(item.nextDueAt), open[i]!));
      expect(dueIndex.bucket(String(item.nextDueAt))).toBe('DUE#2026-11-23T05');
    }
    expect(new Set(items.map((item) => item.gsi1pk)).size).toBeGreaterThan(1);
    await set(open[0]!, 'gsi1pk', dueIndex.bucket(String(items[0]!.nextDueAt)));

    const result = await sweep(at('2026-11-23 13:30'));
    expect(result.due).toBe(open.length);
    await settle(at('2026-11-23 13:30'));
    for (const n of open) expect((await noticesOf(n)).filter((notice) => notice.topic === 'reminder').map((notice) => notice.state)).toEqual(['sent']);
  });
});

describe('the department work list in shards', () => {
  it('a department\'s list pages through its shards and the partition of before the shards: every case once, most urgent first', async () => {
    const department = String((await caseItem(open[0]!)).department);
    const items = await Promise.all(open.map(caseItem));
    for (const [i, item] of items.entries()) {
      expect(item.department).toBe(department);
      expect(item.gsi3pk).toBe(workListIndex.department.partition(department, open[i]!));
    }
    expect(new Set(items.map((item) => item.gsi3pk)).size).toBeGreaterThan(1);
    await set(open[1]!, 'gsi3pk', `DEPARTMENT#${department}`);

    const ranks: string[] = [];
    const listed: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      const { rows, more } = await readWorkList(tableName, { scopes: [{ kind: 'department', department, queueOnly: false }], limit: 5, ...(after ? { after } : {}) });
      listed.push(...rows.map((r) => r.caseNumber));
      ranks.push(...rows.map((r) => r.rank));
      after = rows.at(-1)?.rank;
      if (!more) break;
    }
    expect(listed).toHaveLength(open.length);
    expect([...listed].sort()).toEqual([...open].sort());
    expect(ranks).toEqual([...ranks].sort());
    expect(new Set(ranks).size).toBe(ranks.length);
  });
});

describe('the closed index in shards', () => {
  it('closed cases in several shards of the month and one stored before the shards: the retention sweep erases each', { timeout: 120_000 }, async () => {
    const closed: string[] = [];
    for (let i = 0; i < 8; i++) {
      const marker = uniqueMarker();
      // A simple inquiry: answered and closed by review at once.
      closed.push(await submit(complaintBody(marker, { category: 'other', description: `请问你们的人工服务时间是什么时候？${marker}` }), at('2026-11-24 10:00')));
    }
    await settle(at('2026-11-24 10:01'));
    const items = await Promise.all(closed.map(caseItem));
    for (const [i, item] of items.entries()) {
      expect(item.status).toBe('closed');
      expect(item.gsi1pk).toBe(closedIndex.partition(String(item.closedAt), closed[i]!));
    }
    expect(new Set(items.map((item) => item.gsi1pk)).size).toBeGreaterThan(1);
    await set(closed[0]!, 'gsi1pk', closedIndex.bucket(String(items[0]!.closedAt)));

    const result = await retention(new Date(Date.parse(String(items[0]!.closedAt)) + 366 * 86_400_000));
    expect(result).toMatchObject({ due: closed.length, erased: closed.length });
    for (const n of closed) expect(await partition(n)).toEqual([]);
    for (const n of open) expect(await caseItem(n)).toBeDefined();
  });
});

describe('each reader against an entry in every shard', () => {
  /** A case number of each shard of `count` (and one more for the partition of before the shards). */
  const oneOfEach = (count: number, prefix: string): string[] => {
    const found = new Map<number, string>();
    for (let i = 1; found.size < count; i++) {
      const n = `${prefix}-20250601-${String(i).padStart(4, '0')}`;
      if (!found.has(shardOf(n, count))) found.set(shardOf(n, count), n);
    }
    return [...allShards(count).map((s) => found.get(s)!), `${prefix}-20250601-9999`];
  };
  const put = (n: string, gsi1pk: string, gsi1sk: string) => dynamo().send(new PutCommand({ TableName: tableName, Item: { ...keys.case(n), caseNumber: n, gsi1pk, gsi1sk } }));
  const remove = (n: string) => dynamo().send(new DeleteCommand({ TableName: tableName, Key: keys.case(n) }));

  it('the due index: the cases of every shard and of the old bucket, in order of their due instant', async () => {
    const cases = oneOfEach(shards.due, 'QD');
    // Due a minute apart, the last case first, so the order is the sort key's and not the shards'.
    const dueAt = (i: number) => new Date(Date.parse('2025-06-01T03:00:00.000Z') + (cases.length - i) * 60_000).toISOString();
    await Promise.all(cases.map((n, i) => put(n, i < shards.due ? dueIndex.partition(dueAt(i), n) : dueIndex.bucket(dueAt(i)), dueIndex.sortKey(dueAt(i), n))));
    const found = await dueInBucket(tableName, 'DUE#2025-06-01T03', new Date('2025-06-01T04:00:00.000Z'));
    expect(found.cases).toEqual(cases.map((n, i) => ({ caseNumber: n, dueAt: dueAt(i) })).reverse());
    expect(found.reads).toBe(shards.due + 1);
    await Promise.all(cases.map(remove));
  });

  it('the closed index: the cases of every shard and of the old month, in order of closing', async () => {
    const cases = oneOfEach(shards.closed, 'QC');
    const closedAt = (i: number) => new Date(Date.parse('2025-06-01T03:00:00.000Z') + (cases.length - i) * 60_000).toISOString();
    await Promise.all(cases.map((n, i) => put(n, i < shards.closed ? closedIndex.partition(closedAt(i), n) : closedIndex.bucket(closedAt(i)), closedIndex.sortKey(closedAt(i), n))));
    const found = await casesClosedUntil(tableName, ['2025-06'], new Date('2025-07-01T00:00:00.000Z'));
    expect(found).toEqual(cases.map((n, i) => ({ caseNumber: n, closedAt: closedAt(i) })).reverse());
    await Promise.all(cases.map(remove));
  });
});
