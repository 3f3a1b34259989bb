/**
 * Form posts from other sites are refused (issue 9, Found 5; api.md "Errors"): an `Origin`
 * other than the service's own, or `Sec-Fetch-Site: cross-site`, is 403 problem+json and
 * stores nothing; the service's own pages and scripts without `Origin` still submit.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '../../../functions/register-case';
import { runtimeSettings } from '../../../shared/config/runtime';
import { complaintBody, itemsMentioning, uniqueMarker } from '../../support/cases';
import { apiEvent, lambdaContext } from '../../support/events';

const formBody = (marker: string) =>
  new URLSearchParams([
    ['kind', 'complaint'],
    ['category', 'service-quality'],
    ['subject.type', 'url'],
    ['subject.value', 'https://shop.example.cn'],
    ['description', `网站客服长期不回复，订单无法退款 ${marker}`],
    ['contact.name', '张三'],
    ['contact.email', `${marker}@example.com`],
    ['goodFaith', 'true'],
  ]).toString();

async function post(headers: Record<string, string>, body: string) {
  const result = (await handler(apiEvent({ method: 'POST', path: '/complaints', headers, body }), lambdaContext('register-case'))) as APIGatewayProxyStructuredResultV2;
  return { status: result.statusCode, headers: result.headers as Record<string, string>, body: String(result.body) };
}

const browserForm = { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' };

describe('POST /complaints from another site', () => {
  it.each([
    ['an Origin of another site', { origin: 'https://attacker.example.net' }],
    ['Origin: null (a sandboxed page)', { origin: 'null' }],
    ['Origin: null from a sandboxed page of another site', { origin: 'null', 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['the service host under another port', { origin: 'http://localhost:1' }],
  ])('%s: 403 problem+json, nothing stored', async (_name, extra) => {
    const marker = uniqueMarker();
    const response = await post({ ...browserForm, ...extra }, formBody(marker));
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(JSON.parse(response.body)).toMatchObject({ type: '/problems/cross-site', status: 403 });
    expect(await itemsMentioning(marker)).toEqual([]);
  });

  it('a JSON post from a script on another site is refused as well', async () => {
    const marker = uniqueMarker();
    const response = await post({ 'content-type': 'application/json', origin: 'https://attacker.example.net' }, JSON.stringify(complaintBody(marker)));
    expect(response.status).toBe(403);
    expect(await itemsMentioning(marker)).toEqual([]);
  });
});

describe('POST /complaints from the service itself', () => {
  it.each([
    ['its own form (Origin = publicBaseUrl, Sec-Fetch-Site: same-origin)', () => ({ origin: new URL(runtimeSettings().config.publicBaseUrl).origin, 'sec-fetch-site': 'same-origin' })],
    ['the host the request came to', () => ({ origin: 'https://localhost' })],
    ['its own form under its no-referrer policy (Origin: null, Sec-Fetch-Site: same-origin)', () => ({ origin: 'null', 'sec-fetch-site': 'same-origin' })],
  ])('%s: registered', async (_name, extra) => {
    const marker = uniqueMarker();
    const response = await post({ ...browserForm, ...extra() }, formBody(marker));
    expect(response.status).toBe(201);
    expect((await itemsMentioning(marker)).length).toBeGreaterThan(0);
  });

  it('a script without Origin (JSON API): registered', async () => {
    const marker = uniqueMarker();
    const response = await post({ 'content-type': 'application/json' }, JSON.stringify(complaintBody(marker)));
    expect(response.status).toBe(201);
    expect(JSON.parse(response.body).caseNumber).toMatch(/^[A-Z]{2}-\d{8}-\d+$/);
  });
});
