/**
 * Steps of a case the complainant tests need from others, against the shared local system:
 * a staff action and one escalation run for one case.
 *
 * `staffAction` stands in for `POST /staff/cases/{n}/actions` (issue 11, built beside this
 * one): the same path a staff action takes there (load, the domain's `applyAction`, the
 * ladder, one `saveChange`), without the HTTP edge. Its notices go through the real queues
 * and mailer of the shared system.
 */
import { decidedNoticeKeys, loadCase, saveChange } from '../../shared/adapters/case-repository';
import { sqs } from '../../shared/adapters/aws-clients';
import { runtimeSettings } from '../../shared/config/runtime';
import { applyAction, type StaffAction } from '../../shared/domain/case-actions';
import { contextOf, ladder } from '../../shared/workflow/step-support';
import { systemUrls } from './system';

/** Runs against the system the worker's environment names (the shared one, or a test's isolated workflow). */
export async function staffAction(caseNumber: string, email: string, action: StaffAction, at: Date = new Date()): Promise<string> {
  const settings = runtimeSettings();
  const ctx = contextOf(settings.config);
  const stored = await loadCase(settings.tableName, caseNumber);
  if (!stored) throw new Error(`no case ${caseNumber}`);
  const outcome = applyAction(ctx, stored.state, { kind: 'staff', email }, action, at);
  const { notices, due } = ladder(ctx, outcome.state, at, await decidedNoticeKeys(settings.tableName, caseNumber), outcome.notices);
  const result = await saveChange(settings, stored, { outcomes: [outcome], notices, due, at });
  if (result !== 'committed') throw new Error(`staff action ${action.action} on ${caseNumber}: ${result}`);
  return outcome.state.status;
}

/** What the SLA sweep hands `escalate` for a due case, for this case alone, at event time `at`. */
export async function escalateAt(caseNumber: string, at: Date): Promise<void> {
  const queueUrl = systemUrls().env.QUEUE_URL_ESCALATE!;
  await sqs().sendMessage({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ type: 'escalate', caseNumber, at: at.toISOString() }) });
}
