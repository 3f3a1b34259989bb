import * as z from 'zod/mini';
import type { CaseState } from '../domain/case-state';
import { queueNames } from '../queue-names';
import { deadlineNames, limitUnits } from '../domain/limits';
import { caseKinds, caseLevels, caseStatuses, caseTypes, channels, languages, priorities, subjectTypes } from '../domain/status';

/**
 * The typed shapes of the case items (docs/data-model.md "Items"). The repository parses
 * every item it reads with these and builds every item it writes from the domain types
 * they check against, so a field added to `CaseState` without a place here is a type
 * error, not a field that silently never persists.
 */

const instant = z.string();
const optional = <T extends z.ZodMiniType>(t: T) => z.optional(t);
/** Arrays as the domain types them (read-only). */
const list = <T extends z.ZodMiniType>(t: T) => z.readonly(z.array(t));

const deadline = z.object({
  name: z.enum(deadlineNames),
  occurrence: z.number(),
  revision: z.number(),
  unit: z.enum(limitUnits),
  triggeredAt: instant,
  startedAt: instant,
  dueAt: instant,
  firstDueAt: optional(instant),
  calendarVersion: z.string(),
  metAt: optional(instant),
  pausedAt: optional(instant),
  leftMs: optional(z.number()),
  history: optional(list(z.object({ at: instant, change: z.enum(['extension', 'paused', 'resumed']), dueAt: optional(instant) }))),
});

const exposure = optional(z.enum(['possible', 'actual']));
const resultDetails = { basis: optional(z.string()), measures: optional(z.string()), remedies: optional(z.string()) };

/**
 * The hand-off an item carries while its consumer has not confirmed it (handoff.ts
 * `pendingFields`): on a state item, a notice item or an outbox item, always these
 * attributes, projected into gsi1 for the outbox relay.
 */
const handoffFields = {
  handoffQueue: optional(z.enum(queueNames)),
  handoffId: optional(z.string()),
  handoffMessage: optional(z.record(z.string(), z.union([z.string(), z.number()]))),
  handoffAttempts: optional(z.number()),
};
export const handoffFieldNames = Object.keys(handoffFields) as readonly (keyof typeof handoffFields)[];

/**
 * The mutable state item `CASE#n / CASE`: the domain's `CaseState` without the subject
 * (immutable, on the submission item), plus the immutable facts every step reads
 * (language, anonymous, channel) and the due-index placement. Small: no free text of the
 * complainant, so an update costs one or two write units however long the description.
 */
export const stateItemSchema = z.object({
  caseNumber: z.string(),
  kind: z.enum(caseKinds),
  category: z.string(),
  language: z.enum(languages),
  confidential: z.boolean(),
  anonymous: z.boolean(),
  channel: z.enum(channels),
  receivedAt: instant,
  status: z.enum(caseStatuses),
  version: z.number(),
  complainantKey: optional(z.string()),
  complainantMailable: optional(z.boolean()),
  type: optional(z.enum(caseTypes)),
  level: optional(z.union([z.literal(caseLevels[0]), z.literal(caseLevels[1]), z.literal(caseLevels[2])])),
  levelSetAt: optional(instant),
  wasLevel3: optional(z.boolean()),
  priority: optional(z.enum(priorities)),
  priorityRaisedAt: optional(z.object({ hot: optional(instant), major: optional(instant) })),
  priorityFacts: optional(
    z.object({
      lawsuit: exposure,
      media: exposure,
      groupSize: optional(z.number()),
      repeatOf: optional(z.string()),
      outsideSupport: optional(z.boolean()),
      clusterComplainants: optional(z.number()),
      ourFault: optional(z.boolean()),
      staffPriority: optional(z.enum(priorities)),
      trustedSource: optional(z.string()),
    }),
  ),
  security: optional(z.boolean()),
  accepted: optional(z.boolean()),
  department: optional(z.string()),
  assignee: optional(z.string()),
  handledBy: optional(list(z.string())),
  deadlines: list(deadline),
  supplementRequested: optional(z.boolean()),
  resumeStatus: optional(z.enum(caseStatuses)),
  firstResponseAt: optional(instant),
  supplementedAt: optional(instant),
  pendingReply: optional(z.object({ result: z.string(), by: z.string(), at: instant, ...resultDetails })),
  pendingExtension: optional(z.object({ deadline: z.enum(deadlineNames), until: instant, reason: z.string(), by: z.string(), at: instant })),
  result: optional(z.string()),
  resultDetails: optional(z.object(resultDetails)),
  repliedAt: optional(instant),
  feedback: optional(z.object({ resolved: z.boolean(), score: optional(z.number()), at: instant })),
  reopenedAt: optional(instant),
  appealedAt: optional(instant),
  reviewer: optional(z.string()),
  appealReviewedAt: optional(instant),
  reviewChanged: optional(z.boolean()),
  reviewedAt: optional(instant),
  classifiedAt: optional(instant),
  assignedAt: optional(instant),
  rejectReason: optional(z.string()),
  missing: optional(list(z.string())),
  mergedInto: optional(z.string()),
  malicious: optional(z.boolean()),
  referrals: optional(z.number()),
  caseReport: optional(
    z.object({ causes: z.string(), measures: z.string(), prevention: z.string(), publicSummary: optional(z.string()), by: z.string(), at: instant, approvedBy: optional(z.string()), approvedAt: optional(instant) }),
  ),
  followUpContacts: optional(z.number()),
  closedAt: optional(instant),
  closeReason: optional(z.enum(['resolved', 'rejected', 'incomplete', 'reviewed', 'malicious', 'no-appeal', 'duplicate'])),
  /** Parked by the sweep (its escalation kept failing; case-placement.ts `parkCase`). */
  parkedAt: optional(instant),
  parkedAttempts: optional(z.number()),
  /** The next instant the escalation ladder has something due (the due index holds the case until then). */
  nextDueAt: optional(instant),
  /** The hand-off to the case's next step while its consumer has not confirmed it (handoff.ts `pendingFields`). */
  ...handoffFields,
  /** gsi1 keys: the pending hand-off (`OUTBOX`) while there is one, else the due index while a ladder step is pending. */
  gsi1pk: optional(z.string()),
  gsi1sk: optional(z.string()),
  /** The work lists (keys.ts `workListIndex`): gsi2 by assignee, gsi3 by department, both by urgency. */
  gsi2pk: optional(z.string()),
  gsi2sk: optional(z.string()),
  gsi3pk: optional(z.string()),
  gsi3sk: optional(z.string()),
  /** The most urgent deadline staff owe (a work list's `expectedBy`). */
  workDueAt: optional(instant),
  /** Written before recusal read descriptions (a work list now checks every row's submission); parsed, never written. */
  aboutStaff: optional(z.boolean()),
});
export type StateItem = z.output<typeof stateItemSchema>;

/** Every `CaseState` field has its place on the state item (the subject and description are on the submission). */
type Unplaced = Exclude<keyof CaseState, keyof StateItem | 'subject' | 'description'>;
export const everyStateFieldPlaced: [Unplaced] extends [never] ? true : Unplaced = true;

const evidence = list(z.union([z.object({ url: z.string() }), z.object({ uploadId: z.string() })]));

/**
 * The submission item `CASE#n / CASE#SUBMISSION`: what the complainant sent, written once
 * at intake and never updated (the long text lives here, not on the state item).
 */
export const submissionItemSchema = z.object({
  caseNumber: z.string(),
  subject: z.object({ type: z.enum(subjectTypes), value: z.string() }),
  /** `subjectKey(subject)`: the normalised subject, for clusters and statistics. */
  subjectKey: z.string(),
  description: z.string(),
  request: optional(z.string()),
  evidence,
  /** The submitter's good-faith statement (如实反映), as sent. */
  goodFaith: optional(z.literal(true)),
  /** SHA-256 of the access token; the token itself is never stored. */
  tokenHash: z.string(),
  /** SHA-256 of each token handed to a resubmission of the same post (at most `maxResubmissionTokens`); a redeemed lost-token link removes them. */
  resubmissionTokenHashes: optional(list(z.string())),
  /** When an admin erased the complainant's personal data (description, request, evidence replaced; docs/security.md). */
  erasedAt: optional(instant),
});
export type SubmissionItem = z.output<typeof submissionItemSchema>;

/** `CASE#n / MATERIAL#<at>#<kind>`: what the complainant added after intake; written once. */
export const materialItemSchema = z.object({
  caseNumber: z.string(),
  kind: z.enum(['supplement', 'appeal', 'feedback']),
  at: instant,
  /** The supplement's text, the appeal's reasons, the follow-up comment (may be empty). */
  text: z.string(),
  evidence,
});
export type MaterialItem = z.output<typeof materialItemSchema>;

/** `CASE#n / PII#CONTACT`: personal data, read only to mail the complainant or key them. */
export const contactItemSchema = z.object({
  caseNumber: z.string(),
  name: optional(z.string()),
  email: optional(z.string()),
  phone: optional(z.string()),
});
export type ContactItem = z.output<typeof contactItemSchema>;

/** `CASE#n / HISTORY#<at>#<seq>`: append-only; `seq` is the case version the entry made. */
export const historyItemSchema = z.object({
  at: instant,
  seq: z.number(),
  status: z.enum(caseStatuses),
  action: z.string(),
  actor: z.string(),
  note: optional(z.string()),
  public: z.boolean(),
});
export type HistoryItem = z.output<typeof historyItemSchema>;

/** Parses a stored item; a malformed item is a bug or a manual edit, never silently accepted. */
export function parseItem<S extends z.ZodMiniType>(schema: S, item: unknown, what: string): z.output<S> {
  const result = z.safeParse(schema, item);
  if (!result.success) throw new Error(`Stored ${what} item does not match its schema: ${result.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  return result.data;
}

/** An item without the named attributes (the bookkeeping a reader does not see). */
export function withoutFields<T extends object, K extends keyof T>(item: T, names: readonly K[]): Omit<T, K> {
  const rest = { ...item };
  for (const name of names) delete rest[name];
  return rest;
}

/** The named attributes of an item that are set (a copy that carries no `undefined`). */
export function definedFields<T extends object, K extends keyof T>(item: T, names: readonly K[]): Pick<T, K> {
  return Object.fromEntries(names.flatMap((name) => (item[name] === undefined ? [] : [[name, item[name]]]))) as Pick<T, K>;
}
