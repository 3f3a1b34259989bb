import { describe, expect, it } from 'vitest';
import { complaintBody, uniqueMarker } from '../support/cases';
import { postJson, request } from '../support/http-client';
import { sesStore, waitFor } from '../support/system';

const from = '127.0.0.21';

describe('the workflow runs itself (end to end over HTTP, local runtime pollers)', () => {
  it('a complaint from the form is reviewed, classified and assigned with nobody touching it; the assignee mail is in the outbox', async () => {
    const marker = uniqueMarker();
    const created = await postJson('/complaints', complaintBody(marker, { subject: { type: 'account', value: `e2e-${marker}` } }), { from });
    expect(created.status).toBe(201);
    const { caseNumber, accessToken } = created.json<{ caseNumber: string; accessToken: string }>();

    const assignment = await waitFor(
      async () => (await sesStore()).find((m) => m.subject.includes(caseNumber) && m.subject.includes('新分派')),
      30_000,
      'the assignment mail',
    );
    expect(assignment.destination.to[0]).toMatch(/@example\.org$/);
    expect(assignment.body.text).toContain(`/staff?case=${caseNumber}`);
    expect(`${assignment.subject}${assignment.body.text}${assignment.body.html}`).not.toContain(marker); // no name, email or description

    const view = await request('GET', `/complaints/${caseNumber}`, { from, headers: { authorization: `Bearer ${accessToken}` } });
    expect(view.json()).toMatchObject({ status: 'assigned', level: 1, priority: expect.any(String), expectedBy: expect.any(String) });
  });
});
