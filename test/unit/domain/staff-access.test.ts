import { describe, expect, it } from 'vitest';
import { applyAction } from '../../../shared/domain/case-actions';
import { ForbiddenActionError } from '../../../shared/domain/action-errors';
import { contactAccess, maySee, mostUrgentDeadline, workRank, workScopes } from '../../../shared/domain/staff-access';
import { findStaff } from '../../../shared/domain/staff-directory';
import { deadlineView } from '../../../shared/domain/staff-view';
import { assignedToLiNa, ctx, received, system } from './case-fixtures';
import { at, localConfig } from './fixtures';

const email = (name: string) => `${name}@example.org`;
const sees = (name: string, state = assignedToLiNa()) => maySee(localConfig, state, email(name));
const member = (name: string) => findStaff(localConfig, email(name))!;

describe('who sees a case (staff-access.ts)', () => {
  it('the assignee, the department supervisor and its chain, admin; not another handler of the department nor another department', () => {
    expect(['li.na', 'wang.fang', 'director', 'admin'].filter((n) => sees(n))).toEqual(['li.na', 'wang.fang', 'director', 'admin']);
    expect(['zhao.lei', 'liu.yang', 'chen.jie', 'sun.li', 'xu.tao'].filter((n) => sees(n))).toEqual([]);
  });

  it("an unassigned case is in its department's queue: every handler of the department sees it", () => {
    const queued = applyAction(ctx, received(), system, { action: 'acknowledge' }, at('2026-11-20 17:00')).state;
    expect(queued.assignee).toBeUndefined();
    expect(sees('zhao.lei', queued)).toBe(true);
    expect(sees('liu.yang', queued)).toBe(false);
  });

  it('nobody sees a case about themselves, admin included', () => {
    const aboutWang = assignedToLiNa(received({ subject: { type: 'staff', value: 'wang.fang@example.org' } }));
    expect(sees('wang.fang', aboutWang)).toBe(false);
    expect(sees('li.na', aboutWang)).toBe(true);
  });

  it('contact: shown to those handling a plain case; only on reveal for a confidential one, and never to a queue handler', () => {
    const plain = assignedToLiNa();
    const secret = assignedToLiNa(received({ confidential: true }));
    expect(contactAccess(localConfig, plain, email('li.na'))).toBe('shown');
    expect(contactAccess(localConfig, plain, email('admin'))).toBe('shown');
    expect(contactAccess(localConfig, secret, email('li.na'))).toBe('on-reveal');
    expect(contactAccess(localConfig, secret, email('wang.fang'))).toBe('on-reveal');
    expect(contactAccess(localConfig, secret, email('admin'))).toBe('hidden');
    expect(contactAccess(localConfig, secret, email('zhao.lei'))).toBe('hidden');
  });

  it('reveal-contact: allowed to whom the contact is not hidden, written to the history with the reason; refused otherwise', () => {
    const secret = assignedToLiNa(received({ confidential: true }));
    const outcome = applyAction(ctx, secret, { kind: 'staff', email: email('wang.fang') }, { action: 'reveal-contact', reason: 'call back' }, at('2026-11-23 10:00'));
    expect(outcome.history).toMatchObject({ action: 'reveal-contact', actor: email('wang.fang'), note: 'call back', public: false });
    expect(outcome.state.version).toBe(secret.version + 1);
    expect(() => applyAction(ctx, secret, { kind: 'staff', email: email('admin') }, { action: 'reveal-contact', reason: 'curious' }, at('2026-11-23 10:00'))).toThrow(ForbiddenActionError);
    expect(() => applyAction(ctx, secret, { kind: 'staff', email: email('li.na') }, { action: 'reveal-contact', reason: ' ' }, at('2026-11-23 10:00'))).toThrow(/reveal-needs-reason/);
  });

  it('work scopes: a handler reads their own cases and their queue, a supervisor whole departments, admin every one', () => {
    expect(workScopes(localConfig, member('li.na'), 'all')).toEqual([
      { kind: 'assignee', email: email('li.na') },
      { kind: 'department', department: 'customer-service', queueOnly: true },
    ]);
    expect(workScopes(localConfig, member('wang.fang'), 'department')).toEqual([{ kind: 'department', department: 'customer-service', queueOnly: false }]);
    expect(workScopes(localConfig, member('admin'), 'department')).toHaveLength(localConfig.departments.length + 1);
  });

  it('urgency: the earliest open deadline staff owe, never the complainant’s; finished cases last', () => {
    const s = assignedToLiNa();
    const urgent = mostUrgentDeadline(s)!;
    expect(urgent.name).toBe('first-response');
    expect(workRank(s)).toEqual({ group: 1, at: urgent.dueAt });
    expect(workRank({ ...s, status: 'closed', closedAt: '2026-11-25T00:00:00.000Z' })).toEqual({ group: 3, at: '2026-11-25T00:00:00.000Z' });
  });

  it('a deadline explains itself: Friday 17:00 + 4 working hours skips the weekend', () => {
    const first = assignedToLiNa().deadlines.find((d) => d.name === 'first-response')!;
    const view = deadlineView(ctx, first, at('2026-11-20 17:30'));
    expect(view).toMatchObject({ name: 'first-response', dueAt: '2026-11-23T12:00:00+08:00', state: 'open' });
    expect(view.explanation.skippedDays).toEqual([
      { date: '2026-11-21', reason: 'weekend' },
      { date: '2026-11-22', reason: 'weekend' },
    ]);
    expect(view.explanation.text).toContain('2026-11-21 (weekend)');
  });
});
