/**
 * Staff sign-in on an `oidc` stage (local-cn): the local runtime runs a real OpenID
 * provider (oidc-provider) instead of cognito-local; tokens come from its authorization
 * code + PKCE flow (the login form posted as a browser would, as `npm run staff-token`
 * does) and the gateway checks them against its discovered keys. Identity is the token's
 * issuer and `sub`: an address changed at the provider names nobody new. This file starts
 * its own local-cn system (every port free).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalOidcAccount } from '../../local/oidc-provider';
import { SignInRefused, staffIdToken } from '../../local/staff-sign-in';
import { startLocalSystem, type LocalSystem } from '../../local/system';
import { decodeJwt } from '../support/staff';

let system: LocalSystem;
beforeAll(async () => {
  system = await startLocalSystem({
    stage: 'local-cn',
    ports: { gateway: 0, dynamodb: 0, sqs: 0, ses: 0, oidc: 0, control: false },
    quiet: true,
    jvm: 'fast-start',
    scheduleTimers: false,
    pollers: false,
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT' },
  });
}, 120_000);
afterAll(async () => system?.stop());

const me = async (token: string) => {
  const response = await fetch(`${system.urls.gateway}/staff/me`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('staff sign-in through the local OpenID provider (local-cn)', () => {
  it('runs no Cognito emulator and no SES emulator: the China stage has neither', () => {
    expect(system.cognitoPid).toBeUndefined();
    expect(system.urls.cognito).toBeUndefined();
    expect(system.urls.smtp).toMatch(/^smtp:\/\//);
  });

  it('signs in with code + PKCE at the provider; the gateway takes its ID token; roles from the directory', async () => {
    expect(system.staffPool).toMatchObject({ provider: 'oidc', clientId: 'staff-console', redirectUri: `${system.urls.gateway}/staff` });
    const token = await staffIdToken(system.staffPool, 'li.na@example.org');
    const { header, payload } = decodeJwt(token);
    expect(header.alg).toBe('RS256');
    expect(payload).toMatchObject({ iss: system.staffPool.issuer, aud: 'staff-console', sub: system.staffPool.subjects['li.na@example.org'], email: 'li.na@example.org', email_verified: true });
    expect(await me(token)).toMatchObject({ status: 200, body: { email: 'li.na@example.org', roles: ['handler'] } });
    const config = JSON.parse(system.env.STAGE_CONFIG!) as { staffIdentity: { issuer: string } };
    expect(config.staffIdentity.issuer).toBe(system.staffPool.issuer);
  });

  it('refuses a wrong password and an address without an account at the login form', async () => {
    await expect(staffIdToken(system.staffPool, 'li.na@example.org', 'wrong-password')).rejects.toThrow(SignInRefused);
    await expect(staffIdToken(system.staffPool, 'nobody@example.org')).rejects.toThrow(SignInRefused);
  });

  it('401 for a token of the provider changed after signing, and with no token', async () => {
    const [h, p, s] = (await staffIdToken(system.staffPool, 'sun.li@example.org')).split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), sub: system.staffPool.subjects['director@example.org'] })).toString('base64url');
    expect((await me(`${h}.${forged}.${s}`)).status).toBe(401);
    expect((await fetch(`${system.urls.gateway}/staff/me`)).status).toBe(401);
  });

  it("a token whose email claim names another staff member still acts as its sub's owner", async () => {
    const file = system.staffPool.provider === 'oidc' ? system.staffPool.accountsFile : '';
    const accounts = JSON.parse(readFileSync(file, 'utf8')) as LocalOidcAccount[];
    // sun.li's address changed at the provider to the director's; she still signs in with her account's old login.
    const changed = accounts.map((a) => (a.email === 'sun.li@example.org' ? { ...a, email: 'director@example.org' } : a.email === 'director@example.org' ? { ...a, email: 'former.director@example.org' } : a));
    writeFileSync(file, JSON.stringify(changed));
    try {
      const token = await staffIdToken(system.staffPool, 'director@example.org');
      expect(decodeJwt(token).payload).toMatchObject({ email: 'director@example.org', sub: system.staffPool.subjects['sun.li@example.org'] });
      expect(await me(token)).toMatchObject({ status: 200, body: { email: 'sun.li@example.org', roles: ['handler'] } });
    } finally {
      writeFileSync(file, JSON.stringify(accounts));
    }
  });
});
