import { decidedNoticeKeys, loadCase } from '../adapters/case-reads';
import { saveChange } from '../adapters/case-store';
import { logger } from '../adapters/logger';
import { workListIndex } from '../adapters/keys';
import { openCasesPage } from '../adapters/work-list';
import { contextOf, ladder, type StepSettings, systemAction, withOptimisticRetry } from './step-support';

/** Open cases one message recomputes at most; the rest go in a follow-up message (bounded work per message). */
export const recomputePageSize = 25;

/**
 * The work-list partitions a recompute walks, in sort order: every shard of each configured
 * department and of the cases without one yet, and the partition of each stored before the shards.
 */
export function recomputeDepartments(departments: readonly { readonly id: string }[]): string[] {
  return [...departments.flatMap((d) => workListIndex.department.partitions(d.id)), ...workListIndex.department.partitions(undefined)].sort();
}

/**
 * One case's open clocks computed again with the calendar and limits in force (the domain's
 * `recompute-deadlines`), stored through `saveChange` with its new place in the due index
 * and any notice the move made due now. `unchanged` when no clock moves (a redelivery too).
 */
export async function recomputeCase(settings: StepSettings, caseNumber: string, at: Date): Promise<'moved' | 'unchanged'> {
  const ctx = contextOf(settings.config);
  return withOptimisticRetry(async () => {
    const stored = await loadCase(settings.tableName, caseNumber);
    const outcome = stored && systemAction(ctx, stored.state, { action: 'recompute-deadlines' }, at);
    if (!stored || !outcome) return 'unchanged';
    const decided = await decidedNoticeKeys(settings.tableName, caseNumber);
    const { notices, due } = ladder(ctx, outcome.state, at, decided, outcome.notices);
    return (await saveChange(settings, stored, { outcomes: [outcome], notices, due, at })) === 'committed' ? 'moved' : 'conflict';
  });
}

/**
 * One page of one department's open cases (gsi3, groups 1 and 2), each recomputed. Returns
 * where the next page starts: later in the same work list, or the next department's, or
 * nothing when the walk is done.
 */
export async function recomputePage(
  settings: StepSettings,
  position: { readonly department: string; readonly after?: string },
  at: Date,
): Promise<{ moved: number; next?: { department: string; after?: string } }> {
  const page = await openCasesPage(settings.tableName, { partition: position.department }, { after: position.after, limit: recomputePageSize });
  let moved = 0;
  for (const row of page.rows) if ((await recomputeCase(settings, row.caseNumber, at)) === 'moved') moved += 1;
  if (moved > 0) logger.info('Deadlines recomputed after a calendar or limits change', { department: position.department, moved });
  if (page.next) return { moved, next: { department: position.department, after: page.next } };
  const following = nextDepartment(recomputeDepartments(settings.config.departments), position.department);
  return { moved, ...(following ? { next: { department: following } } : {}) };
}

/** The work list after `current` in the walk (a department removed meanwhile: the next one after it). */
function nextDepartment(walk: readonly string[], current: string): string | undefined {
  return walk.find((d) => d > current);
}
