/**
 * Issue 12's "done when" through the public pages, in Chromium on a phone: a report
 * without evidence (on-call alerted, 补正 asked for); the reporter uploads a PDF and sends
 * the material on the status page; classified and assigned; the staff reply (the staff
 * API over HTTP, approved: a level-3 report); the survey mail; "not resolved" on the status
 * page reopens it; a second reply; the appeal on the status page; a reviewer who is not
 * the handler closes it with the final mail; every mail in the outbox, each once.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalateAt, staffAction } from '../support/case-steps';
import { itemsMentioning } from '../support/cases';
import { mailsTo, waitFor } from '../support/system';
import { pdf } from '../support/uploads';
import { expectPhoneWidth, screenshot, type StaffBrowser, staffBrowser, uniqueEmail, zh } from './staff-browser';

const HOUR = 3_600_000;
let browsers: StaffBrowser;
beforeAll(async () => {
  browsers = await staffBrowser();
});
afterAll(async () => {
  await browsers?.close();
});

/** Looks the case up again (the status page's own button) until `ready` holds. */
async function lookUpUntil(page: Page, ready: () => Promise<boolean>, what: string): Promise<void> {
  await waitFor(async () => {
    await page.locator('#send').tap();
    await page.locator('#status-result').waitFor({ state: 'visible' });
    return (await ready()) ? true : undefined;
  }, 30_000, what);
}
const shows = (page: Page, status: string) => async () => (await page.locator('#status-result .state').textContent()) === zh[`state.${status}` as keyof typeof zh];
const stateItem = async (caseNumber: string) => (await itemsMentioning(caseNumber)).find((i) => i.sk === 'CASE')!;
const replyOf = (result: string) => ({ action: 'reply', result, basis: '《用户服务协议》第五条', measures: '已封禁冒充客服的账号' });

/** A level-3 reply goes out once a supervisor who did not write it approves it. */
async function replyApproved(caseNumber: string, handler: string, result: string): Promise<void> {
  expect(await staffAction(caseNumber, handler, replyOf(result))).not.toBe('replied');
  const approver = handler === 'wu.hao@example.org' ? 'director@example.org' : 'wu.hao@example.org';
  expect(await staffAction(caseNumber, approver, { action: 'approve-reply', approve: true })).toBe('replied');
}

describe('the complainant side through the pages (Chromium, phone width)', () => {
  it('补正 with a PDF, 回访 not resolved, second reply, 复核 closed by a reviewer: every mail once', async () => {
    const email = uniqueEmail();
    const { page, problems } = await browsers.open('/');
    // Radios sit in cards whose label covers them: tapped as a thumb does.
    await page.locator('.choice').filter({ has: page.getByLabel(zh['kind.report'], { exact: true }) }).tap();
    await page.getByLabel(zh['category.label'], { exact: true }).selectOption('fraud');
    await page.getByLabel(zh['subject.value.label'], { exact: true }).fill(`https://fake-${email.slice(0, 8)}.example.cn/`);
    await page.getByLabel(zh['description.label'], { exact: true }).fill('有人冒充客服发送钓鱼链接，骗取验证码。');
    await page.getByLabel(zh['contact.email.label'], { exact: true }).fill(email);
    await page.locator('.choice').filter({ has: page.getByLabel(zh['goodFaith.label'], { exact: true }) }).tap();
    await page.locator('#send').tap();
    await page.locator('#case-number').waitFor();
    const caseNumber = (await page.locator('#case-number').textContent())!.trim();

    // The status link carries the token in the fragment; the page looks the case up.
    await page.locator('#status-link').tap();
    await page.waitForURL(/\/status/);
    await lookUpUntil(page, async () => (await page.locator('#form-supplement').count()) > 0, 'the supplement form');
    await waitFor(async () => ((await mailsTo(email)).some((m) => m.subject.includes('补正')) ? true : undefined), 20_000, 'the supplement request');
    await expectPhoneWidth(page);
    await screenshot(page, 'complainant-needs-supplement');

    await page.locator('#a-text').fill('补充钓鱼页面的截图和聊天记录。');
    await page.locator('#a-files').setInputFiles({ name: 'proof.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.locator('#form-supplement button[type=submit]').tap();
    // Sent: the page looks the case up again, and the supplement form is gone.
    await expect.poll(() => page.locator('#form-supplement').count(), { timeout: 20_000 }).toBe(0);
    await lookUpUntil(page, shows(page, 'assigned'), 'classified and assigned');
    const assigned = await stateItem(caseNumber);
    const handler = String(assigned.assignee);
    const [material] = (await itemsMentioning(caseNumber)).filter((i) => String(i.sk).startsWith('MATERIAL#'));
    expect(material).toMatchObject({ kind: 'supplement', evidence: [{ uploadId: expect.any(String) }] });

    const repliedAt = new Date();
    await replyApproved(caseNumber, handler, '已核实并封禁相关账号');
    await escalateAt(caseNumber, new Date(repliedAt.getTime() + 25 * HOUR));
    await waitFor(async () => ((await mailsTo(email)).some((m) => m.subject.includes('回访')) ? true : undefined), 20_000, 'the survey mail');

    await lookUpUntil(page, async () => (await page.locator('#form-feedback').count()) > 0, 'the feedback form');
    await page.locator('label').filter({ has: page.locator('#a-resolved-false') }).tap();
    await page.locator('label').filter({ has: page.locator('#a-score-2') }).tap();
    await page.locator('#form-feedback button[type=submit]').tap();
    await lookUpUntil(page, shows(page, 'reopened'), 'reopened');
    await screenshot(page, 'complainant-reopened');

    const secondAt = new Date();
    await replyApproved(caseNumber, handler, '已追回损失并加强审核');
    await escalateAt(caseNumber, new Date(secondAt.getTime() + 25 * HOUR));
    await waitFor(async () => ((await mailsTo(email)).filter((m) => m.subject.includes('回访')).length === 2 ? true : undefined), 20_000, 'the second survey');

    await lookUpUntil(page, async () => (await page.locator('#form-appeal').count()) > 0, 'the appeal form');
    await page.locator('#a-reasons').fill('处理结果没有解决问题，要求复核。');
    await page.locator('#form-appeal button[type=submit]').tap();
    await lookUpUntil(page, shows(page, 'appealed'), 'appealed');
    const reviewer = String((await stateItem(caseNumber)).reviewer);
    expect(reviewer).not.toBe(handler);
    expect(await staffAction(caseNumber, reviewer, { action: 'review', result: '复核维持原处理', basis: '《用户服务协议》第八条' })).toBe('closed');
    await waitFor(async () => ((await mailsTo(email)).some((m) => m.subject.includes('复核结果')) ? true : undefined), 20_000, 'the final mail');
    await lookUpUntil(page, shows(page, 'closed'), 'closed');
    expect(await page.locator('#status-result').textContent()).toContain('复核维持原处理');
    await expectPhoneWidth(page);
    await screenshot(page, 'complainant-closed');

    const subjects = (await mailsTo(email)).map((m) => m.subject);
    for (const [word, count] of [['受理回执', 1], ['补正', 1], ['回访', 2], ['复核结果', 1]] as const) expect(subjects.filter((s) => s.includes(word)), word).toHaveLength(count);
    expect(problems).toEqual([]);
  });
});
