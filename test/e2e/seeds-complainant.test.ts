/**
 * The complainant's side of the seeds (issue 21 items 2, 4-8), end to end over HTTP
 * against the local system: the good-faith statement, the published channels, a lost
 * token asked for with the email given, and what the decision mails say (the reply, an
 * extension's reason, a report found untrue). Mails are read from the SES emulator.
 */
import { describe, expect, it } from 'vitest';
import { staffAction } from '../support/case-steps';
import { complaintBody, uniqueMarker } from '../support/cases';
import { postJson, request } from '../support/http-client';
import { staffToken } from '../support/staff';
import { mailsTo, waitFor, type StoredMail } from '../support/system';
import { loadStageConfig } from '../../shared/config/load-stage-config';

const from = '127.0.0.72';
const desk = loadStageConfig('local').serviceDesk;
const director = 'director@example.org';

interface Created {
  readonly caseNumber: string;
  readonly accessToken: string;
}

async function submit(body: Record<string, unknown>): Promise<Created> {
  const answer = await postJson('/complaints', body, { from });
  expect(answer.status, answer.text).toBe(201);
  return answer.json<Created>();
}

async function staffCase(caseNumber: string): Promise<Record<string, unknown>> {
  const answer = await request('GET', `/staff/cases/${caseNumber}`, { from, headers: { authorization: `Bearer ${await staffToken(director)}` } });
  expect(answer.status, answer.text).toBe(200);
  return answer.json();
}

const assigned = (caseNumber: string) =>
  waitFor(async () => {
    const found = await staffCase(caseNumber);
    return typeof found.assignee === 'string' && found;
  }, 30_000, `${caseNumber} assigned`);

const mailAbout = (address: string, caseNumber: string, subject: string) =>
  waitFor(async () => (await mailsTo(address)).find((m) => m.subject.includes(caseNumber) && m.subject.includes(subject)), 20_000, `the mail "${subject}"`) as Promise<StoredMail>;

describe('the good-faith statement (如实反映, DSA Art. 16(2)(d))', () => {
  it('is optional in the API as goodFaith: true, kept with the case and shown to staff; false is refused naming the field; the form requires it', async () => {
    const marker = uniqueMarker();
    const created = await submit({ ...complaintBody(marker), goodFaith: true });
    expect((await staffCase(created.caseNumber)).goodFaith).toBe(true);
    const without = await submit(complaintBody(uniqueMarker()));
    expect((await staffCase(without.caseNumber)).goodFaith).toBe(false);

    const refused = await postJson('/complaints', { ...complaintBody(uniqueMarker()), goodFaith: false }, { from });
    expect(refused.status).toBe(400);
    expect(refused.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['goodFaith']);

    const form = new URLSearchParams({ kind: 'complaint', category: 'service-quality', 'subject.type': 'url', 'subject.value': 'https://shop.example.cn/', description: `表单提交未确认如实反映 ${marker}`, 'contact.email': `${marker}@example.com` });
    const formPost = await request('POST', '/complaints', { from, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form.toString() });
    expect(formPost.status).toBe(400);
    expect(formPost.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['goodFaith']);
  });
});

describe('the channels are published (seeds 001, 002: 在平台显著位置公示)', () => {
  it.each([
    ['/', 'zh-CN'],
    ['/status', 'zh-CN'],
    ['/?lang=en', 'en'],
    ['/status?lang=en', 'en'],
  ] as const)('%s shows the phone, email, postal address and hours of the stage config, and links the transparency summary', async (path, language) => {
    const page = await request('GET', path, { from, headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    for (const text of [desk.phone!, desk.email!, desk.postalAddress![language], desk.hours[language]]) expect(page.text).toContain(text);
    expect(page.text).toMatch(/href="\/transparency\/\d{4}-\d{2}\?lang=/);
  });
});

describe('a lost token asked for with the email given (POST /complaints/{n}/access)', () => {
  it('mails the link only when the email is the case\'s own, and answers the same either way', async () => {
    const marker = uniqueMarker();
    const created = await submit(complaintBody(marker));
    const wrong = await postJson(`/complaints/${created.caseNumber}/access`, { email: `someone-else-${marker}@example.com` }, { from });
    const right = await postJson(`/complaints/${created.caseNumber}/access`, { email: `${marker.toUpperCase()}@EXAMPLE.COM` }, { from });
    expect(wrong.status).toBe(202);
    expect(right.status).toBe(202);
    expect(wrong.text).toBe(right.text);
    const links = await waitFor(async () => {
      const found = (await mailsTo(`${marker}@example.com`)).filter((m) => (m.body.text ?? '').includes('#grant='));
      return found.length > 0 && found;
    }, 20_000, 'the access-link mail');
    expect(links).toHaveLength(1);
    expect(await mailsTo(`someone-else-${marker}@example.com`)).toEqual([]);
    const bad = await postJson(`/complaints/${created.caseNumber}/access`, { email: 'not-an-address' }, { from });
    expect(bad.status).toBe(400);
  });
});

describe('what the decision mails say', () => {
  it('an extension tells its reason; the reply says 问题解决状态, measures, the service desk and 救济途径 once with the routes of the category', async () => {
    const marker = uniqueMarker();
    const created = await submit(complaintBody(marker));
    const { assignee, deadlines } = (await assigned(created.caseNumber)) as { assignee: string; deadlines: { name: string; dueAt: string; state: string }[] };
    const open = deadlines.find((d) => d.name === 'resolution')!;
    await staffAction(created.caseNumber, assignee, { action: 'request-extension', deadline: 'resolution', until: new Date(Date.parse(open.dueAt) + 3 * 86_400_000).toISOString(), reason: `需要向支付机构调取交易记录 ${marker}` });
    await staffAction(created.caseNumber, director, { action: 'decide-extension', approve: true });
    const extension = await mailAbout(`${marker}@example.com`, created.caseNumber, '处理延期');
    expect(extension.body.text).toContain(`延期原因：需要向支付机构调取交易记录 ${marker}`);

    await staffAction(created.caseNumber, assignee, { action: 'reply', result: '已退还差价', basis: '《用户服务协议》第五条', measures: '已更正商品价格', remedies: '已补发 20 元优惠券' });
    const reply = (await mailAbout(`${marker}@example.com`, created.caseNumber, '处理结果')).body.text ?? '';
    for (const text of ['问题解决状态', '采取的措施：已更正商品价格', desk.phone!, desk.email!, '12315']) expect(reply).toContain(text);
    expect(reply.match(/救济途径/g)).toHaveLength(1);
    expect(reply).not.toContain('补救措施');
    expect(reply).not.toContain(assignee);
  });

  it('a report marked malicious tells its reporter it was found untrue, with the route to object (seed 002)', async () => {
    const marker = uniqueMarker();
    const created = await submit(complaintBody(marker, { kind: 'report', category: 'harassment', subject: { type: 'account', value: `acct-${marker}` }, description: `该账号持续发送辱骂私信 ${marker}` }));
    await assigned(created.caseNumber);
    await staffAction(created.caseNumber, director, { action: 'mark-malicious', reason: '经核查，所举报的私信并不存在' });
    const notice = (await mailAbout(`${marker}@example.com`, created.caseNumber, '不属实')).body.text ?? '';
    expect(notice).toContain('申诉');
    expect(notice).toContain(desk.phone!);
    expect(notice).not.toContain('经核查，所举报的私信并不存在'); // the staff note stays inside
  });
});
