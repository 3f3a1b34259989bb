import type * as NodeCrypto from 'node:crypto';

/** node:crypto at the first signature: an SES stage's `smtp-mail-events` answers 404 and never needs it (docs/performance.md "Cold start of the public functions"). */
const crypto = (): typeof NodeCrypto => require('node:crypto') as typeof NodeCrypto;

/**
 * The signature of a delivery-event webhook post (`POST /mail-events/smtp`): the header
 * `x-mail-event-timestamp` holds the Unix time in seconds at which it was signed, and
 * `x-mail-event-signature` holds `sha256=` and the hex HMAC-SHA256, keyed with the mail
 * secret's `webhookSecret`, of `<timestamp>.<raw body>`. A post signed more than five
 * minutes before or after it arrives is refused, so a captured one cannot be replayed later.
 */
export const timestampHeader = 'x-mail-event-timestamp';
export const signatureHeader = 'x-mail-event-signature';
export const replayWindowSeconds = 300;

export function webhookSignature(rawBody: string, secret: string, timestampSeconds: number): string {
  return `sha256=${crypto().createHmac('sha256', secret).update(`${timestampSeconds}.${rawBody}`, 'utf8').digest('hex')}`;
}

/** The headers of a signed post (the local control endpoint and tests sign as a relay would). */
export function signedHeaders(rawBody: string, secret: string, at: Date): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return { [timestampHeader]: String(timestamp), [signatureHeader]: webhookSignature(rawBody, secret, timestamp) };
}

/** True when the post is signed with `secret` within the replay window of `now`; compared in constant time. */
export function validWebhookSignature(post: { rawBody: string; timestamp: string | undefined; signature: string | undefined }, secret: string, now: Date): boolean {
  if (!post.timestamp || !/^\d{1,12}$/.test(post.timestamp) || !post.signature) return false;
  const timestamp = Number(post.timestamp);
  if (Math.abs(now.getTime() / 1000 - timestamp) > replayWindowSeconds) return false;
  const expected = Buffer.from(webhookSignature(post.rawBody, secret, timestamp), 'utf8');
  const given = Buffer.from(post.signature, 'utf8');
  return given.length === expected.length && crypto().timingSafeEqual(given, expected);
}
