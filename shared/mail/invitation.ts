/**
 * The invitation of a staff member added at runtime (issue 22 item 3): Chinese with the
 * English below, like every staff mail; the console's address and how the first sign-in
 * goes on the stage's identity provider. No password: Cognito mails its temporary one
 * itself; an OpenID Connect provider has its own.
 */
import { escapeHtml, mailLayout } from './layout';

export function invitationMail(facts: { readonly consoleUrl: string; readonly provider: 'cognito' | 'oidc' }): { subject: string; text: string; html: string } {
  const subject = '【投诉举报处理系统】邀请您登录 / You are invited to the complaint handling console';
  const signIn =
    facts.provider === 'cognito'
      ? ['另一封邮件将发送您的临时密码，首次登录时请设置新密码。', 'Another mail brings your temporary password; you set your own at the first sign-in.']
      : ['请使用单位统一身份认证账号登录（须为已验证的本邮箱地址）。', 'Sign in with your organisation account (its verified address must be this one).'];
  const lines = [
    '您好：',
    '您已被添加为投诉举报处理系统的工作人员。',
    `登录地址：${facts.consoleUrl}`,
    signIn[0]!,
    'Hello,',
    'You were added as staff of the complaint handling service.',
    `Console: ${facts.consoleUrl}`,
    signIn[1]!,
  ];
  return { subject, text: lines.join('\n\n'), html: mailLayout('zh-CN', subject, lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')) };
}
