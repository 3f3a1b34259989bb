/**
 * The local stand-in for API Gateway (HTTP API): turns each request into the
 * payload 2.0 event API Gateway would build, invokes the route's function and maps
 * its result back, with API Gateway's own answers for the cases it handles itself
 * (413 over 10 MB, 500 when the function fails or times out, 401 from the staff
 * routes' JWT authorizer).
 */
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { LocalClock } from './local-clock';
import type { LocalRoute } from './local-topology';
import type { RuntimeLog } from './runtime-log';
import type { StaffAuthorizer } from './staff-authorizer';
import { RouteThrottle, type RouteThrottleLimits } from './route-throttle';
import { problems } from '../shared/http/problem';
import { problemJson, securityHeaders } from '../shared/http/responses';
import { describeError } from './runtime-log';

/** HTTP API's payload limit. The handlers enforce the API's own 64 KiB themselves. */
export const maxPayloadBytes = 10 * 1024 * 1024;

export interface GatewayOptions {
  readonly routes: readonly LocalRoute[];
  readonly fallbackHandler: string;
  readonly invoke: (functionName: string, event: APIGatewayProxyEventV2) => Promise<unknown>;
  readonly clock: LocalClock;
  readonly accountId: string;
  readonly log: RuntimeLog;
  /** Checks the token of `auth: 'staff'` routes; absent = every such route answers 401. */
  readonly authorize?: StaffAuthorizer;
  /** The stage's route throttles (public default, staff and admin routes apart); none when absent. */
  readonly throttle?: RouteThrottleLimits;
  /** Log one line per request (npm start); tests keep it off. */
  readonly accessLog?: boolean;
}

export interface RouteMatch {
  readonly routeKey: string;
  readonly handler: string;
  readonly pathParameters?: Record<string, string>;
  readonly auth?: 'staff';
}

export interface HttpGateway {
  readonly server: http.Server;
  readonly url: string;
  /** Answers so far by class: the local stand-in for the HTTP API's `Count`, `4xx` and `5xx` metrics. */
  readonly stats: GatewayStats;
  close(): Promise<void>;
}

export interface GatewayStats {
  requests: number;
  clientErrors: number;
  serverErrors: number;
}

export const apiId = 'localapi01';

export async function startHttpGateway(options: GatewayOptions, port: number, host: string): Promise<HttpGateway> {
  const match = routeMatcher(options.routes, options.fallbackHandler);
  const throttle = options.throttle ? new RouteThrottle(options.throttle) : undefined;
  const stats: GatewayStats = { requests: 0, clientErrors: 0, serverErrors: 0 };
  const server = http.createServer((req, res) => {
    res.once('finish', () => {
      stats.requests += 1;
      if (res.statusCode >= 500) stats.serverErrors += 1;
      else if (res.statusCode >= 400) stats.clientErrors += 1;
    });
    handleRequest(req, res, match, options, throttle).catch((error: unknown) => {
      options.log.error('gateway: request failed', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json', ...transportSecurity });
      res.end('{"message":"Internal Server Error"}');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    server,
    url: `http://localhost:${actualPort}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Requests still running get a moment to finish, then their connections go too.
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      }),
  };
}

async function handleRequest(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  match: (method: string, path: string) => RouteMatch,
  options: GatewayOptions,
  throttle: RouteThrottle | undefined,
): Promise<void> {
  const started = Date.now();
  const requestId = newRequestId();
  const declaredLength = Number(req.headers['content-length'] ?? 0);
  if (declaredLength > maxPayloadBytes) {
    req.resume();
    send(res, 413, { 'content-type': 'application/json', 'apigw-requestid': requestId }, '{"message":"Request Entity Too Large"}');
    return;
  }
  const body = await readBody(req, maxPayloadBytes);
  if (body === undefined) {
    send(res, 413, { 'content-type': 'application/json', 'apigw-requestid': requestId, connection: 'close' }, '{"message":"Request Entity Too Large"}');
    return;
  }
  const rawPath = (req.url ?? '/').split('?', 1)[0]!;
  const route = match(req.method ?? 'GET', rawPath);
  if (throttle && !throttle.take(route.routeKey, route.auth)) {
    // API Gateway's own answer, before any authorizer or function.
    send(res, 429, { 'content-type': 'application/json', 'apigw-requestid': requestId }, '{"message":"Too Many Requests"}');
    return;
  }
  const event = buildHttpEvent(req, body, route, { requestId, timeEpoch: options.clock.nowMs(), accountId: options.accountId });
  if (route.auth === 'staff') {
    const verdict = options.authorize ? await options.authorize(event.headers.authorization) : ({ ok: false, reason: 'invalid' } as const);
    if (!verdict.ok) {
      // AWS answers `{"message":"Unauthorized"}` itself (HTTP APIs cannot reshape it); locally the
      // API's problem+json, with the same status and `www-authenticate` (docs/security.md).
      const problem = problems.unauthorized();
      const challenge = verdict.reason === 'missing' ? 'Bearer' : 'Bearer error="invalid_token"';
      const answer = problemJson(problem.body, { ...problem.headers, 'www-authenticate': challenge });
      send(res, 401, { ...(answer.headers as Record<string, string>), 'apigw-requestid': requestId }, answer.body!);
      if (options.accessLog) options.log.info(`${req.method} ${req.url} → 401 staff token ${verdict.reason} (${Date.now() - started} ms)`);
      return;
    }
    (event.requestContext as { authorizer?: unknown }).authorizer = { jwt: { claims: verdict.claims, scopes: null } };
  }
  let status: number;
  try {
    const result = await options.invoke(route.handler, event);
    const response = toHttpResponse(result);
    if ('malformed' in response) {
      options.log.error(`gateway: ${route.handler} returned a malformed response (${response.malformed}); API Gateway answers 500`);
      status = 500;
      send(res, 500, { 'content-type': 'application/json', 'apigw-requestid': requestId }, '{"message":"Internal Server Error"}');
    } else {
      status = response.statusCode;
      send(res, response.statusCode, { ...response.headers, 'apigw-requestid': requestId }, response.body, response.cookies);
    }
  } catch (error) {
    options.log.error(`gateway: ${route.handler} failed for ${event.routeKey} (${event.rawPath}):\n${describeError(error)}`);
    status = 500;
    send(res, 500, { 'content-type': 'application/json', 'apigw-requestid': requestId }, '{"message":"Internal Server Error"}');
  }
  if (options.accessLog) options.log.info(`${req.method} ${req.url} → ${route.handler} ${status} (${Date.now() - started} ms)`);
}

/** Reads the whole body; undefined when it grows past `limit` (chunked uploads have no length up front). */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * On the gateway's own answers too (401, 413, 500), as on every function's (shared/http/responses.ts):
 * the deployed stage is reached over HTTPS only; browsers ignore the header over plain HTTP.
 */
const transportSecurity = { 'strict-transport-security': securityHeaders['strict-transport-security'] };

function send(
  res: http.ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer,
  cookies: readonly string[] = [],
): void {
  const setCookie = [...cookies, ...(headers['set-cookie'] ? [headers['set-cookie']] : [])];
  const { 'set-cookie': _, ...rest }: Record<string, string> = { ...transportSecurity, ...headers };
  res.writeHead(status, setCookie.length ? { ...rest, 'set-cookie': setCookie } : rest);
  res.end(body);
}

/**
 * Route selection as HTTP API does it: the exact path wins over paths with
 * variables, and a greedy `{name+}` loses to both; anything else goes to `$default`.
 */
export function routeMatcher(routes: readonly LocalRoute[], fallbackHandler: string): (method: string, path: string) => RouteMatch {
  const compiled = routes
    .map((route) => ({ route, ...compilePath(route.path) }))
    .sort((a, b) => b.literalSegments - a.literalSegments || Number(a.greedy) - Number(b.greedy));
  return (method, rawPath) => {
    for (const { route, pattern, names } of compiled) {
      if (route.method !== method && route.method !== 'ANY') continue;
      const found = pattern.exec(rawPath);
      if (!found) continue;
      const routeKey = `${route.method} ${route.path}`;
      const auth = route.auth ? { auth: route.auth } : {};
      if (names.length === 0) return { routeKey, handler: route.handler, ...auth };
      const pathParameters = Object.fromEntries(names.map((name, i) => [name, decode(found[i + 1]!)]));
      return { routeKey, handler: route.handler, pathParameters, ...auth };
    }
    return { routeKey: '$default', handler: fallbackHandler };
  };
}

function compilePath(routePath: string): { pattern: RegExp; names: string[]; literalSegments: number; greedy: boolean } {
  const names: string[] = [];
  let literalSegments = 0;
  let greedy = false;
  const source = routePath
    .split('/')
    .map((segment) => {
      const variable = /^\{([^}+]+)(\+?)\}$/.exec(segment);
      if (!variable) {
        if (segment) literalSegments += 1;
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      }
      names.push(variable[1]!);
      if (variable[2]) {
        greedy = true;
        return '(.+)';
      }
      return '([^/]+)';
    })
    .join('/');
  return { pattern: new RegExp(`^${source}$`), names, literalSegments, greedy };
}

/**
 * Content types whose bodies HTTP API passes as UTF-8 text; every other body (also
 * `application/x-www-form-urlencoded`, and a body without a content type) arrives
 * base64-encoded with `isBase64Encoded: true`. Observed on AWS; the docs don't list them.
 */
export function isTextContentType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
  return type.startsWith('text/') || type === 'application/json' || type === 'application/xml' || type === 'application/javascript';
}

export interface EventStamp {
  readonly requestId: string;
  /** Milliseconds since the epoch, on the local clock. */
  readonly timeEpoch: number;
  readonly accountId: string;
}

export function buildHttpEvent(req: http.IncomingMessage, body: Buffer, route: RouteMatch, stamp: EventStamp): APIGatewayProxyEventV2 {
  const url = req.url ?? '/';
  const queryAt = url.indexOf('?');
  const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
  const rawQueryString = queryAt === -1 ? '' : url.slice(queryAt + 1);
  const sourceIp = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const host = req.headers.host ?? 'localhost';

  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    if (name === 'cookie' || !values) continue; // cookies travel in their own field
    headers[name] = values.join(',');
  }
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${sourceIp}` : sourceIp;
  headers['x-forwarded-port'] = String(req.socket.localPort ?? '');
  headers['x-forwarded-proto'] = 'http';
  headers['x-amzn-trace-id'] ??= `Root=1-${Math.floor(stamp.timeEpoch / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;

  const cookies = (req.headersDistinct.cookie ?? [])
    .flatMap((line) => line.split(';'))
    .map((cookie) => cookie.trim())
    .filter(Boolean);

  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(rawQueryString ? { queryStringParameters: parseQuery(rawQueryString) } : {}),
    requestContext: {
      accountId: stamp.accountId,
      apiId,
      domainName: host,
      domainPrefix: /^\d+\.\d+\.\d+\.\d+(:\d+)?$|^\[/.test(host) ? host : host.split('.')[0]!.split(':')[0]!,
      http: {
        method: req.method ?? 'GET',
        path: rawPath,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp,
        userAgent: req.headers['user-agent'] ?? '',
      },
      requestId: stamp.requestId,
      routeKey: route.routeKey,
      stage: '$default',
      time: apiGatewayTime(stamp.timeEpoch),
      timeEpoch: stamp.timeEpoch,
    },
    ...(route.pathParameters ? { pathParameters: route.pathParameters } : {}),
    isBase64Encoded: false,
  };
  if (body.length > 0) {
    const text = isTextContentType(headers['content-type']);
    event.body = text ? body.toString('utf8') : body.toString('base64');
    event.isBase64Encoded = !text;
  }
  return event;
}

/** Repeated keys are joined with commas, as payload 2.0 does. */
function parseQuery(raw: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of raw.split('&')) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    const key = decode(at === -1 ? pair : pair.slice(0, at));
    const value = at === -1 ? '' : decode(pair.slice(at + 1));
    params[key] = key in params ? `${params[key]},${value}` : value;
  }
  return params;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `22/Nov/2026:09:30:05 +0000`, the format of requestContext.time. */
export function apiGatewayTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** API Gateway request ids look like `JKJaXmPLvHcESHA=`. */
function newRequestId(): string {
  return randomBytes(10).toString('base64');
}

export type HttpResponse =
  | { statusCode: number; headers: Record<string, string>; cookies: string[]; body: string | Buffer }
  | { malformed: string };

/**
 * Payload 2.0 response rules: an object with `statusCode` is a structured response
 * (headers, cookies, body, isBase64Encoded); anything else is the body of a 200
 * `application/json` answer. 2.0 has no multiValueHeaders: API Gateway ignores them.
 */
export function toHttpResponse(result: unknown): HttpResponse {
  if (result === null || typeof result !== 'object' || !('statusCode' in result)) {
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, cookies: [], body };
  }
  const structured = result as APIGatewayProxyStructuredResultV2 & { multiValueHeaders?: unknown };
  const statusCode = Number(structured.statusCode);
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) return { malformed: `statusCode ${String(structured.statusCode)}` };
  if (structured.body !== undefined && structured.body !== null && typeof structured.body !== 'string') {
    return { malformed: `body is a ${typeof structured.body}, not a string` };
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(structured.headers ?? {})) headers[name.toLowerCase()] = String(value);
  const text = structured.body ?? '';
  const body = structured.isBase64Encoded ? Buffer.from(text, 'base64') : text;
  return { statusCode, headers, cookies: [...(structured.cookies ?? [])], body };
}
