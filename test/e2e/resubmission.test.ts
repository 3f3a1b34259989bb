/**
 * A resubmission after a lost HTTP answer (issue 12), end to end over HTTP: the same post
 * sent again with its `Idempotency-Key` (a header for the API, the form's hidden field)
 * answers with the same case and a token that opens it; the token of the lost answer
 * keeps working, until a lost-token link replaces them all. One case, one receipt.
 */
import { describe, expect, it } from 'vitest';
import { complaintBody, itemsMentioning, uniqueMarker } from '../support/cases';
import { postJson, request } from '../support/http-client';
import { mailsTo, waitFor, waitForIdle } from '../support/system';

const from = '127.0.0.82';

interface Created {
  readonly caseNumber: string;
  readonly accessToken: string;
}

const statusWith = async (caseNumber: string, token: string) =>
  (await request('GET', `/complaints/${caseNumber}`, { from, headers: { authorization: `Bearer ${token}` } })).status;
const casesOf = async (marker: string) => new Set((await itemsMentioning(marker)).filter((i) => String(i.pk).startsWith('CASE#')).map((i) => i.pk));

describe('the same post sent again after a lost answer', () => {
  it('JSON with an Idempotency-Key: the same case, a new token; both tokens open it; one case, one receipt', async () => {
    const marker = uniqueMarker();
    const key = `key-${marker}`;
    const body = complaintBody(marker);
    const lost = await postJson('/complaints', body, { from, headers: { 'idempotency-key': key } });
    expect(lost.status, lost.text).toBe(201);
    const first = lost.json<Created>();
    // The answer never arrived; the client sends the same post again (its fields in another order).
    const again = await postJson('/complaints', Object.fromEntries(Object.entries(body).reverse()), { from, headers: { 'idempotency-key': key } });
    expect(again.status, again.text).toBe(201);
    const second = again.json<Created>();
    expect(second.caseNumber).toBe(first.caseNumber);
    expect(again.headers.location).toBe(`/complaints/${first.caseNumber}`);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(await statusWith(first.caseNumber, second.accessToken)).toBe(200);
    expect(await statusWith(first.caseNumber, first.accessToken)).toBe(200);
    expect(await statusWith(first.caseNumber, `${second.accessToken}x`)).toBe(404);

    await waitFor(async () => ((await mailsTo(`${marker}@example.com`)).length > 0 ? true : undefined), 20_000, 'the receipt');
    await waitForIdle(20_000);
    expect((await mailsTo(`${marker}@example.com`)).filter((m) => m.subject.includes('受理回执'))).toHaveLength(1);
    expect([...(await casesOf(marker))]).toEqual([`CASE#${first.caseNumber}`]);

    // A lost-token link then replaces every token the case had, the resubmission's too.
    expect((await postJson(`/complaints/${first.caseNumber}/access`, {}, { from })).status).toBe(202);
    const mail = await waitFor(async () => (await mailsTo(`${marker}@example.com`)).find((m) => m.subject.includes('查询凭证')), 20_000, 'the link mail');
    const grant = /#grant=([A-Za-z0-9_-]+)/.exec(mail.body.text ?? '')![1]!;
    const redeemed = await postJson(`/complaints/${first.caseNumber}/access`, { grant }, { from });
    expect(redeemed.status, redeemed.text).toBe(200);
    expect(await statusWith(first.caseNumber, redeemed.json<{ accessToken: string }>().accessToken)).toBe(200);
    expect(await statusWith(first.caseNumber, first.accessToken)).toBe(404);
    expect(await statusWith(first.caseNumber, second.accessToken)).toBe(404);
  });

  it('the form: its hidden key posted twice names one case; the token of each answer opens it', async () => {
    const page = await request('GET', '/', { from });
    const key = /name="idempotency-key" value="([^"]+)"/.exec(page.text)?.[1];
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(/name="idempotency-key" value="([^"]+)"/.exec((await request('GET', '/', { from })).text)?.[1]).not.toBe(key);
    const marker = uniqueMarker();
    const fields = new URLSearchParams({
      'idempotency-key': key!,
      kind: 'complaint',
      category: 'service-quality',
      'subject.type': 'url',
      'subject.value': 'https://shop.example.cn/orders',
      description: `订单页面显示的价格与结算价格不一致 ${marker}`,
      'contact.email': `${marker}@example.com`,
      goodFaith: 'true',
    }).toString();
    const post = () => request('POST', '/complaints', { from, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: fields });
    const [a, b] = [(await post()).json<Created>(), (await post()).json<Created>()];
    expect(b.caseNumber).toBe(a.caseNumber);
    expect([await statusWith(a.caseNumber, a.accessToken), await statusWith(a.caseNumber, b.accessToken)]).toEqual([200, 200]);
    expect((await casesOf(marker)).size).toBe(1);
  });

  it('the same key with another submission is 409 and stores nothing; a malformed key is 400', async () => {
    const marker = uniqueMarker();
    const key = `key-${marker}`;
    expect((await postJson('/complaints', complaintBody(marker), { from, headers: { 'idempotency-key': key } })).status).toBe(201);
    const other = uniqueMarker();
    const reused = await postJson('/complaints', complaintBody(other), { from, headers: { 'idempotency-key': key } });
    expect(reused.status).toBe(409);
    expect(reused.headers['content-type']).toContain('application/problem+json');
    expect(reused.text).not.toContain(other);
    const malformed = await postJson('/complaints', complaintBody(other), { from, headers: { 'idempotency-key': 'two words' } });
    expect(malformed.status).toBe(400);
    expect(malformed.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['Idempotency-Key']);
    expect(await itemsMentioning(other)).toEqual([]);
  });

  it('without a key, nothing changes: two posts are two cases', async () => {
    const marker = uniqueMarker();
    const [a, b] = [(await postJson('/complaints', complaintBody(marker), { from })).json<Created>(), (await postJson('/complaints', complaintBody(marker), { from })).json<Created>()];
    expect(a.caseNumber).not.toBe(b.caseNumber);
  });

  it('answers with its case even when the sender has since reached the submission limit', async () => {
    const busy = '127.0.0.83';
    const marker = uniqueMarker();
    const key = `key-${marker}`;
    const lost = await postJson('/complaints', complaintBody(marker), { from: busy, headers: { 'idempotency-key': key } });
    expect(lost.status, lost.text).toBe(201);
    // New submissions from the same address until the limit refuses one (30 a minute locally).
    let refused = false;
    for (let i = 0; i < 70 && !refused; i++) {
      const other = await postJson('/complaints', complaintBody(`${marker}-${i}`), { from: busy });
      refused = other.status === 429;
    }
    expect(refused).toBe(true);
    const again = await postJson('/complaints', complaintBody(marker), { from: busy, headers: { 'idempotency-key': key } });
    expect(again.status, again.text).toBe(201);
    expect(again.json<Created>().caseNumber).toBe(lost.json<Created>().caseNumber);
  });
});
