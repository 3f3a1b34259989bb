import { decidedNoticeKeys, loadCase } from '../adapters/case-reads';
import { saveChange } from '../adapters/case-store';
import { logger } from '../adapters/logger';
import { escalationStep } from '../domain/case-actions';
import { contextOf, ladder, type StepSettings, withOptimisticRetry } from './step-support';

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
    const stored = await loadCase(tableName, caseNumber);
    if (!stored) throw new Error('Case not found for escalation');
    if (!stored.nextDueAt || stored.nextDueAt > at.toISOString()) return 'not-due';
    const decided = await decidedNoticeKeys(tableName, caseNumber);
    const { outcomes, state, stale } = escalationStep(ctx, stored.state, at, decided);
    for (const action of stale) logger.info('Due action no longer applies', { caseNumber, action });
    const deciding = outcomes.flatMap((o) => o.notices);
    const writtenAt = handedAt > at ? handedAt : at;
    const { notices, due } = ladder(ctx, state, at, decided, deciding, writtenAt);
    const result = await saveChange(settings, stored, { outcomes, state, notices, due, at });
    if (result !== 'committed') return 'conflict';
    const summary = { notices: deciding.length + notices.length, actions: outcomes.length };
    logger.info('Escalation ladder stepped', { caseNumber, ...summary, nextDueAt: due.next?.toISOString() });
    return summary;
  });
}
