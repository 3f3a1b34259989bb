/**
 * The lost-token mail (api.md `POST /complaints/{n}/access`): a one-time link, valid a day,
 * that gets the owner of the case's address a new access token replacing the old one. It
 * names the case number only; it says nothing of the case to whoever reads the mailbox.
 */
import type { Language } from '../domain/status';
import { formatLocal } from '../domain/time-format';
import { escapeHtml, mailLayout } from './layout';

export interface AccessLinkMail {
  readonly caseNumber: string;
  readonly link: string;
  readonly validUntil: Date;
  readonly timeZone: string;
}

const texts: Record<Language, (m: AccessLinkMail, until: string) => { subject: string; lines: string[] }> = {
  'zh-CN': (m, until) => ({
    subject: `【查询凭证】案件 ${m.caseNumber} 的新查询凭证`,
    lines: [
      '您好：',
      `有人为案件 ${m.caseNumber} 申请了新的查询凭证。请在 ${until} 前打开下面的链接，领取新的查询凭证；领取后原凭证立即失效。链接只能使用一次。`,
      m.link,
      '如果不是您本人申请，请忽略本邮件，原凭证继续有效。',
    ],
  }),
  en: (m, until) => ({
    subject: `A new access token for case ${m.caseNumber}`,
    lines: [
      'Hello,',
      `Someone asked for a new access token for case ${m.caseNumber}. Open the link below by ${until} to get it; the old token stops working at that moment. The link works once.`,
      m.link,
      'If you did not ask for this, ignore this mail: your token keeps working.',
    ],
  }),
};

export function renderAccessLinkMail(mail: AccessLinkMail, language: Language): { subject: string; text: string; html: string } {
  const { subject, lines } = texts[language](mail, formatLocal(mail.validUntil, mail.timeZone));
  const html = lines.map((l) => (l === mail.link ? `<p><a href="${escapeHtml(l)}">${escapeHtml(l)}</a></p>` : `<p>${escapeHtml(l)}</p>`)).join('\n');
  return { subject, text: lines.join('\n\n'), html: mailLayout(language, subject, html) };
}
