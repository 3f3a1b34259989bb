/**
 * What the staff endpoints answer (spec/api.md "Staff endpoints in detail"): a work list
 * row, and the full case as the caller may see it, with every deadline's explanation
 * ("every deadline can explain itself": start, calendar, skipped days, pauses,
 * extensions, from `deriveDeadline`). Pure: the adapter reads, this shapes.
 */
import type { ContactRecord, Evidence, HistoryEntry } from './case-record';
import type { CaseState, DeadlineState } from './case-state';
import { deriveDeadline } from './deadlines';
import type { DomainContext } from './domain-context';
import { mostUrgentDeadline } from './staff-access';
import type { CaseKind, CaseLevel, CaseStatus, Channel, Priority } from './status';
import { isoInZone } from './time-format';

/** The row fields every list item and the case view share. */
export interface WorkListItem {
  readonly caseNumber: string;
  readonly kind: CaseKind;
  readonly type: string | null;
  readonly category: string;
  readonly level: CaseLevel | null;
  readonly priority: Priority | null;
  readonly status: CaseStatus;
  readonly department: string | null;
  readonly assignee: string | null;
  readonly receivedAt: string;
  readonly expectedBy: string | null;
  readonly overdue: boolean;
}

/** What a row is built from: the state item's list fields (the index projection carries them). */
export interface RowFacts {
  readonly caseNumber: string;
  readonly kind: CaseKind;
  readonly type?: string;
  readonly category: string;
  readonly level?: number;
  readonly priority?: string;
  readonly status: string;
  readonly department?: string;
  readonly assignee?: string;
  readonly receivedAt: string;
  /** The most urgent deadline staff owe, if any. */
  readonly workDueAt?: string;
}

export function workListItem(row: RowFacts, timeZone: string, now: Date): WorkListItem {
  const at = (iso: string) => isoInZone(new Date(iso), timeZone);
  return {
    caseNumber: row.caseNumber,
    kind: row.kind,
    type: row.type ?? null,
    category: row.category,
    level: (row.level as CaseLevel | undefined) ?? null,
    priority: (row.priority as Priority | undefined) ?? null,
    status: row.status as CaseStatus,
    department: row.department ?? null,
    assignee: row.assignee ?? null,
    receivedAt: at(row.receivedAt),
    expectedBy: row.workDueAt ? at(row.workDueAt) : null,
    overdue: row.workDueAt !== undefined && Date.parse(row.workDueAt) < now.getTime(),
  };
}

export interface DeadlineView {
  readonly name: string;
  readonly dueAt: string;
  /** `met`, `paused` (waiting on the complainant), `overdue` or `open`. */
  readonly state: 'met' | 'paused' | 'overdue' | 'open';
  readonly explanation: DeadlineExplanation;
}

export interface DeadlineExplanation {
  readonly trigger: string;
  readonly clockStartedAt: string;
  readonly limit: { readonly amount: number; readonly unit: string };
  readonly calendarVersion: string;
  /** When the limit alone puts it (before pauses and extensions). */
  readonly derivedDueAt: string;
  readonly skippedDays: readonly { readonly date: string; readonly reason: string }[];
  readonly pauses: readonly { readonly at: string; readonly change: 'paused' | 'resumed'; readonly dueAt?: string }[];
  readonly extensions: readonly { readonly at: string; readonly dueAt?: string }[];
  /** Moves after a runtime change of the calendar or the limits: when, from what, to what, with which calendar. */
  readonly recomputations: readonly { readonly at: string; readonly from?: string; readonly dueAt?: string; readonly calendarVersion?: string }[];
  readonly occurrence: number;
  readonly metAt?: string;
  /** The same in one sentence, for people. */
  readonly text: string;
}

/** A deadline and how it came about. The calendar is today's: the stored `dueAt` is the one that counts. */
export function deadlineView(ctx: DomainContext, d: DeadlineState, now: Date): DeadlineView {
  const at = (iso: string) => isoInZone(new Date(iso), ctx.config.timeZone);
  const limit = ctx.config.limits[d.name];
  const derived = deriveDeadline(ctx.calendar, new Date(d.triggeredAt), limit);
  const moves = d.history ?? [];
  const pauses = moves.filter((m) => m.change === 'paused' || m.change === 'resumed').map((m) => ({ at: at(m.at), change: m.change as 'paused' | 'resumed', ...(m.dueAt ? { dueAt: at(m.dueAt) } : {}) }));
  const extensions = moves.filter((m) => m.change === 'extension').map((m) => ({ at: at(m.at), ...(m.dueAt ? { dueAt: at(m.dueAt) } : {}) }));
  const recomputations = moves
    .filter((m) => m.change === 'recomputed')
    .map((m) => ({ at: at(m.at), ...(m.was ? { from: at(m.was) } : {}), ...(m.dueAt ? { dueAt: at(m.dueAt) } : {}), ...(m.calendarVersion ? { calendarVersion: m.calendarVersion } : {}) }));
  const skippedDays = derived.skippedDays.map((day) => ({ date: day.date, reason: day.reason }));
  const state = d.metAt ? 'met' : d.pausedAt ? 'paused' : Date.parse(d.dueAt) < now.getTime() ? 'overdue' : 'open';
  const text = [
    `${limit.amount} ${limit.unit} from ${at(d.triggeredAt)}; the clock started ${at(d.startedAt)} (calendar ${d.calendarVersion})`,
    skippedDays.length ? `skipping ${skippedDays.map((s) => `${s.date} (${s.reason})`).join(', ')}` : 'skipping no day',
    `due ${at(derived.dueAt.toISOString())}`,
    ...(d.occurrence > 1 ? [`occurrence ${d.occurrence}`] : []),
    ...pauses.map((p) => `${p.change} ${p.at}`),
    ...extensions.map((e) => `extended ${e.at}${e.dueAt ? ` to ${e.dueAt}` : ''}`),
    ...recomputations.map((r) => `recomputed ${r.at} after a change of the calendar or the limits${r.from ? ` from ${r.from}` : ''}${r.dueAt ? ` to ${r.dueAt}` : ''}`),
  ].join('; ');
  return {
    name: d.name,
    dueAt: at(d.dueAt),
    state,
    explanation: {
      trigger: at(d.triggeredAt),
      clockStartedAt: at(d.startedAt),
      limit: { amount: limit.amount, unit: limit.unit },
      calendarVersion: d.calendarVersion,
      derivedDueAt: at(derived.dueAt.toISOString()),
      skippedDays,
      pauses,
      extensions,
      recomputations,
      occurrence: d.occurrence,
      ...(d.metAt ? { metAt: at(d.metAt) } : {}),
      text: `${text}.`,
    },
  };
}

/** An evidence item as staff see it: a link, or a file with its download link when it may be opened (shared/workflow/staff-cases.ts). */
export type StaffEvidence =
  | Evidence
  | { readonly uploadId: string; readonly available: false }
  | { readonly uploadId: string; readonly fileName: string; readonly contentType: string; readonly size: number; readonly download: { readonly url: string; readonly expiresAt: string } };

export interface CaseViewInput {
  readonly state: CaseState;
  readonly channel: Channel;
  readonly language: string;
  readonly submission: { readonly description: string; readonly request?: string; readonly evidence: readonly StaffEvidence[]; readonly goodFaith?: boolean };
  readonly history: readonly HistoryEntry[];
  /** The contact when the caller may see it; `undefined` hides it. */
  readonly contact?: ContactRecord;
  /** The case has a contact the caller is not shown. */
  readonly contactHidden: boolean;
}

/** `GET /staff/cases/{caseNumber}`: the list fields plus the case itself. */
export function staffCaseView(ctx: DomainContext, input: CaseViewInput, now: Date) {
  const { state, submission, contact } = input;
  const tz = ctx.config.timeZone;
  const urgent = mostUrgentDeadline(state);
  const row = workListItem({ ...state, ...(urgent ? { workDueAt: urgent.dueAt } : {}) }, tz, now);
  return {
    ...row,
    channel: input.channel,
    language: input.language,
    subject: state.subject,
    description: submission.description,
    ...(submission.request !== undefined ? { request: submission.request } : {}),
    evidence: submission.evidence,
    confidential: state.confidential,
    goodFaith: submission.goodFaith === true,
    ...(contact ? { contact: { ...(contact.name ? { name: contact.name } : {}), ...(contact.email ? { email: contact.email } : {}), ...(contact.phone ? { phone: contact.phone } : {}) } } : {}),
    ...(input.contactHidden ? { contactHidden: true } : {}),
    ...(state.result ? { result: state.result } : {}),
    ...(state.pendingReply ? { pendingReply: { result: state.pendingReply.result, by: state.pendingReply.by, at: isoInZone(new Date(state.pendingReply.at), tz) } } : {}),
    ...(state.pendingExtension
      ? { pendingExtension: { ...state.pendingExtension, until: isoInZone(new Date(state.pendingExtension.until), tz), at: isoInZone(new Date(state.pendingExtension.at), tz) } }
      : {}),
    malicious: state.malicious === true,
    ...(state.priorityFacts?.trustedSource ? { trustedSource: state.priorityFacts.trustedSource } : {}),
    // 回访 (seed 003): a level-2 case asks its handler for one phone or online follow-up (a `note` with `followUp`) before the reply.
    followUpContacts: state.followUpContacts ?? 0,
    ...(state.level === 2 && !state.repliedAt && !(state.followUpContacts ?? 0) ? { followUpContactNeeded: true } : {}),
    deadlines: state.deadlines.map((d) => deadlineView(ctx, d, now)),
    history: [...input.history]
      .sort((a, b) => (a.at === b.at ? a.seq - b.seq : a.at < b.at ? -1 : 1))
      .map((h) => ({ at: isoInZone(new Date(h.at), tz), actor: h.actor, action: h.action, ...(h.note ? { note: h.note } : {}) })),
    version: state.version,
  };
}
