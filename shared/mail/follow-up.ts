/**
 * The complainant's mails after the reply: the follow-up survey (回访) and the final
 * review result (复核). Neither carries the result text or anything the complainant wrote:
 * both send them to the status page, where the access token shows the case.
 */
import type { Language } from '../domain/status';
import { guidanceFor } from '../domain/initial-review';
import type { NoticeFacts } from './notices';

type Lines = { subject: string; lines: string[] };
type Text = (f: NoticeFacts, t: { readonly link: string }) => Lines;

const kindZh = (f: NoticeFacts) => (f.caseItem.kind === 'report' ? '举报' : '投诉');

/** 回访: was it resolved, a score 1-5 and a comment, answered on the status page. */
export const surveyTexts: Record<Language, Text> = {
  'zh-CN': (f, t) => ({
    subject: `【回访】${kindZh(f)} ${f.caseItem.caseNumber} 的处理结果您满意吗？`,
    lines: [
      '您好：',
      `您的${kindZh(f)}（编号 ${f.caseItem.caseNumber}）已经答复。请告诉我们问题是否已经解决，并为处理打分（1-5 分）。`,
      '如果问题没有解决，案件将重新交由承办人处理。',
      `请在查询页面输入查询凭证后回答：${t.link}`,
    ],
  }),
  en: (f, t) => ({
    subject: `Follow-up: is your ${f.caseItem.kind} ${f.caseItem.caseNumber} resolved?`,
    lines: [
      'Hello,',
      `We answered your ${f.caseItem.kind} ${f.caseItem.caseNumber}. Please tell us whether it is resolved and score our handling from 1 to 5.`,
      'If it is not resolved, the case goes back to its handler.',
      `Answer on the status page with your access token: ${t.link}`,
    ],
  }),
};

/**
 * 复核 result: final (seed 001 (五)2); where else to turn (seed 001 (五)3): the competent
 * authority and the reporting centre for the case's category (stage config), or the courts.
 */
export const reviewResultTexts: Record<Language, Text> = {
  'zh-CN': (f, t) => {
    const { centre, authority } = outsideRoutes(f);
    return {
      subject: `【复核结果】${kindZh(f)} ${f.caseItem.caseNumber}`,
      lines: [
        '您好：',
        `您对${kindZh(f)}（编号 ${f.caseItem.caseNumber}）提出的复核申请已由未参与原处理的上级人员复核完毕。复核结果为本平台的最终处理意见，请在查询页面查看：${t.link}`,
        '如您对复核结果仍不满意，可以通过以下途径依法维护权益：',
        `1. 向主管部门投诉：${authority['zh-CN']}（${authority.url}）`,
        `2. 向举报受理机构反映：${centre['zh-CN']}（${centre.url}）`,
        '3. 依法提起诉讼或申请仲裁。',
      ],
    };
  },
  en: (f, t) => {
    const { centre, authority } = outsideRoutes(f);
    return {
      subject: `Review result: your ${f.caseItem.kind} ${f.caseItem.caseNumber}`,
      lines: [
        'Hello,',
        `Someone above the original handler, who took no part in it, has reviewed your ${f.caseItem.kind} ${f.caseItem.caseNumber}. The review result is our final decision; read it on the status page: ${t.link}`,
        'If you are still not satisfied, you may turn to:',
        `1. the competent authority: ${authority.en} (${authority.url})`,
        `2. the reporting centre: ${centre.en} (${centre.url})`,
        '3. the courts or arbitration, as the law provides.',
      ],
    };
  },
};

function outsideRoutes(f: NoticeFacts) {
  const { name, url } = guidanceFor(f.config, f.caseItem.category);
  const authority = f.config.review.competentAuthority;
  return { centre: { ...name, url }, authority: { ...authority.name, url: authority.url } };
}
