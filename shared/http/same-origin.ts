import type { Context } from 'aws-lambda';
import type { MiddlewareObj } from '@middy/core';
import { runtimeSettings } from '../config/runtime';
import { problems } from './problem';
import { header, type HttpEvent } from './request';
import type { HttpResult } from './responses';

/**
 * Refuses a post that a browser made from another site (api.md "Errors"), so nobody can
 * make the service mail an address from their own page: an `Origin` other than the
 * service's own (its `publicBaseUrl`, or the host the request was sent to), or
 * `Sec-Fetch-Site: cross-site`. Runs before anything is counted or stored. A script or
 * server posting JSON sends neither header and is not concerned.
 */
export const sameOriginPosts = (): MiddlewareObj<HttpEvent, HttpResult, Error, Context> => ({
  before: async ({ event }) => {
    const site = header(event, 'sec-fetch-site')?.toLowerCase();
    if (site === 'cross-site') throw problems.crossSite();
    const origin = header(event, 'origin');
    // Our pages set `Referrer-Policy: no-referrer`, so the browser sends `Origin: null` with
    // their own form posts; `Sec-Fetch-Site: same-origin` (set by the browser, not by
    // page script) tells that apart from a sandboxed page of another site.
    if (origin === 'null' && site === 'same-origin') return;
    if (origin !== undefined && !isOwnOrigin(origin, event)) throw problems.crossSite();
  },
});

function isOwnOrigin(origin: string, event: HttpEvent): boolean {
  let host: string;
  try {
    // `null` (a sandboxed page, a file) is not a URL, and not this service.
    host = new URL(origin).host;
  } catch {
    return false;
  }
  return host === new URL(runtimeSettings().config.publicBaseUrl).host || host === header(event, 'host');
}
