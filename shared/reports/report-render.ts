/**
 * The stored report (reportSchema) as CSV, and as the HTML and text the monthly mail and
 * the stored HTML copy share. Everything shown comes from the report: figures,
 * pseudonymous subject labels, case numbers, states and the staff-written summaries of
 * major cases; no personal data exists in it to show.
 */
import { csvFormatRow } from 'd3-dsv';
import type { Language } from '../domain/status';
import type { Report } from '../schemas/report';
import { type Html, html, trusted } from '../web/html';
import { barChart, shareRing, trendChart } from './charts';
import { type CategoryName, reportWords, valueName } from './report-words';

const dimensions = ['kind', 'type', 'category', 'level', 'channel', 'priority'] as const;
const byKey = { kind: 'byKind', type: 'byType', category: 'byCategory', level: 'byLevel', channel: 'byChannel', priority: 'byPriority' } as const;

/**
 * Long format, one figure a row: `section,key,value`, RFC 4180 (CRLF, UTF-8) as the DSA
 * templates ask; parses back into the same numbers.
 * Every cell is a figure, an id or a label the code made, never free text, so no cell can
 * start a spreadsheet formula.
 */
export function reportCsv(report: Report): string {
  const rows: (string | number)[][] = [['section', 'key', 'value']];
  const add = (section: string, key: string, value: number | string | null) => rows.push([section, key, value ?? '']);
  add('period', '', report.period);
  add('generatedAt', '', report.generatedAt);
  add('received', 'total', report.received.total);
  for (const d of dimensions) for (const [key, value] of Object.entries(report.received[byKey[d]])) add(`received.${byKey[d]}`, key, value);
  for (const name of ['resolved', 'rejected', 'onTimeShare', 'overdue', 'escalated', 'maliciousMarked', 'referrals', 'resolutionRate', 'topSubjectsMaxOvercount'] as const) add(name, '', report[name]);
  add('handlingHours', 'mean', report.handlingHours.mean);
  add('handlingHours', 'p90', report.handlingHours.p90);
  add('trustedSources', 'received', report.trustedSources.received);
  for (const [source, n] of Object.entries(report.trustedSources.bySource)) add('trustedSources.bySource', source, n);
  add('followUp', 'contacts', report.followUp.contacts);
  add('followUp', 'level2Replies', report.followUp.level2Replies);
  add('followUp', 'level2WithContactShare', report.followUp.level2WithContactShare);
  add('appeals', 'total', report.appeals.total);
  add('appeals', 'changed', report.appeals.changed);
  add('satisfaction', 'responses', report.satisfaction.responses);
  add('satisfaction', 'resolvedShare', report.satisfaction.resolvedShare);
  add('satisfaction', 'meanScore', report.satisfaction.meanScore);
  for (const s of report.topSubjects) add('topSubjects', s.subject, s.count);
  for (const t of report.trend) add('trend.received', t.period, t.received);
  for (const c of report.hotAndMajor) add(`hotAndMajor.${c.priority}`, c.caseNumber, c.status);
  for (const c of report.caseReports) add(`caseReports.${c.priority}`, c.caseNumber, c.approvedAt);
  for (const scope of teamScopes) {
    for (const [id, f] of Object.entries(report[scope])) {
      const { satisfaction, ...figures } = f;
      for (const [name, value] of [...Object.entries(figures), ...Object.entries(satisfaction).map(([k, v]) => [`satisfaction.${k}`, v] as const)]) add(`${scope}.${name}`, id, value);
    }
  }
  return `${rows.map((r) => csvFormatRow(r.map(String))).join('\r\n')}\r\n`;
}

/** The three charts of a report, titled in both languages (they appear once in the mail). */
export function reportCharts(report: Report, categories: readonly CategoryName[]): { readonly trend: string; readonly onTime: string; readonly categories: string } {
  const [zh, en] = [reportWords('zh-CN'), reportWords('en')];
  const both = (key: 'trendChart' | 'onTimeChart' | 'categoryChart') => `${zh[key]} / ${en[key]}`;
  const periods = report.trend.map((t) => t.period);
  const byCategory = Object.entries(report.received.byCategory)
    .filter(([, n]) => n > 0)
    .sort(([, a], [, b]) => b - a)
    .map(([id, value]) => ({ label: valueName('zh-CN', 'category', id, categories), value }));
  return {
    trend: trendChart(both('trendChart'), periods, [
      { name: `${zh.received} ${en.received}`, values: report.trend.map((t) => t.received) },
      { name: `${zh.resolved.replace(/（.*）/, '')} ${en.resolved.replace(/ \(.*\)/, '')}`, values: report.trend.map((t) => t.resolved) },
    ]),
    onTime: shareRing(both('onTimeChart'), report.onTimeShare, { part: `${zh.onTime} ${en.onTime}`, rest: `${zh.late} ${en.late}` }),
    categories: barChart(both('categoryChart'), byCategory),
  };
}

const number = (value: number | null, noData: string, percent = false): string =>
  value === null ? noData : percent ? `${(value * 100).toFixed(1)} %` : String(value);

/** The headline figures as label / value pairs in one language. */
export function headlineFigures(report: Report, language: Language): [string, string][] {
  const w = reportWords(language);
  const n = (value: number | null, percent = false) => number(value, w.noData, percent);
  return [
    [w.received, n(report.received.total)],
    [w.resolved, n(report.resolved)],
    [w.rejected, n(report.rejected)],
    [w.resolutionRate, n(report.resolutionRate, true)],
    [w.meanHours, n(report.handlingHours.mean)],
    [w.p90Hours, n(report.handlingHours.p90)],
    [w.onTimeShare, n(report.onTimeShare, true)],
    [w.overdue, n(report.overdue)],
    [w.escalated, n(report.escalated)],
    [w.appeals, n(report.appeals.total)],
    [w.appealsChanged, n(report.appeals.changed)],
    [w.responses, n(report.satisfaction.responses)],
    [w.resolvedShare, n(report.satisfaction.resolvedShare, true)],
    [w.meanScore, n(report.satisfaction.meanScore)],
    [w.malicious, n(report.maliciousMarked)],
    [w.referrals, n(report.referrals)],
    [w.trusted, n(report.trustedSources.received)],
    [w.followUpContacts, n(report.followUp.contacts)],
    [w.level2ContactShare, n(report.followUp.level2WithContactShare, true)],
  ];
}

const teamScopes = ['byDepartment', 'byHandler'] as const;
const teamHeadings = (language: Language): string[] => {
  const w = reportWords(language);
  return ['', w.received, w.resolved, w.onTimeShare, w.medianHours, w.reopenedShare, w.appealShare, w.responses, w.resolvedShare, w.meanScore];
};

/** 效果考核 / 绩效考核: one row per department or handler (its id or staff email: the report goes to management only). */
function teamRows(report: Report, scope: (typeof teamScopes)[number], language: Language): string[][] {
  const n = (value: number | null, percent = false) => number(value, reportWords(language).noData, percent);
  return Object.entries(report[scope]).map(([id, f]) => [
    id,
    n(f.received),
    n(f.resolved),
    n(f.onTimeShare, true),
    n(f.medianHoursToReply),
    n(f.reopenedShare, true),
    n(f.appealShare, true),
    n(f.satisfaction.responses),
    n(f.satisfaction.resolvedShare, true),
    n(f.satisfaction.meanScore),
  ]);
}

/** The report as text lines in one language (the plain-text mail part). */
export function reportLines(report: Report, language: Language, categories: readonly CategoryName[]): string[] {
  const w = reportWords(language);
  const sep = language === 'zh-CN' ? '：' : ': ';
  const lines = [`${w.period}${sep}${report.period}`, ...headlineFigures(report, language).map(([label, value]) => `${label}${sep}${value}`)];
  for (const d of dimensions) {
    const parts = Object.entries(report.received[byKey[d]]).map(([key, value]) => `${valueName(language, d, key, categories)} ${value}`);
    lines.push(`${w[byKey[d]]}${sep}${parts.join(language === 'zh-CN' ? '，' : ', ')}`);
  }
  lines.push(`${w.topSubjects}${sep}${report.topSubjects.map((s) => `${s.subject} (${s.count})`).join(', ') || w.none}`);
  lines.push(`${w.hotAndMajor}${sep}${report.hotAndMajor.length === 0 ? w.none : ''}`);
  for (const c of report.hotAndMajor) {
    lines.push(`  ${c.caseNumber}  ${valueName(language, 'priority', c.priority, categories)}  ${valueName(language, 'status', c.status, categories)}`);
    if (c.detailedReport) {
      lines.push(`    ${w.whatHappened}${sep}${c.detailedReport.whatHappened}`, `    ${w.causes}${sep}${c.detailedReport.causes}`, `    ${w.measures}${sep}${c.detailedReport.measures}`);
    }
  }
  for (const scope of teamScopes) {
    lines.push(`${w[scope]}${sep}${Object.keys(report[scope]).length === 0 ? w.none : ''}`);
    for (const row of teamRows(report, scope, language)) lines.push(`  ${row.join('  ')}`);
  }
  lines.push(`${w.caseReports}${sep}${report.caseReports.length === 0 ? w.none : ''}`);
  for (const c of report.caseReports) lines.push(`  ${c.caseNumber}  ${valueName(language, 'priority', c.priority, categories)}  ${c.approvedAt}`);
  return lines;
}

/** Mail clients drop `<style>`, so the mail's tables carry their style inline. */
const cell = trusted('style="padding:4px 8px;border-bottom:1px solid #d5dbe3;text-align:left;vertical-align:top"');
const table = (head: readonly string[], rows: readonly (readonly string[])[]): Html =>
  html`<table style="border-collapse:collapse;width:100%;margin:0 0 16px"><tr>${head.map((h) => html`<th ${cell}>${h}</th>`)}</tr>${rows.map(
    (r) => html`<tr>${r.map((v) => html`<td ${cell}>${v}</td>`)}</tr>`,
  )}</table>`;

/** The report as mail / document HTML in one language; `charts` are put in where given (the first language only). */
export function reportHtml(report: Report, language: Language, categories: readonly CategoryName[], charts?: ReturnType<typeof reportCharts>): Html {
  const w = reportWords(language);
  const figure = (svg: string | undefined) => (svg ? html`<div style="margin:8px 0 16px">${trusted(svg)}</div>` : '');
  const dimensionTables = dimensions.map(
    (d) => html`<h3>${w[byKey[d]]}</h3>${table([w[byKey[d]], w.count], Object.entries(report.received[byKey[d]]).map(([key, value]) => [valueName(language, d, key, categories), String(value)]))}`,
  );
  const cases =
    report.hotAndMajor.length === 0
      ? html`<p>${w.none}</p>`
      : html`${table(
          [w.caseNumber, w.priorityHeading, w.statusHeading],
          report.hotAndMajor.map((c) => [c.caseNumber, valueName(language, 'priority', c.priority, categories), valueName(language, 'status', c.status, categories)]),
        )}${report.hotAndMajor.map((c) =>
          c.detailedReport
            ? html`<h3>${c.caseNumber}</h3><p><strong>${w.whatHappened}</strong><br>${c.detailedReport.whatHappened}</p><p><strong>${w.causes}</strong><br>${c.detailedReport.causes}</p><p><strong>${w.measures}</strong><br>${c.detailedReport.measures}</p>`
            : '',
        )}`;
  return html`<section lang="${language}">
<h1>${w.reportTitle} ${report.period}</h1>
<p>${w.generatedAt} ${report.generatedAt}</p>
${table([w.figure, w.value], headlineFigures(report, language))}
${figure(charts?.trend)}${figure(charts?.onTime)}
<h2>${w.byCategory}</h2>
${figure(charts?.categories)}
${dimensionTables}
<h2>${w.topSubjects}</h2>
${report.topSubjects.length === 0 ? html`<p>${w.none}</p>` : table([w.subject, w.count], report.topSubjects.map((s) => [s.subject, String(s.count)]))}
<p>${w.overcount} ${report.topSubjectsMaxOvercount}</p>
<h2>${w.hotAndMajor}</h2>
${cases}
${teamScopes.map((scope) => html`<h2>${w[scope]}</h2>${Object.keys(report[scope]).length === 0 ? html`<p>${w.none}</p>` : table(teamHeadings(language), teamRows(report, scope, language))}`)}
<h2>${w.caseReports}</h2>
${report.caseReports.length === 0 ? html`<p>${w.none}</p>` : table([w.caseNumber, w.priorityHeading, w.approvedAt], report.caseReports.map((c) => [c.caseNumber, valueName(language, 'priority', c.priority, categories), c.approvedAt]))}
</section>`;
}
