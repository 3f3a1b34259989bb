/**
 * The staff API over real HTTP (local gateway, cognito-local tokens, DynamoDB Local, the
 * SQS and SES emulators): work lists, the case view, actions with optimistic concurrency,
 * visibility (BOLA: another department's case is the same 404 as a missing one).
 */
import { describe, expect, it } from 'vitest';
import { complaintBody, itemsMentioning, uniqueMarker } from '../support/cases';
import { postJson, request, type HttpAnswer } from '../support/http-client';
import { sesStore, waitFor, waitForIdle } from '../support/system';
import { staffToken } from '../support/staff';
import { loadStageConfig } from '../../shared/config/load-stage-config';

const from = '127.0.0.61';
const tokens = new Map<string, string>();
async function as(email: string) {
  if (!tokens.has(email)) tokens.set(email, await staffToken(`${email}@example.org`));
  return { authorization: `Bearer ${tokens.get(email)!}` };
}
const get = async (who: string, path: string) => request('GET', path, { from, headers: await as(who) });
const act = async (who: string, caseNumber: string, body: unknown) => postJson(`/staff/cases/${caseNumber}/actions`, body, { from, headers: await as(who) });

/**
 * Every page of a work list: the other files of the run share the system and its departments,
 * so a new case need not be on the first page (most urgent first).
 */
async function allPages(who: string, path: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const answer = await get(who, `${path}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(answer.status).toBe(200);
    const page = answer.json<{ items: Record<string, unknown>[]; cursor?: string }>();
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}

interface CaseView {
  caseNumber: string;
  status: string;
  version: number;
  assignee: string | null;
  level: number | null;
  contact?: Record<string, string>;
  contactHidden?: boolean;
  deadlines: { name: string; dueAt: string; state: string; explanation: Record<string, unknown> }[];
  history: { at: string; actor: string; action: string; note?: string }[];
}

/** A service-quality complaint (customer-service), assigned by the workflow; its assignee and the assignment mail's link. */
async function assignedCase(marker = uniqueMarker(), overrides: Record<string, unknown> = {}) {
  const created = await postJson('/complaints', complaintBody(marker, { subject: { type: 'account', value: `staff-${marker}` }, ...overrides }), { from });
  expect(created.status).toBe(201);
  const { caseNumber } = created.json<{ caseNumber: string }>();
  const mail = await waitFor(async () => (await sesStore()).find((m) => m.subject.includes(caseNumber) && m.subject.includes('新分派')), 30_000, 'the assignment mail');
  // The mail links the console on the case (`/staff?case=<n>`); the console asks the API for `/staff/cases/<n>`.
  const linked = new URL(/https?:\/\/\S+\/staff\?case=[A-Z0-9-]+/.exec(mail.body.text ?? '')![0]).searchParams.get('case')!;
  const assignee = mail.destination.to[0]!.replace('@example.org', '');
  await waitForIdle();
  return { caseNumber, marker, assignee, link: `/staff/cases/${encodeURIComponent(linked)}` };
}

const view = (answer: HttpAnswer) => answer.json<CaseView>();

describe('staff cases over HTTP', () => {
  it('the assignee opens the case from the link in the assignment mail: contact, deadlines with explanations, history, version', async () => {
    const { caseNumber, marker, assignee, link } = await assignedCase();
    // Any handler of customer-service (wang.fang supervises it and handles too): the least loaded one, which other tests move.
    expect(['li.na', 'zhao.lei', 'wang.fang']).toContain(assignee);
    const answer = await get(assignee, link);
    expect(answer.status).toBe(200);
    const body = view(answer);
    expect(body).toMatchObject({ caseNumber, status: 'assigned', assignee: `${assignee}@example.org`, level: 1, confidential: false, contact: { email: `${marker}@example.com` } });
    expect(body.contactHidden).toBeUndefined();
    const resolution = body.deadlines.find((d) => d.name === 'resolution')!;
    expect(resolution.state).toBe('open');
    expect(resolution.explanation).toMatchObject({ limit: { amount: 24, unit: 'working-hours' }, calendarVersion: expect.any(String), skippedDays: expect.any(Array) });
    expect(String(resolution.explanation.text)).toContain('working-hours');
    expect(body.history.map((h) => h.action)).toEqual(expect.arrayContaining(['register', 'route']));
    expect(body.version).toBeGreaterThan(0);
  });

  it("another department's handler, a handler of the same department and a missing case: the same 404 (BOLA)", async () => {
    const { caseNumber, assignee } = await assignedCase();
    const other = assignee === 'li.na' ? 'zhao.lei' : 'li.na';
    const missing = await get('liu.yang', `/staff/cases/TS-20200101-9999`);
    expect(missing.status).toBe(404);
    for (const who of ['liu.yang', 'sun.li', other]) {
      const answer = await get(who, `/staff/cases/${caseNumber}`);
      expect(answer.status, who).toBe(404);
      expect(answer.text, who).toBe(missing.text);
      const action = await act(who, caseNumber, { action: 'note', version: 1, text: 'probe' });
      expect(action.status, who).toBe(404);
    }
    // The department's supervisor and admin see it.
    expect((await get('wang.fang', `/staff/cases/${caseNumber}`)).status).toBe(200);
    expect((await get('admin', `/staff/cases/${caseNumber}`)).status).toBe(200);
  });

  it('work lists: mine and department hold the case with the api.md fields, most urgent first; other departments do not', async () => {
    const { caseNumber, assignee } = await assignedCase();
    const mine = await get(assignee, '/staff/cases?view=mine');
    expect(mine.status).toBe(200);
    const items = mine.json<{ items: Record<string, unknown>[] }>().items;
    const row = (await allPages(assignee, '/staff/cases?view=mine')).find((i) => i.caseNumber === caseNumber)!;
    expect(Object.keys(row).sort()).toEqual(['assignee', 'caseNumber', 'category', 'department', 'expectedBy', 'kind', 'level', 'overdue', 'priority', 'receivedAt', 'status', 'type'].sort());
    expect(row).toMatchObject({ kind: 'complaint', category: 'service-quality', department: 'customer-service', status: 'assigned', overdue: false });
    const due = items.map((i) => i.expectedBy).filter((d): d is string => typeof d === 'string').map((d) => Date.parse(d));
    expect(due).toEqual([...due].sort((a, b) => a - b));
    const department = await allPages('wang.fang', '/staff/cases?view=department&status=assigned');
    expect(department.map((i) => i.caseNumber)).toContain(caseNumber);
    const elsewhere = await allPages('chen.jie', '/staff/cases?view=all');
    expect(elsewhere.map((i) => i.caseNumber)).not.toContain(caseNumber);
  });

  it('pages with an opaque cursor: no case twice, the next page continues after the last row', async () => {
    await assignedCase();
    await assignedCase();
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const answer = await get('admin', `/staff/cases?view=all${cursor ? `&cursor=${cursor}` : ''}`);
      expect(answer.status).toBe(200);
      const page = answer.json<{ items: { caseNumber: string }[]; cursor?: string }>();
      seen.push(...page.items.map((i) => i.caseNumber));
      cursor = page.cursor;
      pages++;
    } while (cursor && pages < 50);
    expect(new Set(seen).size).toBe(seen.length);
    expect((await get('admin', '/staff/cases?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
    expect((await get('admin', '/staff/cases?view=everything')).status).toBe(400);
  });

  it('a stale version is 409 and changes nothing; a bad body is 400 and changes nothing', async () => {
    const { caseNumber, assignee } = await assignedCase();
    const before = view(await get(assignee, `/staff/cases/${caseNumber}`));
    const stale = await act(assignee, caseNumber, { action: 'note', version: before.version - 1, text: 'late' });
    expect(stale.status).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    for (const bad of [
      { action: 'note', version: before.version, text: 'x', extra: 1 },
      { action: 'note', version: before.version, text: 'bell\u0007' },
      { action: 'reply', version: before.version, result: 'r', basis: 'b', measures: 'm', remedies: 'x'.repeat(5001) },
      { action: 'fly', version: before.version },
      { action: 'note', text: 'no version' },
    ]) {
      const answer = await act(assignee, caseNumber, bad);
      expect(answer.status, JSON.stringify(bad).slice(0, 60)).toBe(400);
      expect(answer.headers['content-type']).toContain('application/problem+json');
    }
    const after = view(await get(assignee, `/staff/cases/${caseNumber}`));
    expect(after.version).toBe(before.version);
    expect(after.history).toHaveLength(before.history.length);
  });

  it('two staff acting at once on the same version: one 200, one 409', async () => {
    const { caseNumber, assignee } = await assignedCase();
    const { version } = view(await get(assignee, `/staff/cases/${caseNumber}`));
    const answers = await Promise.all([
      act(assignee, caseNumber, { action: 'note', version, text: 'first' }),
      act('wang.fang', caseNumber, { action: 'note', version, text: 'second' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const after = view(await get(assignee, `/staff/cases/${caseNumber}`));
    expect(after.version).toBe(version + 1);
    expect(after.history.filter((h) => h.action === 'note')).toHaveLength(1);
  });

  it('the handler replies: 200 with the new status and version; 403 for an action the role does not allow, 409 for one the status does not allow', async () => {
    const { caseNumber, assignee: routedTo } = await assignedCase();
    let { version } = view(await get(routedTo, `/staff/cases/${caseNumber}`));
    // Routing picks the least loaded of the department's handlers, who may be its supervisor
    // (wang.fang is both): a supervisor may mark a report malicious, so hand it to a handler first.
    const assignee = 'li.na';
    const roles = loadStageConfig('local').staff.find((member) => member.email === `${routedTo}@example.org`)!.roles;
    if (routedTo !== assignee) {
      const handedOver = await act(roles.includes('supervisor') ? routedTo : 'wang.fang', caseNumber, { action: 'assign', version, assignee: `${assignee}@example.org` });
      expect(handedOver.status, handedOver.text).toBe(200);
      ({ version } = view(await get(assignee, `/staff/cases/${caseNumber}`)));
    }
    const malicious = await act(assignee, caseNumber, { action: 'mark-malicious', version, reason: 'not for a handler' });
    expect(malicious.status).toBe(403);
    const close = await act(assignee, caseNumber, { action: 'close', version });
    expect(close.status).toBe(409);
    const reply = await act(assignee, caseNumber, { action: 'reply', version, result: '已更正价格并退还差价。', basis: '《服务协议》第五条', measures: '修复了价格显示错误' });
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ caseNumber, status: 'replied', version: version + 1 });
    version += 1;
    expect(view(await get(assignee, `/staff/cases/${caseNumber}`))).toMatchObject({ status: 'replied', version });
  });
});

describe('a case received by phone, letter or visit (POST /staff/cases)', () => {
  it('registers it with its channel and time of receipt, hands the complainant a working token, and routes it like any other', async () => {
    const marker = uniqueMarker();
    const receivedAt = new Date(Date.now() - 3_600_000).toISOString();
    const body = { ...complaintBody(marker, { subject: { type: 'account', value: `phone-${marker}` } }), channel: 'phone', receivedAt };
    const created = await postJson('/staff/cases', body, { from, headers: await as('li.na') });
    expect(created.status, created.text).toBe(201);
    const { caseNumber, accessToken, status } = created.json<{ caseNumber: string; accessToken: string; status: string }>();
    expect(status).toBe('received');
    // The token the staff member reads out works on the public status API.
    expect((await request('GET', `/complaints/${caseNumber}`, { from, headers: { authorization: `Bearer ${accessToken}` } })).status).toBe(200);
    const mail = await waitFor(async () => (await sesStore()).find((m) => m.subject.includes(caseNumber) && m.subject.includes('新分派')), 30_000, 'the assignment mail');
    const assignee = mail.destination.to[0]!.replace('@example.org', '');
    await waitForIdle();
    const opened = (await get(assignee, `/staff/cases/${caseNumber}`)).json<{ channel: string; receivedAt: string }>();
    expect(opened.channel).toBe('phone');
    expect(Date.parse(opened.receivedAt)).toBe(Date.parse(receivedAt.replace(/\.\d{3}Z$/, 'Z')));
  });

  it('refuses an unknown channel, a time in the future, an unknown field and no token, storing nothing', async () => {
    const marker = uniqueMarker();
    const good = { ...complaintBody(marker), channel: 'letter', receivedAt: new Date(Date.now() - 60_000).toISOString() };
    for (const [bad, field] of [
      [{ ...good, channel: 'fax' }, 'channel'],
      [{ ...good, receivedAt: new Date(Date.now() + 86_400_000).toISOString() }, 'receivedAt'],
      [{ ...good, extra: 1 }, 'extra'],
    ] as const) {
      const answer = await postJson('/staff/cases', bad, { from, headers: await as('li.na') });
      expect(answer.status, answer.text).toBe(400);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(answer.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain(field);
    }
    expect((await postJson('/staff/cases', good, { from })).status).toBe(401);
    expect(await itemsMentioning(marker)).toEqual([]);
  });
});
