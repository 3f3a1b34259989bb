/**
 * Notices: the mails the rules ask for, escalation ladder and workflow steps alike.
 * Each has a stable key so the notice ledger can send it exactly once, however often
 * a sweep or a redelivered message asks again (domain.md "Every notice happens
 * exactly once per case and deadline").
 */
import type { CaseState } from './case-state';
import type { DomainContext } from './domain-context';
import type { DeadlineName } from './limits';
import { departmentSupervisor, supervisorOf } from './staff-directory';

export type Audience = 'assignee' | 'supervisor' | 'management-group' | 'leadership' | 'on-call' | 'complainant' | 'reviewer';

export type NoticeTopic =
  // escalation ladder (escalation.ts)
  | 'reminder' // 80 % of a limit used
  | 'overdue' // the limit has run out
  | 'management-group' // open 5 working days → 投诉管理小组
  | 'level-3-alert' // 重大 level 3: supervisor from the start
  | 'on-call-alert' // level 3 or security: 先处理后登记, day or night
  | 'hot' // 热点: leadership at once (a case hot for a reason of its own)
  | 'cluster-hot' // 热点 cluster: leadership once per cluster, from the case that turned it hot
  | 'major' // 重大: leadership at once
  | 'major-progress' // 重大: progress to leadership at least weekly
  | 'progress-due' // L2 / L3: progress to the complainant is due now (to the assignee)
  | 'progress-update' // L2 / L3: 进展反馈/通报 to the complainant itself, each occurrence
  // workflow steps (case-actions.ts)
  | 'acknowledgement'
  | 'assigned'
  | 'rejected'
  | 'supplement-requested'
  | 'supplement-received'
  | 'closed-incomplete'
  | 'extension-requested'
  | 'extension-decided'
  | 'new-expected-date'
  | 'reply-for-approval'
  | 'reply-refused'
  | 'result'
  | 'feedback-unresolved'
  | 'appeal-received' // 复核 nobody could be routed: the management group names a reviewer
  | 'appeal-assigned' // 复核 routed: to the reviewer, with its deadline
  | 'review-result' // 复核 final result, naming where else to turn
  | 'report-untrue' // 不实举报: the reporter told the report was found untrue, with the route to object (seed 002)
  | 'survey' // 回访 to the complainant, when the follow-up clock runs out
  | 'second-follow-up' // 二次回访: unresolved again after the reopened case's reply
  | 'case-report-for-approval' // 专题报告 written: a supervisor other than its author approves it
  | 'case-report' // 专题报告 approved: to the management group, with its text (seed 004)
  | 'flash' // 快报: a hot or major case changed level, priority or assignee (seed 004)
  | 'handed-back' // the assignee was deactivated or will be absent when it falls due: back in the department queue
  // system steps of the workflow (initial review, duplicates) and intake
  | 'inquiry-answered'
  | 'duplicate-merged'
  | 'receipt';

/**
 * The per-address daily mail cap (spec/api.md "Rate limits") as a property of each kind of
 * notice: `true` for what anybody can cause by submitting in someone's name (the receipt of
 * a new submission, a duplicate merged into an earlier case): past the cap it is not sent.
 * `false` for a case's own notices to its own complainant (补正 request, rejection, new
 * expected date, reply, progress, survey, review result, closing): never dropped by the cap
 * (they still count toward it). Staff notices are not capped at all. A new kind must be
 * decided here to compile. The lost-token link mail, not a notice, is capped too
 * (workflow/access-link.ts).
 */
export const underDailyCap: Readonly<Record<NoticeTopic, boolean>> = {
  receipt: true,
  acknowledgement: true,
  'duplicate-merged': true,
  // The untrue-report notice (seed 002) is the case's own outcome to its reporter.
  'report-untrue': false,
  'inquiry-answered': false,
  rejected: false,
  'supplement-requested': false,
  'closed-incomplete': false,
  'new-expected-date': false,
  result: false,
  'review-result': false,
  survey: false,
  'progress-update': false,
  reminder: false,
  overdue: false,
  'management-group': false,
  'level-3-alert': false,
  'on-call-alert': false,
  hot: false,
  'cluster-hot': false,
  major: false,
  'major-progress': false,
  'progress-due': false,
  assigned: false,
  'supplement-received': false,
  'extension-requested': false,
  'extension-decided': false,
  'reply-for-approval': false,
  'reply-refused': false,
  'feedback-unresolved': false,
  'appeal-received': false,
  'appeal-assigned': false,
  'second-follow-up': false,
  'case-report-for-approval': false,
  'case-report': false,
  flash: false,
  'handed-back': false,
};

/** Template parameters of a notice: never personal data (they are stored on the notice item). */
export type NoticeParams = Readonly<Record<string, string | number | readonly string[]>>;

export interface Notice {
  /** `${caseNumber}#${deadline or step}#${occurrence}#${revision}#${audience}`. */
  readonly key: string;
  readonly caseNumber: string;
  readonly topic: NoticeTopic;
  readonly audience: Audience;
  /** Staff or contact emails; empty for the complainant, whose address only the mail adapter reads. */
  readonly recipients: readonly string[];
  /** When it is to go out (after moving a staff notice into working time). */
  readonly dueAt: string;
  /** Goes out day or night (level 3, security, on-call); else it waited for a working period. */
  readonly immediate: boolean;
  readonly deadline?: DeadlineName;
  /** The deadline a reminder or overdue notice is about, for the mail body. */
  readonly deadlineDueAt?: string;
  /** Recurring progress: when its next occurrence falls due (the complainant's "next update by"). */
  readonly nextDueAt?: string;
  readonly params?: NoticeParams;
}

export function noticeKey(caseNumber: string, what: string, occurrence: number, revision: number, audience: Audience): string {
  return `${caseNumber}#${what}#${occurrence}#${revision}#${audience}`;
}

/**
 * Email addresses of an audience for this case. Unassigned work goes to the department
 * supervisor; anything without a supervisor goes to the management group, so no notice
 * is ever addressed to nobody.
 */
export function recipientsOf(ctx: DomainContext, state: CaseState, audience: Audience): string[] {
  const { config } = ctx;
  const group = config.managementGroup.map((c) => c.email);
  switch (audience) {
    case 'assignee':
      return [state.assignee ?? departmentSupervisor(config, state.department) ?? group[0]!];
    case 'supervisor':
      return [supervisorOf(config, state.assignee, state.department) ?? departmentSupervisor(config, state.department) ?? group[0]!];
    case 'management-group':
      return group;
    case 'leadership': {
      // 热点/重大: leadership and the responsible department are told together (seed 004).
      const supervisor = departmentSupervisor(config, state.department);
      return supervisor && !group.includes(supervisor) ? [...group, supervisor] : group;
    }
    case 'on-call':
      return config.onCall.map((c) => c.email);
    case 'reviewer':
      return [state.reviewer ?? group[0]!];
    case 'complainant':
      return [];
  }
}
