/**
 * Subject normalisation, so that "the same complaint from several complainants" (seed
 * 004 热点 cluster) and exact duplicates (domain.md "exact duplicates are merged") are
 * found although people write the same thing differently: `HTTPS://WWW.Shop.cn/a/?utm_source=x`
 * and `shop.cn/a` are one subject, so are `京ICP备12345678号-1` and `京icp备 12345678号－1`.
 */
import { createHash } from 'node:crypto';
import type { Subject } from './case-state';
import type { CaseKind } from './status';

/** Query parameters that only say where a link was shared from, never what it points at. */
const trackingParams = /^(?:utm_.*|spm|from|share_?.*|fbclid|gclid|yclid|msclkid|mc_[a-z]+|_hsenc|_hsmi|ref|ref_src|scene|clicktime|enterid|wfr|isappinstalled)$/i;

/** Unicode compatibility form (full-width → ASCII), trimmed, inner whitespace collapsed. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/gu, ' ');
}

/**
 * `host/path?query` with the host in lower case and without `www.`, no scheme, default
 * port, fragment, tracking parameters or trailing slash; remaining parameters sorted.
 * Text that is no URL at all comes back as normalised lower-case text.
 */
export function normaliseUrl(value: string): string {
  const text = normaliseText(value);
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    return text.toLowerCase();
  }
  const host = url.hostname.replace(/^www\./, '').replace(/\.$/, '');
  const defaultPort = url.port === '' || (url.protocol === 'http:' && url.port === '80') || (url.protocol === 'https:' && url.port === '443');
  const params = [...url.searchParams].filter(([name]) => !trackingParams.test(name)).sort(([a, av], [b, bv]) => (a === b ? cmp(av, bv) : cmp(a, b)));
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  const path = url.pathname.replace(/\/+$/, '');
  return `${host}${defaultPort ? '' : `:${url.port}`}${path}${query}`;
}

/**
 * ICP filing numbers 备案号: `<province>ICP备<digits>号[-<site>]` (filing) or
 * `<province>ICP证<digits>号` (licence). Case, spaces, full-width characters and the
 * position of 号 around the site suffix vary in the wild; the canonical form is the
 * one MIIT prints: `京ICP备12345678号-1`.
 */
export function normaliseIcpFiling(value: string): string {
  const compact = normaliseText(value).replace(/\s+/g, '').toUpperCase().replace(/[‐‑‒–—―−]/g, '-');
  const match = /^(\p{Script=Han})ICP([备证])(\d+)(?:号)?(?:-(\d+))?(?:号)?$/u.exec(compact);
  if (!match) return compact;
  const [, province, kind, number, site] = match;
  return `${province}ICP${kind}${number}号${site ? `-${site}` : ''}`;
}

/** Account names: trimmed, lower case, without a leading `@` (`@ZhangSan ` = `zhangsan`). */
export function normaliseAccount(value: string): string {
  return normaliseText(value).replace(/^@+/, '').toLowerCase();
}

/** The clustering key of a subject: `<type>:<canonical value>`. */
export function subjectKey(subject: Subject): string {
  switch (subject.type) {
    case 'url':
      return `url:${normaliseUrl(subject.value)}`;
    case 'icp-filing':
      return `icp-filing:${normaliseIcpFiling(subject.value)}`;
    case 'account':
      return `account:${normaliseAccount(subject.value)}`;
    default:
      return `${subject.type}:${normaliseText(subject.value).toLowerCase()}`;
  }
}

export interface DuplicateInput {
  readonly kind: CaseKind;
  readonly category: string;
  readonly subject: Subject;
  readonly description: string;
  /** Pseudonymous complainant key: only an identified complainant's cases can be duplicates of each other. */
  readonly complainantKey: string;
}

/**
 * Exact-duplicate fingerprint (SHA-256, hex): the same complainant sending the same
 * thing about the same subject twice. Descriptions compare after NFKC and whitespace
 * collapsing, not case folding: case can carry meaning in Chinese-English text.
 */
export function duplicateFingerprint(input: DuplicateInput): string {
  const parts = [input.kind, input.category, subjectKey(input.subject), normaliseText(input.description), input.complainantKey];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
