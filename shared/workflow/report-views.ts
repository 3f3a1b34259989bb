import { readAggregates } from '../adapters/statistics-store';
import type { StageConfig } from '../config/stage-config';
import { buildTransparencySummary } from '../domain/report';
import { periodKindOf, periodsEndingWith, periodSpan } from '../domain/report-period';
import type { TransparencySummary } from '../schemas/report';

/**
 * The public summary (信息公开) of a period that has ended, and those of the eleven before
 * for the page's trend: from the aggregates only (twelve buckets, two items each), so the
 * reads are the same at 1,000 or 100,000 cases. A period not yet over, or not a period, has
 * none: running figures of the current month are not published.
 */
export async function publicSummaries(
  tableName: string,
  config: Pick<StageConfig, 'timeZone' | 'categories'>,
  period: string,
  now: Date,
): Promise<{ readonly summary: TransparencySummary; readonly earlier: TransparencySummary[] } | undefined> {
  if (!periodKindOf(period) || periodSpan(period, config.timeZone).end > now) return undefined;
  const categories = config.categories.map((c) => c.id);
  const summaries = (await readAggregates(tableName, periodsEndingWith(period, 12))).map((b) => buildTransparencySummary(b.aggregate, categories));
  return { summary: summaries.at(-1)!, earlier: summaries.slice(0, -1) };
}
