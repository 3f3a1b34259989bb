import { describe, expect, it } from 'vitest';
import { replayWindowSeconds, signedHeaders, signatureHeader, timestampHeader, validWebhookSignature, webhookSignature } from '../../shared/http/webhook-signature';

const secret = 'k'.repeat(32);
const body = '{"type":"complaint","address":"a@example.com","at":"2026-12-01T00:00:00Z"}';
const now = new Date('2026-12-01T00:00:00Z');

const postAt = (at: Date, rawBody = body, key = secret) => {
  const headers = signedHeaders(body, key, at);
  return { rawBody, timestamp: headers[timestampHeader], signature: headers[signatureHeader] };
};

describe('the webhook signature (HMAC-SHA256 of "<timestamp>.<raw body>")', () => {
  it('is the hex HMAC with the sha256= prefix', () => {
    expect(webhookSignature(body, secret, 1_796_000_000)).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('accepts a post signed within five minutes either way, refuses one a second beyond', () => {
    const window = replayWindowSeconds * 1000;
    expect(validWebhookSignature(postAt(now), secret, now)).toBe(true);
    expect(validWebhookSignature(postAt(new Date(now.getTime() - window)), secret, now)).toBe(true);
    expect(validWebhookSignature(postAt(new Date(now.getTime() + window)), secret, now)).toBe(true);
    expect(validWebhookSignature(postAt(new Date(now.getTime() - window - 1000)), secret, now)).toBe(false);
    expect(validWebhookSignature(postAt(new Date(now.getTime() + window + 1000)), secret, now)).toBe(false);
  });

  it('refuses another key, another body, a missing or malformed header', () => {
    expect(validWebhookSignature(postAt(now, body, 'x'.repeat(32)), secret, now)).toBe(false);
    expect(validWebhookSignature(postAt(now, `${body} `), secret, now)).toBe(false);
    expect(validWebhookSignature({ ...postAt(now), signature: undefined }, secret, now)).toBe(false);
    expect(validWebhookSignature({ ...postAt(now), timestamp: 'soon' }, secret, now)).toBe(false);
    expect(validWebhookSignature({ ...postAt(now), signature: 'sha256=00' }, secret, now)).toBe(false);
  });
});
