import { decidedNoticeKeys, loadCase } from '../adapters/case-reads';
import { saveChange } from '../adapters/case-store';
import { handoffDone, sendBatches, type Handoff } from '../adapters/handoff';
import { dynamo } from '../adapters/aws-clients';
import { logger } from '../adapters/logger';
import { claimFingerprint, clusterMembers, hotMarkPut, joinCluster, readHotMark, subjectHash } from '../adapters/workflow-store';
import { clusterComplainants, clusterIsHot } from '../domain/priority';
import { duplicateFingerprint } from '../domain/subject-key';
import { contextOf, ladder, leaveAlone, type StepSettings, systemAction, withOptimisticRetry } from './step-support';

/**
 * 分类定性 classification: type, level, department and priority from the category defaults
 * and seed 004's rules; an exact duplicate of an earlier case is merged into it (closed,
 * not counted twice); a subject with complaints from several distinct complainants within
 * the window makes every member of the cluster hot: the case that turns it hot puts the
 * cluster's hot mark, one `cluster-hot` hand-off and the cluster's one leadership notice in
 * its transaction (`raiseCluster` raises the earlier members from it, outside any member's
 * transaction); a later member reads the mark and is hot at once, with no leadership notice
 * of its own. So a case costs the same at any cluster size.
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
    // A cluster already hot is known by its mark alone: no read of its members.
    const subject = subjectHash(submission.subjectKey);
    const receivedAt = new Date(state.receivedAt);
    await joinCluster(tableName, subject, { caseNumber, ...(key ? { complainantKey: key } : {}), at: state.receivedAt }, window);
    const marked = await readHotMark(tableName, subject, receivedAt, window);
    const distinct = marked ? marked.clusterComplainants : await countComplainants(settings, subject, submission.subjectKey, caseNumber, receivedAt);
    const hot = clusterIsHot(config.priority, distinct);
    // The case that turns the cluster hot marks it, with the one hand-off that raises the earlier
    // members and the one leadership notice of the cluster (a concurrent twin's mark fails its condition).
    const turnsHot = hot && !marked;

    const outcome = systemAction(ctx, state, { action: 'auto-classify', ...(hot ? { clusterComplainants: distinct } : {}), ...(turnsHot ? { turnsClusterHot: true } : {}) }, now);
    if (!outcome) return leaveAlone(tableName, stored, 'classify', now);
    const { notices, due } = ladder(ctx, outcome.state, now, await decidedNoticeKeys(tableName, caseNumber), outcome.notices);
    const assign: Handoff = { queue: 'assign', message: { type: 'case-classified', caseNumber } };
    const mark = { at: state.receivedAt, clusterComplainants: distinct, raisedBy: caseNumber };
    const raise: Handoff[] = turnsHot ? [{ queue: 'classify', id: 'cluster-hot', message: { type: 'cluster-hot', caseNumber, subject, clusterComplainants: distinct, at: state.receivedAt } }] : [];
    const result = await saveChange(settings, stored, {
      outcomes: [outcome],
      notices,
      due,
      handoffs: [assign, ...raise],
      confirms: { queue: 'classify' },
      ...(turnsHot ? { alsoWrite: [hotMarkPut(tableName, subject, mark, window)] } : {}),
      at: now,
    });
    if (result !== 'committed') return 'conflict';
    logger.info('Case classified', { caseNumber, caseLevel: outcome.state.level, priority: outcome.state.priority, clusterComplainants: distinct, turnedHot: turnsHot });
    return 'classified';
  });
}

/** Distinct complainants of this case's cluster in the window, from its members (a cluster not yet hot). */
async function countComplainants(settings: StepSettings, subject: string, subjectKey: string, caseNumber: string, at: Date): Promise<number> {
  const { tableName, config } = settings;
  const members = await clusterMembers(tableName, subject, at, config.priority.clusterWindowDays);
  const entries = members.map((m) => ({ ...m, subjectKey, receivedAt: new Date(m.at) }));
  return clusterComplainants(config.priority, entries).get(caseNumber) ?? 0;
}

/**
 * A cluster turned hot: every earlier member of the window gets a `cluster-raise` (ten to
 * a batch, page by page of the members), then the hand-off is confirmed. A crash half-way
 * leaves the hand-off pending and the relay sends it again; raising a member twice changes
 * nothing (the domain finds it raised).
 */
export async function raiseCluster(settings: StepSettings, message: { caseNumber: string; subject: string; clusterComplainants: number; at: string }): Promise<number> {
  const { tableName, config, queueUrls } = settings;
  const members = await clusterMembers(tableName, message.subject, new Date(message.at), config.priority.clusterWindowDays);
  const raises = members
    .filter((m) => m.caseNumber !== message.caseNumber)
    .map((m) => ({ type: 'cluster-raise', caseNumber: m.caseNumber, clusterComplainants: message.clusterComplainants, raisedBy: message.caseNumber }));
  await sendBatches(queueUrls.classify, raises);
  await dynamo().delete(handoffDone(tableName, message.caseNumber, 'classify', 'cluster-hot').Delete!);
  logger.info('Hot cluster raised', { caseNumber: message.caseNumber, members: raises.length });
  return raises.length;
}

/**
 * Raises an earlier member of a hot cluster (seed 004); leadership heard of the cluster
 * from the case that turned it hot, so the member sends no notice of its own. A member not classified yet is left to its own classification, which will see
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
