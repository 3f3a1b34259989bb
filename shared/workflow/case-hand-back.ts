import { loadCase } from '../adapters/case-reads';
import { saveChange } from '../adapters/case-store';
import { logger } from '../adapters/logger';
import { openCasesPage } from '../adapters/work-list';
import type { AbsencePeriod } from '../domain/absences';
import { fallsDuring } from '../domain/absences';
import type { SystemAction } from '../domain/case-actions';
import { contextOf, type StepSettings, systemAction, withOptimisticRetry } from './step-support';

/** Cases one message hands back at most; the rest go in a follow-up message (bounded work per message). */
export const handBackPageSize = 25;

type HandBack = Extract<SystemAction, { action: 'hand-back' }>;

/**
 * One case back to its department's queue through the domain's `hand-back` and the one
 * change path (`saveChange`: the member's load counter -1 with it, the supervisor's notice
 * in the same transaction). `skipped` when the domain refuses (no longer theirs, already
 * offered back, not due during the absence): a redelivery changes nothing.
 */
export async function handBackCase(settings: StepSettings, caseNumber: string, action: HandBack, at: Date): Promise<'handed-back' | 'skipped'> {
  const ctx = contextOf(settings.config);
  return withOptimisticRetry(async () => {
    const stored = await loadCase(settings.tableName, caseNumber);
    const outcome = stored && systemAction(ctx, stored.state, action, at);
    if (!stored || !outcome) return 'skipped';
    return (await saveChange(settings, stored, { outcomes: [outcome], at })) === 'committed' ? 'handed-back' : 'conflict';
  });
}

/**
 * One page of a member's open cases (their work list `mine`, gsi2), each handed back as
 * `action` says; with an absence, only the cases whose most urgent deadline falls in it are
 * loaded (the index row carries it). `next`: where the following page starts.
 */
export async function handBackPage(
  settings: StepSettings,
  action: HandBack,
  at: Date,
  after: string | undefined,
): Promise<{ handedBack: number; next?: string }> {
  const page = await openCasesPage(settings.tableName, { assignee: action.member }, { after, limit: handBackPageSize });
  const absence: AbsencePeriod | undefined = action.reason === 'absent' ? action.absence : undefined;
  const rows = absence ? page.rows.filter((row) => fallsDuring(row.workDueAt, absence, settings.config.timeZone)) : page.rows;
  let handedBack = 0;
  for (const row of rows) if ((await handBackCase(settings, row.caseNumber, action, at)) === 'handed-back') handedBack += 1;
  if (handedBack > 0) logger.info('Cases handed back to their department queue', { reason: action.reason, handedBack });
  return { handedBack, ...(page.next ? { next: page.next } : {}) };
}
