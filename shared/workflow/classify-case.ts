import { decidedNoticeKeys, loadCase, saveChange } from '../adapters/case-repository';
import type { Handoff } from '../adapters/handoff';
import { logger } from '../adapters/logger';
import { claimFingerprint, joinCluster, subjectHash } from '../adapters/workflow-store';
import { clusterComplainants, clusterIsHot } from '../domain/priority';
import { duplicateFingerprint } from '../domain/subject-key';
import { contextOf, ladder, leaveAlone, type StepSettings, systemAction, withOptimisticRetry } from './step-support';

/**
 * 分类定性 classification: type, level, department and priority from the category defaults
 * and seed 004's rules; an exact duplicate of an earlier case is merged into it (closed,
 * not counted twice); a subject with complaints from several distinct complainants within
 * the window makes every member of the cluster hot: each earlier member gets a
 * `cluster-raise` hand-off in the same transaction, so the raise reaches every member
 * exactly once, also after a crash.
 */
export async function classifySubmission(settings: StepSettings, caseNumber: string, now: Date): Promise<'classified' | 'merged' | 'skipped'> {
  const { tableName, config } = settings;
  const ctx = contextOf(config);
  const window = config.priority.clusterWindowDays;
  return withOptimisticRetry(async () => {
    const stored = await loadCase(tableName, caseNumber);
    if (!stored) throw new Error('Case not found for classification');
    const { state, submission } = stored;
    // The domain decides whether the case awaits classification, before the fingerprint and cluster writes.
    if (!systemAction(ctx, state, { action: 'auto-classify' }, now)) return leaveAlone(tableName, stored, 'classify', now);
    const key = state.complainantKey;

    // 重复投诉: the same complainant, the same thing, the same subject → merged into the first case.
    // Anonymous reports are never one person's duplicates: two strangers may send the same text.
    const first = key ? await claimFingerprint(tableName, duplicateFingerprint({ kind: state.kind, category: state.category, subject: state.subject, description: submission.description, complainantKey: key }), caseNumber, new Date(state.receivedAt), window) : caseNumber;
    if (first !== caseNumber) {
      const merged = systemAction(ctx, state, { action: 'merge', into: first }, now);
      if (!merged) return leaveAlone(tableName, stored, 'classify', now);
      const result = await saveChange(settings, stored, { outcomes: [merged], due: { next: undefined, writtenAt: now }, confirms: { queue: 'classify' }, at: now });
      if (result === 'committed') logger.info('Duplicate merged into the first case', { caseNumber, mergedInto: first });
      return result === 'committed' ? 'merged' : 'conflict';
    }

    // 热点: distinct complainants about the same subject within the window. An anonymous report
    // joins the cluster (it is raised with it) but never counts as a complainant of its own.
    const members = await joinCluster(tableName, subjectHash(submission.subjectKey), { caseNumber, ...(key ? { complainantKey: key } : {}), at: state.receivedAt }, window);
    const entries = members.map((m) => ({ ...m, subjectKey: submission.subjectKey, receivedAt: new Date(m.at) }));
    const distinct = clusterComplainants(config.priority, entries).get(caseNumber) ?? 0;
    const hot = clusterIsHot(config.priority, distinct);

    const outcome = systemAction(ctx, state, { action: 'auto-classify', ...(hot ? { clusterComplainants: distinct } : {}) }, now);
    if (!outcome) return leaveAlone(tableName, stored, 'classify', now);
    const { notices, due } = ladder(ctx, outcome.state, now, await decidedNoticeKeys(tableName, caseNumber), outcome.notices);
    const assign: Handoff = { queue: 'assign', message: { type: 'case-classified', caseNumber } };
    const raises: Handoff[] = hot
      ? members
          .filter((m) => m.caseNumber !== caseNumber)
          .map((m) => ({ queue: 'classify', id: `raise-${caseNumber}`, message: { type: 'cluster-raise', caseNumber: m.caseNumber, clusterComplainants: distinct, raisedBy: caseNumber } }))
      : [];
    const result = await saveChange(settings, stored, { outcomes: [outcome], notices, due, handoffs: [assign, ...raises], confirms: { queue: 'classify' }, at: now });
    if (result !== 'committed') return 'conflict';
    logger.info('Case classified', { caseNumber, caseLevel: outcome.state.level, priority: outcome.state.priority, clusterComplainants: distinct, raised: raises.length });
    return 'classified';
  });
}

/**
 * Raises an earlier member of a hot cluster (seed 004), with its leadership notice at
 * once. A member not classified yet is left to its own classification, which will see
 * the cluster; a redelivery finds the member already raised and changes nothing.
 */
export async function raiseClusterMember(settings: StepSettings, caseNumber: string, clusterComplainants: number, raisedBy: string, now: Date): Promise<'raised' | 'skipped'> {
  const { tableName, config } = settings;
  const ctx = contextOf(config);
  const handoffId = `raise-${raisedBy}`;
  return withOptimisticRetry(async () => {
    const stored = await loadCase(tableName, caseNumber);
    if (!stored) throw new Error('Case not found for a cluster raise');
    const outcome = systemAction(ctx, stored.state, { action: 'cluster-raise', clusterComplainants }, now);
    if (!outcome) return leaveAlone(tableName, stored, 'classify', now, handoffId);
    const { notices, due } = ladder(ctx, outcome.state, now, await decidedNoticeKeys(tableName, caseNumber), outcome.notices);
    const result = await saveChange(settings, stored, { outcomes: [outcome], notices, due, confirms: { queue: 'classify', id: handoffId }, at: now });
    if (result === 'committed') logger.info('Cluster member raised', { caseNumber, priority: outcome.state.priority });
    return result === 'committed' ? 'raised' : 'conflict';
  });
}
