import type { WorkScope } from '../domain/staff-access';
import type { RowFacts } from '../domain/staff-view';
import { dynamo } from './aws-clients';
import { workListIndex } from './keys';

/**
 * The staff work lists: Queries of gsi2 (by assignee) and gsi3 (by department; the cases
 * with none yet in shards), each sorted by urgency, merged into one list. A page continues after the sort key of the
 * last row the previous page returned (the same key in every index a case is in), so the
 * merge needs no per-partition state.
 */

/** A work list row as the indexes carry it (topology `workListRow`), with its urgency sort key. */
export interface WorkListRow extends RowFacts {
  /** keys.ts `workListIndex.sortKey`. */
  readonly rank: string;
}

export interface WorkListQuery {
  readonly scopes: readonly WorkScope[];
  readonly status?: string;
  /** Only open cases whose most urgent deadline is before this instant. */
  readonly overdueAt?: string;
  /** Continue after this sort key. */
  readonly after?: string;
  readonly limit: number;
}

/** Rows of every scope, merged by urgency, at most `limit`; `more` when a next page may hold rows. */
export async function readWorkList(tableName: string, query: WorkListQuery): Promise<{ rows: WorkListRow[]; more: boolean }> {
  const pages = await Promise.all(query.scopes.flatMap((scope) => partitionsOf(scope).map((partition) => readScope(tableName, scope, partition, query))));
  const byCase = new Map<string, WorkListRow>();
  for (const row of pages.flatMap((p) => p.rows)) byCase.set(row.caseNumber, row);
  const merged = [...byCase.values()].sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  return { rows: merged.slice(0, query.limit), more: merged.length > query.limit || pages.some((p) => p.more) };
}

/** The index partitions of a scope: an assignee's, a department's, or every shard of the cases with no department. */
const partitionsOf = (scope: WorkScope): string[] =>
  scope.kind === 'assignee' ? [workListIndex.assignee.partition(scope.email)] : workListIndex.department.partitions(scope.department);

/** Up to `limit` matching rows of one partition after `after` (filtered Queries may need several pages). */
async function readScope(tableName: string, scope: WorkScope, partition: string, query: WorkListQuery): Promise<{ rows: WorkListRow[]; more: boolean }> {
  const index = scope.kind === 'assignee' ? workListIndex.assignee : workListIndex.department;
  const range = query.overdueAt ? workListIndex.overdue(query.overdueAt) : undefined;
  const from = query.after && (!range || query.after >= range.from) ? query.after : undefined;
  // Sort-key condition: after the cursor, inside the overdue range if asked.
  const conditions = [`#pk = :pk`];
  const values: Record<string, unknown> = { ':pk': partition };
  if (range && from) {
    conditions.push('#sk BETWEEN :from AND :to');
    Object.assign(values, { ':from': `${from}\u0000`, ':to': range.to });
  } else if (range) {
    conditions.push('#sk BETWEEN :from AND :to');
    Object.assign(values, { ':from': range.from, ':to': range.to });
  } else if (from) {
    conditions.push('#sk > :from');
    values[':from'] = from;
  }
  const filters: string[] = [];
  if (query.status) {
    filters.push('#status = :status');
    values[':status'] = query.status;
  }
  if (scope.kind === 'department' && scope.queueOnly) filters.push('attribute_not_exists(assignee)');
  const rows: WorkListRow[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().query({
      TableName: tableName,
      IndexName: index.name,
      KeyConditionExpression: conditions.join(' AND '),
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      // DynamoDB refuses a name the expressions do not use.
      ExpressionAttributeNames: { '#pk': index.partitionKey, ...(conditions.length > 1 ? { '#sk': index.sortKey } : {}), ...(query.status ? { '#status': 'status' } : {}) },
      ExpressionAttributeValues: values,
      Limit: query.limit + 1,
      ExclusiveStartKey: start,
    });
    for (const item of page.Items ?? []) rows.push({ ...(item as Omit<WorkListRow, 'rank'>), rank: String(item[index.sortKey]) });
    start = page.LastEvaluatedKey;
  } while (start && rows.length <= query.limit);
  return { rows: rows.slice(0, query.limit), more: rows.length > query.limit || start !== undefined };
}

/** An open case as the work-list indexes carry it: enough to decide whether to load it. */
export interface OpenCaseRow {
  readonly caseNumber: string;
  readonly workDueAt?: string;
  /** The sort key it was found under (a page continues after it). */
  readonly rank: string;
}

/**
 * Open cases in one work-list partition (a member's assigned cases, gsi2; or a department's,
 * gsi3), most urgent first, after `after`, at most `limit`; `next` is where the following page starts.
 */
export async function openCasesPage(
  tableName: string,
  scope: { readonly assignee: string } | { readonly partition: string },
  page: { readonly after?: string; readonly limit: number },
): Promise<{ rows: OpenCaseRow[]; next?: string }> {
  const index = 'assignee' in scope ? workListIndex.assignee : workListIndex.department;
  const partition = 'assignee' in scope ? workListIndex.assignee.partition(scope.assignee) : scope.partition;
  const result = await dynamo().query({
    TableName: tableName,
    IndexName: index.name,
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
    ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
    ExpressionAttributeValues: { ':pk': partition, ':from': page.after ? `${page.after}\u0000` : workListIndex.open.from, ':to': workListIndex.open.to },
    Limit: page.limit,
  });
  const rows = (result.Items ?? []).map((item) => ({
    caseNumber: String(item.caseNumber),
    ...(typeof item.workDueAt === 'string' ? { workDueAt: item.workDueAt } : {}),
    rank: String(item[index.sortKey]),
  }));
  return { rows, ...(result.LastEvaluatedKey && rows.length ? { next: rows.at(-1)!.rank } : {}) };
}
