/**
 * The real-browser tier: Chromium on a phone-sized screen against the whole local
 * system (test/support/global-setup.ts), through the public pages exactly as a member
 * of the public uses them: the form, the result page, the status page. Run with
 * `npm run test:browser` (not part of `npm test`: it needs /usr/bin/chromium, which
 * `.ci/run` installs). Screenshots go to a temporary directory (BROWSER_SCREENSHOT_DIR
 * to choose one), never into the repository.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { format } from '../../shared/web/strings';
import { withStatusWords } from '../../shared/web/status-strings';
import { loadStageConfig } from '../../shared/config/load-stage-config';
import { staffToken } from '../support/staff';
import { mailsTo, systemUrls, waitFor } from '../support/system';
import { png } from '../support/uploads';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshotDir = process.env.BROWSER_SCREENSHOT_DIR ?? join(tmpdir(), 'complaints-browser-screenshots');
const zh = withStatusWords('zh-CN');
const en = withStatusWords('en');

/** A phone: 390×844 CSS pixels (a common current handset), touch, Chinese locale. */
const phone: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};

const caseNumberPattern = /^TS-\d{8}-\d{4,}$/;
const uniqueEmail = (): string => `b${randomUUID().replaceAll('-', '').slice(0, 12)}@example.com`;

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

async function openPage(options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ ...phone, baseURL: systemUrls().gatewayUrl, ...options });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

/** Evaluated in the page (a string: the test code's TypeScript has no DOM types). */
const inPage = <T>(page: Page, expression: string): Promise<T> => page.evaluate(expression) as Promise<T>;

/** Nothing wider than the phone's screen: no sideways scrolling. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const width = await inPage<number>(page, 'document.documentElement.scrollWidth');
  expect(width).toBeLessThanOrEqual(phone.viewport!.width);
}

/** Tap targets at least 44 CSS pixels high (WCAG 2.5.5 / platform guidelines). */
async function expectTappable(page: Page, selector: string): Promise<void> {
  const boxes = await page.locator(selector).evaluateAll((elements) =>
    elements
      .map((element) => element.getBoundingClientRect())
      .filter((box) => box.width > 0 && box.height > 0)
      .map((box) => box.height),
  );
  expect(boxes.length).toBeGreaterThan(0);
  for (const height of boxes) expect(height).toBeGreaterThanOrEqual(44);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Submits the form and resolves with the answer's HTTP status once the next page is loaded. */
async function submit(page: Page, how: 'tap' | 'click' = 'tap'): Promise<number> {
  const answer = page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/complaints');
  const button = page.locator('#send');
  if (how === 'tap') await button.tap();
  else await button.click();
  const status = (await answer).status();
  await page.waitForLoadState('load');
  return status;
}

/**
 * Taps a radio or checkbox card the way a thumb does: anywhere on the card (its label
 * covers the whole card), then checks that the control took it.
 */
async function choose(page: Page, label: string): Promise<void> {
  const control = page.getByLabel(label, { exact: true });
  await page.locator('.choice').filter({ has: control }).tap();
  expect(await control.isChecked()).toBe(true);
}

interface Filled {
  readonly subject: string;
  readonly description: string;
}

/** Fills a complaint about a shop's prices; `email` undefined leaves the contact empty. */
async function fillComplaint(page: Page, email: string | undefined, description = '订单页面显示的价格与结算价格不一致，结算时多收了 20 元。'): Promise<Filled> {
  const subject = `https://shop.example.cn/orders/${randomUUID().slice(0, 8)}`;
  await choose(page, zh['kind.complaint']);
  await page.getByLabel(zh['category.label'], { exact: true }).selectOption('service-quality');
  await page.getByLabel(zh['subject.value.label'], { exact: true }).fill(subject);
  await page.getByLabel(zh['description.label'], { exact: true }).fill(description);
  if (email) await page.getByLabel(zh['contact.email.label'], { exact: true }).fill(email);
  await choose(page, zh['goodFaith.label']);
  return { subject, description };
}

interface ResultShown {
  readonly caseNumber: string;
  readonly token: string;
  readonly statusLink: URL;
}

async function readResultPage(page: Page): Promise<ResultShown> {
  await expect(page.locator('h1').textContent()).resolves.toBe(zh['done.title']);
  const caseNumber = (await page.locator('#case-number').textContent())!.trim();
  const token = (await page.locator('#access-token').textContent())!.trim();
  const href = await page.locator('#status-link').getAttribute('href');
  return { caseNumber, token, statusLink: new URL(href!, page.url()) };
}

describe('the public pages in a real browser on a phone (Chromium)', () => {
  it('shows the form in Chinese first with labelled fields, and switches to English and back', async () => {
    const page = await openPage();
    await page.goto('/');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('h1').textContent()).toBe(zh['form.title']);
    // Every field is reachable by its visible label (label[for] ↔ id).
    expect(await page.getByLabel(zh['kind.complaint'], { exact: true }).getAttribute('type')).toBe('radio');
    expect(await page.getByLabel(zh['kind.report'], { exact: true }).getAttribute('type')).toBe('radio');
    expect(await page.getByLabel(zh['category.label'], { exact: true }).evaluate((el) => el.tagName)).toBe('SELECT');
    expect(await page.getByLabel(zh['description.label'], { exact: true }).evaluate((el) => el.tagName)).toBe('TEXTAREA');
    expect(await page.getByLabel(zh['contact.email.label'], { exact: true }).getAttribute('type')).toBe('email');
    expect(await inPage<boolean>(page, "document.documentElement.classList.contains('js')")).toBe(true);
    await expectNoSidewaysScroll(page);
    await expectTappable(page, '#lang-switch, #send, .choice');
    await screenshot(page, 'form-zh');

    await page.locator('#lang-switch').tap();
    await page.waitForURL(/[?&]lang=en\b/);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe(en['form.title']);
    expect(await page.getByLabel(en['category.label'], { exact: true }).evaluate((el) => el.tagName)).toBe('SELECT');
    expect(await page.locator('#lang-switch').textContent()).toBe(en['lang.other']);
    await expectNoSidewaysScroll(page);
    await screenshot(page, 'form-en');

    await page.locator('#lang-switch').tap();
    await page.waitForURL(/[?&]lang=zh-CN\b/);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('h1').textContent()).toBe(zh['form.title']);
  });

  it('takes a complaint: number and token on screen, the receipt in the outbox, the case on the status page', async () => {
    const page = await openPage();
    const email = uniqueEmail();
    await page.goto('/');
    await fillComplaint(page, email);
    expect(await submit(page)).toBe(201);

    const { caseNumber, token, statusLink } = await readResultPage(page);
    expect(caseNumber).toMatch(caseNumberPattern);
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    // The page names the local stage's daily mail cap (10).
    expect(await page.locator('main').textContent()).toContain(format(zh['done.mail'], { max: loadStageConfig('local').rateLimits.mailsPerRecipientPerDay }));
    // The token travels only in the fragment, which the browser never sends to a server.
    expect(statusLink.hash).toBe(`#token=${token}`);
    expect(statusLink.pathname + statusLink.search).not.toContain(token);
    expect(statusLink.pathname).toBe('/status');
    await expectNoSidewaysScroll(page);
    await expectTappable(page, '#status-link, button[data-copy]');
    await screenshot(page, 'result-zh');

    const [receipt] = await waitFor(async () => {
      const mails = await mailsTo(email);
      return mails.length > 0 && mails;
    }, 15_000, `the receipt to ${email}`);
    expect(receipt!.subject).toContain(caseNumber);

    await page.locator('#status-link').tap();
    await page.waitForURL(/\/status/);
    const result = page.locator('#status-result');
    await result.waitFor({ state: 'visible' });
    // The script took the token from the fragment and dropped it from the address bar and history.
    expect(page.url()).not.toContain(token);
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.locator('#f-case').inputValue()).toBe(caseNumber);
    expect(await inPage<string>(page, 'document.activeElement && document.activeElement.id')).toBe('status-heading');
    // Focused by the script, not by the visitor: no focus ring drawn around a heading.
    expect(await inPage<string>(page, "getComputedStyle(document.getElementById('status-heading')).outlineStyle")).toBe('none');
    expect(await result.locator('dl.facts').textContent()).toContain(caseNumber);
    // The workflow runs in the background: the case may have moved on from "received" already.
    const shown = (await result.locator('.state').textContent())!.trim();
    const stateKey = Object.entries(zh).find(([key, text]) => /^state\.[a-z-]+$/.test(key) && text === shown)?.[0];
    expect(stateKey, `status shown: ${shown}`).toBeDefined();
    const history = await result.locator('ol.timeline .what').allTextContents();
    expect(history.at(-1)).toBe(zh['state.received']); // newest first: the first entry is at the bottom
    expect(history[0]).toBe(shown);
    await expectNoSidewaysScroll(page);
    await screenshot(page, 'status-zh');
  });

  it('shows errors next to their fields, focuses the summary and keeps what was typed', async () => {
    const page = await openPage();
    await page.goto('/');
    const { subject } = await fillComplaint(page, undefined, '太短了');
    expect(await submit(page)).toBeGreaterThanOrEqual(400);

    const summary = page.locator('#error-summary');
    await summary.waitFor({ state: 'visible' });
    expect(await summary.textContent()).toContain(zh['errors.title']);
    expect(await inPage<string>(page, 'document.activeElement && document.activeElement.id')).toBe('error-summary');
    expect(await summary.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(
      expect.arrayContaining(['#f-description', '#f-contact-email']),
    );

    const description = page.locator('#f-description');
    expect(await description.getAttribute('aria-invalid')).toBe('true');
    expect((await description.getAttribute('aria-describedby'))!.split(' ')).toContain('e-description');
    const descriptionError = page.locator('#e-description');
    expect(await descriptionError.textContent()).toContain(zh['error.description']);
    // "Next to the field": in the field's own box, just above the control.
    expect(await page.locator('.field.has-error').filter({ has: description }).locator('#e-description').count()).toBe(1);
    const errorBox = (await descriptionError.boundingBox())!;
    const fieldBox = (await description.boundingBox())!;
    expect(fieldBox.y - (errorBox.y + errorBox.height)).toBeLessThan(40);
    expect(fieldBox.y).toBeGreaterThan(errorBox.y);

    const email = page.locator('#f-contact-email');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect((await email.getAttribute('aria-describedby'))!.split(' ')).toContain('e-contact');
    expect(await page.locator('#e-contact').textContent()).toContain(zh['error.contact']);

    // What was typed is still there.
    expect(await description.inputValue()).toBe('太短了');
    expect(await page.locator('#f-subject-value').inputValue()).toBe(subject);
    expect(await page.locator('#f-category').inputValue()).toBe('service-quality');
    expect(await page.locator('#f-kind').isChecked()).toBe(true);

    // A summary link leads to its field.
    await summary.locator('a[href="#f-description"]').tap();
    expect(await inPage<string>(page, 'document.activeElement && document.activeElement.id')).toBe('f-description');
    await expectNoSidewaysScroll(page);
    await screenshot(page, 'form-errors-zh');
  });

  it('takes an anonymous report: number and token on screen, and says no mail will come', async () => {
    const page = await openPage();
    await page.goto('/');
    await choose(page, zh['kind.report']);
    await page.getByLabel(zh['category.label'], { exact: true }).selectOption('illegal-content');
    await page.getByLabel(zh['subject.value.label'], { exact: true }).fill(`https://bad.example.cn/${randomUUID().slice(0, 8)}`);
    await page.getByLabel(zh['description.label'], { exact: true }).fill('这个页面传播赌博信息，首页就有下注链接。');
    await choose(page, zh['goodFaith.label']);
    expect(await submit(page)).toBe(201);

    const { caseNumber, token } = await readResultPage(page);
    expect(caseNumber).toMatch(/^JB-\d{8}-\d{4,}$/);
    expect(token.length).toBeGreaterThanOrEqual(22);
    const text = await page.locator('main').textContent();
    expect(text).toContain(zh['done.anonymous']);
    expect(text).not.toContain(format(zh['done.mail'], { max: loadStageConfig('local').rateLimits.mailsPerRecipientPerDay }));
  });

  it('attaches a screenshot on the form: uploaded before the post, and the staff can open it in the case', async () => {
    const page = await openPage();
    await page.goto('/');
    await fillComplaint(page, uniqueEmail());
    await page.getByLabel(zh['evidence.files'], { exact: true }).setInputFiles({ name: '截图.png', mimeType: 'image/png', buffer: png });
    const upload = page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/uploads');
    expect(await submit(page)).toBe(201);
    expect((await upload).status()).toBe(201);
    const { caseNumber } = await readResultPage(page);
    // The file, checked by content after upload, is a download link in the staff case view.
    const token = await staffToken('admin@example.org');
    const evidence = await waitFor(async () => {
      const answer = await fetch(`${systemUrls().gatewayUrl}/staff/cases/${caseNumber}`, { headers: { authorization: `Bearer ${token}` } });
      const view = (await answer.json()) as { evidence?: { fileName?: string; download?: { url: string } }[] };
      const file = view.evidence?.find((e) => e.fileName === '截图.png');
      return file?.download ? file : undefined;
    }, 20_000, 'the uploaded file in the staff case view');
    const file = await fetch(evidence.download!.url);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(png)).toBe(true);
  });

  it('works without JavaScript: the plain form post answers with the result page', async () => {
    const page = await openPage({ javaScriptEnabled: false });
    await page.goto('/');
    expect(await page.locator('html').getAttribute('class')).toBeNull();
    // Without the script every link field is there and the copy buttons are not.
    expect(await page.locator('[data-evidence]:visible').count()).toBe(10);
    await fillComplaint(page, uniqueEmail());
    expect(await submit(page, 'click')).toBe(201);

    const { caseNumber, token, statusLink } = await readResultPage(page);
    expect(caseNumber).toMatch(caseNumberPattern);
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(statusLink.hash).toBe(`#token=${token}`);
    expect(await page.locator('button[data-copy]:visible').count()).toBe(0);
    await expectNoSidewaysScroll(page);
    await screenshot(page, 'result-nojs-zh');
  });
});
