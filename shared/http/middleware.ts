import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { runsAs } from '../adapters/invocation';
import { logger, stepLogging } from '../adapters/logger';
import { countRequest, rateWindow } from '../adapters/rate-limiter';
import { runtimeSettings } from '../config/runtime';
import { ActionNotAllowedError, ForbiddenActionError } from '../domain/action-errors';
import { formFieldsToRequestBody, idempotencyField } from '../web/form-fields';
import { HttpProblem, problems } from './problem';
import { sameOriginPosts } from './same-origin';
import { clientAddress, type HttpEvent, requestTime, wantsHtml } from './request';
import { type HttpResult, problemJson } from './responses';

type Middleware = MiddlewareObj<HttpEvent, HttpResult, Error, Context>;

/** A page to answer a browser's form post with instead of problem+json (same status and headers). */
export type ProblemPage = (event: HttpEvent, problem: HttpProblem) => HttpResult;

/**
 * The one place where errors become responses: a known problem keeps its status and
 * text; anything else is logged (without the request) and answered as a plain 500.
 */
export const problemResponses = (page?: ProblemPage): Middleware => ({
  onError: async (request) => {
    const { error } = request;
    let problem: HttpProblem;
    if (error instanceof HttpProblem) {
      problem = error;
    } else if (error instanceof ActionNotAllowedError) {
      problem = problems.notNow(error.message);
    } else if (error instanceof ForbiddenActionError) {
      problem = problems.forbidden(error.message);
    } else {
      logger.error('Unhandled error', { errorName: error?.name, errorMessage: error?.message, stack: error?.stack });
      problem = problems.internal();
    }
    if (page && request.event.bodyFormat === 'form' && wantsHtml(request.event)) {
      request.response = page(request.event, problem);
      return;
    }
    request.response = problemJson(problem.body, problem.headers);
  },
});

const countThis = async (event: HttpEvent) => {
  const { tableName, config } = runtimeSettings();
  await countRequest(tableName, await rateWindow(clientAddress(event), requestTime(event)), config.rateLimits.requestsPerMinute);
};

/**
 * Per-client request limit of the stage config (every request counts). `deferred`: the
 * handler counts an accepted request in its own write (intake's one transaction), so
 * only a request that fails is counted here, after the fact; past the limit it is
 * answered 429 like any other (api.md: every request, valid or not, counts), so invalid
 * bodies cannot be sent without end.
 */
export const requestRateLimit = (deferred = false): Middleware =>
  deferred
    ? {
        onError: async (request) => {
          const { event, error } = request;
          // Not the limit itself, nor a post refused from another site (refused before anything counts).
          if (error instanceof HttpProblem && (error.body.status === 429 || error.body.status === 403)) return;
          try {
            await countThis(event);
          } catch (limit) {
            // Past the limit the 429 is the answer; a failure to count leaves the error being answered.
            if (limit instanceof HttpProblem && limit.body.status === 429) request.error = limit;
          }
        },
      }
    : { before: async ({ event }) => countThis(event) };

export const maxBodyBytes = 64 * 1024;
const bodyTypes = { 'application/json': 'json', 'application/x-www-form-urlencoded': 'form' } as const;

/**
 * Size (64 KiB), content type and syntax of the body. JSON is parsed as is; a form post
 * (urlencoded, from the page without JavaScript) becomes the same JSON shape.
 */
export const requestBody = (optional = false): Middleware => ({
  before: async ({ event }) => {
    const raw = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
    // A route whose body may be left out (a DELETE naming its version in the query).
    if (optional && raw.byteLength === 0) return;
    const mediaType = (event.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const format = bodyTypes[mediaType as keyof typeof bodyTypes];
    // Known before the size check, so that a form post too large still gets a page back.
    if (format) event.bodyFormat = format;
    if (raw.byteLength > maxBodyBytes) throw problems.payloadTooLarge(maxBodyBytes);
    if (!format) throw problems.unsupportedMediaType(Object.keys(bodyTypes));
    const text = decodeUtf8(raw);
    const fields = format === 'form' ? new URLSearchParams(text) : undefined;
    event.parsedBody = fields ? formFieldsToRequestBody(fields) : parseJson(text);
    const key = event.headers['idempotency-key'] ?? fields?.get(idempotencyField) ?? undefined;
    if (key !== undefined) event.idempotencyKey = checkedIdempotencyKey(key);
  },
});

/** The IETF draft's `Idempotency-Key`: 1-255 visible ASCII characters (a UUID is typical). */
function checkedIdempotencyKey(key: string): string {
  if (/^[\x21-\x7e]{1,255}$/.test(key)) return key;
  throw problems.invalidRequest([{ path: 'Idempotency-Key', code: 'invalid-idempotency-key', message: 'Idempotency-Key must be 1-255 visible ASCII characters, e.g. a UUID.' }]);
}

function decodeUtf8(raw: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw problems.malformedBody('The body is not valid UTF-8.');
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw problems.malformedBody('The body is not valid JSON.');
  }
}

export interface HttpFunctionOptions {
  /** Parse and size-check a request body (`optional`: an empty one is none). */
  readonly body?: boolean | 'optional';
  /** Count the request against the per-client limit (default true; `deferred`: the handler counts accepted requests itself). */
  readonly rateLimit?: boolean | 'deferred';
  readonly problemPage?: ProblemPage;
}

export type HttpHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/**
 * An HTTP function that answers from the stage config alone, granted no table read (the
 * pages' shells, health, the catch-alls). Every other one is built by `httpFunction`
 * (http-function.ts), which also reads the table's directory; kept apart so these bundles
 * carry no directory code.
 */
export const configOnlyHttpFunction = (step: string, handler: HttpHandler, options: HttpFunctionOptions = {}) => httpStack(step, handler, options);

/** The middleware stack every HTTP function shares, in one order; `directory` reads the table's directory into the config. */
export function httpStack(step: string, handler: HttpHandler, options: HttpFunctionOptions, directory?: MiddlewareObj) {
  const stack = middy<HttpEvent, HttpResult, Error, Context>(handler)
    .use(stepLogging(step))
    .use(problemResponses(options.problemPage));
  if (directory) stack.use(directory);
  // A body is only posted: a post from another site is refused before it counts or stores anything.
  if (options.body) stack.use(sameOriginPosts());
  const rateLimit = options.rateLimit ?? true;
  if (rateLimit) stack.use(requestRateLimit(rateLimit === 'deferred'));
  if (options.body) stack.use(requestBody(options.body === 'optional'));
  return runsAs(step, stack);
}
