/**
 * The complainant's access token: 256 random bits, shown once; only its SHA-256 is
 * stored (the submission item), compared in constant time.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const newAccessToken = (): string => randomBytes(32).toString('base64url');

/**
 * The token a follow-up (回访) mail's status link carries: HMAC-SHA256 of its notice key with
 * the stage's hash secret, 256 bits like a random token. Derived, not drawn, so a retried send
 * of the same notice carries the same token and stores no second one (docs/security.md
 * "Tokens in follow-up mails").
 */
export const followUpAccessToken = (secret: Buffer, noticeKey: string): string => createHmac('sha256', secret).update(`follow-up-token:${noticeKey}`).digest('base64url');

/** The token of an `Authorization: Bearer <token>` header, if any. */
export const bearerToken = (authorization: string | undefined): string | undefined => /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];

/** The hashes of the tokens that open a case: the registration's, any handed to a resubmission of it, and those of follow-up mails. */
export const tokenHashesOf = (submission: {
  readonly tokenHash: string;
  readonly resubmissionTokenHashes?: readonly string[];
  readonly followUpTokenHashes?: readonly string[];
}): string[] => [submission.tokenHash, ...(submission.resubmissionTokenHashes ?? []), ...(submission.followUpTokenHashes ?? [])];

/** Does this token (possibly missing) fit one of the stored hashes? Every hash is compared, in constant time. */
export function tokenFits(token: string | undefined, storedHashes: readonly string[]): boolean {
  if (!token) return false;
  const hash = Buffer.from(hashToken(token));
  return storedHashes.reduce((fits, stored) => (stored.length === hash.length && timingSafeEqual(hash, Buffer.from(stored))) || fits, false);
}
