/**
 * The escalation ladder (domain.md "Escalation ladder" and "Deadline arithmetic"):
 * given a case and an instant, which notices and system actions are due.
 *
 * - reminder to the assignee at 80 % (configurable) of each handling limit;
 * - overdue → the assignee's supervisor at the deadline;
 * - open 5 working days (`management-group`) → 投诉管理小组;
 * - level 3 → supervisor and on-call at once; security → on-call at once;
 * - hot / major → leadership at once; major → a progress notice every week;
 * - progress (L2 every 72 working hours, L3 every 12 h): per occurrence one notice to the
 *   assignee (`progress-due`) and, if the complainant left an email, one mail to the
 *   complainant (`progress-update`); only the latest occurrence if a sweep comes late;
 * - 回访: the survey mail to the complainant when the follow-up clock after a reply runs out;
 * - 复核: reminder to the reviewer, overdue to the management group;
 * - supplement not received in time → `supplement-expired`; appeal window over →
 *   `appeal-window-ended`; unresolved a week / a month through our fault → `reprioritise`.
 *
 * Staff reminders and overdue notices falling outside working time wait for the next
 * working period; level-3 and security cases, and on-call alerts, go out at once.
 * Complainant progress mails go out at the occurrence itself, day or night: holding
 * them for office hours would break the promised interval (docs/domain.md).
 * The same case and the same `now` always give the same keys: the SLA sweep sends
 * what is due and not in the ledger, then stores `nextEscalationAt` in its time index.
 */
import { allowedFrom } from './action-statuses';
import { clockStart } from './calendar';
import { addLimits, latestOccurrence, occurrenceDueAt } from './case-deadlines';
import { isOpen, isPausable, isRecurring } from './deadline-kinds';
import type { CaseState, DeadlineState } from './case-state';
import { shareOfLimitAt } from './deadlines';
import { deadlineRules, type DomainContext } from './domain-context';
import { noticeKey, recipientsOf, type Audience, type Notice, type NoticeTopic } from './notices';
import { nextPriorityChangeAt, type PriorityInput } from './priority';
import type { CaseStatus } from './status';

export type SystemActionName = 'supplement-expired' | 'appeal-window-ended' | 'reprioritise';

export interface DueAction {
  readonly key: string;
  readonly caseNumber: string;
  readonly action: SystemActionName;
  readonly dueAt: string;
}

export interface EscalationsDue {
  readonly notices: readonly Notice[];
  readonly actions: readonly DueAction[];
}

type Planned = { readonly kind: 'notice'; readonly notice: Notice } | { readonly kind: 'action'; readonly action: DueAction };

const finished: readonly CaseStatus[] = ['closed', 'rejected'];
const answered: readonly CaseStatus[] = ['replied', 'closed', 'rejected'];

/** Notices and system actions due at `now` whose keys are not yet in `sent` (the ledger). */
export function escalationsDue(ctx: DomainContext, state: CaseState, now: Date, sent: ReadonlySet<string> = new Set()): EscalationsDue {
  const due = planned(ctx, state, now).filter((p) => at(p) <= now.getTime() && !sent.has(keyOf(p)));
  return {
    notices: due.flatMap((p) => (p.kind === 'notice' ? [p.notice] : [])),
    actions: due.flatMap((p) => (p.kind === 'action' ? [p.action] : [])),
  };
}

/**
 * The next instant anything falls due for the case, or undefined if nothing ever will.
 * An instant at or before `now` means something is due already (not yet in `sent`).
 */
export function nextEscalationAt(ctx: DomainContext, state: CaseState, now: Date, sent: ReadonlySet<string> = new Set()): Date | undefined {
  const times = planned(ctx, state, now).filter((p) => !sent.has(keyOf(p))).map(at);
  return times.length === 0 ? undefined : new Date(Math.min(...times));
}

/** Everything the ladder has for the case as seen at `now`: what fell due, and what comes next. */
function planned(ctx: DomainContext, state: CaseState, now: Date): Planned[] {
  if (finished.includes(state.status) || state.malicious) return [];
  // Level 3 and security: "handle first, register later" (先处理后登记), day or night.
  const urgent = state.level === 3 || state.security === true;
  const staffTime = (instant: Date): Date => (urgent ? instant : clockStart(ctx.calendar, instant));
  const notice = (topic: NoticeTopic, audience: Audience, what: string, dueAt: Date, immediate: boolean, occurrence = 1, revision = 0, d?: DeadlineState, next?: Date): Planned => ({
    kind: 'notice',
    notice: {
      key: noticeKey(state.caseNumber, what, occurrence, revision, audience),
      caseNumber: state.caseNumber,
      topic,
      audience,
      recipients: recipientsOf(ctx, state, audience),
      dueAt: dueAt.toISOString(),
      immediate,
      ...(d ? { deadline: d.name, deadlineDueAt: d.dueAt } : {}),
      ...(next ? { nextDueAt: next.toISOString() } : {}),
    },
  });
  const action = (name: SystemActionName, what: string, dueAt: Date, revision = 0): Planned => ({
    kind: 'action',
    action: { key: `${state.caseNumber}#${what}#1#${revision}#system`, caseNumber: state.caseNumber, action: name, dueAt: dueAt.toISOString() },
  });

  const result: Planned[] = [];
  const alertAt = new Date(state.levelSetAt ?? state.receivedAt);
  if (state.level === 3) result.push(notice('level-3-alert', 'supervisor', 'level-3', alertAt, true));
  if (urgent) result.push(notice('on-call-alert', 'on-call', 'alert', alertAt, true));

  const raised = state.priorityRaisedAt ?? {};
  if (raised.hot) result.push(notice('hot', 'leadership', 'priority-hot', new Date(raised.hot), true));
  if (raised.major) {
    const from = new Date(raised.major);
    result.push(notice('major', 'leadership', 'priority-major', from, true));
    // 重大: at least weekly progress to leadership until closed (seed 004).
    const every = ctx.config.escalation.majorProgressEvery;
    let n = 1;
    while (addLimits(ctx.calendar, from, every, n + 1).getTime() <= now.getTime()) n++;
    for (const k of [n, n + 1]) result.push(notice('major-progress', 'leadership', 'major-progress', staffTime(addLimits(ctx.calendar, from, every, k)), urgent, k));
  }

  for (const d of state.deadlines.filter(isOpen)) result.push(...forDeadline(ctx, state, d, now, { notice, action, staffTime, urgent }));

  const change = nextPriorityChangeAt(ctx.config.priority, priorityInput(state), state.priority);
  if (change) {
    const days = Math.round((change.getTime() - Date.parse(state.receivedAt)) / 86_400_000);
    result.push(action('reprioritise', `unresolved-${days}d`, change));
  }
  return result;
}

interface Builders {
  notice: (topic: NoticeTopic, audience: Audience, what: string, dueAt: Date, immediate: boolean, occurrence?: number, revision?: number, d?: DeadlineState, next?: Date) => Planned;
  action: (name: SystemActionName, what: string, dueAt: Date, revision?: number) => Planned;
  staffTime: (instant: Date) => Date;
  urgent: boolean;
}

function forDeadline(ctx: DomainContext, state: CaseState, d: DeadlineState, now: Date, b: Builders): Planned[] {
  const due = new Date(d.dueAt);
  switch (d.name) {
    case 'acknowledge': // sent at once by the workflow itself
      return [];
    case 'supplement-due':
      // Waiting: closed as incomplete; asked for in parallel (level 3): the request lapses.
      return allowedFrom['supplement-expired'].includes(state.status) ? [b.action('supplement-expired', d.name, due, d.revision)] : [];
    case 'appeal-window':
      return state.status === 'replied' ? [b.action('appeal-window-ended', d.name, due, d.revision)] : [];
    case 'follow-up':
      // 回访: the survey mail, once per reply (the revision), only to a complainant with an email.
      return state.status === 'replied' && state.complainantMailable ? [b.notice('survey', 'complainant', d.name, due, true, 1, d.revision, d)] : [];
    case 'appeal-review': {
      // 复核: the reviewer is reminded; a review overdue goes to the management group.
      if (state.status !== 'appealed') return [];
      const reminderAt = shareOfLimitAt(ctx.calendar, new Date(d.startedAt), due, d.unit, ctx.config.escalation.reminderShare);
      return [
        b.notice('reminder', 'reviewer', d.name, b.staffTime(reminderAt), b.urgent, 1, d.revision, d),
        b.notice('overdue', 'management-group', d.name, b.staffTime(due), b.urgent, 1, d.revision, d),
      ];
    }
    case 'management-group':
      return answered.includes(state.status) ? [] : [b.notice('management-group', 'management-group', d.name, b.staffTime(due), b.urgent, 1, d.revision, d)];
  }
  if (!isPausable(d.name) || answered.includes(state.status)) return [];
  const rules = deadlineRules(ctx);
  if (isRecurring(d.name)) {
    const latest = latestOccurrence(rules, d, now);
    return [latest, latest + 1]
      .filter((k) => k >= 1)
      .flatMap((k) => {
        const dueAt = occurrenceDueAt(rules, d, k);
        const toAssignee = b.notice('progress-due', 'assignee', d.name, b.staffTime(dueAt), b.urgent, k, d.revision, d);
        if (!state.complainantMailable) return [toAssignee];
        return [toAssignee, b.notice('progress-update', 'complainant', d.name, dueAt, true, k, d.revision, d, occurrenceDueAt(rules, d, k + 1))];
      });
  }
  const reminderAt = shareOfLimitAt(ctx.calendar, new Date(d.startedAt), due, d.unit, ctx.config.escalation.reminderShare);
  return [
    b.notice('reminder', 'assignee', d.name, b.staffTime(reminderAt), b.urgent, 1, d.revision, d),
    b.notice('overdue', 'supervisor', d.name, b.staffTime(due), b.urgent, 1, d.revision, d),
  ];
}

/** The inputs of the priority rules as the case holds them. */
export function priorityInput(state: CaseState): Omit<PriorityInput, 'now'> {
  return {
    ...(state.priorityFacts ? { facts: state.priorityFacts } : {}),
    ...(state.level ? { level: state.level } : {}),
    ...(state.security !== undefined ? { security: state.security } : {}),
    receivedAt: new Date(state.receivedAt),
    resolved: answered.includes(state.status),
  };
}

const at = (p: Planned): number => Date.parse(p.kind === 'notice' ? p.notice.dueAt : p.action.dueAt);
const keyOf = (p: Planned): string => (p.kind === 'notice' ? p.notice.key : p.action.key);
