/**
 * Placeholder addresses left in a stage config: the example files ship with
 * `example.org`/`example.com` (RFC 2606), which must not reach a real deployment of
 * prod - mail to them goes nowhere and the public links point at nobody's site.
 */
const placeholderDomain = /(?:^|[@./])example\.(?:org|com)(?:$|[/:?#])/i;

/** The dotted path and value of every string in the config that names a placeholder domain. */
export function placeholderAddresses(config: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      if (placeholderDomain.test(value)) found.push(`${path}: ${value}`);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, path ? `${path}.${i}` : String(i)));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(item, path ? `${path}.${key}` : key);
    }
  };
  walk(config, '');
  return found;
}
