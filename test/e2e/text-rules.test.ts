/**
 * Issue 19 item 8: text that hides what it says (api.md "text rules"). Over HTTP against
 * the local system: every refusal is a 400 problem+json naming the field and stores nothing;
 * accepted text is stored in NFC.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamo } from '../../shared/adapters/aws-clients';
import { keys } from '../../shared/adapters/keys';
import { complaintBody, itemsMentioning, uniqueMarker } from '../support/cases';
import { postJson, request } from '../support/http-client';
import { staffToken } from '../support/staff';
import { systemUrls } from '../support/system';

const from = '127.0.19.81';
const zeroWidth = '\u200B';
const rightToLeftOverride = '\u202E';

async function expectRefused(path: string, body: unknown, field: string, marker: string, headers: Record<string, string> = {}) {
  const answer = await postJson(path, body, { from, headers });
  expect(answer.status, answer.text).toBe(400);
  expect(answer.headers['content-type']).toContain('application/problem+json');
  const paths = answer.json<{ errors: { path: string }[] }>().errors.map((error) => error.path);
  expect(paths).toContain(field);
  expect(await itemsMentioning(marker)).toEqual([]);
}

describe('issue 19 item 8: text rules of every public and staff body', () => {
  const complaints: [string, (m: string) => Record<string, unknown>, string][] = [
    ['ten zero-width spaces as the description', (m) => complaintBody(m, { description: zeroWidth.repeat(10), request: m }), 'description'],
    ['nine visible characters padded with zero-width joiners and spaces', (m) => complaintBody(m, { description: `价格错误${'\u200D'.repeat(6)}     太慢了啊啊`, request: m }), 'description'],
    ['a right-to-left override in the subject', (m) => complaintBody(m, { subject: { type: 'url', value: `https://shop.example.cn/${rightToLeftOverride}gpj.exe/${m}` } }), 'subject.value'],
    ['a left-to-right isolate in the description', (m) => complaintBody(m, { description: `订单页面显示的价格\u2066与结算价格不一致 ${m}` }), 'description'],
    ['a phone of 50,000 spaces around five digits', (m) => complaintBody(m, { contact: { email: `${m}@example.com`, phone: `13800${' '.repeat(50_000)}` } }), 'contact.phone'],
    ['a phone over 30 characters', (m) => complaintBody(m, { contact: { email: `${m}@example.com`, phone: '+86 138 0013 8000 0000 0000 000 0' } }), 'contact.phone'],
    ['a name of spaces only', (m) => complaintBody(m, { contact: { email: `${m}@example.com`, name: '     ' } }), 'contact.name'],
    ['a name of zero-width spaces only', (m) => complaintBody(m, { contact: { email: `${m}@example.com`, name: zeroWidth.repeat(3) } }), 'contact.name'],
  ];

  it.each(complaints)('POST /complaints: 400 for %s, naming the field, nothing stored', async (_, build, field) => {
    const marker = uniqueMarker();
    await expectRefused('/complaints', build(marker), field, marker);
  });

  it('POST /uploads: 400 for a file name with a right-to-left override', async () => {
    const marker = uniqueMarker();
    await expectRefused('/uploads', { fileName: `${marker}${rightToLeftOverride}fdp.exe`, contentType: 'application/pdf', size: 100 }, 'fileName', marker);
  });

  it('an appeal of zero-width spaces and a staff note with an isolate are refused', async () => {
    const created = await postJson('/complaints', complaintBody(uniqueMarker()), { from });
    expect(created.status, created.text).toBe(201);
    const { caseNumber, accessToken } = created.json<{ caseNumber: string; accessToken: string }>();
    const marker = uniqueMarker();
    await expectRefused(`/complaints/${caseNumber}/appeals`, { reasons: zeroWidth.repeat(12) }, 'reasons', marker, { authorization: `Bearer ${accessToken}` });
    const token = await staffToken('admin@example.org');
    const headers = { authorization: `Bearer ${token}` };
    const { version } = (await request('GET', `/staff/cases/${caseNumber}`, { from, headers })).json<{ version: number }>();
    await expectRefused(`/staff/cases/${caseNumber}/actions`, { action: 'note', version, text: `客户\u2067${marker}` }, 'text', marker, headers);
  });

  it('text is stored in NFC: a decomposed é is kept composed', async () => {
    const marker = uniqueMarker();
    const decomposed = `Cafe\u0301 au lait ${marker}: the price shown differs from the price charged`;
    const answer = await postJson('/complaints', complaintBody(marker, { description: decomposed, language: 'en' }), { from });
    expect(answer.status, answer.text).toBe(201);
    const { caseNumber } = answer.json<{ caseNumber: string }>();
    const submission = (await dynamo().send(new GetCommand({ TableName: systemUrls().tableName, Key: keys.submission(caseNumber) }))).Item!;
    expect(submission.description).toBe(decomposed.normalize('NFC'));
    expect(submission.description).toContain('Café');
  });
});
