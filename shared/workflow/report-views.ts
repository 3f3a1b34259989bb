import { readAggregates } from '../adapters/statistics-store';
import type { StageConfig } from '../config/stage-config';
import { casePriorities } from '../adapters/case-lookups';
import { buildTransparencySummary, publicSummaryCases } from '../domain/report';
import { periodKindOf, periodsEndingWith, periodSpan } from '../domain/report-period';
import type { TransparencySummary } from '../schemas/report';

/**
 * The public summary (信息公开) of a period that has ended, and those of the eleven before
 * for the page's trend: from the aggregates only (twelve buckets, two items each), so the
 * reads are the same at 1,000 or 100,000 cases. A period not yet over, or not a period, has
 * none: running figures of the current month are not published. The major cases' public
 * summaries approved in the period are read from those cases (their approved text only).
 */
export async function publicSummaries(
  tableName: string,
  config: Pick<StageConfig, 'timeZone' | 'categories'>,
  period: string,
  now: Date,
): Promise<{ readonly summary: TransparencySummary; readonly earlier: TransparencySummary[] } | undefined> {
  if (!periodKindOf(period) || periodSpan(period, config.timeZone).end > now) return undefined;
  const categories = config.categories.map((c) => c.id);
  const buckets = await readAggregates(tableName, periodsEndingWith(period, 12));
  const summaries = buckets.map((b) => buildTransparencySummary(b.aggregate, categories));
  // 公示: the summaries approved in the period, read from their cases (the approved text only, projected).
  const approved = await casePriorities(tableName, publicSummaryCases(buckets.at(-1)!.aggregate));
  const majorCases = approved.flatMap((c) => (c.caseReport?.approvedAt && c.caseReport.publicSummary ? [{ summary: c.caseReport.publicSummary }] : []));
  return { summary: { ...summaries.at(-1)!, majorCases }, earlier: summaries.slice(0, -1) };
}
