/**
 * The complainant's access token: 256 random bits, shown once; only its SHA-256 is
 * stored (the submission item), compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const newAccessToken = (): string => randomBytes(32).toString('base64url');

/** The token of an `Authorization: Bearer <token>` header, if any. */
export const bearerToken = (authorization: string | undefined): string | undefined => /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];

/** Does this token (possibly missing) fit the stored hash? */
export function tokenFits(token: string | undefined, storedHash: string): boolean {
  if (!token) return false;
  const hash = hashToken(token);
  return hash.length === storedHash.length && timingSafeEqual(Buffer.from(hash), Buffer.from(storedHash));
}
