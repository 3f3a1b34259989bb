/**
 * What the management report and the transparency summary show of issue 21's staff items,
 * end to end: cases through the public API and the workflow, staff actions over HTTP with
 * real tokens, then the monthly report of the current month fired once through the local
 * scheduler (as `npm run schedule -- monthly-report --at <next month>` does) and read back
 * with `GET /staff/reports/{period}`. The public summary of a month is served only once the
 * month is over, so it is asked of the `transparency` function with an event time in the
 * next month (the gateway would stamp the real time).
 *
 * The shared system's current month also holds other files' cases: figures are checked as
 * "at least" what this file did. The stored report is final once built (the first one
 * stays), so everything this file checks is set up before the one firing.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as transparency } from '../../functions/transparency';
import { periodSpan, periodsOf } from '../../shared/domain/report-period';
import { complaintBody, uniqueMarker } from '../support/cases';
import { apiEvent, lambdaContext } from '../support/events';
import { postJson, request } from '../support/http-client';
import { staffToken } from '../support/staff';
import { runSchedule, waitFor, waitForIdle } from '../support/system';

const zone = 'Asia/Shanghai';
const from = '127.0.3.42';
const auth = async (who: string) => ({ authorization: `Bearer ${await staffToken(who.includes('@') ? who : `${who}@example.org`)}` });
const period = periodsOf(new Date(), zone).month;
/** Just after the month: when `monthly-report` fires for it. */
const nextMonth = new Date(periodSpan(period, zone).end.getTime() + 9 * 3_600_000);

interface StaffView {
  version: number;
  assignee: string | null;
}
const read = async (caseNumber: string) => (await request('GET', `/staff/cases/${caseNumber}`, { from, headers: await auth('director') })).json<StaffView>();
async function act(caseNumber: string, who: string, body: Record<string, unknown>): Promise<void> {
  const answer = await postJson(`/staff/cases/${caseNumber}/actions`, { ...body, version: (await read(caseNumber)).version }, { from, headers: await auth(who) });
  expect(answer.status, `${who} ${String(body.action)}: ${answer.text}`).toBe(200);
}
async function submitted(overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await postJson('/complaints', complaintBody(uniqueMarker(), overrides), { from });
  expect(created.status, created.text).toBe(201);
  const { caseNumber } = created.json<{ caseNumber: string }>();
  await waitFor(async () => (await read(caseNumber)).assignee, 60_000, `${caseNumber} assigned`);
  return caseNumber;
}

type Team = { received: number; resolved: number; onTimeShare: number | null; medianHoursToReply: number | null; satisfaction: { responses: number } };
type Report = Record<string, unknown> & {
  caseReports: { caseNumber: string; priority: string; approvedAt: string }[];
  byDepartment: Record<string, Team>;
  byHandler: Record<string, Team>;
  referrals: number; trustedSources: { received: number; bySource: Record<string, number> }; followUp: { contacts: number; level2Replies: number; level2WithContactShare: number | null } };
let report: Report;
let summary: Record<string, unknown> & { majorCases: { summary: string }[] };
let page = '';
const caseReport = { causes: '促销价格配置错误', measures: '已更正价格并退还差价', prevention: '价格变更须经第二人复核' };
/** A marker without digits: a run of seven digits reads as a phone number, which a summary may not hold. */
const letters = () => uniqueMarker().replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!);
const publicSummary = `某促销活动价格标注错误，已全部更正并退还差价 ${letters()}`;
const unapprovedSummary = `尚未审批的公示摘要 ${letters()}`;
let hotReported = '';
let level2Handler = '';

beforeAll(async () => {
  // Item 9: three referrals of two cases.
  const referred = await submitted();
  await act(referred, 'director', { action: 'refer', authority: '市公安局网安支队', reference: 'GA-1' });
  await act(referred, 'director', { action: 'refer', authority: '市网信办' });
  await act(await submitted(), 'director', { action: 'refer', authority: '市市场监督管理局' });
  // Item 13: a level-2 case with an online follow-up before its reply.
  const level2 = await submitted({ category: 'functional-fault', subject: { type: 'url', value: 'https://shop.example.cn/app' }, description: `应用登录后反复闪退 ${uniqueMarker()}` });
  const { assignee } = await read(level2);
  await act(level2, assignee!, { action: 'note', text: '在线回访：问题仍在', followUp: 'online' });
  await act(level2, assignee!, { action: 'reply', result: '已修复闪退问题', basis: '版本 2.3.1 的缺陷', measures: '发布修复版本' });
  level2Handler = assignee!;

  // Items 10 and 11: a hot case's report approved; a major case's report with its public summary approved; another's summary written, not approved.
  hotReported = await submitted();
  await act(hotReported, 'director', { action: 'classify', priority: 'hot' });
  await act(hotReported, (await read(hotReported)).assignee!, { action: 'write-report', ...caseReport });
  await act(hotReported, 'director', { action: 'approve-report', approve: true });
  const major = await submitted();
  await act(major, 'director', { action: 'classify', priority: 'major' });
  await act(major, 'wang.fang', { action: 'write-report', ...caseReport, publicSummary });
  await act(major, 'director', { action: 'approve-report', approve: true });
  const pending = await submitted();
  await act(pending, 'director', { action: 'classify', priority: 'major' });
  await act(pending, 'wang.fang', { action: 'write-report', ...caseReport, publicSummary: unapprovedSummary });

  // Item 14: a report from the local stage's demo trusted flagger, classified (so it counts).
  const trusted = await postJson('/complaints', complaintBody(uniqueMarker(), { kind: 'report', category: 'harassment', subject: { type: 'account', value: `trusted-${uniqueMarker()}` } }), {
    from,
    headers: { 'x-trusted-source-key': 'local-demo-trusted-12377-key-0000000000000000' },
  });
  expect(trusted.status, trusted.text).toBe(201);
  await waitFor(async () => (await read(trusted.json<{ caseNumber: string }>().caseNumber)).assignee, 60_000, 'the trusted report assigned');

  await waitForIdle(60_000);
  await runSchedule('monthly-report', nextMonth);
  const answer = await request('GET', `/staff/reports/${period}`, { from, headers: await auth('director') });
  expect(answer.status, answer.text).toBe(200);
  report = answer.json<Report>();
  const published = (await transparency(
    apiEvent({ method: 'GET', path: `/transparency/${period}`, routeKey: 'GET /transparency/{period}', pathParameters: { period }, headers: { accept: 'application/json' }, at: nextMonth }),
    lambdaContext('transparency'),
  )) as APIGatewayProxyStructuredResultV2;
  expect(published.statusCode).toBe(200);
  summary = JSON.parse(String(published.body)) as typeof summary;
  const html = (await transparency(
    apiEvent({ method: 'GET', path: `/transparency/${period}`, routeKey: 'GET /transparency/{period}', pathParameters: { period }, headers: { accept: 'text/html' }, at: nextMonth }),
    lambdaContext('transparency'),
  )) as APIGatewayProxyStructuredResultV2;
  page = String(html.body);
}, 300_000);

describe('referrals to the authorities (报送有关部门, item 9)', () => {
  it('the management report counts every referral of the month', () => {
    expect(report.referrals).toBeGreaterThanOrEqual(3);
  });

  it('the transparency summary counts them too, as a public count (1-4 as "<5"), with no authority or reference', () => {
    expect(summary.referrals === '<5' || (typeof summary.referrals === 'number' && summary.referrals >= 5)).toBe(true);
    expect(JSON.stringify(summary)).not.toMatch(/公安|网信|GA-1/);
  });
});

describe('follow-ups (回访, item 13)', () => {
  it('counts phone or online follow-ups and the share of level-2 replies that had one', () => {
    expect(report.followUp.contacts).toBeGreaterThanOrEqual(1);
    expect(report.followUp.level2Replies).toBeGreaterThanOrEqual(1);
    expect(report.followUp.level2WithContactShare).toBeGreaterThan(0);
  });
});

describe('trusted flaggers (DSA Art. 22, item 14)', () => {
  it('the report counts their reports apart, by source', () => {
    expect(report.trustedSources.bySource['demo-12377']).toBeGreaterThanOrEqual(1);
    expect(report.trustedSources.received).toBeGreaterThanOrEqual(report.trustedSources.bySource['demo-12377']!);
  });

  it('the transparency summary publishes one count, naming no source', () => {
    expect(summary.trustedFlaggerNotices === '<5' || (typeof summary.trustedFlaggerNotices === 'number' && summary.trustedFlaggerNotices >= 5)).toBe(true);
    expect(JSON.stringify(summary)).not.toContain('demo-12377');
  });
});

describe('case reports of hot and major cases (专题报告, item 10)', () => {
  it('the report of the month lists the case reports approved in it', () => {
    expect(report.caseReports).toContainEqual({ caseNumber: hotReported, priority: 'hot', approvedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
  });
});

describe('major cases made public (公示, item 11)', () => {
  it('the transparency summary and page carry the approved public summary, and not one awaiting approval', () => {
    expect(summary.majorCases).toContainEqual({ summary: publicSummary });
    expect(JSON.stringify(summary)).not.toContain(unapprovedSummary);
    expect(page).toContain(publicSummary);
    expect(page).not.toContain(unapprovedSummary);
  });
});

describe('per department and per handler (效果考核, item 12)', () => {
  it('the report has each figure for the department and the handlers who worked this file’s cases', () => {
    const department = report.byDepartment['customer-service']!;
    expect(department.received).toBeGreaterThanOrEqual(5);
    const technology = report.byDepartment.technology!;
    expect(technology.resolved).toBeGreaterThanOrEqual(1);
    expect(technology.medianHoursToReply).not.toBeNull();
    expect(technology.onTimeShare).not.toBeNull();
    const handler = report.byHandler[level2Handler.toLowerCase()]!;
    expect(handler.resolved).toBeGreaterThanOrEqual(1);
    expect(Object.keys(handler).sort()).toEqual(['appealShare', 'medianHoursToReply', 'onTimeShare', 'received', 'reopenedShare', 'resolved', 'satisfaction']);
  });
});
