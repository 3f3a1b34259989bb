import { trustedSourceFor, type TrustedSource } from '../domain/trusted-sources';
import { problems } from './problem';

/**
 * The trusted flagger a post comes from (`X-Trusted-Source-Key`, DSA Art. 22): none without
 * the header; a key that is no source's is refused (401), so a mistyped key is not silently
 * treated as an ordinary report.
 */
export function trustedSourceOf<S extends TrustedSource>(sources: readonly S[], key: string | undefined): S | undefined {
  if (key === undefined) return undefined;
  const source = trustedSourceFor(sources, key);
  if (!source) throw problems.unknownTrustedSource();
  return source;
}
