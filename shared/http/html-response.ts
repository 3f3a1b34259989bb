import { contentSecurityPolicy } from '../web/security';
import { type HttpResult, securityHeaders } from './responses';

/**
 * An HTML page with the pages' security headers. Apart from ./responses.ts because the
 * policy hashes the page scripts and style sheet: only functions that answer with a page
 * load them (docs/performance.md "Bundles").
 */
export const html = (statusCode: number, page: string, headers: Readonly<Record<string, string>> = {}): HttpResult => ({
  statusCode,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    ...securityHeaders,
    'content-security-policy': contentSecurityPolicy(),
    'x-frame-options': 'DENY',
    ...headers,
  },
  body: page,
});
