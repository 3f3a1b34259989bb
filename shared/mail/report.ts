/**
 * 统计分析 mail to the complaint management group: Chinese first, the English text below
 * (as every staff mail), the charts once in the Chinese part. The same HTML document is
 * stored as the report's HTML copy. From the stored report only: figures, pseudonymous
 * subjects, case numbers, states and staff-written summaries; no personal data.
 */
import type { StageConfig } from '../config/stage-config';
import { reportCharts, reportHtml, reportLines } from '../reports/report-render';
import { reportWords } from '../reports/report-words';
import type { Report } from '../schemas/report';
import { mailLayout } from './layout';

export interface ReportMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export function renderReportMail(report: Report, config: Pick<StageConfig, 'categories'>): ReportMail {
  const [zh, en] = [reportWords('zh-CN'), reportWords('en')];
  const subject = `【统计分析】${zh.reportTitle} ${report.period} / ${en.reportTitle}`;
  const charts = reportCharts(report, config.categories);
  const text = [...reportLines(report, 'zh-CN', config.categories), '——', ...reportLines(report, 'en', config.categories)].join('\n');
  const body = `${reportHtml(report, 'zh-CN', config.categories, charts).markup}<hr>${reportHtml(report, 'en', config.categories).markup}`;
  return { subject, text, html: mailLayout('zh-CN', subject, body) };
}
