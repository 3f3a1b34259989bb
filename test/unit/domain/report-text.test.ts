/**
 * What a case report and a public summary may say (issue 21 items 10 and 11): no personal data
 * of the complainant in either; no staff member named in the public summary. Pure.
 */
import { describe, expect, it } from 'vitest';
import { reportTextProblems } from '../../../shared/domain/report-text';
import type { StaffMember } from '../../../shared/domain/staff-directory';


const staff: StaffMember[] = [{ email: 'li.na@example.org', name: '李娜 Li Na', roles: ['handler'], departments: ['customer-service'], absences: [], conflicts: [], active: true }];
const contact = { name: '张三', email: 'zhang.san@example.com', phone: '+86 138 0013 8000' };
const clean = { causes: '促销价格配置错误', measures: '已更正价格', prevention: '上线前复核价格' };

describe('report text', () => {
  it('accepts a report and a summary that name nobody; a date is not a phone number', () => {
    expect(reportTextProblems({ ...clean, publicSummary: '2026-11-30 的促销价格问题已处理' }, contact, staff)).toEqual([]);
  });

  it('refuses the complainant’s name, address or phone, or anything shaped like them, in any field', () => {
    const found = reportTextProblems({ causes: '张三的订单', measures: '已邮件联系 someone@example.net', prevention: '回访 010-12345678', publicSummary: '联系 zhang.san@example.com' }, contact, staff);
    expect(found.map((p) => [p.path, p.code])).toEqual([
      ['causes', 'personal-data'],
      ['measures', 'personal-data'],
      ['prevention', 'personal-data'],
      ['publicSummary', 'personal-data'],
    ]);
  });

  it('refuses a staff member’s name or mailbox in the public summary only (the internal report may name who did what)', () => {
    expect(reportTextProblems({ ...clean, causes: '李娜跟进' }, contact, staff)).toEqual([]);
    for (const summary of ['客服李娜已处理', 'Handled by Li Na', '由 li.na 处理']) {
      expect(reportTextProblems({ ...clean, publicSummary: summary }, undefined, staff).map((p) => p.code)).toEqual(['staff-name']);
    }
  });
});
