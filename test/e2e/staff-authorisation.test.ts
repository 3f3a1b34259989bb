/**
 * The authorisation matrix over real HTTP (local gateway, cognito-local tokens, DynamoDB
 * Local, the queues): every caller × every staff endpoint and action × every kind of case,
 * each cell generated from `accessMatrix` (shared/domain/access-matrix.ts), the table
 * docs/security.md prints. Cases are built once in beforeAll through the public form and
 * the workflow, then put where the row needs them by staff actions over HTTP. A cell that
 * must refuse is tried on a shared case and must change nothing (version and history
 * unchanged); a cell that must succeed gets a fresh case of its own, except the actions
 * that leave the case as it was (note, classify with a note, reveal-contact, refer).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffActionName } from '../../shared/domain/action-permissions';
import {
  accessMatrix,
  callerOnlyMatrix,
  caseKinds,
  matrixCallers,
  preparationFor,
  type CaseKind,
  type CasePreparation,
  type MatrixCaller,
  type MatrixCell,
} from '../../shared/domain/access-matrix';
import { complaintBody, uniqueMarker } from '../support/cases';
import { postJson, request, type HttpAnswer } from '../support/http-client';
import { runSchedule, waitFor, waitForIdle } from '../support/system';
import { staffToken } from '../support/staff';

const staffOf: Readonly<Record<MatrixCaller, string>> = { handler: 'li.na', supervisor: 'wang.fang', admin: 'admin', 'other-handler': 'liu.yang' };
const email = (who: string) => `${who}@example.org`;

const tokens = new Map<string, Promise<string>>();
const auth = async (who: string) => {
  if (!tokens.has(who)) tokens.set(who, staffToken(email(who)));
  return { authorization: `Bearer ${await tokens.get(who)!}` };
};
// Public submissions are limited per client address and minute: spread the fixtures over a few.
let submitted = 0;
const nextAddress = () => `127.0.3.${10 + (submitted++ % 12)}`;
const staffFrom = '127.0.3.2';
const get = async (who: string, path: string) => request('GET', path, { from: staffFrom, headers: await auth(who) });
const post = async (who: string, path: string, body: unknown) => postJson(path, body, { from: staffFrom, headers: await auth(who) });

interface CaseView {
  version: number;
  status: string;
  assignee: string | null;
  contact?: unknown;
  contactHidden?: boolean;
  history: unknown[];
  deadlines: { name: string; state: string }[];
}
/** The case as the director (supervisor of every department and admin, about no case here) reads it. */
const read = async (caseNumber: string): Promise<CaseView> => {
  const answer = await get('director', `/staff/cases/${caseNumber}`);
  expect(answer.status, `the director reads ${caseNumber}`).toBe(200);
  return answer.json<CaseView>();
};

/** One staff action over HTTP on the case's current version; the setup steps must succeed. */
async function step(who: string, caseNumber: string, body: Record<string, unknown>): Promise<void> {
  const { version } = await read(caseNumber);
  const answer = await post(who, `/staff/cases/${caseNumber}/actions`, { ...body, version });
  expect(answer.status, `${who} ${String(body.action)} on ${caseNumber}: ${answer.text}`).toBe(200);
}

const firstHandlingDeadline = (view: CaseView) =>
  view.deadlines.find((d) => d.state === 'open' && ['resolution', 'initial-investigation', 'initial-result'].includes(d.name))!.name;
const later = () => new Date(Date.now() + 60 * 86_400_000).toISOString();
const reply = { result: '已核实并更正价格', basis: '《电子商务法》第十七条', measures: '退还差价' };

/** The body of each action (the `assign` target is the department's handler li.na). */
async function bodyOf(action: StaffActionName, caseNumber: string): Promise<Record<string, unknown>> {
  switch (action) {
    case 'accept':
    case 'close':
      return { action };
    case 'reject':
      return { action, reason: '不属于受理范围' };
    case 'request-supplement':
      return { action, missing: ['订单截图'] };
    case 'classify':
      return { action, note: '分类无误' };
    case 'assign':
      return { action, assignee: email('li.na') };
    case 'note':
      return { action, text: '已电话联系' };
    case 'request-extension':
      return { action, deadline: firstHandlingDeadline(await read(caseNumber)), until: later(), reason: '需要调查' };
    case 'decide-extension':
    case 'approve-reply':
      return { action, approve: true };
    case 'reply':
      return { action, ...reply };
    case 'review':
      return { action, result: '复核维持原处理', basis: '原处理符合规定' };
    case 'mark-malicious':
      return { action, reason: '恶意投诉' };
    case 'reveal-contact':
      return { action, reason: '需要回访' };
    case 'refer':
      return { action, authority: '市公安局网安支队', reference: 'GA-2026-001' };
    case 'write-report':
      return { action, causes: '价格标注错误', measures: '已更正价格', prevention: '上线前复核价格' };
    case 'approve-report':
      return { action, approve: true };
  }
}

/** Where each kind's case starts: category, assignee (by admin), whether confidential. */
const kindSetup: Readonly<Record<Exclude<CaseKind, 'about-caller'>, { category: string; assignee?: string; queue?: boolean; confidential?: boolean }>> = {
  own: { category: 'service-quality', assignee: 'li.na' },
  colleague: { category: 'service-quality', assignee: 'zhao.lei' },
  // A technology case moved to customer-service by classification loses its assignee: the department's queue.
  queue: { category: 'functional-fault', queue: true },
  'other-department': { category: 'icp-filing', assignee: 'sun.li' },
  confidential: { category: 'service-quality', assignee: 'li.na', confidential: true },
};

interface Built {
  caseNumber: string;
  accessToken: string;
}

async function submit(category: string, overrides: Record<string, unknown> = {}): Promise<Built> {
  const marker = uniqueMarker();
  const created = await postJson('/complaints', complaintBody(marker, { category, subject: { type: 'account', value: `matrix-${marker}` }, ...overrides }), { from: nextAddress() });
  expect(created.status, created.text).toBe(201);
  return created.json<Built>();
}

/** Waits until the workflow assigned the case (the form's case goes review → classify → assign). */
const assigned = (caseNumber: string) => waitFor(async () => (await read(caseNumber)).assignee, 60_000, `${caseNumber} assigned`);

/**
 * Puts the case where its kind says; false when the workflow gave it to the supervisor
 * column's wang.fang (she handles customer-service too): having handled it, she may not
 * review it (reviewer-independent), which is not what the column is about.
 */
async function place(kind: Exclude<CaseKind, 'about-caller'>, built: Built): Promise<boolean> {
  const setup = kindSetup[kind];
  if ((await assigned(built.caseNumber)) === email(staffOf.supervisor)) return false;
  if (setup.queue) await step('admin', built.caseNumber, { action: 'classify', category: 'service-quality' });
  if (setup.assignee && (await read(built.caseNumber)).assignee !== email(setup.assignee)) await step('admin', built.caseNumber, { action: 'assign', assignee: email(setup.assignee) });
  return true;
}

async function prepare(kind: CaseKind, preparation: CasePreparation, built: Built): Promise<void> {
  if (kind === 'queue' || kind === 'about-caller' || preparation === 'as-assigned') return;
  const { caseNumber } = built;
  const assignee = kindSetup[kind].assignee!;
  if (preparation === 'extension-pending') {
    await step(assignee, caseNumber, { action: 'request-extension', deadline: firstHandlingDeadline(await read(caseNumber)), until: later(), reason: '需要调查' });
    return;
  }
  if (preparation === 'reply-pending') await step('admin', caseNumber, { action: 'classify', level: 3 });
  await step(assignee, caseNumber, { action: 'reply', ...reply });
  if (preparation === 'appealed') {
    const appeal = await postJson(`/complaints/${caseNumber}/appeals`, { reasons: '处理结果没有解决问题，要求复核' }, { from: nextAddress(), headers: { authorization: `Bearer ${built.accessToken}` } });
    expect(appeal.status, appeal.text).toBe(200);
  }
}

/** A case of `kind`, placed and prepared for `preparation`. */
async function caseFor(kind: Exclude<CaseKind, 'about-caller'>, preparation: CasePreparation): Promise<string> {
  const setup = kindSetup[kind];
  for (let attempt = 1; ; attempt++) {
    if (attempt > 10) throw new Error(`no ${kind} case the workflow did not give to ${staffOf.supervisor}`);
    const built = await submit(setup.category, setup.confidential ? { confidential: true } : {});
    if (!(await place(kind, built))) continue;
    await prepare(kind, preparation, built);
    return built.caseNumber;
  }
}

/** A case about the caller; the handler's waits in the queue, so only 回避 keeps it from them. */
async function caseAbout(caller: MatrixCaller): Promise<string> {
  const who = staffOf[caller];
  const subject = { type: 'staff', value: email(who) };
  const built = await submit(caller === 'handler' || caller === 'other-handler' ? 'functional-fault' : 'service-quality', { subject });
  await assigned(built.caseNumber);
  if (caller === 'handler') await step('admin', built.caseNumber, { action: 'classify', category: 'service-quality' });
  return built.caseNumber;
}

const actions = Object.keys(preparationFor) as StaffActionName[];
/** Actions after which the case is as it was but for its version and history. */
const repeatable: readonly StaffActionName[] = ['note', 'classify', 'reveal-contact', 'refer'];
const preparations = [...new Set(Object.values(preparationFor))];
const placedKinds = caseKinds.filter((k): k is Exclude<CaseKind, 'about-caller'> => k !== 'about-caller');

/** Shared cases per kind and preparation; one per caller for about-caller. */
const shared = new Map<string, string>();
const sharedKey = (kind: CaseKind, preparation: CasePreparation, caller: MatrixCaller) =>
  kind === 'about-caller' ? `about:${caller}` : kind === 'queue' ? 'queue' : `${kind}:${preparation}`;
/** Fresh cases for the cells that must succeed, keyed by action, kind and caller. */
const fresh = new Map<string, string>();
const freshKey = (action: StaffActionName, kind: CaseKind, caller: MatrixCaller) => `${action}:${kind}:${caller}`;
const cellsOf = (row: keyof typeof accessMatrix, kind: CaseKind) => matrixCallers.map((caller, i) => ({ caller, expected: accessMatrix[row][kind][i]! }));

/** Runs the jobs a few at a time: a hundred submissions at once time the local functions out. */
async function inTurn(jobs: (() => Promise<void>)[], width = 6): Promise<void> {
  const queue = [...jobs];
  await Promise.all(Array.from({ length: width }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await job();
  }));
}

beforeAll(async () => {
  const jobs: (() => Promise<void>)[] = [];
  for (const kind of placedKinds) {
    for (const preparation of kind === 'queue' ? (['as-assigned'] as const) : preparations) {
      jobs.push(() => caseFor(kind, preparation).then((n) => void shared.set(sharedKey(kind, preparation, 'admin'), n)));
    }
    for (const action of actions) {
      if (repeatable.includes(action)) continue;
      for (const { caller, expected } of cellsOf(action, kind)) {
        if (expected === 200) jobs.push(() => caseFor(kind, preparationFor[action]).then((n) => void fresh.set(freshKey(action, kind, caller), n)));
      }
    }
  }
  for (const caller of matrixCallers) jobs.push(() => caseAbout(caller).then((n) => void shared.set(sharedKey('about-caller', 'as-assigned', caller), n)));
  // An erasure that succeeds takes the contact away: each gets a case of its own.
  for (const kind of placedKinds) jobs.push(() => caseFor(kind, 'as-assigned').then((n) => void fresh.set(`erase:${kind}`, n)));
  await inTurn(jobs);
  await waitForIdle(60_000);
}, 600_000);

/** Every case number a caller's `GET /staff/cases?view=all` lists, page by page. */
async function listed(who: string): Promise<Set<string>> {
  const seen = new Set<string>();
  let cursor: string | undefined;
  do {
    const answer = await get(who, `/staff/cases?view=all${cursor ? `&cursor=${cursor}` : ''}`);
    expect(answer.status).toBe(200);
    const page = answer.json<{ items: { caseNumber: string }[]; cursor?: string }>();
    page.items.forEach((i) => seen.add(i.caseNumber));
    cursor = page.cursor;
  } while (cursor);
  return seen;
}

const contactCell = (answer: HttpAnswer): MatrixCell => {
  if (answer.status !== 200) return answer.status as MatrixCell;
  const body = answer.json<CaseView>();
  return body.contact !== undefined ? 'shown' : body.contactHidden ? 'hidden' : (`neither: ${answer.text.slice(0, 80)}` as never);
};

describe('the staff authorisation matrix (shared/domain/access-matrix.ts) over HTTP', () => {
  it('GET /staff/cases lists exactly the cases the matrix says, for every caller', async () => {
    for (const caller of matrixCallers) {
      const list = await listed(staffOf[caller]);
      for (const kind of caseKinds) {
        const caseNumber = shared.get(sharedKey(kind, 'as-assigned', caller))!;
        const expected = accessMatrix['GET /staff/cases'][kind][matrixCallers.indexOf(caller)];
        expect(list.has(caseNumber) ? 'listed' : 'absent', `${caller} × ${kind}`).toBe(expected);
      }
    }
  });

  it('GET /staff/cases/{n}: the status and the contact as the matrix says; a case they may not see is the same 404 as a missing one', async () => {
    const missing = await get('admin', '/staff/cases/TS-20200101-9999');
    expect(missing.status).toBe(404);
    for (const kind of caseKinds) {
      for (const { caller } of cellsOf('GET /staff/cases/{n}', kind)) {
        const i = matrixCallers.indexOf(caller);
        const answer = await get(staffOf[caller], `/staff/cases/${shared.get(sharedKey(kind, 'as-assigned', caller))!}`);
        expect(answer.status, `${caller} × ${kind}`).toBe(accessMatrix['GET /staff/cases/{n}'][kind][i]);
        expect(contactCell(answer), `contact: ${caller} × ${kind}`).toBe(accessMatrix['contact in the case view'][kind][i]);
        if (answer.status === 404) expect(answer.text, `${caller} × ${kind}: the 404 of a missing case`).toBe(missing.text);
      }
    }
  });

  describe.each(actions)('POST /staff/cases/{n}/actions %s', (action) => {
    it.each([...caseKinds])('on a case %s: every caller gets what the matrix says; a refusal changes nothing', async (kind) => {
      const refusals = cellsOf(action, kind).filter((c) => c.expected !== 200);
      const successes = cellsOf(action, kind).filter((c) => c.expected === 200);
      for (const { caller, expected } of refusals) {
        const caseNumber = shared.get(sharedKey(kind, preparationFor[action], caller))!;
        const before = await read(caseNumber);
        const answer = await post(staffOf[caller], `/staff/cases/${caseNumber}/actions`, { ...(await bodyOf(action, caseNumber)), version: before.version });
        expect(answer.status, `${caller} × ${kind}: ${answer.text}`).toBe(expected);
        expect(answer.headers['content-type']).toContain('application/problem+json');
        const after = await read(caseNumber);
        expect({ version: after.version, history: after.history.length }, `${caller} × ${kind} changed nothing`).toEqual({ version: before.version, history: before.history.length });
      }
      for (const { caller } of successes) {
        const caseNumber = repeatable.includes(action) ? shared.get(sharedKey(kind, preparationFor[action], caller))! : fresh.get(freshKey(action, kind, caller))!;
        const before = await read(caseNumber);
        const answer = await post(staffOf[caller], `/staff/cases/${caseNumber}/actions`, { ...(await bodyOf(action, caseNumber)), version: before.version });
        expect(answer.status, `${caller} × ${kind}: ${answer.text}`).toBe(200);
        expect(answer.json<{ version: number }>().version).toBe(before.version + 1);
      }
    });
  });

  it('GET /admin/cases/{n}/export: the status and the contact as the matrix says; the export is in the history; a refusal changes nothing', async () => {
    const missing = await get('admin', '/admin/cases/TS-20200101-9999/export?reason=data-subject-request');
    for (const kind of caseKinds) {
      for (const { caller, expected } of cellsOf('GET /admin/cases/{n}/export', kind)) {
        const caseNumber = shared.get(sharedKey(kind, 'as-assigned', caller))!;
        const before = await read(caseNumber);
        const answer = await get(staffOf[caller], `/admin/cases/${caseNumber}/export?reason=data-subject-request`);
        expect(answer.status, `${caller} × ${kind}: ${answer.text.slice(0, 200)}`).toBe(expected);
        const contact = answer.status !== 200 ? answer.status : answer.json<{ contact: unknown; contactHidden?: boolean }>().contact !== null ? 'shown' : 'hidden';
        expect(contact, `contact: ${caller} × ${kind}`).toBe(accessMatrix['contact in the export'][kind][matrixCallers.indexOf(caller)]);
        if (answer.status === 404) expect(answer.text, `${caller} × ${kind}: the 404 of a missing case`).toBe(missing.text);
        const after = await read(caseNumber);
        expect(after.history.length, `${caller} × ${kind}: the history`).toBe(before.history.length + (expected === 200 ? 1 : 0));
      }
    }
  });

  it('POST /admin/complainants/erase: each caller as the matrix says; a refusal changes nothing, an erasure is in the history', async () => {
    for (const kind of caseKinds) {
      for (const { caller, expected } of cellsOf('POST /admin/complainants/erase', kind)) {
        const caseNumber = expected === 200 ? fresh.get(`erase:${kind}`)! : shared.get(sharedKey(kind, 'as-assigned', caller))!;
        const before = await read(caseNumber);
        const answer = await post(staffOf[caller], '/admin/complainants/erase', { caseNumber, reason: 'data-subject-request' });
        expect(answer.status, `${caller} × ${kind}: ${answer.text}`).toBe(expected);
        const after = await read(caseNumber);
        if (expected !== 200) expect({ version: after.version, history: after.history.length }, `${caller} × ${kind} changed nothing`).toEqual({ version: before.version, history: before.history.length });
        else expect(after.history.length, `${caller} × ${kind}: the history`).toBe(before.history.length + 1);
      }
    }
  });

  it('POST /staff/cases and GET /staff/reports/{period}: each caller as the matrix says', async () => {
    // A stored report to read: the month report of a month long past (empty, but stored).
    await runSchedule('monthly-report', '2024-02-01T02:00:00+08:00');
    for (const [i, caller] of matrixCallers.entries()) {
      const marker = uniqueMarker();
      const entry = { ...complaintBody(marker, { subject: { type: 'account', value: `matrix-${marker}` } }), channel: 'phone', receivedAt: new Date(Date.now() - 60_000).toISOString() };
      expect((await post(staffOf[caller], '/staff/cases', entry)).status, caller).toBe(callerOnlyMatrix['POST /staff/cases'][i]);
      expect((await get(staffOf[caller], '/staff/reports/2024-01')).status, caller).toBe(callerOnlyMatrix['GET /staff/reports/{period}'][i]);
    }
  });
});
