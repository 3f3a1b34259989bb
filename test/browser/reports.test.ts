/**
 * Issue 13 "Done when", in a real browser: a seeded month (`npm run seed`'s runner), the
 * `monthly-report` schedule fired twice puts one report mail with charts in the outbox,
 * `/staff/reports/2026-10` has the figures that were seeded, and `/transparency/2026-10`
 * opened in Chromium shows the public ones with the same charts under the page's CSP (no
 * console error, no violation). On a whole local system of its own (free ports): seeding
 * moves the clock, which the shared system of the other browser files must not see.
 */
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSeed, type SeedSummary } from '../../local/seed-run';
import { staffIdToken } from '../../local/staff-sign-in';
import { startLocalSystem, type LocalSystem } from '../../local/system';
import { loadStageConfig } from '../../shared/config/load-stage-config';
import { resetRuntimeSettings } from '../../shared/config/runtime';
import type { StoredMail } from '../support/system';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const config = loadStageConfig('local');
const group = config.managementGroup[0]!.email;
const savedEnv = { ...process.env };
const cases = 12;
let system: LocalSystem;
let summary: SeedSummary;
let browser: Browser;

beforeAll(async () => {
  system = await startLocalSystem({
    ports: { gateway: 0, dynamodb: 0, sqs: 0, ses: 0, cognito: 0, s3: 0, control: 0 },
    quiet: true,
    scheduleTimers: false,
    jvm: 'fast-start',
    env: { POWERTOOLS_LOG_LEVEL: 'ERROR', POWERTOOLS_METRICS_DISABLED: 'true' },
  });
  summary = await runSeed({ month: '2026-10', cases, config, controlUrl: system.urls.control! });
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
  process.env = savedEnv;
  resetRuntimeSettings();
});

interface StaffReport {
  received: { total: number; byKind: Record<string, number> };
  resolved: number;
}

describe('the month seeded, reported, read by staff and seen by the public in Chromium', () => {
  it('the schedule fired twice: one report mail with charts to the management group', async () => {
    expect(summary.refused).toEqual([]);
    const at = '2026-11-01T09:00:00+08:00';
    expect((await system.runSchedule('monthly-report', at)).result).toEqual({ outcome: 'mailed', period: '2026-10' });
    expect((await system.runSchedule('monthly-report', at)).result).toEqual({ outcome: 'already-mailed', period: '2026-10' });
    const store = (await (await fetch(`${system.urls.ses}/store`)).json()) as { emails: StoredMail[] };
    const reports = store.emails.filter((m) => m.destination.to.includes(group) && m.subject.includes('2026-10'));
    expect(reports).toHaveLength(1);
    expect((reports[0]!.body.html!.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(3);
  });

  it('/staff/reports/2026-10 has the seeded figures; /transparency/2026-10 in Chromium shows the public ones and its charts, with no console error', async () => {
    const token = await staffIdToken(system.staffPool, 'director@example.org');
    const report = (await (await fetch(`${system.urls.gateway}/staff/reports/2026-10`, { headers: { authorization: `Bearer ${token}` } })).json()) as StaffReport;
    expect(report.received.total).toBe(cases);
    const summaryJson = (await (await fetch(`${system.urls.gateway}/transparency/2026-10`)).json()) as { received: { total: number | string }; resolved: number | string };
    // The same figures, published (any count 1-4 as "<5").
    const published = (n: number) => (n >= 1 && n <= 4 ? '<5' : n);
    expect([summaryJson.received.total, summaryJson.resolved]).toEqual([published(report.received.total), published(report.resolved)]);

    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      // Failed loads are judged by URL below (Chromium's console line names no URL), as staff-browser.ts does.
      if ((message.type() === 'error' || message.type() === 'warning') && !/Failed to load resource/.test(message.text())) problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') problems.push(`${response.status()} ${response.url()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    const answer = await page.goto(`${system.urls.gateway}/transparency/2026-10`);
    expect(answer?.status()).toBe(200);
    expect(answer?.headers()['content-security-policy']).toBeTruthy();
    const text = await page.locator('body').innerText();
    expect(text).toContain('2026-10');
    expect(text).toContain(String(published(report.received.total)));
    expect(text).toContain(String(published(report.resolved)));
    expect(await page.locator('svg').count()).toBeGreaterThanOrEqual(3);
    // Each chart drawn with a size (its presentation attributes survived the CSP).
    for (const box of await Promise.all((await page.locator('svg').all()).map((svg) => svg.boundingBox()))) expect(box?.width).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
