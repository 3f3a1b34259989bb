/**
 * What `mark-malicious` sets off (issue 11 item 3): the marked case leaves its subject's
 * cluster, so it no longer counts toward making the subject hot (热点: distinct
 * complainants within the window, three in the local stage), and its submitter may not
 * file online for `rateLimits.markedSubmitterDays` (30 in the local stage). End to end over HTTP:
 * public reports, the staff action with a real token, the workflow classifying the next
 * reports.
 */
import { describe, expect, it } from 'vitest';
import { complaintBody, itemsMentioning, uniqueMarker } from '../support/cases';
import { postJson, request } from '../support/http-client';
import { staffToken } from '../support/staff';
import { waitFor } from '../support/system';

const from = '127.0.3.3';

interface Created {
  readonly caseNumber: string;
  readonly accessToken: string;
}

const view = async (c: Created) =>
  (await request('GET', `/complaints/${c.caseNumber}`, { from, headers: { authorization: `Bearer ${c.accessToken}` } })).json<{ status: string; priority?: string }>();
/** Classified and assigned (or closed): its cluster count is decided. */
const settled = (c: Created) =>
  waitFor(async () => {
    const v = await view(c);
    return ['assigned', 'closed'].includes(v.status) ? v : undefined;
  }, 30_000, `${c.caseNumber} classified`);

/** A level-2 report by an identified complainant (harassment: content-security). */
async function report(subject: string): Promise<Created> {
  const marker = uniqueMarker();
  const body = complaintBody(marker, { kind: 'report', category: 'harassment', subject: { type: 'account', value: subject }, description: `该账号持续发送辱骂私信 ${marker}` });
  const answer = await postJson('/complaints', body, { from });
  expect(answer.status, answer.text).toBe(201);
  const created = answer.json<Created>();
  await settled(created);
  return created;
}

/** The department's supervisor marks the case malicious over HTTP. */
async function markMalicious(c: Created): Promise<number> {
  const headers = { authorization: `Bearer ${await staffToken('wu.hao@example.org')}` };
  const { version } = (await request('GET', `/staff/cases/${c.caseNumber}`, { from, headers })).json<{ version: number }>();
  const answer = await postJson(`/staff/cases/${c.caseNumber}/actions`, { action: 'mark-malicious', version, reason: '同一虚假内容反复举报' }, { from, headers });
  return answer.status;
}

describe('a case marked malicious stops counting toward its subject’s cluster', () => {
  it('unmarked, a third complainant makes the subject hot', async () => {
    const subject = `cluster-${uniqueMarker()}`;
    const [first, second] = [await report(subject), await report(subject)];
    expect((await view(second)).priority).toBe('general');
    const third = await report(subject);
    expect((await view(third)).priority).toBe('hot');
    await waitFor(async () => ((await view(first)).priority === 'hot' ? true : undefined), 30_000, 'the first member raised with the cluster');
  });

  it('with the first case marked malicious, the third complainant does not; a fourth does, and the marked case is not raised', async () => {
    const subject = `cluster-${uniqueMarker()}`;
    const [first, second] = [await report(subject), await report(subject)];
    expect(await markMalicious(first)).toBe(200);
    const third = await report(subject);
    expect((await view(third)).priority).toBe('general');
    const fourth = await report(subject);
    expect((await view(fourth)).priority).toBe('hot');
    await waitFor(async () => ((await view(second)).priority === 'hot' ? true : undefined), 30_000, 'the second member raised with the cluster');
    expect(await view(first)).toMatchObject({ status: 'closed', priority: 'general' });
  });
});

describe('a case marked malicious pauses its submitter online', () => {
  it('their next post is refused (403 problem+json) and stores nothing; another person, and a phone case staff enter for them, still register', async () => {
    const email = `${uniqueMarker()}-paused@example.com`;
    const byThem = (marker: string) =>
      complaintBody(marker, { kind: 'report', category: 'harassment', subject: { type: 'account', value: `paused-${marker}` }, description: `该账号持续发送辱骂私信 ${marker}`, contact: { email } });
    const firstMarker = uniqueMarker();
    const first = await postJson('/complaints', byThem(firstMarker), { from });
    expect(first.status, first.text).toBe(201);
    const created = first.json<Created>();
    await settled(created);
    // Before the mark the same person may post again.
    const before = await postJson('/complaints', byThem(uniqueMarker()), { from });
    expect(before.status, before.text).toBe(201);
    expect(await markMalicious(created)).toBe(200);

    const marker = uniqueMarker();
    const refused = await postJson('/complaints', byThem(marker), { from });
    expect([refused.status, refused.headers['content-type']]).toEqual([403, expect.stringMatching(/^application\/problem\+json/)]);
    expect(refused.json<{ type: string }>().type).toBe('/problems/submitter-paused');
    expect(await itemsMentioning(marker)).toEqual([]);

    const someoneElse = await postJson('/complaints', complaintBody(uniqueMarker(), { kind: 'report', category: 'harassment' }), { from });
    expect(someoneElse.status, someoneElse.text).toBe(201);
    const receivedAt = new Date(Date.now() - 60_000).toISOString();
    const byPhone = await postJson('/staff/cases', { ...byThem(uniqueMarker()), channel: 'phone', receivedAt }, { from, headers: { authorization: `Bearer ${await staffToken('li.na@example.org')}` } });
    expect(byPhone.status, byPhone.text).toBe(201);
  });
});
