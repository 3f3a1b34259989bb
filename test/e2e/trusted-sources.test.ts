/**
 * Trusted flaggers first (issue 21 item 14; DSA Art. 22; seed 002 names 12377 and the
 * authorities as sources of reports), over real HTTP: a report posted with a configured
 * source's key (`X-Trusted-Source-Key`; the local stage's demo source `demo-12377`) is marked
 * with the source and prioritised at least `important`; an unknown key is 401 and stores
 * nothing; without the header nothing changes. The separate count in the report and the
 * public summary: test/e2e/management-report.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { complaintBody, itemsMentioning, uniqueMarker } from '../support/cases';
import { postJson, request } from '../support/http-client';
import { staffToken } from '../support/staff';
import { waitFor } from '../support/system';

const demoTrustedKey = 'local-demo-trusted-12377-key-0000000000000000';
const from = '127.0.3.44';

const report = (marker: string) =>
  complaintBody(marker, { kind: 'report', category: 'harassment', subject: { type: 'account', value: `trusted-${marker}` }, description: `该账号批量发布辱骂信息 ${marker}` });
const staffView = async (caseNumber: string) => {
  const headers = { authorization: `Bearer ${await staffToken('director@example.org')}` };
  return waitFor(async () => {
    const answer = await request('GET', `/staff/cases/${caseNumber}`, { from, headers });
    const view = answer.json<{ priority?: string; trustedSource?: string; assignee?: string | null }>();
    return view.priority ? view : undefined;
  }, 60_000, `${caseNumber} classified`);
};

describe('trusted flaggers (DSA Art. 22)', () => {
  it('a report with a trusted source’s key is marked with the source and at least important', async () => {
    const created = await postJson('/complaints', report(uniqueMarker()), { from, headers: { 'x-trusted-source-key': demoTrustedKey } });
    expect(created.status, created.text).toBe(201);
    const view = await staffView(created.json<{ caseNumber: string }>().caseNumber);
    expect(view.trustedSource).toBe('demo-12377');
    expect(['important', 'hot', 'major']).toContain(view.priority);
  });

  it('the same report without a key is neither marked nor raised', async () => {
    const created = await postJson('/complaints', report(uniqueMarker()), { from });
    expect(created.status, created.text).toBe(201);
    const view = await staffView(created.json<{ caseNumber: string }>().caseNumber);
    expect(view.trustedSource).toBeUndefined();
    expect(view.priority).toBe('general');
  });

  it('an unknown key is 401 problem+json and stores nothing', async () => {
    const marker = uniqueMarker();
    const refused = await postJson('/complaints', report(marker), { from, headers: { 'x-trusted-source-key': `${demoTrustedKey}-wrong` } });
    expect([refused.status, refused.headers['content-type']]).toEqual([401, expect.stringMatching(/^application\/problem\+json/)]);
    expect(refused.json<{ type: string }>().type).toBe('/problems/unknown-trusted-source');
    expect(refused.text).not.toContain(demoTrustedKey);
    expect(await itemsMentioning(marker)).toEqual([]);
  });
});
