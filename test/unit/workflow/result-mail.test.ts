import { describe, expect, it } from 'vitest';
import { renderNotice } from '../../../shared/mail/notices';
import { localConfig } from '../domain/fixtures';

const caseItem = { caseNumber: 'TS-20261123-0007', kind: 'complaint' as const, category: 'service-quality', level: 1, priority: 'general' };
const params = { result: 'Refund issued', basis: 'Terms 4.2', measures: 'Agent retrained', remedies: 'Coupon sent', appealWindow: 15, appealWindowUnit: 'working-days' };

describe('the reply mail to the complainant (result) and the new expected date', () => {
  it('carries result, basis, measures, remedies, the appeal window and the status link, in its own template (not the staff one)', () => {
    const mail = renderNotice({ topic: 'result', params, caseItem, config: localConfig }, 'en');
    expect(mail.subject).toBe('Result of your complaint TS-20261123-0007');
    for (const text of ['Result: Refund issued', 'Basis: Terms 4.2', 'Measures taken: Agent retrained', 'Recourse: Coupon sent', 'within 15 working days', 'http://localhost:3000/status?case=TS-20261123-0007']) {
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

  it('an approved extension tells the new date in the stage time zone and its reason (seed 002: 需延期的说明原因)', () => {
    const mail = renderNotice({ topic: 'new-expected-date', params: { until: '2026-12-04T09:00:00.000Z', reason: 'Waiting for the bank' }, caseItem, config: localConfig }, 'en');
    expect(mail.subject).toBe('New expected date for your complaint TS-20261123-0007');
    expect(mail.text).toContain('2026-12-04 17:00 (UTC+08:00)');
    expect(mail.text).toContain('Reason: Waiting for the bank');
    const zh = renderNotice({ topic: 'new-expected-date', params: { until: '2026-12-04T09:00:00.000Z', reason: '需等待银行核实' }, caseItem, config: localConfig }, 'zh-CN');
    expect(zh.text).toContain('延期原因：需等待银行核实');
  });

  it('says what seed 003 四(一) asks: 问题解决状态, measures, the service desk from the stage config, 救济途径 once (never 补救措施) with the outside routes of the category', () => {
    const mail = renderNotice({ topic: 'result', params: { ...params, result: '已退款', measures: '已培训客服', remedies: '已补发优惠券' }, caseItem, config: localConfig }, 'zh-CN');
    expect(mail.text).toContain('问题解决状态：');
    expect(mail.text).toContain('采取的措施：已培训客服');
    expect(mail.text).toContain(`联系${localConfig.serviceDesk.name['zh-CN']}：电话 ${localConfig.serviceDesk.phone}，邮箱 ${localConfig.serviceDesk.email}`);
    expect(mail.text.match(/救济途径/g)).toHaveLength(1);
    expect(mail.text).toContain('救济途径：已补发优惠券；');
    expect(mail.text).not.toContain('补救措施');
    expect(mail.text).toContain('12315'); // consumer matters
    expect(mail.text).not.toContain('12321');
    const harmful = renderNotice({ topic: 'result', params, caseItem: { ...caseItem, kind: 'report', category: 'illegal-content' }, config: localConfig }, 'zh-CN');
    expect(harmful.text).toContain('12377');
    expect(harmful.text).toContain('12321');
    expect(harmful.text).not.toContain('12315');
    // The routes are the stage's, not the template's.
    const own = { ...localConfig, outsideRoutes: [{ categories: [], name: { 'zh-CN': '某市网信办', en: 'City CAC office' }, contact: '0000-1234' }] };
    expect(renderNotice({ topic: 'result', params, caseItem, config: own }, 'en').text).toContain('City CAC office (0000-1234)');
  });

  it('the review result (复核) is the final written decision: the mail carries its result and basis, and the outside routes', () => {
    const mail = renderNotice({ topic: 'review-result', params: { result: '维持原处理结果', basis: '用户协议第 4.2 条' }, caseItem, config: localConfig }, 'zh-CN');
    expect(mail.text).toContain('复核结果：维持原处理结果');
    expect(mail.text).toContain('复核依据：用户协议第 4.2 条');
    expect(mail.text.match(/救济途径/g)).toHaveLength(1);
    expect(mail.text).toContain('12315');
    const en = renderNotice({ topic: 'review-result', params: { result: 'Upheld' }, caseItem, config: localConfig }, 'en');
    expect(en.text).toContain('Review result: Upheld');
  });

  it('a report found untrue (不实举报) is told so, with the route to object', () => {
    const mail = renderNotice({ topic: 'report-untrue', params: {}, caseItem: { ...caseItem, caseNumber: 'JB-20261123-0008', kind: 'report', category: 'illegal-content' }, config: localConfig }, 'zh-CN');
    expect(mail.subject).toContain('不属实');
    expect(mail.text).toContain('15 个工作日');
    expect(mail.text).toContain(localConfig.serviceDesk.phone!);
    const en = renderNotice({ topic: 'report-untrue', params: {}, caseItem: { ...caseItem, kind: 'report', category: 'illegal-content' }, config: localConfig }, 'en');
    expect(en.text).toContain('found untrue');
    expect(en.text).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
