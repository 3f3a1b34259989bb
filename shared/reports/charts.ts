/**
 * The report charts as self-contained SVG text: the axis ticks from d3-array (`nice`,
 * `ticks`: round numbers at round steps) and the path geometry of lines, gaps and rings
 * from d3-shape, neither needing a DOM; together about 13 KB in a bundle. The linear
 * mapping of a value onto the plot is one line here: d3-scale would do it too, but
 * brings colour interpolation and number formatting along (28 KB more), and Apache
 * ECharts' server-side SVG renderer 570 KB (docs/reports.md "Charts").
 *
 * Only presentation attributes, never `style`: the public page's CSP allows no inline
 * style, and mail clients strip `<style>`. Every chart has a `<title>` and `role="img"`
 * with an `aria-label`; the figures it shows are also in a table next to it.
 */
import { nice, ticks } from 'd3-array';
import { arc, line, pie } from 'd3-shape';
import { escapeHtml } from '../web/html';

export interface Series {
  readonly name: string;
  readonly values: readonly (number | null)[];
}

const palette = ['#0a5a8c', '#c2570c', '#1a6b3c', '#6b3fa0'];
const ink = '#1d2733';
const grid = '#d5dbe3';
const font = 'font-family="system-ui, -apple-system, \'PingFang SC\', \'Microsoft YaHei\', sans-serif"';

function frame(title: string, width: number, height: number, body: string): string {
  const label = escapeHtml(title);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${label}" ${font} font-size="11" fill="${ink}">` +
    `<title>${label}</title>${body}</svg>`
  );
}

const fixed = (n: number) => Number(n.toFixed(2));

/** `[0, max]` widened to a round top (d3-array `nice`) mapped linearly onto `[from, to]`, with its round ticks. */
function axis(max: number, from: number, to: number, count: number): { readonly at: (v: number) => number; readonly ticks: number[] } {
  const [, top] = nice(0, max, count);
  return { at: (v) => from + ((to - from) * v) / top, ticks: ticks(0, top, count) };
}

/** Lines over periods (volume trend, on-time share); `percent` reads values as shares 0-1. */
export function trendChart(title: string, periods: readonly string[], series: readonly Series[], percent = false): string {
  const [width, height, m] = [560, 240, { top: 28, right: 12, bottom: 28, left: 40 }];
  // Periods evenly spaced, with half a step of room at either end.
  const step = (width - m.left - m.right) / Math.max(1, periods.length);
  const x = (j: number) => m.left + step * (j + 0.5);
  const max = Math.max(1, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const { at: y, ticks: marks } = axis(percent ? 1 : max, height - m.bottom, m.top, 4);
  const format = (v: number) => (percent ? `${Math.round(v * 100)}%` : String(v));
  const gridLines = marks
    .map((t) => `<line x1="${m.left}" x2="${width - m.right}" y1="${fixed(y(t))}" y2="${fixed(y(t))}" stroke="${grid}"/><text x="${m.left - 6}" y="${fixed(y(t))}" dy="0.32em" text-anchor="end">${format(t)}</text>`)
    .join('');
  const labels = periods.map((p, j) => `<text x="${fixed(x(j))}" y="${height - 8}" text-anchor="middle">${escapeHtml(p.slice(2))}</text>`).join('');
  const paths = series
    .map((s, i) => {
      const points = periods.map((_, j) => [x(j), s.values[j] ?? null] as const);
      const d = line<(typeof points)[number]>()
        .defined(([, v]) => v !== null)
        .x(([px]) => px)
        .y(([, v]) => y(v!))(points);
      const dots = points.flatMap(([px, v]) => (v === null ? [] : [`<circle cx="${fixed(px)}" cy="${fixed(y(v))}" r="2.5" fill="${palette[i % palette.length]}"/>`])).join('');
      return `<path d="${d ?? ''}" fill="none" stroke="${palette[i % palette.length]}" stroke-width="2"/>${dots}`;
    })
    .join('');
  const legend = series
    .map((s, i) => `<rect x="${m.left + i * 140}" y="6" width="10" height="10" fill="${palette[i % palette.length]}"/><text x="${m.left + i * 140 + 14}" y="15">${escapeHtml(s.name)}</text>`)
    .join('');
  return frame(title, width, height, gridLines + labels + paths + legend);
}

/** Horizontal bars, one per item, largest first as given (categories). */
export function barChart(title: string, items: readonly { readonly label: string; readonly value: number }[]): string {
  const [width, m, row] = [560, { top: 8, right: 40, bottom: 8, left: 150 }, 22];
  const height = m.top + m.bottom + Math.max(1, items.length) * row;
  const { at: x } = axis(Math.max(1, ...items.map((i) => i.value)), m.left, width - m.right, 4);
  const bar = row * 0.8; // a fifth of each row is the gap between bars
  const bars = items
    .map((item, i) => {
      const top = m.top + i * row + (row - bar) / 2;
      const mid = fixed(top + bar / 2);
      return (
        `<text x="${m.left - 6}" y="${mid}" dy="0.32em" text-anchor="end">${escapeHtml(item.label)}</text>` +
        `<rect x="${m.left}" y="${fixed(top)}" width="${fixed(x(item.value) - m.left)}" height="${fixed(bar)}" fill="${palette[0]}"/>` +
        `<text x="${fixed(x(item.value)) + 4}" y="${mid}" dy="0.32em">${item.value}</text>`
      );
    })
    .join('');
  return frame(title, width, height, bars);
}

/** The on-time share of one period as a ring, the percentage in its middle; an empty ring without data. */
export function shareRing(title: string, share: number | null, labels: { readonly part: string; readonly rest: string }): string {
  const [width, height, radius] = [560, 180, 70];
  const slices = pie<number>().sort(null)(share === null ? [0, 1] : [share, 1 - share]);
  const ring = arc<(typeof slices)[number]>().innerRadius(radius * 0.62).outerRadius(radius);
  const colours = share === null ? [grid, grid] : [palette[2]!, palette[1]!];
  const paths = slices.map((s, i) => `<path d="${ring(s) ?? ''}" fill="${colours[i]}"/>`).join('');
  const centre = share === null ? '–' : `${Math.round(share * 100)}%`;
  const legend = [labels.part, labels.rest]
    .map((text, i) => `<rect x="200" y="${60 + i * 24}" width="10" height="10" fill="${colours[i]}"/><text x="216" y="${69 + i * 24}">${escapeHtml(text)}</text>`)
    .join('');
  return frame(title, width, height, `<g transform="translate(100 ${height / 2})">${paths}<text text-anchor="middle" dy="0.35em" font-size="20">${centre}</text></g>${legend}`);
}
