/**
 * 重大投诉 24 小时内启动 (seed 003): a level-3 report that arrives without its evidence, at
 * night on a holiday, is not parked waiting for the reporter. Its response-started clock
 * runs from receipt in calendar hours, staff are alerted and assigned at once, and the
 * material is asked for in parallel, without pausing anything.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as getCaseStatus } from '../../functions/get-case-status';
import { uniqueMarker } from '../support/cases';
import { apiEvent, lambdaContext } from '../support/events';
import { register } from '../support/handlers';
import { caseItem, isolatedWorkflow, noticesOf, settle } from './workflow-harness';

const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const marker = uniqueMarker();
let registered: { caseNumber: string; accessToken: string };

beforeAll(async () => {
  await isolatedWorkflow({ complaint: 'LW', report: 'LV' });
  const answer = await register(
    { kind: 'report', category: 'illegal-content', subject: { type: 'url', value: `https://bad.example.net/${marker}` }, description: `节日深夜发现的有害信息，未附证据 ${marker}`, contact: { email: `${marker}@example.com` } },
    at('2026-10-03 01:30'), // National Day holiday, at night
  );
  registered = answer.body;
  await settle(at('2026-10-03 01:31'));
});

async function publicStatus(caseNumber: string, token: string, when: Date) {
  const event = apiEvent({ method: 'GET', path: `/complaints/${caseNumber}`, routeKey: 'GET /complaints/{caseNumber}', pathParameters: { caseNumber }, headers: { authorization: `Bearer ${token}` }, at: when });
  const answer = (await getCaseStatus(event, lambdaContext('get-case-status'))) as APIGatewayProxyStructuredResultV2;
  return JSON.parse(answer.body as string) as Record<string, unknown> & { actions: Record<string, unknown> };
}

const topics = async (caseNumber: string) => (await noticesOf(caseNumber)).map((n) => `${n.topic}:${n.audience}:${n.state}`);

describe('a level-3 report without its evidence (seed 003: 重大投诉 24 小时内启动)', () => {
  it('has level 3 and expectedBy 24 hours after receipt, is with a handler, and asks for the material in parallel', async () => {
    const { caseNumber, accessToken } = registered;
    const view = await publicStatus(caseNumber, accessToken, at('2026-10-03 02:00'));
    expect(view).toMatchObject({ level: 3, status: 'assigned', expectedBy: '2026-10-04T01:30:00+08:00' });
    expect(view.actions.supplement).toBe(true);
    expect(await topics(caseNumber)).toEqual(expect.arrayContaining(['on-call-alert:on-call:sent', 'assigned:assignee:sent', 'supplement-requested:complainant:sent']));
    expect((await caseItem(caseNumber)).assignee).toBeDefined();
  });
});
