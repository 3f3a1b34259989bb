import { describe, expect, it } from 'vitest';
import { renderNotice } from '../../../shared/mail/notices';
import { localConfig } from '../domain/fixtures';

/** 受理回执 rendered by send-notice's renderer from the notice the registration wrote. */
const caseItem = { caseNumber: 'TS-20261120-0042', kind: 'complaint' as const, category: 'service-quality' };
const params = { receivedAt: '2026-11-20T09:00:00.000Z', reviewBy: '2026-11-23T10:00:00.000Z' };

describe('the receipt (受理回执) as the notice topic `receipt`', () => {
  it('in Chinese: case number, when received, the scope decision deadline, what happens next, the status link without a token', () => {
    const mail = renderNotice({ topic: 'receipt', params, caseItem, config: localConfig }, 'zh-CN');
    expect(mail.subject).toBe('【受理回执】投诉已收到，编号 TS-20261120-0042');
    expect(mail.text).toContain('案件编号：TS-20261120-0042');
    expect(mail.text).toContain('2026-11-20 17:00 (UTC+08:00)');
    expect(mail.text).toContain('我们将在 2026-11-23 18:00 (UTC+08:00) 前完成初步审核');
    expect(mail.text).toContain('接下来');
    expect(mail.text).toContain('查询进度或补充材料：http://localhost:3000/status?case=TS-20261120-0042');
    expect(mail.text).not.toMatch(/token=/);
    expect(mail.text).not.toContain('您要求保密');
    expect(mail.html).toContain('<html lang="zh-CN">');
  });

  it('in English only for an English case, with the confidentiality sentence when asked for', () => {
    const mail = renderNotice({ topic: 'receipt', params: { ...params, confidential: 'yes' }, caseItem: { ...caseItem, kind: 'report' }, config: localConfig }, 'en');
    expect(mail.subject).toBe('Receipt: your report TS-20261120-0042 has been received');
    expect(mail.text).toContain('By 2026-11-23 18:00 (UTC+08:00) we decide whether we can handle it');
    expect(mail.text).toContain('You asked for confidentiality');
    expect(mail.text).toContain('http://localhost:3000/status?case=TS-20261120-0042');
    expect(mail.text).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
