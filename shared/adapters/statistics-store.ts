import { type AggregateUpdate, counter, type PeriodAggregate, teamCounterOf, type TeamScope } from '../domain/statistics-counters';
import { monthsOfWeek, periodKindOf } from '../domain/report-period';
import { hotOrMajorMove } from '../domain/statistics';
import { emptySubjectSummary, mergeSubjectSummaries, observeSubject, type SubjectSummary } from '../domain/top-subjects';
import { batchGetAll, dynamo, type TransactionItem } from './aws-clients';
import { conditionFailed, failedItems } from './conditions';
import { allShards, hotOrMajorPrefix, type ItemKey, keys, shardOf, shards, teamFiguresPrefix, unshardedStatistics } from './keys';
import { logger } from './logger';

/**
 * Storage of the report aggregates (docs/reports.md "The aggregate model"): per period
 * bucket, in each of `shards.statistics` shards, one counters item (each counter a
 * top-level attribute changed only by `ADD`), one top-subject summary item, an item per
 * hot or major case and an item per department and per handler with figures in the shard
 * (so the counters item does not grow with the staff, and an update is billed for the
 * items it changes, not for every team's figures). A case writes the shard of its case
 * number; a report sums the counters of every shard (and the team items of its own
 * period) and merges the summaries, so its reads stay the same at 1,000
 * or 100,000 cases a month, and no item is written by every case (architecture.md 12:
 * 50 transactions at once on one counters item conflicted). Per-case contributions summed
 * at report time would read every case of the month instead.
 * Every update is applied at most once: inside a case change, by the transaction's
 * condition on the case's version; elsewhere (a notice sent), by a marker item under its
 * id, put with `attribute_not_exists` in the same transaction as the additions; in the
 * subject summary, by the ids it lists as applied.
 */

/** Counter attributes carry a prefix, so no counter name can collide with the item's own attributes. */
const counterPrefix = 'n:';
/** The string set of hot and major case numbers on an unsharded counters item (before the shards). */
const unshardedHotAndMajor = 'hotAndMajor';
/** How long a marker refuses a replay of its update: longer than any redelivery or stream replay window. */
const markerDays = 400;

const expiresAt = (at: Date) => Math.floor(at.getTime() / 1000) + markerDays * 86_400;

const marker = (tableName: string, id: string, at: Date): TransactionItem => ({
  Put: { TableName: tableName, Item: { ...keys.statisticsApplied(id), type: 'statistics-applied', expiresAt: expiresAt(at) }, ConditionExpression: 'attribute_not_exists(pk)' },
});

/** An UpdateItem that sets `set` and adds each of `counters` (an `n:` attribute each) to the item at `key`. */
function additions(tableName: string, key: ItemKey, set: Record<string, unknown>, counters: Readonly<Record<string, number>>): TransactionItem {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const assigned = Object.entries(set).map(([name, value], i) => {
    names[`#s${i}`] = name;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
  const added = Object.entries(counters).map(([name, by], i) => {
    names[`#c${i}`] = counterPrefix + name;
    values[`:c${i}`] = by;
    return `#c${i} :c${i}`;
  });
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: `SET ${assigned.join(', ')}${added.length ? ` ADD ${added.join(', ')}` : ''}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** The figures of one department or handler in an update, by the figure's name (`resolved`, `handling.3`). */
interface TeamAdditions {
  readonly scope: TeamScope;
  readonly id: string;
  readonly counters: Record<string, number>;
}

/** An update's counters apart: the period's own, and each department's and handler's (`counter.team`), which have items of their own. */
function splitTeams(counters: Readonly<Record<string, number>>): { own: Record<string, number>; teams: TeamAdditions[] } {
  const own: Record<string, number> = {};
  const teams = new Map<string, TeamAdditions>();
  for (const [name, by] of Object.entries(counters)) {
    const team = teamCounterOf(name);
    if (!team) {
      own[name] = by;
      continue;
    }
    const key = `${team.scope}|${team.id}`;
    const entry = teams.get(key) ?? { scope: team.scope, id: team.id, counters: {} };
    entry.counters[team.figure] = by;
    teams.set(key, entry);
  }
  return { own, teams: [...teams.values()] };
}

const teamItem = (tableName: string, period: string, shard: number, team: TeamAdditions): TransactionItem =>
  additions(tableName, keys.statisticsTeam(period, shard, team.scope, team.id), { type: 'statistics-team', period, scope: team.scope, member: team.id }, team.counters);

/**
 * The writes of one update in the case's shard, after its marker when `marked`: the
 * counters item and an item per department and handler it counts for (so the counters item
 * stays the same size however many staff there are); the subject is observed apart.
 */
function counterWrites(tableName: string, update: AggregateUpdate, caseNumber: string, at: Date, marked: boolean): TransactionItem[] {
  const shard = shardOf(caseNumber, shards.statistics);
  const { own, teams } = splitTeams(update.counters);
  return [
    ...(marked ? [marker(tableName, update.id, at)] : []),
    ...(Object.keys(own).length > 0 ? [additions(tableName, keys.statistics(update.period, shard), { type: 'statistics', period: update.period }, own)] : []),
    ...teams.map((team) => teamItem(tableName, update.period, shard, team)),
  ];
}

/**
 * The case's hot-or-major item when its change lists or unlists it in its receipt periods:
 * one item under the receipt month, holding the receipt week, so a hot case costs one
 * transaction item, not one per period (the weekly report reads the week's months). An
 * UpdateItem both ways: `listed` false rather than a delete, as the steps may not delete.
 */
function listingWrites(tableName: string, caseNumber: string, updates: readonly AggregateUpdate[]): TransactionItem[] {
  const moved = (kind: 'month' | 'week') => updates.find((u) => periodKindOf(u.period) === kind && hotOrMajorMove(u) !== 0);
  const month = moved('month');
  if (!month) return [];
  const week = moved('week')?.period;
  return [
    {
      Update: {
        TableName: tableName,
        Key: keys.statisticsHotOrMajor(month.period, shardOf(caseNumber, shards.statistics), caseNumber),
        UpdateExpression: `SET #type = :type, caseNumber = :n, listed = :listed${week ? ', #week = :week' : ''}`,
        ExpressionAttributeNames: { '#type': 'type', ...(week ? { '#week': 'week' } : {}) },
        ExpressionAttributeValues: { ':type': 'statistics-hot-or-major', ':n': caseNumber, ':listed': hotOrMajorMove(month) > 0, ...(week ? { ':week': week } : {}) },
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
  const counted = updates.filter((u) => Object.keys(u.counters).length > 0);
  return [...counted.flatMap((u) => counterWrites(tableName, u, caseNumber, at, !options.versioned)), ...listingWrites(tableName, caseNumber, counted)];
}

/** True when a cancelled transaction failed only on statistics markers: the updates were applied before. */
export function onlyMarkersFailed(error: unknown, items: readonly TransactionItem[]): boolean {
  const failed = failedItems(error);
  return failed.length > 0 && failed.every((i) => items[i]?.Put?.Item?.type === 'statistics-applied');
}

/**
 * Writes a whole bucket as given (benches and fixtures seed a period's figures without
 * its cases): the counters, summary and team items in shard 0, each hot or major case in
 * its own shard under the period itself (for a week, the shape written before the month
 * held the week: still read), so reading them is what a report does.
 */
export async function putAggregate(tableName: string, aggregate: PeriodAggregate, hotAndMajor: readonly string[]): Promise<void> {
  const { own, teams } = splitTeams(aggregate.counters);
  const counters = Object.fromEntries(Object.entries(own).map(([name, value]) => [counterPrefix + name, value]));
  const { period, subjects } = aggregate;
  await dynamo().transactWrite({
    TransactItems: [
      { Put: { TableName: tableName, Item: { ...keys.statistics(period, 0), type: 'statistics', period, ...counters } } },
      { Put: { TableName: tableName, Item: { ...keys.statisticsSubjects(period, 0), type: 'statistics-subjects', period, observed: subjects.observed, entries: subjects.entries } } },
    ],
  });
  for (const team of teams) await dynamo().update(teamItem(tableName, period, 0, team).Update!);
  for (const n of hotAndMajor) {
    await dynamo().put({ TableName: tableName, Item: { ...keys.statisticsHotOrMajor(period, shardOf(n, shards.statistics), n), type: 'statistics-hot-or-major', caseNumber: n, listed: true } });
  }
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
      // The shard of the update's id (`<case>#v<version>@<period>`): a replay finds its id listed in the same shard.
      await observeOne(tableName, keys.statisticsSubjects(update.period, shardOf(update.id, shards.statistics)), update.period, `${update.id}#subject`, update.subject);
    } catch (error) {
      logger.warn('Subject not observed in the report summary', { period: update.period, errorName: (error as Error).name });
    }
  }
}

async function observeOne(tableName: string, key: ItemKey, period: string, id: string, label: string): Promise<void> {
  for (let attempt = 1; attempt <= subjectAttempts; attempt++) {
    const read = await dynamo().get({ TableName: tableName, Key: key, ConsistentRead: true });
    const applied = (read.Item?.applied as string[] | undefined) ?? [];
    if (applied.includes(id)) return; // observed before: a replay
    const summary = subjectsOf(read.Item);
    const next = observeSubject(summary, label);
    try {
      await dynamo().put({
        TableName: tableName,
        Item: { ...key, type: 'statistics-subjects', period, observed: next.observed, entries: next.entries, applied: [...applied, id].slice(-recentObservations) },
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

/** What a report reads of a period: its counters and subject summary, every shard's together. */
export interface StoredAggregate {
  readonly aggregate: PeriodAggregate;
}

/** The items of one period a report reads: every shard's counters and summary, and the unsharded pair of before. */
const periodKeys = (period: string): { counters: ItemKey[]; subjects: ItemKey[] } => ({
  counters: [...allShards(shards.statistics).map((s) => keys.statistics(period, s)), unshardedStatistics.counters(period)],
  subjects: [...allShards(shards.statistics).map((s) => keys.statisticsSubjects(period, s)), unshardedStatistics.subjects(period)],
});

/**
 * The buckets of `periods`, each summed over its shards (18 items a period, BatchGetItem of
 * up to 100 keys): reads in proportion to the periods asked for, never to the cases in
 * them. A missing item is an empty shard. For the periods in `teamsOf`, also the figures
 * of each department and handler (`counter.team`; a Query per shard, in proportion to the
 * staff with figures in the period), added to those the counters items held before they
 * had items of their own.
 */
export async function readAggregates(tableName: string, periods: readonly string[], options: { teamsOf?: readonly string[] } = {}): Promise<StoredAggregate[]> {
  const wanted = periods.flatMap((p) => Object.values(periodKeys(p)).flat());
  const [items, teams] = await Promise.all([
    batchGetAll(tableName, wanted, [], { consistent: true }),
    Promise.all(periods.map((p) => (options.teamsOf?.includes(p) ? readTeamItems(tableName, p) : []))),
  ]);
  const found = new Map(items.map((item) => [`${item.pk}|${item.sk}`, item]));
  const at = (key: ItemKey) => found.get(`${key.pk}|${key.sk}`);
  return periods.map((period, i) => {
    const { counters, subjects } = periodKeys(period);
    return {
      aggregate: {
        period,
        counters: sumCounters(counters.map(at), teams[i]!),
        subjects: mergeSubjectSummaries(subjects.map((key) => subjectsOf(at(key)))),
      },
    };
  });
}

/** Every department and handler item of `period`: a paginated Query of each shard's `TEAM#` items. */
async function readTeamItems(tableName: string, period: string): Promise<Record<string, unknown>[]> {
  const pages = await Promise.all(
    allShards(shards.statistics).map(async (shard) => {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await dynamo().query({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :team)',
          ExpressionAttributeValues: { ':pk': keys.statistics(period, shard).pk, ':team': teamFiguresPrefix },
          ExclusiveStartKey: start,
          ConsistentRead: true,
        });
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    }),
  );
  return pages.flat();
}

/** The counters items' counters and the team items' figures (as `counter.team` names), summed. */
function sumCounters(items: readonly (Record<string, unknown> | undefined)[], teamItems: readonly Record<string, unknown>[]): Record<string, number> {
  const counters: Record<string, number> = {};
  const add = (name: string, value: unknown) => (counters[name] = (counters[name] ?? 0) + Number(value));
  for (const item of items) {
    for (const [name, value] of Object.entries(item ?? {})) if (name.startsWith(counterPrefix)) add(name.slice(counterPrefix.length), value);
  }
  for (const item of teamItems) {
    for (const [name, value] of Object.entries(item)) {
      if (name.startsWith(counterPrefix)) add(counter.team(item.scope as TeamScope, String(item.member), name.slice(counterPrefix.length)), value);
    }
  }
  return counters;
}

/**
 * The case numbers listed hot or major in `period`, sorted: a paginated Query of each
 * shard's `HOT#` items still listed, and the set the unsharded counters item held before
 * the shards. A case's item is under its receipt month with its receipt week, so a week
 * reads the shards of its month (or two), filtered on the week, and its own shards for
 * the items written per week before (docs/data-model.md "Items written in the old shape").
 * In proportion to the hot and major cases of the month(s), not to the volume.
 */
export async function readHotAndMajor(tableName: string, period: string): Promise<string[]> {
  const listed = new Set<string>();
  const week = periodKindOf(period) === 'week' ? period : undefined;
  const partitions = [...(week ? monthsOfWeek(week).map((month) => ({ period: month, week })) : []), { period, week: undefined }];
  await Promise.all(
    partitions.flatMap((p) =>
      allShards(shards.statistics).map(async (shard) => {
        let start: Record<string, unknown> | undefined;
        do {
          const page = await dynamo().query({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :hot)',
            FilterExpression: p.week ? 'listed = :listed AND #week = :week' : 'listed = :listed',
            ...(p.week ? { ExpressionAttributeNames: { '#week': 'week' } } : {}),
            ExpressionAttributeValues: { ':pk': keys.statistics(p.period, shard).pk, ':hot': hotOrMajorPrefix, ':listed': true, ...(p.week ? { ':week': p.week } : {}) },
            ExclusiveStartKey: start,
            ConsistentRead: true,
          });
          for (const item of page.Items ?? []) listed.add(String(item.caseNumber));
          start = page.LastEvaluatedKey;
        } while (start);
      }),
    ),
  );
  const before = await dynamo().get({ TableName: tableName, Key: unshardedStatistics.counters(period), ConsistentRead: true });
  for (const n of (before.Item?.[unshardedHotAndMajor] as Set<string> | undefined) ?? []) listed.add(n);
  return [...listed].sort();
}
