/**
 * Hot and major cases get their report (issue 21 items 10 and 11; seed 004: 专题报告, 原由剖析,
 * 预防…重演, 快报, 重大的投诉案件进行公示), over real HTTP with real tokens and the SES
 * emulator: a case report written by staff, refused when its author approves it, approved by
 * another supervisor and then mailed to the management group once, with no personal data of
 * the complainant; a report or a public summary naming the complainant (or, for the summary, a
 * staff member) is a 400 naming the field; a flash notice (快报) on a change of priority of a
 * hot case, once. The listing in the monthly report and the transparency page:
 * test/e2e/management-report.test.ts (the month's report is built once).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { complaintBody, uniqueMarker } from '../support/cases';
import { postJson, request } from '../support/http-client';
import { staffToken } from '../support/staff';
import { mailsTo, waitFor, waitForIdle } from '../support/system';

const from = '127.0.3.43';
const group = 'complaint-group@example.org';
const auth = async (who: string) => ({ authorization: `Bearer ${await staffToken(`${who}@example.org`)}` });

interface StaffView {
  version: number;
  assignee: string | null;
  priority: string;
  history: { action: string; actor: string; note?: string }[];
}

const read = async (caseNumber: string) => {
  const answer = await request('GET', `/staff/cases/${caseNumber}`, { from, headers: await auth('director') });
  expect(answer.status, answer.text).toBe(200);
  return answer.json<StaffView>();
};
const act = async (caseNumber: string, who: string, body: Record<string, unknown>) =>
  postJson(`/staff/cases/${caseNumber}/actions`, { ...body, version: (await read(caseNumber)).version }, { from, headers: await auth(who) });
const ok = async (caseNumber: string, who: string, body: Record<string, unknown>) => {
  const answer = await act(caseNumber, who, body);
  expect(answer.status, `${who} ${String(body.action)}: ${answer.text}`).toBe(200);
};
const mailsAbout = async (caseNumber: string, tag: string) => (await mailsTo(group)).filter((m) => m.subject.includes(tag) && m.subject.includes(caseNumber));

const marker = uniqueMarker();
const contact = complaintBody(marker).contact;
const report = { causes: '促销价格配置错误，上线前未复核', measures: '已更正价格并向受影响用户退还差价', prevention: '价格变更上线前须经第二人复核' };
let hot = '';
let general = '';

async function submitted(): Promise<string> {
  // Each case its own description (no duplicate) and subject (no hot cluster with other files' cases), all with the same complainant.
  const subject = { type: 'url', value: `https://shop.example.cn/orders/${uniqueMarker()}` };
  const created = await postJson('/complaints', complaintBody(uniqueMarker(), { contact, subject }), { from });
  expect(created.status, created.text).toBe(201);
  const { caseNumber } = created.json<{ caseNumber: string }>();
  await waitFor(async () => (await read(caseNumber)).assignee, 60_000, `${caseNumber} assigned`);
  return caseNumber;
}

beforeAll(async () => {
  hot = await submitted();
  general = await submitted();
  await ok(hot, 'director', { action: 'classify', priority: 'hot', note: '可能被媒体曝光' });
  await waitForIdle(60_000);
}, 120_000);

describe('the case report (专题报告, item 10)', () => {
  it('only a hot or major case has one (409 on a general case)', async () => {
    const answer = await act(general, 'wang.fang', { action: 'write-report', ...report });
    expect(answer.status, answer.text).toBe(409);
  });

  it('a report holding the complainant’s name, address or phone is a 400 naming the field, and changes nothing', async () => {
    const before = await read(hot);
    for (const [field, text] of [
      ['causes', `投诉人${contact.name}的订单价格有误`],
      ['measures', `已联系 ${contact.email}`],
      ['prevention', '回访电话 138 0013 8000'],
    ] as const) {
      const answer = await act(hot, 'wang.fang', { action: 'write-report', ...report, [field]: text });
      expect(answer.status, answer.text).toBe(400);
      expect(answer.json<{ errors: { path: string; code: string }[] }>().errors).toEqual([expect.objectContaining({ path: field, code: 'personal-data' })]);
    }
    const after = await read(hot);
    expect([after.version, after.history.length]).toEqual([before.version, before.history.length]);
  });

  it('is written with the case (a history entry), and refused when its author approves it (separation of duties)', async () => {
    await ok(hot, 'wang.fang', { action: 'write-report', ...report });
    const written = (await read(hot)).history.filter((h) => h.action === 'write-report');
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ actor: 'wang.fang@example.org' });
    expect(written[0]!.note).toContain(report.prevention);

    const own = await act(hot, 'wang.fang', { action: 'approve-report', approve: true });
    expect(own.status, own.text).toBe(403);
    expect(own.text).toContain('report-approver-not-author');
    const { assignee } = await read(hot);
    const handler = await act(hot, assignee!.split('@')[0]!, { action: 'approve-report', approve: true });
    expect(handler.status).toBe(403);
    await waitForIdle(30_000);
    expect(await mailsAbout(hot, '【专题报告】')).toHaveLength(0);
  });

  it('approved by another supervisor, it is mailed to the management group once, without the complainant’s personal data', async () => {
    await ok(hot, 'director', { action: 'approve-report', approve: true, note: '同意' });
    const mails = await waitFor(async () => {
      const found = await mailsAbout(hot, '【专题报告】');
      return found.length > 0 ? found : undefined;
    }, 60_000, 'the case report mailed');
    await waitForIdle(30_000);
    expect(await mailsAbout(hot, '【专题报告】')).toHaveLength(1);
    const body = `${mails[0]!.subject}\n${mails[0]!.body.text ?? ''}\n${mails[0]!.body.html ?? ''}`;
    expect(body).toContain(report.causes);
    expect(body).toContain(report.prevention);
    for (const personal of [contact.name, contact.email, '138 0013 8000', marker]) expect(body).not.toContain(personal);
    // An approved report stands: a second one is refused.
    const again = await act(hot, 'wang.fang', { action: 'write-report', ...report });
    expect(again.status, again.text).toBe(409);
  });
});

describe('the flash notice (快报, item 10)', () => {
  it('a hot case raised to major tells the management group once, naming what changed and no personal data', async () => {
    await ok(hot, 'director', { action: 'classify', priority: 'major', note: '已被媒体报道' });
    const mails = await waitFor(async () => {
      const found = await mailsAbout(hot, '【快报】');
      return found.length > 0 ? found : undefined;
    }, 60_000, 'the flash notice');
    await waitForIdle(30_000);
    expect(await mailsAbout(hot, '【快报】')).toHaveLength(1);
    const text = mails[0]!.body.text ?? '';
    expect(text).toContain('优先级');
    for (const personal of [contact.name, contact.email, marker]) expect(text).not.toContain(personal);
  });

  it('a change that moves none of level, priority or assignee sends none', async () => {
    await ok(hot, 'director', { action: 'note', text: '继续跟进' });
    await waitForIdle(30_000);
    expect(await mailsAbout(hot, '【快报】')).toHaveLength(1);
  });
});

describe('the public summary of a major case (公示, item 11)', () => {
  it('is refused when it names the complainant or a staff member (400 naming the field)', async () => {
    const major = await submitted();
    await ok(major, 'director', { action: 'classify', priority: 'major' });
    for (const [summary, code] of [
      [`${contact.name}反映的价格问题已处理`, 'personal-data'],
      ['客服王芳已处理价格问题', 'staff-name'],
      ['由 li.na 跟进处理', 'staff-name'],
    ] as const) {
      const answer = await act(major, 'wang.fang', { action: 'write-report', ...report, publicSummary: summary });
      expect(answer.status, answer.text).toBe(400);
      expect(answer.json<{ errors: { path: string; code: string }[] }>().errors).toEqual([expect.objectContaining({ path: 'publicSummary', code })]);
    }
  });

  it('is for major cases only (409 on a general case)', async () => {
    const answer = await act(general, 'wang.fang', { action: 'write-report', ...report, publicSummary: '价格问题已处理' });
    expect(answer.status).toBe(409);
  });
});
