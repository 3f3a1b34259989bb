import * as z from 'zod/mini';
import { directoryChangeMessageSchema } from './directory-change';

/**
 * The `directory-changes` queue's other messages: the consumer's own continuations of work
 * too large for one message (a page at a time, after `after`, the sort key of the last case
 * done), and the SLA sweep's check of an absence that starts later. None carries a case's
 * data; `member` is a staff work address.
 */
const instant = z.iso.datetime();
const localDate = z.iso.date();
const member = z.string().check(z.minLength(3), z.maxLength(320));
const after = z.optional(z.string().check(z.maxLength(200)));

/** The open cases of a deactivated member, from `after` on. */
export const handOverMessageSchema = z.strictObject({ type: z.literal('hand-over'), member, at: instant, after });

/** The open cases of `member` that fall due during the absence `from`..`to` (local dates, both included). */
export const absenceCheckMessageSchema = z.strictObject({ type: z.literal('absence-check'), member, from: localDate, to: localDate, at: instant, after });

/** Deadlines of open cases computed again, one work-list partition (`department`: its gsi3 key, e.g. `DEPARTMENT#compliance#5` or `DEPARTMENT#-#3`) after another. */
export const recomputeDeadlinesMessageSchema = z.strictObject({
  type: z.literal('recompute-deadlines'),
  department: z.string().check(z.minLength(1), z.maxLength(100)),
  at: instant,
  after,
});

export const directoryFollowUpSchema = z.discriminatedUnion('type', [handOverMessageSchema, absenceCheckMessageSchema, recomputeDeadlinesMessageSchema]);
export type DirectoryFollowUp = z.output<typeof directoryFollowUpSchema>;

/** Everything the `directory-change` function consumes. */
export const directoryQueueMessageSchema = z.union([directoryChangeMessageSchema, directoryFollowUpSchema]);
export type DirectoryQueueMessage = z.output<typeof directoryQueueMessageSchema>;
