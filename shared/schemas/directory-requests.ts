import * as z from 'zod/mini';
import { deadlineNames, limitUnits } from '../domain/limits';
import { caseKinds, caseTypes, staffRoles, subjectTypes } from '../domain/status';

/**
 * The bodies of the directory's admin routes (docs/administration.md): strict at every depth
 * (an unknown field is a 400 naming it), the fields of the stage config's entries. What a
 * value must be beyond its type (an id's form, a department that exists, a supervisor with the
 * role ...) is checked on the whole directory by the stage config's own schema
 * (shared/config/directory-check.ts), so the two cannot disagree.
 */

const version = z.number().check(z.int(), z.minimum(1, { error: 'too-small:1' }));
const id = z.string().check(z.minLength(1, { error: 'too-short:1' }), z.maxLength(64, { error: 'too-long:64' }));
const email = z.string().check(z.maxLength(254, { error: 'too-long:254' }), z.email({ error: 'invalid-email' }));
const name = z.string().check(z.minLength(1, { error: 'too-short:1' }), z.maxLength(200, { error: 'too-long:200' }));
const bilingual = z.strictObject({ 'zh-CN': name, en: name });
const date = z.string().check(z.iso.date({ error: 'invalid-format' }));
const level = z.union([z.literal(1), z.literal(2), z.literal(3)]);
const conflict = z.strictObject({ subjectType: z.optional(z.enum(subjectTypes)), value: name, reason: z.optional(name) });

const staffFields = {
  name,
  roles: z.array(z.enum(staffRoles)).check(z.minLength(1, { error: 'too-short:1' })),
  departments: z.array(id),
  supervisor: z.optional(email),
  conflicts: z.optional(z.array(conflict)),
};

/** `POST /admin/staff`. */
export const staffCreateSchema = z.strictObject({ email, ...staffFields });
/** `PATCH /admin/staff/{email}`: `active: false` deactivates. */
export const staffPatchSchema = z.strictObject({
  version,
  name: z.optional(name),
  roles: z.optional(staffFields.roles),
  departments: z.optional(staffFields.departments),
  supervisor: z.optional(email),
  conflicts: z.optional(z.array(conflict)),
  active: z.optional(z.boolean()),
});

/** `POST /admin/absences`. */
export const absenceCreateSchema = z.strictObject({ email, from: date, to: date, reason: z.optional(name) });
/** `DELETE /admin/absences/{id}` (body or query). */
export const versionOnlySchema = z.strictObject({ version: z.coerce.number().check(z.int(), z.minimum(1, { error: 'too-small:1' })) });

/** `POST /admin/departments`. */
export const departmentCreateSchema = z.strictObject({ id, name: bilingual, supervisor: email });
export const departmentPatchSchema = z.strictObject({ version, name: z.optional(bilingual), supervisor: z.optional(email) });

const categoryFields = {
  name: bilingual,
  kinds: z.array(z.enum(caseKinds)).check(z.minLength(1, { error: 'too-short:1' })),
  defaultType: z.enum(caseTypes),
  level: z.strictObject({ complaint: z.optional(level), report: z.optional(level) }),
  department: id,
  security: z.optional(z.boolean()),
};
/** `POST /admin/categories`. */
export const categoryCreateSchema = z.strictObject({ id, ...categoryFields });
/** `PATCH /admin/categories/{id}`. */
export const categoryPatchSchema = z.strictObject({
  version,
  name: z.optional(categoryFields.name),
  kinds: z.optional(categoryFields.kinds),
  defaultType: z.optional(categoryFields.defaultType),
  level: z.optional(categoryFields.level),
  department: z.optional(id),
  security: z.optional(z.boolean()),
});

/** `PUT /admin/calendar/days/{date}`: `version` of the override it replaces, if there is one. */
export const calendarDaySchema = z.strictObject({ kind: z.enum(['holiday', 'workday']), name: z.optional(name), version: z.optional(version) });
/** `DELETE /admin/calendar/days/{date}`. */
export const calendarDeleteSchema = z.strictObject({ version: z.optional(z.coerce.number().check(z.int())) });
/** `POST /admin/calendar/import`: a year of the installed chinese-days data. */
export const calendarImportSchema = z.strictObject({ year: z.number().check(z.int(), z.gte(2000), z.lte(2100)) });
export const calendarDatePattern = /^\d{4}-\d{2}-\d{2}$/;

const timeLimit = z.strictObject({ amount: z.number().check(z.positive()), unit: z.enum(limitUnits) });
/** `PATCH /admin/limits`: the limits named change, the rest stay. */
export const limitsPatchSchema = z.strictObject({
  version,
  limits: z.partialRecord(z.enum(deadlineNames), timeLimit),
});
