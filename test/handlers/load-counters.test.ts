/**
 * The handlers' load counters (`LOAD#<staff>`, least-loaded routing) equal their open
 * cases after cases close and reopen by every path: a staff close, the complainant's
 * "resolved", the end of the appeal window, an expired supplement request and an appeal
 * that reopens a closed case; and after the changes that are no staff or complainant action:
 * a case parked by the SLA sweep and an admin's erasure of the complainant's data, each a
 * domain action with its history entry (no personal data in it). No caller passes a load
 * move: saveChange derives them from the states before and after
 * (shared/adapters/case-store.ts `consequencesOf`).
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { dynamo } from '../../shared/adapters/aws-clients';
import { runtimeSettings } from '../../shared/config/runtime';
import { findStaff } from '../../shared/domain/staff-directory';
import type { StaffRole } from '../../shared/domain/status';
import { complaintRequestSchema } from '../../shared/schemas/complaint-request';
import { eraseComplainant } from '../../shared/workflow/admin-records';
import { takeComplainantAction } from '../../shared/workflow/complainant-action';
import { escalateCase } from '../../shared/workflow/escalate-case';
import { registerSubmission } from '../../shared/workflow/register-submission';
import { sweepDueCases } from '../../shared/workflow/sla-sweep';
import { actOnCase } from '../../shared/workflow/staff-cases';
import { complaintBody, uniqueMarker } from '../support/cases';
import { caseItem, isolatedWorkflow, partition, settle } from './workflow-harness';

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

/** The case's history entries of one action. */
const entries = async (caseNumber: string, action: string) => (await partition(caseNumber)).filter((i) => String(i.sk).startsWith('HISTORY#') && i.action === action);
/** The report counters (`STATS#`) as stored. */
async function statistics() {
  const items = (await dynamo().send(new ScanCommand({ TableName: runtimeSettings().tableName, ConsistentRead: true }))).Items ?? [];
  return items.filter((i) => String(i.pk).startsWith('STATS#')).sort((a, b) => (`${a.pk}${a.sk}` < `${b.pk}${b.sk}` ? -1 : 1));
}

it('a case parked by the SLA sweep (its escalation never delivered: fault injected on purpose) gets a history entry and keeps its handler\'s load', async () => {
  const marker = uniqueMarker();
  const { caseNumber } = await register(`${marker}parked`);
  await settle(start);
  const before = await caseItem(caseNumber);
  expect(before).toMatchObject({ assignee: expect.any(String), nextDueAt: expect.any(String) });
  const settings = { ...runtimeSettings(), config: { ...runtimeSettings().config, escalation: { ...runtimeSettings().config.escalation, parkAfterAttempts: 2 } } };
  const firstSweep = Date.parse(String(before.nextDueAt)) + 60_000;
  // Three sweeps hand the case to `escalate`; its messages are never delivered, so it stays due.
  for (let i = 0; i < 3; i++) await sweepDueCases(settings, new Date(firstSweep + i * 300_000));

  const parked = await caseItem(caseNumber);
  expect(parked).toMatchObject({ gsi1pk: 'PARKED', parkedAttempts: 2, status: before.status, assignee: before.assignee, version: Number(before.version) + 1 });
  const [entry, ...more] = await entries(caseNumber, 'park');
  expect(more).toEqual([]);
  expect(entry).toMatchObject({ actor: 'system', public: false, status: before.status, seq: Number(before.version) + 1 });
  expect(JSON.stringify(entry)).not.toContain(marker);
  expect((await partition(caseNumber)).filter((i) => String(i.sk).startsWith('SWEEP-ATTEMPTS#'))).toEqual([]);
  const { open, loads } = await loadsAndOpenCases();
  expect(loads).toEqual(open);
});

it('an admin\'s erasure of the complainant\'s data gets a history entry without personal data; loads and report counters stay', async () => {
  const marker = uniqueMarker();
  const { caseNumber } = await register(`${marker}erased`);
  await settle(start);
  const before = await caseItem(caseNumber);
  expect(before).toMatchObject({ assignee: expect.any(String), anonymous: false });
  const counted = await statistics();

  const settings = runtimeSettings();
  const member = findStaff(settings.config, 'admin@example.org')!;
  const caller = { email: member.email, roles: member.roles as readonly StaffRole[], member, id: 'test-sub-admin' };
  const request = { email: `${marker}erased@example.com`, reason: 'data-subject-request' } as const;
  expect(await eraseComplainant(settings, caller, request, daysAfter(1))).toEqual({ caseNumbers: [caseNumber] });

  expect(await caseItem(caseNumber)).toMatchObject({ anonymous: true, complainantMailable: false, erasedAt: daysAfter(1).toISOString(), status: before.status, assignee: before.assignee });
  const [entry, ...more] = await entries(caseNumber, 'erase');
  expect(more).toEqual([]);
  expect(entry).toMatchObject({ actor: 'admin@example.org', note: 'data-subject-request', public: false });
  expect(JSON.stringify(entry)).not.toContain(marker);
  expect(await statistics()).toEqual(counted);
  const { open, loads } = await loadsAndOpenCases();
  expect(loads).toEqual(open);
  // Twice is the same answer and no change.
  expect(await eraseComplainant(settings, caller, request, daysAfter(2))).toEqual({ caseNumbers: [caseNumber] });
  expect(await entries(caseNumber, 'erase')).toHaveLength(1);
});
