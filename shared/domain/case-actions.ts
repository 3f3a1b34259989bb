/**
 * The case state machine (domain.md "The workflow", spec/api.md statuses and actions).
 * `applyAction` takes a case, who acts, what they ask and the instant, and returns the
 * new case, the history entry to append and the notices the step triggers; or throws
 * `ActionNotAllowedError` (409: not in this state) / `ForbiddenActionError` (403: not
 * for this actor). Pure: the adapter loads, calls, and writes the result in one
 * conditional transaction on `version`.
 */
import { absenceKey, dueDuringAbsence, type AbsencePeriod } from './absences';
import type { HistoryEntry } from './case-record';
import { ActionNotAllowedError, ForbiddenActionError } from './action-errors';
import { mayTake, relationOf, type Relation, type StaffActionName } from './action-permissions';
import { dutyViolation } from './separation-of-duties';
import {
  advanceRecurring,
  changeLevel,
  deadlinesForLevel,
  extendDeadline,
  meetDeadlines,
  pauseDeadlines,
  recomputeDeadlines,
  resumeDeadlines,
  startDeadline,
} from './case-deadlines';
import { findDeadline, isHandling, isOpen, levelDeadlines, receiptDeadlines } from './deadline-kinds';
import type { CaseState, DeadlineState, PriorityFacts, ResultDetails } from './case-state';
import { contactAccess } from './staff-access';
import { allowedFrom } from './action-statuses';
import { categoryDefaults, findCategory } from './classification';
import { deadlineRules, type DomainContext } from './domain-context';
import { escalationsDue, priorityInput } from './escalation';
import type { DeadlineName } from './limits';
import type { ReviewDecision } from './initial-review';
import { noticeKey, recipientsOf, type Audience, type Notice, type NoticeParams, type NoticeTopic } from './notices';
import { assessPriority, clusterIsHot } from './priority';
import { appealReviewer, exclusion, type RoutingDecision } from './routing';
import { findStaff, sameEmail, supervisorOf } from './staff-directory';
import type { CaseLevel, CaseStatus, CaseType } from './status';

export type FollowUpChannel = 'phone' | 'online';

export type Actor = { readonly kind: 'staff'; readonly email: string } | { readonly kind: 'complainant' } | { readonly kind: 'system' };

export type StaffAction =
  | { readonly action: 'accept'; readonly note?: string }
  | { readonly action: 'reject'; readonly reason: string; readonly guidance?: string }
  | { readonly action: 'request-supplement'; readonly missing: readonly string[] }
  | {
      readonly action: 'classify';
      readonly type?: CaseType;
      readonly category?: string;
      readonly level?: CaseLevel;
      readonly security?: boolean;
      readonly priorityFacts?: PriorityFacts;
      readonly note?: string;
    }
  | { readonly action: 'assign'; readonly assignee: string; readonly note?: string }
  /** `followUp`: the note records a phone or online follow-up with the complainant (回访; seed 003: level 2 at least once; meets a second follow-up). */
  | { readonly action: 'note'; readonly note: string; readonly public?: boolean; readonly meets?: DeadlineName; readonly followUp?: FollowUpChannel }
  | { readonly action: 'request-extension'; readonly deadline: DeadlineName; readonly until: Date; readonly reason: string }
  | { readonly action: 'decide-extension'; readonly approve: boolean; readonly note?: string }
  | { readonly action: 'reply'; readonly result: string; readonly basis?: string; readonly measures?: string; readonly remedies?: string }
  | { readonly action: 'approve-reply'; readonly approve: boolean; readonly note?: string }
  /** `changed`: the review (复核) changed the first result (counted in the report's `appeals.changed`); only the reviewer can say. */
  | { readonly action: 'review'; readonly result: string; readonly basis?: string; readonly changed?: boolean }
  | { readonly action: 'close'; readonly note?: string }
  | { readonly action: 'mark-malicious'; readonly note: string }
  /** Reading a confidential (or not yet shown) contact, with the reason: changes nothing but the history (audit). */
  | { readonly action: 'reveal-contact'; readonly reason: string }
  /** 报送有关部门 / 向公安机关报案 (Cybersecurity Law Art. 47): recorded, counted; a case may be referred more than once. */
  | { readonly action: 'refer'; readonly authority: string; readonly reference?: string; readonly sentAt: Date; readonly note?: string }
  /** 专题报告 of a hot or major case (seed 004); `publicSummary` (major only) is published with its approval (公示). */
  | { readonly action: 'write-report'; readonly causes: string; readonly measures: string; readonly prevention: string; readonly publicSummary?: string }
  | { readonly action: 'approve-report'; readonly approve: boolean; readonly note?: string };

/** What the complainant may do with the access token. */
export type PublicAction =
  | { readonly action: 'supplement' } // 补正: the material itself is stored by the adapter
  | { readonly action: 'feedback'; readonly resolved: boolean; readonly score?: number }
  | { readonly action: 'appeal' }; // 复核/申诉: reasons and evidence are stored by the adapter

export type SystemAction =
  | { readonly action: 'acknowledge' } // 受理回执, with the category defaults
  /** 初步审核 by the workflow: its decision (initial-review.ts) applied. */
  | { readonly action: 'initial-review'; readonly decision: ReviewDecision; readonly language: 'zh-CN' | 'en' }
  /**
   * 分类定性 by the workflow: category defaults, level clocks and priority (the receipt went at intake).
   * `turnsClusterHot`: this case's classification is the one that turns its cluster hot (the workflow
   * put the cluster's hot mark with it), so it carries the one leadership notice of the cluster.
   */
  | { readonly action: 'auto-classify'; readonly clusterComplainants?: number; readonly turnsClusterHot?: boolean }
  /** 重复投诉: an exact duplicate closed into the first case. */
  | { readonly action: 'merge'; readonly into: string }
  /** 热点: an earlier member of a cluster that just became hot is raised with it. */
  | { readonly action: 'cluster-raise'; readonly clusterComplainants: number }
  | { readonly action: 'route'; readonly decision: RoutingDecision } // 分派 by routing.ts
  | { readonly action: 'supplement-expired' }
  | { readonly action: 'appeal-window-ended' }
  | { readonly action: 'reprioritise'; readonly clusterComplainants?: number }
  /**
   * A case handed back to its department's queue, unassigned, because its assignee
   * `member` was deactivated, or is away (`absence`) when its most urgent deadline falls
   * due (offered back once per absence). The member's supervisor is told.
   */
  | { readonly action: 'hand-back'; readonly member: string; readonly reason: 'deactivated' }
  | { readonly action: 'hand-back'; readonly member: string; readonly reason: 'absent'; readonly absence: AbsencePeriod }
  /** The working calendar or the limits changed at runtime: open clocks computed again (case-deadlines.ts `recomputeDeadlines`). */
  | { readonly action: 'recompute-deadlines' }
  /** The SLA sweep sets a case aside whose escalation of the step due at `dueAt` failed `attempts` times (sla-sweep.ts). */
  | { readonly action: 'park'; readonly attempts: number; readonly dueAt: string };

export type CaseAction = StaffAction | PublicAction | SystemAction;
export type ActionName = CaseAction['action'];

export type NewHistoryEntry = Omit<HistoryEntry, 'seq'>;

export interface ActionOutcome {
  readonly state: CaseState;
  readonly history: NewHistoryEntry;
  readonly notices: readonly Notice[];
}

const publicActions: readonly ActionName[] = ['supplement', 'feedback', 'appeal'];
const systemActions: readonly ActionName[] = [
  'acknowledge',
  'initial-review',
  'auto-classify',
  'merge',
  'cluster-raise',
  'route',
  'supplement-expired',
  'appeal-window-ended',
  'reprioritise',
  'hand-back',
  'recompute-deadlines',
  'park',
];


/** What one step changes, before the common bookkeeping (version, history, notices). */
interface Step {
  readonly state: CaseState;
  readonly public: boolean;
  readonly note?: string;
  /** The history entry's `action` when it is not the action's name (the public page's sentences are keyed by it). */
  readonly entry?: string;
  readonly notices?: readonly (readonly [NoticeTopic, Audience] | readonly [NoticeTopic, Audience, NoticeParams])[];
  /** Whom the notices go to when not the new state's people (a hand-back: the supervisor of the member who had it). */
  readonly recipients?: Partial<Record<Audience, readonly string[]>>;
}

export function applyAction(ctx: DomainContext, state: CaseState, actor: Actor, input: CaseAction, now: Date): ActionOutcome {
  const name = input.action;
  const expected = publicActions.includes(name) ? 'complainant' : systemActions.includes(name) ? 'system' : 'staff';
  if (actor.kind !== expected) throw new ForbiddenActionError(name, `only the ${expected} may do this`);
  if (!allowedFrom[name].includes(state.status)) throw new ActionNotAllowedError(name, state.status, 'status');
  let relation: Relation | undefined;
  if (actor.kind === 'staff') {
    relation = relationOf(ctx.config, state, actor.email);
    if (!relation) throw new ForbiddenActionError(name, 'unknown staff member');
    if (!mayTake[name as StaffActionName](relation)) throw new ForbiddenActionError(name, 'role or relation to the case');
    // Separation of duties: one table (separation-of-duties.ts), printed in docs/security.md.
    const reason = input.action === 'reveal-contact' ? { reason: input.reason } : {};
    const broken = dutyViolation({ config: ctx.config, state, relation, action: name as StaffActionName, ...reason });
    if (broken) throw new ForbiddenActionError(name, broken.id, `Separation of duties (${broken.id}): ${broken.text.en}`);
  }
  const step = transition(ctx, state, input, now, relation);
  // A case that was ever level 3 keeps the second person's approval of its reply, however it is classified later.
  const everLevel3 = state.wasLevel3 === true || state.level === 3 || step.state.level === 3;
  const next: CaseState = { ...step.state, version: state.version + 1, ...(everLevel3 ? { wasLevel3: true } : {}) };
  const actorId = actor.kind === 'staff' ? actor.email : actor.kind;
  const own = [...(step.notices ?? []), ...flashNotice(state, next)].map(([topic, audience, params]) => stepNotice(ctx, next, topic, audience, now, params, step.recipients?.[audience]));
  return {
    state: next,
    history: { at: now.toISOString(), status: next.status, action: step.entry ?? name, actor: actorId, ...(step.note ? { note: step.note } : {}), public: step.public },
    notices: [...own, ...newlyDue(ctx, state, next, now)],
  };
}

function transition(ctx: DomainContext, s: CaseState, input: CaseAction, now: Date, r: Relation | undefined): Step {
  const rules = deadlineRules(ctx);
  const at = now.toISOString();
  const refuse = (reason: string, message?: string): never => {
    throw new ActionNotAllowedError(input.action, s.status, reason, message);
  };
  const me = r?.member.email ?? '';

  switch (input.action) {
    case 'acknowledge': {
      if (findDeadline(s.deadlines, 'acknowledge')) refuse('already-acknowledged');
      const d = categoryDefaults(ctx.config, s.category, s.kind);
      const receivedAt = new Date(s.receivedAt);
      const deadlines = meetDeadlines(
        [...receiptDeadlines.map((n) => startDeadline(rules, n, receivedAt)), ...deadlinesForLevel(rules, d.level, receivedAt)],
        ['acknowledge'],
        now,
      );
      const state = withPriority(ctx, { ...s, type: d.type, level: d.level, levelSetAt: at, department: d.department, security: d.security, deadlines }, now);
      return { state, public: true, notices: s.complainantKey ? [['acknowledgement', 'complainant']] : [] };
    }

    case 'initial-review':
      return initialReview(ctx, s, input.decision, input.language, now);

    case 'auto-classify': {
      if (!s.reviewedAt || !s.accepted) refuse('not-accepted');
      if (s.classifiedAt) refuse('already-classified');
      const d = categoryDefaults(ctx.config, s.category, s.kind);
      const receivedAt = new Date(s.receivedAt);
      // Material asked for at initial review (seconds after receipt) paused the clocks with
      // all their time left: they run from its arrival, the receipt's own from receipt.
      // An urgent case had its level and clocks from receipt at review (先处理后登记).
      const clockFrom = new Date(s.levelSetAt ? s.receivedAt : s.supplementedAt ?? s.receivedAt);
      // The receipt went out at intake and initial review decided the scope: both are met now.
      const deadlines = meetDeadlines(
        [
          ...receiptDeadlines.map((n) => startDeadline(rules, n, n === 'management-group' ? clockFrom : receivedAt)),
          ...deadlinesForLevel(rules, d.level, clockFrom),
          ...s.deadlines.filter((x) => x.name === 'supplement-due'),
        ],
        ['acknowledge', 'scope-decision'],
        now,
      );
      const facts = input.clusterComplainants !== undefined ? { ...s.priorityFacts, clusterComplainants: input.clusterComplainants } : s.priorityFacts;
      const state = withPriority(ctx, { ...s, type: d.type, level: d.level, levelSetAt: at, department: d.department, security: d.security, deadlines, classifiedAt: at, ...(facts ? { priorityFacts: facts } : {}) }, now);
      // 热点 cluster: leadership is told once per cluster, by the case that turns it hot (its members tell nothing of their own).
      const clusterNotice = input.turnsClusterHot && clusterIsHot(ctx.config.priority, input.clusterComplainants ?? 0);
      const notices = clusterNotice ? [['cluster-hot', 'leadership', { clusterComplainants: input.clusterComplainants!, subjectType: s.subject.type }] as const] : [];
      return { state, public: false, entry: 'classify', note: `level ${state.level}, ${state.priority}`, notices };
    }

    case 'merge':
      if (!s.reviewedAt || s.classifiedAt) refuse('not-awaiting-classification');
      return {
        state: { ...closed(s, 'duplicate', now), mergedInto: input.into, classifiedAt: at },
        public: true,
        note: 'duplicate',
        notices: [['duplicate-merged', 'complainant', { firstCase: input.into }]],
      };

    case 'cluster-raise': {
      // Only a classified case with a smaller cluster count than the new one is raised: a redelivery changes nothing.
      if (!s.classifiedAt) refuse('not-classified');
      if ((s.priorityFacts?.clusterComplainants ?? 0) >= input.clusterComplainants) refuse('already-raised');
      const state = withPriority(ctx, { ...s, priorityFacts: { ...s.priorityFacts, clusterComplainants: input.clusterComplainants } }, now);
      return { state, public: false, entry: 'reprioritise', note: `cluster of ${input.clusterComplainants}` };
    }

    case 'route': {
      if (s.assignee) refuse('already-assigned');
      const { assignee, department } = input.decision;
      return { state: { ...assign(s, assignee, department), assignedAt: at }, public: true, note: input.decision.reason, notices: [['assigned', 'assignee']] };
    }

    case 'accept': {
      if (s.accepted) refuse('already-accepted');
      // 受理: a handler accepting an unassigned case of their queue takes it.
      const claim = !s.assignee && r?.departmentHandler === true;
      const assigned = claim ? assign(s, me, s.department) : s;
      const met = meetDeadlines(assigned.deadlines, ['scope-decision', 'response-started'], now);
      const status: CaseStatus = assigned.assignee ? 'in-progress' : 'received';
      return { state: { ...assigned, accepted: true, status, deadlines: met }, public: true, ...(input.note ? { note: input.note } : {}) };
    }

    case 'reject': {
      if (s.accepted) refuse('already-accepted');
      return {
        state: { ...s, status: 'rejected', deadlines: meetDeadlines(s.deadlines, ['scope-decision'], now), closedAt: at, closeReason: 'rejected' },
        public: true,
        note: input.guidance ? `${input.reason}\n${input.guidance}` : input.reason, // the reason and where to go instead are for the complainant
        notices: [['rejected', 'complainant', { reason: input.reason, ...(input.guidance ? { guidance: input.guidance } : {}) }]],
      };
    }

    case 'request-supplement': {
      // 补正: once, listing everything missing.
      if (s.supplementRequested || materialAwaited(s)) refuse('supplement-already-requested');
      if (input.missing.length === 0) refuse('nothing-missing', 'A supplement request lists what is missing');
      if (s.level === 3) {
        // 重大投诉 24 小时内启动 (seed 003): the material is asked for in parallel; the work and its clocks go on.
        const due = startDeadline(rules, 'supplement-due', now);
        const deadlines = [...s.deadlines.filter((d) => d.name !== 'supplement-due'), due];
        return { state: { ...s, supplementRequested: true, deadlines }, public: true, note: input.missing.join('\n'), notices: [['supplement-requested', 'complainant', { missing: input.missing, dueAt: due.dueAt }]] };
      }
      const deadlines = [...pauseDeadlines(rules, s.deadlines, now).filter((d) => d.name !== 'supplement-due'), startDeadline(rules, 'supplement-due', now)];
      return {
        state: { ...s, status: 'needs-supplement', resumeStatus: s.status, supplementRequested: true, deadlines },
        public: true,
        note: input.missing.join('\n'),
        notices: [['supplement-requested', 'complainant']],
      };
    }

    case 'supplement': {
      // 补正 once per request: the material itself is stored beside the change by the adapter.
      if (s.status !== 'needs-supplement') {
        // Asked for in parallel (level 3): nothing was paused, the case stays where it is.
        if (!materialAwaited(s)) refuse('no-material-requested');
        const state = { ...s, supplementedAt: at, deadlines: meetDeadlines(s.deadlines, ['supplement-due'], now) };
        return { state, public: true, notices: s.assignee ? [['supplement-received', 'assignee']] : [] };
      }
      const deadlines = meetDeadlines(resumeDeadlines(rules, s.deadlines, now), ['supplement-due'], now);
      const { resumeStatus, ...rest } = s;
      // Asked for by initial review: the material completes the submission, which goes on to
      // classification (the handler asks again, if need be); its level clocks start now.
      if (awaitsClassification(s)) return { state: { ...rest, status: 'received', accepted: true, supplementedAt: at, deadlines }, public: true };
      return { state: { ...rest, status: resumeStatus ?? 'received', supplementedAt: at, deadlines }, public: true, notices: [['supplement-received', 'assignee']] };
    }

    case 'supplement-expired': {
      const due = findDeadline(s.deadlines, 'supplement-due');
      if (!due || now.getTime() < Date.parse(due.dueAt)) refuse('supplement-not-due');
      // Asked for in parallel (level 3): the request lapses and the work goes on without the material.
      if (s.status !== 'needs-supplement') return { state: { ...s, deadlines: s.deadlines.filter((d) => d.name !== 'supplement-due') }, public: false, note: 'material-not-received' };
      return { state: closed(s, 'incomplete', now), public: true, notices: [['closed-incomplete', 'complainant']] };
    }

    case 'classify':
      return { state: classify(ctx, s, input, now, r!), public: false, ...(input.note ? { note: input.note } : {}) };

    case 'assign': {
      const target = findStaff(ctx.config, input.assignee);
      if (!target || !(target.roles.includes('handler') || target.roles.includes('supervisor'))) refuse('not-a-handler', 'The assignee is not a handler');
      if (!r!.admin && !r!.supervisor && !(sameEmail(target!.email, me) && !s.assignee)) {
        throw new ForbiddenActionError('assign', 'a handler may only take an unassigned case');
      }
      if (!r!.admin && s.department && !target!.departments.includes(s.department)) refuse('other-department', 'The assignee is not in the case department');
      const why = exclusion(ctx.config, target!, s, now);
      if (why) refuse(why === 'absent' ? 'assignee-absent' : 'recusal', `The assignee may not handle this case (${why})`); // 回避
      const department = s.department ?? target!.departments[0];
      return { state: assign(s, target!.email, department), public: false, ...(input.note ? { note: input.note } : {}), notices: [['assigned', 'assignee']] };
    }

    case 'note': {
      if (input.meets && !(isHandling(input.meets) || input.meets === 'scope-decision')) refuse('not-a-handling-deadline');
      // A public note is a response to the complainant: it meets the first response (L1).
      const names: DeadlineName[] = [
        ...(input.meets ? [input.meets] : []),
        ...(input.public ? (['first-response'] as const) : []),
        ...(input.followUp ? (['second-follow-up'] as const) : []),
      ];
      const state: CaseState = {
        ...s,
        ...started(s, r!),
        ...(input.followUp ? { followUpContacts: (s.followUpContacts ?? 0) + 1 } : {}),
        deadlines: meetDeadlines(s.deadlines, names, now),
        ...(input.public && !s.firstResponseAt ? { firstResponseAt: at } : {}),
      };
      return { state, public: input.public === true, note: input.note };
    }

    case 'request-extension': {
      if (s.pendingExtension) refuse('extension-pending');
      const d = findDeadline(s.deadlines, input.deadline);
      if (!d || !isOpen(d) || !(isHandling(d.name) || d.name === 'scope-decision')) refuse('no-such-open-deadline');
      if (input.until.getTime() <= Date.parse(d!.dueAt)) refuse('not-later', 'An extension must move the deadline later');
      const pendingExtension = { deadline: input.deadline, until: input.until.toISOString(), reason: input.reason, by: me, at };
      return { state: { ...s, ...started(s, r!), pendingExtension }, public: false, note: input.reason, notices: [['extension-requested', 'supervisor']] };
    }

    case 'decide-extension': {
      const pending = s.pendingExtension ?? refuse('no-extension-pending');
      const { pendingExtension: _, ...rest } = s;
      if (!input.approve) return { state: rest, public: false, ...(input.note ? { note: input.note } : {}), notices: [['extension-decided', 'assignee']] };
      const deadlines = extendDeadline(s.deadlines, pending.deadline, new Date(pending.until), now);
      // The complainant is told the new expected date (domain.md "Extensions").
      return { state: { ...rest, deadlines }, public: true, notices: [['extension-decided', 'assignee'], ['new-expected-date', 'complainant', { until: pending.until, reason: pending.reason }]] };
    }

    case 'reply': {
      if (s.pendingReply) refuse('reply-awaiting-approval');
      const details = replyDetails(input);
      // Level 3 results go out only after a supervisor approves them (domain.md step 7), also once the level was lowered.
      if (s.level === 3 || s.wasLevel3) {
        return { state: { ...s, ...started(s, r!), pendingReply: { result: input.result, by: me, at, ...details } }, public: false, notices: [['reply-for-approval', 'supervisor']] };
      }
      return { state: replied(ctx, s, input.result, details, [me], now), public: true, notices: [['result', 'complainant', resultParams(ctx, input.result, details)]] };
    }

    case 'approve-reply': {
      const pending = s.pendingReply ?? refuse('no-reply-pending');
      const { pendingReply: _, ...rest } = s;
      if (!input.approve) return { state: rest, public: false, ...(input.note ? { note: input.note } : {}), notices: [['reply-refused', 'assignee']] };
      const details = replyDetails(pending);
      return { state: replied(ctx, rest, pending.result, details, [pending.by, me], now), public: true, notices: [['result', 'complainant', resultParams(ctx, pending.result, details)]] };
    }

    case 'feedback': {
      // 回访, one answer per follow-up (each reply opens one): resolved → closed; not resolved →
      // reopened to the handler with fresh handling limits the first time; after that the
      // case stays answered and the supervisor starts the second follow-up (二次回访).
      if (s.feedback && s.repliedAt && s.feedback.at >= s.repliedAt) refuse('already-answered', 'This follow-up has its answer');
      const feedback = { resolved: input.resolved, ...(input.score !== undefined ? { score: input.score } : {}), at };
      const surveyed = meetDeadlines(s.deadlines, ['follow-up'], now);
      if (input.resolved) return { state: { ...closed(s, 'resolved', now), feedback, deadlines: surveyed }, public: true, note: 'resolved' };
      // 未解决的投诉 3 日内启动二次跟进 (seed 003 四(二)1): every unresolved answer starts one, met by a
      // recorded phone or online follow-up or by the next reply.
      const second = startDeadline(rules, 'second-follow-up', now, (findDeadline(s.deadlines, 'second-follow-up')?.revision ?? -1) + 1);
      const followed = [...surveyed.filter((d) => d.name !== 'second-follow-up'), second];
      if (s.reopenedAt) return { state: { ...s, feedback, deadlines: followed }, public: true, note: 'second-follow-up', notices: [['second-follow-up', 'supervisor']] };
      const deadlines = restartHandling(ctx, followed, s.level, now);
      return { state: { ...s, status: 'reopened', feedback, reopenedAt: at, deadlines }, public: true, note: 'reopened', notices: [['feedback-unresolved', 'assignee']] };
    }

    case 'appeal': {
      const window = findDeadline(s.deadlines, 'appeal-window');
      if (s.appealedAt) refuse('already-appealed');
      if (!s.result || !window || window.metAt !== undefined || now.getTime() >= Date.parse(window.dueAt)) refuse('appeal-window-over');
      if (s.closeReason && s.closeReason !== 'resolved' && s.closeReason !== 'no-appeal') refuse('not-appealable');
      const { closedAt: _, closeReason: __, ...rest } = s;
      // 复核 by someone above the handler who neither handled nor approved it, within its own limit;
      // nobody such (all absent, say): the management group names one.
      const reviewer = appealReviewer(ctx.config, s, now);
      const deadlines = [...meetDeadlines(s.deadlines, ['appeal-window', 'follow-up'], now).filter((d) => d.name !== 'appeal-review'), startDeadline(rules, 'appeal-review', now)];
      const state: CaseState = { ...rest, status: 'appealed', appealedAt: at, deadlines, ...(reviewer ? { reviewer } : {}) };
      return { state, public: true, notices: [reviewer ? ['appeal-assigned', 'reviewer'] : ['appeal-received', 'management-group']] };
    }

    case 'review': {
      // The review result is final (复核结果为最终结果).
      const state = { ...closed(s, 'reviewed', now), result: input.result, appealReviewedAt: at, reviewChanged: input.changed === true, handledBy: [...(s.handledBy ?? []), me] };
      // The review result mail is the final written decision: it carries the result and its basis.
      const params = { result: input.result, ...(input.basis ? { basis: input.basis } : {}) };
      return { state: { ...state, deadlines: meetDeadlines(state.deadlines, ['appeal-window', 'appeal-review'], now) }, public: true, notices: [['review-result', 'complainant', params]] };
    }

    case 'appeal-window-ended': {
      const window = findDeadline(s.deadlines, 'appeal-window');
      if (!window || now.getTime() < Date.parse(window.dueAt)) refuse('appeal-window-open');
      const state = closed(s, 'no-appeal', now);
      return { state: { ...state, deadlines: meetDeadlines(state.deadlines, ['appeal-window'], now) }, public: true };
    }

    case 'close':
      return { state: closed(s, 'resolved', now), public: true, ...(input.note ? { note: input.note } : {}) };

    case 'mark-malicious': {
      // 恶意举报 (seed 002 第九条): kept for the record, out of the statistics of real cases.
      const state = s.status === 'closed' ? s : closed(s, 'malicious', now);
      // 对于不实的举报信息，应当及时通知举报人 (seed 002): a reporter who left a contact is told.
      const told = s.kind === 'report' && s.complainantKey && !s.malicious ? [['report-untrue', 'complainant']] as const : [];
      return { state: { ...state, malicious: true }, public: false, note: input.note, notices: told };
    }

    case 'reveal-contact': {
      // Who may read the contact at all is staff-access.ts; the reason rule is separation-of-duties.ts.
      if (contactAccess(ctx.config, s, me) === 'hidden') throw new ForbiddenActionError('reveal-contact', 'not-handling');
      return { state: s, public: false, note: input.reason };
    }

    case 'refer':
      return { state: { ...s, referrals: (s.referrals ?? 0) + 1 }, public: false, note: referralNote(input) };

    case 'write-report': {
      // 专题报告: hot and major cases only; one at a time, and an approved one stands.
      if (!hotOrMajor(s)) refuse('not-hot-or-major', 'Only a hot or major case has a case report');
      if (s.caseReport?.approvedAt) refuse('report-approved');
      if (s.caseReport) refuse('report-awaiting-approval');
      if (input.publicSummary !== undefined && s.priority !== 'major') refuse('summary-major-only', 'Only a major case is made public');
      const { action: _, ...report } = input;
      return { state: { ...s, caseReport: { ...report, by: me, at } }, public: false, note: caseReportNote(report), notices: [['case-report-for-approval', 'supervisor']] };
    }

    case 'approve-report': {
      const pending = s.caseReport && !s.caseReport.approvedAt ? s.caseReport : refuse('no-report-pending');
      if (!input.approve) {
        const { caseReport: _, ...rest } = s;
        return { state: rest, public: false, ...(input.note ? { note: input.note } : {}) };
      }
      // Mailed to the management group once (the notice key carries the version); its text was checked for personal data when written.
      const params = { causes: pending.causes, measures: pending.measures, prevention: pending.prevention };
      return { state: { ...s, caseReport: { ...pending, approvedBy: me, approvedAt: at } }, public: false, ...(input.note ? { note: input.note } : {}), notices: [['case-report', 'management-group', params]] };
    }

    case 'hand-back':
      return handBack(ctx, s, input);

    case 'recompute-deadlines': {
      const deadlines = recomputeDeadlines(rules, s.deadlines, now);
      if (deadlines === s.deadlines) refuse('no-deadline-moves');
      const moved = deadlines.filter((d, i) => d !== s.deadlines[i]).map((d) => d.name);
      return { state: { ...s, deadlines }, public: false, note: moved.join(', ') };
    }

    case 'park':
      // Only where the case sits for the sweep changes (saveChange puts it under `PARKED`); the note holds no personal data.
      return { state: { ...s, parkedAt: at, parkedAttempts: input.attempts }, public: false, note: parkingNote(input.attempts, input.dueAt) };

    case 'reprioritise': {
      const facts = input.clusterComplainants !== undefined ? { ...s.priorityFacts, clusterComplainants: input.clusterComplainants } : s.priorityFacts;
      return { state: withPriority(ctx, { ...s, ...(facts ? { priorityFacts: facts } : {}) }, now), public: false };
    }
  }
}

const hotOrMajor = (s: CaseState): boolean => s.priority === 'hot' || s.priority === 'major';

/** The case report as the history keeps it (staff only). */
function caseReportNote(report: { readonly causes: string; readonly measures: string; readonly prevention: string; readonly publicSummary?: string }): string {
  return [report.causes, report.measures, report.prevention, report.publicSummary].filter((x) => x !== undefined).join('\n');
}

/**
 * 快报 (seed 004: 状况出现重要转变时以快报方式通告): a change of level, priority or assignee of a
 * case that was hot or major before it goes to the management group, once per change (the
 * notice key carries the version). Becoming hot or major has its own leadership notice. A
 * first assignment is the case's ordinary course, not a change: else every member of a hot
 * cluster would mail the management group when routed (one mail per incident, docs/domain.md).
 */
function flashNotice(before: CaseState, after: CaseState): (readonly [NoticeTopic, Audience, NoticeParams])[] {
  if (!hotOrMajor(before)) return [];
  const changed = (['level', 'priority', 'assignee'] as const).filter((field) => before[field] !== after[field] && !(field === 'assignee' && before.assignee === undefined));
  return changed.length ? [['flash', 'management-group', { changed }]] : [];
}

/**
 * The case leaves its assignee for the department queue: unassigned, work not yet started
 * again (`received`; a reopened, replied or appealed case keeps its status, a case waiting
 * for material resumes to the queue), deadlines untouched. The load counter follows from
 * the states (case-repository.ts `saveChange`). Refused when the case is no longer the
 * member's, was already offered back for this absence, or (absent) does not fall due during
 * it: a redelivered message changes nothing.
 */
function handBack(ctx: DomainContext, s: CaseState, input: Extract<SystemAction, { action: 'hand-back' }>): Step {
  const refuse = (reason: string): never => {
    throw new ActionNotAllowedError('hand-back', s.status, reason);
  };
  if (!sameEmail(s.assignee, input.member)) refuse('not-assigned-to-member');
  const absence = input.reason === 'absent' ? absenceKey(input.member, input.absence) : undefined;
  if (input.reason === 'absent') {
    if (s.offeredBack?.includes(absence!)) refuse('already-offered-back');
    if (!dueDuringAbsence(s, input.absence, ctx.config.timeZone)) refuse('not-due-during-absence');
  }
  const toQueue = (status: CaseStatus): CaseStatus => (status === 'assigned' || status === 'in-progress' ? 'received' : status);
  const { assignee: _, ...rest } = s;
  const state: CaseState = {
    ...rest,
    status: toQueue(s.status),
    ...(s.resumeStatus ? { resumeStatus: toQueue(s.resumeStatus) } : {}),
    ...(absence ? { offeredBack: [...(s.offeredBack ?? []), absence] } : {}),
  };
  const supervisor = supervisorOf(ctx.config, input.member, s.department);
  return {
    state,
    public: false,
    note: input.reason,
    notices: [['handed-back', 'supervisor', { reason: input.reason }]],
    ...(supervisor ? { recipients: { supervisor: [supervisor] } } : {}),
  };
}

/** The history note of a parking: counts and an instant, no personal data. */
export const parkingNote = (attempts: number, dueAt: string): string => `escalation failed ${attempts} times for the step due ${dueAt}`;

/** What was sent to whom, as the history keeps it (staff only: the authority, its reference, the instant, what was sent). */
function referralNote(input: Extract<StaffAction, { action: 'refer' }>): string {
  return [input.authority, input.reference ? `ref. ${input.reference}` : undefined, input.sentAt.toISOString(), input.note].filter((x) => x !== undefined).join('\n');
}

/** Staff `classify`: type, category (and so department), level, security, priority facts. */
function classify(ctx: DomainContext, s: CaseState, input: Extract<StaffAction, { action: 'classify' }>, now: Date, r: Relation): CaseState {
  const category = input.category ?? s.category;
  if (!findCategory(ctx.config, category)?.kinds.includes(s.kind)) {
    throw new ActionNotAllowedError('classify', s.status, 'unknown-category', `Category "${category}" does not exist for this kind`);
  }
  const defaults = category !== s.category ? categoryDefaults(ctx.config, category, s.kind) : undefined;
  const level = input.level ?? defaults?.level ?? s.level;
  // Lowering a level-3 (重大) case is a supervisor's decision, not its handler's alone.
  if (s.level === 3 && level !== undefined && level < 3 && !(r.admin || r.supervisor)) {
    throw new ForbiddenActionError('classify', 'lowering-level-3', 'Only a supervisor may lower a level-3 case');
  }
  const department = defaults?.department ?? s.department;
  // A case moved to another department leaves an assignee who is not in it.
  const keepAssignee = s.assignee !== undefined && department !== undefined && (findStaff(ctx.config, s.assignee)?.departments.includes(department) ?? false);
  const { assignee: _, ...unassigned } = s;
  const base = keepAssignee || !s.assignee ? s : { ...unassigned, status: s.status === 'reopened' ? s.status : ('received' as const) };
  const levelChanged = level !== undefined && level !== s.level;
  const next: CaseState = {
    ...base,
    category,
    ...(department ? { department } : {}),
    ...(input.type ?? defaults?.type ? { type: input.type ?? defaults?.type } : {}),
    ...(level ? { level } : {}),
    ...(levelChanged ? { levelSetAt: now.toISOString(), deadlines: changeLevel(deadlineRules(ctx), s.deadlines, level, new Date(s.receivedAt)) } : {}),
    security: input.security ?? defaults?.security ?? s.security ?? false,
    ...(input.priorityFacts ? { priorityFacts: { ...s.priorityFacts, ...input.priorityFacts } } : {}),
  };
  return withPriority(ctx, next, now);
}

/**
 * Priority by seed 004 at `now`; the first time a case is hot or major is kept (its own
 * leadership notice). A case hot by its cluster alone keeps no instant: leadership heard of
 * the cluster once, from the case that turned it hot (`auto-classify` `turnsClusterHot`), not
 * once per member; a reason of its own (lawsuit or media, people together, unresolved a week,
 * staff's judgement) later still tells leadership, once.
 */
function withPriority(ctx: DomainContext, s: CaseState, now: Date): CaseState {
  const { priority, reasons } = assessPriority(ctx.config.priority, { ...priorityInput(s), now });
  const raised = { ...s.priorityRaisedAt };
  const hotOfItsOwn = reasons.some((r) => r.gives === 'hot' && r.reason !== 'cluster');
  if (priority === 'hot' && hotOfItsOwn && !raised.hot && !raised.major) raised.hot = now.toISOString();
  if (priority === 'major' && !raised.major) raised.major = now.toISOString();
  return { ...s, priority, ...(raised.hot || raised.major ? { priorityRaisedAt: raised } : {}) };
}

/** Material asked for and not yet received (补正): in \`needs-supplement\`, or in parallel on a level-3 case. */
export function materialAwaited(s: CaseState): boolean {
  const due = findDeadline(s.deadlines, 'supplement-due');
  return due !== undefined && isOpen(due);
}

/** 补正 asked for by initial review: reviewed, not accepted, not classified (the workflow hands it on to classification). */
export const awaitsClassification = (s: CaseState): boolean => Boolean(s.reviewedAt) && !s.accepted && !s.classifiedAt;

function assign(s: CaseState, assignee: string, department: string | undefined): CaseState {
  const handledBy = (s.handledBy ?? []).some((h) => sameEmail(h, assignee)) ? s.handledBy ?? [] : [...(s.handledBy ?? []), assignee];
  // A new assignee has not started yet; a reopened case stays visibly reopened.
  const status: CaseStatus = s.status === 'reopened' ? 'reopened' : 'assigned';
  return { ...s, assignee, handledBy, status, ...(department ? { department } : {}) };
}

/** The assignee's first step of work moves an assigned case to in-progress. */
const started = (s: CaseState, r: Relation): Partial<CaseState> => (s.status === 'assigned' && r.assignee ? { status: 'in-progress' } : {});

/** 处理与反馈: the result goes out; every handling limit is met; the appeal window opens. */
function replied(ctx: DomainContext, s: CaseState, result: string, details: ResultDetails, by: readonly string[], now: Date): CaseState {
  const rules = deadlineRules(ctx);
  // Material still asked for in parallel (level 3) is no longer awaited once the result is out;
  // a new reply is itself the second follow-up (二次跟进).
  const open = s.deadlines
    .filter((d) => (isHandling(d.name) || ['scope-decision', 'management-group', 'supplement-due', 'second-follow-up'].includes(d.name)) && d.metAt === undefined)
    .map((d) => d.name);
  const previous = findDeadline(s.deadlines, 'appeal-window');
  const window = startDeadline(rules, 'appeal-window', now, previous ? previous.revision + 1 : 0);
  // 回访: the survey goes out when the follow-up clock runs out (the ladder's `survey` notice).
  const survey = startDeadline(rules, 'follow-up', now, (findDeadline(s.deadlines, 'follow-up')?.revision ?? -1) + 1);
  const deadlines = [...meetDeadlines(s.deadlines, open, now).filter((d) => d.name !== 'appeal-window' && d.name !== 'follow-up'), window, survey];
  const handledBy = [...(s.handledBy ?? [])];
  for (const who of by) if (!handledBy.some((h) => sameEmail(h, who))) handledBy.push(who);
  const at = now.toISOString();
  return { ...s, status: 'replied', result, ...(Object.keys(details).length ? { resultDetails: details } : {}), repliedAt: at, accepted: true, firstResponseAt: s.firstResponseAt ?? at, deadlines, handledBy };
}

/** The basis, measures and remedies of a reply (处理依据、措施、救济途径), as given. */
function replyDetails(input: { readonly basis?: string; readonly measures?: string; readonly remedies?: string }): ResultDetails {
  return { ...(input.basis ? { basis: input.basis } : {}), ...(input.measures ? { measures: input.measures } : {}), ...(input.remedies ? { remedies: input.remedies } : {}) };
}

/**
 * The result mail's parameters: what staff wrote, and the complainant's remedies the
 * stage decides (the appeal window in working days; the outside routes are in the template).
 */
/** The reply mail's text (staff-written, mailed to the complainant) and the appeal window it names. */
function resultParams(ctx: DomainContext, result: string, details: ResultDetails): NoticeParams {
  const window = ctx.config.limits['appeal-window'];
  return { result, ...details, appealWindow: window.amount, appealWindowUnit: window.unit };
}

/** Reopened after an unresolved follow-up: the level's handling limits start again, as a new revision. */
function restartHandling(ctx: DomainContext, deadlines: readonly DeadlineState[], level: CaseLevel | undefined, now: Date): DeadlineState[] {
  if (!level) return [...deadlines];
  const names = levelDeadlines[level];
  const rules = deadlineRules(ctx);
  return [
    ...deadlines.filter((d) => !names.includes(d.name)),
    ...names.map((name) => startDeadline(rules, name, now, (findDeadline(deadlines, name)?.revision ?? -1) + 1)),
  ];
}

function closed(s: CaseState, reason: NonNullable<CaseState['closeReason']>, now: Date): CaseState {
  return { ...s, status: 'closed', closedAt: now.toISOString(), closeReason: reason };
}

/**
 * 初步审核 outcomes (initial-review.ts decides, pure): accepted for classification; 不予受理
 * with where to go instead; 补正 once with everything missing and the complainant's
 * deadline; a 咨询 answered from the FAQ and closed. The public history entry is `review`.
 */
function initialReview(ctx: DomainContext, s: CaseState, decision: ReviewDecision, language: 'zh-CN' | 'en', now: Date): Step {
  if (s.reviewedAt) throw new ActionNotAllowedError('initial-review', s.status, 'already-reviewed');
  const at = now.toISOString();
  const reviewed = { ...s, reviewedAt: at };
  switch (decision.outcome) {
    case 'accepted':
      return { state: { ...reviewed, accepted: true }, public: true, entry: 'review', note: 'accepted' };
    case 'rejected':
      return {
        state: { ...reviewed, status: 'rejected', closedAt: at, closeReason: 'rejected', rejectReason: decision.reason },
        public: true,
        entry: 'review',
        note: 'out-of-scope',
        notices: [['rejected', 'complainant', { elsewhereZh: decision.elsewhere.name['zh-CN'], elsewhereEn: decision.elsewhere.name.en, elsewhereUrl: decision.elsewhere.url }]],
      };
    case 'needs-supplement': {
      const rules = deadlineRules(ctx);
      const supplement = startDeadline(rules, 'supplement-due', now);
      const notices = [['supplement-requested', 'complainant', { missing: decision.missing, dueAt: supplement.dueAt }]] as const;
      // 先处理后登记, 重大投诉 24 小时内启动 (seed 003): a level-3 or security report never waits
      // for its material. It is accepted now and goes on to classification and routing, its
      // level clocks from receipt and never paused, so on-call (and for level 3 the
      // supervisor, for major leadership) are alerted with this decision; the material is
      // asked for in parallel.
      const d = categoryDefaults(ctx.config, s.category, s.kind);
      if (d.level === 3 || d.security) {
        const deadlines = [...s.deadlines, supplement, ...deadlinesForLevel(rules, d.level, new Date(s.receivedAt))];
        const state = withPriority(ctx, { ...reviewed, accepted: true, missing: decision.missing, type: d.type, level: d.level, levelSetAt: at, department: d.department, security: d.security, deadlines }, now);
        return { state, public: true, entry: 'review', note: 'material-requested', notices };
      }
      const state: CaseState = { ...reviewed, status: 'needs-supplement', resumeStatus: 'received', supplementRequested: true, missing: decision.missing, deadlines: [...s.deadlines, supplement] };
      return { state, public: true, entry: 'review', note: 'needs-supplement', notices };
    }
    case 'answered':
      return {
        state: { ...reviewed, status: 'closed', type: 'inquiry', closedAt: at, closeReason: 'resolved', result: decision.answer[language] },
        public: true,
        entry: 'review',
        note: 'answered',
        notices: [['inquiry-answered', 'complainant', { faqId: decision.faqId }]],
      };
  }
}

function stepNotice(ctx: DomainContext, s: CaseState, topic: NoticeTopic, audience: Audience, now: Date, params?: NoticeParams, recipients?: readonly string[]): Notice {
  return {
    // The version makes the key unique per step and stable when a message is redelivered.
    key: noticeKey(s.caseNumber, topic, s.version, 0, audience),
    caseNumber: s.caseNumber,
    topic,
    audience,
    recipients: recipients ?? recipientsOf(ctx, s, audience),
    dueAt: now.toISOString(),
    immediate: true,
    ...(params ? { params } : {}),
  };
}

/** Escalation notices the step itself made due at once (level 3 from the start, hot or major). */
function newlyDue(ctx: DomainContext, before: CaseState, after: CaseState, now: Date): Notice[] {
  const old = new Set(escalationsDue(ctx, before, now).notices.map((n) => n.key));
  return escalationsDue(ctx, after, now).notices.filter((n) => !old.has(n.key) && n.immediate && n.dueAt === now.toISOString());
}

/**
 * One step of the escalation ladder at `at`, decided whole here (no step builds a state
 * by hand): recurring progress clocks rolled forward (so the stored deadline and
 * `expectedBy` are the next update), then each system action due applied in turn, its
 * notices less those already in the ledger `decided`. `state` is what to store: the last
 * outcome's, or the rolled clocks alone; `stale` names the due actions that no longer apply.
 */
export function escalationStep(ctx: DomainContext, state: CaseState, at: Date, decided: ReadonlySet<string>): { outcomes: ActionOutcome[]; state: CaseState; stale: ActionName[] } {
  let current: CaseState = { ...state, deadlines: advanceRecurring(deadlineRules(ctx), state.deadlines, at) };
  const outcomes: ActionOutcome[] = [];
  const stale: ActionName[] = [];
  for (const due of escalationsDue(ctx, current, at, decided).actions) {
    let outcome: ActionOutcome;
    try {
      outcome = applyAction(ctx, current, { kind: 'system' }, { action: due.action }, at);
    } catch (error) {
      if (!(error instanceof ActionNotAllowedError)) throw error;
      stale.push(due.action);
      continue;
    }
    outcomes.push({ ...outcome, notices: outcome.notices.filter((n) => !decided.has(n.key)) });
    current = outcome.state;
  }
  return { outcomes, state: current, stale };
}
