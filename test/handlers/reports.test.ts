/**
 * The report functions on the real table and SES emulator: the schedules build the report
 * from the stored aggregates of the hand-computed October (test/unit/domain/october-fixture.ts),
 * store it and mail it once; the staff endpoint serves what was stored, the public one the
 * suppressed summary. Aggregates are put as the counters item the updates build; the case
 * states of the hot and major cases as their state items (test seeding, not the system's path).
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as monthlyReport } from '../../functions/monthly-report';
import { handler as staffReport } from '../../functions/staff-report';
import { handler as transparency } from '../../functions/transparency';
import { handler as weeklyReport } from '../../functions/weekly-report';
import { dynamo } from '../../shared/adapters/aws-clients';
import { keys } from '../../shared/adapters/keys';
import { putAggregate } from '../../shared/adapters/statistics-store';
import { readReport } from '../../shared/adapters/report-store';
import { resetRuntimeSettings } from '../../shared/config/runtime';
import { apiEvent, lambdaContext, scheduledEvent, staffApiEvent, staffIdentityOf } from '../support/events';
import { linkItems } from '../../shared/adapters/staff-directory';
import { mailsTo } from '../support/system';
import { october, octoberReport } from '../unit/domain/october-fixture';
import { isolatedWorkflow, type Isolated } from './workflow-harness';

let env: Isolated;
const group = `report-group-${randomUUID().slice(0, 8)}@example.org`;
const groupHandler = `report-member-${randomUUID().slice(0, 8)}@example.org`;
const firedAt = new Date('2026-11-01T09:00:00+08:00');

beforeAll(async () => {
  env = await isolatedWorkflow({ complaint: 'RP', report: 'RQ' });
  // This file's own management group address: its mails never mix with other files'. A
  // member with a staff account (this file's own handler) reads the reports through the API.
  const stage = JSON.parse(process.env.STAGE_CONFIG!) as { staff: unknown[] };
  const staff = [...stage.staff, { email: groupHandler, name: 'group member', roles: ['handler'], departments: ['customer-service'] }];
  process.env.STAGE_CONFIG = JSON.stringify({ ...stage, staff, managementGroup: [{ name: 'group', email: group }, { name: 'member', email: groupHandler }] });
  resetRuntimeSettings();
  // Their sign-ins linked in this file's own table, as a first GET /staff/me would.
  for (const email of ['director@example.org', 'wang.fang@example.org', 'li.na@example.org', groupHandler]) {
    for (const Item of linkItems(staffIdentityOf(email), email, firedAt)) await dynamo().put({ TableName: env.tableName, Item });
  }
  const store = october();
  await putAggregate(env.tableName, store.get('2026-10'), ['JB-20261001-0001', 'JB-20261013-0001', 'TS-20261099-0001']);
  await putAggregate(env.tableName, store.get('2026-09'), []);
  // The hot and major cases as they are now (one was reclassified to general since: left out).
  for (const [caseNumber, priority, status] of [
    ['JB-20261001-0001', 'major', 'closed'],
    ['JB-20261013-0001', 'hot', 'in-progress'],
    ['TS-20261099-0001', 'general', 'assigned'],
  ] as const) {
    await dynamo().put({ TableName: env.tableName, Item: { ...keys.case(caseNumber), caseNumber, priority, status } });
  }
  // The closed major case's reply (its detailed report), naming its complainant as a reply mail may.
  await dynamo().update({
    TableName: env.tableName,
    Key: keys.case('JB-20261001-0001'),
    UpdateExpression: 'SET #result = :result, resultDetails = :details',
    ExpressionAttributeNames: { '#result': 'result' },
    ExpressionAttributeValues: {
      ':result': '赵六先生：经查，支付页面被植入仿冒链接，约 300 名用户受影响。请拨打 010-6543 2100 或写信至 zhao.liu@example.com 联系我们。',
      ':details': { basis: '第三方脚本未经审核上线', measures: '下线该脚本，上线前增加安全审核；已通知受影响用户。' },
    },
  });
  await dynamo().put({ TableName: env.tableName, Item: { ...keys.contact('JB-20261001-0001'), caseNumber: 'JB-20261001-0001', name: '赵六', email: 'zhao.six@example.com', phone: '+86 139 0000 1111' } });
});

type Result = APIGatewayProxyStructuredResultV2 & { headers: Record<string, string> };
const fire = async (handler: typeof monthlyReport, at: Date) => handler(scheduledEvent(at), lambdaContext('report')) as Promise<unknown>;
const staffGet = async (period: string, email: string, groups: string, accept = 'application/json'): Promise<Result> => {
  const event = staffApiEvent(email, groups.slice(1, -1).split(' ').filter(Boolean), { method: 'GET', path: `/staff/reports/${period}`, routeKey: 'GET /staff/reports/{period}', pathParameters: { period }, headers: { accept } });
  return (await staffReport(event, lambdaContext('staff-report'))) as Result;
};
const publicGet = async (period: string, accept = 'application/json', at = firedAt): Promise<Result> =>
  (await transparency(
    apiEvent({ method: 'GET', path: `/transparency/${period}`, routeKey: 'GET /transparency/{period}', pathParameters: { period }, headers: { accept }, at }),
    lambdaContext('transparency'),
  )) as Result;

describe('monthly report', () => {
  it('fired twice for October: stored once with the hand-computed figures, one mail with charts in the outbox', async () => {
    expect(await fire(monthlyReport, firedAt)).toEqual({ outcome: 'mailed', period: '2026-10' });
    expect(await fire(monthlyReport, new Date(firedAt.getTime() + 60_000))).toEqual({ outcome: 'already-mailed', period: '2026-10' });

    const mails = await mailsTo(group);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('2026-10');
    expect(mails[0]!.body.html).toContain('<svg');
    expect(mails[0]!.body.html).toContain('JB-20261013-0001');

    const stored = JSON.parse((await readReport(env.tableName, '2026-10'))!.json);
    const expected = octoberReport(october());
    expect(stored.handlingHours).toEqual({ mean: 130.14, p90: 166.8 });
    expect(stored.onTimeShare).toBe(0.7273);
    expect(stored).toEqual({
      ...expected,
      generatedAt: stored.generatedAt,
      hotAndMajor: [
        {
          caseNumber: 'JB-20261001-0001',
          priority: 'major',
          status: 'closed',
          // The reply as the detailed report: the complainant's name, any phone and email removed.
          detailedReport: {
            whatHappened: '[…]先生：经查，支付页面被植入仿冒链接，约 300 名用户受影响。请拨打 […] 或写信至 […] 联系我们。',
            causes: '第三方脚本未经审核上线',
            measures: '下线该脚本，上线前增加安全审核；已通知受影响用户。',
          },
        },
        { caseNumber: 'JB-20261013-0001', priority: 'hot', status: 'in-progress' },
      ],
    });
    expect(mails[0]!.body.html).toContain('下线该脚本');
    expect(`${mails[0]!.body.html}${mails[0]!.body.text}`).not.toMatch(/赵六|zhao\.liu|6543/);
  });

  it('weekly: the ISO week before, where the stage asks for it', async () => {
    expect(await fire(weeklyReport, new Date('2026-10-19T09:00:00+08:00'))).toEqual({ outcome: 'mailed', period: '2026-W42' });
    process.env.STAGE_CONFIG = JSON.stringify({ ...JSON.parse(process.env.STAGE_CONFIG!), reports: { weekly: false } });
    resetRuntimeSettings();
    try {
      expect(await fire(weeklyReport, new Date('2026-10-26T09:00:00+08:00'))).toEqual({ outcome: 'not-configured' });
    } finally {
      process.env.STAGE_CONFIG = JSON.stringify({ ...JSON.parse(process.env.STAGE_CONFIG!), reports: { weekly: true } });
      resetRuntimeSettings();
    }
  });
});

describe('GET /staff/reports/{period}', () => {
  it('admins and supervisors read the stored report: JSON, its HTML and CSV copies; an address outside the staff directory is refused', async () => {
    const stored = JSON.parse((await readReport(env.tableName, '2026-10'))!.json);
    const response = await staffGet('2026-10', 'director@example.org', '[admin supervisor]');
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body!)).toEqual(stored);
    expect((await staffGet('2026-10', 'wang.fang@example.org', '[supervisor handler]')).statusCode).toBe(200);
    expect((await staffGet('2026-10', group, '[]')).statusCode).toBe(403); // an address that is no staff member of the directory
    expect((await staffGet('2026-10', 'director@example.org', '[admin]', 'text/html')).body).toContain('<svg');
    const csv = await staffGet('2026-10', 'director@example.org', '[admin]', 'text/csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).toContain('received');
  });

  it('a member of the management group with a staff account reads it whatever their role; the same role outside the group may not', async () => {
    expect((await staffGet('2026-10', groupHandler, '[handler]')).statusCode).toBe(200);
    expect((await staffGet('2026-10', 'li.na@example.org', '[handler]')).statusCode).toBe(403);
  });

  it('a handler is refused (403); a period not generated or not a period is 404, as problem+json', async () => {
    const refused = await staffGet('2026-10', 'li.na@example.org', '[handler]');
    expect([refused.statusCode, refused.headers['content-type']]).toEqual([403, expect.stringMatching(/^application\/problem\+json/)]);
    expect(JSON.parse(refused.body ?? '')).toMatchObject({ type: '/problems/forbidden', title: 'Forbidden', status: 403, detail: expect.stringContaining('supervisors') });
    for (const period of ['2026-08', '2026-13', '2026-W54', 'x']) {
      const missing = await staffGet(period, 'director@example.org', '[admin]');
      expect([period, missing.statusCode, missing.headers['content-type']]).toEqual([period, 404, expect.stringMatching(/^application\/problem\+json/)]);
    }
  });
});

describe('GET /transparency/{period}', () => {
  it('the public summary: counts 1-4 as "<5", no subjects; the page with the same charts', async () => {
    const response = await publicGet('2026-10');
    expect(response.statusCode).toBe(200);
    const summary = JSON.parse(response.body!);
    expect(summary).toMatchObject({ period: '2026-10', resolved: 11, medianHoursToAct: 36, onTimeShare: 0.7273, appeals: { total: '<5', changed: '<5' }, maliciousMarked: '<5' });
    expect(response.body).not.toMatch(/account:|subject|ZhangSan/i);
    const page = await publicGet('2026-10', 'text/html');
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<svg');
    expect(page.body).not.toContain('ZhangSan');
  });

  it('a period not over yet, or not a period, is 404', async () => {
    expect((await publicGet('2026-11')).statusCode).toBe(404);
    expect((await publicGet('2026-1')).statusCode).toBe(404);
  });
});
