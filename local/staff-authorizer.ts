/**
 * The local stand-in for the HTTP API JWT authorizer of the staff routes
 * (infra/staff-identity.ts): `Authorization: Bearer <token>` must be a JWT signed by a
 * key of the provider's JWKS (RS256; `alg: none` and other keys fail; the keys of
 * cognito-local, or those the local OpenID provider's discovery document names), from
 * its issuer, for the console client or the configured audience (`aud`), not expired,
 * and at cognito-local an ID token (`token_use`, as the user pool authorizer). The claims then
 * reach the function as API Gateway passes them: every value a string, arrays as
 * `[a b]` (payload 2.0, `requestContext.authorizer.jwt.claims`).
 */
import { JwtRsaVerifier } from 'aws-jwt-verify';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import type { StaffPool } from './provision';

export type AuthorizerResult =
  | { readonly ok: true; readonly claims: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly reason: 'missing' | 'invalid' };

export type StaffAuthorizer = (authorization: string | undefined) => Promise<AuthorizerResult>;

/** Loads the pool's keys once (aws-jwt-verify's own fetcher takes https only; the emulator is http). */
export async function staffAuthorizer(pool: StaffPool, audience = pool.clientId): Promise<StaffAuthorizer> {
  const verifier = JwtRsaVerifier.create({
    issuer: pool.issuer,
    audience,
    jwksUri: pool.jwksUri,
    customJwtCheck: ({ payload }) => {
      if (pool.provider === 'cognito' && payload.token_use !== 'id') throw new Error('not an ID token');
    },
  });
  const response = await fetch(pool.jwksUri);
  if (!response.ok) throw new Error(`the staff identity provider answered ${response.status} for its keys (${pool.jwksUri})`);
  verifier.cacheJwks((await response.json()) as Parameters<typeof verifier.cacheJwks>[0]);

  return async (authorization) => {
    // API Gateway takes the header's value, with or without the `Bearer ` prefix.
    const token = authorization?.replace(/^Bearer\s+/i, '').trim();
    if (!token) return { ok: false, reason: 'missing' };
    try {
      return { ok: true, claims: apiGatewayClaims(await verifier.verify(token)) };
    } catch {
      return { ok: false, reason: 'invalid' };
    }
  };
}

/** Claims as payload 2.0 carries them: strings, with arrays as `[a b c]`. */
export function apiGatewayClaims(payload: JwtPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload)
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([name, value]) => [name, Array.isArray(value) ? `[${value.join(' ')}]` : typeof value === 'object' ? JSON.stringify(value) : String(value)]),
  );
}
