import type * as z from 'zod/mini';
import { workViews } from '../domain/staff-access';
import { caseStatuses } from '../domain/status';
import { staffActionRequestSchema, staffEntryFieldsSchema } from './staff-requests';

/**
 * The `/staff` paths of the OpenAPI document (spec/api.md "Staff endpoints in detail"):
 * each behind the staff ID token (`staffToken`), request bodies from the zod schemas that
 * validate them. The answers have no zod schema of their own (the domain builds them,
 * staff-view.ts): they are described in words.
 */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const answer = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const caseNumber = { name: 'caseNumber', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Z]{2}-\\d{8}-\\d{4,}$' } };
/** What every staff path may answer besides its own. */
const signedIn = { 401: problem('No valid staff ID token (missing, expired, wrongly signed, alg none, another client, an access token)'), 403: problem('Not a staff member of this stage') };
const visible = problem('No such case, or one the caller may not see (the same answer: docs/security.md "Authorisation matrix")');
const security = [{ staffToken: [] }];

export const staffPaths = {
  '/staff/me': {
    get: { summary: 'Who is signed in: email, roles, departments', security, responses: { 200: answer('The caller as the stage config knows them'), ...signedIn } },
  },
  '/staff/cases': {
    get: {
      summary: 'A work list, the most urgent deadline first',
      security,
      parameters: [
        { name: 'view', in: 'query', required: false, schema: { type: 'string', enum: [...workViews], default: 'all' } },
        { name: 'status', in: 'query', required: false, schema: { type: 'string', enum: [...caseStatuses] } },
        { name: 'cursor', in: 'query', required: false, schema: { type: 'string', maxLength: 400 }, description: 'The cursor of the previous page, as given' },
        { name: 'lang', in: 'query', required: false, schema: { type: 'string', enum: ['zh-CN', 'en'] } },
      ],
      responses: { 200: answer('{ items: [{ caseNumber, kind, type, category, level, priority, status, department, assignee, receivedAt, expectedBy, overdue }], cursor? }'), 400: problem('Unknown parameter, view, status or cursor'), ...signedIn },
    },
    post: {
      summary: 'Register a case received by phone, letter or in person (the POST /complaints body plus channel and receivedAt)',
      security,
      requestBody: { required: true, content: { 'application/json': { schema: { allOf: [ref('ComplaintRequest'), ref('StaffEntryFields')] } } } },
      responses: {
        201: answer('{ caseNumber, accessToken, status }: the token to hand to the complainant'),
        400: problem('Invalid fields, listed in errors (evidence by upload id is refused here; receivedAt not in the future)'),
        ...signedIn,
      },
    },
  },
  '/staff/cases/{caseNumber}': {
    get: {
      summary: 'The case as the caller may see it: deadlines with explanations, history, evidence with 5-minute download links, the contact where allowed',
      security,
      parameters: [caseNumber],
      responses: { 200: answer('The case view with its version'), ...signedIn, 404: visible },
    },
  },
  '/staff/cases/{caseNumber}/actions': {
    post: {
      summary: 'One staff action on the version the caller read',
      security,
      parameters: [caseNumber],
      requestBody: { required: true, content: { 'application/json': { schema: ref('StaffAction') } } },
      responses: {
        200: answer('{ caseNumber, status, version }; reveal-contact also carries contact'),
        400: problem('Invalid fields, listed in errors'),
        401: signedIn[401],
        403: problem('Not allowed for the caller: role, relation to the case, or a separation-of-duties rule (its id in the detail)'),
        404: visible,
        409: problem('Another version than the case’s, or not allowed in its current state'),
      },
    },
  },
  '/staff/reports/{period}': {
    get: {
      summary: 'The stored report of a month (YYYY-MM) or ISO week (YYYY-Www); text/html or text/csv on Accept',
      security,
      parameters: [{ name: 'period', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{4}-(\\d{2}|W\\d{2})$' } }],
      responses: { 200: answer('The report (JSON by default)'), 401: signedIn[401], 403: problem('Not an admin, supervisor or member of the management group'), 404: problem('Not generated yet, or not a period') },
    },
  },
};

export const staffSchemas = (jsonSchema: (schema: z.ZodMiniType, io?: 'input' | 'output') => Record<string, unknown>) => ({
  StaffAction: jsonSchema(staffActionRequestSchema, 'input'),
  StaffEntryFields: jsonSchema(staffEntryFieldsSchema, 'input'),
});
