import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamo } from '../../shared/adapters/aws-clients';
import { keys } from '../../shared/adapters/keys';
import { complaintBody, itemsMentioning, uniqueMarker } from '../support/cases';
import { postJson, request } from '../support/http-client';
import { mailsTo, sesStore, systemUrls, waitFor, waitForIdle } from '../support/system';

const from = '127.0.0.11';

describe('a complaint from the public form to the complainant inbox (end to end over HTTP)', () => {
  it('answers 201 with a case number and a private token, mails one receipt, and shows the case on the status API', async () => {
    const marker = uniqueMarker();
    const created = await postJson('/complaints', complaintBody(marker), { from });
    expect(created.status).toBe(201);
    const body = created.json<{ caseNumber: string; accessToken: string; status: string; statusUrl: string }>();
    expect(body.caseNumber).toMatch(/^TS-\d{8}-\d{4,}$/);
    expect(created.headers.location).toBe(`/complaints/${body.caseNumber}`);
    expect(Buffer.from(body.accessToken, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(body.status).toBe('received');
    const link = new URL(body.statusUrl);
    expect(link.hash).toBe(`#token=${body.accessToken}`);
    expect(link.pathname + link.search).not.toContain(body.accessToken);

    const [receipt] = await waitFor(async () => {
      const mails = await mailsTo(`${marker}@example.com`);
      return mails.length > 0 && mails;
    }, 15_000, 'the acknowledgement receipt');
    expect(receipt!.subject).toContain(body.caseNumber);
    expect(receipt!.body.text).toContain('受理');
    expect(receipt!.body.text).not.toContain(body.accessToken);

    const status = await request('GET', `/complaints/${body.caseNumber}`, { from, headers: { authorization: `Bearer ${body.accessToken}` } });
    expect(status.status).toBe(200);
    const view = status.json<{ caseNumber: string; status: string; history: { status: string }[] }>();
    expect(view).toMatchObject({ caseNumber: body.caseNumber, kind: 'complaint' });
    expect(view.history[0]).toMatchObject({ status: 'received' });
    expect(status.text).not.toContain(marker); // no contact data, no description echo

    const stored = JSON.stringify(await itemsMentioning(body.caseNumber));
    expect(stored).not.toContain(body.accessToken); // only its hash is kept
  });

  it('answers the same 404 for an unknown case, a wrong token and a missing token', async () => {
    const created = await postJson('/complaints', complaintBody(uniqueMarker()), { from });
    const { caseNumber } = created.json<{ caseNumber: string }>();
    const wrongToken = await request('GET', `/complaints/${caseNumber}`, { from, headers: { authorization: 'Bearer not-the-token-at-all-000000' } });
    const noToken = await request('GET', `/complaints/${caseNumber}`, { from });
    const unknown = await request('GET', '/complaints/TS-20200101-9999', { from, headers: { authorization: 'Bearer not-the-token-at-all-000000' } });
    for (const answer of [wrongToken, noToken, unknown]) {
      expect(answer.status).toBe(404);
      expect(answer.headers['content-type']).toContain('application/problem+json');
    }
    expect(wrongToken.text).toBe(unknown.text);
    expect(noToken.text).toBe(unknown.text);
  });

  it('mails the receipt in English when the complainant chose English', async () => {
    const marker = uniqueMarker();
    const created = await postJson('/complaints', complaintBody(marker, { language: 'en' }), { from });
    expect(created.status).toBe(201);
    const [receipt] = await waitFor(async () => {
      const mails = await mailsTo(`${marker}@example.com`);
      return mails.length > 0 && mails;
    }, 15_000, 'the English receipt');
    expect(receipt!.subject).toMatch(/^Receipt/);
    expect(receipt!.body.text).toContain('What happens next');
  });

  it('takes an anonymous report: number and token on screen, no mail to anyone', async () => {
    const marker = uniqueMarker();
    const created = await postJson(
      '/complaints',
      { kind: 'report', category: 'illegal-content', subject: { type: 'url', value: `https://bad.example.cn/${marker}` }, description: `这个页面传播赌博信息 ${marker}` },
      { from },
    );
    expect(created.status).toBe(201);
    const { caseNumber } = created.json<{ caseNumber: string }>();
    expect(caseNumber).toMatch(/^JB-/);
    await waitForIdle(30_000);
    const mails = await sesStore();
    expect(mails.filter((mail) => mail.subject.includes(caseNumber) && mail.subject.includes('受理回执'))).toEqual([]);
    expect(mails.filter((mail) => JSON.stringify(mail).includes(marker))).toEqual([]);
  });

  it('records the channel: api for a JSON post, web for the form post (urlencoded)', async () => {
    const marker = uniqueMarker();
    const json = await postJson('/complaints', complaintBody(`${marker}j`), { from });
    const form = await request('POST', '/complaints', {
      from,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        kind: 'complaint',
        category: 'service-quality',
        'subject.type': 'url',
        'subject.value': 'https://shop.example.cn/orders',
        description: `订单页面显示的价格与结算价格不一致 ${marker}f`,
        'contact.email': `${marker}f@example.com`,
      }).toString(),
    });
    expect([json.status, form.status], form.text).toEqual([201, 201]);
    const channelOf = async (answer: typeof json) => {
      const { caseNumber } = answer.json<{ caseNumber: string }>();
      return (await dynamo().send(new GetCommand({ TableName: systemUrls().tableName, Key: keys.case(caseNumber), ConsistentRead: true }))).Item?.channel;
    };
    expect([await channelOf(json), await channelOf(form)]).toEqual(['api', 'web']);
  });

  it('serves the form and the status page as HTML, Chinese first with an English switch', async () => {
    const form = await request('GET', '/', { from });
    expect(form.status).toBe(200);
    expect(form.headers['content-type']).toContain('text/html');
    expect(form.text).toContain('lang="zh-CN"');
    expect(form.text).toContain('lang=en');
    const english = await request('GET', '/status?lang=en', { from });
    expect(english.text).toContain('lang="en"');
  });

  it('lists the categories and describes every endpoint in OpenAPI 3.1', async () => {
    const categories = (await request('GET', '/categories', { from })).json<{ id: string; kinds: string[] }[]>();
    expect(categories.map((c) => c.id)).toEqual(expect.arrayContaining(['functional-fault', 'illegal-content', 'other']));
    expect(categories.find((c) => c.id === 'illegal-content')!.kinds).toEqual(['report']);
    const openapi = (await request('GET', '/openapi.json', { from })).json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(openapi.openapi).toMatch(/^3\.1/);
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/complaints', '/complaints/{caseNumber}', '/categories', '/health', '/uploads', '/staff/cases', '/staff/cases/{caseNumber}/actions', '/complaints/{caseNumber}/supplements', '/complaints/{caseNumber}/feedback', '/complaints/{caseNumber}/appeals', '/complaints/{caseNumber}/access', '/transparency/{period}']));
  });
});
