/**
 * Issue 19 item 5: contact keys are normalised (api.md "Addresses are compared without
 * case and without a `+tag`, phone numbers without a leading `+86`/`0086`") for the mail
 * cap, the malicious-mark pause, clusters and duplicates. Over HTTP against the local
 * system: public reports, the staff action with a real token, the workflow behind them.
 */
import { describe, expect, it } from 'vitest';
import { randomInt } from 'node:crypto';
import { complaintBody, itemsMentioning, uniqueMarker } from '../support/cases';
import { postJson, request } from '../support/http-client';
import { staffToken } from '../support/staff';
import { mailsTo, waitFor } from '../support/system';

interface Created {
  readonly caseNumber: string;
  readonly accessToken: string;
}

const view = async (c: Created, from: string) =>
  (await request('GET', `/complaints/${c.caseNumber}`, { from, headers: { authorization: `Bearer ${c.accessToken}` } })).json<{ status: string; priority?: string }>();
const settled = (c: Created, from: string) =>
  waitFor(async () => {
    const v = await view(c, from);
    return ['assigned', 'closed'].includes(v.status) ? v : undefined;
  }, 30_000, `${c.caseNumber} classified`);

async function report(from: string, subject: string, contact: Record<string, string>): Promise<Created> {
  const marker = uniqueMarker();
  const body = complaintBody(marker, { kind: 'report', category: 'harassment', subject: { type: 'account', value: subject }, description: `该账号持续发送辱骂私信 ${marker}`, contact });
  const answer = await postJson('/complaints', body, { from });
  expect(answer.status, answer.text).toBe(201);
  const created = answer.json<Created>();
  await settled(created, from);
  return created;
}

const mobile = (): string => `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;

describe('issue 19 item 5: contact keys without case, +tag or +86', () => {
  it('three plus-addresses of one inbox do not make a subject hot', async () => {
    const from = '127.0.19.51';
    const inbox = uniqueMarker();
    const subject = `plus-${uniqueMarker()}`;
    const cases = [
      await report(from, subject, { email: `${inbox}+a@example.com` }),
      await report(from, subject, { email: `${inbox.toUpperCase()}+b@Example.com` }),
      await report(from, subject, { email: `${inbox}+c@example.com` }),
    ];
    for (const c of cases) expect((await view(c, from)).priority).toBe('general');
  });

  it('a phone written with +86 hits the pause of the same phone marked malicious', async () => {
    const from = '127.0.19.52';
    const phone = mobile();
    const marked = await report(from, `paused-${uniqueMarker()}`, { phone });
    const headers = { authorization: `Bearer ${await staffToken('wu.hao@example.org')}` };
    const { version } = (await request('GET', `/staff/cases/${marked.caseNumber}`, { from, headers })).json<{ version: number }>();
    const mark = await postJson(`/staff/cases/${marked.caseNumber}/actions`, { action: 'mark-malicious', version, reason: '同一虚假内容反复举报' }, { from, headers });
    expect(mark.status, mark.text).toBe(200);

    for (const spelled of [`+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`, `0086-${phone}`]) {
      const marker = uniqueMarker();
      const body = complaintBody(marker, { kind: 'report', category: 'harassment', subject: { type: 'account', value: `paused-${marker}` }, description: `该账号持续发送辱骂私信 ${marker}`, contact: { phone: spelled } });
      const refused = await postJson('/complaints', body, { from });
      expect(refused.status, refused.text).toBe(403);
      expect(refused.json<{ type: string }>().type).toBe('/problems/submitter-paused');
      expect(await itemsMentioning(marker)).toEqual([]);
    }
  });

  it('the daily mail cap counts plus-addresses of one inbox as one address', async () => {
    const from = '127.0.19.53';
    const inbox = uniqueMarker();
    const cap = 10; // the local stage's mailsPerRecipientPerDay (api.md)
    const addresses = Array.from({ length: cap + 2 }, (_, i) => `${inbox}+${i}@example.com`);
    const numbers: string[] = [];
    for (const [i, email] of addresses.entries()) {
      const answer = await postJson('/complaints', complaintBody(uniqueMarker(), { subject: { type: 'account', value: `cap-${i}-${inbox}` }, contact: { email } }), { from });
      expect(answer.status, answer.text).toBe(201);
      numbers.push(answer.json<Created>().caseNumber);
    }
    const receipts = async () => (await Promise.all(addresses.map(mailsTo))).flat().filter((mail) => numbers.some((n) => mail.subject.includes(n)));
    await waitFor(async () => ((await receipts()).length >= cap ? true : undefined), 30_000, `${cap} receipts`);
    // Time for the last two notices to be decided (and refused by the cap).
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await receipts()).toHaveLength(cap);
  });
});
