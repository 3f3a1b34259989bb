/**
 * 投诉分类 priority, seed 004 (domain.md "Priority"). Each rule is one row of the
 * seed's table; the case takes the highest priority any row gives. Thresholds come
 * from the stage config `priority` (defaults: the seed's numbers).
 */
import type { StageConfig } from '../config/stage-config';
import type { PriorityFacts } from './case-state';
import { priorities, type CaseLevel, type Priority } from './status';

export type PriorityRules = StageConfig['priority'];

const DAY = 86_400_000;

export type PriorityReason =
  | 'lawsuit' // 已经引起法律诉讼 → major; 可能引起 → hot
  | 'media' // 已经被媒体曝光 → major; 可能被曝光 → hot
  | 'group' // 集体投诉: 10+ → major, 3+ → hot
  | 'cluster' // 一个月内三次以上不同投诉人的同样投诉 → hot
  | 'unresolved' // 因为我方原由仍未解决: one week → hot, one month → major
  | 'level-3-security' // every level-3 security / harmful-content case → major
  | 'repeat' // 办理完成后发生二次投诉 → important
  | 'outside-support' // 需要顾问支持和其余企业提供辅助 → important
  | 'staff-judgement' // staff classified it at least this high
  | 'trusted-source'; // a trusted flagger's report (DSA Art. 22) → important

export interface PriorityInput {
  readonly facts?: PriorityFacts;
  readonly level?: CaseLevel;
  readonly security?: boolean;
  readonly receivedAt: Date;
  /** Replied or closed: the "unresolved after a week / a month" rows no longer apply. */
  readonly resolved: boolean;
  readonly now: Date;
}

export interface PriorityAssessment {
  readonly priority: Priority;
  /** Every row that matched, with what it gives; the highest wins. */
  readonly reasons: readonly { readonly reason: PriorityReason; readonly gives: Priority }[];
}

export const priorityRank = (p: Priority | undefined): number => (p === undefined ? -1 : priorities.indexOf(p));
export const higherPriority = (a: Priority, b: Priority): Priority => (priorityRank(a) >= priorityRank(b) ? a : b);

export function assessPriority(rules: PriorityRules, input: PriorityInput): PriorityAssessment {
  const facts = input.facts ?? {};
  const reasons: { reason: PriorityReason; gives: Priority }[] = [];
  const add = (reason: PriorityReason, gives: Priority | undefined) => {
    if (gives) reasons.push({ reason, gives });
  };
  add('lawsuit', exposure(facts.lawsuit));
  add('media', exposure(facts.media));
  const group = facts.groupSize ?? 0;
  add('group', group >= rules.majorGroupSize ? 'major' : group >= rules.hotGroupSize ? 'hot' : undefined);
  add('cluster', clusterIsHot(rules, facts.clusterComplainants ?? 0) ? 'hot' : undefined);
  if (facts.ourFault && !input.resolved) {
    const open = input.now.getTime() - input.receivedAt.getTime();
    add('unresolved', open >= rules.majorUnresolvedDays * DAY ? 'major' : open >= rules.hotUnresolvedDays * DAY ? 'hot' : undefined);
  }
  add('level-3-security', input.level === 3 && input.security ? 'major' : undefined);
  add('repeat', facts.repeatOf ? 'important' : undefined);
  add('outside-support', facts.outsideSupport ? 'important' : undefined);
  add('staff-judgement', facts.staffPriority);
  add('trusted-source', facts.trustedSource ? 'important' : undefined);
  const priority = reasons.reduce<Priority>((p, r) => higherPriority(p, r.gives), 'general');
  return { priority, reasons };
}

/**
 * When the "unresolved through our fault" rows will next raise the priority, if ever:
 * the SLA sweep re-assesses the case then.
 */
export function nextPriorityChangeAt(rules: PriorityRules, input: Omit<PriorityInput, 'now'>, current: Priority | undefined): Date | undefined {
  if (!input.facts?.ourFault || input.resolved) return undefined;
  const steps: [number, Priority][] = [
    [rules.hotUnresolvedDays, 'hot'],
    [rules.majorUnresolvedDays, 'major'],
  ];
  const next = steps.find(([, gives]) => priorityRank(gives) > priorityRank(current));
  return next ? new Date(input.receivedAt.getTime() + next[0] * DAY) : undefined;
}

function exposure(value: 'possible' | 'actual' | undefined): Priority | undefined {
  return value === 'actual' ? 'major' : value === 'possible' ? 'hot' : undefined;
}

/** 热点: enough distinct complainants about one subject within the window. */
export const clusterIsHot = (rules: Pick<PriorityRules, 'clusterDistinctComplainants'>, distinctComplainants: number): boolean =>
  distinctComplainants >= rules.clusterDistinctComplainants;

/** One case as the cluster detection sees it. */
export interface ClusterEntry {
  readonly caseNumber: string;
  /** `subjectKey(subject)`: the normalised subject. */
  readonly subjectKey: string;
  /** Anonymous cases cannot be told apart, so they never make a cluster. */
  readonly complainantKey?: string;
  readonly receivedAt: Date;
}

/**
 * 热点 clusters: for each case, the number of distinct complainants who raised the same
 * subject within any window of `clusterWindowDays` that contains it. Every case whose
 * count reaches `clusterDistinctComplainants` is hot (the seed upgrades the whole cluster).
 */
export function clusterComplainants(rules: PriorityRules, entries: readonly ClusterEntry[]): Map<string, number> {
  const window = rules.clusterWindowDays * DAY;
  const result = new Map<string, number>();
  const bySubject = new Map<string, ClusterEntry[]>();
  for (const e of entries) bySubject.set(e.subjectKey, [...(bySubject.get(e.subjectKey) ?? []), e]);
  for (const group of bySubject.values()) {
    const sorted = [...group].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
    for (const [i, start] of sorted.entries()) {
      // Windows starting at each case; a case's count is the largest of the windows it lies in.
      const inWindow = sorted.slice(i).filter((e) => e.receivedAt.getTime() - start.receivedAt.getTime() <= window);
      const distinct = new Set(inWindow.flatMap((e) => (e.complainantKey ? [e.complainantKey] : []))).size;
      for (const e of inWindow) result.set(e.caseNumber, Math.max(result.get(e.caseNumber) ?? 0, distinct));
    }
  }
  return result;
}
