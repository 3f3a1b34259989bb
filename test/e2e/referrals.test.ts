/**
 * Referral to the authorities (issue 21 item 9; seeds 002 and 004: 涉及法律问题的及时报送有关部门，
 * 涉嫌刑事犯罪的向公安机关报案; Cybersecurity Law Art. 47): the staff action `refer` over
 * real HTTP records the authority, the reference, when it was sent and what, in the case
 * history; a case may be referred more than once; bad bodies are 400 naming the field and
 * change nothing; who may refer follows the authorisation matrix. The counts in the
 * management report and the transparency summary: test/e2e/management-report.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { complaintBody, uniqueMarker } from '../support/cases';
import { postJson, request } from '../support/http-client';
import { staffToken } from '../support/staff';
import { waitFor } from '../support/system';

const from = '127.0.3.41';
const auth = async (who: string) => ({ authorization: `Bearer ${await staffToken(`${who}@example.org`)}` });

interface StaffView {
  version: number;
  assignee: string | null;
  status: string;
  history: { action: string; actor: string; note?: string }[];
}

const read = async (caseNumber: string, who = 'director') => {
  const answer = await request('GET', `/staff/cases/${caseNumber}`, { from, headers: await auth(who) });
  expect(answer.status, answer.text).toBe(200);
  return answer.json<StaffView>();
};
const act = async (caseNumber: string, who: string, body: Record<string, unknown>) =>
  postJson(`/staff/cases/${caseNumber}/actions`, { ...body, version: (await read(caseNumber)).version }, { from, headers: await auth(who) });

let caseNumber = '';
let accessToken = '';

beforeAll(async () => {
  const marker = uniqueMarker();
  const created = await postJson('/complaints', complaintBody(marker), { from });
  expect(created.status, created.text).toBe(201);
  ({ caseNumber, accessToken } = created.json<{ caseNumber: string; accessToken: string }>());
  await waitFor(async () => (await read(caseNumber)).assignee, 60_000, 'the case assigned');
}, 90_000);

describe('refer (报送有关部门)', () => {
  it('records authority, reference, sending time and what was sent in the history; a second referral is a second entry', async () => {
    const sentAt = new Date(Date.now() - 3_600_000);
    sentAt.setMilliseconds(0);
    const first = await act(caseNumber, 'director', { action: 'refer', authority: '市公安局网安支队', reference: 'GA-2026-1207', sentAt: sentAt.toISOString(), note: '网站地址、截图和受害人陈述' });
    expect(first.status, first.text).toBe(200);
    const second = await act(caseNumber, 'director', { action: 'refer', authority: '市网信办' });
    expect(second.status, second.text).toBe(200);

    const referrals = (await read(caseNumber)).history.filter((h) => h.action === 'refer');
    expect(referrals).toHaveLength(2);
    expect(referrals[0]).toMatchObject({ actor: 'director@example.org' });
    expect(referrals[0]!.note).toContain('市公安局网安支队');
    expect(referrals[0]!.note).toContain('GA-2026-1207');
    expect(referrals[0]!.note).toContain(sentAt.toISOString());
    expect(referrals[0]!.note).toContain('网站地址、截图和受害人陈述');
    expect(referrals[1]!.note).toContain('市网信办');
  });

  it('is internal: the complainant’s status shows neither the authority nor the reference', async () => {
    const answer = await request('GET', `/complaints/${caseNumber}`, { from, headers: { authorization: `Bearer ${accessToken}` } });
    expect(answer.status).toBe(200);
    expect(answer.text).not.toContain('公安');
    expect(answer.text).not.toContain('GA-2026-1207');
  });

  it('bad bodies are 400 naming the field, and change nothing', async () => {
    const before = await read(caseNumber);
    const bodies: [Record<string, unknown>, string][] = [
      [{ action: 'refer' }, 'authority'],
      [{ action: 'refer', authority: '   ' }, 'authority'],
      [{ action: 'refer', authority: '市公安局', surprise: 1 }, 'surprise'],
      [{ action: 'refer', authority: '市公安局', sentAt: 'yesterday' }, 'sentAt'],
      [{ action: 'refer', authority: '市公安局', sentAt: new Date(Date.now() + 86_400_000).toISOString() }, 'sentAt'],
      [{ action: 'refer', authority: 'x'.repeat(201) }, 'authority'],
    ];
    for (const [body, field] of bodies) {
      const answer = await postJson(`/staff/cases/${caseNumber}/actions`, { ...body, version: before.version }, { from, headers: await auth('director') });
      expect([answer.status, answer.headers['content-type']], `${JSON.stringify(body)}: ${answer.text}`).toEqual([400, expect.stringMatching(/^application\/problem\+json/)]);
      expect(JSON.stringify(answer.json<{ errors: unknown[] }>().errors)).toContain(field);
    }
    const after = await read(caseNumber);
    expect([after.version, after.history.length]).toEqual([before.version, before.history.length]);
  });

  it('a handler of another department does not see the case (404)', async () => {
    const answer = await act(caseNumber, 'liu.yang', { action: 'refer', authority: '市公安局' });
    expect(answer.status).toBe(404);
  });
});
