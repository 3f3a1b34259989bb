import { type QueueUrls, sendEscalations } from '../adapters/handoff';
import { dueIndex } from '../adapters/keys';
import { logger } from '../adapters/logger';
import { loadCase } from '../adapters/case-reads';
import { parkUnreadableCase, saveChange } from '../adapters/case-store';
import { StoredItemError } from '../adapters/item-schemas';
import { parkingNote } from '../domain/case-actions';
import { contextOf, systemAction, withOptimisticRetry } from './step-support';
import { countSweepAttempt } from '../adapters/sweep-parking';
import { advanceSweepBucket, dueInBucket, readSweepBucket } from '../adapters/workflow-store';
import type { RuntimeSettings } from '../config/runtime';

const HOUR = 3_600_000;
/**
 * The resume point never passes `now` minus this: a step that writes a due instant
 * already past (its event time lags the sweep's) still lands in a bucket the next sweep reads.
 */
const lagHours = 2;
/**
 * Buckets read per run at most (a month of hours, about a second of empty Queries): after
 * an outage or a jump of the local clock the next runs go on from where this one stopped.
 */
const maxBuckets = 24 * 31;

export interface SweepResult {
  readonly buckets: number;
  readonly reads: number;
  /** Cases handed to `escalate`. */
  readonly due: number;
  /** Cases parked by this run: handed `parkAfterAttempts` times for the same step, still due. */
  readonly parked: number;
  /** Age of the oldest case handed (due, its notice not out yet); 0 when none. */
  readonly lagSeconds: number;
}

/**
 * The SLA sweep: reads only the due-index buckets from its resume point to the hour of
 * `now` (each shard of each a Query for `gsi1sk <= now`), and hands each due case to `escalate` with
 * the event time. It writes nothing about a case's ladder: the escalate step does, once
 * per notice, so two overlapping or retried sweeps send nothing twice. It counts each
 * hand-off of a case for the same due step, and parks the case instead of handing it again
 * once `parkAfterAttempts` are used up: a case that always fails no longer pins the resume point.
 */
export async function sweepDueCases(settings: Pick<RuntimeSettings, 'tableName' | 'config' | 'queueUrls'>, now: Date): Promise<SweepResult> {
  const { tableName } = settings;
  const parkAfter = settings.config.escalation.parkAfterAttempts;
  const nowBucket = dueIndex.bucket(now.toISOString());
  const floor = dueIndex.bucket(new Date(now.getTime() - lagHours * HOUR).toISOString());
  const lookBack = dueIndex.bucket(new Date(now.getTime() - (maxBuckets - 1) * HOUR).toISOString());
  const stored = await readSweepBucket(tableName);
  // No resume point yet: look back as far as one run reads. A resume point after now's hour:
  // the clock was moved back (a look ahead, then a reset), so look back the same way.
  const from = stored !== undefined && stored <= nowBucket ? stored : lookBack;
  if (stored !== undefined && stored > nowBucket) logger.warn('SLA sweep resume point is ahead of the clock; looking back from now', { stored, nowBucket });
  const buckets = bucketsBetween(from, nowBucket);
  const read = buckets.slice(0, maxBuckets);
  if (read.length < buckets.length) logger.warn('SLA sweep backlog: more due-index hours than one run reads; the next run goes on', { from, buckets: buckets.length });
  let reads = 0;
  let due = 0;
  let parked = 0;
  let oldestDue: string | undefined;
  let firstNonEmpty: string | undefined;
  for (const [bucket, found] of await readBuckets(tableName, read, now)) {
    reads += found.reads;
    const attempts = await Promise.all(found.cases.map((c) => countSweepAttempt(tableName, c.caseNumber, c.dueAt, now)));
    const handed = found.cases.filter((_, i) => attempts[i]! <= parkAfter);
    for (const [i, c] of found.cases.entries()) {
      if (attempts[i]! <= parkAfter || !(await parkCase(settings, c.caseNumber, c.dueAt, attempts[i]! - 1, now))) continue;
      parked += 1;
      logger.warn('Case parked: its escalation kept failing; it no longer holds the sweep back', { caseNumber: c.caseNumber, dueAt: c.dueAt, attempts: attempts[i]! - 1 });
    }
    if (handed.length > 0) firstNonEmpty ??= bucket;
    for (const c of handed) if (oldestDue === undefined || c.dueAt < oldestDue) oldestDue = c.dueAt;
    due += handed.length;
    await sendEscalations(
      settings.queueUrls,
      handed.map((c) => c.caseNumber),
      now,
    );
  }
  // Resume at the oldest bucket that still had due cases (they may not all be done), or
  // where this run stopped reading; never past the lag floor.
  const stoppedAt = read.length < buckets.length ? buckets[read.length]! : nowBucket;
  const resume = [firstNonEmpty ?? stoppedAt, floor].sort()[0]!;
  await advanceSweepBucket(tableName, resume, now);
  const lagSeconds = oldestDue === undefined ? 0 : Math.max(0, Math.round((now.getTime() - Date.parse(oldestDue)) / 1000));
  if (due > 0 || parked > 0) logger.info('SLA sweep found due cases', { due, parked, lagSeconds, buckets: buckets.length, reads });
  return { buckets: read.length, reads, due, parked, lagSeconds };
}

/**
 * Parks a case whose escalation kept failing: the domain's `park` action through the one
 * change path (history entry, `PARKED` placement and the attempt counter's removal derived
 * there), only while its step is still the one due at `dueAt` and it is not parked yet.
 * The version moves, so an escalation still in flight conflicts, reads again and, if it
 * then succeeds, writes the next due bucket over the parking. False when it had moved on.
 */
async function parkCase(settings: Pick<RuntimeSettings, 'tableName' | 'config' | 'queueUrls'>, caseNumber: string, dueAt: string, attempts: number, now: Date): Promise<boolean> {
  const { tableName, config } = settings;
  return withOptimisticRetry(async () => {
    // A state item that fails its schema (one cause of an escalation that always fails) cannot take a domain action.
    const stored = await loadCase(tableName, caseNumber).catch((error: unknown) => {
      if (error instanceof StoredItemError) return 'unreadable' as const;
      throw error;
    });
    if (stored === 'unreadable') {
      logger.warn('Case unreadable; parked on its raw item', { caseNumber });
      return parkUnreadableCase(tableName, caseNumber, dueAt, attempts, { at: now.toISOString(), action: 'park', actor: 'system', note: parkingNote(attempts, dueAt), public: false });
    }
    if (!stored || stored.nextDueAt !== dueAt || stored.item.gsi1pk === dueIndex.parked) return false;
    const outcome = systemAction(contextOf(config), stored.state, { action: 'park', attempts, dueAt }, now);
    if (!outcome) return false;
    const saved = await saveChange(settings, stored, { outcomes: [outcome], at: now });
    return saved === 'committed' ? true : saved;
  });
}

/**
 * Hours of the due index read at once: each is `shards.due` + 1 Queries, so a first run's
 * month of empty hours takes 93 rounds of parallel Queries instead of 744 one after another.
 */
const bucketsAtOnce = 8;
type DueInBucket = Awaited<ReturnType<typeof dueInBucket>>;

/** The due cases of each bucket, in the buckets' order, `bucketsAtOnce` buckets read in parallel at a time. */
async function readBuckets(tableName: string, buckets: readonly string[], now: Date): Promise<[string, DueInBucket][]> {
  const result: [string, DueInBucket][] = [];
  for (let i = 0; i < buckets.length; i += bucketsAtOnce) {
    const chunk = buckets.slice(i, i + bucketsAtOnce);
    const found = await Promise.all(chunk.map((bucket) => dueInBucket(tableName, bucket, now)));
    result.push(...chunk.map((bucket, j): [string, DueInBucket] => [bucket, found[j]!]));
  }
  return result;
}

/** `DUE#<hour>` buckets from `from` to `to`, both included. */
function bucketsBetween(from: string, to: string): string[] {
  const hourOf = dueIndex.hourOf;
  const result: string[] = [];
  for (let t = hourOf(from); t <= hourOf(to); t += HOUR) result.push(dueIndex.bucket(new Date(t).toISOString()));
  return result;
}
