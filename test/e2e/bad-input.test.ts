import { describe, expect, it } from 'vitest';
import { complaintBody, itemsMentioning, uniqueMarker } from '../support/cases';
import { postJson, request, type HttpAnswer } from '../support/http-client';
import { sesStore, waitForIdle } from '../support/system';

/** Every refused request answers problem+json, and leaves no trace of what it carried. */
async function expectRefusedWithoutTrace(answer: HttpAnswer, status: number, marker: string) {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toContain('application/problem+json');
  const problem = answer.json<{ type: string; title: string; status: number; detail: string }>();
  expect(problem).toMatchObject({ status, title: expect.any(String), type: expect.any(String) });
  expect(answer.text).not.toContain(marker); // no echo of personal data
  expect(answer.text).not.toMatch(/at .+\.ts:\d+|stack|Exception/); // no internals
  expect(await itemsMentioning(marker)).toEqual([]);
}

const from = '127.0.0.12';

describe('bad input is refused with problem+json and changes nothing (end to end over HTTP)', () => {
  const invalid: [string, (marker: string) => Record<string, unknown>, string][] = [
    ['an unknown field at the top', (m) => ({ ...complaintBody(m), priority: 'major' }), 'priority'],
    ['an unknown field inside contact', (m) => complaintBody(m, { contact: { email: `${m}@example.com`, wechat: m } }), 'contact'],
    ['a complaint without email or phone', (m) => complaintBody(m, { contact: { name: `李四${m}` } }), 'contact'],
    ['a category not valid for the kind', (m) => complaintBody(m, { category: 'illegal-content' }), 'category'],
    ['an unknown kind', (m) => complaintBody(m, { kind: 'praise' }), 'kind'],
    ['a description under 10 characters', (m) => complaintBody(m, { description: '太慢了', contact: { email: `${m}@example.com` } }), 'description'],
    ['a control character in the description', (m) => complaintBody(m, { description: `价格错误\u0007响铃 ${m}` }), 'description'],
    ['a NUL in the subject', (m) => complaintBody(m, { subject: { type: 'url', value: `https://x.cn/\u0000${m}` } }), 'subject.value'],
    ['an invalid email address', (m) => complaintBody(m, { contact: { email: `${m}@@example` } }), 'contact.email'],
    ['a phone number with letters', (m) => complaintBody(m, { contact: { phone: `138-${m}` } }), 'contact.phone'],
    ['eleven evidence links', (m) => complaintBody(m, { evidence: Array.from({ length: 11 }, (_, i) => ({ url: `https://x.cn/${m}/${i}` })) }), 'evidence'],
    ['an evidence link that is not http(s)', (m) => complaintBody(m, { evidence: [{ url: `javascript:alert('${m}')` }] }), 'evidence.0.url'],
    ['an unknown language', (m) => complaintBody(m, { language: 'fr' }), 'language'],
  ];

  it.each(invalid)('400 for %s, naming the field', async (_, build, path) => {
    const marker = uniqueMarker();
    const answer = await postJson('/complaints', build(marker), { from });
    await expectRefusedWithoutTrace(answer, 400, marker);
    const paths = answer.json<{ errors: { path: string; message: string }[] }>().errors.map((error) => error.path);
    expect(paths.some((p) => p === path || p.startsWith(`${path}.`) || path.startsWith(p))).toBe(true);
  });

  it('400 for a body that is not JSON', async () => {
    const marker = uniqueMarker();
    const answer = await request('POST', '/complaints', { from, headers: { 'content-type': 'application/json' }, body: `{"kind":"complaint","description":"${marker}"` });
    await expectRefusedWithoutTrace(answer, 400, marker);
  });

  it('400 for a body that is not UTF-8', async () => {
    const marker = uniqueMarker();
    const body = Buffer.concat([Buffer.from(`{"kind":"complaint","description":"${marker} `), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const answer = await request('POST', '/complaints', { from, headers: { 'content-type': 'application/json' }, body });
    await expectRefusedWithoutTrace(answer, 400, marker);
  });

  it('413 for a body over 64 KiB', async () => {
    const marker = uniqueMarker();
    const answer = await postJson('/complaints', complaintBody(marker, { request: 'x'.repeat(70 * 1024) }), { from });
    await expectRefusedWithoutTrace(answer, 413, marker);
  });

  it('415 for a content type other than JSON or a form', async () => {
    const marker = uniqueMarker();
    const answer = await request('POST', '/complaints', { from, headers: { 'content-type': 'text/plain' }, body: JSON.stringify(complaintBody(marker)) });
    await expectRefusedWithoutTrace(answer, 415, marker);
  });

  it('405 with Allow for a known path and the wrong method; 404 for an unknown path', async () => {
    const marker = uniqueMarker();
    const wrongMethod = await request('PUT', '/complaints', { from, headers: { 'content-type': 'application/json' }, body: JSON.stringify(complaintBody(marker)) });
    await expectRefusedWithoutTrace(wrongMethod, 405, marker);
    expect(wrongMethod.headers.allow).toBe('POST');
    const unknown = await request('GET', `/complaints-archive/${marker}`, { from });
    await expectRefusedWithoutTrace(unknown, 404, marker);
  });

  it('mails nothing for any of it', async () => {
    // The markers above differ per test; every refused one must be absent from the outbox.
    await waitForIdle(30_000);
    const mails = JSON.stringify(await sesStore());
    expect(mails).not.toContain('@@example');
    expect(mails).not.toContain('wechat');
  });
});

describe('rate limits (end to end over HTTP, from a client address of its own)', () => {
  it('answers 429 with Retry-After after 30 accepted submissions a minute, and stores nothing more', async () => {
    const client = '127.0.0.13';
    // The window is a clock minute: start early in one, so all 31 fall in the same minute.
    const secondsIntoMinute = new Date().getSeconds();
    if (secondsIntoMinute > 40) await new Promise((resolve) => setTimeout(resolve, (61 - secondsIntoMinute) * 1000));
    const answers: HttpAnswer[] = [];
    for (let i = 0; i < 30; i += 1) answers.push(await postJson('/complaints', complaintBody(uniqueMarker()), { from: client }));
    expect(answers.map((answer) => answer.status)).toEqual(Array(30).fill(201));
    const marker = uniqueMarker();
    const last = await postJson('/complaints', complaintBody(marker), { from: client });
    await expectRefusedWithoutTrace(last, 429, marker);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
  });
});
