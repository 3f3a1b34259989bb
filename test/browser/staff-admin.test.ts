/**
 * The administration screens (issue #22 "done when", the Chromium half) on a 360 px phone
 * against the whole local system, without a deploy or a restart: an admin adds a handler
 * and the next case of their department goes to them; a handler declares their absence
 * and that day's case goes elsewhere; an admin moves a category to another department and
 * the next case routes there; an admin adds a holiday and the deadline of a case received
 * the day before moves; each change is in the audit list. Every screen in zh-CN and en,
 * axe-core finding no serious or critical violation.
 *
 * The test's own departments and category (made through the admin API) keep its routing
 * apart from the seeded ones; liu.yang joins one for the absence and leaves it at the end.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStageConfig } from '../../shared/config/load-stage-config';
import { isWorkingDay, localDate, workingCalendar } from '../../shared/domain/calendar';
import { adminDictionaries } from '../../shared/web/admin/strings';
import { request } from '../support/http-client';
import { staffToken } from '../support/staff';
import { waitFor } from '../support/system';
import { assignmentMail, expectPhoneWidth, screenshot, signIn, type StaffBrowser, staffBrowser, submitComplaint, uniqueEmail } from './staff-browser';

const words = { 'zh-CN': adminDictionaries['zh-CN'], en: adminDictionaries.en };
type Language = keyof typeof words;
const run = randomUUID().slice(0, 6);
const first = `admin-a-${run}`;
const second = `admin-b-${run}`;
const category = `admin-c-${run}`;
const handler = 'liu.yang@example.org';

/** A wait on the page for an answer of the loaded system: seconds, not vitest's default one. */
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 15_000 });

let browser: StaffBrowser;
let adminToken: string;

const adminCall = async (method: string, path: string, body?: unknown) => {
  const answer = await request(method, path, {
    headers: { authorization: `Bearer ${adminToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return answer;
};

async function staffEntry(email: string): Promise<{ departments: string[]; version: number }> {
  const list = (await adminCall('GET', '/admin/staff')).json<{ email: string; departments: string[]; version: number }[]>();
  return list.find((m) => m.email.toLowerCase() === email)!;
}

beforeAll(async () => {
  browser = await staffBrowser();
  adminToken = await staffToken('admin@example.org');
  for (const [id, supervisor] of [[first, 'wang.fang@example.org'], [second, 'chen.jie@example.org']] as const) {
    const made = await adminCall('POST', '/admin/departments', { id, name: { 'zh-CN': `测试部门 ${id}`, en: `Test department ${id}` }, supervisor });
    expect(made.status, made.text).toBe(201);
  }
  const made = await adminCall('POST', '/admin/categories', {
    id: category,
    name: { 'zh-CN': `测试类别 ${run}`, en: `Test category ${run}` },
    kinds: ['complaint'],
    defaultType: 'complaint',
    level: { complaint: 1 },
    department: first,
  });
  expect(made.status, made.text).toBe(201);
}, 120_000);

afterAll(async () => {
  const entry = adminToken ? await staffEntry(handler).catch(() => undefined) : undefined;
  if (entry?.departments.includes(second)) {
    await adminCall('PATCH', `/admin/staff/${handler}`, { version: entry.version, departments: entry.departments.filter((d) => d !== second) });
  }
  await browser?.close();
});

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated, not added as a script tag: the page's CSP (rightly) refuses an inline script it does not know.
  await page.evaluate(axeSource);
  const result = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as { violations: { id: string; impact: string }[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact}: ${v.id}`);
}

/** Signs in at the console in `language`, follows its link to the administration page and opens `tab`. */
async function openAdmin(email: string, language: Language, tab: string): Promise<{ page: Page; problems: string[] }> {
  const opened = await browser.open(`/staff?lang=${language}`);
  const { page } = opened;
  if (language === 'zh-CN') await signIn(page, email);
  else {
    await page.locator('#f-email').fill(email);
    await page.locator('#f-password').fill('Local-Staff-1');
    await page.locator('#signin-send').tap();
    await poll(() => page.locator('#who-email').textContent()).toBe(email);
  }
  await page.locator('#admin-open').tap();
  await poll(() => page.locator('#who-email').textContent()).toBe(email);
  await showTab(page, tab);
  return opened;
}

async function showTab(page: Page, tab: string): Promise<void> {
  await page.locator(`[data-tab="${tab}"]`).tap();
  await poll(() => page.locator(`#tab-${tab}`).isVisible()).toBe(true);
  await poll(() => page.locator('#admin-state').textContent()).not.toBe(words['zh-CN']['admin.loading']);
  await poll(() => page.locator('#admin-state').textContent()).not.toBe(words.en['admin.loading']);
}

/** Ticks a checkbox as a person does: a tap on its label (the whole choice box is the label's target). */
async function tick(page: Page, id: string): Promise<void> {
  await page.locator(`label[for="${id}"]`).tap();
  expect(await page.locator(`#${id}`).isChecked(), id).toBe(true);
}

async function checkScreen(page: Page, name: string): Promise<void> {
  await expectPhoneWidth(page);
  expect(await seriousViolations(page), name).toEqual([]);
  await screenshot(page, `admin-${name}`);
}

/** The department and assignee the workflow gave a case, read through the staff API. */
async function routed(caseNumber: string): Promise<{ department: string; assignee: string }> {
  return waitFor(
    async () => {
      const view = await adminCall('GET', `/staff/cases/${caseNumber}`);
      const body = view.status === 200 ? view.json<{ department?: string; assignee?: string }>() : {};
      return body.department && body.assignee ? { department: body.department, assignee: body.assignee } : undefined;
    },
    40_000,
    `the routing of ${caseNumber}`,
  );
}

const complaint = (what: string) => submitComplaint({ category, description: `管理测试：${what}，请按部门分派处理。`, contactEmail: uniqueEmail() });

describe('administration in the console (Chromium, 360 px, zh-CN and en, axe-core)', () => {
  it('an admin adds a handler and the next case of their department goes to them', async () => {
    const { page, problems } = await openAdmin('admin@example.org', 'zh-CN', 'staff');
    const email = `new-${run}@example.org`;
    await page.locator('#s-email').fill(email);
    await page.locator('#s-name').fill(`新同事 ${run}`);
    await tick(page, 's-roles-handler');
    await tick(page, `s-departments-${first}`);
    await checkScreen(page, 'staff-zh');
    await page.locator('#staff-form button[type=submit]').tap();
    await poll(() => page.locator('#staff-list').textContent()).toContain(email);
    expect(await page.locator('#admin-state').textContent()).toBe(words['zh-CN']['admin.staff.added'].replace('{email}', email));

    const { assignee } = await assignmentMail(await complaint('新承办人'));
    expect(assignee).toBe(email);
    expect(problems).toEqual([]);
  });

  it('a handler declares their absence and that day the case goes elsewhere', async () => {
    const entry = await staffEntry(handler);
    const joined = await adminCall('PATCH', `/admin/staff/${handler}`, { version: entry.version, departments: [...entry.departments, second] });
    expect(joined.status, joined.text).toBe(200);
    // The control: without the absence, the department's one handler gets its case.
    await adminCall('PATCH', `/admin/categories/${category}`, { version: await categoryVersion(), department: second });
    expect((await routed(await complaint('请假前'))).assignee).toBe(handler);

    const { page, problems } = await openAdmin(handler, 'en', 'absences');
    // A handler sees their own absences only: no staff or admin tabs.
    expect(await page.locator('[data-tab="staff"]').isHidden()).toBe(true);
    expect(await page.locator('[data-tab="calendar"]').isHidden()).toBe(true);
    expect(await page.locator('#ab-email').inputValue()).toBe(handler);
    await page.locator('#ab-reason').fill('Annual leave');
    await checkScreen(page, 'absences-en');
    await page.locator('#absence-form button[type=submit]').tap();
    await poll(() => page.locator('#absences-mine').textContent()).toContain('Annual leave');

    const elsewhere = await routed(await complaint('请假当天'));
    expect(elsewhere.department).toBe(second);
    expect(elsewhere.assignee).not.toBe(handler);

    // Back at work: the absence deleted in the console.
    await page.locator('#absences-mine button').tap();
    await poll(() => page.locator('#absences-mine').textContent()).toBe(words.en['admin.empty']);
    expect(problems).toEqual([]);
  });

  it('an admin moves a category to another department and the next case routes there', async () => {
    const { page, problems } = await openAdmin('director@example.org', 'en', 'structure');
    const select = page.locator(`#cat-${category}`);
    expect(await select.inputValue()).toBe(second);
    await select.selectOption(first);
    await checkScreen(page, 'structure-en');
    await page.locator(`li:has(#cat-${category}) button`).tap();
    await poll(() => page.locator('#admin-state').textContent()).toBe(words.en['admin.saved']);
    expect((await routed(await complaint('类别改派'))).department).toBe(first);
    expect(problems).toEqual([]);
  });

  it('an admin adds a holiday and the deadline of a case received the day before moves', async () => {
    const calendar = workingCalendar(loadStageConfig('local'));
    const caseNumber = await complaint('节假日');
    await routed(caseNumber);
    const before = await deadlines(caseNumber);
    // The next working day after the case's day becomes a holiday.
    let day = new Date();
    do day = new Date(day.getTime() + 86_400_000);
    while (!isWorkingDay(calendar, localDate(calendar, day)));
    const holiday = localDate(calendar, day);

    const { page, problems } = await openAdmin('admin@example.org', 'zh-CN', 'calendar');
    await page.locator('#c-date').fill(holiday);
    await page.locator('#c-name').fill(`测试假日 ${run}`);
    await checkScreen(page, 'calendar-zh');
    await page.locator('#day-form button[type=submit]').tap();
    await poll(() => page.locator('#calendar-days').textContent()).toContain(holiday);

    const moved = await waitFor(
      async () => {
        const after = await deadlines(caseNumber);
        return after.find((d) => before.some((b) => b.name === d.name && b.state === 'open' && b.dueAt < d.dueAt));
      },
      60_000,
      `a deadline of ${caseNumber} moved past the holiday ${holiday}`,
    );
    // The explanation says why: the holiday is a skipped day, and the move is recorded.
    expect(moved.explanation.skippedDays.map((d) => d.date)).toContain(holiday);
    expect(moved.explanation.recomputations.length).toBeGreaterThan(0);

    // Taken back at once: other tests' deadlines use the real calendar.
    await page.locator(`#calendar-days li:has-text("${holiday}") button`).tap();
    await poll(() => page.locator('#calendar-days').textContent()).not.toContain(holiday);
    expect(problems).toEqual([]);
  });

  it("a supervisor sees their departments' staff and may add only handlers; the admin-only screens are not theirs", async () => {
    const { page, problems } = await openAdmin('wang.fang@example.org', 'zh-CN', 'staff');
    await poll(() => page.locator('#staff-list').textContent()).toContain('li.na@example.org');
    expect(await page.locator('#staff-list').textContent()).not.toContain('liu.yang@example.org');
    for (const tab of ['structure', 'calendar', 'limits', 'audit']) expect(await page.locator(`[data-tab="${tab}"]`).isHidden(), tab).toBe(true);
    expect(await page.locator('#s-roles-handler').isVisible()).toBe(true);
    for (const role of ['supervisor', 'admin']) expect(await page.locator(`#s-roles-${role}`).isVisible(), role).toBe(false);
    await checkScreen(page, 'staff-supervisor-zh');
    expect(problems).toEqual([]);
  });

  it('every change is in the audit list', async () => {
    const { page, problems } = await openAdmin('admin@example.org', 'en', 'audit');
    expect(await page.locator('#admin-alert').isHidden(), (await page.locator('#admin-alert').textContent())!).toBe(true);
    await poll(() => page.locator('#audit-list').textContent()).toContain(category);
    const audit = (await page.locator('#audit-list').textContent())!;
    for (const entity of ['staff', 'absence', 'category', 'calendar']) expect(audit).toContain(entity);
    expect(audit).toContain(category);
    await checkScreen(page, 'audit-en');
    expect(problems).toEqual([]);
  });

  it.each(['zh-CN', 'en'] as const)('every screen at phone width in %s, axe clean', async (language) => {
    const { page, problems } = await openAdmin('director@example.org', language, 'absences');
    for (const tab of ['absences', 'staff', 'structure', 'calendar', 'limits', 'audit']) {
      await showTab(page, tab);
      await checkScreen(page, `${tab}-${language}`);
    }
    // A refused field is named, and marked on its control.
    await showTab(page, 'staff');
    await page.locator('#s-email').fill(`bad-${run}@example.org`);
    await page.locator('#staff-form button[type=submit]').tap();
    await poll(() => page.locator('#admin-alert').textContent()).toContain(words[language]['admin.invalid']);
    expect(await page.locator('#admin-alert').textContent()).toMatch(/\bname\b|\broles\b/);
    expect(await page.locator('#s-name').getAttribute('aria-invalid')).toBe('true');
    // A stale version is a clear conflict, with a reload that keeps what was chosen.
    await showTab(page, 'structure');
    const select = page.locator(`#cat-${category}`);
    const department = await select.inputValue();
    const renamed = await adminCall('PATCH', `/admin/categories/${category}`, { version: await categoryVersion(), name: { 'zh-CN': `测试类别 ${run} ${language}`, en: `Test category ${run} ${language}` } });
    expect(renamed.status, renamed.text).toBe(200);
    await select.selectOption(second);
    await page.locator(`li:has(#cat-${category}) button`).tap();
    await poll(() => page.locator('#admin-alert').textContent()).toContain(words[language]['admin.conflict']);
    await page.locator('#admin-reload').tap();
    await poll(() => page.locator('#categories-list').textContent()).toContain(`${run} ${language}`);
    expect(await select.inputValue()).toBe(second);
    await select.selectOption(department);
    await page.locator(`li:has(#cat-${category}) button`).tap();
    await poll(() => page.locator('#admin-state').textContent()).toBe(words[language]['admin.saved']);
    expect(problems).toEqual([]);
  });
});

async function categoryVersion(): Promise<number> {
  const list = (await adminCall('GET', '/admin/categories')).json<{ id: string; version: number }[] | { items: { id: string; version: number }[] }>();
  return (Array.isArray(list) ? list : list.items).find((c) => c.id === category)!.version;
}

interface DeadlineView {
  readonly name: string;
  readonly dueAt: string;
  readonly state: string;
  readonly explanation: { readonly skippedDays: readonly { readonly date: string }[]; readonly recomputations: readonly unknown[] };
}

async function deadlines(caseNumber: string): Promise<DeadlineView[]> {
  const view = await adminCall('GET', `/staff/cases/${caseNumber}`);
  return view.json<{ deadlines: DeadlineView[] }>().deadlines;
}
