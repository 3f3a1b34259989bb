/**
 * The complainant's access token: 256 random bits, shown once; only its SHA-256 is
 * stored (the submission item), compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const newAccessToken = (): string => randomBytes(32).toString('base64url');

/** The token of an `Authorization: Bearer <token>` header, if any. */
export const bearerToken = (authorization: string | undefined): string | undefined => /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];

/** The hashes of the tokens that open a case: the registration's, and any handed to a resubmission of it. */
export const tokenHashesOf = (submission: { readonly tokenHash: string; readonly resubmissionTokenHashes?: readonly string[] }): string[] => [
  submission.tokenHash,
  ...(submission.resubmissionTokenHashes ?? []),
];

/** Does this token (possibly missing) fit one of the stored hashes? Every hash is compared, in constant time. */
export function tokenFits(token: string | undefined, storedHashes: readonly string[]): boolean {
  if (!token) return false;
  const hash = Buffer.from(hashToken(token));
  return storedHashes.reduce((fits, stored) => (stored.length === hash.length && timingSafeEqual(hash, Buffer.from(stored))) || fits, false);
}
