/**
 * Write units per case, by function and by table/index: `npx tsx bench/write-units.ts`.
 * Starts the local system (ports 0, pollers on, no schedules), submits WRITE_UNITS_CASES
 * complaints with an email and a 2,000-character Chinese description (WRITE_UNITS_DESCRIPTION
 * = short for a 22-character one), waits until every queue is idle, and sums the
 * `ConsumedCapacity` DynamoDB Local reports with `ReturnConsumedCapacity: INDEXES` through
 * the metering hook of shared/adapters/aws-clients.ts. Transactions are counted twice
 * (DynamoDB Local reports them at 1x, AWS bills 2x). `WRITE_UNITS_ITEMS=1` also lists, per
 * function, every kind of item written (partition and sort key up to the first `#`), how
 * often per case and, for puts, the item's mean size: where the units go.
 */
import './quiet-env';
import { AsyncLocalStorage } from 'node:async_hooks';
import { loadStageConfig } from '../shared/config/load-stage-config';
import { startLocalSystem } from '../local/system';
import { addClientMiddleware } from '../shared/adapters/aws-clients';

const cases = Number(process.env.WRITE_UNITS_CASES ?? 40);
const short = process.env.WRITE_UNITS_DESCRIPTION === 'short';
const categories = ['service-quality', 'information-error', 'functional-fault', 'icp-filing'];
const longText = '订单页面显示的价格与结算价格不一致，请核实并更正。'.repeat(80).slice(0, 2000);

type Capacity = { TableName?: string; CapacityUnits?: number; Table?: { CapacityUnits?: number }; GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }> };
const units: Record<string, Record<string, number>> = {};
const calls: Record<string, Record<string, number>> = {};
const fn = new AsyncLocalStorage<string>();
const listItems = process.env.WRITE_UNITS_ITEMS === '1';
/** Per function and item kind: writes, and the summed size of the items put. */
const items: Record<string, Record<string, { writes: number; putBytes: number; puts: number }>> = {};
const kindOf = (key: Record<string, unknown>): string => `${String(key.pk).split('#')[0]}# / ${String(key.sk).split('#')[0]}`;
/** DynamoDB's item size, near enough: attribute names and values in UTF-8, numbers as written. */
const sizeOf = (value: unknown): number =>
  typeof value === 'string'
    ? Buffer.byteLength(value)
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value).length
      : Array.isArray(value)
        ? 3 + value.reduce<number>((n, v) => n + 1 + sizeOf(v), 0)
        : value && typeof value === 'object'
          ? 3 + Object.entries(value).reduce((n, [k, v]) => n + 1 + Buffer.byteLength(k) + sizeOf(v), 0)
          : 1;
type WriteInput = { Put?: { Item: Record<string, unknown> }; Update?: { Key: Record<string, unknown> }; Delete?: { Key: Record<string, unknown> }; ConditionCheck?: { Key: Record<string, unknown> } };
function noteItems(f: string, command: string, input: Record<string, unknown>): void {
  const writes: WriteInput[] =
    command === 'TransactWriteItems'
      ? (input.TransactItems as WriteInput[])
      : command === 'PutItem'
        ? [{ Put: { Item: input.Item as Record<string, unknown> } }]
        : command === 'UpdateItem'
          ? [{ Update: { Key: input.Key as Record<string, unknown> } }]
          : command === 'DeleteItem'
            ? [{ Delete: { Key: input.Key as Record<string, unknown> } }]
            : [];
  for (const write of writes) {
    const [op, key, item] = write.Put
      ? ['put', write.Put.Item, write.Put.Item]
      : write.Update
        ? ['update', write.Update.Key, undefined]
        : write.Delete
          ? ['delete', write.Delete.Key, undefined]
          : ['check', write.ConditionCheck!.Key, undefined];
    const row = ((items[f] ??= {})[`${command === 'TransactWriteItems' ? 'tx ' : ''}${op} ${kindOf(key)}`] ??= { writes: 0, putBytes: 0, puts: 0 });
    row.writes++;
    if (item) {
      row.puts++;
      row.putBytes += sizeOf(item);
    }
  }
}
const add = (where: Record<string, Record<string, number>>, f: string, k: string, n: number) => {
  const row = (where[f] ??= {});
  row[k] = (row[k] ?? 0) + n;
};

addClientMiddleware('dynamodb', 'write-units-meter', (next, context) => async (args) => {
  args.input.ReturnConsumedCapacity = 'INDEXES';
  const command = (context.commandName ?? '').replace(/Command$/, '');
  const f = fn.getStore() ?? 'other';
  add(calls, f, command, 1);
  if (listItems) noteItems(f, command, args.input as Record<string, unknown>);
  const count = (consumed: Capacity | Capacity[] | undefined) => {
    if (!['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems', 'BatchWriteItem'].includes(command)) return;
    const factor = command === 'TransactWriteItems' ? 2 : 1;
    for (const c of [consumed ?? []].flat()) {
      add(units, f, 'table', factor * (c.Table?.CapacityUnits ?? c.CapacityUnits ?? 0));
      for (const [index, u] of Object.entries(c.GlobalSecondaryIndexes ?? {})) add(units, f, index, factor * (u.CapacityUnits ?? 0));
    }
  };
  try {
    const result = await next(args);
    count(result.output.ConsumedCapacity as Capacity[]);
    return result;
  } catch (error) {
    count((error as { ConsumedCapacity?: Capacity[] }).ConsumedCapacity);
    throw error;
  }
});

async function main() {
  const config = loadStageConfig('local');
  const stageConfig = { ...config, rateLimits: { ...config.rateLimits, submissionsPerMinute: 10_000_000, requestsPerMinute: 10_000_000 } };
  const system = await startLocalSystem({ pollers: true, scheduleTimers: false, ports: { control: false }, stageConfig, env: { POWERTOOLS_LOG_LEVEL: 'ERROR' }, log: { info: () => undefined, warn: (l) => console.error(l), error: (l, e) => console.error(l, e) } });
  const invoke = system.runner.invoke.bind(system.runner);
  system.runner.invoke = (name, event, context) => fn.run(name, () => invoke(name, event, context));
  try {
    const runId = Date.now().toString(36);
    for (let i = 0; i < cases; i++) {
      const response = await fetch(`${system.urls.gateway}/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: 'complaint',
          category: categories[i % categories.length],
          subject: { type: 'url', value: `https://shop${i % 7}.example.cn/orders/${runId}-${i}` },
          description: short ? `订单页面显示的价格与结算价格不一致，请核实。编号 ${i}` : `${runId}-${i} ${longText}`.slice(0, 2000),
          request: '请更正价格并退还差价',
          contact: { name: `测试${i}`, email: `wu-${runId}-${i}@example.com` },
          language: 'zh-CN',
        }),
      });
      if (response.status !== 201) throw new Error(`POST answered ${response.status}: ${await response.text()}`);
    }
    await system.waitForIdle({ timeoutMs: 300_000 });
    const perCase = (n: number) => Math.round((n / cases) * 100) / 100;
    const rows = Object.fromEntries(Object.entries(units).map(([f, u]) => [f, Object.fromEntries(Object.entries(u).map(([k, v]) => [k, perCase(v)]))]));
    const total = Object.values(units).flatMap((u) => Object.values(u)).reduce((a, b) => a + b, 0);
    console.log(`Billed write units per case (${cases} cases, ${short ? '22-character' : '2,000-character Chinese'} description):`);
    console.table(rows);
    console.log('DynamoDB calls per case:');
    console.table(Object.fromEntries(Object.entries(calls).map(([f, c]) => [f, Object.fromEntries(Object.entries(c).map(([k, v]) => [k, perCase(v)]))])));
    console.log(`total ${perCase(total)} write units per case`);
    if (listItems) {
      console.log('Items written per case, by function (tx: inside a transaction, billed twice; KB: mean size of the items put):');
      for (const [f, kinds] of Object.entries(items)) {
        console.log(f);
        console.table(Object.fromEntries(Object.entries(kinds).map(([k, r]) => [k, { 'per case': perCase(r.writes), ...(r.puts ? { KB: Math.round((r.putBytes / r.puts / 1024) * 100) / 100 } : {}) }])));
      }
    }
  } finally {
    await system.stop();
  }
}

main().then(() => process.exit(0), (error: unknown) => { console.error(error); process.exit(1); });
