/**
 * Issue 19 item 7: every request counts toward the per-client limit (api.md: 1,200 a
 * minute in the local stage), invalid `POST /complaints` bodies too: past the limit they
 * are answered 429, not processed again and again. Over HTTP, from a client address of its own.
 */
import { describe, expect, it } from 'vitest';
import { postJson, request } from '../support/http-client';

const limit = 1200; // the local stage's rateLimits.requestsPerMinute (api.md)

describe('issue 19 item 7: every request counts toward the per-client limit', () => {
  it('invalid POST /complaints bodies count: past 1,200 a minute they, and any other request, get 429', async () => {
    const from = '127.0.19.71';
    // The window is a clock minute: start early in one, so every request falls in the same minute.
    const secondsIntoMinute = new Date().getSeconds();
    if (secondsIntoMinute > 30) await new Promise((resolve) => setTimeout(resolve, (61 - secondsIntoMinute) * 1000));
    const statuses: number[] = [];
    const invalid = { kind: 'complaint', description: 'x' };
    // 80 a second: under the route's own throttle (the local stage's 100 a second, as API Gateway's),
    // so every 429 below is the per-client limit's; 1,200 requests take 15 s of the minute.
    for (let batch = 0; batch < limit / 20; batch += 1) {
      const paced = new Promise((resolve) => setTimeout(resolve, 250));
      statuses.push(...(await Promise.all(Array.from({ length: 20 }, async () => (await postJson('/complaints', invalid, { from })).status))));
      await paced;
    }
    expect(statuses.filter((s) => s !== 400)).toEqual([]);
    const past = await postJson('/complaints', invalid, { from });
    expect(past.status, past.text).toBe(429);
    expect(Number(past.headers['retry-after'])).toBeGreaterThan(0);
    expect((await request('GET', '/categories', { from })).status).toBe(429);
  }, 120_000);
});
