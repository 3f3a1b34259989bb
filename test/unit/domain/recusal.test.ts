/**
 * Issue 19 item 4, recusal (回避): a case whose subject or description names a staff member
 * (Chinese name as written, English name whole, mailbox or address) is about them; a word
 * of a name alone (`service`) is not.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStageConfig } from '../../../shared/config/load-stage-config';
import { applyAction } from '../../../shared/domain/case-actions';
import { isAboutStaff, namesStaffMember } from '../../../shared/domain/recusal';
import { appealReviewer, routeCase } from '../../../shared/domain/routing';
import { maySee } from '../../../shared/domain/staff-access';
import { findStaff } from '../../../shared/domain/staff-directory';
import local from '../../../config/stages/local';
import { assignedToLiNa, ctx, received } from './case-fixtures';
import { at, localConfig } from './fixtures';

const liNa = findStaff(localConfig, 'li.na@example.org')!;
const account = (value: string) => ({ type: 'account' as const, value });
const staff = (value: string) => ({ type: 'staff' as const, value });

describe('issue 19 item 4: recusal matches whole names in the subject and the description', () => {
  it('finds the Chinese name inside a sentence, in a subject of any type and in the description', () => {
    expect(isAboutStaff(liNa, { subject: account('客服李娜态度差') })).toBe(true);
    expect(isAboutStaff(liNa, { subject: staff('客服李娜') })).toBe(true);
    expect(isAboutStaff(liNa, { subject: account('shop-account-1'), description: '接电话的客服李 娜说话很不客气，还挂了电话。' })).toBe(true);
    expect(isAboutStaff(liNa, { subject: account('shop-account-1'), description: '订单价格与结算价格不一致' })).toBe(false);
  });

  it('finds the English name whole, in either order and any case, and the mailbox or the address', () => {
    for (const text of ['Agent Li Na was rude', 'agent NA LI hung up', 'li-na said no', 'write to li.na@example.org', 'ask li.na.', 'LI.NA@EXAMPLE.ORG']) {
      expect(namesStaffMember(liNa, text), text).toBe(true);
    }
  });

  it('does not take one word of a name, or a name inside a longer word or address, for the person', () => {
    for (const text of ['Li said no', 'Na is the symbol of sodium', 'Lina was rude', 'li.nas@example.org', 'malina', 'Li Nan was rude']) {
      expect(namesStaffMember(liNa, text), text).toBe(false);
    }
  });

  it('a short word of a staff name (`Customer Service`) hides no case about a service; the whole name still does', () => {
    const config = parseStageConfig('test', {
      ...local,
      staff: [...local.staff, { email: 'kefu@example.org', name: '客服 Customer Service', roles: ['handler'], departments: ['customer-service'] }],
    });
    const kefu = findStaff(config, 'kefu@example.org')!;
    expect(isAboutStaff(kefu, { subject: staff('service'), description: 'The service was slow and the page broke.' })).toBe(false);
    expect(isAboutStaff(kefu, { subject: account('shop'), description: 'Your customer service agent never called back' })).toBe(true);
    // A one-character name is too common to mean the person; a one-word name only as the whole staff subject.
    expect(isAboutStaff(findStaff(localConfig, 'admin@example.org')!, { subject: staff('Admin') })).toBe(true);
    expect(isAboutStaff(findStaff(localConfig, 'admin@example.org')!, { subject: account('admin-m1-a') })).toBe(false);
  });

  it('property: a text naming the person anywhere, between any other words, is about them; text of other names never is', () => {
    const filler = fc.array(fc.constantFrom('订单', '价格', 'price', 'order', '，', ' ', '很差', 'slow', '123'), { maxLength: 6 }).map((w) => w.join(''));
    const naming = fc.constantFrom('李娜', 'Li Na', 'li.na', 'li.na@example.org', 'Na Li');
    fc.assert(fc.property(filler, naming, filler, (before, name, after) => namesStaffMember(liNa, `${before} ${name} ${after}`)));
    const others = fc.constantFrom('赵磊', 'Zhao Lei', 'zhao.lei', '王芳', 'Wang Fang');
    fc.assert(fc.property(filler, others, filler, (before, name, after) => !namesStaffMember(liNa, `${before} ${name} ${after}`)));
  });

  it('a case whose description names her is never seen by her, never routed to her, never assigned to her by a supervisor, never reviewed by her', () => {
    const description = '客服李娜态度差，挂断电话';
    const aboutHer = assignedToLiNa(received({ description, subject: account('shop') }));
    expect(maySee(localConfig, { ...aboutHer, assignee: 'zhao.lei@example.org' }, 'li.na@example.org')).toBe(false);
    const decision = routeCase(localConfig, { department: 'customer-service', subject: account('shop'), description, now: at('2026-11-23 10:00'), openCases: new Map(), rotation: 0 });
    expect(decision.assignee).not.toBe('li.na@example.org');
    expect(decision.excluded).toContainEqual({ email: 'li.na@example.org', why: 'subject-of-case' });
    const queued = { ...aboutHer, assignee: 'zhao.lei@example.org' };
    expect(() => applyAction(ctx, queued, { kind: 'staff', email: 'wang.fang@example.org' }, { action: 'assign', assignee: 'li.na@example.org' }, at('2026-11-23 10:00'))).toThrow(/recusal|subject-of-case/);
    const reviewer = appealReviewer(localConfig, { subject: account('shop'), description: '主管王芳处理不公', assignee: 'li.na@example.org', department: 'customer-service' }, at('2026-11-23 10:00'));
    expect(reviewer).not.toBe('wang.fang@example.org');
  });
});

