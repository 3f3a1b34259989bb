import { contentSecurityPolicy } from '../web/security';
import { pageScripts } from '../web/scripts';
import { htmlWithPolicy } from './page-response';
import type { HttpResult } from './responses';

/**
 * A public page (form, status, result, transparency, problem pages) with the pages'
 * security headers. Apart from ./responses.ts because the policy hashes the page scripts
 * and style sheet: only functions that answer with a page load them (docs/performance.md
 * "Bundles").
 */
export const html = (statusCode: number, page: string, headers: Readonly<Record<string, string>> = {}): HttpResult =>
  htmlWithPolicy(statusCode, page, publicPagePolicy(), headers);

/** The public pages' policy: their scripts, and `connectTo` (contentSecurityPolicy). */
export const publicPagePolicy = (connectTo: readonly string[] = []): string => contentSecurityPolicy(connectTo, Object.values(pageScripts));
