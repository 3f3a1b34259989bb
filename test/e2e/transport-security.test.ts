/**
 * Issue #19 item 9, over HTTP: every answer carries `Strict-Transport-Security`, whoever
 * makes it: a function (page, JSON, problem+json) or the gateway itself (401 before a
 * staff function runs, 413 before any does). In AWS the HTTP API's own answers cannot carry
 * headers; docs/security.md "Transport security" says why that is enough.
 */
import { describe, expect, it } from 'vitest';
import { request } from '../support/http-client';
import { staffToken } from '../support/staff';

const from = '127.0.0.61';
const hsts = 'max-age=31536000';

describe('HSTS and the execute-api endpoint (#19 item 9): every answer carries Strict-Transport-Security', () => {
  const anonymous: [string, string, string, number][] = [
    ['the form page', 'GET', '/', 200],
    ['a JSON answer', 'GET', '/categories', 200],
    ['the health check', 'GET', '/health', 200],
    ['the staff console shell', 'GET', '/staff', 200],
    ['a 404 of the fallback function', 'GET', '/nowhere', 404],
    ['a 405 of the fallback function', 'DELETE', '/categories', 405],
    ['a 415 problem of a function', 'POST', '/complaints', 415],
    ['a 401 of the gateway (no staff token)', 'GET', '/staff/me', 401],
  ];

  it.each(anonymous)('%s (%s %s → %i)', async (_, method, path, status) => {
    const answer = await request(method, path, { from, headers: { accept: 'text/html, application/json' } });
    expect(answer.status).toBe(status);
    expect(answer.headers['strict-transport-security']).toBe(hsts);
  });

  it('a 413 the gateway answers before any function runs', async () => {
    const answer = await request('POST', '/complaints', { from, headers: { 'content-type': 'application/json', 'content-length': String(11 * 1024 * 1024), connection: 'close' } }).catch(
      () => undefined,
    );
    // The gateway answers from the declared length and closes; the client may see the close first.
    if (answer) {
      expect(answer.status).toBe(413);
      expect(answer.headers['strict-transport-security']).toBe(hsts);
    }
  });

  it('staff answers with a token', async () => {
    const authorization = `Bearer ${await staffToken('admin@example.org')}`;
    const me = await request('GET', '/staff/me', { from, headers: { authorization } });
    expect(me.status).toBe(200);
    expect(me.headers['strict-transport-security']).toBe(hsts);
    const report = await request('GET', '/staff/reports/2020-01', { from, headers: { authorization, accept: 'text/csv' } });
    expect(report.status).toBe(404);
    expect(report.headers['strict-transport-security']).toBe(hsts);
  });
});
