/**
 * The public pages' new controls for the seeds (issue 21 items 2, 7, 8) in Chromium at
 * phone width, Chinese and English, each page checked with axe-core (no serious or
 * critical violation): the published channels (投诉举报渠道) with the transparency link,
 * the good-faith statement the form requires, and the lost-token control of the status
 * page, which posts the case number and the email given and answers the same whatever
 * happens.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStageConfig } from '../../shared/config/load-stage-config';
import { dictionaries } from '../../shared/web/strings';
import { statusDictionaries } from '../../shared/web/status-strings';
import { mailsTo, systemUrls, waitFor } from '../support/system';
import { postJson } from '../support/http-client';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const desk = loadStageConfig('local').serviceDesk;
const languages = ['zh-CN', 'en'] as const;
type Language = (typeof languages)[number];
const words = (language: Language) => ({ ...dictionaries[language], ...statusDictionaries[language] }) as Record<string, string>;

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

async function openPage(path: string, language: Language): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: language, timezoneId: 'Asia/Shanghai', baseURL: systemUrls().gatewayUrl });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${path}?lang=${language}`);
  return page;
}

/** axe-core in the page (evaluated through the debugging protocol, so the page's CSP stays as it is). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const found = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })))')) as { id: string; impact: string; nodes: number }[];
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}, ${v.nodes})`);
}

async function expectPhoneWidth(page: Page): Promise<void> {
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
}

describe.each(languages)('the public pages in %s (Chromium, phone width, axe-core)', (language) => {
  const t = words(language);

  it('the form shows the channels and the transparency link, and requires the good-faith statement', async () => {
    const page = await openPage('/', language);
    const channels = page.locator('section.channels');
    for (const text of [desk.phone!, desk.email!, desk.postalAddress![language], desk.hours[language]]) expect(await channels.textContent()).toContain(text);
    expect(await page.locator('#transparency-link').getAttribute('href')).toMatch(/^\/transparency\/\d{4}-\d{2}\?lang=/);
    expect(await seriousViolations(page)).toEqual([]);

    const email = `g${randomUUID().slice(0, 10)}@example.com`;
    await page.locator('.choice').filter({ has: page.getByLabel(t['kind.complaint']!, { exact: true }) }).tap();
    await page.getByLabel(t['category.label']!, { exact: true }).selectOption('service-quality');
    await page.getByLabel(t['subject.value.label']!, { exact: true }).fill('https://shop.example.cn/orders/1');
    await page.getByLabel(t['description.label']!, { exact: true }).fill('订单页面显示的价格与结算价格不一致，多收了 20 元。');
    await page.getByLabel(t['contact.email.label']!, { exact: true }).fill(email);
    await page.locator('#send').tap();
    await page.locator('#error-summary').waitFor({ state: 'visible' });
    expect(await page.locator('#e-goodFaith').textContent()).toContain(t['error.goodFaith']);
    expect((await page.locator('#f-goodFaith').getAttribute('aria-describedby'))!.split(' ')).toContain('e-goodFaith');
    expect(await seriousViolations(page)).toEqual([]);

    await page.locator('.choice').filter({ has: page.getByLabel(t['goodFaith.label']!, { exact: true }) }).tap();
    await page.locator('#send').tap();
    await page.locator('#case-number').waitFor();
    // The result page tells how to get a new token, never that a lost one is gone for good.
    expect(await page.locator('main').textContent()).toContain(t['done.warn.body']);
    expect(await page.locator('main').textContent()).not.toMatch(/无法找回|cannot give it to you again/);
    await expectPhoneWidth(page);
  });

  it('the status page shows the channels and asks for a new token with the case number and the email given: one answer whatever happens', async () => {
    const email = `s${randomUUID().slice(0, 10)}@example.com`;
    const created = await postJson('/complaints', { kind: 'complaint', category: 'service-quality', subject: { type: 'url', value: 'https://shop.example.cn/' }, description: '退款申请提交两周仍未处理。', contact: { email }, language });
    const { caseNumber } = created.json<{ caseNumber: string }>();
    const page = await openPage('/status', language);
    expect(await page.locator('section.channels').textContent()).toContain(desk.phone!);
    expect(await seriousViolations(page)).toEqual([]);

    // Nothing filled in: each field says what it needs, nothing is sent.
    await page.locator('#access-send').tap();
    expect(await page.locator('#e-access-case').textContent()).toContain(t['status.access.error.case']);
    expect(await page.locator('#f-access-case').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);

    // Another address: the same answer, and no mail anywhere.
    await page.getByLabel(t['status.access.case.label']!, { exact: true }).fill(caseNumber);
    await page.getByLabel(t['status.access.email.label']!, { exact: true }).fill(`other-${email}`);
    const wrong = page.waitForResponse((r) => r.url().endsWith(`/complaints/${caseNumber}/access`));
    await page.locator('#access-send').tap();
    expect((await wrong).status()).toBe(202);
    await expect.poll(() => page.locator('#access-note').textContent()).toBe(t['status.access.sent']);

    // The address given: the same answer, and the link goes there.
    await page.getByLabel(t['status.access.email.label']!, { exact: true }).fill(email);
    const right = page.waitForResponse((r) => r.url().endsWith(`/complaints/${caseNumber}/access`));
    await page.locator('#access-send').tap();
    expect((await right).status()).toBe(202);
    await expect.poll(() => page.locator('#access-note').textContent()).toBe(t['status.access.sent']);
    const links = await waitFor(async () => {
      const found = (await mailsTo(email)).filter((m) => (m.body.text ?? '').includes('#grant='));
      return found.length > 0 && found;
    }, 20_000, 'the access-link mail');
    expect(links).toHaveLength(1);
    expect(await mailsTo(`other-${email}`)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await expectPhoneWidth(page);
  });
});
