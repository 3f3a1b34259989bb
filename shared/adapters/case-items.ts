import type { CaseState } from '../domain/case-state';
import type { NewCase } from '../domain/intake';
import type { TransactionItem } from './aws-clients';
import { type Handoff, pendingFields } from './handoff';
import { type HistoryItem, parseItem, stateItemSchema, type StateItem, submissionItemSchema, type SubmissionItem, withoutFields } from './item-schemas';
import { keys } from './keys';
import { dueFields, type Placement, placementFieldNames, workListFieldNames, workListFields } from './case-placement';

/**
 * The case's own items and the domain's `CaseState`, mapped both ways in one place: the
 * state item (the state without its subject, plus the immutable facts and the index
 * placement), the submission, the history entries and the items of a new case.
 */

/** A case as the workflow reads it: the domain state, the immutable facts and the submission. */
export interface StoredCase {
  readonly state: CaseState;
  readonly language: StateItem['language'];
  readonly anonymous: boolean;
  readonly submission: SubmissionItem;
  readonly nextDueAt?: string;
  /** The state item as read: the base of the next update's difference. */
  readonly item: StateItem;
}

/** The state item of a domain state (with the immutable facts of the case). */
export function toStateItem(state: CaseState, facts: Pick<StateItem, 'language' | 'anonymous' | 'channel'>, due: Placement): StateItem {
  const { subject, description: _description, ...rest } = state;
  return { ...rest, language: facts.language, anonymous: facts.anonymous, channel: facts.channel, ...due, ...workListFields(state) };
}

/** The domain's view of a case from its state and submission items. */
export function toStored(item: StateItem, submission: SubmissionItem): StoredCase {
  const { language, anonymous, nextDueAt } = item;
  const state = withoutFields(item, ['language', 'anonymous', 'channel', ...placementFieldNames, ...workListFieldNames, 'aboutStaff']);
  // Cases stored before classification recorded `complainantMailable`: a case with a contact may be mailed.
  const complainantMailable = item.complainantMailable ?? !anonymous;
  return {
    state: { ...state, subject: submission.subject, description: submission.description, complainantMailable },
    language,
    anonymous,
    submission,
    ...(nextDueAt ? { nextDueAt } : {}),
    item,
  };
}

/** The state and submission items among a case partition's items, parsed (none when either is missing). */
export const stateAndSubmission = (items: Record<string, unknown>[]) => {
  const state = items.find((i) => i.sk === keys.case('').sk);
  const submission = items.find((i) => i.sk === keys.submission('').sk);
  return state && submission ? { state: parseItem(stateItemSchema, state, 'state'), submission: parseItem(submissionItemSchema, submission, 'submission') } : undefined;
};

/** The history item `CASE#n / HISTORY#<at>#<seq>` of an entry. */
const historyItem = (caseNumber: string, entry: HistoryItem) => ({ ...keys.history(caseNumber, entry.at, entry.seq), type: 'history', ...entry });

/** A history entry's put, for a change's transaction (append-only: never updated). */
export const historyPut = (tableName: string, caseNumber: string, entry: HistoryItem): TransactionItem => ({ Put: { TableName: tableName, Item: historyItem(caseNumber, entry) } });

/**
 * The items of a new case, state item first (also what a bench seeds a table with): in
 * the due index when `due` is given.
 */
export function newCaseItems(
  newCase: NewCase,
  placement: { readonly due?: { readonly next: Date; readonly writtenAt: Date }; readonly handoff?: Handoff; readonly at?: Date },
): Record<string, unknown>[] {
  const { state, facts, submission, contact, history } = newCase;
  const n = state.caseNumber;
  const { due, handoff, at } = placement;
  const fields: Placement = handoff ? pendingFields(handoff, at ?? new Date(state.receivedAt)) : due ? dueFields(n, due.next, due.writtenAt) : {};
  return [
    // No item-kind `type` here: on the state item `type` is the case type (类型) of `CaseState`.
    { ...keys.case(n), ...toStateItem(state, facts, fields) },
    { ...keys.submission(n), type: 'submission', ...submission },
    historyItem(n, history),
    ...(contact ? [{ ...keys.contact(n), type: 'contact', ...contact }] : []),
    // The person's cases by their pseudonym, for an erasure request by email (no address in clear).
    ...(state.complainantKey ? [{ ...keys.complainantCase(state.complainantKey, n), type: 'complainant-case', caseNumber: n }] : []),
  ];
}
