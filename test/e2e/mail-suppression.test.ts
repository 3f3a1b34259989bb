/**
 * The suppression list end to end (issue 9, Deliver 5): SES events fed to the running
 * system as `npm run mail-event` feeds them (the SES emulator produces none), then
 * complaints over HTTP. A permanently bounced or complaining address gets no further mail;
 * its notice is closed `skipped` with reason `suppressed`; the list holds a hash, never
 * the address.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { handler as mailEvents } from '../../functions/mail-events';
import { dynamo } from '../../shared/adapters/aws-clients';
import { keys } from '../../shared/adapters/keys';
import { suppressionKey } from '../../shared/adapters/suppression-list';
import { receiptNoticeKey } from '../../shared/adapters/notice-ledger';
import { complaintBody, itemsMentioning, uniqueMarker } from '../support/cases';
import { lambdaContext } from '../support/events';
import { postJson } from '../support/http-client';
import { feedMailEvent, mailsTo, waitFor } from '../support/system';

const from = '127.0.0.12';
const tableName = () => process.env.TABLE_NAME!;
const get = async (key: { pk: string; sk: string }) => (await dynamo().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;

async function submitAs(email: string, marker: string): Promise<string> {
  const created = await postJson('/complaints', complaintBody(marker, { contact: { name: '张三', email } }), { from });
  expect(created.status).toBe(201);
  return created.json<{ caseNumber: string }>().caseNumber;
}

/** The receipt notice once send-notice has settled it (sent, skipped or failed). */
const settledReceipt = (caseNumber: string) =>
  waitFor(async () => {
    const notice = await get(keys.notice(caseNumber, receiptNoticeKey));
    return notice && notice.state !== 'pending' && notice.state !== 'sending' && notice;
  }, 20_000, `the receipt of ${caseNumber} to settle`);

describe('the suppression list (SES events fed as npm run mail-event does)', () => {
  it('a permanent bounce: the next case to that address is registered, mailed nothing, its receipt marked suppressed', async () => {
    const marker = uniqueMarker();
    const address = `${marker}@example.com`;
    const first = await submitAs(address, marker);
    expect(await settledReceipt(first)).toMatchObject({ state: 'sent' });

    expect(await feedMailEvent('bounce', address)).toEqual({ suppressed: 1 });
    const second = await submitAs(address, marker);
    expect(await settledReceipt(second)).toMatchObject({ state: 'skipped', reason: 'suppressed' });
    const mails = await mailsTo(address);
    expect(mails.map((m) => m.subject.includes(first))).toEqual([true]);
    expect(mails.some((m) => m.subject.includes(second))).toBe(false);
  });

  it('a complaint suppresses its address too; a transient bounce (mailbox full) does not', async () => {
    const marker = uniqueMarker();
    const complained = `${marker}-spam@example.com`;
    const full = `${marker}-full@example.com`;
    expect(await feedMailEvent('complaint', complained)).toEqual({ suppressed: 1 });
    expect(await feedMailEvent('transient-bounce', full)).toEqual({ suppressed: 0 });
    const [a, b] = [await submitAs(complained, marker), await submitAs(full, marker)];
    expect(await settledReceipt(a)).toMatchObject({ state: 'skipped', reason: 'suppressed' });
    expect(await settledReceipt(b)).toMatchObject({ state: 'sent' });
    expect(await get(keys.suppressedAddress(await suppressionKey(complained)))).toMatchObject({ reason: 'complaint', detail: 'abuse', suppressedAt: expect.any(String) });
    expect(await get(keys.suppressedAddress(await suppressionKey(full)))).toBeUndefined();
  });

  it('keeps a hash of the address, never the address, in the list', async () => {
    const marker = uniqueMarker();
    const address = `${marker}@example.com`;
    await feedMailEvent('bounce', address);
    expect(await get(keys.suppressedAddress(await suppressionKey(address)))).toMatchObject({ reason: 'bounce', detail: 'Permanent/General' });
    expect(await itemsMentioning(marker)).toEqual([]);
  });

  it('bad input on purpose: an event that is not an SES event fails the invocation and writes nothing', async () => {
    const marker = uniqueMarker();
    const notSes = { source: 'aws.ses', time: new Date().toISOString(), detail: { eventType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [{ address: `${marker}@example.com` }] } } };
    await expect(mailEvents(notSes, lambdaContext('mail-events'))).rejects.toThrow(/Malformed SES event: detail\.bounce\.bouncedRecipients\.0\.emailAddress/);
    expect(await itemsMentioning(marker)).toEqual([]);
    expect(await get(keys.suppressedAddress(await suppressionKey(`${marker}@example.com`)))).toBeUndefined();
  });
});
