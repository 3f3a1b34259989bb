import { loadCase } from '../adapters/case-reads';
import { saveChange } from '../adapters/case-store';
import type { Handoff } from '../adapters/handoff';
import { noticeHandoff, receiptNoticeKey } from '../adapters/notice-ledger';
import { logger } from '../adapters/logger';
import { reviewCase, type ReviewDecision } from '../domain/initial-review';
import { contextOf, ladder, leaveAlone, type StepSettings, systemAction, withOptimisticRetry } from './step-support';

/**
 * 初步审核 initial review: decides once (the domain's `initial-review` action, on the
 * version read), records the decision with its notice to the complainant, and hands an
 * accepted case on to classification.
 */
export async function reviewSubmission(settings: StepSettings, caseNumber: string, now: Date): Promise<ReviewDecision['outcome'] | 'skipped'> {
  const { tableName, config } = settings;
  const ctx = contextOf(config);
  return withOptimisticRetry(async () => {
    const stored = await loadCase(tableName, caseNumber);
    if (!stored) throw new Error('Case not found for review');
    const { state, submission } = stored;
    const decision = reviewCase(config, {
      kind: state.kind,
      category: state.category,
      subject: submission.subject,
      description: submission.description,
      ...(submission.request ? { request: submission.request } : {}),
      evidenceCount: submission.evidence.length,
      // The complainant key is there when the contact has an email or a phone.
      hasContact: state.complainantKey !== undefined,
    });
    const outcome = systemAction(ctx, state, { action: 'initial-review', decision, language: stored.language }, now);
    if (!outcome) return leaveAlone(tableName, stored, 'review', now);
    // Accepted, or a level-3 report whose material is asked for in parallel: on to classification.
    const classify: Handoff[] = outcome.state.accepted ? [{ queue: 'classify', message: { type: 'case-accepted', caseNumber } }] : [];
    // Only a 补正 case has a clock now (the supplement deadline); the ledger holds nothing but the receipt.
    const { notices, due } = ladder(ctx, outcome.state, now, new Set(), outcome.notices);
    // Intake sends one message; the receipt it stored (only for a complainant with an email) is handed to `notify` from here.
    const receipt = state.complainantMailable && !stored.anonymous ? [noticeHandoff(caseNumber, receiptNoticeKey)] : [];
    const result = await saveChange(settings, stored, { outcomes: [outcome], notices, due, handoffs: classify, alsoSend: receipt, confirms: { queue: 'review' }, at: now });
    if (result === 'committed') logger.info('Case reviewed', { caseNumber, outcome: decision.outcome });
    return result === 'committed' ? decision.outcome : 'conflict';
  });
}
