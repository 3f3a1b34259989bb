/**
 * The statuses each case action may start from (the 409 rule of api.md): data only, read
 * by the state machine (case-actions.ts) and by the staff console, which offers an action
 * only where it may be taken, without loading the state machine and its calendar.
 */
import type { ActionName } from './case-actions';
import { openStatuses } from './case-state';
import type { CaseStatus } from './status';

const working: readonly CaseStatus[] = ['assigned', 'in-progress', 'reopened'];
const all: readonly CaseStatus[] = ['received', 'needs-supplement', 'rejected', 'assigned', 'in-progress', 'replied', 'reopened', 'appealed', 'closed'];

/** The statuses each action may start from (the 409 rule). */
export const allowedFrom: Readonly<Record<ActionName, readonly CaseStatus[]>> = {
  acknowledge: ['received'],
  'initial-review': ['received'],
  'auto-classify': ['received'],
  merge: ['received'],
  'cluster-raise': [...openStatuses, 'replied'],
  route: ['received'],
  accept: ['received', 'assigned'],
  reject: ['received', 'assigned'],
  'request-supplement': ['received', 'assigned', 'in-progress'],
  classify: ['received', ...working],
  assign: ['received', ...working],
  note: all,
  'request-extension': working,
  'decide-extension': working,
  reply: working,
  'approve-reply': working,
  review: ['appealed'],
  close: ['replied'],
  'mark-malicious': all.filter((s) => s !== 'rejected'),
  'reveal-contact': all,
  // A referral may follow a closing or a rejection (an out-of-scope report of a crime is still reported).
  refer: all,
  // 专题报告: during the handling or after it (投诉办理完成后), whatever the status.
  'write-report': all,
  'approve-report': all,
  // Outside needs-supplement only while material asked for in parallel (level 3) is awaited.
  supplement: ['needs-supplement', 'received', ...working],
  feedback: ['replied'],
  appeal: ['replied', 'closed'],
  'supplement-expired': ['needs-supplement', 'received', ...working],
  'appeal-window-ended': ['replied'],
  reprioritise: [...openStatuses, 'replied'],
};
