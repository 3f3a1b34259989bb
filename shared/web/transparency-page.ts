/**
 * `GET /transparency/{period}` with `Accept: text/html`: the public summary (信息公开) as
 * a page, Chinese first with the English switch, readable on a phone, with the report's
 * charts (trend of the last twelve periods, on-time share, categories). Only the public
 * summaries are read, so nothing here can show what the summary does not publish: counts
 * of 1 to 4 stay `"<5"` in tables and are left out of the charts, no subjects at all.
 * No script: the page is figures, tables and inline SVG (presentation attributes only,
 * which the CSP allows).
 */
import { periodsEndingWith } from '../domain/report-period';
import type { Language } from '../domain/status';
import { barChart, shareRing, trendChart } from '../reports/charts';
import { type CategoryName, reportWords, valueName } from '../reports/report-words';
import type { PublicCount, TransparencySummary } from '../schemas/report';
import { type Html, html, trusted } from './html';
import { otherLanguage, pageHref, renderPage } from './layout';

export interface TransparencyPageInput {
  readonly language: Language;
  readonly summary: TransparencySummary;
  /** Summaries of periods before, for the trend of the last twelve; a period without one is not drawn. */
  readonly earlier: readonly TransparencySummary[];
  readonly categories: readonly CategoryName[];
}

/** A published count as a number a chart can draw; `"<5"` is not drawn. */
const drawable = (count: PublicCount): number | null => (typeof count === 'number' ? count : null);

export function renderTransparencyPage({ language, summary, earlier, categories }: TransparencyPageInput): string {
  const w = reportWords(language);
  const shown = (value: PublicCount | number | null, percent = false): string =>
    value === null ? w.noData : typeof value === 'string' ? value : percent ? `${(value * 100).toFixed(1)} %` : String(value);
  const known = new Map([...earlier, summary].map((s) => [s.period, s]));
  const periods = periodsEndingWith(summary.period, 12);
  const trendOf = (pick: (s: TransparencySummary) => PublicCount) => periods.map((p) => (known.has(p) ? drawable(pick(known.get(p)!)) : null));
  const figures: [string, string][] = [
    [w.received, shown(summary.received.total)],
    [w.resolved, shown(summary.resolved)],
    [w.medianHours, shown(summary.medianHoursToAct)],
    [w.onTimeShare, shown(summary.onTimeShare, true)],
    [w.appeals, shown(summary.appeals.total)],
    [w.appealsChanged, shown(summary.appeals.changed)],
    [w.malicious, shown(summary.maliciousMarked)],
    [w.referrals, shown(summary.referrals)],
    [w.trusted, shown(summary.trustedFlaggerNotices)],
  ];
  const rows = (pairs: readonly [string, string][]): Html[] => pairs.map(([label, value]) => html`<tr><th scope="row">${label}</th><td class="n">${value}</td></tr>`);
  const byKind = Object.entries(summary.received.byKind).map(([k, v]): [string, string] => [valueName(language, 'kind', k, categories), shown(v)]);
  const byCategory = Object.entries(summary.received.byCategory).map(([k, v]): [string, string] => [valueName(language, 'category', k, categories), shown(v)]);
  const bars = Object.entries(summary.received.byCategory)
    .flatMap(([id, v]) => (typeof v === 'number' && v > 0 ? [{ label: valueName(language, 'category', id, categories), value: v }] : []))
    .sort((a, b) => b.value - a.value);
  const charts = [
    trendChart(
      w.trendChart,
      periods,
      [
        { name: w.received, values: trendOf((s) => s.received.total) },
        { name: w.resolved, values: trendOf((s) => s.resolved) },
      ],
    ),
    shareRing(w.onTimeChart, summary.onTimeShare, { part: w.onTime, rest: w.late }),
    barChart(w.categoryChart, bars),
  ];
  const title = `${w.transparencyTitle} ${summary.period}`;
  const main = html`<h1>${title}</h1>
<section class="card">
<table class="figures"><caption class="vh">${w.period} ${summary.period}</caption>${rows(figures)}</table>
<p class="muted">${w.suppressed}</p>
</section>
<section class="card">
${trusted(charts[0]!)}${trusted(charts[1]!)}
</section>
<section class="card">
<h2>${w.byKind}</h2>
<table class="figures">${rows(byKind)}</table>
<h2>${w.byCategory}</h2>
${trusted(charts[2]!)}
<table class="figures">${rows(byCategory)}</table>
</section>
${summary.majorCases.length ? html`<section class="card"><h2>${w.majorCases}</h2>${summary.majorCases.map((c) => html`<p>${c.summary}</p>`)}</section>` : ''}`;
  return renderPage({
    language,
    title,
    otherLanguageHref: pageHref(`/transparency/${summary.period}`, otherLanguage(language)),
    main,
    data: {},
  });
}
