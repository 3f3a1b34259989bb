/**
 * Pre-aggregated statistics (统计分析): every change of a case turns into counter
 * additions on period buckets (month `YYYY-MM` and ISO week `YYYY-Www` in the stage's
 * time zone), so a report reads a handful of bucket items, never the cases, and the
 * figures survive the cases' deletion at the end of retention.
 *
 * Two kinds of figures (docs/reports.md "The aggregate model"):
 * - **What was received in a period** (`received*`, `resolvedOfReceived`, the subjects)
 *   goes to the buckets of the case's receipt, as the contribution of the case's current
 *   state: an event adds `contribution(after) − contribution(before)`. A reclassified case
 *   moves from one category to the other, a merged duplicate (重复投诉) contributes
 *   nothing, and every counter always equals the sum over the cases' current states, so
 *   it can never go below zero.
 * - **What happened in a period** (resolved, rejected, handling time, on time, appeals,
 *   satisfaction, malicious marks, overdue, escalated) goes to the buckets of the instant
 *   it happened, once per transition.
 *
 * Exactly once: every update has an `id`; the storage applies an id at most once (a
 * marker item written in the same transaction as the additions). A case change's id is
 * `<caseNumber>#v<version>@<period>`: the version is the case's optimistic-concurrency
 * counter, so the same committed change, redelivered or replayed from a stream, yields
 * the same ids, and two different changes never share one. Per case, updates must be
 * applied in version order (a DynamoDB stream keeps that order per item).
 */
import { isHandling, isRecurring } from './deadline-kinds';
import type { CaseState, DeadlineState, Subject } from './case-state';
import { bucketOf } from './histogram';
import type { DeadlineName } from './limits';
import type { NoticeTopic } from './notices';
import { periodsOf } from './report-period';
import type { CaseKind, CaseLevel, CaseStatus, CaseType, Channel, Priority } from './status';
import { type AggregateUpdate, counter, receivedDimensions, type ReceivedDimension, unclassified } from './statistics-counters';
import { subjectLabel } from './top-subjects';

/**
 * What the statistics read of a case: the workflow's `CaseState` plus the stored
 * `channel`, `classifiedAt` and the duplicate mark. No personal data.
 */
export interface StatisticsCase {
  readonly caseNumber: string;
  /** Optimistic-concurrency version of this state; part of every update id. */
  readonly version: number;
  readonly kind: CaseKind;
  readonly type?: CaseType;
  readonly category: string;
  readonly level?: CaseLevel;
  readonly priority?: Priority;
  readonly channel: Channel;
  readonly subject: Subject;
  readonly receivedAt: string;
  readonly status: CaseStatus;
  /** Set when the classify step ran: the duplicate check is behind the case. */
  readonly classifiedAt?: string;
  /** `duplicate` when the case was merged into an earlier one. */
  readonly closeReason?: string;
  /** The first result sent (a reply after a reopening keeps the first one here). */
  readonly repliedAt?: string;
  readonly deadlines: readonly Pick<DeadlineState, 'name' | 'dueAt' | 'metAt'>[];
  readonly feedback?: { readonly resolved: boolean; readonly score?: number; readonly at: string };
  readonly appealedAt?: string;
  readonly reviewedAt?: string;
  /** The review (复核) changed the first result; only a reviewer can say so. */
  readonly reviewChanged?: boolean;
  readonly malicious?: boolean;
  /** Referrals to an authority so far (报送有关部门). */
  readonly referrals?: number;
  /** A trusted flagger's report (DSA Art. 22): counted apart in its receipt bucket. */
  readonly priorityFacts?: { readonly trustedSource?: string };
  /** Phone or online follow-ups recorded so far (回访 notes). */
  readonly followUpContacts?: number;
  /** 专题报告: listed in the report of the period it was approved in (its text stays on the case). */
  readonly caseReport?: { readonly approvedAt?: string; readonly publicSummary?: string };
  /** Who the team figures are of: the department and the assignee (handler) at the time of each event. */
  readonly department?: string;
  readonly assignee?: string;
  /** Reopened after an unresolved follow-up (counted per department and handler). */
  readonly reopenedAt?: string;
}

/**
 * The statistics' view of a stored case state: `CaseState` with the stored channel; the
 * appeal review (复核) is `appealReviewedAt` there (`reviewedAt` is the initial review).
 */
export function statisticsCaseOf(state: CaseState, channel: Channel): StatisticsCase {
  const { reviewedAt: _initialReview, appealReviewedAt, ...rest } = state;
  return { ...rest, channel, ...(appealReviewedAt ? { reviewedAt: appealReviewedAt } : {}) };
}

/** Hot and major (热点, 重大) cases: listed by case number in their receipt bucket, for the report. */
export const listedPriorities: readonly Priority[] = ['hot', 'major'];

/** +1 when an update puts its case into the receipt bucket's hot-and-major list, −1 when it takes it out, 0 otherwise. */
export function hotOrMajorMove(update: AggregateUpdate): number {
  return listedPriorities.reduce((sum, p) => sum + (update.counters[counter.receivedBy('priority', p)] ?? 0), 0);
}

/** One committed change of a case: the state before (absent for the first write) and after, at an instant. */
export interface CaseChange {
  readonly at: string;
  readonly before?: StatisticsCase;
  readonly after: StatisticsCase;
}

/** A ladder notice that went out (notice ledger): overdue and management-group escalations count. */
export interface NoticeSent {
  /** The notice key (notices.ts), unique per case, deadline, occurrence and revision. */
  readonly key: string;
  readonly caseNumber: string;
  readonly topic: NoticeTopic;
  /** When the deadline passed (the notice's `deadlineDueAt`, else its `dueAt`). */
  readonly at: string;
}

/**
 * A case counts once its duplicate question is settled: classified (and not merged), or
 * ended before classification (rejected at review, supplement never came).
 */
export function isCounted(s: StatisticsCase): boolean {
  if (s.closeReason === 'duplicate') return false;
  return s.classifiedAt !== undefined || s.status === 'rejected' || s.status === 'closed';
}

/** What a case in this state adds to the buckets of its receipt. */
function contribution(s: StatisticsCase | undefined): Record<string, number> {
  if (!s || !isCounted(s)) return {};
  const values: Record<ReceivedDimension, string | number> = {
    kind: s.kind,
    type: s.type ?? unclassified,
    category: s.category,
    level: s.level ?? unclassified,
    channel: s.channel,
    priority: s.priority ?? 'general', // seed 004: general is "everything else"
  };
  const result: Record<string, number> = { [counter.received]: 1 };
  for (const d of receivedDimensions) result[counter.receivedBy(d, values[d])] = 1;
  if (s.repliedAt) result[counter.resolvedOfReceived] = 1;
  if (s.priorityFacts?.trustedSource) result[counter.receivedTrusted(s.priorityFacts.trustedSource)] = 1;
  // Volumes per department and handler: the current ones, so a reassigned case moves with its work.
  if (s.department) result[counter.team('department', s.department, 'received')] = 1;
  if (s.assignee) result[counter.team('handler', s.assignee.toLowerCase(), 'received')] = 1;
  return result;
}

/**
 * On time: every one-off handling deadline (first response, resolution, initial
 * investigation, response started, initial result) met by its due time, as extended.
 * Recurring progress duties are sent by the ladder itself and do not decide it.
 */
export function handledOnTime(s: Pick<StatisticsCase, 'deadlines'>): boolean {
  return s.deadlines
    .filter((d) => isHandling(d.name as DeadlineName) && !isRecurring(d.name as DeadlineName))
    .every((d) => d.metAt !== undefined && Date.parse(d.metAt) <= Date.parse(d.dueAt));
}

/** What happened in this change, counted in the buckets of its instant. */
function happened(change: CaseChange): Record<string, number> {
  const { before, after } = change;
  const result: Record<string, number> = {};
  const add = (name: string, by = 1) => {
    result[name] = (result[name] ?? 0) + by;
  };
  // 效果考核 / 绩效考核: the same event counted for the case's department and its handler at the time.
  const team = (figure: string, by = 1) => {
    if (after.department) add(counter.team('department', after.department, figure), by);
    if (after.assignee) add(counter.team('handler', after.assignee.toLowerCase(), figure), by);
  };
  if (!before?.repliedAt && after.repliedAt) {
    const seconds = Math.max(0, Math.round((Date.parse(after.repliedAt) - Date.parse(after.receivedAt)) / 1000));
    add(counter.resolved);
    add(counter.handlingBucket(bucketOf(seconds)));
    add(counter.handlingSeconds, seconds);
    team('resolved');
    team(`handling.${bucketOf(seconds)}`);
    if (handledOnTime(after)) {
      add(counter.onTime);
      team('onTime');
    }
    // Seed 003: a level-2 case has at least one phone or online follow-up before its reply.
    if (after.level === 2) {
      add(counter.level2Replied);
      if ((after.followUpContacts ?? 0) > 0) add(counter.level2RepliedWithContact);
    }
  }
  const contacted = (after.followUpContacts ?? 0) - (before?.followUpContacts ?? 0);
  if (contacted > 0) add(counter.followUpContacts, contacted);
  if (before?.status !== 'rejected' && after.status === 'rejected') add(counter.rejected);
  if (after.feedback && after.feedback.at !== before?.feedback?.at) {
    add(counter.responses);
    team('responses');
    if (after.feedback.resolved) {
      add(counter.responsesResolved);
      team('responsesResolved');
    }
    if (after.feedback.score !== undefined) {
      add(counter.scored);
      add(counter.scoreSum, after.feedback.score);
      team('scored');
      team('scoreSum', after.feedback.score);
    }
  }
  if (!before?.reopenedAt && after.reopenedAt) team('reopened');
  if (!before?.appealedAt && after.appealedAt) {
    add(counter.appeals);
    team('appeals');
  }
  if (!before?.reviewedAt && after.reviewedAt && after.reviewChanged) add(counter.appealsChanged);
  if (!before?.malicious && after.malicious) add(counter.malicious);
  const referred = (after.referrals ?? 0) - (before?.referrals ?? 0);
  if (referred > 0) add(counter.referrals, referred);
  if (!before?.caseReport?.approvedAt && after.caseReport?.approvedAt) {
    add(counter.caseReport(after.priority ?? 'general', after.caseNumber));
    if (after.caseReport.publicSummary) add(counter.publicSummary(after.caseNumber));
  }
  return result;
}

/** The bucket updates one committed case change causes (none when it changes no figure). */
export function updatesOfChange(change: CaseChange, timeZone: string): AggregateUpdate[] {
  const { before, after } = change;
  const moved = difference(contribution(after), contribution(before));
  const newlyCounted = isCounted(after) && !(before && isCounted(before));
  const receipt = periodsOf(new Date(after.receivedAt), timeZone);
  const now = periodsOf(new Date(change.at), timeZone);
  const flow = happened(change);
  const byPeriod = new Map<string, { counters: Record<string, number>; subject?: string }>();
  const into = (period: string, counters: Record<string, number>, subject?: string) => {
    const entry = byPeriod.get(period) ?? { counters: {} };
    for (const [name, by] of Object.entries(counters)) entry.counters[name] = (entry.counters[name] ?? 0) + by;
    if (subject) entry.subject = subject;
    byPeriod.set(period, entry);
  };
  const subject = newlyCounted ? subjectLabel(after.subject) : undefined;
  for (const kind of ['month', 'week'] as const) {
    into(receipt[kind], moved, subject);
    into(now[kind], flow);
  }
  return [...byPeriod]
    .filter(([, u]) => Object.keys(u.counters).length > 0 || u.subject)
    .map(([period, u]) => ({ id: `${after.caseNumber}#v${after.version}@${period}`, period, counters: u.counters, ...(u.subject ? { subject: u.subject } : {}) }));
}

/**
 * The updates a sent ladder notice causes. Overdue counts cases, not missed deadlines:
 * its id is per case and bucket, so a second missed deadline of the same case in the
 * same period adds nothing. An escalation to the management group happens once per case.
 */
export function updatesOfNotice(notice: NoticeSent, timeZone: string): AggregateUpdate[] {
  const periods = periodsOf(new Date(notice.at), timeZone);
  const build = (name: string, id: (period: string) => string) =>
    [periods.month, periods.week].map((period) => ({ id: id(period), period, counters: { [name]: 1 } }));
  if (notice.topic === 'overdue') return build(counter.overdue, (p) => `${notice.caseNumber}#overdue@${p}`);
  if (notice.topic === 'management-group') return build(counter.escalated, (p) => `${notice.key}@${p}`);
  return [];
}

function difference(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const result: Record<string, number> = {};
  for (const name of new Set([...Object.keys(after), ...Object.keys(before)])) {
    const delta = (after[name] ?? 0) - (before[name] ?? 0);
    if (delta !== 0) result[name] = delta;
  }
  return result;
}
