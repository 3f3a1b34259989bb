/**
 * The staff console's case report (专题报告, issue 21 item 10) in Chromium at phone width
 * (360 px) against the whole local system: the forms show only on a hot or major case; its
 * assignee writes the report, a supervisor approves it, and both steps are in the history.
 * `npx vitest run --config vitest.browser.config.ts test/browser/staff-case-report.test.ts`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, request } from '../support/http-client';
import { staffToken } from '../support/staff';
import { assignmentMail, expectPhoneWidth, screenshot, signIn, type StaffBrowser, staffBrowser, uniqueEmail, zh } from './staff-browser';

let browser: StaffBrowser;

beforeAll(async () => {
  browser = await staffBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const director = 'director@example.org';
const auth = async () => ({ authorization: `Bearer ${await staffToken(director)}` });

describe('staff console: the case report of a hot case (Chromium, 360 px)', () => {
  it('hidden on a general case; written by the assignee, approved by a supervisor, both in the history', async () => {
    const created = await postJson('/complaints', {
      kind: 'complaint',
      category: 'service-quality',
      subject: { type: 'url', value: 'https://shop.example.cn/promo' },
      description: '促销页面标价与结算价格不一致，多人反映。',
      contact: { name: '测试用户', email: uniqueEmail() },
      language: 'zh-CN',
    });
    expect(created.status, created.text).toBe(201);
    const { caseNumber } = created.json<{ caseNumber: string }>();
    const { assignee } = await assignmentMail(caseNumber);

    const general = await browser.open(`/staff?case=${caseNumber}`);
    await signIn(general.page, assignee);
    await expect.poll(() => general.page.locator('#case-title').textContent(), { timeout: 30_000 }).toBe(caseNumber);
    expect(await general.page.locator('details[data-action="write-report"]').isVisible()).toBe(false);

    const { version } = (await request('GET', `/staff/cases/${caseNumber}`, { headers: await auth() })).json<{ version: number }>();
    const raised = await postJson(`/staff/cases/${caseNumber}/actions`, { action: 'classify', priority: 'hot', version }, { headers: await auth() });
    expect(raised.status, raised.text).toBe(200);
    const { page, problems } = await browser.open(`/staff?case=${caseNumber}`);
    await signIn(page, assignee);
    const form = page.locator('details[data-action="write-report"]');
    await expect.poll(() => form.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.locator('details[data-action="approve-report"]').isVisible()).toBe(false);
    expect(await form.locator('summary').textContent()).toBe(zh['staff.action.write-report']);
    await form.locator('summary').tap();
    await page.locator('#a-write-report-causes').fill('促销价格配置错误，上线前未复核');
    await page.locator('#a-write-report-measures').fill('已更正价格并退还差价');
    await page.locator('#a-write-report-prevention').fill('价格变更须经第二人复核');
    await form.locator('button[type=submit]').tap();
    const written = page.locator('#case-history li', { hasText: '价格变更须经第二人复核' });
    await expect.poll(() => written.count(), { timeout: 15_000 }).toBe(1);
    expect(await written.locator('.what').textContent()).toBe(zh['staff.action.write-report']);
    await expectPhoneWidth(page);

    const approval = await browser.open(`/staff?case=${caseNumber}`);
    await signIn(approval.page, director);
    const approve = approval.page.locator('details[data-action="approve-report"]');
    await expect.poll(() => approve.isVisible(), { timeout: 30_000 }).toBe(true);
    await approve.locator('summary').tap();
    await approval.page.locator('#a-approve-report-approve').selectOption('yes');
    await approve.locator('button[type=submit]').tap();
    const approved = approval.page.locator('#case-history li', { hasText: zh['staff.action.approve-report'] });
    await expect.poll(() => approved.count(), { timeout: 15_000 }).toBe(1);
    await screenshot(approval.page, 'staff-case-report', false);
    expect([...general.problems, ...problems, ...approval.problems]).toEqual([]);
  });
});
