/**
 * The directory administered at runtime over real HTTP (issue #22; local gateway,
 * cognito-local tokens, DynamoDB Local, the SQS and SES emulators), on the one running
 * system, without a restart: a handler added receives the next case of their department, an
 * absence keeps cases away from them that day, a category moved routes its next case to the
 * other department, and each change is in the audit history (without addresses or names).
 * Supervisors stay within their departments and grant no role; an unknown field is a 400
 * naming it; of two edits of one version one wins and the other is a 409.
 *
 * The test works on departments, a category and staff of its own (the running system is
 * shared with other test files, whose departments it leaves alone).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamo } from '../../shared/adapters/aws-clients';
import { keys } from '../../shared/adapters/keys';
import { complaintBody, uniqueMarker } from '../support/cases';
import { postJson, request, type HttpAnswer } from '../support/http-client';
import { systemUrls, waitFor } from '../support/system';
import { staffToken } from '../support/staff';

const from = '127.0.0.91';
const tokens = new Map<string, string>();
async function as(who: string) {
  if (!tokens.has(who)) tokens.set(who, await staffToken(`${who}@example.org`));
  return { authorization: `Bearer ${tokens.get(who)!}` };
}
const send = async (who: string, method: string, path: string, body?: unknown) =>
  request(method, path, { from, headers: { ...(await as(who)), ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const ok = (answer: HttpAnswer, status = 200) => {
  expect(answer.status, answer.text).toBe(status);
  return answer.json();
};

const m = uniqueMarker();
const address = (who: string) => `${who}-${m}@example.org`;
const deptA = `a-${m}`;
const deptB = `b-${m}`;
const category = `c-${m}`;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const supA = 'zhou.min';
const supB = 'chen.jie';
let auditFrom: string;

/** Files a complaint of the test's category and waits for its assignee. */
async function assigneeOfNextCase(): Promise<string> {
  const created = await postJson('/complaints', complaintBody(uniqueMarker(), { category }), { from });
  expect(created.status, created.text).toBe(201);
  const { caseNumber } = created.json<{ caseNumber: string }>();
  const state = await waitFor(
    async () => (await dynamo().send(new GetCommand({ TableName: systemUrls().tableName, Key: keys.case(caseNumber), ConsistentRead: true }))).Item?.assignee as string | undefined,
    60_000,
    `the assignee of ${caseNumber}`,
  );
  return state.toLowerCase();
}

const staffEntry = async (_email: string) =>
  ok(await send('admin', 'GET', '/admin/staff')) as unknown as { email: string; version: number; openCases: number; absent: boolean }[];

beforeAll(async () => {
  auditFrom = new Date(Date.now() - 60_000).toISOString();
  // Two departments of the test's own, supervised by supervisors who can sign in (the local pool
  // has the stage config's staff), and a category routed to the first.
  for (const [dept, supervisor] of [[deptA, supA], [deptB, supB]] as const) {
    ok(await send('admin', 'POST', '/admin/departments', { id: dept, name: { 'zh-CN': `部门 ${dept}`, en: `Department ${dept}` }, supervisor: `${supervisor}@example.org` }), 201);
  }
  ok(await send('admin', 'POST', '/admin/categories', { id: category, name: { 'zh-CN': `类别 ${m}`, en: `Category ${m}` }, kinds: ['complaint'], defaultType: 'complaint', level: { complaint: 1 }, department: deptA }), 201);
  ok(await send('admin', 'POST', '/admin/staff', { email: address('h0'), name: 'Handler zero', roles: ['handler'], departments: [deptA] }), 201);
  ok(await send('admin', 'POST', '/admin/staff', { email: address('h2'), name: 'Handler two', roles: ['handler'], departments: [deptB] }), 201);
}, 60_000);

describe('changes take effect on the running system', () => {
  it('a handler added over HTTP receives the next case of their department (the least loaded), an absence keeps cases away that day', async () => {
    expect(await assigneeOfNextCase()).toBe(address('h0'));
    // h0 holds one open case now; the new handler holds none.
    ok(await send('admin', 'POST', '/admin/staff', { email: address('h1'), name: 'Handler one', roles: ['handler'], departments: [deptA] }), 201);
    const listed = (await staffEntry(address('h1'))).find((s) => s.email === address('h1'))!;
    expect(listed).toMatchObject({ openCases: 0, absent: false, version: 1 });
    expect((await staffEntry(address('h0'))).find((s) => s.email === address('h0'))).toMatchObject({ openCases: 1 });
    expect(await assigneeOfNextCase()).toBe(address('h1'));

    // Both hold one now; h1 is away from yesterday to tomorrow (declared by their department's supervisor).
    const absence = ok(await send(supA, 'POST', '/admin/absences', { email: address('h1'), from: day(-1), to: day(1), reason: 'annual leave' }), 201) as { id: string; version: number };
    expect((await staffEntry(address('h1'))).find((s) => s.email === address('h1'))).toMatchObject({ absent: true, absence: { from: day(-1), to: day(1) } });
    expect(await assigneeOfNextCase()).toBe(address('h0'));
    // Back: the absence removed, h1 (one case against h0's two) gets the next one.
    expect((await send('admin', 'DELETE', `/admin/absences/${absence.id}?version=${absence.version}`)).status).toBe(204);
    expect(await assigneeOfNextCase()).toBe(address('h1'));
  }, 180_000);

  it('a category moved to another department routes its next case there', async () => {
    const categories = ok(await send('admin', 'GET', '/admin/categories')) as unknown as { id: string; version: number; department: string }[];
    const entry = categories.find((c) => c.id === category)!;
    expect(entry.department).toBe(deptA);
    ok(await send('admin', 'PATCH', `/admin/categories/${category}`, { version: entry.version, department: deptB }));
    expect(await assigneeOfNextCase()).toBe(address('h2'));
  }, 120_000);

  it('each change is in the audit history, with who and when, before and after, and no address or name', async () => {
    const answer = ok(await send('admin', 'GET', `/admin/audit?from=${encodeURIComponent(auditFrom)}&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)) as {
      items: { action: string; actor: string; at: string; directory?: { entity: string; entry: string; fields: string[]; before?: Record<string, unknown>; after?: Record<string, unknown> } }[];
    };
    const changes = answer.items.filter((i) => i.action === 'directory-change');
    const moved = changes.find((c) => c.directory?.entity === 'category' && c.directory.entry === category && c.directory.before !== undefined)!;
    expect(moved.directory).toMatchObject({ before: { department: deptA }, after: { department: deptB } });
    expect(moved.actor).toMatch(/\S/);
    const added = changes.filter((c) => c.directory?.entity === 'staff' && c.directory.fields.includes('name'));
    expect(added.length).toBeGreaterThanOrEqual(3);
    expect(added.every((c) => /^staff:[A-Za-z0-9_-]{22}$/.test(c.directory!.entry))).toBe(true);
    expect(changes.filter((c) => c.directory?.entity === 'absence').length).toBeGreaterThanOrEqual(2);
    const text = JSON.stringify(changes);
    expect(text).not.toContain('@example.org');
    expect(text).not.toContain('Handler one');
    expect(text).not.toContain('annual leave');
  });
});

describe('the public side', () => {
  it('a category an admin added is offered on the form and by GET /categories', async () => {
    const listed = await request('GET', '/categories', { from });
    expect(listed.json<{ id: string }[]>().map((c) => c.id)).toContain(category);
    const form = await request('GET', '/', { from });
    expect(form.text).toContain(`value="${category}"`);
  });
});

describe('who may change what', () => {
  it('a supervisor of another department cannot change its staff (403); a supervisor cannot grant roles (403)', async () => {
    const h0 = (await staffEntry(address('h0'))).find((s) => s.email === address('h0'))!;
    expect((await send('wang.fang', 'PATCH', `/admin/staff/${address('h0')}`, { version: h0.version, name: 'Renamed' })).status).toBe(403);
    expect((await send(supB, 'PATCH', `/admin/staff/${address('h0')}`, { version: h0.version, name: 'Renamed' })).status).toBe(403);
    expect((await send(supA, 'PATCH', `/admin/staff/${address('h0')}`, { version: h0.version, roles: ['handler', 'supervisor'] })).status).toBe(403);
    expect((await send(supA, 'POST', '/admin/staff', { email: address('x'), name: 'X', roles: ['admin'], departments: [deptA] })).status).toBe(403);
    expect((await send('li.na', 'GET', '/admin/staff')).status).toBe(403);
    // Their own department's handler, without new roles: allowed.
    ok(await send(supA, 'PATCH', `/admin/staff/${address('h0')}`, { version: h0.version, name: 'Handler zero (renamed)' }));
  });

  it('an unknown field is a 400 naming it; a change that breaks the directory is a 400 naming the field', async () => {
    const h0 = (await staffEntry(address('h0'))).find((s) => s.email === address('h0'))!;
    const unknown = await send('admin', 'PATCH', `/admin/staff/${address('h0')}`, { version: h0.version, nickname: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['nickname']);
    const badDepartment = await send('admin', 'PATCH', `/admin/staff/${address('h0')}`, { version: h0.version, departments: ['no-such-department'] });
    expect(badDepartment.status).toBe(400);
    expect(badDepartment.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['departments.0']);
    expect((await staffEntry(address('h0'))).find((s) => s.email === address('h0'))!.version).toBe(h0.version);
  });

  it('two concurrent edits of one version: one 200, one 409', async () => {
    const h2 = (await staffEntry(address('h2'))).find((s) => s.email === address('h2'))!;
    const answers = await Promise.all(
      ['Handler two (a)', 'Handler two (b)'].map((name) => send('admin', 'PATCH', `/admin/staff/${address('h2')}`, { version: h2.version, name })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect((await staffEntry(address('h2'))).find((s) => s.email === address('h2'))!.version).toBe(h2.version + 1);
  });
});

describe('calendar upkeep', () => {
  it("an admin imports a year's official arrangement from the installed chinese-days data: each day once, a second import changes nothing", async () => {
    const year = 2025;
    const first = ok(await send('admin', 'POST', '/admin/calendar/import', { year })) as { imported: number; unchanged: number };
    const second = ok(await send('admin', 'POST', '/admin/calendar/import', { year })) as { imported: number; unchanged: number };
    expect(second).toMatchObject({ imported: 0, unchanged: first.imported + first.unchanged });
    expect(first.imported + first.unchanged).toBeGreaterThan(20);
    const { days } = ok(await send('admin', 'GET', '/admin/calendar')) as { days: { date: string; kind: string }[] };
    // 2025-01-01 (元旦) a holiday, 2025-01-26 a make-up working day (State Council, 国办发明电〔2024〕12号).
    expect(days).toEqual(expect.arrayContaining([expect.objectContaining({ date: '2025-01-01', kind: 'holiday' }), expect.objectContaining({ date: '2025-01-26', kind: 'workday' })]));
  });

  it('a supervisor may not import (403); a year the data does not hold and an unknown field are a 400 naming the field', async () => {
    expect((await send(supA, 'POST', '/admin/calendar/import', { year: 2025 })).status).toBe(403);
    const unknownYear = await send('admin', 'POST', '/admin/calendar/import', { year: 2099 });
    expect(unknownYear.status, unknownYear.text).toBe(400);
    expect(unknownYear.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['year']);
    const unknownField = await send('admin', 'POST', '/admin/calendar/import', { year: 2025, month: 1 });
    expect(unknownField.status).toBe(400);
    expect(unknownField.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['month']);
  });
});
