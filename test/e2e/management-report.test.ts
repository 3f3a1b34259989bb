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

type Report = Record<string, unknown> & { referrals: number; trustedSources: { received: number; bySource: Record<string, number> }; followUp: { contacts: number; level2Replies: number; level2WithContactShare: number | null } };
let report: Report;
let summary: Record<string, unknown>;

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
  summary = JSON.parse(String(published.body)) as Record<string, unknown>;
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
