/**
 * Per department and per handler figures (效果考核, 绩效考核) as items of their own
 * (`STATS#<period>#<shard>` / `TEAM#<scope>#<id>`), on the real table (DynamoDB Local):
 * the shard's counters item does not grow with the staff, the report's figures are those
 * of the reference store, each change counts once however often its message comes, and
 * team attributes written inside the counters items before still count.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamo } from '../../shared/adapters/aws-clients';
import { loadCase } from '../../shared/adapters/case-reads';
import { saveChange } from '../../shared/adapters/case-store';
import { allShards, keys, shardOf, shards } from '../../shared/adapters/keys';
import { readAggregates, statisticsWrites } from '../../shared/adapters/statistics-store';
import { runtimeSettings } from '../../shared/config/runtime';
import { teamFigures } from '../../shared/domain/report';
import { updatesOfChange } from '../../shared/domain/statistics';
import { counter } from '../../shared/domain/statistics-counters';
import { complaintBody, uniqueMarker } from '../support/cases';
import { BucketStore, resolvedAfter, zone } from '../unit/domain/statistics-fixtures';
import { caseItem, deliver, invoke, isolatedWorkflow, receive, toRecord, submit, type Isolated } from './workflow-harness';

const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const minutesAfter = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);
const withTeams = async (period: string) => (await readAggregates(env.tableName, [period], { teamsOf: [period] }))[0]!.aggregate;
const counterItems = async (period: string) =>
  Promise.all(allShards(shards.statistics).map(async (s) => (await dynamo().send(new GetCommand({ TableName: env.tableName, Key: keys.statistics(period, s), ConsistentRead: true }))).Item ?? {}));

let env: Isolated;
beforeAll(async () => {
  env = await isolatedWorkflow({ complaint: 'TQ', report: 'TR' });
});

describe('50 handlers in 5 departments, each closing a case', () => {
  const month = '2026-01';
  const reference = new BucketStore();

  beforeAll(async () => {
    for (let i = 0; i < 50; i++) {
      const caseNumber = `TQ-20260112-${String(i + 1).padStart(4, '0')}`;
      const team = { department: `department-${i % 5}`, assignee: `Handler.${i}@example.org` };
      const changes = resolvedAfter(caseNumber, '2026-01-12T02:00:00.000Z', 3, i % 2 === 0, team);
      reference.record(changes);
      // What the case change's transaction carries (versioned: its condition on the case's version makes it once).
      for (const c of changes) await dynamo().transactWrite({ TransactItems: statisticsWrites(env.tableName, caseNumber, updatesOfChange(c, zone), new Date(c.at), { versioned: true }) });
    }
  }, 120_000);

  it('the shards\' counters items hold no team figure: the same attributes whatever the number of handlers', async () => {
    const own = Object.keys(reference.get(month).counters).filter((name) => !name.startsWith('team.')).map((name) => `n:${name}`);
    const items = await counterItems(month);
    expect(items.filter((item) => item.pk).length).toBeGreaterThan(1);
    for (const item of items) {
      for (const name of Object.keys(item)) expect(['pk', 'sk', 'type', 'period', ...own]).toContain(name);
    }
  });

  it('each handler and department has items of its own, and the report\'s byHandler and byDepartment are the reference store\'s', async () => {
    const read = await withTeams(month);
    expect(Object.keys(teamFigures(read, 'handler'))).toHaveLength(50);
    expect(teamFigures(read, 'handler')).toEqual(teamFigures(reference.get(month), 'handler'));
    expect(teamFigures(read, 'department')).toEqual(teamFigures(reference.get(month), 'department'));
    expect(teamFigures(read, 'handler')['handler.7@example.org']).toMatchObject({ received: 1, resolved: 1, onTimeShare: 0 });
    const own = await dynamo().send(new GetCommand({ TableName: env.tableName, Key: keys.statisticsTeam(month, shardOf('TQ-20260112-0008', shards.statistics), 'handler', 'handler.7@example.org'), ConsistentRead: true }));
    expect(own.Item).toMatchObject({ type: 'statistics-team', scope: 'handler', member: 'handler.7@example.org', 'n:received': 1, 'n:resolved': 1 });
  });
});

describe('exactly once through the steps', () => {
  it('a redelivered assign message and a replayed change add nothing to the department\'s and handler\'s items; figures written inside the counters items before still count', async () => {
    const month = '2026-02';
    const receivedAt = at('2026-02-11 10:00');
    const caseNumber = await submit(complaintBody(uniqueMarker()), receivedAt);
    await deliver('review', minutesAfter(receivedAt, 1));
    await deliver('classify', minutesAfter(receivedAt, 2));
    const classified = (await loadCase(env.tableName, caseNumber))!;
    const department = classified.state.department!;
    // As stored before the team items: a figure inside a counters item (of a shard this case does not write).
    await dynamo().send(new PutCommand({ TableName: env.tableName, Item: { ...keys.statistics(month, (shardOf(caseNumber, shards.statistics) + 1) % shards.statistics), type: 'statistics', period: month, [`n:${counter.team('department', department, 'received')}`]: 2 } }));
    const [message] = await receive(env.queueUrls.assign!);
    const record = toRecord('assign', message!, minutesAfter(receivedAt, 3), 1);
    expect((await invoke('assign', [record])).batchItemFailures).toEqual([]);
    const handler = String((await caseItem(caseNumber)).assignee).toLowerCase();
    const once = await withTeams(month);
    // The same message again (SQS delivered it twice), and the committed change stored once more.
    expect((await invoke('assign', [{ ...record, attributes: { ...record.attributes, ApproximateReceiveCount: '2' } }])).batchItemFailures).toEqual([]);
    const assigned = (await loadCase(env.tableName, caseNumber))!;
    expect(await saveChange(runtimeSettings(), classified, { outcomes: [], state: { ...assigned.state, version: classified.state.version + 1 }, at: minutesAfter(receivedAt, 3) })).toBe('conflict');

    const twice = await withTeams(month);
    expect(twice).toEqual(once);
    expect(teamFigures(twice, 'department')[department]!.received).toBe(3);
    expect(teamFigures(twice, 'handler')[handler]!.received).toBe(1);
    const item = await dynamo().send(new GetCommand({ TableName: env.tableName, Key: keys.statisticsTeam(month, shardOf(caseNumber, shards.statistics), 'handler', handler), ConsistentRead: true }));
    expect(item.Item?.['n:received']).toBe(1);
    expect(Object.keys((await counterItems(month))[shardOf(caseNumber, shards.statistics)]!).filter((name) => name.startsWith('n:team.'))).toEqual([]);
  });
});
