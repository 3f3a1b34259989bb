/**
 * GET /staff over real HTTP: the console shell loads without a token, in Chinese first,
 * and its CSP lets its script (by hash) call exactly the sign-in endpoint it names: the
 * shared system's cognito-local, whose InitiateAuth the page posts to (checked here the
 * way the page's script calls it, with the headers it sends).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { adminScript } from '../../shared/web/admin/script';
import { adminDictionaries } from '../../shared/web/admin/strings';
import { staffScript } from '../../shared/web/console/script';
import { consoleDictionaries as dictionaries } from '../../shared/web/console/words';
import { pageScripts } from '../../shared/web/scripts';
import { request } from '../support/http-client';
import { systemUrls } from '../support/system';
import { cognitoPool } from '../../local/provision';

const pageData = (page: string) => JSON.parse(/<script type="application\/json" id="page-data">(.*?)<\/script>/s.exec(page)![1]!) as Record<string, any>;

describe('GET /staff (staff console shell)', () => {
  it('loads without a token, Chinese first, with labelled sign-in fields and no data', async () => {
    const answer = await request('GET', '/staff');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.text).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(answer.text).toContain(`<h1>${dictionaries['zh-CN']['staff.title']}</h1>`);
    expect(answer.text).toContain('<label for="f-email">');
    expect(answer.text).toContain('<label for="f-password">');
    expect(answer.text).toContain('name="viewport" content="width=device-width, initial-scale=1"');
    expect(answer.text).toContain('<meta name="robots" content="noindex, nofollow">');
    const english = await request('GET', '/staff?lang=en');
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain(`<h1>${dictionaries.en['staff.title']}</h1>`);
  });

  it('lets its script (by hash) call the sign-in endpoint it names, and nothing else', async () => {
    const answer = await request('GET', '/staff');
    const { signIn } = pageData(answer.text);
    const pool = cognitoPool(systemUrls().staffPool);
    expect(signIn).toEqual({ kind: 'local-password', endpoint: pool.endpoint, clientId: pool.clientId });
    const csp = answer.headers['content-security-policy'] as string;
    expect(csp).toContain(`connect-src 'self' ${new URL(pool.endpoint).origin};`);
    const hashOf = (script: string) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
    expect(csp).toContain(`script-src ${hashOf(staffScript)};`);
    expect(answer.text).toContain(staffScript);
    // The public pages keep the narrower policy: their own origin and the evidence bucket's uploads, never the staff pool,
    // and their own scripts, never the console's (each page allows only the scripts it may run).
    const publicCsp = (await request('GET', '/')).headers['content-security-policy'] as string;
    expect(publicCsp).toContain(hashOf(pageScripts.form));
    expect(publicCsp).not.toContain(hashOf(staffScript));
    expect(publicCsp).toMatch(/connect-src 'self'( [^ ;]+)?;/);
    expect(publicCsp).not.toContain(new URL(pool.endpoint).origin);
  });

  it('signs in the way its script does: InitiateAuth at the emulator, from the page origin (CORS), then /staff/me', async () => {
    const { signIn } = pageData((await request('GET', '/staff')).text);
    const origin = systemUrls().gatewayUrl;
    const signInWith = (password: string) =>
      fetch(`${signIn.endpoint}/`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
        body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: signIn.clientId, AuthParameters: { USERNAME: 'he.qing@example.org', PASSWORD: password } }),
      });
    const ok = await signInWith('Local-Staff-1');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toMatch(/^\*$|^http/);
    const token = ((await ok.json()) as { AuthenticationResult: { IdToken: string } }).AuthenticationResult.IdToken;
    const me = await request('GET', '/staff/me', { headers: { authorization: `Bearer ${token}` } });
    expect(me.json()).toMatchObject({ email: 'he.qing@example.org', roles: ['handler'] });
    // A wrong password is the 400 the script shows as "wrong email or password".
    expect((await signInWith('wrong')).status).toBe(400);
  });
});

describe('GET /staff-admin (the administration shell)', () => {
  it('loads without a token and without data, Chinese first, its script allowed by hash and calling this origin only', async () => {
    const answer = await request('GET', '/staff-admin');
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(answer.text).toContain(`<h1>${adminDictionaries['zh-CN']['admin.title']}</h1>`);
    const csp = answer.headers['content-security-policy'] as string;
    expect(csp).toContain(`script-src 'sha256-${createHash('sha256').update(adminScript).digest('base64')}';`);
    expect(csp).toContain("connect-src 'self';");
    expect(answer.text).not.toContain('@example.org');
    expect((await request('GET', '/staff-admin?lang=en')).text).toContain(`<h1>${adminDictionaries.en['admin.title']}</h1>`);
    // The console links to it, in the page's language.
    expect((await request('GET', '/staff?lang=en')).text).toContain('href="/staff-admin?lang=en" id="admin-open"');
  });
});
