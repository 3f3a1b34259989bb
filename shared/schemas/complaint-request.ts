import * as z from 'zod/mini';
import { caseKinds, languages } from '../domain/status';
import { codePointLength, hasForbiddenCharacters, visibleLength } from './text-rules';

/** `POST /complaints` (spec/api.md). Unknown fields are an error at every depth. */

export const subjectTypes = ['url', 'account', 'icp-filing', 'staff', 'organisation', 'other'] as const;

/**
 * Text by the rules of api.md: stored in NFC; without control characters, lone surrogates or
 * bidirectional overrides and isolates; at most `max` code points (after trimming when
 * `trimmed`) and at least `min` visible ones (zero-width characters and spaces do not count).
 */
export const text = (min: number, max: number, trimmed = false) =>
  z.string().check(
    z.normalize('NFC'),
    z.refine((v) => !hasForbiddenCharacters(v), { error: 'forbidden-characters' }),
    z.refine((v) => visibleLength(v) >= min, { error: `too-short:${min}` }),
    z.refine((v) => codePointLength(trimmed ? v.trim() : v) <= max, { error: `too-long:${max}` }),
  );

const httpUrl = text(1, 2000).check(
  z.refine((v) => /^https?:\/\/[^\s/?#]+[^\s]*$/i.test(v) && URL.canParse(v), { error: 'not-http-url' }),
);

const phone = z.string().check(
  z.maxLength(30, { error: 'too-long:30' }),
  z.refine((v) => /^\+?[0-9 -]+$/.test(v), { error: 'invalid-phone' }),
  z.refine((v) => {
    const digits = v.replace(/\D/g, '').length;
    return digits >= 5 && digits <= 20;
  }, { error: 'invalid-phone' }),
);

const email = z.string().check(
  z.maxLength(254, { error: 'too-long:254' }),
  z.email({ error: 'invalid-email' }),
);

/** An uploadId as `POST /uploads` hands it out (a UUID). */
export const uploadIdSchema = z.string().check(
  z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { error: 'invalid-upload-id' }),
);

/**
 * A link, or a file uploaded through `POST /uploads` (checked by content where it is
 * referenced): exactly one of the two. One object with two optional fields rather than a
 * union, so that a bad link is still reported at `evidence.<i>.url`.
 */
const evidenceItem = z
  .strictObject({ url: z.optional(httpUrl), uploadId: z.optional(uploadIdSchema) })
  .check(z.refine((item) => (item.url === undefined) !== (item.uploadId === undefined), { error: 'url-or-upload-id' }));

/** `evidence` of a submission, supplement or appeal: at most 10 links or uploads. */
export const evidenceList = z.array(evidenceItem).check(z.maxLength(10, { error: 'too-many:10' }));

export const contactSchema = z.strictObject({
  name: z.optional(text(1, 100, true)),
  email: z.optional(email),
  phone: z.optional(phone),
});

export interface CategoryChoice {
  readonly id: string;
  readonly kinds: readonly string[];
}

/** The schema depends on the stage's categories: an id must exist and fit the kind. */
export const complaintRequestSchema = (categories: readonly CategoryChoice[]) =>
  z
    .strictObject({
      kind: z.enum(caseKinds),
      category: z.enum(categories.map((c) => c.id) as [string, ...string[]]),
      subject: z.strictObject({
        type: z.enum(subjectTypes),
        value: text(1, 500, true),
      }),
      description: text(10, 5000, true),
      request: z.optional(text(0, 2000)),
      contact: z.optional(contactSchema),
      confidential: z._default(z.boolean(), false),
      language: z._default(z.enum(languages), 'zh-CN'),
      evidence: z.optional(evidenceList),
      /** 如实反映 (DSA Art. 16(2)(d)): the submitter confirms the information is accurate to their knowledge; the form requires it. */
      goodFaith: z.optional(z.literal(true, { error: 'good-faith-required' })),
    })
    .check(
      // A complaint needs a way to answer it; a report (举报) may be anonymous.
      z.refine((body) => body.kind === 'report' || Boolean(body.contact?.email || body.contact?.phone), {
        error: 'contact-required',
        path: ['contact'],
      }),
      z.refine(
        (body) => categories.some((c) => c.id === body.category && c.kinds.includes(body.kind)),
        { error: 'category-not-for-kind', path: ['category'] },
      ),
    );

export type ComplaintRequest = z.output<ReturnType<typeof complaintRequestSchema>>;

export const complaintCreatedSchema = z.object({
  caseNumber: z.string(),
  accessToken: z.string(),
  status: z.literal('received'),
  statusUrl: z.string(),
});
export type ComplaintCreated = z.output<typeof complaintCreatedSchema>;
