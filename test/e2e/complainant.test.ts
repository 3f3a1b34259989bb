/**
 * The complainant's side end to end over HTTP against the local system (issue 12): 补正
 * with an uploaded PDF, 回访 with a reopen and a second reply, 复核 closed by a reviewer
 * above the handler, a lost token. Mails are read from the SES emulator's outbox.
 */
import { describe, expect, it } from 'vitest';
import { loadMaterial } from '../../shared/adapters/complainant-material';
import { readUpload } from '../../shared/adapters/upload-store';
import type { UploadCreated } from '../../shared/schemas/upload-request';
import { escalateAt, staffAction } from '../support/case-steps';
import { complaintBody, itemsMentioning, uniqueMarker } from '../support/cases';
import { postJson, request } from '../support/http-client';
import { mailsTo, sesStore, systemUrls, waitFor, type StoredMail } from '../support/system';
import { pdf, postFile } from '../support/uploads';

const from = '127.0.0.71';
const HOUR = 3_600_000;

interface Created {
  readonly caseNumber: string;
  readonly accessToken: string;
}
interface View {
  readonly status: string;
  readonly actions: { supplement: boolean; feedback: boolean; appeal: boolean; appealDeadline?: string };
  readonly history: { status: string; note?: string }[];
  readonly result?: string;
}

/** A staff reply's fields (api.md "Staff endpoints in detail"). */
const replyOf = (result: string) => ({ result, basis: '《用户服务协议》第五条', measures: '已通知相关部门核实处理' });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const view = async (c: Created) => (await request('GET', `/complaints/${c.caseNumber}`, { from, headers: bearer(c.accessToken) })).json<View>();
const act = (c: Created, path: string, body: unknown, token = c.accessToken) => postJson(`/complaints/${c.caseNumber}/${path}`, body, { from, headers: bearer(token) });
const waitForStatus = (c: Created, status: string) => waitFor(async () => ((await view(c)).status === status ? true : undefined), 30_000, `status ${status}`);
const subjects = (mails: readonly StoredMail[]) => mails.map((m) => m.subject);

async function submit(marker: string, overrides: Record<string, unknown> = {}): Promise<Created> {
  const answer = await postJson('/complaints', complaintBody(marker, overrides), { from });
  expect(answer.status, answer.text).toBe(201);
  return answer.json<Created>();
}

async function uploadPdf(marker: string): Promise<string> {
  const answer = await postJson('/uploads', { fileName: `${marker}.pdf`, contentType: 'application/pdf', size: pdf.length }, { from });
  expect(answer.status, answer.text).toBe(201);
  const created = answer.json<UploadCreated>();
  expect(await postFile(created, pdf, 'application/pdf')).toBe(204);
  return created.uploadId;
}

describe('补正: a report without evidence', () => {
  it('is assigned at once (level 3 never waits) and asked for the material in parallel (on-call alerted at once); the reporter sends it with a PDF, once', async () => {
    const marker = uniqueMarker();
    const report = await submit(marker, { kind: 'report', category: 'fraud', subject: { type: 'url', value: `https://fake-${marker}.example.cn/` }, evidence: undefined });
    await waitForStatus(report, 'assigned');
    const address = `${marker}@example.com`;
    await waitFor(async () => (await mailsTo(address)).some((m) => m.subject.includes('补正')), 20_000, 'the supplement request');
    const onCall = await waitFor(async () => {
      const found = (await sesStore()).filter((m) => m.subject.includes(report.caseNumber) && m.subject.includes('紧急值班'));
      return found.length > 0 && found;
    }, 20_000, 'the on-call alert');
    expect(onCall).toHaveLength(1);
    expect((await view(report)).actions.supplement).toBe(true);

    // Bad input changes nothing: unknown field, too short, a wrong token.
    const bad = await act(report, 'supplements', { text: '', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path).sort()).toEqual(['extra', 'text']);
    const stranger = await act(report, 'supplements', { text: `材料 ${marker}` }, 'not-the-token');
    expect(stranger.status).toBe(404);
    expect(stranger.text).not.toContain(marker);
    expect((await view(report)).status).toBe('assigned');

    const uploadId = await uploadPdf(marker);
    const sent = await act(report, 'supplements', { text: `补充截图和付款记录 ${marker}`, evidence: [{ uploadId }] });
    expect(sent.status, sent.text).toBe(200);
    expect(sent.json()).toEqual({ caseNumber: report.caseNumber, status: 'assigned' });
    const now = await view(report);
    expect(now.actions.supplement).toBe(false);
    expect(now.history.at(-1)).toMatchObject({ status: 'assigned', note: '已收到您补充的材料，继续处理。' });
    const again = await act(report, 'supplements', { text: `再补充一次 ${marker}` });
    expect(again.status).toBe(409);
    expect(again.text).not.toContain(marker);

    await waitForStatus(report, 'assigned');
    const [material] = await loadMaterial(systemUrls().tableName, report.caseNumber);
    expect(material).toMatchObject({ kind: 'supplement', text: `补充截图和付款记录 ${marker}`, evidence: [{ uploadId }] });
    expect(await readUpload(systemUrls().tableName, uploadId)).toMatchObject({ state: 'referenced', caseNumber: report.caseNumber });
    // The second supplement stored nothing.
    expect((await itemsMentioning(`再补充一次 ${marker}`))).toEqual([]);
    expect((await mailsTo(address)).filter((m) => m.subject.includes('补正'))).toHaveLength(1);
  });
});

describe('回访 and 复核: from the reply to the final review', () => {
  it('survey mail a day after the reply; not resolved reopens; the second reply is appealed; a reviewer above the handler closes it with the final mail; each mail once', async () => {
    const marker = uniqueMarker();
    const address = `${marker}@example.com`;
    const complaint = await submit(marker, { subject: { type: 'account', value: `acct-${marker}` } });
    await waitForStatus(complaint, 'assigned');
    const caseItem = (await itemsMentioning(complaint.caseNumber)).find((i) => i.sk === 'CASE')!;
    const handler = String(caseItem.assignee);

    const repliedAt = new Date();
    expect(await staffAction(complaint.caseNumber, handler, { action: 'reply', ...replyOf('已核实并更正价格') })).toBe('replied');
    expect((await view(complaint)).actions).toMatchObject({ feedback: true, appeal: true });
    // The follow-up clock: nothing before a day has passed, the survey once after it.
    await escalateAt(complaint.caseNumber, new Date(repliedAt.getTime() + 23 * HOUR));
    await escalateAt(complaint.caseNumber, new Date(repliedAt.getTime() + 25 * HOUR));
    await escalateAt(complaint.caseNumber, new Date(repliedAt.getTime() + 26 * HOUR));
    const survey = await waitFor(async () => {
      const found = (await mailsTo(address)).filter((m) => m.subject.includes('回访'));
      return found.length > 0 && found;
    }, 20_000, 'the survey mail');
    expect(survey[0]!.body.text).toContain(`/status?case=${complaint.caseNumber}`);
    expect(survey[0]!.body.text).not.toContain(complaint.accessToken);

    const badScore = await act(complaint, 'feedback', { resolved: false, score: 6 });
    expect(badScore.status).toBe(400);
    const unresolved = await act(complaint, 'feedback', { resolved: false, score: 2, comment: `还是不对 ${marker}` });
    expect(unresolved.json()).toEqual({ caseNumber: complaint.caseNumber, status: 'reopened' });
    expect((await act(complaint, 'feedback', { resolved: true, score: 5 })).status).toBe(409);
    const reopenedMail = await waitFor(async () => (await mailsTo(handler)).find((m) => m.subject.includes(complaint.caseNumber) && m.subject.includes('重新处理')), 20_000, 'the reopen mail');
    expect(`${reopenedMail.body.text}`).not.toContain(marker);

    const secondReplyAt = new Date();
    expect(await staffAction(complaint.caseNumber, handler, { action: 'reply', ...replyOf('已退还差价') })).toBe('replied');
    await escalateAt(complaint.caseNumber, new Date(secondReplyAt.getTime() + 25 * HOUR));
    await waitFor(async () => ((await mailsTo(address)).filter((m) => m.subject.includes('回访')).length === 2 ? true : undefined), 20_000, 'the second survey');

    const tooShort = await act(complaint, 'appeals', { reasons: '不服' });
    expect(tooShort.status).toBe(400);
    const appealed = await act(complaint, 'appeals', { reasons: `处理结果没有解决问题，要求复核 ${marker}` });
    expect(appealed.json()).toEqual({ caseNumber: complaint.caseNumber, status: 'appealed' });
    expect((await act(complaint, 'appeals', { reasons: `再次申请复核 ${marker}` })).status).toBe(409);
    const appealedItem = (await itemsMentioning(complaint.caseNumber)).find((i) => i.sk === 'CASE')!;
    const reviewer = String(appealedItem.reviewer);
    expect(reviewer).not.toBe(handler);
    const assignment = await waitFor(async () => (await mailsTo(reviewer)).find((m) => m.subject.includes(complaint.caseNumber) && m.subject.includes('复核')), 20_000, 'the reviewer mail');
    expect(assignment.body.text).not.toContain(marker);

    expect(await staffAction(complaint.caseNumber, reviewer, { action: 'review', result: '复核维持原处理', basis: '《用户服务协议》第八条' })).toBe('closed');
    const final = await waitFor(async () => (await mailsTo(address)).find((m) => m.subject.includes('复核结果')), 20_000, 'the review result mail');
    expect(final.body.text).toContain('最终处理意见');
    expect(final.body.text).toContain('https://www.12300.cn');
    expect(final.body.text).toMatch(/12377|12321/);
    expect(final.body.html).toContain('12300');
    const closed = await view(complaint);
    expect(closed).toMatchObject({ status: 'closed', result: '复核维持原处理', actions: { supplement: false, feedback: false, appeal: false } });

    // Each mail to the complainant once: the receipt, one survey per reply, the review result.
    const mine = subjects(await mailsTo(address));
    expect(mine.filter((s) => s.includes('受理'))).toHaveLength(1);
    expect(mine.filter((s) => s.includes('回访'))).toHaveLength(2);
    expect(mine.filter((s) => s.includes('复核结果'))).toHaveLength(1);
    expect((await mailsTo(reviewer)).filter((m) => m.subject.includes(complaint.caseNumber))).toHaveLength(1);
  });
});

describe('a lost access token', () => {
  it('always 202 with one body; the owner gets a one-time link; the new token replaces the old; rate limited per client', async () => {
    const marker = uniqueMarker();
    const complaint = await submit(marker);
    const ask = (caseNumber: string, client = '127.0.0.72') => postJson(`/complaints/${caseNumber}/access`, {}, { from: client });
    const known = await ask(complaint.caseNumber);
    const unknown = await ask('TS-20200101-9999');
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.text).toBe(unknown.text);
    const mail = await waitFor(async () => (await mailsTo(`${marker}@example.com`)).find((m) => m.subject.includes('查询凭证')), 20_000, 'the link mail');
    expect(mail.body.text).not.toContain('张三'); // nothing of the case but its number
    const grant = /#grant=([A-Za-z0-9_-]+)/.exec(mail.body.text ?? '')![1]!;

    const redeemed = await postJson(`/complaints/${complaint.caseNumber}/access`, { grant }, { from });
    expect(redeemed.status, redeemed.text).toBe(200);
    const { accessToken } = redeemed.json<{ accessToken: string }>();
    expect((await request('GET', `/complaints/${complaint.caseNumber}`, { from, headers: bearer(accessToken) })).status).toBe(200);
    expect((await request('GET', `/complaints/${complaint.caseNumber}`, { from, headers: bearer(complaint.accessToken) })).status).toBe(404);
    expect((await postJson(`/complaints/${complaint.caseNumber}/access`, { grant }, { from })).status).toBe(404); // once
    expect(JSON.stringify(await itemsMentioning(grant))).toBe('[]'); // only its hash was stored

    // Per client: ten an hour (local stage), then 429 with Retry-After; never per case, so another client still asks.
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await ask(`TS-20200101-${String(1000 + i)}`, '127.0.0.73')).status);
    expect(statuses).toEqual([...Array(10).fill(202), 429]);
    expect((await ask(complaint.caseNumber, '127.0.0.73')).headers['retry-after']).toMatch(/^\d+$/);
    expect((await ask(complaint.caseNumber, '127.0.0.74')).status).toBe(202);
  });
});
