/**
 * The staff console shell in Chromium on a phone-sized screen against the whole local
 * system: a local staff member signs in at cognito-local (the page's own script, under
 * its CSP), sees who they are, and signs out. `npm run test:browser` (needs /usr/bin/chromium).
 */
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dictionaries } from '../../shared/web/strings';
import { systemUrls } from '../support/system';

const zh = dictionaries['zh-CN'];
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
});
afterAll(async () => {
  await browser?.close();
});

/** A phone page that records CSP violations and script errors. */
async function openConsole(): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', baseURL: systemUrls().gatewayUrl });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on('console', (message) => {
    // Failed loads are judged by URL below (Chromium's console line names no URL).
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(message.text());
  });
  page.on('response', (response) => {
    const expected = [400, 401].includes(response.status()) || new URL(response.url()).pathname === '/favicon.ico';
    if (response.status() >= 400 && !expected) problems.push(`${response.status()} ${response.url()}`);
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto('/staff');
  return { page, problems };
}

describe('staff console (Chromium, phone width)', () => {
  it('signs a handler in, shows who they are, and signs out', async () => {
    const { page, problems } = await openConsole();
    await page.getByLabel(zh['staff.signin.email']).fill('li.na@example.org');
    await page.getByLabel(zh['staff.signin.password']).fill('Local-Staff-1');
    await page.locator('#signin-send').tap();
    await expect.poll(() => page.locator('#who-name').textContent()).toBe('李娜 Li Na');
    expect(await page.locator('#who-roles li').allTextContents()).toEqual([zh['staff.role.handler']]);
    expect(await page.locator('#who-departments li').allTextContents()).toEqual(['客户服务中心']);
    expect(await page.locator('#signin').isHidden()).toBe(true);
    expect(await page.locator('#work').textContent()).toContain(zh['staff.work.pending']);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    // A reload keeps the sign-in of this tab.
    await page.reload();
    await expect.poll(() => page.locator('#who-email').textContent()).toBe('li.na@example.org');

    await page.locator('#signout').tap();
    await expect.poll(() => page.locator('#signin').isVisible()).toBe(true);
    expect(await page.evaluate("sessionStorage.getItem('staff.idToken')")).toBeNull();
    expect(problems).toEqual([]);
  });

  it('says so when the password is wrong, and stays signed out', async () => {
    const { page, problems } = await openConsole();
    await page.getByLabel(zh['staff.signin.email']).fill('li.na@example.org');
    await page.getByLabel(zh['staff.signin.password']).fill('not-the-password');
    await page.locator('#signin-send').tap();
    await expect.poll(() => page.locator('#staff-alert').textContent()).toContain(zh['staff.signin.failed']);
    expect(await page.locator('#who').isHidden()).toBe(true);
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
  });

  it('asks to sign in again when the kept token no longer works', async () => {
    const { page } = await openConsole();
    await page.evaluate("sessionStorage.setItem('staff.idToken', 'not.a.token')");
    await page.reload();
    await expect.poll(() => page.locator('#staff-alert').textContent()).toContain(zh['staff.signin.expired']);
    expect(await page.locator('#signin').isVisible()).toBe(true);
  });
});
