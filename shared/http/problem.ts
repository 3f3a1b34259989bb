/**
 * Problem details (RFC 9457). Every 4xx/5xx of the API is one of these, built here and
 * turned into a response in exactly one place (the error middleware).
 */
export interface FieldError {
  readonly path: string;
  readonly message: string;
  /** Stable machine-readable reason, e.g. `too-short`, so a client can localise. */
  readonly code: string;
}

export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly errors?: readonly FieldError[];
}

export class HttpProblem extends Error {
  constructor(
    readonly body: ProblemBody,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(body.title);
    this.name = 'HttpProblem';
  }
}

const problem = (
  slug: string,
  status: number,
  title: string,
  detail: string,
  extra: { errors?: readonly FieldError[]; headers?: Record<string, string> } = {},
): HttpProblem =>
  new HttpProblem(
    { type: `/problems/${slug}`, title, status, detail, ...(extra.errors ? { errors: extra.errors } : {}) },
    extra.headers,
  );

export const problems = {
  invalidRequest: (errors: readonly FieldError[]) =>
    problem('invalid-request', 400, 'Invalid request', 'One or more fields are not valid; see errors.', { errors }),
  malformedBody: (detail: string) => problem('malformed-body', 400, 'Malformed request body', detail),
  /** Staff routes without a valid staff ID token (the authorizer, or the function's own check). */
  unauthorized: () =>
    problem('unauthorized', 401, 'Unauthorized', 'Sign in first: send a valid staff ID token as `Authorization: Bearer <token>`.', {
      headers: { 'www-authenticate': 'Bearer' },
    }),
  /** A delivery-event webhook post not signed with the stage's key, or signed too long ago (shared/http/webhook-signature.ts). */
  badSignature: () =>
    problem('bad-signature', 401, 'Unauthorized', 'The post is not signed with this service’s webhook key, or its timestamp is more than 5 minutes away from now.'),
  /** Signed in, but not a staff member of this stage (a pool user the stage config no longer lists). */
  submitterPaused: () =>
    problem(
      'submitter-paused',
      403,
      'Submissions paused',
      'A case you sent earlier was found to be a malicious or false report, so new online submissions from your contact details are paused for a while. For something urgent, call or write to us.',
    ),
  /** `X-Trusted-Source-Key` that is no configured trusted source's key (DSA Art. 22 trusted flaggers). */
  unknownTrustedSource: () =>
    problem('unknown-trusted-source', 401, 'Unauthorized', 'The X-Trusted-Source-Key header is not a key of any trusted source of this service; send the report without it, or ask for your key.'),
  notStaff: () => problem('not-staff', 403, 'Forbidden', 'The signed-in account is not a staff member of this service.'),
  notFound: () => problem('not-found', 404, 'Not found', 'Nothing matches this address, or the access token does not fit.'),
  methodNotAllowed: (allow: readonly string[]) =>
    problem('method-not-allowed', 405, 'Method not allowed', `This address accepts ${allow.join(', ')}.`, {
      headers: { allow: allow.join(', ') },
    }),
  crossSite: () => problem('cross-site', 403, 'Forbidden', 'This form may only be sent from the service’s own pages.'),
  conflict: (detail: string) => problem('conflict', 409, 'Conflict', detail),
  /** A staff action the case's current state does not allow (the domain's ActionNotAllowedError). */
  notNow: (detail: string) => problem('action-not-allowed', 409, 'Not allowed now', detail),
  /** A staff action the caller's role or relation to the case does not allow (the domain's ForbiddenActionError). */
  forbidden: (detail: string) => problem('forbidden', 403, 'Forbidden', detail),
  payloadTooLarge: (maxBytes: number) =>
    problem('payload-too-large', 413, 'Payload too large', `The request body may be at most ${maxBytes} bytes.`),
  unsupportedMediaType: (accepted: readonly string[]) =>
    problem('unsupported-media-type', 415, 'Unsupported media type', `Send the body as ${accepted.join(' or ')}.`),
  tooManyRequests: (retryAfterSeconds: number) =>
    problem('too-many-requests', 429, 'Too many requests', `Please try again in ${retryAfterSeconds} seconds.`, {
      headers: { 'retry-after': String(retryAfterSeconds) },
    }),
  internal: () =>
    problem('internal', 500, 'Internal error', 'Something went wrong on our side. Please try again in a moment.'),
} as const;
