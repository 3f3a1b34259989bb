/**
 * The directory's write routes (docs/administration.md), each a body schema and the domain
 * request it makes: the route key names the entity and the operation, the path names the entry.
 */
import { randomUUID } from 'node:crypto';
import type { DirectoryRequest } from '../domain/directory-changes';
import type { Language } from '../domain/status';
import {
  absenceCreateSchema,
  calendarDaySchema,
  calendarDatePattern,
  calendarDeleteSchema,
  categoryCreateSchema,
  categoryPatchSchema,
  departmentCreateSchema,
  departmentPatchSchema,
  limitsPatchSchema,
  staffCreateSchema,
  staffPatchSchema,
  versionOnlySchema,
} from '../schemas/directory-requests';
import { problems } from './problem';
import type { HttpEvent } from './request';
import { validate } from './validation';

type Parse = (body: unknown, id: string, language: Language) => DirectoryRequest;

const withoutVersion = <T extends { version: number }>({ version: _version, ...rest }: T) => rest;

const writeRoutes: Record<string, Parse> = {
  'POST /admin/staff': (body, _, l) => {
    const value = validate(staffCreateSchema, body, l);
    return { entity: 'staff', op: 'create', value: { ...value, conflicts: value.conflicts ?? [] } };
  },
  'PATCH /admin/staff/{email}': (body, id, l) => {
    const patch = validate(staffPatchSchema, body, l);
    return { entity: 'staff', op: 'update', id, version: patch.version, patch: withoutVersion(patch) };
  },
  'POST /admin/absences': (body, _, l) => ({ entity: 'absence', op: 'create', id: randomUUID(), value: validate(absenceCreateSchema, body, l) }),
  'DELETE /admin/absences/{id}': (body, id, l) => ({ entity: 'absence', op: 'delete', id, version: validate(versionOnlySchema, body, l).version }),
  'POST /admin/departments': (body, _, l) => ({ entity: 'department', op: 'create', value: validate(departmentCreateSchema, body, l) }),
  'PATCH /admin/departments/{id}': (body, id, l) => {
    const patch = validate(departmentPatchSchema, body, l);
    return { entity: 'department', op: 'update', id, version: patch.version, patch: withoutVersion(patch) };
  },
  'POST /admin/categories': (body, _, l) => {
    const value = validate(categoryCreateSchema, body, l);
    return { entity: 'category', op: 'create', value: { ...value, security: value.security ?? false } };
  },
  'PATCH /admin/categories/{id}': (body, id, l) => {
    const patch = validate(categoryPatchSchema, body, l);
    return { entity: 'category', op: 'update', id, version: patch.version, patch: withoutVersion(patch) };
  },
  'PUT /admin/calendar/days/{date}': (body, id, l) => {
    const { version, ...value } = validate(calendarDaySchema, body, l);
    return { entity: 'calendar', op: 'put', id: checkedDate(id), ...(version === undefined ? {} : { version }), value };
  },
  'DELETE /admin/calendar/days/{date}': (body, id, l) => {
    const { version } = validate(calendarDeleteSchema, body, l);
    return { entity: 'calendar', op: 'delete', id: checkedDate(id), ...(version === undefined ? {} : { version }) };
  },
  'PATCH /admin/limits': (body, _, l) => {
    const { version, limits } = validate(limitsPatchSchema, body, l);
    return { entity: 'limits', op: 'update', version, limits };
  },
};

/** The domain request of a write route: its body (or for a DELETE, its query) validated. */
export function directoryRequest(event: HttpEvent, language: Language): DirectoryRequest {
  const parse = writeRoutes[event.routeKey];
  if (!parse) throw problems.notFound();
  const id = Object.values(event.pathParameters ?? {})[0] ?? '';
  const body = event.parsedBody ?? event.queryStringParameters ?? {};
  return parse(body, id, language);
}

function checkedDate(date: string): string {
  if (calendarDatePattern.test(date) && !Number.isNaN(Date.parse(date))) return date;
  throw problems.invalidRequest([{ path: 'date', code: 'invalid-format', message: 'The date must be YYYY-MM-DD.' }]);
}
