import { AsyncLocalStorage } from 'node:async_hooks';
import type { LocalSystem } from '../../local/system';
import { addClientMiddleware } from '../../shared/adapters/aws-clients';

/**
 * What classify-case writes per cluster member, as AWS would bill it (issue 20: flat from the
 * first member to the last): every classify invocation's DynamoDB write units
 * (`ReturnConsumedCapacity: INDEXES`, table and indexes, transactions counted twice as in
 * bench/write-units.ts) spread over the cases it changed (its committed transactions that
 * write a state item), in the order the invocations ended; and the largest transaction it
 * sent. An invocation that changed no case (a redelivery left alone) is counted apart.
 */
export interface ClassifyWrites {
  /** Write units per classified case over the first tenth of the classifications, and the last. */
  readonly firstTenth: number;
  readonly lastTenth: number;
  /** Cases changed (classified or raised). */
  readonly records: number;
  /** Write units of invocations that changed no case (redeliveries after a timeout or a crash). */
  readonly idleUnits: number;
  readonly maxTransactionItems: number;
}

type Capacity = { CapacityUnits?: number; Table?: { CapacityUnits?: number }; GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }> };
const writeCommands = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems', 'BatchWriteItem']);

export class ClassifyMeter {
  readonly #invocation = new AsyncLocalStorage<{ records: number; units: number }>();
  readonly #batches: { records: number; units: number }[] = [];
  #idleUnits = 0;
  #maxTransactionItems = 0;

  /** Meters the system's classify-case invocations from now on. */
  install(system: LocalSystem): this {
    addClientMiddleware('dynamodb', 'soak-classify-meter', (next, context) => async (args) => {
      const current = this.#invocation.getStore();
      if (!current) return next(args);
      const command = (context.commandName ?? '').replace(/Command$/, '');
      if (command === 'TransactWriteItems') this.#maxTransactionItems = Math.max(this.#maxTransactionItems, (args.input.TransactItems as unknown[]).length);
      args.input.ReturnConsumedCapacity = 'INDEXES';
      const count = (consumed: Capacity | Capacity[] | undefined) => {
        if (!writeCommands.has(command)) return;
        for (const c of [consumed ?? []].flat()) {
          const units = (c.Table?.CapacityUnits ?? c.CapacityUnits ?? 0) + Object.values(c.GlobalSecondaryIndexes ?? {}).reduce((n, u) => n + (u.CapacityUnits ?? 0), 0);
          current.units += (command === 'TransactWriteItems' ? 2 : 1) * units;
        }
      };
      try {
        const result = await next(args);
        count(result.output.ConsumedCapacity as Capacity[]);
        const items = (args.input.TransactItems ?? []) as { Update?: { Key: { sk?: string } }; Put?: { Item: { sk?: string } } }[];
        if (items.some((i) => (i.Update?.Key ?? i.Put?.Item)?.sk === 'CASE')) current.records += 1;
        return result;
      } catch (error) {
        count((error as { ConsumedCapacity?: Capacity[] }).ConsumedCapacity);
        throw error;
      }
    });
    const invoke = system.runner.invoke.bind(system.runner);
    system.runner.invoke = async (name, event, context) => {
      if (name !== 'classify-case') return invoke(name, event, context);
      const batch = { records: 0, units: 0 };
      try {
        return await this.#invocation.run(batch, () => invoke(name, event, context));
      } finally {
        if (batch.records > 0) this.#batches.push(batch);
        else this.#idleUnits += batch.units;
      }
    };
    return this;
  }

  get result(): ClassifyWrites {
    const records = this.#batches.reduce((n, b) => n + b.records, 0);
    const tenth = Math.max(1, Math.floor(records / 10));
    const perRecord = (batches: readonly { records: number; units: number }[]) => {
      let taken = 0;
      let units = 0;
      for (const b of batches) {
        if (taken >= tenth) break;
        const share = Math.min(b.records, tenth - taken);
        units += (b.units * share) / b.records;
        taken += share;
      }
      return taken === 0 ? 0 : units / taken;
    };
    return { firstTenth: perRecord(this.#batches), lastTenth: perRecord([...this.#batches].reverse()), records, idleUnits: this.#idleUnits, maxTransactionItems: this.#maxTransactionItems };
  }
}
