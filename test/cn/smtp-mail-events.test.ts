/**
 * SMTP delivery events (issue 18): a provider's bounce and complaint, posted to
 * `POST /mail-events/smtp` over HTTP and signed with the mail secret's webhook key, put the
 * address on the same suppression list SES events feed; a post not signed, signed with
 * another key, replayed after five minutes or malformed is refused and stores nothing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { suppressedAmong } from '../../shared/adapters/suppression-list';
import { signedHeaders } from '../../shared/http/webhook-signature';
import { uniqueMarker } from '../support/cases';
import { feedMailEvent, systemUrls } from '../support/system';

const webhookSecret = () => (JSON.parse(readFileSync(systemUrls().env.MAIL_SECRET_FILE!, 'utf8')) as { webhookSecret: string }).webhookSecret;

/** The local clock's time (another file may have moved it): the gateway stamps requests with it. */
async function clockNow(): Promise<Date> {
  const { now } = (await (await fetch(`${systemUrls().controlUrl}/clock`)).json()) as { now: string };
  return new Date(now);
}

async function post(body: unknown, headers: Record<string, string>) {
  const response = await fetch(`${systemUrls().gatewayUrl}/mail-events/smtp`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as Record<string, unknown> };
}

async function postSigned(body: unknown, options: { secret?: string; at?: Date } = {}) {
  const raw = JSON.stringify(body);
  return post(raw, signedHeaders(raw, options.secret ?? webhookSecret(), options.at ?? (await clockNow())));
}

const suppressed = async (address: string) => (await suppressedAmong(systemUrls().tableName, [address])).has(address);

describe('POST /mail-events/smtp (signed delivery events of an SMTP provider)', () => {
  it('a Tencent Cloud SES hard bounce and a spam report suppress their addresses; a soft bounce and a delivery do not', async () => {
    const [hard, spam, soft, delivered] = ['hard', 'spam', 'soft', 'ok'].map((k) => `${k}-${uniqueMarker()}@example.com`) as [string, string, string, string];
    const timestamp = Math.floor(Date.now() / 1000);
    const answer = await postSigned([
      { event: 'bounce', email: hard, timestamp, reason: '551 5.1.1 recipient is not exist', bounceType: 'hard_bounce', bulkId: 'qcloudses-1' },
      { event: 'spamreport', email: spam, timestamp },
      { event: 'bounce', email: soft, timestamp, bounceType: 'soft_bounce' },
      { event: 'delivered', email: delivered, timestamp },
    ]);
    expect(answer).toMatchObject({ status: 200, body: { suppressed: 2 } });
    expect([await suppressed(hard), await suppressed(spam), await suppressed(soft), await suppressed(delivered)]).toEqual([true, true, false, false]);
  });

  it('the generic shape a relay posts: a permanent bounce and a complaint suppress, a transient bounce does not', async () => {
    const [bounced, complained, transient] = ['b', 'c', 't'].map((k) => `${k}-${uniqueMarker()}@example.com`) as [string, string, string];
    const at = new Date().toISOString();
    expect(await postSigned({ type: 'bounce', address: bounced, permanent: true, detail: 'hard_bounce', at })).toMatchObject({ status: 200, body: { suppressed: 1 } });
    expect(await postSigned({ type: 'complaint', address: complained, at })).toMatchObject({ status: 200, body: { suppressed: 1 } });
    expect(await postSigned({ type: 'bounce', address: transient, permanent: false, at })).toMatchObject({ status: 200, body: { suppressed: 0 } });
    expect([await suppressed(bounced), await suppressed(complained), await suppressed(transient)]).toEqual([true, true, false]);
  });

  it('401 problem+json, nothing stored: no signature, another key, a changed body, a post signed six minutes ago', async () => {
    const address = `x-${uniqueMarker()}@example.com`;
    const event = { type: 'complaint', address, at: new Date().toISOString() };
    const raw = JSON.stringify(event);
    const now = await clockNow();
    const answers = [
      await post(raw, {}),
      await postSigned(event, { secret: 'another-key-of-at-least-thirty-two-characters' }),
      await post(JSON.stringify({ ...event, address: `y${address}` }), signedHeaders(raw, webhookSecret(), now)),
      await postSigned(event, { at: new Date(now.getTime() - 6 * 60_000) }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.type).toContain('application/problem+json');
      expect(answer.body).toMatchObject({ type: '/problems/bad-signature', status: 401 });
    }
    expect(await suppressed(address)).toBe(false);
  });

  it('400 problem+json naming the field for a signed body that is no event, nothing stored', async () => {
    const address = `z-${uniqueMarker()}@example.com`;
    const answer = await postSigned({ type: 'complaint', address, at: 'yesterday' });
    expect(answer.status).toBe(400);
    expect(answer.type).toContain('application/problem+json');
    expect(answer.body.errors).toEqual([expect.objectContaining({ path: 'at' })]);
    expect(await suppressed(address)).toBe(false);
  });
});

describe('npm run mail-event on local-cn (the control endpoint signs as the relay would)', () => {
  it('a bounce goes through POST /mail-events/smtp and suppresses the address', async () => {
    const address = `npm-${uniqueMarker()}@example.com`;
    expect(await feedMailEvent('bounce', address)).toEqual({ suppressed: 1 });
    expect(await suppressed(address)).toBe(true);
  });
});
