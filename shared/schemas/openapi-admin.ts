import type * as z from 'zod/mini';
import { auditReasons } from '../domain/audit';
import { auditAnswerSchema, eraseAnswerSchema, eraseRequestSchema } from './admin-requests';

/** The `/admin` paths of the OpenAPI document (admin role only; docs/security.md "Personal data on request"). */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const signedIn = {
  security: [{ staffToken: [] }],
  401: problem('No valid staff ID token'),
  403: problem('Not an admin'),
};
const reason = { name: 'reason', in: 'query', required: false, schema: { type: 'string', enum: [...auditReasons] }, description: 'Why, as a code (written to the audit history)' };
const instant = (name: string) => ({ name, in: 'query', required: true, schema: { type: 'string', format: 'date-time' } });

export const adminPaths = {
  '/admin/cases/{caseNumber}/export': {
    get: {
      summary: 'Everything held about a case, for a data-subject access request (audited)',
      security: signedIn.security,
      parameters: [{ name: 'caseNumber', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Z]{2}-\\d{8}-\\d{4,}$' } }, reason],
      responses: {
        200: { description: 'case (the staff view), submission, contact, history, notices, feedback, material, uploads with 5-minute download links', content: { 'application/json': { schema: { type: 'object' } } } },
        400: problem('Unknown query parameter or reason'),
        401: signedIn[401],
        403: signedIn[403],
        404: problem('Unknown case'),
      },
    },
  },
  '/admin/complainants/erase': {
    post: {
      summary: "Erase a complainant's personal data on every case of theirs; idempotent (audited)",
      security: signedIn.security,
      requestBody: { required: true, description: 'Exactly one of email and caseNumber', content: { 'application/json': { schema: ref('EraseRequest') } } },
      responses: {
        200: { description: "The person's cases, erased now or before: the same answer every time", content: { 'application/json': { schema: ref('EraseAnswer') } } },
        400: problem('Invalid fields (unknown, wrong type, both or neither of email and caseNumber), listed in errors'),
        401: signedIn[401],
        403: signedIn[403],
        404: problem('Unknown case number'),
      },
    },
  },
  '/admin/audit': {
    get: {
      summary: 'The audit history of exports and erasures (no personal data), oldest first',
      security: signedIn.security,
      parameters: [instant('from'), instant('to')],
      responses: {
        200: { description: 'The entries between from and to (at most 366 days)', content: { 'application/json': { schema: ref('AuditAnswer') } } },
        400: problem('Missing, malformed or too long a span, or an unknown parameter'),
        401: signedIn[401],
        403: signedIn[403],
      },
    },
  },
};

export const adminSchemas = (jsonSchema: (schema: z.ZodMiniType, io?: 'input' | 'output') => Record<string, unknown>) => ({
  EraseRequest: jsonSchema(eraseRequestSchema, 'input'),
  EraseAnswer: jsonSchema(eraseAnswerSchema),
  AuditAnswer: jsonSchema(auditAnswerSchema),
});
