import type { Handoff } from '../adapters/case-store';
import { readContact } from '../adapters/case-store';
import { handoffDone } from '../adapters/handoff';
import { logger } from '../adapters/logger';
import { commitStep, historyPut, outboxPut, readWorkflowCase, stateChange, toCaseState, type WorkflowCase } from '../adapters/workflow-store';
import { deadlineRules, type DomainContext } from '../domain/domain-context';
import { startDeadline } from '../domain/case-deadlines';
import type { CaseState } from '../domain/case-state';
import { reviewCase, type ReviewDecision } from '../domain/initial-review';
import { contextOf, leaveAlone, nextDue, noticesOf, stepNotice, type StepSettings, type StepWrites, withOptimisticRetry } from './step-support';

/**
 * 初步审核 initial review: decides once (conditional on the case still being `received`
 * and unreviewed), records the decision with its notice to the complainant, and hands an
 * accepted case on to classification.
 */
export async function reviewSubmission(settings: StepSettings, caseNumber: string, now: Date): Promise<ReviewDecision['outcome'] | 'skipped'> {
  const { tableName, config } = settings;
  const ctx = contextOf(config);
  return withOptimisticRetry(async () => {
    const current = await readWorkflowCase(tableName, caseNumber);
    if (!current) throw new Error('Case not found for review');
    if (current.status !== 'received' || current.reviewedAt) return leaveAlone(tableName, caseNumber, 'review', current.status);
    const contact = await readContact(tableName, caseNumber);
    const decision = reviewCase(config, {
      kind: current.kind,
      category: current.category,
      subject: current.subject,
      description: current.description,
      ...(current.request ? { request: current.request } : {}),
      evidenceCount: current.evidence.length,
      hasContact: Boolean(contact?.email || contact?.phone),
    });
    const { items, handoffs } = decisionWrites(ctx, tableName, current, decision, now);
    const result = await commitStep([...items, handoffDone(tableName, caseNumber, 'review')], handoffs);
    if (result === 'committed') logger.info('Case reviewed', { caseNumber, outcome: decision.outcome });
    return result === 'committed' ? decision.outcome : 'conflict';
  });
}

function decisionWrites(ctx: DomainContext, tableName: string, current: WorkflowCase, decision: ReviewDecision, now: Date): StepWrites {
  const n = current.caseNumber;
  const at = now.toISOString();
  const before = toCaseState(current);
  const version = before.version + 1;
  const history = (state: CaseState, note: string) => historyPut(tableName, n, { at, seq: 2, status: state.status, action: 'review', actor: 'system', note, public: true });
  const reviewed = { reviewedAt: at };
  switch (decision.outcome) {
    case 'accepted': {
      // 受理: in scope and complete; classification follows.
      const state: CaseState = { ...before, version, accepted: true };
      const classify: Handoff = { queue: 'classify', message: { type: 'case-accepted', caseNumber: n } };
      return { items: [stateChange(tableName, current, state, reviewed), history(state, 'accepted'), outboxPut(tableName, n, classify, now)], handoffs: [classify] };
    }
    case 'rejected': {
      // 不予受理: the reason and where to go instead.
      const state: CaseState = { ...before, version, status: 'rejected', closedAt: at, closeReason: 'rejected' };
      const notices = noticesOf(tableName, state, [
        stepNotice(ctx, state, 'rejected', 'complainant', now, {
          elsewhereZh: decision.elsewhere.name['zh-CN'],
          elsewhereEn: decision.elsewhere.name.en,
          elsewhereUrl: decision.elsewhere.url,
        }),
      ], now, current.anonymous);
      return { items: [stateChange(tableName, current, state, { ...reviewed, rejectReason: decision.reason }), history(state, 'out-of-scope'), ...notices.items], handoffs: notices.handoffs };
    }
    case 'needs-supplement': {
      // 补正: once, everything missing, with the complainant's deadline; the sweep closes the case when it passes.
      const supplement = startDeadline(deadlineRules(ctx), 'supplement-due', now);
      const state: CaseState = { ...before, version, status: 'needs-supplement', resumeStatus: 'received', supplementRequested: true, deadlines: [...before.deadlines, supplement] };
      const notice = stepNotice(ctx, state, 'supplement-requested', 'complainant', now, { missing: decision.missing, dueAt: supplement.dueAt });
      const notices = noticesOf(tableName, state, [notice], now, current.anonymous);
      const due = nextDue(ctx, state, now, new Set([notice.key]));
      return {
        items: [stateChange(tableName, current, state, { ...reviewed, missing: decision.missing, ...due.set }, due.remove), history(state, 'needs-supplement'), ...notices.items],
        handoffs: notices.handoffs,
      };
    }
    case 'answered': {
      // 咨询 answered at once from the stage's FAQ, and closed.
      const state: CaseState = { ...before, version, status: 'closed', type: 'inquiry', closedAt: at, closeReason: 'resolved', result: decision.answer[current.language] };
      const notices = noticesOf(tableName, state, [stepNotice(ctx, state, 'inquiry-answered', 'complainant', now, { faqId: decision.faqId })], now, current.anonymous);
      return { items: [stateChange(tableName, current, state, reviewed), history(state, 'answered'), ...notices.items], handoffs: notices.handoffs };
    }
  }
}
