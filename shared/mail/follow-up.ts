/**
 * The complainant's mails after the reply: the follow-up survey (回访) and the final
 * review result (复核), and the notice that a report was found untrue. None carries anything
 * the complainant wrote; the review result carries the reviewer's result and basis.
 */
import type { Language } from '../domain/status';
import type { NoticeFacts } from './notices';
import { outsideRoutes, serviceDeskLine } from './recourse';

type Lines = { subject: string; lines: string[] };
type Text = (f: NoticeFacts, t: { readonly link: string }) => Lines;

const kindZh = (f: NoticeFacts) => (f.caseItem.kind === 'report' ? '举报' : '投诉');

/** 回访: was it resolved, a score 1-5 and a comment, answered on the status page its link opens (send-notice.ts `followUpToken`). */
export const surveyTexts: Record<Language, Text> = {
  'zh-CN': (f, t) => ({
    subject: `【回访】${kindZh(f)} ${f.caseItem.caseNumber} 的处理结果您满意吗？`,
    lines: [
      '您好：',
      `您的${kindZh(f)}（编号 ${f.caseItem.caseNumber}）已经答复。请告诉我们问题是否已经解决，并为处理打分（1-5 分）。`,
      '如果问题没有解决，案件将重新交由承办人处理。',
      `请打开查询页面回答（链接即可打开您的${kindZh(f)}）：${t.link}`,
    ],
  }),
  en: (f, t) => ({
    subject: `Follow-up: is your ${f.caseItem.kind} ${f.caseItem.caseNumber} resolved?`,
    lines: [
      'Hello,',
      `We answered your ${f.caseItem.kind} ${f.caseItem.caseNumber}. Please tell us whether it is resolved and score our handling from 1 to 5.`,
      'If it is not resolved, the case goes back to its handler.',
      `Answer on the status page (the link opens your ${f.caseItem.kind}): ${t.link}`,
    ],
  }),
};

/**
 * 复核 result: the final written decision (seed 001 (五)2), so the mail itself carries the
 * review's result and basis (the reviewer's words); where else to turn (seed 001 (五)3): the
 * outside routes of the stage config for the case's category, or the courts; the service
 * desk for questions.
 */
export const reviewResultTexts: Record<Language, Text> = {
  'zh-CN': (f, t) => ({
    subject: `【复核结果】${kindZh(f)} ${f.caseItem.caseNumber}`,
    lines: [
      '您好：',
      `您对${kindZh(f)}（编号 ${f.caseItem.caseNumber}）提出的复核申请已由未参与原处理的上级人员复核完毕。复核结果为本平台的最终处理意见。`,
      `复核结果：${param(f, 'result') ?? '请在查询页面查看。'}`,
      ...(param(f, 'basis') ? [`复核依据：${param(f, 'basis')}`] : []),
      serviceDeskLine(f, 'zh-CN'),
      `救济途径：如您对复核结果仍不满意，可以向${outsideRoutes(f, 'zh-CN').join('、')}反映，或依法提起诉讼、申请仲裁。`,
      `查询：${t.link}`,
    ],
  }),
  en: (f, t) => ({
    subject: `Review result: your ${f.caseItem.kind} ${f.caseItem.caseNumber}`,
    lines: [
      'Hello,',
      `Someone above the original handler, who took no part in it, has reviewed your ${f.caseItem.kind} ${f.caseItem.caseNumber}. The review result is our final decision.`,
      `Review result: ${param(f, 'result') ?? 'see the status page.'}`,
      ...(param(f, 'basis') ? [`Basis: ${param(f, 'basis')}`] : []),
      serviceDeskLine(f, 'en'),
      `Recourse: if you are still not satisfied, you may turn to ${outsideRoutes(f, 'en').join('; ')}, or to the courts or arbitration, as the law provides.`,
      `Case status: ${t.link}`,
    ],
  }),
};

/**
 * 不实举报 (seed 002: 对于不实的举报信息，应当及时通知举报人): the report was found untrue; the
 * reporter may object through the service desk within the appeal window.
 */
export const reportUntrueTexts: Record<Language, Text> = {
  'zh-CN': (f, t) => ({
    subject: `【核查结果】举报 ${f.caseItem.caseNumber} 经核查不属实`,
    lines: [
      '您好：',
      `您的举报（编号 ${f.caseItem.caseNumber}）经核查，所反映的情况不属实，本案已办结。`,
      `如您对核查结论有异议，可在收到本通知后 ${windowZh(f)} 内联系${f.config.serviceDesk.name['zh-CN']}提出申诉，并提供相关证据；也可以向${outsideRoutes(f, 'zh-CN').join('、')}反映。`,
      serviceDeskLine(f, 'zh-CN'),
      '请如实反映情况；故意捏造、歪曲事实的，需承担相应责任。',
      `查询：${t.link}`,
    ],
  }),
  en: (f, t) => ({
    subject: `Your report ${f.caseItem.caseNumber} was found untrue`,
    lines: [
      'Hello,',
      `We checked your report ${f.caseItem.caseNumber}: what it describes was found untrue, and the case is closed.`,
      `If you disagree, you may object to ${f.config.serviceDesk.name.en} within ${windowEn(f)} of this notice, with your evidence; you may also turn to ${outsideRoutes(f, 'en').join('; ')}.`,
      serviceDeskLine(f, 'en'),
      'Please report things as they are; knowingly false reports carry responsibility.',
      `Case status: ${t.link}`,
    ],
  }),
};

const param = (f: NoticeFacts, name: string): string | undefined => {
  const value = f.params[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};
const window = (f: NoticeFacts) => f.config.limits['appeal-window'];
const unitZh = { 'working-days': '个工作日', 'working-hours': '个工作小时', 'calendar-hours': '小时' } as const;
const unitEn = { 'working-days': 'working days', 'working-hours': 'working hours', 'calendar-hours': 'hours' } as const;
const windowZh = (f: NoticeFacts) => `${window(f).amount} ${unitZh[window(f).unit]}`;
const windowEn = (f: NoticeFacts) => `${window(f).amount} ${unitEn[window(f).unit]}`;
