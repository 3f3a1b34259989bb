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
    if (header(event, 'sec-fetch-site')?.toLowerCase() === 'cross-site') throw problems.crossSite();
    const origin = header(event, 'origin');
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
