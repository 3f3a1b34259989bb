import { casePriorities } from '../adapters/case-repository';
import { logger } from '../adapters/logger';
import { sendMail } from '../adapters/mailer';
import { claimReportMail, readReport, reportMailed, type StoredReport, storeReport } from '../adapters/report-store';
import { readAggregates } from '../adapters/statistics-store';
import { buildReport } from '../domain/report';
import { periodsEndingWith, type PeriodKind, reportPeriodAt } from '../domain/report-period';
import { listedPriorities } from '../domain/statistics';
import { renderReportMail } from '../mail/report';
import { reportCsv } from '../reports/report-render';
import type { HotOrMajorCase } from '../schemas/report';
import type { StepSettings } from './step-support';

export type ReportRun =
  | { readonly outcome: 'not-configured' }
  | { readonly outcome: 'mailed' | 'already-mailed' | 'being-mailed'; readonly period: string };

/**
 * Schedules `monthly-report` / `weekly-report` (统计分析): the report of the last complete
 * period before `at`, built from its bucket and the eleven before (the trend) and the
 * current state of its hot and major cases; stored once (JSON, the mail's HTML, CSV) and
 * mailed once to the management group, however often the schedule fires.
 */
export async function runPeriodReport(settings: Pick<StepSettings, 'tableName' | 'config'>, kind: PeriodKind, at: Date): Promise<ReportRun> {
  const { tableName, config } = settings;
  if (kind === 'week' && !config.reports.weekly) return { outcome: 'not-configured' };
  const period = reportPeriodAt(at, kind, config.timeZone);
  const stored = (await readReport(tableName, period)) ?? (await storeReport(tableName, await generate(settings, period, at)));
  if (stored.mailedAt) return { outcome: 'already-mailed', period };
  if (!(await claimReportMail(tableName, period))) return { outcome: 'being-mailed', period };
  await sendMail({ to: config.managementGroup.map((m) => m.email), subject: stored.subject, text: stored.text, html: stored.html });
  await reportMailed(tableName, period, at);
  logger.info('Report mailed to the management group', { period });
  return { outcome: 'mailed', period };
}

async function generate(settings: Pick<StepSettings, 'tableName' | 'config'>, period: string, at: Date): Promise<StoredReport> {
  const { tableName, config } = settings;
  const buckets = await readAggregates(tableName, periodsEndingWith(period, 12));
  const current = buckets.at(-1)!;
  const cases = await casePriorities(tableName, current.hotAndMajor);
  // Listed when it became hot or major; reclassified since, it leaves the list at that change.
  const hotAndMajor = cases.flatMap((c): HotOrMajorCase[] =>
    c.priority && listedPriorities.includes(c.priority) ? [{ caseNumber: c.caseNumber, priority: c.priority as HotOrMajorCase['priority'], status: c.status }] : [],
  );
  const report = buildReport({
    aggregate: current.aggregate,
    earlier: buckets.slice(0, -1).map((b) => b.aggregate),
    hotAndMajor,
    categories: config.categories.map((c) => c.id),
    generatedAt: at,
    timeZone: config.timeZone,
  });
  const mail = renderReportMail(report, config);
  return { period, generatedAt: report.generatedAt, json: JSON.stringify(report), ...mail, csv: reportCsv(report) };
}
