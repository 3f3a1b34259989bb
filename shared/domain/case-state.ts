/**
 * What the workflow rules read and write about a case. A superset of the stored
 * case fields they need (no personal data: the complainant is only a
 * pseudonymous key, computed by the adapter from the contact). Instants are ISO strings
 * in UTC, as stored; "now" always comes in as a `Date`.
 */
import type { DeadlineName, LimitUnit } from './limits';
import type { CaseKind, CaseLevel, CaseStatus, CaseType, Priority, SubjectType } from './status';

export interface Subject {
  readonly type: SubjectType;
  readonly value: string;
}

/** One clock of a named deadline (domain.md "Deadline arithmetic"). */
export interface DeadlineState {
  readonly name: DeadlineName;
  /** 1 for one-off deadlines; the nth progress period of a recurring one. */
  readonly occurrence: number;
  /** Extensions and resumptions after a pause; part of notice keys, so a moved deadline gets its own ladder. */
  readonly revision: number;
  readonly unit: LimitUnit;
  /** The trigger (receipt, result notice, …). */
  readonly triggeredAt: string;
  /** When the clock started counting (the trigger, or the next working period). */
  readonly startedAt: string;
  readonly dueAt: string;
  /** Recurring deadlines: when occurrence 1 of this revision fell due; occurrence n is n-1 periods later. */
  readonly firstDueAt?: string;
  readonly calendarVersion: string;
  readonly metAt?: string;
  /** Set while the complainant is asked for material (补正): the clock stands still. */
  readonly pausedAt?: string;
  /** Time left when paused, in the limit's currency (working ms or plain ms). */
  readonly leftMs?: number;
  /** Why it moved: `extension` (approved) or `resumed` (after a pause). */
  readonly history?: readonly { readonly at: string; readonly change: 'extension' | 'paused' | 'resumed'; readonly dueAt?: string }[];
}

/** What a reply says besides its result (处理依据、措施、救济途径), for the complainant's mail. */
export interface ResultDetails {
  readonly basis?: string;
  readonly measures?: string;
  readonly remedies?: string;
}

export interface PendingReply extends ResultDetails {
  readonly result: string;
  readonly by: string;
  readonly at: string;
}

export interface PendingExtension {
  readonly deadline: DeadlineName;
  readonly until: string;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

/** Facts staff record that the priority rules of seed 004 read. */
export interface PriorityFacts {
  /** 法律诉讼: `possible` → hot, `actual` → major. */
  readonly lawsuit?: 'possible' | 'actual';
  /** 媒体曝光: `possible` → hot, `actual` → major. */
  readonly media?: 'possible' | 'actual';
  /** People complaining together (集体投诉). */
  readonly groupSize?: number;
  /** A second complaint after the first one was handled (二次投诉). */
  readonly repeatOf?: string;
  /** Needs outside support (顾问支持 or another company's help). */
  readonly outsideSupport?: boolean;
  /** Distinct complainants of the same subject within the cluster window (detected, not entered). */
  readonly clusterComplainants?: number;
  /** Still unresolved through our own fault (因为我方原由). */
  readonly ourFault?: boolean;
  /** Staff's own judgement (classify `priority`): the case is at least this. */
  readonly staffPriority?: Priority;
  /** Sent by a trusted flagger (DSA Art. 22): at least important. */
  readonly trustedSource?: string;
}

/**
 * 专题报告 (seed 004): for a hot case what happened and how it was handled; for a major one
 * also 原由剖析 (causes) and 预防…重演 (prevention). Staff-written, without the complainant's
 * personal data (checked at the edge: it is mailed to the management group). A major case's
 * report may carry the public summary (公示) approved with it.
 */
export interface CaseReport {
  readonly causes: string;
  readonly measures: string;
  readonly prevention: string;
  readonly publicSummary?: string;
  readonly by: string;
  readonly at: string;
  readonly approvedBy?: string;
  readonly approvedAt?: string;
}

export interface CaseState {
  readonly caseNumber: string;
  readonly kind: CaseKind;
  readonly category: string;
  readonly subject: Subject;
  /**
   * The complainant's description, as the submission holds it: recusal reads it (recusal.ts).
   * The repository fills it in from the submission and never stores it on the state item.
   */
  readonly description?: string;
  /** Pseudonymous key of the complainant (the adapter hashes email or phone); absent if anonymous. */
  readonly complainantKey?: string;
  /**
   * The complainant gave an email address, so progress mails can reach them (the adapter
   * sets it from the contact; anonymous and phone-only cases get none).
   */
  readonly complainantMailable?: boolean;
  readonly confidential: boolean;
  readonly receivedAt: string;
  readonly status: CaseStatus;
  /** Optimistic-concurrency version; an action produces `version + 1`. */
  readonly version: number;
  readonly type?: CaseType;
  readonly level?: CaseLevel;
  readonly levelSetAt?: string;
  /** The case was level 3 at some time: its reply still needs a second person's approval after a lowering. */
  readonly wasLevel3?: boolean;
  readonly priority?: Priority;
  /** When the case first became hot / major: leadership is told at once, once each. */
  readonly priorityRaisedAt?: { readonly hot?: string; readonly major?: string };
  readonly priorityFacts?: PriorityFacts;
  /** Security case (category default or staff's call): on-call is alerted at once. */
  readonly security?: boolean;
  /** Scope decided in (受理); before that only the initial-review actions apply. */
  readonly accepted?: boolean;
  readonly department?: string;
  readonly assignee?: string;
  /** Everyone who was ever assignee or wrote or approved the result: never the appeal reviewer. */
  readonly handledBy?: readonly string[];
  readonly deadlines: readonly DeadlineState[];
  readonly supplementRequested?: boolean;
  /** Status to return to when the requested material arrives. */
  readonly resumeStatus?: CaseStatus;
  readonly firstResponseAt?: string;
  /** 补正 received: when the requested material arrived. */
  readonly supplementedAt?: string;
  readonly pendingReply?: PendingReply;
  readonly pendingExtension?: PendingExtension;
  readonly result?: string;
  readonly resultDetails?: ResultDetails;
  readonly repliedAt?: string;
  /** 回访: the latest survey answer (one per follow-up: its `at` is after the reply it answers). */
  readonly feedback?: { readonly resolved: boolean; readonly score?: number; readonly at: string };
  /** Reopened by an unresolved follow-up (once: a later unresolved answer starts the second follow-up instead). */
  readonly reopenedAt?: string;
  readonly appealedAt?: string;
  /** 复核: the reviewer the appeal was routed to (above the handler, never one who handled or approved it). */
  readonly reviewer?: string;
  /** 复核: when the appeal review result was given. */
  readonly appealReviewedAt?: string;
  /** The review changed the first result (the reviewer's call), for the report's `appeals.changed`. */
  readonly reviewChanged?: boolean;
  /** Workflow steps done (each by its system action): 初步审核, 分类定性, 分派. */
  readonly reviewedAt?: string;
  readonly classifiedAt?: string;
  readonly assignedAt?: string;
  /** 不予受理 by initial review: why (`out-of-scope-host`). */
  readonly rejectReason?: string;
  /** 补正 asked for by initial review: what is missing. */
  readonly missing?: readonly string[];
  /** An exact duplicate closed into this earlier case (重复投诉). */
  readonly mergedInto?: string;
  readonly malicious?: boolean;
  /** Phone or online follow-ups with the complainant recorded as notes (回访; seed 003: level 2 at least one before the reply). */
  readonly followUpContacts?: number;
  /** Referrals to a public authority (报送有关部门, 公安机关) so far; what was sent is in the history. */
  readonly referrals?: number;
  /** 专题报告 of a hot or major case (seed 004), pending until a supervisor other than its author approves it. */
  readonly caseReport?: CaseReport;
  readonly closedAt?: string;
  /** Why a case closed: resolved, rejected, incomplete (补正 not received), reviewed, malicious, duplicate (merged). */
  readonly closeReason?: 'resolved' | 'rejected' | 'incomplete' | 'reviewed' | 'malicious' | 'no-appeal' | 'duplicate';
}

export const openStatuses: readonly CaseStatus[] = ['received', 'needs-supplement', 'assigned', 'in-progress', 'reopened', 'appealed'];
