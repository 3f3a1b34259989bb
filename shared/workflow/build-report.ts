import { casePriorities, type ReportedCase } from '../adapters/case-lookups';
import { loadContact } from '../adapters/case-reads';
import { detailedReportOf } from '../domain/detailed-report';
import { logger } from '../adapters/logger';
import { sendMail } from '../adapters/mailer';
import { claimReportMail, readReport, reportMailed, type StoredReport, storeReport } from '../adapters/report-store';
import { readAggregates, readHotAndMajor } from '../adapters/statistics-store';
import { approvedCaseReports, buildReport } from '../domain/report';
import { isoInZone } from '../domain/time-format';
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
  // The period's own figures per department and handler (byDepartment, byHandler); the trend needs none.
  const buckets = await readAggregates(tableName, periodsEndingWith(period, 12), { teamsOf: [period] });
  const current = buckets.at(-1)!;
  const cases = await casePriorities(tableName, await readHotAndMajor(tableName, period));
  // Listed when it became hot or major; reclassified since, it leaves the list at that change.
  const listed = cases.filter((c) => c.priority && listedPriorities.includes(c.priority));
  const hotAndMajor = await Promise.all(listed.map((c) => reportedCase(tableName, c)));
  // 专题报告 approved in the period (seed 004), with the instant of approval read from each case.
  const approved = approvedCaseReports(current.aggregate);
  const approvedAt = new Map((await casePriorities(tableName, approved.map((r) => r.caseNumber))).map((c) => [c.caseNumber, c.caseReport?.approvedAt]));
  const caseReports = approved.flatMap((r) => {
    const instant = approvedAt.get(r.caseNumber);
    return instant ? [{ ...r, approvedAt: isoInZone(new Date(instant), config.timeZone) }] : [];
  });
  const report = buildReport({
    aggregate: current.aggregate,
    earlier: buckets.slice(0, -1).map((b) => b.aggregate),
    hotAndMajor,
    caseReports,
    categories: config.categories.map((c) => c.id),
    generatedAt: at,
    timeZone: config.timeZone,
  });
  const mail = renderReportMail(report, config);
  return { period, generatedAt: report.generatedAt, json: JSON.stringify(report), ...mail, csv: reportCsv(report) };
}

/** A hot or major case as the report lists it; a closed major one with its detailed report (its reply, personal data removed). */
async function reportedCase(tableName: string, c: ReportedCase): Promise<HotOrMajorCase> {
  const listed = { caseNumber: c.caseNumber, priority: c.priority as HotOrMajorCase['priority'], status: c.status };
  if (c.priority !== 'major' || c.status !== 'closed') return listed;
  // The contact is read only to remove it from the text (as many reads as closed major cases, not the period's volume).
  const detailed = detailedReportOf(c, await loadContact(tableName, c.caseNumber));
  return detailed ? { ...listed, detailedReport: detailed } : listed;
}
