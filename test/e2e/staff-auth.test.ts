/**
 * Staff sign-in over real HTTP: tokens from the shared system's cognito-local, checked by
 * the local gateway as the HTTP API JWT authorizer checks them (api.md "Sign-in": a
 * missing, expired, wrongly signed or `alg: none` token is 401 on every /staff and /admin path).
 */
import { AdminUpdateUserAttributesCommand, CognitoIdentityProviderClient, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { cognitoPool } from '../../local/provision';
import { localRegion } from '../../local/resource-names';
import { staffIdToken } from '../../local/staff-sign-in';
import { request, type HttpAnswer } from '../support/http-client';
import { badTokens, decodeJwt, emulatorKey, signJwt, staffToken } from '../support/staff';
import { systemUrls } from '../support/system';

const staffPaths: [string, string][] = [
  ['GET', '/staff/me'],
  ['GET', '/staff/cases'],
  ['POST', '/staff/cases/TS20261201000001/actions'],
  ['GET', '/staff/reports/2026-11'],
  ['GET', '/admin'],
  ['POST', '/admin/staff'],
];

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function expectUnauthorized(answer: HttpAnswer, what: string) {
  expect(answer.status, what).toBe(401);
  expect(answer.headers['content-type'], what).toContain('application/problem+json');
  expect(answer.headers['www-authenticate'], what).toMatch(/^Bearer/);
  expect(answer.json(), what).toMatchObject({ status: 401, type: '/problems/unauthorized' });
}

describe('staff sign-in (local gateway + cognito-local)', () => {
  let bad: Record<string, string>;
  beforeAll(async () => {
    bad = await badTokens('li.na@example.org');
  });

  it('GET /staff/me answers who is signed in: roles and departments from the staff directory', async () => {
    const answer = await request('GET', '/staff/me', { headers: bearer(await staffToken('li.na@example.org')) });
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({
      email: 'li.na@example.org',
      name: '李娜 Li Na',
      roles: ['handler'],
      departments: [{ id: 'customer-service', name: { 'zh-CN': '客户服务中心', en: 'Customer Service Centre' } }],
    });
    const director = await request('GET', '/staff/me', { headers: bearer(await staffToken('director@example.org')) });
    expect(director.json<{ roles: string[]; departments: unknown[] }>()).toMatchObject({ roles: ['supervisor', 'admin'] });
    expect(director.json<{ departments: unknown[] }>().departments).toHaveLength(4);
  });

  it('also takes the token without the Bearer prefix, as API Gateway does', async () => {
    const answer = await request('GET', '/staff/me', { headers: { authorization: await staffToken('sun.li@example.org') } });
    expect(answer.json()).toMatchObject({ email: 'sun.li@example.org' });
  });

  it.each(staffPaths)('401 problem+json without a token: %s %s', async (method, path) => {
    expectUnauthorized(await request(method, path), 'no token');
    expectUnauthorized(await request(method, path, { headers: { authorization: 'Bearer ' } }), 'empty token');
    expectUnauthorized(await request(method, path, { headers: { authorization: 'Bearer not.a.jwt' } }), 'garbage');
  });

  const badKinds = ['expired', 'wrongly signed', 'alg none', 'changed after signing', 'another client', 'an access token'];
  it.each(badKinds)('401 problem+json on every staff and admin path for a token %s', async (kind) => {
    expect(Object.keys(bad).sort()).toEqual([...badKinds].sort());
    for (const [method, path] of staffPaths) expectUnauthorized(await request(method, path, { headers: bearer(bad[kind]!) }), `${method} ${path}`);
  });

  it('accepts the same claims signed again with the emulator key (so each bad token fails for its own flaw only)', async () => {
    const { header, payload } = decodeJwt(await staffToken('li.na@example.org'));
    const answer = await request('GET', '/staff/me', { headers: bearer(signJwt(header, payload, emulatorKey())) });
    expect(answer.status).toBe(200);
  });

  it("a token whose email claim names another staff member still acts as its sub's owner (cognito-local)", async () => {
    const pool = cognitoPool(systemUrls().staffPool);
    const cognito = new CognitoIdentityProviderClient({ endpoint: pool.endpoint, region: localRegion, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const users = await cognito.send(new ListUsersCommand({ UserPoolId: pool.userPoolId }));
    const username = users.Users!.find((u) => u.Attributes?.some((a) => a.Name === 'email' && a.Value === 'sun.li@example.org'))!.Username!;
    const setEmail = (email: string) =>
      cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: pool.userPoolId, Username: username, UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }] }));
    // As if sun.li had changed her own address to the director's (the pool now requires verification first).
    await setEmail('director@example.org');
    try {
      const token = await staffIdToken(pool, username);
      expect(decodeJwt(token).payload).toMatchObject({ email: 'director@example.org', sub: pool.subjects['sun.li@example.org'] });
      const answer = await request('GET', '/staff/me', { headers: bearer(token) });
      expect(answer.json()).toMatchObject({ email: 'sun.li@example.org', roles: ['handler'] });
      expect((await request('GET', '/staff/reports/2026-11', { headers: bearer(token) })).status).toBe(403);
    } finally {
      await setEmail('sun.li@example.org');
      cognito.destroy();
    }
  });

  it('a signed-in caller gets 404 for an unknown staff path and 405 with Allow for a wrong method', async () => {
    const token = await staffToken('wang.fang@example.org');
    const unknown = await request('GET', '/staff/nothing-here', { headers: bearer(token) });
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    const wrongMethod = await request('POST', '/staff/me', { headers: bearer(token) });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('GET');
  });
});
