import type { Handoff } from '../adapters/case-store';
import { readContact } from '../adapters/case-store';
import { handoffDone } from '../adapters/handoff';
import { logger } from '../adapters/logger';
import {
  claimFingerprint,
  commitStep,
  complainantKey,
  decidedNoticeKeys,
  historyPut,
  joinCluster,
  outboxPut,
  readWorkflowCase,
  stateChange,
  subjectHash,
  toCaseState,
} from '../adapters/workflow-store';
import { ActionNotAllowedError } from '../domain/action-errors';
import { meetDeadlines } from '../domain/case-deadlines';
import { applyAction } from '../domain/case-actions';
import type { CaseState } from '../domain/case-state';
import type { DomainContext } from '../domain/domain-context';
import { duplicateFingerprint, subjectKey } from '../domain/subject-key';
import { contextOf, ladderWrites, leaveAlone, noticesOf, stepNotice, type StepSettings, withOptimisticRetry } from './step-support';

const system = { kind: 'system' } as const;

/**
 * 分类定性 classification: type, level, department and priority from the category defaults
 * and seed 004's rules; an exact duplicate of an earlier case is merged into it (closed,
 * not counted twice); a subject with complaints from several distinct complainants within
 * the window makes every member of the cluster hot.
 */
export async function classifySubmission(settings: StepSettings, caseNumber: string, now: Date): Promise<'classified' | 'merged' | 'skipped'> {
  const { tableName, config } = settings;
  const ctx = contextOf(config);
  const window = config.priority.clusterWindowDays;
  return withOptimisticRetry(async () => {
    const current = await readWorkflowCase(tableName, caseNumber);
    if (!current) throw new Error('Case not found for classification');
    if (current.status !== 'received' || !current.reviewedAt || current.classifiedAt) return leaveAlone(tableName, caseNumber, 'classify', current.status);
    const contact = await readContact(tableName, caseNumber);
    const key = complainantKey(contact);
    // Progress mails (escalation ladder) only to a complainant who gave an email address.
    const before: CaseState = { ...toCaseState(current), ...(key ? { complainantKey: key } : {}), complainantMailable: Boolean(contact?.email) };
    const at = now.toISOString();

    // 重复投诉: the same complainant, the same thing, the same subject → merged into the first case.
    const fingerprint = duplicateFingerprint({ kind: current.kind, category: current.category, subject: before.subject, description: current.description, ...(key ? { complainantKey: key } : {}) });
    const first = await claimFingerprint(tableName, fingerprint, caseNumber, new Date(current.receivedAt), window);
    if (first !== caseNumber) {
      const state: CaseState = { ...before, version: before.version + 1, status: 'closed', closedAt: at };
      const notices = noticesOf(tableName, state, [stepNotice(ctx, state, 'duplicate-merged', 'complainant', now, { firstCase: first })], now, current.anonymous);
      const result = await commitStep(
        [
          stateChange(tableName, current, state, { classifiedAt: at, closeReason: 'duplicate', mergedInto: first }, ['gsi1pk', 'gsi1sk', 'nextDueAt']),
          historyPut(tableName, caseNumber, { at, seq: 3, status: 'closed', action: 'merge', actor: 'system', note: 'duplicate', public: true }),
          ...notices.items,
          handoffDone(tableName, caseNumber, 'classify'),
        ],
        notices.handoffs,
      );
      if (result === 'committed') logger.info('Duplicate merged into the first case', { caseNumber, mergedInto: first });
      return result === 'committed' ? 'merged' : 'conflict';
    }

    // 热点: distinct complainants about the same subject within the window (anonymous reports count one each).
    const subject = subjectKey(before.subject);
    const members = await joinCluster(tableName, subjectHash(subject), { caseNumber, complainantKey: key ?? `anonymous-${caseNumber}`, at: current.receivedAt }, window);
    const distinct = new Set(members.map((m) => m.complainantKey)).size;
    const hot = distinct >= config.priority.clusterDistinctComplainants;
    const withFacts: CaseState = hot ? { ...before, priorityFacts: { ...before.priorityFacts, clusterComplainants: distinct } } : before;

    // The domain's `acknowledge` system step sets type, level, department, security, the receipt and level deadlines and the priority.
    const outcome = applyAction(ctx, withFacts, system, { action: 'acknowledge' }, now);
    const state: CaseState = { ...outcome.state, deadlines: meetDeadlines(outcome.state.deadlines, ['acknowledge', 'scope-decision'], now) };
    const decided = await decidedNoticeKeys(tableName, caseNumber);
    const ladder = ladderWrites(ctx, tableName, state, now, decided, current.anonymous);
    const assign: Handoff = { queue: 'assign', message: { type: 'case-classified', caseNumber } };
    const result = await commitStep(
      [
        stateChange(tableName, current, state, { classifiedAt: at, subjectKey: subject, ...ladder.index.set }, ladder.index.remove),
        historyPut(tableName, caseNumber, { at, seq: 3, status: state.status, action: 'classify', actor: 'system', note: `level ${state.level}, ${state.priority}`, public: false }),
        ...ladder.items,
        outboxPut(tableName, caseNumber, assign, now),
        handoffDone(tableName, caseNumber, 'classify'),
      ],
      [assign, ...ladder.handoffs],
    );
    if (result !== 'committed') return 'conflict';
    logger.info('Case classified', { caseNumber, caseLevel: state.level, priority: state.priority, clusterComplainants: distinct });
    if (hot) {
      for (const member of members.filter((m) => m.caseNumber !== caseNumber)) await raiseMember(ctx, tableName, member.caseNumber, distinct, now);
    }
    return 'classified';
  });
}

/**
 * Every earlier member of a hot cluster is raised too (seed 004), with its leadership
 * notice at once. A member not classified yet is left to its own classification, which
 * will see the cluster; a redelivery finds the member already raised and does nothing.
 */
async function raiseMember(ctx: DomainContext, tableName: string, caseNumber: string, distinct: number, now: Date): Promise<void> {
  await withOptimisticRetry(async () => {
    const current = await readWorkflowCase(tableName, caseNumber);
    if (!current?.classifiedAt || current.status === 'closed' || current.status === 'rejected') return 'unchanged';
    const before = toCaseState(current);
    if ((before.priorityFacts?.clusterComplainants ?? 0) >= distinct) return 'unchanged';
    let outcome;
    try {
      outcome = applyAction(ctx, before, system, { action: 'reprioritise', clusterComplainants: distinct }, now);
    } catch (error) {
      if (error instanceof ActionNotAllowedError) return 'unchanged';
      throw error;
    }
    const ladder = ladderWrites(ctx, tableName, outcome.state, now, await decidedNoticeKeys(tableName, caseNumber), current.anonymous);
    const result = await commitStep(
      [
        stateChange(tableName, current, outcome.state, ladder.index.set, ladder.index.remove),
        historyPut(tableName, caseNumber, { at: now.toISOString(), seq: 6, status: outcome.state.status, action: 'reprioritise', actor: 'system', note: `cluster of ${distinct}`, public: false }),
        ...ladder.items,
      ],
      ladder.handoffs,
    );
    if (result === 'committed') logger.info('Cluster member raised', { caseNumber, priority: outcome.state.priority });
    return result === 'committed' ? 'raised' : 'conflict';
  });
}
