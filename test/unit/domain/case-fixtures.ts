/** Cases for the workflow tests: a fresh case of the local stage, actors, and a step runner. */
import type { Actor, CaseAction } from '../../../shared/domain/case-actions';
import { applyAction } from '../../../shared/domain/case-actions';
import type { CaseState } from '../../../shared/domain/case-state';
import { domainContext } from '../../../shared/domain/domain-context';
import { at, localConfig, shanghai } from './fixtures';

export const ctx = domainContext(localConfig, shanghai);

export const system: Actor = { kind: 'system' };
export const complainant: Actor = { kind: 'complainant' };
export const staff = (email: string): Actor => ({ kind: 'staff', email });

// Local stage people (config/stages/local.ts).
export const liNa = staff('li.na@example.org'); // handler, customer-service
export const zhaoLei = staff('zhao.lei@example.org'); // handler, customer-service
export const wangFang = staff('wang.fang@example.org'); // supervisor of customer-service
export const liuYang = staff('liu.yang@example.org'); // handler, technology
export const wuHao = staff('wu.hao@example.org'); // supervisor of content-security
export const xuTao = staff('xu.tao@example.org'); // handler, content-security
export const director = staff('director@example.org'); // supervisor + admin, every department
export const admin = staff('admin@example.org');

/** A level-1 complaint received Friday 2026-11-20 17:00, not yet acknowledged. */
export function received(overrides: Partial<CaseState> = {}): CaseState {
  return {
    caseNumber: 'TS-20261120-0001',
    kind: 'complaint',
    category: 'service-quality',
    subject: { type: 'url', value: 'https://shop.example.cn/orders' },
    complainantKey: 'complainant-1',
    confidential: false,
    receivedAt: at('2026-11-20 17:00').toISOString(),
    status: 'received',
    version: 1,
    deadlines: [],
    ...overrides,
  };
}

/** A fraud report (level 3, security) received Saturday 2026-11-21 02:00. */
export const fraudReport = (overrides: Partial<CaseState> = {}): CaseState =>
  received({ caseNumber: 'JB-20261121-0001', kind: 'report', category: 'fraud', receivedAt: at('2026-11-21 02:00').toISOString(), ...overrides });

export type Step = readonly [Actor, CaseAction, string];

/** Applies steps in order (times as Shanghai wall time), returning the final state. */
export function run(state: CaseState, steps: readonly Step[]): CaseState {
  return steps.reduce((s, [actor, action, when]) => applyAction(ctx, s, actor, action, at(when)).state, state);
}

/** The usual start: acknowledged at receipt, then routed to Li Na. */
export function assignedToLiNa(state: CaseState = received()): CaseState {
  const when = state.receivedAt;
  const s = applyAction(ctx, state, system, { action: 'acknowledge' }, new Date(when)).state;
  return applyAction(ctx, s, system, { action: 'route', decision: { department: s.department!, assignee: 'li.na@example.org', reason: 'fewest-open-cases', excluded: [] } }, new Date(when)).state;
}
