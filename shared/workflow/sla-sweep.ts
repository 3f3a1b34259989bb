import { type QueueUrls, sendEscalations } from '../adapters/handoff';
import { dueIndex } from '../adapters/keys';
import { logger } from '../adapters/logger';
import { advanceSweepBucket, dueInBucket, readSweepBucket } from '../adapters/workflow-store';

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
  readonly due: number;
}

/**
 * The SLA sweep: reads only the due-index buckets from its resume point to the hour of
 * `now` (each a Query for `gsi1sk <= now`), and hands each due case to `escalate` with
 * the event time. It writes nothing about cases: the escalate step does, once per notice,
 * so two overlapping or retried sweeps send nothing twice.
 */
export async function sweepDueCases(settings: { tableName: string; queueUrls: QueueUrls }, now: Date): Promise<SweepResult> {
  const { tableName } = settings;
  const nowBucket = dueIndex.bucket(now.toISOString());
  const floor = dueIndex.bucket(new Date(now.getTime() - lagHours * HOUR).toISOString());
  // The very first run (no resume point yet) looks back as far as one run reads.
  const from = (await readSweepBucket(tableName)) ?? dueIndex.bucket(new Date(now.getTime() - (maxBuckets - 1) * HOUR).toISOString());
  const buckets = bucketsBetween(from, nowBucket);
  const read = buckets.slice(0, maxBuckets);
  if (read.length < buckets.length) logger.warn('SLA sweep backlog: more due-index hours than one run reads; the next run goes on', { from, buckets: buckets.length });
  let reads = 0;
  let due = 0;
  let firstNonEmpty: string | undefined;
  for (const bucket of read) {
    const found = await dueInBucket(tableName, bucket, now);
    reads += found.reads;
    if (found.caseNumbers.length > 0) firstNonEmpty ??= bucket;
    due += found.caseNumbers.length;
    await sendEscalations(settings.queueUrls, found.caseNumbers, now);
  }
  // Resume at the oldest bucket that still had due cases (they may not all be done), or
  // where this run stopped reading; never past the lag floor.
  const stoppedAt = read.length < buckets.length ? buckets[read.length]! : nowBucket;
  const resume = [firstNonEmpty ?? stoppedAt, floor].sort()[0]!;
  await advanceSweepBucket(tableName, resume, now);
  if (due > 0) logger.info('SLA sweep found due cases', { due, buckets: buckets.length, reads });
  return { buckets: read.length, reads, due };
}

/** `DUE#<hour>` buckets from `from` to `to`, both included. */
function bucketsBetween(from: string, to: string): string[] {
  const hourOf = dueIndex.hourOf;
  const result: string[] = [];
  for (let t = hourOf(from); t <= hourOf(to); t += HOUR) result.push(dueIndex.bucket(new Date(t).toISOString()));
  return result;
}
