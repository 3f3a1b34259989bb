/**
 * The local system's clock: real time plus an offset. Everything the runtime stamps
 * on an event (API request time, SQS SentTimestamp, schedule time) reads it, so
 * `npm run clock -- 2026-12-01T09:00:00+08:00` moves the whole system to that day
 * and time then runs on from there. Handlers never read it: they take time from events
 * (architecture property 5). Timers stay real: one minute still lasts one minute.
 */
export class LocalClock {
  #offsetMs = 0;
  readonly #listeners = new Set<() => void>();

  /** Milliseconds since the epoch, on the local clock. */
  nowMs(): number {
    return Date.now() + this.#offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Local clock minus real time (0 when the clock runs on real time). */
  get offsetMs(): number {
    return this.#offsetMs;
  }

  /** From now on the clock reads `instant` and runs on from it. */
  set(instant: Date | string | number): Date {
    const target = new Date(instant).getTime();
    if (Number.isNaN(target)) throw new Error(`Not a time: ${String(instant)}`);
    this.#offsetMs = target - Date.now();
    this.#changed();
    return this.now();
  }

  /** Back to real time. */
  reset(): void {
    this.#offsetMs = 0;
    this.#changed();
  }

  /** Called after every set/reset (the scheduler re-plans its cron timers). */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}
