/**
 * The staff console's work list and case view in Chromium (issue #11), on a 360 px phone
 * against the whole local system: an overdue case carries its mark in the work list; a
 * supervisor reveals a confidential complainant's contact with a reason, which the history
 * keeps; an evidence file that passed the content check is a download link.
 * `npm run test:browser` (needs /usr/bin/chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../support/http-client';
import { staffToken } from '../support/staff';
import { png, postFile } from '../support/uploads';
import type { UploadCreated } from '../../shared/schemas/upload-request';
import { assignmentMail, expectPhoneWidth, screenshot, signIn, type StaffBrowser, staffBrowser, uniqueEmail, zh } from './staff-browser';

let browser: StaffBrowser;

beforeAll(async () => {
  browser = await staffBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const complaint = (contactEmail: string, extra: Record<string, unknown> = {}) => ({
  kind: 'complaint',
  category: 'service-quality',
  subject: { type: 'url', value: 'https://shop.example.cn/orders' },
  description: '退款申请两周无人处理，客服电话一直占线。',
  contact: { name: '测试用户', email: contactEmail },
  language: 'zh-CN',
  ...extra,
});

/** The supervisor of customer-service who is not the case's handler (王芳 handles cases too). */
const otherSupervisor = (assignee: string) => (assignee === 'wang.fang@example.org' ? 'director@example.org' : 'wang.fang@example.org');

async function openCaseAs(email: string, caseNumber: string) {
  const opened = await browser.open(`/staff?case=${caseNumber}`);
  await signIn(opened.page, email);
  await expect.poll(() => opened.page.locator('#case-title').textContent()).toBe(caseNumber);
  return opened;
}

describe('staff console work list and case view (Chromium, 360 px)', () => {
  it('the work list marks a case whose deadline passed: a phone case entered six days after it came in', async () => {
    const headers = { authorization: `Bearer ${await staffToken('wang.fang@example.org')}` };
    // Six days: a staff entry is at most 7 days back (api.md); its first deadlines have passed.
    const receivedAt = new Date(Date.now() - 6 * 86_400_000).toISOString();
    const entered = await postJson('/staff/cases', { ...complaint(uniqueEmail()), channel: 'phone', receivedAt }, { headers });
    expect(entered.status, entered.text).toBe(201);
    const { caseNumber } = entered.json<{ caseNumber: string }>();
    const { assignee } = await assignmentMail(caseNumber);

    const { page, problems } = await browser.open('/staff');
    await signIn(page, assignee);
    await page.locator('[data-view="overdue"]').tap();
    const row = page.locator('#work li', { has: page.locator('a.case-link', { hasText: caseNumber }) });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.getAttribute('class')).toContain('overdue');
    expect(await row.locator('.badge.overdue').textContent()).toBe(zh['staff.overdue']);
    await expectPhoneWidth(page);
    await screenshot(page, 'staff-work-overdue', false);
    expect(problems).toEqual([]);
  });

  it('a supervisor reveals a confidential complainant’s contact with a reason; the reason is in the history', async () => {
    const contactEmail = uniqueEmail();
    const created = await postJson('/complaints', complaint(contactEmail, { confidential: true }));
    expect(created.status, created.text).toBe(201);
    const { caseNumber } = created.json<{ caseNumber: string }>();
    const { assignee } = await assignmentMail(caseNumber);

    const { page, problems } = await openCaseAs(otherSupervisor(assignee), caseNumber);
    expect(await page.locator('#case-contact').textContent()).toContain(zh['staff.case.contactHidden']);
    expect(await page.locator('#case-contact').textContent()).not.toContain(contactEmail);
    const reason = `回访投诉人核实退款进度 ${caseNumber}`;
    await page.locator('#f-reveal-reason').fill(reason);
    await page.locator('#reveal-form button[type=submit]').tap();
    await expect.poll(() => page.locator('#case-contact').textContent()).toContain(contactEmail);
    await expect.poll(() => page.locator('#case-history').textContent()).toContain(reason);
    expect(await page.locator('#case-history li', { hasText: reason }).locator('.what').textContent()).toBe(zh['staff.action.reveal-contact']);
    expect(await page.locator('#reveal-form').isHidden()).toBe(true);
    await expectPhoneWidth(page);
    expect(problems).toEqual([]);
  });

  it('an evidence file that passed the content check is a download link in the case view', async () => {
    const upload = await postJson('/uploads', { fileName: '截图.png', contentType: 'image/png', size: png.length });
    expect(upload.status, upload.text).toBe(201);
    const created = upload.json<UploadCreated>();
    expect(await postFile(created, png, 'image/png')).toBe(204);
    const submitted = await postJson('/complaints', complaint(uniqueEmail(), { evidence: [{ uploadId: created.uploadId }] }));
    expect(submitted.status, submitted.text).toBe(201);
    const { caseNumber } = submitted.json<{ caseNumber: string }>();
    const { assignee } = await assignmentMail(caseNumber);

    const { page, problems } = await openCaseAs(assignee, caseNumber);
    const link = page.locator('a.evidence-file');
    await expect.poll(() => link.count()).toBe(1);
    expect(await link.textContent()).toContain('截图.png');
    const href = (await link.getAttribute('href'))!;
    expect(await link.getAttribute('rel')).toContain('noreferrer');
    const fetched = await fetch(href);
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer())).toEqual(png);
    expect(problems).toEqual([]);
  });
});
