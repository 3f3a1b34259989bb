import * as z from 'zod/mini';

/**
 * Queue `directory-changes`: one committed change of the staff directory (docs/administration.md),
 * handed off in the same transaction as the change and its audit entry. Its consumer acts on
 * what the change sets off (an invitation, a hand-over of a leaver's cases, cases offered back
 * during an absence, deadlines recomputed); it may see a message twice and must act once.
 *
 * `before` and `after` are the directory entry as stored without its keys (absent: created /
 * deleted). A staff entry carries a work address and a name, never a complainant's data; the
 * queue's DLQ is read by operators who administer the directory anyway.
 */
export const directoryEntities = ['staff', 'department', 'category', 'absence', 'calendar', 'limits'] as const;
export type DirectoryEntity = (typeof directoryEntities)[number];

const entry = z.record(z.string(), z.unknown());

export const directoryChangeMessageSchema = z.strictObject({
  type: z.literal('directory-change'),
  /**
   * The change's outbox entry (`keys.directoryChange(changeId)`): the consumer deletes it in
   * its completing write (`directoryChangeDone`), so a redelivered copy finds it gone.
   */
  changeId: z.string().check(z.regex(/^[0-9a-f-]{36}$/)),
  entity: z.enum(directoryEntities),
  /** The entry's id: a staff member's address (lower-cased), a department or category id, an absence id, a date, `limits`. */
  id: z.string().check(z.minLength(1), z.maxLength(320)),
  /** When the change was committed. */
  at: z.iso.datetime(),
  /** Who made it: the staff member's immutable `sub` (the audit history's actor). */
  actor: z.string().check(z.minLength(1)),
  before: z.optional(entry),
  after: z.optional(entry),
});
export type DirectoryChangeMessage = z.output<typeof directoryChangeMessageSchema>;
