import type * as z from 'zod/mini';
import { auditReasons } from '../domain/audit';
import { auditAnswerSchema, eraseAnswerSchema, eraseRequestSchema } from './admin-requests';
import {
  absenceCreateSchema,
  calendarDaySchema,
  calendarImportSchema,
  categoryCreateSchema,
  categoryPatchSchema,
  departmentCreateSchema,
  departmentPatchSchema,
  limitsPatchSchema,
  staffCreateSchema,
  staffPatchSchema,
} from './directory-requests';

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

/** The directory's routes (docs/administration.md): admins, and supervisors for their departments' staff and absences. */
const directoryAnswers = (ok: number, description: string, extra: Record<number, unknown> = {}) => ({
  [ok]: { description, content: { 'application/json': { schema: { type: 'object' } } } },
  401: signedIn[401],
  403: problem('Not allowed to change or read this entry (not an admin; a supervisor out of their departments or granting a role)'),
  ...extra,
});
const invalid = problem('Unknown field, invalid value, or a change the stage config\'s validation refuses (the field named in errors)');
const stale = problem('The version is stale (a concurrent edit won) or the id is taken');
const missing = problem('No entry of this id');
const body = (name: string) => ({ required: true, content: { 'application/json': { schema: ref(name) } } });
const pathParameter = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const versionQuery = { name: 'version', in: 'query', required: false, schema: { type: 'integer' }, description: 'The version read (or in a JSON body)' };
const list = (summary: string) => ({ summary, security: signedIn.security, responses: directoryAnswers(200, summary) });
const create = (summary: string, schema: string) => ({ summary, security: signedIn.security, requestBody: body(schema), responses: directoryAnswers(201, 'The entry created, version 1', { 400: invalid, 409: stale }) });
const patch = (summary: string, schema: string, id: string) => ({
  summary,
  security: signedIn.security,
  parameters: [pathParameter(id)],
  requestBody: body(schema),
  responses: directoryAnswers(200, 'The entry after the change', { 400: invalid, 404: missing, 409: stale }),
});

export const directoryPaths = {
  '/admin/staff': {
    get: list('Staff with openCases (the routing load) and absent (today), as stored now'),
    post: create('Add a staff member (a supervisor: a handler of their own departments)', 'StaffCreate'),
  },
  '/admin/staff/{email}': { patch: patch('Change a staff member; active: false deactivates', 'StaffPatch', 'email') },
  '/admin/absences': { get: list('Absences the caller may manage'), post: create('Declare an absence (the member, their supervisor, an admin)', 'AbsenceCreate') },
  '/admin/absences/{id}': {
    delete: { summary: 'Remove an absence', security: signedIn.security, parameters: [pathParameter('id'), versionQuery], responses: directoryAnswers(204, 'Removed', { 400: invalid, 404: missing, 409: stale }) },
  },
  '/admin/departments': { get: list('Departments'), post: create('Add a department', 'DepartmentCreate') },
  '/admin/departments/{id}': { patch: patch('Change a department', 'DepartmentPatch', 'id') },
  '/admin/categories': { get: list('Categories'), post: create('Add a category', 'CategoryCreate') },
  '/admin/categories/{id}': { patch: patch('Change a category (its department: where its next case is routed)', 'CategoryPatch', 'id') },
  '/admin/calendar': { get: list('Calendar overrides (extra holidays and working days) with versions, and warnings') },
  '/admin/calendar/days/{date}': {
    put: { summary: 'Set a day as holiday or working day', security: signedIn.security, parameters: [pathParameter('date')], requestBody: body('CalendarDay'), responses: directoryAnswers(200, 'The override', { 400: invalid, 409: stale }) },
    delete: { summary: 'Remove a day\'s override', security: signedIn.security, parameters: [pathParameter('date'), versionQuery], responses: directoryAnswers(204, 'Removed', { 400: invalid, 404: missing, 409: stale }) },
  },
  '/admin/calendar/import': {
    post: { summary: "Import a year's official arrangement from the installed chinese-days data (holidays and make-up workdays; days already so are left)", security: signedIn.security, requestBody: body('CalendarImport'), responses: directoryAnswers(200, 'How many days were imported and how many were already so', { 400: invalid, 409: stale }) },
  },
  '/admin/limits': {
    get: list('The time limits with their version'),
    patch: { summary: 'Change time limits (those named; the rest stay)', security: signedIn.security, requestBody: body('LimitsPatch'), responses: directoryAnswers(200, 'The limits after the change', { 400: invalid, 409: stale }) },
  },
};

export const adminSchemas = (jsonSchema: (schema: z.ZodMiniType, io?: 'input' | 'output') => Record<string, unknown>) => ({
  StaffCreate: jsonSchema(staffCreateSchema, 'input'),
  StaffPatch: jsonSchema(staffPatchSchema, 'input'),
  AbsenceCreate: jsonSchema(absenceCreateSchema, 'input'),
  DepartmentCreate: jsonSchema(departmentCreateSchema, 'input'),
  DepartmentPatch: jsonSchema(departmentPatchSchema, 'input'),
  CategoryCreate: jsonSchema(categoryCreateSchema, 'input'),
  CategoryPatch: jsonSchema(categoryPatchSchema, 'input'),
  CalendarDay: jsonSchema(calendarDaySchema, 'input'),
  CalendarImport: jsonSchema(calendarImportSchema, 'input'),
  LimitsPatch: jsonSchema(limitsPatchSchema, 'input'),
  EraseRequest: jsonSchema(eraseRequestSchema, 'input'),
  EraseAnswer: jsonSchema(eraseAnswerSchema),
  AuditAnswer: jsonSchema(auditAnswerSchema),
});
