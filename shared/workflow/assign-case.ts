import { handoffDone } from '../adapters/handoff';
import { logger } from '../adapters/logger';
import { commitStep, decidedNoticeKeys, historyPut, loadIncrement, readLoads, readWorkflowCase, stateChange, toCaseState } from '../adapters/workflow-store';
import { applyAction } from '../domain/case-actions';
import { routeCase } from '../domain/routing';
import { contextOf, ladderWrites, leaveAlone, noticesOf, type StepSettings, withOptimisticRetry } from './step-support';

/**
 * 分派 assignment: routes the case (department → eligible handler with the fewest open
 * cases, never the person it is about, never someone absent), counts it on the handler's
 * load, mails the handler, and puts the case in the due index of the escalation ladder.
 * Level 3 and security cases alert the supervisor and on-call at once.
 */
export async function assignSubmission(settings: StepSettings, caseNumber: string, now: Date): Promise<'assigned' | 'skipped'> {
  const { tableName, config } = settings;
  const ctx = contextOf(config);
  return withOptimisticRetry(async () => {
    const current = await readWorkflowCase(tableName, caseNumber);
    if (!current) throw new Error('Case not found for assignment');
    if (current.status !== 'received' || !current.classifiedAt || current.assignee) return leaveAlone(tableName, caseNumber, 'assign', current.status);
    const before = toCaseState(current);
    const department = before.department!;
    const candidates = config.staff.filter((s) => s.roles.includes('handler') && s.departments.includes(department)).map((s) => s.email);
    const { openCases, rotation } = await readLoads(tableName, candidates);
    const decision = routeCase(config, { department, subject: before.subject, now, openCases, rotation });
    const outcome = applyAction(ctx, before, { kind: 'system' }, { action: 'route', decision }, now);
    const decided = await decidedNoticeKeys(tableName, caseNumber);
    const own = outcome.notices.filter((n) => !decided.has(n.key));
    const ownWrites = noticesOf(tableName, outcome.state, own, now, current.anonymous);
    const ladder = ladderWrites(ctx, tableName, outcome.state, now, new Set([...decided, ...own.map((n) => n.key)]), current.anonymous);
    const result = await commitStep(
      [
        stateChange(tableName, current, outcome.state, { assignedAt: now.toISOString(), ...ladder.index.set }, ladder.index.remove),
        loadIncrement(tableName, decision.assignee),
        historyPut(tableName, caseNumber, { ...outcome.history, seq: 4, note: decision.reason }),
        ...ownWrites.items,
        ...ladder.items,
        handoffDone(tableName, caseNumber, 'assign'),
      ],
      [...ownWrites.handoffs, ...ladder.handoffs],
    );
    if (result !== 'committed') return 'conflict';
    logger.info('Case assigned', { caseNumber, department, reason: decision.reason, notices: own.length + ladder.notices.length });
    return 'assigned';
  });
}
