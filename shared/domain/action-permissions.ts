/**
 * Who may take which staff action (spec/api.md roles × the actor's relation to the
 * case). A handler works the cases of their departments; a supervisor (部门主管)
 * approves, decides and reassigns in theirs; admin anywhere. Reviewing an appeal
 * (复核) needs a supervisor or admin. The rules between people (nobody on a case about
 * themselves, approver ≠ author, the reviewer above and apart from the handler) are
 * the separation-of-duties table in separation-of-duties.ts, checked after these.
 */
import type { CaseState } from './case-state';
import { findStaff, sameEmail, supervises, type StaffConfig, type StaffMember } from './staff-directory';

export type StaffActionName =
  | 'accept'
  | 'reject'
  | 'request-supplement'
  | 'classify'
  | 'assign'
  | 'note'
  | 'request-extension'
  | 'decide-extension'
  | 'reply'
  | 'approve-reply'
  | 'review'
  | 'close'
  | 'mark-malicious'
  | 'reveal-contact'
  | 'refer'
  | 'write-report'
  | 'approve-report';

/** How the actor stands to the case. */
export interface Relation {
  readonly member: StaffMember;
  readonly admin: boolean;
  readonly assignee: boolean;
  /** A handler in the case's department (its queue). */
  readonly departmentHandler: boolean;
  /** Supervisor of the case's department. */
  readonly supervisor: boolean;
  /** Was assignee, or wrote or approved the result. */
  readonly handledBefore: boolean;
}

export function relationOf(config: StaffConfig, state: CaseState, email: string): Relation | undefined {
  const member = findStaff(config, email);
  if (!member) return undefined;
  return {
    member,
    admin: member.roles.includes('admin'),
    assignee: sameEmail(state.assignee, email),
    departmentHandler: member.roles.includes('handler') && state.department !== undefined && member.departments.includes(state.department),
    supervisor: supervises(config, email, state.department),
    handledBefore: (state.handledBy ?? []).some((h) => sameEmail(h, email)) || sameEmail(state.assignee, email),
  };
}

const works = (r: Relation) => r.admin || r.supervisor || r.assignee || r.departmentHandler;
const decides = (r: Relation) => r.admin || r.supervisor;

/**
 * The role rule of each action; the rules that also depend on the request (who asked
 * for the extension, whom to assign) are checked by the action itself.
 */
export const mayTake: Readonly<Record<StaffActionName, (r: Relation) => boolean>> = {
  accept: works,
  reject: works,
  'request-supplement': works,
  classify: works,
  note: works,
  // A handler may only claim an unassigned case of their queue (checked in `assign`).
  assign: works,
  'request-extension': (r) => r.assignee,
  'decide-extension': decides,
  reply: (r) => r.assignee || decides(r),
  'approve-reply': decides,
  // 复核: a higher level (supervisor or admin); who exactly: separation-of-duties.ts.
  review: (r) => r.admin || r.member.roles.includes('supervisor'),
  close: (r) => r.assignee || decides(r),
  'mark-malicious': decides,
  // Who handles the case and so may read the contact: staff-access.ts `contactAccess`, checked by the action.
  'reveal-contact': works,
  // 报送有关部门 / 向公安机关报案: whoever handles the case, or decides in its department.
  refer: (r) => r.assignee || decides(r),
  // 专题报告: written by whoever handles the case or decides in its department; approved by a supervisor (who: separation-of-duties.ts).
  'write-report': (r) => r.assignee || decides(r),
  'approve-report': decides,
};
