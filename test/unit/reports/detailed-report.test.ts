import { describe, expect, it } from 'vitest';
import { detailedReportOf, redactPersonalData } from '../../../shared/domain/detailed-report';

const reply = { result: '张三您好，问题已于 2026-10-12 修复，共 1200 名用户受影响。', resultDetails: { basis: '配置错误', measures: '增加上线检查' } };

describe('the detailed report of a major case (重大: what happened, causes, measures)', () => {
  it('is the closed major case reply: result, basis, measures, without the contact', () => {
    expect(detailedReportOf({ priority: 'major', status: 'closed', ...reply }, { name: '张三', email: 'z@example.com' })).toEqual({
      whatHappened: '[…]您好，问题已于 2026-10-12 修复，共 1200 名用户受影响。',
      causes: '配置错误',
      measures: '增加上线检查',
    });
  });

  it('is absent for a hot case, an open major case, or a reply without measures', () => {
    expect(detailedReportOf({ priority: 'hot', status: 'closed', ...reply }, undefined)).toBeUndefined();
    expect(detailedReportOf({ priority: 'major', status: 'replied', ...reply }, undefined)).toBeUndefined();
    expect(detailedReportOf({ priority: 'major', status: 'closed', result: 'x', resultDetails: { basis: 'b' } }, undefined)).toBeUndefined();
  });

  it('removes any email address and phone number, keeps dates and counts', () => {
    expect(redactPersonalData('请致电 +86 138 0013 8000、010-12345678 或 13800138000，邮件 a.b@example.cn。', [])).toBe('请致电 […]、[…] 或 […]，邮件 […]。');
    expect(redactPersonalData('2026-10-01 起 123456 元', [])).toBe('2026-10-01 起 123456 元');
  });
});
