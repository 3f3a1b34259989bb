/**
 * Counting what the handlers ask of AWS, in the bench process (the local runtime runs
 * every handler in this process, through the singleton clients of
 * shared/adapters/aws-clients.ts):
 *
 *   - one middleware per singleton client counts calls by service and command and, for
 *     DynamoDB, asks for `ReturnConsumedCapacity: TOTAL` and adds up the capacity units
 *     DynamoDB Local reports, plus the items a Query/Scan/Get returned;
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

type Capacity = { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };

const emptyCount = (): CommandCount => ({ calls: 0, errors: 0, capacityUnits: 0, readUnits: 0, writeUnits: 0, items: 0, scanned: 0 });

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
      const count = aggregate(counts);
      count.calls += 1;
      if (service === 'dynamodb' && args.input && typeof args.input === 'object') args.input.ReturnConsumedCapacity ??= 'TOTAL';
      let result: { output: Record<string, unknown> };
      try {
        result = await next(args);
      } catch (error) {
        count.errors += 1;
        // A cancelled transaction or failed condition still consumes (and bills) capacity.
        const consumed = (error as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity;
        if (consumed) addCapacity(count, consumed);
        throw error;
      }
      const output = result.output ?? {};
      if (service === 'dynamodb') {
        if (output.ConsumedCapacity) addCapacity(count, output.ConsumedCapacity as Capacity | Capacity[]);
        if (typeof output.Count === 'number') count.items += output.Count;
        else if (output.Item) count.items += 1;
        else if (output.Responses && typeof output.Responses === 'object' && !Array.isArray(output.Responses)) {
          for (const items of Object.values(output.Responses as Record<string, unknown[]>)) count.items += items.length;
        }
        if (typeof output.ScannedCount === 'number') count.scanned += output.ScannedCount;
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

/** One object whose field updates go to every count of `counts`. */
function aggregate(counts: CommandCount[]): CommandCount {
  if (counts.length === 1) return counts[0]!;
  const fields = Object.keys(counts[0]!) as (keyof CommandCount)[];
  const view = {} as CommandCount;
  for (const field of fields) {
    Object.defineProperty(view, field, {
      get: () => counts[0]![field],
      set: (value: number) => {
        const delta = value - counts[0]![field];
        for (const c of counts) c[field] += delta;
      },
    });
  }
  return view;
}

function addCapacity(count: CommandCount, consumed: Capacity | Capacity[]): void {
  for (const c of Array.isArray(consumed) ? consumed : [consumed]) {
    count.capacityUnits += c.CapacityUnits ?? 0;
    count.readUnits += c.ReadCapacityUnits ?? 0;
    count.writeUnits += c.WriteCapacityUnits ?? 0;
  }
}

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
