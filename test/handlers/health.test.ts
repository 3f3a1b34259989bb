import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/health';
import { apiEvent, lambdaContext } from '../support/events';

const health = async (at: string) => {
  const result = (await handler(apiEvent({ method: 'GET', path: '/health', at: new Date(at) }), lambdaContext('health'))) as APIGatewayProxyStructuredResultV2;
  return { status: result.statusCode, body: JSON.parse(result.body as string) as { ok: boolean; calendar?: { warnings: string[] } } };
};

describe('GET /health', () => {
  it('is plainly up while the calendar knows every year a deadline can reach', async () => {
    expect(await health('2026-06-01T10:00:00+08:00')).toEqual({ status: 200, body: { ok: true } });
  });

  it('says loudly when a year a deadline can reach has no published holiday arrangement', async () => {
    const { status, body } = await health('2026-12-01T10:00:00+08:00');
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.calendar?.warnings.join(' ')).toContain('No published holiday arrangement for 2027');
  });
});
