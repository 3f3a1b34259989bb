/**
 * GET /staff/me called directly with the claims API Gateway would pass (strings): who the
 * caller is comes from the token's issuer and `sub` through the staff directory, never
 * from its `email` claim or its groups (docs/security.md "Staff identity").
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../functions/staff-me';
import { handler as listCases } from '../../functions/staff-list-cases';
import { resetRuntimeSettings } from '../../shared/config/runtime';
import type { StageConfig } from '../../shared/config/stage-config';
import { apiEvent, lambdaContext } from '../support/events';
import { systemUrls } from '../support/system';
import { isolatedWorkflow } from './workflow-harness';

type Claims = Record<string, string>;
const withClaims = (path: string, claims: Claims | undefined) => {
  const event = apiEvent({ method: 'GET', path });
  if (claims) (event.requestContext as { authorizer?: unknown }).authorizer = { jwt: { claims, scopes: null } };
  return event;
};
const call = async (claims: Claims | undefined) => {
  const result = (await handler(withClaims('/staff/me', claims), lambdaContext('staff-me'))) as APIGatewayProxyStructuredResultV2;
  return { status: result.statusCode, type: result.headers?.['content-type'], body: JSON.parse(result.body as string) as Record<string, unknown> };
};

const pool = () => systemUrls().staffPool;
/** The claims of a real sign-in of `owner` (their issuer and `sub`), with other claims on top. */
const claimsOf = (owner: string, extra: Claims = {}): Claims => ({ token_use: 'id', iss: pool().issuer, sub: pool().subjects[owner]!, email: owner, email_verified: 'true', exp: '1900000000', ...extra });

/** Runs the handlers with another staff directory (the stage config), as a deploy of a changed config would. */
function useDirectory(change: (staff: StageConfig['staff']) => StageConfig['staff']): void {
  const config = JSON.parse(systemUrls().env.STAGE_CONFIG!) as StageConfig;
  process.env.STAGE_CONFIG = JSON.stringify({ ...config, staff: change(config.staff) });
  resetRuntimeSettings();
}
// A table of this file's own: its directory is the stage config's until an admin changes it, and
// other files of the shared system may have seeded theirs (the table is then the truth).
beforeAll(async () => {
  await isolatedWorkflow({ complaint: 'ME', report: 'MS' });
});
afterEach(() => {
  process.env.STAGE_CONFIG = systemUrls().env.STAGE_CONFIG;
  resetRuntimeSettings();
});

describe('GET /staff/me (handler): identity by issuer and sub, roles from the directory', () => {
  it('takes roles from the staff directory, not from the token groups', async () => {
    const answer = await call(claimsOf('zhou.min@example.org', { 'cognito:groups': '[admin]' }));
    expect(answer).toMatchObject({ status: 200, body: { email: 'zhou.min@example.org', roles: ['supervisor', 'handler'] } });
  });

  it("a token whose email claim names another staff member still acts as its sub's owner", async () => {
    const answer = await call(claimsOf('zhou.min@example.org', { email: 'director@example.org' }));
    expect(answer).toMatchObject({ status: 200, body: { email: 'zhou.min@example.org', name: '周敏 Zhou Min' } });
  });

  it('401 without claims, without iss or sub, and for an access token', async () => {
    const { iss: _iss, ...noIssuer } = claimsOf('zhou.min@example.org');
    const { sub: _sub, ...noSubject } = claimsOf('zhou.min@example.org');
    for (const claims of [undefined, noIssuer, noSubject, claimsOf('zhou.min@example.org', { token_use: 'access' })]) {
      const answer = await call(claims);
      expect(answer.status).toBe(401);
      expect(answer.type).toContain('application/problem+json');
    }
  });

  it('403 for an identity of a verified address the directory does not list', async () => {
    const answer = await call(claimsOf('zhou.min@example.org', { sub: `stranger-${Date.now()}`, email: 'former.staff@example.org' }));
    expect(answer).toMatchObject({ status: 403, body: { type: '/problems/not-staff' } });
  });

  it('links a first sign-in with a verified address to its entry once; a second identity with that address cannot take it', async () => {
    const email = `new.staff.${Date.now()}@example.org`;
    useDirectory((staff) => [...staff, { ...staff.find((s) => s.email === 'li.na@example.org')!, email, name: '新同事 New Colleague' }]);
    const first = { ...claimsOf('zhou.min@example.org'), sub: `first-${email}`, email };
    expect(await call({ ...first, email_verified: 'false' })).toMatchObject({ status: 403 });
    expect(await call(first)).toMatchObject({ status: 200, body: { email, roles: ['handler'] } });
    // Pinned to the sub: the address changed at the provider later names nobody new.
    expect(await call({ ...first, email: 'director@example.org' })).toMatchObject({ status: 200, body: { email } });
    expect(await call({ ...first, sub: `second-${email}` })).toMatchObject({ status: 403, body: { type: '/problems/not-staff' } });
  });

  it('refuses an inactive or removed member at their next request, whatever the token says', async () => {
    const claims = claimsOf('zhou.min@example.org');
    expect((await call(claims)).status).toBe(200);
    useDirectory((staff) => staff.map((s) => (s.email === 'zhou.min@example.org' ? { ...s, active: false } : s)));
    expect(await call(claims)).toMatchObject({ status: 403, body: { type: '/problems/not-staff' } });
    const list = (await listCases(withClaims('/staff/cases', claims), lambdaContext('staff-list-cases'))) as APIGatewayProxyStructuredResultV2;
    expect(list.statusCode).toBe(403);
    useDirectory((staff) => staff.filter((s) => s.email !== 'zhou.min@example.org'));
    expect((await call(claims)).status).toBe(403);
  });
});
