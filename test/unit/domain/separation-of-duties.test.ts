import { describe, expect, it } from 'vitest';
import { relationOf } from '../../../shared/domain/action-permissions';
import { ForbiddenActionError } from '../../../shared/domain/action-errors';
import { applyAction } from '../../../shared/domain/case-actions';
import type { CaseState } from '../../../shared/domain/case-state';
import { dutyRules, dutyTableMarkdown, dutyViolation, type DutyActionName } from '../../../shared/domain/separation-of-duties';
import { supervisorChain } from '../../../shared/domain/staff-directory';
import { assignedToLiNa, ctx, received, staff } from './case-fixtures';
import { at, localConfig } from './fixtures';

/** The rule that forbids `email` doing `action` on `state`, if any. */
const violation = (state: CaseState, email: string, action: DutyActionName, reason?: string) =>
  dutyViolation({ config: localConfig, state, relation: relationOf(localConfig, state, email)!, action, ...(reason === undefined ? {} : { reason }) })?.id;

const liNasCase = assignedToLiNa();
const aboutLiNa = assignedToLiNa(received({ subject: { type: 'staff', value: 'li.na@example.org' } }));

describe('separation of duties (one table)', () => {
  it('nobody acts on a case about themselves, whatever the action or role; others may', () => {
    for (const action of ['note', 'accept', 'reply', 'reveal-contact'] as const) expect(violation(aboutLiNa, 'li.na@example.org', action, 'r')).toBe('not-about-self');
    const aboutAdmin = received({ subject: { type: 'staff', value: '管理员' } });
    expect(violation(aboutAdmin, 'admin@example.org', 'classify')).toBe('not-about-self');
    expect(violation(aboutLiNa, 'wang.fang@example.org', 'note')).toBeUndefined();
  });

  it('the level-3 approver is not the reply\'s author; the extension decider is not its requester', () => {
    const pending: CaseState = { ...liNasCase, pendingReply: { result: 'r', by: 'wang.fang@example.org', at: liNasCase.receivedAt } };
    expect(violation(pending, 'wang.fang@example.org', 'approve-reply')).toBe('approver-not-author');
    expect(violation(pending, 'director@example.org', 'approve-reply')).toBeUndefined();
    const asked: CaseState = {
      ...liNasCase,
      pendingExtension: { deadline: 'resolution', until: liNasCase.receivedAt, reason: 'r', by: 'Wang.Fang@example.org', at: liNasCase.receivedAt },
    };
    expect(violation(asked, 'wang.fang@example.org', 'decide-extension')).toBe('decider-not-requester');
  });

  it('the appeal reviewer is in the handler\'s supervisor chain or an admin, and never handled or approved the case', () => {
    expect(supervisorChain(localConfig, 'li.na@example.org', 'customer-service')).toEqual(['wang.fang@example.org', 'director@example.org']);
    const appealed: CaseState = { ...liNasCase, status: 'appealed' };
    expect(violation(appealed, 'wang.fang@example.org', 'review')).toBeUndefined();
    expect(violation(appealed, 'director@example.org', 'review')).toBeUndefined();
    expect(violation(appealed, 'admin@example.org', 'review')).toBeUndefined();
    // A supervisor of another department is not above Li Na.
    expect(violation(appealed, 'chen.jie@example.org', 'review')).toBe('reviewer-above-handler');
    // Wang Fang approved the reply: no longer independent.
    const approvedByWang: CaseState = { ...appealed, handledBy: ['li.na@example.org', 'wang.fang@example.org'] };
    expect(violation(approvedByWang, 'wang.fang@example.org', 'review')).toBe('reviewer-independent');
  });

  it('a reveal needs a reason', () => {
    expect(violation(liNasCase, 'wang.fang@example.org', 'reveal-contact', '  ')).toBe('reveal-needs-reason');
    expect(violation(liNasCase, 'wang.fang@example.org', 'reveal-contact')).toBe('reveal-needs-reason');
    expect(violation(liNasCase, 'wang.fang@example.org', 'reveal-contact', '核实身份 to verify identity')).toBeUndefined();
  });

  it('applyAction enforces the table: 403 naming the rule', () => {
    const attempt = () => applyAction(ctx, aboutLiNa, staff('li.na@example.org'), { action: 'note', note: 'x' }, at('2026-11-23 10:00'));
    expect(attempt).toThrow(ForbiddenActionError);
    expect(attempt).toThrow(expect.objectContaining({ reason: 'not-about-self', status: 403 }));
  });

  it('renders one markdown row per rule, every rule in both languages', () => {
    const lines = dutyTableMarkdown().split('\n');
    expect(lines).toHaveLength(2 + dutyRules.length);
    for (const rule of dutyRules) expect(lines.some((l) => l.includes(`\`${rule.id}\``) && l.includes(rule.text.en) && l.includes(rule.text['zh-CN']))).toBe(true);
    expect(new Set(dutyRules.map((r) => r.id)).size).toBe(dutyRules.length);
  });
});
