import { decidedNoticeKeys, loadCase } from '../adapters/case-reads';
import { saveChange } from '../adapters/case-store';
import { logger } from '../adapters/logger';
import { readLoads } from '../adapters/workflow-store';
import { departmentHandlers, routeCase } from '../domain/routing';
import { contextOf, ladder, leaveAlone, type StepSettings, systemAction, withOptimisticRetry } from './step-support';

/**
 * 分派 assignment: routes the case (department → eligible handler with the fewest open
 * cases, never the person it is about, never someone absent), mails the handler, and puts the case in the due index of the escalation ladder.
 * Level 3 and security cases alert the supervisor and on-call at once.
 */
export async function assignSubmission(settings: StepSettings, caseNumber: string, now: Date): Promise<'assigned' | 'skipped'> {
  const { tableName, config } = settings;
  const ctx = contextOf(config);
  return withOptimisticRetry(async () => {
    const stored = await loadCase(tableName, caseNumber);
    if (!stored) throw new Error('Case not found for assignment');
    const { state } = stored;
    const department = state.department;
    // Routing needs the classification's department; a redelivery after routing finds the case refused by the domain below.
    if (!state.classifiedAt || !department) return leaveAlone(tableName, stored, 'assign', now);
    const { openCases, rotation } = await readLoads(tableName, departmentHandlers(config, department).map((s) => s.email));
    const decision = routeCase(config, { department, subject: state.subject, ...(state.description !== undefined ? { description: state.description } : {}), now, openCases, rotation });
    const outcome = systemAction(ctx, state, { action: 'route', decision }, now);
    // Not awaiting assignment (already assigned, or moved on): the domain refused the route.
    if (!outcome) return leaveAlone(tableName, stored, 'assign', now);
    const { notices, due } = ladder(ctx, outcome.state, now, await decidedNoticeKeys(tableName, caseNumber), outcome.notices);
    const result = await saveChange(settings, stored, {
      outcomes: [outcome],
      notices,
      due,
      confirms: { queue: 'assign' },
      at: now,
    });
    if (result !== 'committed') return 'conflict';
    logger.info('Case assigned', { caseNumber, department, reason: decision.reason, notices: outcome.notices.length + notices.length });
    return 'assigned';
  });
}
