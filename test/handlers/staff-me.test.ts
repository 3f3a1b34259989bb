/**
 * GET /staff/me called directly with the claims API Gateway would pass (strings; lists as
 * `[a b]`): what the authorizer lets through in AWS but the staff API refuses itself.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/staff-me';
import { claimList } from '../../shared/http/staff-caller';
import { apiEvent, lambdaContext } from '../support/events';

const call = async (claims: Record<string, string> | undefined) => {
  const event = apiEvent({ method: 'GET', path: '/staff/me' });
  if (claims) (event.requestContext as { authorizer?: unknown }).authorizer = { jwt: { claims, scopes: null } };
  const result = (await handler(event, lambdaContext('staff-me'))) as APIGatewayProxyStructuredResultV2;
  return { status: result.statusCode, type: result.headers?.['content-type'], body: JSON.parse(result.body as string) as Record<string, unknown> };
};

const idClaims = (email: string, groups: string) => ({ token_use: 'id', email, 'cognito:groups': groups, exp: '1900000000' });

describe('GET /staff/me (handler)', () => {
  it('reads the roles from the groups claim as API Gateway serialises it', async () => {
    const answer = await call(idClaims('ZHOU.MIN@example.org', '[supervisor handler]'));
    expect(answer).toMatchObject({ status: 200, body: { email: 'zhou.min@example.org', roles: ['handler', 'supervisor'] } });
  });

  it('401 without claims, and for an access token (API Gateway passes one; it carries no email)', async () => {
    const access = { token_use: 'access', username: 'li.na@example.org', 'cognito:groups': '[handler]' };
    // Even one that carries an email (a pre-token-generation trigger could add it).
    for (const claims of [undefined, access, { ...access, email: 'li.na@example.org' }]) {
      const answer = await call(claims);
      expect(answer.status).toBe(401);
      expect(answer.type).toContain('application/problem+json');
    }
  });

  it('403 for a pool user the stage config does not list', async () => {
    const answer = await call(idClaims('former.staff@example.org', '[handler]'));
    expect(answer).toMatchObject({ status: 403, body: { type: '/problems/not-staff' } });
  });

  it('parses list claims in every shape they arrive in', () => {
    expect(claimList('[a b]')).toEqual(['a', 'b']);
    expect(claimList('a,b')).toEqual(['a', 'b']);
    expect(claimList(['a'])).toEqual(['a']);
    expect(claimList(undefined)).toEqual([]);
    expect(claimList('[]')).toEqual([]);
  });
});
