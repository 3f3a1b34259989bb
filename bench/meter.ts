/**
 * Counting what the handlers ask of AWS, in the bench process (the local runtime runs
 * every handler in this process, through the singleton clients of
 * shared/adapters/aws-clients.ts):
 *
 *   - one middleware per singleton client counts calls by service and command, their
 *     request sizes and batch sizes, SES recipients, and, for DynamoDB, asks for
 *     `ReturnConsumedCapacity: INDEXES` and adds up the capacity units DynamoDB Local
 *     reports (on the table and on each index), plus the items a Query/Scan/Get returned;
 *   - the runner's `invoke` is wrapped to count Lambda invocations per function and time
 *     each one (wall time of the handler in this process).
 *
 * The emulators' own admin clients (pollers, waitForIdle) are not counted: what the
 * managed event source mapping does is modelled from the pollers' batch counts.
 */
import type { FunctionRunner } from '../local/function-runner';
import { dynamo, ses, sqs } from '../shared/adapters/aws-clients';
import { runningFunction } from '../shared/adapters/invocation';

export interface CommandCount {
  calls: number;
  errors: number;
  /** DynamoDB: capacity units reported (ConsumedCapacity.CapacityUnits, summed). */
  capacityUnits: number;
  readUnits: number;
  writeUnits: number;
  /** DynamoDB reads: items returned (Count, or 1 for a GetItem hit). */
  items: number;
  scanned: number;
  /** DynamoDB: of capacityUnits, the share on the table and on each index (ReturnConsumedCapacity INDEXES). */
  tableUnits: number;
  indexUnits: Record<string, number>;
  /** Size of the requests as sent (JSON of the marshalled input): the capacity probe sends the same. */
  requestBytes: number;
  /** Items written or read in a transaction or batch, entries in an SQS batch. */
  batchItems: number;
  /** SES: recipients (To + Cc + Bcc), what SES bills. */
  recipients: number;
  /**
   * DynamoDB writes that failed (a condition not met, a cancelled transaction) with no
   * ConsumedCapacity in the error, as DynamoDB Local answers (probed): AWS still bills them,
   * so they are estimated from the request, 1 unit per KB (rounded up) and at least 1 per
   * item; at 1× here like the reported units (cost.ts doubles transactions).
   */
  failedWriteUnits: number;
}

export interface InvocationCount {
  invocations: number;
  errors: number;
  totalMs: number;
  memoryMb: number;
  durationsMs: number[];
}

export interface Meter {
  /** service → command → counts. */
  readonly sdk: Record<string, Record<string, CommandCount>>;
  readonly lambda: Record<string, InvocationCount>;
  /** function → service → command → counts: the same SDK calls, by the handler that made them. */
  readonly byFunction: Record<string, Record<string, Record<string, CommandCount>>>;
  /** Called after every successful SES SendEmail with the input (for mail timestamps). */
  onMail?: (input: { subject: string; to: readonly string[] }, atMs: number) => void;
  reset(): void;
}

type Capacity = {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
  Table?: { CapacityUnits?: number };
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
};

const emptyCount = (): CommandCount => ({ failedWriteUnits: 0, calls: 0, errors: 0, capacityUnits: 0, readUnits: 0, writeUnits: 0, items: 0, scanned: 0, tableUnits: 0, indexUnits: {}, requestBytes: 0, batchItems: 0, recipients: 0 });

let installed: Meter | undefined;

/** Installs the counters once per process (the clients are singletons); later calls return the same meter. */
export function installMeter(runner?: FunctionRunner): Meter {
  const meter: Meter =
    installed ??
    (installed = {
      sdk: {},
      lambda: {},
      byFunction: {},
      reset() {
        for (const key of Object.keys(this.sdk)) delete this.sdk[key];
        for (const key of Object.keys(this.lambda)) delete this.lambda[key];
        for (const key of Object.keys(this.byFunction)) delete this.byFunction[key];
      },
    });
  if (!(meter as { clientsHooked?: boolean }).clientsHooked) {
    (meter as { clientsHooked?: boolean }).clientsHooked = true;
    hook(meter, 'dynamodb', dynamo().middlewareStack);
    hook(meter, 'sqs', sqs().middlewareStack);
    hook(meter, 'ses', ses().middlewareStack);
  }
  if (runner && !(runner as { metered?: boolean }).metered) {
    (runner as { metered?: boolean }).metered = true;
    const original = runner.invoke.bind(runner);
    runner.invoke = async (name, event, context) => {
      const entry = (meter.lambda[name] ??= { invocations: 0, errors: 0, totalMs: 0, memoryMb: runner.declaration(name).memoryMb, durationsMs: [] });
      const started = performance.now();
      try {
        return await original(name, event, context);
      } catch (error) {
        entry.errors += 1;
        throw error;
      } finally {
        const ms = performance.now() - started;
        entry.invocations += 1;
        entry.totalMs += ms;
        entry.durationsMs.push(ms);
      }
    };
  }
  return meter;
}

interface Stack {
  add(middleware: (next: Next, context: { commandName?: string }) => Next, options: { step: 'initialize' | 'serialize'; name: string; priority?: 'high' | 'normal' | 'low' }): void;
}
type Next = (args: { input: Record<string, unknown> }) => Promise<{ output: Record<string, unknown> }>;

function hook(meter: Meter, service: string, stack: unknown): void {
  (stack as Stack).add(
    (next, context) => async (args) => {
      const command = (context.commandName ?? 'unknown').replace(/Command$/, '');
      const counts = [((meter.sdk[service] ??= {})[command] ??= emptyCount())];
      const fn = runningFunction(); // every handler runs inside runsAs (shared/adapters/invocation.ts)
      if (fn) counts.push((((meter.byFunction[fn] ??= {})[service] ??= {})[command] ??= emptyCount()));
      const add = (update: (count: CommandCount) => void) => counts.forEach(update);
      if (service === 'dynamodb' && args.input && typeof args.input === 'object') args.input.ReturnConsumedCapacity = 'INDEXES';
      const bytes = Buffer.byteLength(JSON.stringify(args.input));
      const items = batchSize(args.input);
      const to = service === 'ses' ? recipients(args.input) : 0;
      add((c) => {
        c.calls += 1;
        c.requestBytes += bytes;
        c.batchItems += items;
        c.recipients += to;
      });
      let result: { output: Record<string, unknown> };
      try {
        result = await next(args);
      } catch (error) {
        add((c) => (c.errors += 1));
        // A cancelled transaction or failed condition still consumes (and bills) capacity.
        const consumed = (error as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity;
        if (consumed) add((c) => addCapacity(c, consumed));
        else if (service === 'dynamodb' && writeCommands.has(command)) add((c) => (c.failedWriteUnits += Math.max(items || 1, Math.ceil(bytes / 1024))));
        throw error;
      }
      const output = result.output ?? {};
      if (service === 'dynamodb') {
        const read = returnedItems(output);
        const scanned = typeof output.ScannedCount === 'number' ? output.ScannedCount : 0;
        add((c) => {
          if (output.ConsumedCapacity) addCapacity(c, output.ConsumedCapacity as Capacity | Capacity[]);
          c.items += read;
          c.scanned += scanned;
        });
      }
      if (service === 'ses' && command === 'SendEmail' && meter.onMail) {
        const content = args.input.Content as { Simple?: { Subject?: { Data?: string } } } | undefined;
        const destination = args.input.Destination as { ToAddresses?: string[] } | undefined;
        meter.onMail({ subject: content?.Simple?.Subject?.Data ?? '', to: destination?.ToAddresses ?? [] }, performance.now());
      }
      return result;
    },
    // Before the serializer: the input is still an object (and for the document client, already marshalled).
    { step: 'serialize', name: `benchMeter-${service}`, priority: 'high' },
  );
}

const writeCommands = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

function returnedItems(output: Record<string, unknown>): number {
  if (typeof output.Count === 'number') return output.Count;
  if (output.Item) return 1;
  if (output.Responses && typeof output.Responses === 'object') {
    if (Array.isArray(output.Responses)) return output.Responses.length;
    return Object.values(output.Responses as Record<string, unknown[]>).reduce((n, items) => n + items.length, 0);
  }
  return 0;
}

/** Items in a transaction or batch (DynamoDB) or entries in a batch (SQS); 0 for single calls. */
function batchSize(input: Record<string, unknown>): number {
  if (Array.isArray(input.TransactItems)) return input.TransactItems.length;
  if (Array.isArray(input.Entries)) return input.Entries.length;
  if (input.RequestItems && typeof input.RequestItems === 'object') {
    return Object.values(input.RequestItems as Record<string, unknown[] | { Keys?: unknown[] }>).reduce<number>(
      (n, v) => n + (Array.isArray(v) ? v.length : (v.Keys?.length ?? 0)),
      0,
    );
  }
  return 0;
}

/** SES bills per recipient: every address in To, Cc and Bcc. */
function recipients(input: Record<string, unknown>): number {
  const d = input.Destination as { ToAddresses?: string[]; CcAddresses?: string[]; BccAddresses?: string[] } | undefined;
  return (d?.ToAddresses?.length ?? 0) + (d?.CcAddresses?.length ?? 0) + (d?.BccAddresses?.length ?? 0);
}

function addCapacity(count: CommandCount, consumed: Capacity | Capacity[]): void {
  for (const c of Array.isArray(consumed) ? consumed : [consumed]) {
    count.capacityUnits += c.CapacityUnits ?? 0;
    count.readUnits += c.ReadCapacityUnits ?? 0;
    count.writeUnits += c.WriteCapacityUnits ?? 0;
    count.tableUnits += c.Table?.CapacityUnits ?? 0;
    for (const [index, units] of Object.entries(c.GlobalSecondaryIndexes ?? {})) count.indexUnits[index] = (count.indexUnits[index] ?? 0) + (units.CapacityUnits ?? 0);
  }
}

export { percentile } from './stats';
