import { describe, expect, it } from 'vitest';
import { renderNotice } from '../../../shared/mail/notices';
import { localConfig } from '../domain/fixtures';

const caseItem = {
  caseNumber: 'TS-20261123-0007',
  kind: 'complaint' as const,
  category: 'service-quality',
  level: 1,
  priority: 'general',
  deadlines: { 'first-response': '2026-11-23T05:00:00.000Z', resolution: '2026-11-25T08:00:00.000Z' },
};

describe('notice mails', () => {
  it('a staff mail: Chinese then English, case number, level, priority, deadlines in the stage zone, the console link', () => {
    const mail = renderNotice({ topic: 'assigned', params: {}, caseItem, config: localConfig }, 'zh-CN');
    expect(mail.subject).toContain('TS-20261123-0007');
    const text = mail.text;
    expect(text.indexOf('案件编号')).toBeLessThan(text.indexOf('Case: TS-20261123-0007'));
    expect(text).toContain('级别：1');
    expect(text).toContain('2026-11-23 13:00 (UTC+08:00)');
    expect(text).toContain('http://localhost:3000/staff?case=TS-20261123-0007');
  });

  it('a complainant mail is in the case language and lists every missing item', () => {
    const mail = renderNotice(
      { topic: 'supplement-requested', params: { missing: ['evidence', 'request'], dueAt: '2026-11-30T10:00:00.000Z' }, caseItem, config: localConfig },
      'en',
    );
    expect(mail.subject).toMatch(/^Material needed/);
    expect(mail.text).toContain('1. evidence');
    expect(mail.text).toContain('2. what you ask us to do');
    expect(mail.text).toContain('2026-11-30 18:00 (UTC+08:00)');
  });

  describe('progress to the complainant (progress-update)', () => {
    const progressCase = { ...caseItem, level: 3, status: 'in-progress', assignee: 'li.na@example.org', handledBy: ['li.na@example.org'] };
    const params = { deadline: 'progress-notice', occurrence: 2, nextDueAt: '2026-11-24T06:00:00.000Z', dueAt: '2026-11-23T18:00:00.000Z' };

    it('in Chinese: case number, status in words, work goes on, the next update time, the status link without token', () => {
      const mail = renderNotice({ topic: 'progress-update', params, caseItem: progressCase, config: localConfig }, 'zh-CN');
      expect(mail.subject).toBe('【处理进展】投诉 TS-20261123-0007');
      expect(mail.text).toContain('目前正在调查核实');
      expect(mail.text).toContain('仍在继续处理');
      expect(mail.text).toContain('2026-11-24 14:00 (UTC+08:00)');
      expect(mail.text).toContain('http://localhost:3000/status?case=TS-20261123-0007');
      expect(mail.html).toContain('<html lang="zh-CN">');
    });

    it('in English, in the case language only', () => {
      const mail = renderNotice({ topic: 'progress-update', params, caseItem: { ...progressCase, status: 'reopened' }, config: localConfig }, 'en');
      expect(mail.subject).toBe('Progress on your complaint TS-20261123-0007');
      expect(mail.text).toContain('is reopened and being handled again');
      expect(mail.text).toContain('update you again by 2026-11-24 14:00 (UTC+08:00)');
      expect(mail.text).not.toMatch(/[\u4e00-\u9fff]/);
    });

    it('never a staff name, a token or the staff console', () => {
      for (const language of ['zh-CN', 'en'] as const) {
        const { text, html } = renderNotice({ topic: 'progress-update', params, caseItem: progressCase, config: localConfig }, language);
        for (const body of [text, html]) {
          expect(body).not.toMatch(/li\.na|example\.org|token=|\/staff\//);
        }
      }
    });
  });

  it('an unknown topic still reaches staff with the case summary', () => {
    expect(renderNotice({ topic: 'supplement-received', params: {}, caseItem, config: localConfig }, 'zh-CN').text).toContain('TS-20261123-0007');
  });
});
