/**
 * The staff console on a China stage (local-cn) in Chromium at phone width: a staff member
 * signs in through the stage's OpenID provider (the local oidc-provider's login page),
 * authorization code + PKCE by the console's bundled oauth4webapi, and is back at /staff
 * signed in. axe-core finds no serious or critical violation on the console or the login
 * page. This file starts its own local-cn system (every port free).
 */
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalSystem, type LocalSystem } from '../../local/system';
import { localStaffPassword } from '../../local/provision';
import { phoneWidth } from './staff-browser';

let system: LocalSystem;
let browser: Browser;
beforeAll(async () => {
  system = await startLocalSystem({
    stage: 'local-cn',
    ports: { gateway: 0, dynamodb: 0, sqs: 0, ses: 0, oidc: 0, control: false },
    quiet: true,
    jvm: 'fast-start',
    scheduleTimers: false,
    pollers: false,
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT' },
  });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated, not added as a script tag: the pages' CSP (rightly) refuses an inline script it does not know.
  await page.evaluate(axeSource);
  const result = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as { violations: { id: string; impact: string }[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact}: ${v.id}`);
}

describe('staff console sign-in through the OpenID provider (local-cn, Chromium, phone width)', () => {
  it('signs in at the provider with code + PKCE and is back at /staff as the directory says', async () => {
    const context = await browser.newContext({ viewport: { width: phoneWidth, height: 780 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      // Failed loads are judged by URL below (Chromium's console line names none).
      if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') problems.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${system.urls.gateway}/staff`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.click('#signin-hosted');
    await page.waitForURL((url) => url.origin === new URL(system.staffPool.issuer).origin);
    expect(await seriousViolations(page)).toEqual([]);
    await page.fill('#email', 'wang.fang@example.org');
    await page.fill('#password', localStaffPassword);
    await page.click('button[type=submit]');
    await page.waitForURL((url) => url.href.startsWith(`${system.urls.gateway}/staff`));
    await page.waitForSelector('#who:not([hidden])');
    expect(await page.textContent('#who-email')).toBe('wang.fang@example.org');
    expect(await page.textContent('#who-name')).toContain('王芳');
    // The code is gone from the address; the token is in this tab's sessionStorage only.
    expect(new URL(page.url()).search).toBe('');
    expect(await page.evaluate("typeof sessionStorage.getItem('staff.idToken')")).toBe('string');
    expect(await page.evaluate("sessionStorage.getItem('staff.pkce')")).toBeNull();
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
