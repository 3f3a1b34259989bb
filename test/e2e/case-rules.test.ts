/**
 * Issue 19 "Nobody gets around the rules", its case rules, over real HTTP (local gateway,
 * cognito-local tokens, DynamoDB Local, the queues, the SES emulator): each describe is one
 * item of the issue and failed on the code before its fix.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { topology } from '../../shared/topology';
import { complaintBody, uniqueMarker } from '../support/cases';
import { postJson, request } from '../support/http-client';
import { mailsTo, waitFor, waitForIdle } from '../support/system';
import { staffToken } from '../support/staff';

const staffFrom = '127.0.4.2';
let submitted = 0;
/** Public submissions are limited per client address and minute: spread them over a few. */
const nextAddress = () => `127.0.4.${10 + (submitted++ % 20)}`;
const email = (who: string) => `${who}@example.org`;
const tokens = new Map<string, Promise<string>>();
const auth = async (who: string) => {
  if (!tokens.has(who)) tokens.set(who, staffToken(email(who)));
  return { authorization: `Bearer ${await tokens.get(who)!}` };
};
const get = async (who: string, path: string) => request('GET', path, { from: staffFrom, headers: await auth(who) });
const post = async (who: string, path: string, body: unknown) => postJson(path, body, { from: staffFrom, headers: await auth(who) });

interface CaseView {
  version: number;
  status: string;
  level?: number;
  assignee: string | null;
  contact?: Record<string, string>;
  contactHidden?: boolean;
  history: { action: string; actor: string; note?: string }[];
}
/** The case as the director (supervisor of every department and admin) reads it. */
const read = async (caseNumber: string): Promise<CaseView> => {
  const answer = await get('director', `/staff/cases/${caseNumber}`);
  expect(answer.status, `the director reads ${caseNumber}: ${answer.text}`).toBe(200);
  return answer.json<CaseView>();
};
const act = async (who: string, caseNumber: string, body: Record<string, unknown>) => post(who, `/staff/cases/${caseNumber}/actions`, { ...body, version: (await read(caseNumber)).version });

async function submit(overrides: Record<string, unknown> = {}, marker = uniqueMarker()) {
  const created = await postJson('/complaints', complaintBody(marker, { subject: { type: 'account', value: `rules-${marker}` }, ...overrides }), { from: nextAddress() });
  expect(created.status, created.text).toBe(201);
  return { marker, ...created.json<{ caseNumber: string; accessToken: string }>() };
}
const assigned = (caseNumber: string) => waitFor(async () => (await read(caseNumber)).assignee, 60_000, `${caseNumber} assigned`);

/** A customer-service case assigned to li.na. */
async function liNasCase(overrides: Record<string, unknown> = {}) {
  const built = await submit(overrides);
  if ((await assigned(built.caseNumber)) !== email('li.na')) expect((await act('admin', built.caseNumber, { action: 'assign', assignee: email('li.na') })).status).toBe(200);
  return built;
}

describe('issue 19 item 1: admin export and erasure follow the case rules, need a reason and are written to the history', () => {
  it('export without a reason is 400 naming `reason`; with one, the case history gains an export entry', async () => {
    const { caseNumber } = await liNasCase();
    const bare = await get('admin', `/admin/cases/${caseNumber}/export`);
    expect(bare.status, bare.text).toBe(400);
    expect(bare.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain('reason');
    const before = await read(caseNumber);
    const answer = await get('admin', `/admin/cases/${caseNumber}/export?reason=data-subject-request`);
    expect(answer.status, answer.text).toBe(200);
    const after = await read(caseNumber);
    expect(after.history.length).toBe(before.history.length + 1);
    expect(after.history.at(-1)).toMatchObject({ action: 'export', note: 'data-subject-request' });
  });

  it("export hides a confidential complainant's contact from the admin, as the case view does", async () => {
    const { caseNumber, marker } = await liNasCase({ confidential: true });
    const answer = await get('admin', `/admin/cases/${caseNumber}/export?reason=data-subject-request`);
    expect(answer.status, answer.text).toBe(200);
    const doc = answer.json<{ contact: unknown; contactHidden?: boolean }>();
    expect(doc.contact).toBeNull();
    expect(doc.contactHidden).toBe(true);
    expect(answer.text).not.toContain(`${marker}@example.com`);
  });

  it('an admin who is the subject of a complaint gets 404 for its export and its erasure, the 404 of a missing case', async () => {
    const { caseNumber } = await submit({ subject: { type: 'staff', value: 'admin@example.org' } });
    await assigned(caseNumber);
    const missing = await get('admin', '/admin/cases/TS-20200101-9999/export?reason=data-subject-request');
    const exported = await get('admin', `/admin/cases/${caseNumber}/export?reason=data-subject-request`);
    expect(exported.status).toBe(404);
    expect(exported.text).toBe(missing.text);
    const before = await read(caseNumber);
    const erased = await post('admin', '/admin/complainants/erase', { caseNumber, reason: 'data-subject-request' });
    expect(erased.status, erased.text).toBe(404);
    expect((await read(caseNumber)).version).toBe(before.version);
  });

  it('erasure without a reason is 400 naming `reason` and changes nothing; with one, each case erased gains an erase entry', async () => {
    const { caseNumber } = await liNasCase();
    const before = await read(caseNumber);
    const bare = await post('admin', '/admin/complainants/erase', { caseNumber });
    expect(bare.status, bare.text).toBe(400);
    expect(bare.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain('reason');
    expect((await read(caseNumber)).version).toBe(before.version);
    const erased = await post('admin', '/admin/complainants/erase', { caseNumber, reason: 'data-subject-request' });
    expect(erased.status, erased.text).toBe(200);
    const after = await read(caseNumber);
    expect(after.history.at(-1)).toMatchObject({ action: 'erase', note: 'data-subject-request' });
  });
});

describe('issue 19 item 2: the daily mail cap never drops a case notice to its own complainant', () => {
  it('past the cap a receipt is not sent, but the request for material on an earlier case is', async () => {
    const marker = uniqueMarker();
    const address = `${marker}@example.com`;
    const first = await liNasCase({ contact: { name: `张三${marker}`, email: address } });
    // The local cap is 10 a day: nine more receipts use it up, the eleventh is not sent.
    for (let i = 0; i < 10; i++) await submit({ subject: { type: 'account', value: `rules-${marker}-${i}` }, contact: { email: address } }, marker);
    await waitForIdle(30_000);
    const receipts = (await mailsTo(address)).filter((m) => m.subject.includes('受理回执'));
    expect(receipts).toHaveLength(10);
    const asked = await act('li.na', first.caseNumber, { action: 'request-supplement', missing: ['订单截图'] });
    expect(asked.status, asked.text).toBe(200);
    await waitFor(async () => (await mailsTo(address)).find((m) => m.subject.includes(first.caseNumber) && m.subject.includes('补正通知')), 30_000, 'the supplement request past the cap');
  });
});

describe('issue 19 item 3: lowering a level-3 case needs a supervisor, and its reply keeps the second-person approval', () => {
  it("the handler's lowering is 403 and changes nothing; the supervisor's is 200; the handler's reply then still awaits approval", async () => {
    const { caseNumber } = await liNasCase();
    expect((await act('li.na', caseNumber, { action: 'classify', level: 3 })).status).toBe(200);
    const before = await read(caseNumber);
    const lowered = await act('li.na', caseNumber, { action: 'classify', level: 2 });
    expect(lowered.status, lowered.text).toBe(403);
    expect((await read(caseNumber)).version).toBe(before.version);
    expect((await act('wang.fang', caseNumber, { action: 'classify', level: 1 })).status).toBe(200);
    const replied = await act('li.na', caseNumber, { action: 'reply', result: '已核实并更正价格', basis: '《电子商务法》第十七条', measures: '退还差价' });
    expect(replied.status, replied.text).toBe(200);
    expect(replied.json<{ status: string }>().status).not.toBe('replied');
    const approved = await act('wang.fang', caseNumber, { action: 'approve-reply', approve: true });
    expect(approved.json<{ status: string }>().status).toBe('replied');
  });
});

describe('issue 19 item 4: recusal (回避) by name in the subject or the description', () => {
  let bySubject: string;
  let byDescription: string;
  beforeAll(async () => {
    bySubject = (await submit({ subject: { type: 'account', value: '客服李娜态度差' } })).caseNumber;
    byDescription = (await submit({ description: '接电话的客服李娜态度很差，还挂断了我的电话' })).caseNumber;
    await Promise.all([assigned(bySubject), assigned(byDescription)]);
  }, 90_000);

  it('"客服李娜态度差" as the subject, or her name in the description: routing never gives it to li.na, a supervisor cannot either', async () => {
    for (const caseNumber of [bySubject, byDescription]) {
      expect((await read(caseNumber)).assignee, caseNumber).not.toBe(email('li.na'));
      const before = await read(caseNumber);
      const given = await act('wang.fang', caseNumber, { action: 'assign', assignee: email('li.na') });
      expect(given.status, `${caseNumber}: ${given.text}`).toBe(409);
      expect((await read(caseNumber)).version).toBe(before.version);
    }
  });

  it('li.na never reads or lists them (404, the same as a missing case); her colleague does', async () => {
    const missing = await get('li.na', '/staff/cases/TS-20200101-9999');
    const list = await get('li.na', '/staff/cases?view=all');
    for (const caseNumber of [bySubject, byDescription]) {
      const answer = await get('li.na', `/staff/cases/${caseNumber}`);
      expect(answer.status, caseNumber).toBe(404);
      expect(answer.text).toBe(missing.text);
      expect(list.text).not.toContain(caseNumber);
      expect((await get('wang.fang', `/staff/cases/${caseNumber}`)).status).toBe(200);
    }
  });
});

describe('issue 19 item 10: a staff-entered case is at most 7 days old, and one registered late is marked so', () => {
  const entry = (receivedAt: Date) => ({ ...complaintBody(uniqueMarker()), channel: 'phone', receivedAt: receivedAt.toISOString() });

  it('receivedAt more than 7 days back is 400 naming the field; in the future too', async () => {
    for (const receivedAt of [new Date(Date.now() - 8 * 86_400_000), new Date(Date.now() + 3_600_000)]) {
      const answer = await post('li.na', '/staff/cases', entry(receivedAt));
      expect(answer.status, answer.text).toBe(400);
      expect(answer.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['receivedAt']);
    }
  });

  it('registered more than 30 minutes after receipt: its history says late; within 30 minutes it does not', async () => {
    const late = await post('li.na', '/staff/cases', entry(new Date(Date.now() - 2 * 3_600_000)));
    const prompt = await post('li.na', '/staff/cases', entry(new Date(Date.now() - 10 * 60_000)));
    expect([late.status, prompt.status]).toEqual([201, 201]);
    const register = async (answer: typeof late) => (await read(answer.json<{ caseNumber: string }>().caseNumber)).history.find((h) => h.action === 'register');
    expect((await register(late))?.note).toMatch(/^late/);
    expect((await register(prompt))?.note).toBeUndefined();
  });
});

describe('issue 19 item 11: the lost-token endpoint answers everyone alike and limits per client, not per case', () => {
  it('a real case with an email and a missing one: the same 202; nobody can use up the requests of a case from several clients', async () => {
    const { caseNumber, marker } = await submit();
    const known = await postJson(`/complaints/${caseNumber}/access`, {}, { from: '127.0.4.90' });
    const unknown = await postJson('/complaints/TS-20200101-9999/access', {}, { from: '127.0.4.90' });
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(known.text).toBe(unknown.text);
    const statuses: number[] = [];
    for (const client of ['127.0.4.91', '127.0.4.92', '127.0.4.93', '127.0.4.94']) statuses.push((await postJson(`/complaints/${caseNumber}/access`, {}, { from: client })).status);
    expect(statuses).toEqual([202, 202, 202, 202]);
    await waitFor(async () => (await mailsTo(`${marker}@example.com`)).find((m) => m.subject.includes('查询凭证')), 30_000, 'the link mail');
  });

  it('the mail leaves through the notify hand-off: the HTTP function itself sends no mail, so a mail failure cannot make it answer 500', () => {
    const fn = topology.functions.find((f) => f.name === 'request-access')!;
    expect(fn.access.sendsMail).toBeFalsy();
    expect(fn.access.sendsTo).toEqual(['notify']);
  });
});
