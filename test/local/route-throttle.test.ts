/**
 * Issue 19 item 7, the local gateway's side: it imitates API Gateway's route throttles, so
 * a crowd of public posts empties the public route's bucket (429, before any function)
 * while staff routes keep their own. Real HTTP against a gateway of fixture functions that
 * answer 200, with small limits so the test needs few requests.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpGateway, type HttpGateway } from '../../local/http-gateway';
import { LocalClock } from '../../local/local-clock';
import type { LocalRoute } from '../../local/local-topology';
import { quietLog } from '../../local/runtime-log';

const routes = [
  { method: 'POST', path: '/complaints', handler: 'public-fixture' },
  { method: 'GET', path: '/staff/cases', handler: 'staff-fixture', auth: 'staff' },
] as unknown as readonly LocalRoute[];
let gateway: HttpGateway;
const invoked: string[] = [];

beforeAll(async () => {
  const invoke = async (name: string, _event: APIGatewayProxyEventV2) => {
    invoked.push(name);
    return { statusCode: 200, body: '{}' };
  };
  gateway = await startHttpGateway(
    {
      routes,
      fallbackHandler: 'public-fixture',
      invoke,
      clock: new LocalClock(),
      accountId: '000000000000',
      log: quietLog,
      authorize: async () => ({ ok: true, claims: { sub: 'staff' } }) as never,
      throttle: { public: { ratePerSecond: 1, burst: 5 }, staff: { ratePerSecond: 1, burst: 5 } },
    },
    0,
    '127.0.0.1',
  );
});
afterAll(() => gateway?.close());

describe('issue 19 item 7: staff routes are throttled apart from public ones (local gateway)', () => {
  it('a crowd of public posts gets 429 from the gateway; a staff request still goes through', async () => {
    const posts = await Promise.all(Array.from({ length: 12 }, () => fetch(`${gateway.url}/complaints`, { method: 'POST', body: '{}' }).then(async (r) => [r.status, await r.text()] as const)));
    const throttled = posts.filter(([status]) => status === 429);
    expect(throttled.length).toBeGreaterThanOrEqual(6);
    expect(throttled[0]![1]).toBe('{"message":"Too Many Requests"}');
    expect(invoked.filter((name) => name === 'public-fixture').length).toBeLessThanOrEqual(6);
    const staff = await fetch(`${gateway.url}/staff/cases`, { headers: { authorization: 'Bearer x' } });
    expect(staff.status).toBe(200);
  });
});
