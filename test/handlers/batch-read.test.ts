/**
 * A throttled BatchGetItem answers with the keys it did not read (`UnprocessedKeys`), not
 * with an error, so the client's retry never sees it. Injected on purpose here (DynamoDB
 * Local never throttles): the first BatchGetItem of each read leaves half its keys
 * unprocessed. Every reader still gets every item (shared/adapters/batch-read.ts).
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { addClientMiddleware, dynamo } from '../../shared/adapters/aws-clients';
import { keys } from '../../shared/adapters/keys';
import { readAggregates } from '../../shared/adapters/statistics-store';
import { readLoads } from '../../shared/adapters/workflow-store';
import { isolatedWorkflow } from './workflow-harness';

let tableName: string;
/** BatchGetItem calls to leave half unprocessed, and the calls made. */
const injected = { remaining: 0, calls: 0 };

beforeAll(async () => {
  ({ tableName } = await isolatedWorkflow({ complaint: 'XB', report: 'XC' }));
  addClientMiddleware('dynamodb', 'unprocessed-keys-injection', (next, context) => async (args) => {
    if (context.commandName !== 'BatchGetCommand' && context.commandName !== 'BatchGetItemCommand') return next(args);
    injected.calls += 1;
    const requests = args.input.RequestItems as Record<string, { Keys: unknown[] }>;
    const [table, request] = Object.entries(requests)[0]!;
    if (injected.remaining === 0 || request.Keys.length < 2) return next(args);
    injected.remaining -= 1;
    const half = Math.ceil(request.Keys.length / 2);
    const result = await next({ ...args, input: { ...args.input, RequestItems: { [table]: { ...request, Keys: request.Keys.slice(0, half) } } } });
    return { ...result, output: { ...result.output, UnprocessedKeys: { [table]: { ...request, Keys: request.Keys.slice(half) } } } };
  });
});
beforeEach(() => {
  injected.remaining = 1;
  injected.calls = 0;
});

it('fault injected: a handler load left unprocessed is read again, not taken for 0 (routing by load)', async () => {
  const staff = ['a@example.org', 'b@example.org', 'c@example.org', 'd@example.org'];
  for (const [i, id] of staff.entries()) await dynamo().send(new PutCommand({ TableName: tableName, Item: { ...keys.load(id), staffId: id, openCases: i + 1, assigned: 1 } }));
  const { openCases, rotation } = await readLoads(tableName, staff);
  expect(Object.fromEntries(openCases)).toEqual({ 'a@example.org': 1, 'b@example.org': 2, 'c@example.org': 3, 'd@example.org': 4 });
  expect(rotation).toBe(4);
  expect(injected.calls).toBe(2);
});

it('fault injected: report counters left unprocessed are read again; the month sums every shard', async () => {
  for (const shard of [0, 5, 7]) await dynamo().send(new PutCommand({ TableName: tableName, Item: { ...keys.statistics('2026-01', shard), type: 'statistics', period: '2026-01', 'n:received': 10 } }));
  const [month] = await readAggregates(tableName, ['2026-01']);
  expect(month!.aggregate.counters.received).toBe(30);
  expect(injected.calls).toBe(2);
});
