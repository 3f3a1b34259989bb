/**
 * Separation of duties (domain.md actors, api.md "Separation of duties"): one table of
 * rules, each naming the staff actions it covers, in words (zh-CN and en) and as a check.
 * `applyAction` refuses an action any rule forbids (403, the rule's id as the reason);
 * docs/security.md prints the table `dutyTableMarkdown()` renders, and a test keeps the
 * two the same. The role rules (who may take an action at all) stay in action-permissions.ts.
 */
import type { Relation, StaffActionName } from './action-permissions';
import type { CaseState } from './case-state';
import { isAboutStaff } from './recusal';
import { sameEmail, supervisorChain, type StaffConfig } from './staff-directory';

/** Every staff action, and revealing a confidential complainant's contact. */
export type DutyActionName = StaffActionName | 'reveal-contact';

export interface DutyCheck {
  readonly config: StaffConfig;
  readonly state: CaseState;
  readonly relation: Relation;
  readonly action: DutyActionName;
  /** A reveal's reason, as given. */
  readonly reason?: string;
}

export interface DutyRule {
  readonly id: string;
  /** `all`: every staff action, reveal included. */
  readonly actions: readonly DutyActionName[] | 'all';
  readonly text: { readonly 'zh-CN': string; readonly en: string };
  /** True when the rule forbids this action by this actor on this case. */
  readonly forbids: (check: DutyCheck) => boolean;
}

const me = (c: DutyCheck) => c.relation.member.email;

export const dutyRules: readonly DutyRule[] = [
  {
    id: 'not-about-self',
    actions: 'all',
    text: { 'zh-CN': '任何人不得处理与本人有关的案件（回避）', en: 'Nobody acts on a case that is about them' },
    forbids: (c) => isAboutStaff(c.relation.member, c.state),
  },
  {
    id: 'approver-not-author',
    actions: ['approve-reply'],
    text: { 'zh-CN': '三级（重大）答复的审批人不得是答复的撰写人', en: 'A level-3 reply is approved by someone other than its author' },
    forbids: (c) => sameEmail(c.state.pendingReply?.by, me(c)),
  },
  {
    id: 'report-approver-not-author',
    actions: ['approve-report'],
    text: { 'zh-CN': '热点、重大案件专题报告的审批人不得是报告的撰写人', en: "A hot or major case's report is approved by someone other than its author" },
    forbids: (c) => sameEmail(c.state.caseReport?.approvedAt ? undefined : c.state.caseReport?.by, me(c)),
  },
  {
    id: 'decider-not-requester',
    actions: ['decide-extension'],
    text: { 'zh-CN': '延期申请不得由申请人本人审批', en: 'An extension is decided by someone other than who asked for it' },
    forbids: (c) => sameEmail(c.state.pendingExtension?.by, me(c)),
  },
  {
    id: 'reviewer-above-handler',
    actions: ['review'],
    text: {
      'zh-CN': '复核人须是原承办人的上级（其主管链上的人）或管理员',
      en: "The appeal reviewer is above the original handler (in the handler's supervisor chain) or an admin",
    },
    forbids: (c) => !c.relation.admin && !supervisorChain(c.config, c.state.assignee, c.state.department).some((s) => sameEmail(s, me(c))),
  },
  {
    id: 'reviewer-independent',
    actions: ['review'],
    text: { 'zh-CN': '复核人未曾承办或审批过该案件', en: 'The appeal reviewer neither handled nor approved the case' },
    forbids: (c) => c.relation.handledBefore,
  },
  {
    id: 'reveal-needs-reason',
    actions: ['reveal-contact'],
    text: { 'zh-CN': '查看保密投诉人的联系方式须说明理由（记入案件历史）', en: "Revealing a confidential complainant's contact needs a reason (written to the history)" },
    forbids: (c) => (c.reason ?? '').trim() === '',
  },
];

/** The first rule that forbids this, if any. */
export function dutyViolation(check: DutyCheck): DutyRule | undefined {
  return dutyRules.find((rule) => (rule.actions === 'all' || rule.actions.includes(check.action)) && rule.forbids(check));
}

/** The table as docs/security.md prints it (markdown; a test compares the two). */
export function dutyTableMarkdown(): string {
  const rows = dutyRules.map((rule) => {
    const actions = rule.actions === 'all' ? 'every staff action' : rule.actions.map((a) => `\`${a}\``).join(', ');
    return `| \`${rule.id}\` | ${rule.text.en} | ${rule.text['zh-CN']} | ${actions} |`;
  });
  return ['| rule | what it says | 规则 | applies to |', '|---|---|---|---|', ...rows].join('\n');
}
