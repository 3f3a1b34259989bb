import { createHash } from 'node:crypto';
import { styleSheet } from './styles';

const hash = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const policies = new Map<string, string>();

/**
 * The Content-Security-Policy of every HTML answer: nothing from elsewhere, and inline
 * only the one style sheet and the page scripts, each allowed by the hash of its exact
 * text (a page that inlines anything else is blocked by the browser). Built on first use
 * so that functions answering JSON only never compute it. `connectTo`: origins a page's
 * script may also call (the staff console: the identity provider's sign-in endpoint).
 * `scripts`: the inline scripts allowed (the public pages' for them, `publicPagePolicy` of
 * http/html-response.ts;
 * the console allows only its own).
 */
export function contentSecurityPolicy(connectTo: readonly string[], scripts: readonly string[]): string {
  const key = `${connectTo.join(' ')}|${scripts.map(hash).join(' ')}`;
  let policy = policies.get(key);
  if (policy === undefined) {
    policy = [
      "default-src 'self'",
      `script-src ${scripts.map(hash).join(' ')}`,
      `style-src ${hash(styleSheet)}`,
      "img-src 'self'",
      `connect-src 'self'${connectTo.map((origin) => ` ${origin}`).join('')}`,
      "form-action 'self'",
      "base-uri 'none'",
      "object-src 'none'",
      "frame-ancestors 'none'",
    ].join('; ');
    policies.set(key, policy);
  }
  return policy;
}

