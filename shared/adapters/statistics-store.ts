import { type AggregateUpdate, emptyAggregate, type PeriodAggregate } from '../domain/statistics-counters';
import { hotOrMajorMove } from '../domain/statistics';
import { emptySubjectSummary, observeSubject, type SubjectSummary } from '../domain/top-subjects';
import { dynamo, type TransactionItem } from './aws-clients';
import { conditionFailed, failedItems } from './conditions';
import { keys } from './keys';
import { logger } from './logger';

/**
 * Storage of the report aggregates (docs/reports.md "The aggregate model"): per period
 * bucket one counters item (each counter a top-level attribute changed only by `ADD`, the
 * case numbers of its hot and major cases a string set) and one top-subject summary item.
 * Every update is applied at most once: inside a case change, by the transaction's
 * condition on the case's version; elsewhere (a notice sent), by a marker item under its
 * id, put with `attribute_not_exists` in the same transaction as the additions; in the
 * subject summary, by the ids it lists as applied.
 */

/** Counter attributes carry a prefix, so no counter name can collide with the item's own attributes. */
const counterPrefix = 'n:';
const hotAndMajorAttribute = 'hotAndMajor';
/** How long a marker refuses a replay of its update: longer than any redelivery or stream replay window. */
const markerDays = 400;

const expiresAt = (at: Date) => Math.floor(at.getTime() / 1000) + markerDays * 86_400;

const marker = (tableName: string, id: string, at: Date): TransactionItem => ({
  Put: { TableName: tableName, Item: { ...keys.statisticsApplied(id), type: 'statistics-applied', expiresAt: expiresAt(at) }, ConditionExpression: 'attribute_not_exists(pk)' },
});

/** The counter additions of one update, after its marker when `marked`; the subject is observed apart. */
function counterWrites(tableName: string, update: AggregateUpdate, caseNumber: string, at: Date, marked: boolean): TransactionItem[] {
  const names: Record<string, string> = { '#type': 'type', '#period': 'period' };
  const values: Record<string, unknown> = { ':type': 'statistics', ':period': update.period };
  const additions = Object.entries(update.counters).map(([name, by], i) => {
    names[`#c${i}`] = counterPrefix + name;
    values[`:c${i}`] = by;
    return `#c${i} :c${i}`;
  });
  const move = hotOrMajorMove(update);
  let listed = '';
  if (move !== 0) {
    names['#hm'] = hotAndMajorAttribute;
    values[':hm'] = new Set([caseNumber]);
    if (move > 0) additions.push('#hm :hm');
    else listed = ' DELETE #hm :hm';
  }
  return [
    ...(marked ? [marker(tableName, update.id, at)] : []),
    {
      Update: {
        TableName: tableName,
        Key: keys.statistics(update.period),
        UpdateExpression: `SET #type = :type, #period = :period${additions.length ? ` ADD ${additions.join(', ')}` : ''}${listed}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
  ];
}

/**
 * The transaction items that apply `updates` (of one case) once each. `versioned`: they join
 * a case change's transaction, which is conditional on the version it read, so the change
 * and its updates commit once and no marker is needed (2 write units saved per update);
 * otherwise each update has its marker.
 */
export function statisticsWrites(tableName: string, caseNumber: string, updates: readonly AggregateUpdate[], at: Date, options: { versioned?: boolean } = {}): TransactionItem[] {
  return updates.filter((u) => Object.keys(u.counters).length > 0).flatMap((u) => counterWrites(tableName, u, caseNumber, at, !options.versioned));
}

/** True when a cancelled transaction failed only on statistics markers: the updates were applied before. */
export function onlyMarkersFailed(error: unknown, items: readonly TransactionItem[]): boolean {
  const failed = failedItems(error);
  return failed.length > 0 && failed.every((i) => items[i]?.Put?.Item?.type === 'statistics-applied');
}

/**
 * Writes a whole bucket as given (benches and fixtures seed a period's figures without
 * its cases): the same items the updates build, so reading them is what a report does.
 */
export async function putAggregate(tableName: string, aggregate: PeriodAggregate, hotAndMajor: readonly string[]): Promise<void> {
  const counters = Object.fromEntries(Object.entries(aggregate.counters).map(([name, value]) => [counterPrefix + name, value]));
  const { observed, entries } = aggregate.subjects;
  await dynamo().transactWrite({
    TransactItems: [
      { Put: { TableName: tableName, Item: { ...keys.statistics(aggregate.period), type: 'statistics', period: aggregate.period, ...counters, ...(hotAndMajor.length ? { [hotAndMajorAttribute]: new Set(hotAndMajor) } : {}) } } },
      { Put: { TableName: tableName, Item: { ...keys.statisticsSubjects(aggregate.period), type: 'statistics-subjects', period: aggregate.period, observed, entries } } },
    ],
  });
}

const subjectAttempts = 8;
/** Ids of the last observations a summary keeps, to refuse one applied again. */
const recentObservations = 8;

/**
 * Observes each update's subject in its bucket's top-subject summary: one PutItem of the
 * summary, conditional on the number of observations read, retried on a concurrent
 * observer. The summary lists the ids of its last observations, so one applied again (an
 * SDK retry of a put that succeeded) is refused without a marker item or a transaction (1
 * write unit instead of 4). After the case change committed, not in it: a busy bucket's
 * summary must not make case changes conflict. A crash between the two loses one
 * observation of an estimate (logged); the counters are never affected.
 */
export async function observeSubjects(tableName: string, updates: readonly AggregateUpdate[]): Promise<void> {
  for (const update of updates) {
    if (!update.subject) continue;
    try {
      await observeOne(tableName, update.period, `${update.id}#subject`, update.subject);
    } catch (error) {
      logger.warn('Subject not observed in the report summary', { period: update.period, errorName: (error as Error).name });
    }
  }
}

async function observeOne(tableName: string, period: string, id: string, label: string): Promise<void> {
  for (let attempt = 1; attempt <= subjectAttempts; attempt++) {
    const read = await dynamo().get({ TableName: tableName, Key: keys.statisticsSubjects(period), ConsistentRead: true });
    const applied = (read.Item?.applied as string[] | undefined) ?? [];
    if (applied.includes(id)) return; // observed before: a replay
    const summary = subjectsOf(read.Item);
    const next = observeSubject(summary, label);
    try {
      await dynamo().put({
        TableName: tableName,
        Item: { ...keys.statisticsSubjects(period), type: 'statistics-subjects', period, observed: next.observed, entries: next.entries, applied: [...applied, id].slice(-recentObservations) },
        ConditionExpression: read.Item ? 'observed = :read' : 'attribute_not_exists(pk)',
        ...(read.Item ? { ExpressionAttributeValues: { ':read': summary.observed } } : {}),
      });
      return;
    } catch (error) {
      if (!conditionFailed(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
  throw new Error('The subject summary kept changing');
}

function subjectsOf(item: Record<string, unknown> | undefined): SubjectSummary {
  if (!item) return emptySubjectSummary();
  return { observed: Number(item.observed), entries: (item.entries as SubjectSummary['entries']) ?? [] };
}

/** What a report reads of its periods: the counters, the summary and the hot and major case numbers of each. */
export interface StoredAggregate {
  readonly aggregate: PeriodAggregate;
  readonly hotAndMajor: readonly string[];
}

/**
 * The buckets of `periods` (two items each, one BatchGetItem per 50 periods): reads in
 * proportion to the periods asked for, never to the cases in them. A missing bucket is empty.
 */
export async function readAggregates(tableName: string, periods: readonly string[]): Promise<StoredAggregate[]> {
  const found = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < periods.length; i += 50) {
    const chunk = periods.slice(i, i + 50);
    let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = {
      [tableName]: { Keys: chunk.flatMap((p) => [keys.statistics(p), keys.statisticsSubjects(p)]), ConsistentRead: true },
    };
    while (request && Object.keys(request).length > 0) {
      const result = await dynamo().batchGet({ RequestItems: request });
      for (const item of result.Responses?.[tableName] ?? []) found.set(`${item.pk}|${item.sk}`, item);
      request = result.UnprocessedKeys as typeof request;
    }
  }
  const at = (key: { pk: string; sk: string }) => found.get(`${key.pk}|${key.sk}`);
  return periods.map((period) => {
    const counters = at(keys.statistics(period));
    if (!counters && !at(keys.statisticsSubjects(period))) return { aggregate: emptyAggregate(period), hotAndMajor: [] };
    return {
      aggregate: { period, counters: countersOf(counters), subjects: subjectsOf(at(keys.statisticsSubjects(period))) },
      hotAndMajor: [...((counters?.[hotAndMajorAttribute] as Set<string> | undefined) ?? [])].sort(),
    };
  });
}

function countersOf(item: Record<string, unknown> | undefined): Record<string, number> {
  const counters: Record<string, number> = {};
  for (const [name, value] of Object.entries(item ?? {})) if (name.startsWith(counterPrefix)) counters[name.slice(counterPrefix.length)] = Number(value);
  return counters;
}
