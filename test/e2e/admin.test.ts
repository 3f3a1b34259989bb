/**
 * The admin endpoints over real HTTP (local gateway, cognito-local tokens, DynamoDB Local,
 * the S3, SQS and SES emulators): a case exported whole for a data-subject access request,
 * a complainant's personal data erased on every case of theirs (idempotent, no more mail),
 * and the audit history both write, which itself holds no personal data.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamo } from '../../shared/adapters/aws-clients';
import { objectKeys } from '../../shared/adapters/evidence-bucket';
import { isHistoryKey, keys } from '../../shared/adapters/keys';
import { erasedText } from '../../shared/domain/audit';
import type { UploadCreated } from '../../shared/schemas/upload-request';
import { topology } from '../../shared/topology';
import { complaintBody, itemsMentioning, uniqueMarker } from '../support/cases';
import { postJson, request, type HttpAnswer } from '../support/http-client';
import { mailsTo, sesStore, systemUrls, waitFor, waitForIdle } from '../support/system';
import { decodeJwt, staffToken } from '../support/staff';
import { objectExists, png, postFile } from '../support/uploads';

const from = '127.0.0.71';
const tokens = new Map<string, string>();
async function as(who: string) {
  if (!tokens.has(who)) tokens.set(who, await staffToken(`${who}@example.org`));
  return { authorization: `Bearer ${tokens.get(who)!}` };
}
const get = async (who: string | undefined, path: string) => request('GET', path, { from, headers: who ? await as(who) : {} });
const erase = async (who: string, body: unknown) => postJson('/admin/complainants/erase', body, { from, headers: await as(who) });
const problemOf = (answer: HttpAnswer) => ({ status: answer.status, type: String(answer.headers['content-type']).split(';')[0] });

/** Every raw item of a case's partition (test tooling reads the table itself). */
async function partition(caseNumber: string): Promise<Record<string, unknown>[]> {
  const page = await dynamo().send(new QueryCommand({ TableName: systemUrls().tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.case(caseNumber).pk }, ConsistentRead: true }));
  return page.Items ?? [];
}

/**
 * What moves a case's report figures: a change of the case (the statistics updates ride in
 * its transaction, one history entry each) or a sent ladder notice (its marker
 * `STATS-APPLIED#<case>#…`). The same before and after an erasure: it moved none (it bumps
 * only the state's version, so that concurrent staff changes conflict, and adds its own
 * history entry, which is no change of the case).
 */
const figureSources = async (caseNumber: string) => ({
  // An export or erasure adds its own history entry (issue 19 item 1), which moves no figure.
  history: (await partition(caseNumber)).filter((i) => isHistoryKey(String(i.sk)) && !['export', 'erase'].includes(String(i.action))).map((i) => i.sk),
  markers: (await itemsMentioning(`STATS-APPLIED#${caseNumber}#`)).map((i) => String(i.pk)).sort(),
});

async function submit(marker: string, subject: string, evidence: unknown[] = []) {
  const created = await postJson('/complaints', complaintBody(marker, { subject: { type: 'account', value: subject }, evidence }), { from });
  expect(created.status, created.text).toBe(201);
  const { caseNumber } = created.json<{ caseNumber: string }>();
  const mail = await waitFor(async () => (await sesStore()).find((m) => m.subject.includes(caseNumber) && m.subject.includes('新分派')), 30_000, 'the assignment mail');
  return { caseNumber, assignee: mail.destination.to[0]!.replace('@example.org', '') };
}

const marker = uniqueMarker();
// The subject names the site's account complained about, not the person: it stays (docs/security.md).
const subjectMarker = uniqueMarker();
const email = `${marker}@example.com`;
let first: { caseNumber: string; assignee: string };
let second: { caseNumber: string; assignee: string };
let uploadId: string;
let auditFrom: string;

beforeAll(async () => {
  auditFrom = new Date(Date.now() - 60_000).toISOString();
  const started = await postJson('/uploads', { fileName: `${marker}-身份证.png`, contentType: 'image/png', size: png.length }, { from });
  expect(started.status, started.text).toBe(201);
  const upload = started.json<UploadCreated>();
  expect(await postFile(upload, png, 'image/png')).toBeLessThan(300);
  uploadId = upload.uploadId;
  // Two cases of one person (same email), one with an evidence file.
  first = await submit(marker, `admin-${subjectMarker}-a`, [{ uploadId }]);
  second = await submit(marker, `admin-${subjectMarker}-b`);
  await waitForIdle();
}, 90_000);

describe('GET /admin/cases/{caseNumber}/export', () => {
  it('gives an admin everything held about the case: state, submission, contact, history, notices, deadlines, uploads with a download link', async () => {
    const answer = await get('admin', `/admin/cases/${first.caseNumber}/export?reason=data-subject-request`);
    expect(answer.status, answer.text).toBe(200);
    const doc = answer.json<Record<string, any>>();
    expect(doc.caseNumber).toBe(first.caseNumber);
    expect(doc.case).toMatchObject({ caseNumber: first.caseNumber, status: 'assigned', assignee: `${first.assignee}@example.org` });
    expect(doc.case.deadlines.length).toBeGreaterThan(0);
    expect(doc.submission).toMatchObject({ subject: { type: 'account', value: `admin-${subjectMarker}-a` }, evidence: [{ uploadId }] });
    expect(doc.submission.description).toContain(marker);
    expect(doc.submission.tokenHash).toBeUndefined();
    expect(doc.contact).toEqual({ name: `张三${marker}`, email, phone: '+86 138 0013 8000' });
    expect(doc.history.map((h: { action: string }) => h.action)).toEqual(expect.arrayContaining(['register', 'route']));
    expect(doc.notices).toContainEqual(expect.objectContaining({ noticeKey: 'acknowledge', topic: 'receipt', audience: 'complainant', state: 'sent' }));
    expect(doc.feedback).toBeNull();
    expect(doc.material).toEqual([]);
    expect(doc.uploads).toEqual([expect.objectContaining({ uploadId, fileName: `${marker}-身份证.png`, state: 'referenced', download: { url: expect.stringContaining(objectKeys.accepted(uploadId)), expiresAt: expect.any(String) } })]);
    // The link works: the file itself.
    const file = await fetch(doc.uploads[0].download.url);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(png)).toBe(true);
  });

  it('is for admins only: a handler and a supervisor 403, no token 401, an unknown case 404, all problem+json', async () => {
    const path = `/admin/cases/${first.caseNumber}/export?reason=data-subject-request`;
    for (const who of [first.assignee, 'wang.fang']) expect(problemOf(await get(who, path)), who).toEqual({ status: 403, type: 'application/problem+json' });
    expect(problemOf(await get(undefined, path))).toEqual({ status: 401, type: 'application/problem+json' });
    expect(problemOf(await get('admin', '/admin/cases/TS-20200101-9999/export?reason=data-subject-request'))).toEqual({ status: 404, type: 'application/problem+json' });
    // A handler is refused before the case is looked at: an unknown case is the same 403.
    expect((await get(first.assignee, '/admin/cases/TS-20200101-9999/export?reason=data-subject-request')).status).toBe(403);
  });

  it('a contact revealed by staff is audited too (the audit test below finds it)', async () => {
    const { version } = (await get('admin', `/staff/cases/${first.caseNumber}`)).json<{ version: number }>();
    const revealed = await postJson(`/staff/cases/${first.caseNumber}/actions`, { action: 'reveal-contact', version, reason: 'to call the complainant back' }, { from, headers: await as('admin') });
    expect(revealed.status, revealed.text).toBe(200);
  });

  it('refuses an unknown query field or reason, or none, with 400', async () => {
    for (const query of ['reason=because', 'reason=data-subject-request&format=csv', '']) {
      const answer = await get('admin', `/admin/cases/${first.caseNumber}/export?${query}`);
      expect(problemOf(answer), query).toEqual({ status: 400, type: 'application/problem+json' });
    }
  });
});

describe('POST /admin/complainants/erase', () => {
  it('refuses bad input with 400 and changes nothing: unknown field, wrong type, both or neither, a bad email', async () => {
    const before = await partition(first.caseNumber);
    for (const body of [{ email, extra: 1 }, { caseNumber: 42 }, { email, caseNumber: first.caseNumber }, {}, { email: 'not-an-address' }, { email, reason: 'asked nicely' }, { email }]) {
      const answer = await erase('admin', body);
      expect(problemOf(answer), JSON.stringify(body)).toEqual({ status: 400, type: 'application/problem+json' });
      expect(answer.text).not.toContain(marker);
    }
    expect((await erase(first.assignee, { email, reason: 'data-subject-request' })).status).toBe(403);
    expect(await partition(first.caseNumber)).toEqual(before);
  });

  it('erases name, email, phone and the free text on every case of the person; keeps the cases and their figures; twice is the same answer and no change', async () => {
    const mailsBefore = (await mailsTo(email)).length;
    expect(mailsBefore).toBeGreaterThan(0); // the receipts went out while the contact was there
    const figuresBefore = [await figureSources(first.caseNumber), await figureSources(second.caseNumber)];
    const answer = await erase('admin', { email: email.toUpperCase(), reason: 'data-subject-request' });
    expect(answer.status, answer.text).toBe(200);
    const cases = [first.caseNumber, second.caseNumber].sort();
    expect(answer.json()).toEqual({ caseNumbers: cases });

    // The staff view and the export: no contact, the text replaced, the case and its state kept.
    const view = (await get('admin', `/staff/cases/${first.caseNumber}`)).json<Record<string, unknown>>();
    expect(view).toMatchObject({ caseNumber: first.caseNumber, status: 'assigned', description: erasedText, evidence: [] });
    expect(view.contact).toBeUndefined();
    expect(view.request).toBeUndefined();
    const doc = (await get('admin', `/admin/cases/${first.caseNumber}/export?reason=data-subject-request`)).json<Record<string, any>>();
    expect(doc.contact).toBeNull();
    expect(doc.submission.erasedAt).toEqual(expect.any(String));
    expect(JSON.stringify(doc)).not.toContain(marker);
    // The file and its upload record are gone.
    expect(await objectExists(objectKeys.accepted(uploadId))).toBe(false);
    // The table: nothing anywhere mentions the person any more (name, email, file name, description all carry the marker; the phone is shared by every test, so is checked per case).
    expect(await itemsMentioning(marker)).toEqual([]);
    for (const n of cases) expect(JSON.stringify(await partition(n))).not.toContain('138 0013 8000');
    // The figures: no statistics update was made by the erasure.
    expect(figuresBefore[0]!.history.length).toBeGreaterThan(0);
    // Nor can it: the erasing function may write no statistics item (its IAM policy, proven against its calls).
    const eraser = topology.functions.find((f) => f.name === 'admin-erase-complainant')!;
    expect(eraser.access.table?.writeKeys?.some((prefix) => 'STATS#'.startsWith(prefix) || prefix.startsWith('STATS'))).toBe(false);
    expect([await figureSources(first.caseNumber), await figureSources(second.caseNumber)]).toEqual(figuresBefore);

    // Again, by one of the cases: the same answer, nothing changed.
    const items = [...(await partition(first.caseNumber)), ...(await partition(second.caseNumber))];
    const again = await erase('admin', { caseNumber: second.caseNumber, reason: 'data-subject-request' });
    expect(again.status).toBe(200);
    expect(again.json()).toEqual({ caseNumbers: cases });
    expect([...(await partition(first.caseNumber)), ...(await partition(second.caseNumber))]).toEqual(items);
  });

  it('sends the person no more mail: the reply, which would mail the result, goes out to nobody', async () => {
    const mailsBefore = (await mailsTo(email)).length;
    const { version } = (await get(second.assignee, `/staff/cases/${second.caseNumber}`)).json<{ version: number }>();
    const reply = await postJson(`/staff/cases/${second.caseNumber}/actions`, { action: 'reply', version, result: '已更正价格。', basis: '《服务协议》第五条', measures: '修复了价格显示错误' }, { from, headers: await as(second.assignee) });
    expect(reply.status, reply.text).toBe(200);
    await waitForIdle();
    expect((await mailsTo(email)).length).toBe(mailsBefore);
  });
});

describe('GET /admin/audit', () => {
  it('lists the exports, erasures and revealed contacts with the staff pool id, the case numbers and the reason, and no personal data', async () => {
    const to = new Date(Date.now() + 60_000).toISOString();
    const answer = await get('admin', `/admin/audit?from=${encodeURIComponent(auditFrom)}&to=${encodeURIComponent(to)}`);
    expect(answer.status, answer.text).toBe(200);
    const { items } = answer.json<{ items: { actor: string; action: string; caseNumbers: string[]; reason?: string; changed?: number }[] }>();
    const mine = items.filter((i) => i.caseNumbers.includes(first.caseNumber));
    const adminId = String(decodeJwt(tokens.get('admin')!).payload.sub);
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: adminId, action: 'export-case', caseNumbers: [first.caseNumber], reason: 'data-subject-request' }),
        expect.objectContaining({ actor: adminId, action: 'erase-complainant', caseNumbers: [first.caseNumber], reason: 'data-subject-request', changed: 1 }),
        expect.objectContaining({ actor: adminId, action: 'erase-complainant', changed: 0 }),
        expect.objectContaining({ actor: adminId, action: 'reveal-contact', caseNumbers: [first.caseNumber] }),
      ]),
    );
    // Nobody's email, name or phone: not the complainant's, not the admin's.
    const text = answer.text;
    for (const personal of [marker, '@', '138 0013 8000', '张三']) expect(text).not.toContain(personal);
  });

  it('is for admins only and refuses a bad span or unknown field with 400', async () => {
    const now = new Date().toISOString();
    expect((await get('wang.fang', `/admin/audit?from=${encodeURIComponent(auditFrom)}&to=${encodeURIComponent(now)}`)).status).toBe(403);
    for (const query of [`from=${encodeURIComponent(now)}&to=${encodeURIComponent(auditFrom)}`, `from=2020-01-01T00:00:00Z&to=${encodeURIComponent(now)}`, 'from=yesterday&to=today', `from=${encodeURIComponent(auditFrom)}`, `from=${encodeURIComponent(auditFrom)}&to=${encodeURIComponent(now)}&actor=x`]) {
      expect(problemOf(await get('admin', `/admin/audit?${query}`)), query).toEqual({ status: 400, type: 'application/problem+json' });
    }
  });
});

describe('the OpenAPI document', () => {
  it('lists the admin endpoints with the erasure body and the audit answer', async () => {
    const doc = (await request('GET', '/openapi.json', { from })).json<{ paths: Record<string, unknown>; components: { schemas: Record<string, { properties?: Record<string, unknown>; additionalProperties?: boolean }> } }>();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/admin/cases/{caseNumber}/export', '/admin/complainants/erase', '/admin/audit']));
    expect(doc.components.schemas.EraseRequest).toMatchObject({ additionalProperties: false, properties: { email: expect.any(Object), caseNumber: expect.any(Object), reason: expect.any(Object) } });
    expect(doc.components.schemas.AuditAnswer).toBeDefined();
  });
});
