/**
 * Trusted flaggers (DSA Art. 22; seed 002 names 12377 and the authorities as sources of
 * reports): a post that carries a configured source's key is marked with the source,
 * prioritised at least `important` (priority.ts) and counted apart (statistics.ts). The
 * stage config holds the SHA-256 of each key, never the key.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export interface TrustedSource {
  readonly id: string;
  readonly kind: 'authority' | 'partner';
  readonly keySha256: string;
}

/** The source whose key this is, compared in constant time; undefined for any other key. */
export function trustedSourceFor<S extends TrustedSource>(sources: readonly S[], key: string): S | undefined {
  const digest = createHash('sha256').update(key, 'utf8').digest();
  return sources.find((s) => timingSafeEqual(Buffer.from(s.keySha256, 'hex'), digest));
}
