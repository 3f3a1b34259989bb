import { type HttpResult, securityHeaders } from './responses';

/**
 * An HTML page with the pages' security headers and the given Content-Security-Policy
 * (web/security.ts). The public pages answer through `html` of ./html-response.ts, whose
 * policy hashes their scripts; the staff console through this alone, so its bundle leaves
 * the public page scripts out (docs/performance.md "Bundles").
 */
export const htmlWithPolicy = (statusCode: number, page: string, policy: string, headers: Readonly<Record<string, string>> = {}): HttpResult => ({
  statusCode,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    ...securityHeaders,
    'content-security-policy': policy,
    'x-frame-options': 'DENY',
    ...headers,
  },
  body: page,
});
