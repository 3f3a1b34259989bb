/**
 * The handlers' load counters (`LOAD#<staff>`, least-loaded routing) equal their open
 * cases after cases close and reopen by every path: a staff close, the complainant's
 * "resolved", the end of the appeal window, an expired supplement request and an appeal
 * that reopens a closed case. No caller passes a load move: saveChange derives them from
 * the states before and after (shared/adapters/case-store.ts `consequencesOf`).
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { dynamo } from '../../shared/adapters/aws-clients';
import { runtimeSettings } from '../../shared/config/runtime';
import { findStaff } from '../../shared/domain/staff-directory';
import type { StaffRole } from '../../shared/domain/status';
import { complaintRequestSchema } from '../../shared/schemas/complaint-request';
import { takeComplainantAction } from '../../shared/workflow/complainant-action';
import { escalateCase } from '../../shared/workflow/escalate-case';
import { registerSubmission } from '../../shared/workflow/register-submission';
import { actOnCase } from '../../shared/workflow/staff-cases';
import { complaintBody, uniqueMarker } from '../support/cases';
import { caseItem, isolatedWorkflow, settle } from './workflow-harness';

const start = new Date('2026-11-23T14:00:00+08:00');
const daysAfter = (days: number) => new Date(start.getTime() + days * 86_400_000);

beforeAll(async () => {
  await isolatedWorkflow({ complaint: 'LC', report: 'LR' });
});

async function register(marker: string) {
  const settings = runtimeSettings();
  const request = z.parse(complaintRequestSchema(settings.config.categories), complaintBody(marker, { subject: { type: 'account', value: `load-${marker}` } }));
  return registerSubmission(settings, request, start, `203.0.113.7-${marker}`, 'web');
}

async function staff(caseNumber: string, action: Record<string, unknown>, at: Date) {
  const settings = runtimeSettings();
  const { assignee, version } = await caseItem(caseNumber);
  const member = findStaff(settings.config, String(assignee))!;
  const caller = { email: member.email, roles: member.roles as readonly StaffRole[], member, id: `test-sub-${member.email}` };
  return actOnCase(settings, caller, caseNumber, { ...action, version } as never, at);
}

const complainant = (c: { caseNumber: string; accessToken: string }, request: Record<string, unknown>, at: Date) =>
  takeComplainantAction(runtimeSettings(), c.caseNumber, c.accessToken, request as never, at, 'zh-CN');

/** The escalation ladder stepped at each next due instant until the case's status changes. */
async function escalateUntilMoved(caseNumber: string): Promise<string> {
  const status = (await caseItem(caseNumber)).status;
  for (let i = 0; i < 30; i++) {
    const item = await caseItem(caseNumber);
    if (item.status !== status) return String(item.status);
    if (!item.nextDueAt) break;
    await escalateCase(runtimeSettings(), caseNumber, new Date(Date.parse(String(item.nextDueAt)) + 1000));
  }
  return String((await caseItem(caseNumber)).status);
}

/** Open cases per handler from the state items, and the counters, from the whole (this file's own) table. */
async function loadsAndOpenCases() {
  const items = (await dynamo().send(new ScanCommand({ TableName: runtimeSettings().tableName, ConsistentRead: true }))).Items ?? [];
  const open: Record<string, number> = {};
  const loads: Record<string, number> = {};
  for (const item of items) {
    if (item.sk === 'CASE' && item.assignee && item.status !== 'closed' && item.status !== 'rejected') {
      const who = String(item.assignee).toLowerCase();
      open[who] = (open[who] ?? 0) + 1;
    }
    if (String(item.pk).startsWith('LOAD#') && Number(item.openCases) !== 0) loads[String(item.staffId)] = Number(item.openCases);
  }
  return { open, loads };
}

const reply = { action: 'reply', result: '已核实并处理', basis: '《用户服务协议》第五条', measures: '已通知相关部门核实处理' };

it('every handler\'s load counter equals their open cases after closes by every path and an appeal that reopens', async () => {
  const marker = uniqueMarker();
  const names = ['staffClose', 'resolved', 'appealWindow', 'supplementExpired', 'appealReopens', 'stillOpen'] as const;
  const cases = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await register(`${marker}${name}`)] as const))) as Record<(typeof names)[number], { caseNumber: string; accessToken: string }>;
  await settle(start);
  for (const c of Object.values(cases)) expect(await caseItem(c.caseNumber)).toMatchObject({ assignee: expect.any(String) });
  expect((await loadsAndOpenCases()).loads).toEqual((await loadsAndOpenCases()).open);

  for (const name of ['staffClose', 'resolved', 'appealWindow', 'appealReopens'] as const) {
    expect((await staff(cases[name].caseNumber, reply, daysAfter(1))).status).toBe('replied');
  }
  expect((await staff(cases.staffClose.caseNumber, { action: 'close' }, daysAfter(2))).status).toBe('closed');
  expect((await complainant(cases.resolved, { action: 'feedback', resolved: true, score: 5 }, daysAfter(2))).status).toBe('closed');
  expect(await escalateUntilMoved(cases.appealWindow.caseNumber)).toBe('closed');
  expect((await staff(cases.supplementExpired.caseNumber, { action: 'request-supplement', missing: ['evidence'] }, daysAfter(1))).status).toBe('needs-supplement');
  expect(await escalateUntilMoved(cases.supplementExpired.caseNumber)).toBe('closed');
  expect((await complainant(cases.appealReopens, { action: 'feedback', resolved: true, score: 4 }, daysAfter(2))).status).toBe('closed');
  const closedBeforeAppeal = await loadsAndOpenCases();
  expect(closedBeforeAppeal.loads).toEqual(closedBeforeAppeal.open);
  expect((await complainant(cases.appealReopens, { action: 'appeal', reasons: `处理结果没有解决问题，要求复核 ${marker}` }, daysAfter(3))).status).toBe('appealed');

  const { open, loads } = await loadsAndOpenCases();
  expect(Object.values(open).reduce((a, b) => a + b, 0)).toBe(2);
  expect(loads).toEqual(open);
});
