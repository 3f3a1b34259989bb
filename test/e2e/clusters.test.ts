/**
 * Who counts as a complainant (issue 12, "fixes the same path needs"), end to end over
 * HTTP against the local system: anonymous reports can be told apart from nobody, so
 * they never make a subject hot and are never merged as one person's duplicate;
 * identified complainants still are.
 */
import { describe, expect, it } from 'vitest';
import { complaintBody, uniqueMarker } from '../support/cases';
import { postJson, request } from '../support/http-client';
import { waitFor } from '../support/system';

const from = '127.0.0.81';

interface Created {
  readonly caseNumber: string;
  readonly accessToken: string;
}
interface View {
  readonly status: string;
  readonly priority?: string;
  readonly history: { status: string; note?: string }[];
}

const view = async (c: Created) => (await request('GET', `/complaints/${c.caseNumber}`, { from, headers: { authorization: `Bearer ${c.accessToken}` } })).json<View>();
/** Classified: assigned to a handler, or closed as a merged duplicate. */
const settled = (c: Created) => waitFor(async () => {
  const v = await view(c);
  return ['assigned', 'closed'].includes(v.status) ? v : undefined;
}, 30_000, `${c.caseNumber} classified`);

/** A level-2 report (harassment needs no evidence), anonymous unless a contact is given. */
async function report(marker: string, subject: string, contact?: string): Promise<Created> {
  const body = complaintBody(marker, {
    kind: 'report',
    category: 'harassment',
    subject: { type: 'account', value: subject },
    description: `该账号持续发送辱骂私信 ${subject}`,
    contact: contact ? { email: `${contact}@example.com` } : undefined,
  });
  const answer = await postJson('/complaints', body, { from });
  expect(answer.status, answer.text).toBe(201);
  return answer.json<Created>();
}

describe('anonymous reports are nobody in particular', () => {
  it('three anonymous reports about one subject do not make it hot', async () => {
    const subject = `troll-${uniqueMarker()}`;
    const cases = [await report(uniqueMarker(), subject), await report(uniqueMarker(), subject), await report(uniqueMarker(), subject)];
    for (const c of cases) expect(await settled(c)).toMatchObject({ status: 'assigned', priority: 'general' });
  });

  it('two anonymous reports with the same text stay two live cases', async () => {
    const subject = `spam-${uniqueMarker()}`;
    const marker = uniqueMarker();
    const first = await report(marker, subject);
    expect(await settled(first)).toMatchObject({ status: 'assigned' });
    const second = await report(marker, subject);
    expect(await settled(second)).toMatchObject({ status: 'assigned' });
  });
});

describe('identified complainants keep counting', () => {
  it('two identified and one anonymous are not hot; a third identified complainant makes all four hot', async () => {
    const subject = `abuser-${uniqueMarker()}`;
    const early = [await report(uniqueMarker(), subject, uniqueMarker()), await report(uniqueMarker(), subject), await report(uniqueMarker(), subject, uniqueMarker())];
    for (const c of early) expect(await settled(c)).toMatchObject({ status: 'assigned', priority: 'general' });
    const third = await report(uniqueMarker(), subject, uniqueMarker());
    expect(await settled(third)).toMatchObject({ priority: 'hot' });
    for (const c of early) await waitFor(async () => ((await view(c)).priority === 'hot' ? true : undefined), 30_000, `${c.caseNumber} raised with the cluster`);
  });

  it('the same person sending the same text twice is merged into the first case', async () => {
    const subject = `dup-${uniqueMarker()}`;
    const marker = uniqueMarker();
    const who = uniqueMarker();
    const first = await report(marker, subject, who);
    expect(await settled(first)).toMatchObject({ status: 'assigned' });
    const second = await report(marker, subject, who);
    expect(await settled(second)).toMatchObject({ status: 'closed' });
    expect((await view(second)).history.at(-1)?.note).toContain('合并');
  });
});
