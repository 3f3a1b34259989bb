/**
 * Cases as the statistics see them, and a bucket store with the storage's contract
 * (each update id applied at most once), for the statistics and report tests.
 */
import { updatesOfChange, type CaseChange, type StatisticsCase } from '../../../shared/domain/statistics';
import { applyUpdate, emptyAggregate, type AggregateUpdate, type PeriodAggregate } from '../../../shared/domain/statistics-counters';

export const zone = 'Asia/Shanghai';
const HOUR = 3_600_000;

/** A case just classified (counted), received at `receivedAt`. */
export function classified(caseNumber: string, receivedAt: string, overrides: Partial<StatisticsCase> = {}): StatisticsCase {
  return {
    caseNumber,
    version: 3,
    kind: 'complaint',
    type: 'complaint',
    category: 'service-quality',
    level: 1,
    priority: 'general',
    channel: 'web',
    subject: { type: 'url', value: 'https://shop.example.cn/orders' },
    receivedAt,
    status: 'assigned',
    classifiedAt: new Date(Date.parse(receivedAt) + 60_000).toISOString(),
    deadlines: [],
    ...overrides,
  };
}

/** The next version of a case with some fields changed. */
export const next = (s: StatisticsCase, changes: Partial<StatisticsCase>): StatisticsCase => ({ ...s, ...changes, version: s.version + 1 });

/** The change from `before` to `after`, at `after`'s instant (or the given one). */
export const change = (before: StatisticsCase | undefined, after: StatisticsCase, at?: string): CaseChange => ({
  at: at ?? after.repliedAt ?? after.classifiedAt ?? after.receivedAt,
  ...(before ? { before } : {}),
  after,
});

/** A classified case whose first result went out `hours` after receipt, on time or late. */
export function resolvedAfter(caseNumber: string, receivedAt: string, hours: number, onTime: boolean, overrides: Partial<StatisticsCase> = {}): CaseChange[] {
  const received = Date.parse(receivedAt);
  const repliedAt = new Date(received + hours * HOUR).toISOString();
  const dueAt = new Date(received + hours * HOUR + (onTime ? HOUR : -HOUR)).toISOString();
  const first = classified(caseNumber, receivedAt, { deadlines: [{ name: 'resolution', dueAt }], ...overrides });
  const replied = next(first, { status: 'replied', repliedAt, deadlines: [{ name: 'resolution', dueAt, metAt: repliedAt }] });
  return [change(undefined, first), change(first, replied)];
}

/** Applies updates the way the storage must: an id seen before changes nothing. */
export class BucketStore {
  readonly buckets = new Map<string, PeriodAggregate>();
  readonly applied = new Set<string>();

  apply(updates: readonly AggregateUpdate[]): void {
    for (const u of updates) {
      if (this.applied.has(u.id)) continue;
      this.applied.add(u.id);
      this.buckets.set(u.period, applyUpdate(this.buckets.get(u.period) ?? emptyAggregate(u.period), u));
    }
  }

  record(changes: readonly CaseChange[]): this {
    for (const c of changes) this.apply(updatesOfChange(c, zone));
    return this;
  }

  get(period: string): PeriodAggregate {
    return this.buckets.get(period) ?? emptyAggregate(period);
  }
}
