import type * as z from 'zod/mini';
import { accessGrantedSchema, accessRequestedSchema, accessRequestSchema, appealRequestSchema, complainantActionAnswerSchema, feedbackRequestSchema, supplementRequestSchema } from './complainant-actions';
import { transparencySchema } from './report';

/**
 * The paths of the complainant's actions with the access token (补正, 回访, 复核), the lost
 * token, and the public transparency summary (spec/api.md): bodies and answers from the
 * zod schemas that validate and build them.
 */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const jsonBody = (description: string, name: string) => ({ description, content: { 'application/json': { schema: ref(name) } } });
const tooMany = { ...problem('Too many requests from this client; see Retry-After.'), headers: { 'Retry-After': { schema: { type: 'integer' } } } };
const caseNumber = { name: 'caseNumber', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Z]{2}-\\d{8}-\\d{4,}$' } };

/** 补正 / 回访 / 复核: the same shape, each with its own body and the state it needs. */
function complainantAction(summary: string, body: string, when: string) {
  return {
    post: {
      summary,
      security: [{ accessToken: [] }],
      parameters: [caseNumber],
      requestBody: { required: true, content: { 'application/json': { schema: ref(body) } } },
      responses: {
        200: jsonBody('Taken; the status page shows the change at once', 'ComplainantActionAnswer'),
        400: problem('Invalid fields, listed in errors (unknown fields too), or an evidence file refused by its content'),
        404: problem('Unknown case or wrong token (same answer)'),
        409: problem(`The case does not take this now: ${when}`),
        413: problem('Body larger than 64 KiB'),
        415: problem('Not application/json'),
        429: tooMany,
      },
    },
  };
}

export const complainantPaths = {
  '/complaints/{caseNumber}/supplements': complainantAction('补正: the material asked for', 'SupplementRequest', 'only while actions.supplement is true, once per request for material'),
  '/complaints/{caseNumber}/feedback': complainantAction('回访: the follow-up survey answer', 'FeedbackRequest', 'only while actions.feedback is true, one answer per follow-up'),
  '/complaints/{caseNumber}/appeals': complainantAction('复核: ask for a review of the result (final)', 'AppealRequest', 'only while actions.appeal is true (until actions.appealDeadline), once per case'),
  '/complaints/{caseNumber}/access': {
    post: {
      summary: 'A lost access token: `{}` mails the case\'s address a one-time link (valid 24 h); `{ grant }`, its secret, is exchanged once for a new token',
      parameters: [caseNumber],
      requestBody: { required: true, content: { 'application/json': { schema: ref('AccessRequest') } } },
      responses: {
        200: jsonBody('The new token (the old one no longer opens the case)', 'AccessGranted'),
        202: jsonBody('Always the same answer, whether or not the case exists or has an email', 'AccessRequested'),
        400: problem('Invalid fields, listed in errors'),
        404: problem('Unknown, used or expired grant (same answer)'),
        415: problem('Not application/json'),
        429: tooMany,
      },
    },
  },
  '/transparency/{period}': {
    get: {
      summary: '信息公开: the public summary of a month (no personal data; counts 1-4 published as "<5"); the page with Accept: text/html',
      parameters: [{ name: 'period', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } }],
      responses: {
        200: { description: 'The summary', content: { 'application/json': { schema: ref('TransparencySummary') }, 'text/html': { schema: { type: 'string' } } } },
        404: problem('No report for this period yet'),
        429: tooMany,
      },
    },
  },
};

type JsonSchema = (schema: z.ZodMiniType, io?: 'input' | 'output') => Record<string, unknown>;

export const complainantSchemas = (jsonSchema: JsonSchema) => ({
  SupplementRequest: jsonSchema(supplementRequestSchema, 'input'),
  FeedbackRequest: jsonSchema(feedbackRequestSchema, 'input'),
  AppealRequest: jsonSchema(appealRequestSchema, 'input'),
  AccessRequest: jsonSchema(accessRequestSchema, 'input'),
  ComplainantActionAnswer: jsonSchema(complainantActionAnswerSchema),
  AccessRequested: jsonSchema(accessRequestedSchema),
  AccessGranted: jsonSchema(accessGrantedSchema),
  TransparencySummary: jsonSchema(transparencySchema),
});
