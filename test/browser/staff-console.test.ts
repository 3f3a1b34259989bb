/**
 * The staff console's sign-in in Chromium on a 360 px phone against the whole local
 * system: a local staff member signs in at cognito-local (the page's own script, under
 * its CSP), sees who they are and their work list, and signs out; a wrong password and an
 * expired token say so. `npm run test:browser` (needs /usr/bin/chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectPhoneWidth, signIn, type StaffBrowser, staffBrowser, zh } from './staff-browser';

let browser: StaffBrowser;

beforeAll(async () => {
  browser = await staffBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('staff console sign-in (Chromium, 360 px)', () => {
  it('signs a handler in, shows who they are and their work list, and signs out', async () => {
    const { page, problems } = await browser.open();
    await signIn(page, 'li.na@example.org');
    expect(await page.locator('#who-name').textContent()).toBe('李娜 Li Na');
    expect(await page.locator('#who-roles').textContent()).toBe(zh['staff.role.handler']);
    expect(await page.locator('#who-departments').textContent()).toBe('客户服务中心');
    expect(await page.locator('#signin').isHidden()).toBe(true);
    // A handler starts on their own cases.
    await expect.poll(() => page.locator('#work').isVisible()).toBe(true);
    expect(await page.locator('[data-view="mine"]').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.locator('#work-state').textContent()).not.toBe(zh['staff.work.loading']);
    await expectPhoneWidth(page);

    // A reload keeps the sign-in of this tab.
    await page.reload();
    await expect.poll(() => page.locator('#who-email').textContent()).toBe('li.na@example.org');

    await page.locator('#signout').tap();
    await expect.poll(() => page.locator('#signin').isVisible()).toBe(true);
    expect(await page.locator('#work').isHidden()).toBe(true);
    expect(await page.evaluate("sessionStorage.getItem('staff.idToken')")).toBeNull();
    expect(problems).toEqual([]);
  });

  it('says so when the password is wrong, and stays signed out', async () => {
    const { page, problems } = await browser.open();
    await page.getByLabel(zh['staff.signin.email']).fill('li.na@example.org');
    await page.getByLabel(zh['staff.signin.password']).fill('not-the-password');
    await page.locator('#signin-send').tap();
    await expect.poll(() => page.locator('#staff-alert').textContent()).toContain(zh['staff.signin.failed']);
    expect(await page.locator('#who').isHidden()).toBe(true);
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
  });

  it('asks to sign in again when the kept token no longer works', async () => {
    const { page } = await browser.open();
    await page.evaluate("sessionStorage.setItem('staff.idToken', 'not.a.token')");
    await page.reload();
    await expect.poll(() => page.locator('#staff-alert').textContent()).toContain(zh['staff.signin.expired']);
    expect(await page.locator('#signin').isVisible()).toBe(true);
  });
});
