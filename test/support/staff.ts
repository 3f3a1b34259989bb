/**
 * Staff tokens for tests: real ones from the shared system's cognito-local, and the bad
 * kinds the authorizer must refuse, made from a real one (same claims, same `kid`).
 */
import { createPrivateKey, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { staffIdToken } from '../../local/staff-sign-in';
import { systemUrls } from './system';

export const staffToken = (email: string): Promise<string> => staffIdToken(systemUrls().staffPool, email);

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header, payload] = token.split('.');
  return { header: JSON.parse(Buffer.from(header!, 'base64url').toString()), payload: JSON.parse(Buffer.from(payload!, 'base64url').toString()) };
}

export function signJwt(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(key).toString('base64url')}`;
}

/** The emulator's own signing key (published in the cognito-local package): tokens it would accept but for their claims. */
export function emulatorKey(): KeyObject {
  const { jwk } = JSON.parse(readFileSync(require.resolve('cognito-local/lib/keys/cognitoLocal.private.json'), 'utf8')) as { jwk: object };
  return createPrivateKey({ key: jwk as never, format: 'jwk' });
}

/** The bad tokens of api.md "Sign-in" (and two more), each made from a valid one of `email`. */
export async function badTokens(email: string): Promise<Record<string, string>> {
  const valid = await staffToken(email);
  const { header, payload } = decodeJwt(valid);
  const [h, p] = valid.split('.');
  const now = Math.floor(Date.now() / 1000);
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  return {
    expired: signJwt(header, { ...payload, iat: now - 7200, auth_time: now - 7200, exp: now - 3600 }, emulatorKey()),
    'wrongly signed': signJwt(header, payload, stranger),
    'alg none': `${b64url({ ...header, alg: 'none' })}.${p}.`,
    'changed after signing': `${h}.${b64url({ ...payload, 'cognito:groups': ['admin'] })}.${valid.split('.')[2]}`,
    'another client': signJwt(header, { ...payload, aud: 'another-client' }, emulatorKey()),
    'an access token': signJwt(header, { ...payload, token_use: 'access' }, emulatorKey()),
  };
}
