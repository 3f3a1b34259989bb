/**
 * The staff half of the workflow in Chromium (issue #11 "done when"), on a 360 px phone
 * against the whole local system: real cases through POST /complaints, routed by the
 * workflow, the assignment mail read from the SES emulator's outbox, the console driving
 * the staff API. `npm run test:browser` (needs /usr/bin/chromium).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../support/http-client';
import { mailsTo, waitFor } from '../support/system';
import {
  assignmentMail,
  expectPhoneWidth,
  screenshot,
  signIn,
  type StaffBrowser,
  staffBrowser,
  submitComplaint,
  uniqueEmail,
  zh,
} from './staff-browser';

let browser: StaffBrowser;

beforeAll(async () => {
  browser = await staffBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const form = (page: Page, action: string) => page.locator(`form[data-action="${action}"]`);
const offered = (page: Page, action: string) => page.locator(`details[data-action="${action}"]`).isVisible();
const alertText = (page: Page) => page.locator('#action-alert p').textContent();

/** The supervisor of customer-service who is not the case's handler (王芳 handles cases too). */
const otherSupervisor = (assignee: string) => (assignee === 'wang.fang@example.org' ? 'director@example.org' : 'wang.fang@example.org');

/** Opens the console on a case as `email` (the mail's deep link when given) and waits for the case view. */
async function openCaseAs(email: string, caseNumber: string, link = `/staff?case=${caseNumber}`) {
  const opened = await browser.open(link);
  await expect.poll(() => opened.page.locator('#signin-case').textContent()).toContain(caseNumber);
  await signIn(opened.page, email);
  await expect.poll(() => opened.page.locator('#case-title').textContent()).toBe(caseNumber);
  return opened;
}

async function send(page: Page, action: string): Promise<void> {
  await form(page, action).locator('button[type=submit]').tap();
}

/** The complainant's mail of a case that holds `marker` (a sentence staff wrote). */
const replyMail = (complainant: string, caseNumber: string, marker: string) =>
  mailsTo(complainant).then((mails) => mails.find((m) => m.subject.includes(caseNumber) && `${m.body.text}`.includes(marker)));

describe('staff console cases (Chromium, 360 px)', () => {
  it('a handler opens the case from the assignment mail, replies with an edited template, and the complainant gets the reply', async () => {
    const complainant = uniqueEmail();
    const caseNumber = await submitComplaint({ category: 'service-quality', description: '客服多次未回复我的退款申请，订单已经取消两周。', contactEmail: complainant });
    const { assignee, link } = await assignmentMail(caseNumber);
    expect(new URL(link).pathname + new URL(link).search).toBe(`/staff?case=${caseNumber}`);

    const { page, problems } = await openCaseAs(assignee, caseNumber, link);
    expect(page.url()).toContain(`case=${caseNumber}`);
    expect(await page.locator('#case-status').textContent()).toBe(zh['state.assigned']);
    expect(await page.locator('#case-content').textContent()).toContain('客服多次未回复我的退款申请');
    await screenshot(page, 'staff-case-zh-screen', false);
    expect(await page.locator('#case-history li').count()).toBeGreaterThan(0);
    expect(await page.locator('#case-deadlines li').count()).toBeGreaterThan(0);
    // Each deadline explains itself (start, calendar, skipped days), folded away until asked.
    const explanation = page.locator('#case-deadlines details.explain').first();
    await explanation.locator('summary').tap();
    expect(await explanation.textContent()).toMatch(/calendar/);
    // Only what the case offers now: a reply, not closing (needs a reply first) nor reviewing (needs an appeal).
    expect(await offered(page, 'reply')).toBe(true);
    expect(await offered(page, 'close')).toBe(false);
    expect(await offered(page, 'review')).toBe(false);
    expect(await offered(page, 'approve-reply')).toBe(false);
    await expectPhoneWidth(page);
    await screenshot(page, 'staff-case-zh');

    await page.locator('details[data-action="reply"] summary').tap();
    await form(page, 'reply').getByLabel(zh['staff.template.label']).selectOption('zh-CN');
    const result = form(page, 'reply').getByLabel(zh['staff.field.result']);
    expect(await result.inputValue()).toContain(caseNumber);
    expect(await form(page, 'reply').getByLabel(zh['staff.field.basis']).inputValue()).not.toBe('');
    const marker = `已为您全额退款，退款编号 R${Date.now()}。`;
    await result.fill(`${await result.inputValue()}${marker}`);
    await screenshot(page, 'staff-reply-zh');
    await send(page, 'reply');
    await expect.poll(() => alertText(page)).toContain(zh['state.replied']);
    expect(await page.locator('#case-status').textContent()).toBe(zh['state.replied']);
    expect(await offered(page, 'reply')).toBe(false);

    const mail = await waitFor(() => replyMail(complainant, caseNumber, marker), 30_000, 'the reply mail');
    expect(mail.destination.to).toEqual([complainant]);
    expect(problems).toEqual([]);
  });

  it('a level-3 reply waits until a second supervisor approves it in the console', async () => {
    const complainant = uniqueEmail();
    const caseNumber = await submitComplaint({ category: 'service-quality', description: '平台客服泄露了我的订单信息，要求说明情况。', contactEmail: complainant });
    const { assignee, link } = await assignmentMail(caseNumber);
    const handler = await openCaseAs(assignee, caseNumber, link);

    await handler.page.locator('details[data-action="classify"] summary').tap();
    await form(handler.page, 'classify').getByLabel(zh['staff.field.level']).selectOption('3');
    await send(handler.page, 'classify');
    await expect.poll(() => alertText(handler.page)).toContain(zh['staff.action.classify']);

    const marker = `经核实，涉事客服已停岗调查，编号 L${Date.now()}。`;
    await handler.page.locator('details[data-action="reply"] summary').tap();
    await form(handler.page, 'reply').getByLabel(zh['staff.field.result']).fill(marker);
    await form(handler.page, 'reply').getByLabel(zh['staff.field.basis']).fill('依据《中华人民共和国个人信息保护法》。');
    await form(handler.page, 'reply').getByLabel(zh['staff.field.measures']).fill('已停岗调查并加强培训。');
    await send(handler.page, 'reply');
    await expect.poll(() => alertText(handler.page)).toContain(zh['staff.action.reply']);
    // Held: not answered, no second reply offered, nothing mailed.
    expect(await handler.page.locator('#case-status').textContent()).not.toBe(zh['state.replied']);
    expect(await offered(handler.page, 'reply')).toBe(false);
    expect(await replyMail(complainant, caseNumber, marker)).toBeUndefined();

    const supervisor = await openCaseAs(otherSupervisor(assignee), caseNumber);
    expect(await offered(supervisor.page, 'approve-reply')).toBe(true);
    await supervisor.page.locator('details[data-action="approve-reply"] summary').tap();
    await form(supervisor.page, 'approve-reply').getByLabel(zh['staff.field.approve']).selectOption('yes');
    await screenshot(supervisor.page, 'staff-approve-zh');
    await send(supervisor.page, 'approve-reply');
    await expect.poll(() => alertText(supervisor.page)).toContain(zh['state.replied']);

    await waitFor(() => replyMail(complainant, caseNumber, marker), 30_000, 'the approved reply mail');
    expect([...handler.problems, ...supervisor.problems]).toEqual([]);
  });

  it('two staff acting on one case at once: one succeeds, the other is told someone changed it and can reload', async () => {
    const caseNumber = await submitComplaint({ category: 'information-error', description: '商品详情页上的发货地址信息有误，与实际不符。', contactEmail: uniqueEmail() });
    const { assignee } = await assignmentMail(caseNumber);
    const one = await openCaseAs(assignee, caseNumber);
    const two = await openCaseAs(otherSupervisor(assignee), caseNumber);
    for (const [who, text] of [[one, '已电话联系商家核实。'], [two, '主管：请今天内核实。']] as const) {
      await who.page.locator('details[data-action="note"] summary').tap();
      await form(who.page, 'note').getByLabel(zh['staff.field.text']).fill(text);
    }
    await Promise.all([send(one.page, 'note'), send(two.page, 'note')]);
    await expect.poll(async () => [await alertText(one.page), await alertText(two.page)].join('|')).toMatch(/已完成.*\|.*有人刚刚更改|有人刚刚更改.*\|.*已完成/);

    const loser = (await alertText(one.page))!.includes(zh['staff.action.conflict']) ? one : two;
    const kept = await form(loser.page, 'note').getByLabel(zh['staff.field.text']).inputValue();
    expect(kept).not.toBe('');
    await loser.page.locator('#case-reload').tap();
    await expect.poll(() => loser.page.locator('#case-history').textContent()).toMatch(/已电话联系商家核实|主管：请今天内核实/);
    await send(loser.page, 'note');
    await expect.poll(() => alertText(loser.page)).toContain(zh['staff.action.note']);
    expect(await loser.page.locator('#case-history').textContent()).toContain(kept);
  });

  it('a phone case is entered from the console and shows the access token to hand over', async () => {
    const { page, problems } = await browser.open('/staff');
    await signIn(page, 'li.na@example.org');
    await page.locator('#entry-open').tap();
    const entry = page.locator('#entry-form');
    await entry.getByLabel(zh['staff.entry.channel'], { exact: true }).selectOption('phone');
    // Two days ago, as the datetime-local input takes it: a staff entry is at most 7 days back (api.md).
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 16);
    await entry.getByLabel(zh['staff.entry.receivedAt'], { exact: true }).fill(twoDaysAgo);
    await entry.getByLabel(zh['staff.entry.kind'], { exact: true }).selectOption('complaint');
    await entry.getByLabel(zh['staff.entry.category'], { exact: true }).selectOption('service-quality');
    await entry.getByLabel(zh['staff.entry.subject'], { exact: true }).fill('某某网店客服');
    await entry.getByLabel(zh['staff.entry.description'], { exact: true }).fill('来电反映网店客服态度恶劣，多次挂断电话。');
    await entry.getByLabel(zh['staff.entry.contactPhone']).fill('+86 139 0000 0000');
    await expectPhoneWidth(page);
    await entry.locator('button[type=submit]').tap();
    await expect.poll(() => page.locator('#entry-done').isVisible()).toBe(true);
    const caseNumber = (await page.locator('#entry-case').textContent())!;
    const token = (await page.locator('#entry-token').textContent())!;
    expect(caseNumber).toMatch(/^TS-\d{8}-\d{4,}$/);
    await screenshot(page, 'staff-entry-zh');
    // The token is the complainant's: it opens their case on the public status API.
    const status = await request('GET', `/complaints/${caseNumber}`, { headers: { authorization: `Bearer ${token}` } });
    expect(status.status).toBe(200);
    expect(problems).toEqual([]);
  });
});
