/**
 * The staff console in Chromium for the browser tier: a phone 360 CSS pixels wide (the
 * narrowest the console promises), each staff member in a context of their own (their
 * own sessionStorage), CSP violations and script errors recorded, screenshots into a
 * temporary directory (BROWSER_SCREENSHOT_DIR to choose one), never the repository.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { consoleDictionaries as dictionaries } from '../../shared/web/console/words';
import { request } from '../support/http-client';
import { sesStore, systemUrls, waitFor, type StoredMail } from '../support/system';

export const zh = dictionaries['zh-CN'];

export const phoneWidth = 360;
const screenshotDir = process.env.BROWSER_SCREENSHOT_DIR ?? join(tmpdir(), 'complaints-browser-screenshots');

export interface StaffBrowser {
  /** A new phone-sized tab of its own; `problems` collects script errors and unexpected failed loads. */
  open(path?: string): Promise<{ page: Page; problems: string[] }>;
  close(): Promise<void>;
}

export async function staffBrowser(): Promise<StaffBrowser> {
  mkdirSync(screenshotDir, { recursive: true });
  const browser: Browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  const contexts: BrowserContext[] = [];
  return {
    async open(path = '/staff') {
      const context = await browser.newContext({
        viewport: { width: phoneWidth, height: 780 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        baseURL: systemUrls().gatewayUrl,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const problems: string[] = [];
      page.on('console', (message) => {
        // Failed loads are judged by URL below (Chromium's console line names no URL).
        if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(message.text());
      });
      page.on('response', (response) => {
        // 400/401 (sign-in), 403/409 (refused actions) are answers the console shows.
        const path = new URL(response.url()).pathname;
        const expected = [400, 401, 403, 409].includes(response.status()) || path === '/favicon.ico';
        if (response.status() >= 400 && !expected) problems.push(`${response.status()} ${response.url()}`);
      });
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(path);
      return { page, problems };
    },
    async close() {
      for (const context of contexts) await context.close();
      await browser.close();
    },
  };
}

/** Signs in with the local sign-in form (every local staff member has the local password). */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.getByLabel(zh['staff.signin.email']).fill(email);
  await page.getByLabel(zh['staff.signin.password']).fill('Local-Staff-1');
  await page.locator('#signin-send').tap();
  await expect.poll(() => page.locator('#who-email').textContent()).toBe(email);
}

/** The whole page, or (`fullPage` false) what the phone's screen shows now. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/** Nothing wider than the phone: no sideways scrolling. */
export async function expectPhoneWidth(page: Page): Promise<void> {
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(phoneWidth);
}

export const uniqueEmail = (): string => `c${randomUUID().replaceAll('-', '').slice(0, 12)}@example.net`;

/** A complaint through the public API, with a unique complainant address to find its mails by. */
export async function submitComplaint(fields: { category: string; description: string; contactEmail: string }): Promise<string> {
  const answer = await request('POST', '/complaints', {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'complaint',
      category: fields.category,
      subject: { type: 'url', value: 'https://shop.example.cn/orders' },
      description: fields.description,
      contact: { name: '测试用户', email: fields.contactEmail },
      language: 'zh-CN',
    }),
  });
  expect(answer.status, answer.text).toBe(201);
  return answer.json<{ caseNumber: string }>().caseNumber;
}

/** The assignment mail of a case (新分派), once the workflow has routed it. */
export async function assignmentMail(caseNumber: string): Promise<{ mail: StoredMail; assignee: string; link: string }> {
  const mail = await waitFor(
    async () => (await sesStore()).find((m) => m.subject.includes(caseNumber) && m.subject.includes('新分派')),
    40_000,
    `the assignment mail of ${caseNumber}`,
  );
  const link = /(https?:\/\/\S+\/staff\?case=\S+)/.exec(mail.body.text ?? '')?.[1];
  if (!link) throw new Error(`no console link in the assignment mail of ${caseNumber}`);
  return { mail, assignee: mail.destination.to[0]!, link };
}
