import * as z from 'zod/mini';
import { deadlineNames } from '../domain/limits';
import { caseStatuses, caseTypes, priorities } from '../domain/status';
import { workViews } from '../domain/staff-access';
import { text } from './complaint-request';

/**
 * Staff request bodies (spec/api.md "Staff endpoints in detail"): the text rules of the
 * public ones (strict objects at every depth, lengths in code points, control characters
 * refused). One schema per action; `version` is the case version the caller read.
 */

const version = z.number().check(z.int(), z.minimum(0, { error: 'too-small:0' }));
const note = z.optional(text(1, 2000, true));
const reason = text(1, 2000, true);
const longText = text(1, 5000, true);
/** An ISO-8601 instant with an offset or Z. */
const instant = z.string().check(z.iso.datetime({ offset: true, error: 'invalid-format' }));
const staffEmail = z.string().check(z.maxLength(254, { error: 'too-long:254' }), z.email({ error: 'invalid-email' }));

const action = <A extends string, S extends z.core.$ZodLooseShape>(name: A, shape: S) => z.strictObject({ action: z.literal(name), version, ...shape });

export const staffActionSchemas = [
  action('accept', { note }),
  action('reject', { reason, guidance: z.optional(text(1, 2000, true)) }),
  action('request-supplement', { missing: z.array(text(1, 500, true)).check(z.minLength(1, { error: 'too-short:1' }), z.maxLength(20, { error: 'too-many:20' })) }),
  action('classify', {
    type: z.optional(z.enum(caseTypes)),
    category: z.optional(text(1, 100)),
    level: z.optional(z.union([z.literal(1), z.literal(2), z.literal(3)])),
    priority: z.optional(z.enum(priorities)),
    note,
  }),
  action('assign', { assignee: staffEmail, note }),
  action('note', { text: longText, followUp: z.optional(z.enum(['phone', 'online'])) }),
  action('request-extension', { deadline: z.enum(deadlineNames), until: instant, reason }),
  action('decide-extension', { approve: z.boolean(), note }),
  action('reply', { result: longText, basis: longText, measures: longText, remedies: z.optional(longText) }),
  action('approve-reply', { approve: z.boolean(), note }),
  action('review', { result: longText, basis: longText, changed: z.optional(z.boolean()) }),
  action('close', { note }),
  action('mark-malicious', { reason }),
  action('reveal-contact', { reason }),
  action('write-report', { causes: longText, measures: longText, prevention: longText, publicSummary: z.optional(text(1, 2000, true)) }),
  action('approve-report', { approve: z.boolean(), note }),
  action('refer', { authority: text(1, 200, true), reference: z.optional(text(1, 100, true)), sentAt: z.optional(instant), note: z.optional(longText) }),
] as const;

export const staffActionRequestSchema = z.discriminatedUnion('action', [...staffActionSchemas]);
export type StaffActionRequest = z.output<typeof staffActionRequestSchema>;

/** `GET /staff/cases` query parameters. */
export const workListQuerySchema = z.strictObject({
  view: z._default(z.enum(workViews), 'all'),
  status: z.optional(z.enum(caseStatuses)),
  cursor: z.optional(z.string().check(z.maxLength(400, { error: 'too-long:400' }), z.regex(/^[A-Za-z0-9_-]+$/, { error: 'invalid-format' }))),
  lang: z.optional(z.enum(['zh-CN', 'en'])),
});

/** Channels a staff member enters a case from (电话, 信函, 来访). */
export const staffEntryChannels = ['phone', 'letter', 'visit'] as const;

/** `POST /staff/cases`: the public body (complaint-request.ts) plus how and when it came in, validated apart and reported together. */
export const staffEntryFieldsSchema = z.object({ channel: z.enum(staffEntryChannels), receivedAt: instant });
export const staffEntryFields = ['channel', 'receivedAt'] as const;
