import { csvParseRows } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { buildReport, buildTransparencySummary } from '../../../shared/domain/report';
import { updatesOfChange } from '../../../shared/domain/statistics';
import { applyUpdate, emptyAggregate } from '../../../shared/domain/statistics-counters';
import { renderReportMail } from '../../../shared/mail/report';
import { trendChart } from '../../../shared/reports/charts';
import { reportCsv } from '../../../shared/reports/report-render';
import { reportSchema, type Report } from '../../../shared/schemas/report';
import { publicPagePolicy } from '../../../shared/http/html-response';
import { renderTransparencyPage } from '../../../shared/web/transparency-page';
import { localConfig } from '../domain/fixtures';
import { october, octoberReport } from '../domain/october-fixture';
import { classified, change, zone } from '../domain/statistics-fixtures';
import { inlineScripts, inlineStyles } from '../web/page-markup';
import { createHash } from 'node:crypto';

/** What the complainant of the fixture sent as contact, and what the subjects name: none may come out. */
const personalMarkers = ['张三', 'zhang.san@example.com', '+86 138 0013 8000', '13800138000', '李四', 'ZhangSan', 'zhangsan'];

/** October, plus cases about a staff member and a URL that carries a person's phone number. */
function report(): Report {
  const store = october();
  const aboutPeople = [
    classified('TS-20261020-0001', '2026-10-20T02:00:00.000Z', { subject: { type: 'staff', value: '李四' } }),
    classified('TS-20261020-0002', '2026-10-20T03:00:00.000Z', { subject: { type: 'url', value: 'https://weibo.example.cn/u/zhangsan?phone=13800138000' } }),
  ];
  for (const s of aboutPeople) store.apply(updatesOfChange(change(undefined, s), zone));
  return octoberReport(store);
}

const categories = localConfig.categories;
const svgs = (markup: string) => [...markup.matchAll(/<svg\b[\s\S]*?<\/svg>/g)].map((m) => m[0]);

describe('the stored report', () => {
  const r = report();

  it('as JSON validates against the schema and reads back the same', () => {
    expect(reportSchema.parse(JSON.parse(JSON.stringify(r)))).toEqual(r);
  });

  it('as CSV parses back into the same figures', () => {
    const csv = reportCsv(r);
    expect(csv.split('\r\n').every((line) => !line.includes('\n'))).toBe(true); // RFC 4180 line ends
    const rows = csvParseRows(csv.trimEnd());
    expect(rows[0]).toEqual(['section', 'key', 'value']);
    expect(rows.every((row) => row.length === 3)).toBe(true);
    const value = (section: string, key = '') => rows.find(([s, k]) => s === section && k === key)?.[2];
    expect(Number(value('received', 'total'))).toBe(r.received.total);
    expect(Number(value('handlingHours', 'p90'))).toBe(r.handlingHours.p90);
    expect(Number(value('onTimeShare'))).toBe(r.onTimeShare);
    expect(Number(value('received.byCategory', 'service-quality'))).toBe(r.received.byCategory['service-quality']);
    for (const s of r.topSubjects) expect(Number(value('topSubjects', s.subject))).toBe(s.count);
    expect(value('hotAndMajor.major', 'JB-20261001-0001')).toBe('closed');
  });
});

describe('the monthly report mail', () => {
  const r = report();
  const mail = renderReportMail(r, localConfig);

  it('carries the three charts as SVG drawn from the figures', () => {
    const charts = svgs(mail.html);
    expect(charts).toHaveLength(3);
    for (const svg of charts) expect(svg).toMatch(/role="img" aria-label="[^"]+"/);
    expect(charts[0]).toMatch(/<path d="M[\d.,-]+/);
    expect(charts[1]).toMatch(/<path d="M[\d.,-]+/);
    expect(charts[2]).toMatch(/<rect x="150" y="[\d.]+" width="[1-9][\d.]*"/);
    expect(charts[0]).toContain('近 12 期收到与办结数量');
    expect(charts[1]).toContain('73%'); // 8 of 11 on time
    expect(charts[2]).toContain('服务质量');
  });

  it('is Chinese first with the English below, in the text and the HTML', () => {
    expect(mail.subject).toBe('【统计分析】投诉举报统计分析报告 2026-10 / Complaints and reports: statistics');
    for (const part of [mail.text, mail.html]) {
      expect(part.indexOf('按时办结率')).toBeGreaterThan(-1);
      expect(part.indexOf('按时办结率')).toBeLessThan(part.indexOf('Handled within time limits'));
    }
    expect(mail.text).toContain('按时办结率：72.7 %');
    expect(mail.text).toContain('Handled within time limits: 72.7 %');
  });

  it('lists hot and major cases with their state, and the major case’s final report', () => {
    expect(mail.text).toContain('JB-20261001-0001  重大  已结案');
    expect(mail.text).toContain('JB-20261013-0001  Hot  In progress');
    expect(mail.html).toContain('整改与预防措施');
    expect(mail.html).toContain('与注册商建立快速处置渠道');
  });

  it('holds no personal data: not the complainant’s, not a person named as subject', () => {
    for (const marker of personalMarkers) {
      expect(mail.html).not.toContain(marker);
      expect(mail.text).not.toContain(marker);
      expect(reportCsv(r)).not.toContain(marker);
      expect(JSON.stringify(r)).not.toContain(marker);
    }
    expect(mail.text).toMatch(/staff:#[0-9a-f]{12}/);
    expect(mail.text).toContain('url:weibo.example.cn');
  });
});

describe('the public transparency page', () => {
  const store = october();
  store.apply(updatesOfChange(change(undefined, classified('TS-20261020-0001', '2026-10-20T02:00:00.000Z', { subject: { type: 'staff', value: '李四' } })), zone));
  const ids = categories.map((c) => c.id);
  const summary = buildTransparencySummary(store.get('2026-10'), ids);
  const september = buildTransparencySummary(store.get('2026-09'), ids);
  const zh = renderTransparencyPage({ language: 'zh-CN', summary, earlier: [september], categories });
  const en = renderTransparencyPage({ language: 'en', summary, earlier: [september], categories });

  it('is Chinese first, switches to English, fits a phone', () => {
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('href="/transparency/2026-10?lang=en"');
    expect(en).toContain('<html lang="en">');
    expect(zh).toContain('name="viewport" content="width=device-width, initial-scale=1"');
  });

  it('shows the same charts, and counts of 1-4 only as "<5"', () => {
    expect(svgs(zh)).toHaveLength(3);
    expect(zh).toMatch(/<th scope="row">复核申请<\/th><td class="n">&lt;5<\/td>/);
    expect(en).toMatch(/<th scope="row">Median time to act \(hours\)<\/th><td class="n">36<\/td>/);
    // privacy has 1 case: in the table as "<5", not drawn as a bar.
    expect(svgs(zh)[2]).not.toContain('隐私');
  });

  it('passes the content security policy: no script, no inline style attribute, the style sheet by hash', () => {
    expect(inlineScripts(zh)).toEqual([]);
    expect(zh).not.toMatch(/\sstyle="|\son[a-z]+="/);
    for (const style of inlineStyles(zh)) expect(publicPagePolicy()).toContain(`'sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}'`);
  });

  it('names no subject and no person', () => {
    for (const page of [zh, en]) {
      for (const marker of [...personalMarkers, 'staff:', 'url:', 'account:']) expect(page).not.toContain(marker);
    }
  });
});

describe('charts', () => {
  it('put the values where the scale says: the largest at the top, zero at the bottom', () => {
    const svg = trendChart('t', ['2026-09', '2026-10'], [{ name: 'n', values: [0, 10] }]);
    const dots = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => Number(m[2]));
    expect(dots).toEqual([212, 28]); // plot area 28..212 of 240 high
  });

  it('leaves a gap for a value that is not published', () => {
    const svg = trendChart('t', ['a', 'b', 'c'], [{ name: 'n', values: [5, null, 7] }]);
    expect([...svg.matchAll(/<circle/g)]).toHaveLength(2);
    expect(svg).toMatch(/<path d="M[^"]*M/); // two segments
  });
});

it('an aggregate with no cases renders without charts data but still validates', () => {
  const empty = buildReport({ aggregate: applyUpdate(emptyAggregate('2026-08'), { id: 'x', period: '2026-08', counters: {} }), earlier: [], hotAndMajor: [], categories: [], generatedAt: new Date(), timeZone: zone });
  const mail = renderReportMail(empty, localConfig);
  expect(svgs(mail.html)).toHaveLength(3);
  expect(mail.text).toContain('无数据');
});
