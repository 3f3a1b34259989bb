import { logger } from '../adapters/logger';
import { commitStep, decidedNoticeKeys, historyPut, readWorkflowCase, stateChange, toCaseState } from '../adapters/workflow-store';
import type { TransactionItem } from '../adapters/aws-clients';
import { ActionNotAllowedError } from '../domain/action-errors';
import { applyAction } from '../domain/case-actions';
import { advanceRecurring } from '../domain/case-deadlines';
import { deadlineRules } from '../domain/domain-context';
import type { CaseState } from '../domain/case-state';
import { escalationsDue } from '../domain/escalation';
import type { NoticeDecision } from '../adapters/notice-ledger';
import { contextOf, ladderWrites, noticesOf, type StepSettings, withOptimisticRetry } from './step-support';

/**
 * The escalation ladder for one case at the sweep's event time `at`: the system actions
 * due (supplement expired → closed as incomplete, appeal window over, unresolved too long →
 * reprioritised) and every notice due that is not yet in the case's ledger, each written
 * once (conditional put) and handed to `notify`; then the case's next due instant.
 * Overlapping sweeps and redeliveries find the notices decided and the case moved on.
 */
export async function escalateCase(
  settings: StepSettings,
  caseNumber: string,
  at: Date,
  /** When the message was handed over (a replayed DLQ message: now); a past next instant goes in that hour's bucket. */
  handedAt: Date = at,
): Promise<{ notices: number; actions: number } | 'not-due'> {
  const { tableName, config } = settings;
  const ctx = contextOf(config);
  return withOptimisticRetry(async () => {
    const current = await readWorkflowCase(tableName, caseNumber);
    if (!current) throw new Error('Case not found for escalation');
    if (!current.nextDueAt || current.nextDueAt > at.toISOString()) return 'not-due';
    const decided = await decidedNoticeKeys(tableName, caseNumber);
    // Recurring progress clocks roll forward, so the stored deadline (and `expectedBy`) is the next update.
    const read = toCaseState(current);
    let state: CaseState = { ...read, deadlines: advanceRecurring(deadlineRules(ctx), read.deadlines, at) };
    const history: TransactionItem[] = [];
    const actionNotices: NoticeDecision[] = [];
    const { actions } = escalationsDue(ctx, state, at, decided);
    for (const due of actions) {
      try {
        const outcome = applyAction(ctx, state, { kind: 'system' }, { action: due.action }, at);
        state = outcome.state;
        actionNotices.push(...outcome.notices.filter((n) => !decided.has(n.key)));
        history.push(historyPut(tableName, caseNumber, { ...outcome.history, seq: 10 + history.length }));
      } catch (error) {
        if (!(error instanceof ActionNotAllowedError)) throw error;
        logger.info('Due action no longer applies', { caseNumber, action: due.action, reason: error.message });
      }
    }
    const own = noticesOf(tableName, state, actionNotices, at, current.anonymous);
    const writtenAt = handedAt > at ? handedAt : at;
    const ladder = ladderWrites(ctx, tableName, state, at, new Set([...decided, ...actionNotices.map((n) => n.key)]), current.anonymous, writtenAt);
    const result = await commitStep(
      [stateChange(tableName, current, state, ladder.index.set, ladder.index.remove), ...history, ...own.items, ...ladder.items],
      [...own.handoffs, ...ladder.handoffs],
    );
    if (result !== 'committed') return 'conflict';
    const summary = { notices: actionNotices.length + ladder.notices.length, actions: history.length };
    logger.info('Escalation ladder stepped', { caseNumber, ...summary, nextDueAt: ladder.index.set.nextDueAt });
    return summary;
  });
}
