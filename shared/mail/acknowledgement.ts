import type { Language } from '../domain/status';
import type { NoticeFacts } from './notices';

/**
 * 受理回执: the acknowledgement receipt, in the complainant's language. Registered as the
 * complainant topic `receipt` of `notices.ts` and sent by `send-notice` like every other
 * mail. Its notice item is written by the registration transaction with the parameters
 * `receivedAt` and `reviewBy` (ISO instants; `reviewBy` is the scope decision deadline on
 * the working calendar) and `confidential` (`yes` when asked for). The access token is
 * never a parameter: only its hash is stored, and the status link carries the case number only.
 */
interface ReceiptHelpers {
  readonly at: (iso: string | number | readonly string[] | undefined) => string;
  readonly link: string;
}
type ReceiptText = (f: NoticeFacts, t: ReceiptHelpers) => { subject: string; lines: string[] };

const categoryName = (f: NoticeFacts, language: Language): string =>
  f.config.categories.find((c) => c.id === f.caseItem.category)?.name[language] ?? f.caseItem.category;
const confidential = (f: NoticeFacts): boolean => f.params.confidential === 'yes';

export const receiptTexts: Record<Language, ReceiptText> = {
  'zh-CN': (f, t) => ({
    subject: `【受理回执】${f.caseItem.kind === 'report' ? '举报' : '投诉'}已收到，编号 ${f.caseItem.caseNumber}`,
    lines: [
      '您好：',
      `我们已于 ${t.at(f.params.receivedAt)} 收到您的${f.caseItem.kind === 'report' ? '举报' : '投诉'}（类别：${categoryName(f, 'zh-CN')}），并已登记。`,
      `案件编号：${f.caseItem.caseNumber}`,
      '查询凭证（access token）已在提交成功的页面上显示。为保护您的信息，我们只保存它的校验值，不保存也不通过邮件发送凭证本身；查询进度时请使用您保存的凭证。',
      '接下来：',
      `1. 我们将在 ${t.at(f.params.reviewBy)} 前完成初步审核，确定是否受理；不属于受理范围的，会说明理由并告知可向何处反映。`,
      '2. 如材料不完整，我们会一次性告知需要补充的全部内容和期限；补充期间处理时限暂停。',
      '3. 受理后，我们会按问题的复杂程度在规定时限内调查处理，并把结果、依据和您的救济途径告诉您。',
      `查询进度或补充材料：${t.link}`,
      confidential(f) ? '您要求保密：您的身份仅对负责处理的人员及其上级可见，不会告知被投诉方。' : '',
      '此邮件由系统自动发送，请勿直接回复。',
    ].filter(Boolean),
  }),
  en: (f, t) => ({
    subject: `Receipt: your ${f.caseItem.kind} ${f.caseItem.caseNumber} has been received`,
    lines: [
      'Hello,',
      `We received your ${f.caseItem.kind} (category: ${categoryName(f, 'en')}) at ${t.at(f.params.receivedAt)} and have registered it.`,
      `Case number: ${f.caseItem.caseNumber}`,
      'Your access token was shown on the page after you submitted. To protect you, we keep only a fingerprint of it and never store or mail the token itself: use the copy you saved to check your case.',
      'What happens next:',
      `1. By ${t.at(f.params.reviewBy)} we decide whether we can handle it. If it is outside what we can handle, we tell you why and where to turn instead.`,
      '2. If something is missing, we ask you once for everything we need, with a deadline; our clock stops while we wait.',
      '3. Once accepted, we investigate within the time limit for its level and tell you the result, its basis and your remedies.',
      `Check progress or add material: ${t.link}`,
      confidential(f) ? 'You asked for confidentiality: only the handler and their supervisors see who you are; the party you complain about is never told.' : '',
      'This mail was sent automatically; please do not reply to it.',
    ].filter(Boolean),
  }),
};
