import { describe, expect, it } from 'vitest';
import { renderNotice } from '../../../shared/mail/notices';
import { localConfig } from '../domain/fixtures';

const caseItem = { caseNumber: 'TS-20261123-0007', kind: 'complaint' as const, category: 'service-quality', level: 1, priority: 'general' };
const params = { result: 'Refund issued', basis: 'Terms 4.2', measures: 'Agent retrained', remedies: 'Coupon sent', appealWindow: 15, appealWindowUnit: 'working-days' };

describe('the reply mail to the complainant (result) and the new expected date', () => {
  it('carries result, basis, measures, remedies, the appeal window and the status link, in its own template (not the staff one)', () => {
    const mail = renderNotice({ topic: 'result', params, caseItem, config: localConfig }, 'en');
    expect(mail.subject).toBe('Result of your complaint TS-20261123-0007');
    for (const text of ['Result: Refund issued', 'Basis: Terms 4.2', 'Measures taken: Agent retrained', 'Remedies: Coupon sent', 'within 15 working days', 'http://localhost:3000/status?case=TS-20261123-0007']) {
      expect(mail.text).toContain(text);
    }
    expect(mail.text).not.toContain('/staff');
    expect(mail.text).not.toMatch(/[\u4e00-\u9fff]/);
    expect(mail.html).toContain('<html lang="en">');
  });

  it('in Chinese, leaving out the parts staff left empty', () => {
    const mail = renderNotice({ topic: 'result', params: { result: '已退款', appealWindow: 15, appealWindowUnit: 'working-days' }, caseItem, config: localConfig }, 'zh-CN');
    expect(mail.subject).toBe('【处理结果】投诉 TS-20261123-0007');
    expect(mail.text).toContain('处理结果：已退款');
    expect(mail.text).not.toContain('处理依据');
    expect(mail.text).toContain('15 个工作日');
  });

  it('an approved extension tells the new date in the stage time zone', () => {
    const mail = renderNotice({ topic: 'new-expected-date', params: { until: '2026-12-04T09:00:00.000Z' }, caseItem, config: localConfig }, 'en');
    expect(mail.subject).toBe('New expected date for your complaint TS-20261123-0007');
    expect(mail.text).toContain('2026-12-04 17:00 (UTC+08:00)');
  });
});
