/**
 * The staff console offers `refer` (报送有关部门, issue 21 item 9) in Chromium at phone width
 * (360 px) against the whole local system: the case's assignee fills in the authority and
 * its reference, sends, and the referral is in the case history with its own label.
 * `npx vitest run --config vitest.browser.config.ts test/browser/staff-referral.test.ts`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../support/http-client';
import { assignmentMail, expectPhoneWidth, screenshot, signIn, type StaffBrowser, staffBrowser, uniqueEmail, zh } from './staff-browser';

let browser: StaffBrowser;

beforeAll(async () => {
  browser = await staffBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('staff console: refer to an authority (Chromium, 360 px)', () => {
  it('the assignee refers the case; the history shows the referral with the authority and reference', async () => {
    const created = await postJson('/complaints', {
      kind: 'complaint',
      category: 'service-quality',
      subject: { type: 'url', value: 'https://shop.example.cn/orders' },
      description: '商家以虚假优惠诱导付款后拒绝发货。',
      contact: { name: '测试用户', email: uniqueEmail() },
      language: 'zh-CN',
    });
    expect(created.status, created.text).toBe(201);
    const { caseNumber } = created.json<{ caseNumber: string }>();
    const { assignee } = await assignmentMail(caseNumber);

    const { page, problems } = await browser.open(`/staff?case=${caseNumber}`);
    await signIn(page, assignee);
    await expect.poll(() => page.locator('#case-title').textContent(), { timeout: 30_000 }).toBe(caseNumber);
    const form = page.locator('details[data-action="refer"]');
    await expect.poll(() => form.isVisible()).toBe(true);
    expect(await form.locator('summary').textContent()).toBe(zh['staff.action.refer']);
    await form.locator('summary').tap();
    const reference = `GA-${caseNumber}`;
    await page.locator('#a-refer-authority').fill('市公安局网安支队');
    await page.locator('#a-refer-reference').fill(reference);
    await page.locator('#a-refer-note').fill('网站地址与付款截图');
    await form.locator('button[type=submit]').tap();
    const entry = page.locator('#case-history li', { hasText: reference });
    await expect.poll(() => entry.count(), { timeout: 15_000 }).toBe(1);
    expect(await entry.locator('.what').textContent()).toBe(zh['staff.action.refer']);
    expect(await entry.textContent()).toContain('市公安局网安支队');
    await expectPhoneWidth(page);
    await screenshot(page, 'staff-refer', false);
    expect(problems).toEqual([]);
  });
});
