import * as z from 'zod/mini';
import { auditReasons } from '../domain/audit';
import { caseNumberPattern } from '../domain/case-number';

/**
 * The admin endpoints' inputs (spec/api.md `/admin/...`): strict at every depth like every
 * staff body. The reason is a code, never free text (domain/audit.ts says why).
 */

const caseNumber = z.string().check(z.regex(caseNumberPattern, { error: 'invalid-format' }));
const email = z.string().check(z.maxLength(254, { error: 'too-long:254' }), z.email({ error: 'invalid-email' }));
/** Required: an export or erasure says why (spec/api.md "Staff endpoints in detail"). */
const reason = z.enum(auditReasons);
/** An ISO-8601 instant with an offset or Z. */
const instant = z.string().check(z.iso.datetime({ offset: true, error: 'invalid-format' }));

/** `POST /admin/complainants/erase`: the person by one of their cases or by their email, exactly one. */
export const eraseRequestSchema = z
  .strictObject({ caseNumber: z.optional(caseNumber), email: z.optional(email), reason })
  .check(z.refine((body) => (body.caseNumber === undefined) !== (body.email === undefined), { error: 'case-number-or-email' }));
export type EraseRequest = z.output<typeof eraseRequestSchema>;

/** `POST /admin/complainants/erase` → 200: the person's cases, erased now or before (the same answer every time). */
export const eraseAnswerSchema = z.strictObject({ caseNumbers: z.array(z.string()) });

/** `GET /admin/cases/{caseNumber}/export` query. */
export const exportQuerySchema = z.strictObject({ reason });

/** `GET /admin/audit?from=&to=`: the audit entries between two instants (at most `auditSpanDays`). */
export const auditQuerySchema = z.strictObject({ from: instant, to: instant });

export const auditAnswerSchema = z.strictObject({
  items: z.array(
    z.strictObject({
      id: z.string(),
      at: z.string(),
      actor: z.string(),
      action: z.string(),
      caseNumbers: z.array(z.string()),
      reason: z.optional(z.enum(auditReasons)),
      changed: z.optional(z.number()),
    }),
  ),
});
