/**
 * Faults injected ON PURPOSE into the local runtime, to prove that the workflow survives
 * Lambda crashes (issue 5, the fault-injected soak run: test/soak/fault-injected-run.ts).
 * Off unless `startLocalSystem({ faults })` asks for it; `npm start` never does.
 *
 * Only background invocations can fail: queue consumers (the pollers) and scheduled
 * functions (the scheduler). HTTP routes and `system.invoke` are never touched. A chosen
 * invocation fails in one of two ways, half each:
 *   - `before`: the Lambda crashed on start; the handler does not run at all;
 *   - `after`: the handler did all its work, then the invocation failed before its result
 *     was returned, so SQS redelivers the whole batch (work done, message not deleted).
 *
 * Decisions come from a small seeded PRNG (mulberry32): the same seed gives the same
 * sequence of decisions. The order in which concurrent pollers draw from it still
 * varies, so two runs with one seed are alike, not identical.
 */

export interface FaultOptions {
  /** Share of eligible invocations that fail, 0 to 1 (0.1 = one in ten). */
  readonly rate: number;
  /** PRNG seed; default: drawn at random (and logged, so a run can be repeated). */
  readonly seed?: number;
  /** Which functions may fail (default: every queue consumer and scheduled function). */
  readonly functions?: (functionName: string) => boolean;
}

export type FaultPhase = 'before' | 'after';

/** The error an injected fault throws: recognisable, never mistaken for a handler's own. */
export class InjectedFault extends Error {
  override readonly name = 'InjectedFault';
  constructor(
    readonly functionName: string,
    readonly phase: FaultPhase,
    readonly serial: number,
  ) {
    super(
      phase === 'before'
        ? `fault #${serial} injected on purpose: ${functionName} crashed before its handler ran`
        : `fault #${serial} injected on purpose: ${functionName} crashed after its handler finished (work done, result lost)`,
    );
  }
}

export interface FunctionFaultStats {
  readonly invocations: number;
  readonly before: number;
  readonly after: number;
}

export interface FaultStats {
  readonly rate: number;
  readonly seed: number;
  /** Eligible invocations seen. */
  readonly invocations: number;
  /** Faults actually thrown (`after` only counts when the handler itself succeeded). */
  readonly injected: number;
  readonly before: number;
  readonly after: number;
  readonly byFunction: Readonly<Record<string, FunctionFaultStats>>;
}

/** mulberry32: a tiny, fast, seedable PRNG with uniform output in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Invoke<E> = (functionName: string, event: E) => Promise<unknown>;

export class FaultInjector {
  readonly rate: number;
  readonly seed: number;
  readonly #random: () => number;
  readonly #eligible: (functionName: string) => boolean;
  readonly #byFunction = new Map<string, { invocations: number; before: number; after: number }>();
  /** SQS message id → injected faults that hit a batch holding it. */
  readonly #faultsByMessage = new Map<string, number>();
  #serial = 0;

  constructor(options: FaultOptions) {
    if (!(options.rate >= 0 && options.rate <= 1)) throw new RangeError(`faults.rate must be between 0 and 1, got ${options.rate}`);
    this.rate = options.rate;
    this.seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
    this.#random = mulberry32(this.seed);
    this.#eligible = options.functions ?? (() => true);
  }

  /** Whether (and how) the next invocation of `functionName` fails. One PRNG draw per eligible call. */
  decide(functionName: string): FaultPhase | undefined {
    if (!this.#eligible(functionName)) return undefined;
    this.#counts(functionName).invocations += 1;
    const draw = this.#random();
    if (draw >= this.rate) return undefined;
    return draw < this.rate / 2 ? 'before' : 'after';
  }

  /** `invoke` with faults: what the pollers and the scheduler call instead of the runner. */
  wrap<E>(invoke: Invoke<E>): Invoke<E> {
    return async (functionName, event) => {
      const phase = this.decide(functionName);
      if (phase === 'before') throw this.#inject(functionName, phase, event);
      const result = await invoke(functionName, event);
      if (phase === 'after') throw this.#inject(functionName, phase, event);
      return result;
    };
  }

  /** How many injected faults failed a batch that held this SQS message. */
  faultsForMessage(messageId: string): number {
    return this.#faultsByMessage.get(messageId) ?? 0;
  }

  get stats(): FaultStats {
    const byFunction = Object.fromEntries([...this.#byFunction].map(([name, counts]) => [name, { ...counts }]));
    const sum = (key: 'invocations' | 'before' | 'after') => [...this.#byFunction.values()].reduce((total, counts) => total + counts[key], 0);
    const before = sum('before');
    const after = sum('after');
    return { rate: this.rate, seed: this.seed, invocations: sum('invocations'), injected: before + after, before, after, byFunction };
  }

  /** One line for the runtime log. */
  summary(): string {
    const { injected, invocations, before, after, seed } = this.stats;
    return `fault injection: ${injected} fault(s) injected on purpose in ${invocations} invocation(s) (${before} before the handler, ${after} after it; rate ${this.rate}, seed ${seed})`;
  }

  #inject(functionName: string, phase: FaultPhase, event: unknown): InjectedFault {
    this.#counts(functionName)[phase] += 1;
    for (const id of messageIds(event)) this.#faultsByMessage.set(id, (this.#faultsByMessage.get(id) ?? 0) + 1);
    return new InjectedFault(functionName, phase, ++this.#serial);
  }

  #counts(functionName: string) {
    let counts = this.#byFunction.get(functionName);
    if (!counts) this.#byFunction.set(functionName, (counts = { invocations: 0, before: 0, after: 0 }));
    return counts;
  }
}

function messageIds(event: unknown): string[] {
  const records = (event as { Records?: unknown } | null | undefined)?.Records;
  if (!Array.isArray(records)) return [];
  return records.map((record) => (record as { messageId?: unknown } | null)?.messageId).filter((id): id is string => typeof id === 'string');
}

/**
 * Faults of DynamoDB that DynamoDB Local never makes, injected ON PURPOSE into the
 * handlers' client (shared/adapters/aws-clients.ts `dynamo()`), before the request is sent
 * (so nothing was written, as in AWS): a transaction cancelled by a conflict with another
 * one (`TransactionCanceledException` with a `TransactionConflict` reason; a single write
 * gets `TransactionConflictException`), and throttling
 * (`ProvisionedThroughputExceededException` or `ThrottlingException`). The retry of
 * shared/adapters/write-retry.ts sits outside this middleware, so it sees them as a caller
 * in AWS would.
 */
export interface DynamoFaultOptions {
  /** Share of writes (transactions, puts, updates, deletes) refused by a conflict, 0 to 1. */
  readonly conflictRate: number;
  /** Share of every call refused by throttling, 0 to 1. */
  readonly throttleRate: number;
  readonly seed?: number;
}

export interface DynamoFaultStats {
  readonly calls: number;
  readonly conflicts: number;
  readonly throttles: number;
}

const writeCommands = new Set(['TransactWriteCommand', 'PutCommand', 'UpdateCommand', 'DeleteCommand', 'TransactWriteItemsCommand', 'PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand']);

type DynamoNext = (args: { input: Record<string, unknown> }) => Promise<{ output: Record<string, unknown> }>;
type AddMiddleware = (service: 'dynamodb', name: string, middleware: (next: DynamoNext, context: { commandName?: string }) => DynamoNext) => void;

export class DynamoFaultInjector {
  readonly seed: number;
  readonly #random: () => number;
  readonly #counts = { calls: 0, conflicts: 0, throttles: 0 };
  #options: DynamoFaultOptions;

  constructor(options: DynamoFaultOptions) {
    for (const [name, rate] of [['conflictRate', options.conflictRate], ['throttleRate', options.throttleRate]] as const) {
      if (!(rate >= 0 && rate <= 1)) throw new RangeError(`${name} must be between 0 and 1, got ${rate}`);
    }
    this.#options = options;
    this.seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
    this.#random = mulberry32(this.seed);
  }

  /** Installs the middleware on the handlers' DynamoDB client (made or still to be made). */
  install(addClientMiddleware: AddMiddleware): this {
    addClientMiddleware('dynamodb', 'dynamo-fault-injection', (next, context) => async (args) => {
      const fault = this.decide(context.commandName ?? '', args.input);
      if (fault) throw fault;
      return next(args);
    });
    return this;
  }

  /** No more faults from now on (the middleware stays, passing every call). */
  stop(): void {
    this.#options = { ...this.#options, conflictRate: 0, throttleRate: 0 };
  }

  /** The error the call fails with, or none. One PRNG draw per call. */
  decide(commandName: string, input: Record<string, unknown>): Error | undefined {
    this.#counts.calls += 1;
    const draw = this.#random();
    const { conflictRate, throttleRate } = this.#options;
    if (draw < throttleRate) {
      this.#counts.throttles += 1;
      const name = this.#counts.throttles % 2 ? 'ProvisionedThroughputExceededException' : 'ThrottlingException';
      return Object.assign(new Error(`${name} injected on purpose`), { name, $fault: 'client' });
    }
    if (draw < throttleRate + conflictRate && writeCommands.has(commandName)) {
      this.#counts.conflicts += 1;
      const items = input.TransactItems;
      if (Array.isArray(items)) {
        const reasons = items.map((_, i) => ({ Code: i === 0 ? 'TransactionConflict' : 'None' }));
        return Object.assign(new Error('Transaction cancelled: TransactionConflict injected on purpose'), { name: 'TransactionCanceledException', CancellationReasons: reasons, $fault: 'client' });
      }
      return Object.assign(new Error('TransactionConflictException injected on purpose'), { name: 'TransactionConflictException', $fault: 'client' });
    }
    return undefined;
  }

  get stats(): DynamoFaultStats {
    return { ...this.#counts };
  }

  summary(): string {
    const { calls, conflicts, throttles } = this.#counts;
    return `DynamoDB fault injection: ${conflicts} conflict(s) and ${throttles} throttle(s) injected on purpose in ${calls} call(s) (seed ${this.seed})`;
  }
}

/**
 * A mail outage ON PURPOSE (issue 20 Deliver 3): from `fromMs` for `durationMs` on `clock`
 * (the local clock, so an hour of outage passes when the clock is moved, not in an hour of
 * waiting), every SES SendEmail of the handlers' client fails as SES answers while it is
 * down: `ServiceUnavailable`, HTTP 503, nothing sent. Installed like the DynamoDB faults,
 * before the request leaves the client; the SMTP port's outage is the SMTP server's own
 * switch (local/smtp-outbox.ts `POST /outage`).
 */
export class MailOutage {
  readonly #from: number;
  readonly #until: number;
  #refused = 0;

  constructor(
    readonly clock: { nowMs(): number },
    options: { readonly fromMs: number; readonly durationMs: number },
  ) {
    if (!(options.durationMs >= 0)) throw new RangeError(`durationMs must be at least 0, got ${options.durationMs}`);
    this.#from = options.fromMs;
    this.#until = options.fromMs + options.durationMs;
  }

  install(addClientMiddleware: (service: 'ses', name: string, middleware: (next: DynamoNext, context: { commandName?: string }) => DynamoNext) => void): this {
    addClientMiddleware('ses', 'mail-outage-injection', (next, context) => async (args) => {
      if (context.commandName === 'SendEmailCommand' && this.down()) {
        this.#refused += 1;
        throw Object.assign(new Error('Service unavailable (mail outage injected on purpose)'), { name: 'ServiceUnavailable', $fault: 'server', $metadata: { httpStatusCode: 503 } });
      }
      return next(args);
    });
    return this;
  }

  /** Whether the outage is on at the clock's time. */
  down(): boolean {
    const now = this.clock.nowMs();
    return now >= this.#from && now < this.#until;
  }

  /** When it ends, on the clock. */
  get untilMs(): number {
    return this.#until;
  }

  /** Sends refused so far. */
  get refused(): number {
    return this.#refused;
  }
}
