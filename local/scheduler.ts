/**
 * The topology's EventBridge schedules on timers. Timers run in real time (a
 * `rate(1 minute)` fires every real minute); the event's `time` reads the LocalClock,
 * and cron schedules are re-planned whenever the clock is set, so moving the clock to
 * 08:59 fires a `cron(0 9 * * ? *)` a minute later.
 */
import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import type { LocalClock } from './local-clock';
import type { LocalSchedule } from './local-topology';
import type { RuntimeLog } from './runtime-log';
import { nextCronTime, parseScheduleExpression, type ScheduleExpression } from './schedule-expression';

export interface SchedulerOptions {
  readonly schedules: readonly LocalSchedule[];
  readonly clock: LocalClock;
  readonly invoke: (functionName: string, event: ScheduledEvent) => Promise<unknown>;
  readonly region: string;
  readonly accountId: string;
  /** Rule names are `<prefix><schedule name>` (they appear in the event's `resources`). */
  readonly rulePrefix: string;
  readonly log: RuntimeLog;
  /** false = no timers; schedules still run through `run()` (tests, `npm run schedule`). */
  readonly timers?: boolean;
}

export interface ScheduleRun {
  readonly name: string;
  readonly handler: string;
  /** The event's `time`. */
  readonly time: string;
  readonly durationMs: number;
  readonly ok: boolean;
  readonly result?: unknown;
  readonly error?: string;
}

export class UnknownScheduleError extends Error {
  override readonly name = 'UnknownScheduleError';
  constructor(
    readonly schedule: string,
    readonly known: readonly string[],
  ) {
    super(`Unknown schedule "${schedule}". Schedules: ${known.join(', ') || '(none)'}`);
  }
}

interface Planned {
  readonly decl: LocalSchedule;
  readonly expression: ScheduleExpression;
  timer?: NodeJS.Timeout;
  /** Local-clock time of the next timer fire. */
  nextAtMs?: number;
  running?: Promise<unknown>;
}

export class Scheduler {
  readonly #options: SchedulerOptions;
  readonly #planned: Planned[];
  readonly #running = new Set<Promise<unknown>>();
  #unsubscribe?: () => void;
  #stopped = false;

  constructor(options: SchedulerOptions) {
    this.#options = options;
    // Parse everything up front: a bad expression fails the start, naming the schedule.
    this.#planned = options.schedules.map((decl) => {
      try {
        return { decl, expression: parseScheduleExpression(decl.expression) };
      } catch (error) {
        throw new Error(`Schedule "${decl.name}": ${(error as Error).message}`);
      }
    });
  }

  start(): void {
    if (this.#options.timers === false) return;
    for (const planned of this.#planned) this.#plan(planned);
    this.#unsubscribe = this.#options.clock.onChange(() => {
      for (const planned of this.#planned) if (planned.expression.kind === 'cron') this.#plan(planned);
    });
  }

  /** Schedule runs in progress. */
  get running(): number {
    return this.#running.size;
  }

  /** Each schedule with its expression and next timer fire (local-clock ISO time). */
  list(): { name: string; handler: string; expression: string; nextAt?: string }[] {
    return this.#planned.map(({ decl, nextAtMs }) => ({
      name: decl.name,
      handler: decl.handler,
      expression: decl.expression,
      ...(nextAtMs === undefined ? {} : { nextAt: new Date(nextAtMs).toISOString() }),
    }));
  }

  /** Fires one schedule now, with `at` (default: the local clock) as the event time; resolves when its handler is done. */
  async run(name: string, at?: Date): Promise<ScheduleRun> {
    const planned = this.#planned.find((p) => p.decl.name === name);
    if (!planned) throw new UnknownScheduleError(name, this.#planned.map((p) => p.decl.name));
    return this.#fire(planned, at ?? this.#options.clock.now());
  }

  /** Stops the timers and waits for running handlers. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unsubscribe?.();
    for (const planned of this.#planned) clearTimeout(planned.timer);
    await Promise.allSettled([...this.#running]);
  }

  event(decl: LocalSchedule, time: Date): ScheduledEvent {
    const { region, accountId, rulePrefix } = this.#options;
    return {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: accountId,
      // EventBridge stamps whole seconds.
      time: new Date(Math.floor(time.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
      region,
      resources: [`arn:aws:events:${region}:${accountId}:rule/${rulePrefix}${decl.name}`],
      detail: {},
    };
  }

  #plan(planned: Planned): void {
    clearTimeout(planned.timer);
    if (this.#stopped) return;
    const { clock } = this.#options;
    const now = clock.nowMs();
    const next = planned.expression.kind === 'rate' ? now + planned.expression.everyMs : nextCronTime(planned.expression.cron, now);
    planned.nextAtMs = next;
    if (next === undefined) return;
    // setTimeout holds at most about 24.8 days; a later fire is re-planned on the way.
    const maxDelay = 2 ** 31 - 1;
    const delay = next - now;
    planned.timer = setTimeout(() => {
      if (delay > maxDelay) return this.#plan(planned);
      this.#tick(planned, next);
      this.#plan(planned);
    }, Math.min(delay, maxDelay));
    planned.timer.unref();
  }

  #tick(planned: Planned, atMs: number): void {
    // Locally a schedule never overlaps itself: a slow handler would otherwise pile up runs.
    if (planned.running) {
      this.#options.log.warn(`schedule ${planned.decl.name}: previous run still going, this one skipped`);
      return;
    }
    const time = planned.expression.kind === 'rate' ? this.#options.clock.now() : new Date(atMs);
    planned.running = this.#fire(planned, time).finally(() => {
      planned.running = undefined;
    });
  }

  async #fire(planned: Planned, time: Date): Promise<ScheduleRun> {
    const { decl } = planned;
    const event = this.event(decl, time);
    const started = Date.now();
    const invocation = this.#options.invoke(decl.handler, event);
    this.#running.add(invocation);
    try {
      const result = await invocation;
      const run = { name: decl.name, handler: decl.handler, time: event.time, durationMs: Date.now() - started, ok: true, result };
      this.#options.log.info(`schedule ${decl.name} (${event.time}) → ${decl.handler} ok (${run.durationMs} ms)`);
      return run;
    } catch (error) {
      this.#options.log.error(`schedule ${decl.name} (${event.time}) → ${decl.handler} failed`, error);
      return { name: decl.name, handler: decl.handler, time: event.time, durationMs: Date.now() - started, ok: false, error: errorSummary(error) };
    } finally {
      this.#running.delete(invocation);
    }
  }
}

function errorSummary(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
