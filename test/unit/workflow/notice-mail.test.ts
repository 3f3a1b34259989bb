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
    expect(text).toContain('http://localhost:3000/staff/cases/TS-20261123-0007');
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

  it('an unknown topic still reaches staff with the case summary', () => {
    expect(renderNotice({ topic: 'supplement-received', params: {}, caseItem, config: localConfig }, 'zh-CN').text).toContain('TS-20261123-0007');
  });
});
