/**
 * The complainant's answer (处理结果告知, domain.md step 7, seed 003 四(一)): the result, its
 * basis, the measures taken, whether the problem is solved or still followed up (问题解决状态),
 * how to reach the service desk, and the recourse (救济途径) once: staff's own words, the
 * appeal window and the outside routes of the stage config; and the new expected date
 * after an approved extension, with its reason (seed 002). The texts are the staff
 * member's own (never the submitter's): the reply form asks for them in the case language.
 */
import type { Language } from '../domain/status';
import { formatLocal } from '../domain/time-format';
import type { NoticeFacts } from './notices';
import { outsideRoutes, serviceDeskLine } from './recourse';

type Lines = { subject: string; lines: string[] };
type Text = (f: NoticeFacts, t: { readonly link: string }) => Lines;

const kindZh = (f: NoticeFacts) => (f.caseItem.kind === 'report' ? '举报' : '投诉');
const param = (f: NoticeFacts, name: string): string | undefined => {
  const value = f.params[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};
const windowEn = (f: NoticeFacts) => `${f.params.appealWindow ?? 15} ${f.params.appealWindowUnit === 'calendar-days' ? 'days' : 'working days'}`;
const windowZh = (f: NoticeFacts) => `${f.params.appealWindow ?? 15} 个${f.params.appealWindowUnit === 'calendar-days' ? '自然日' : '工作日'}`;

export const resultTexts: Record<Language, Text> = {
  'zh-CN': (f, t) => ({
    subject: `【处理结果】${kindZh(f)} ${f.caseItem.caseNumber}`,
    lines: [
      '您好：',
      `您的${kindZh(f)}（编号 ${f.caseItem.caseNumber}）已处理并答复，结果如下。`,
      `处理结果：${param(f, 'result') ?? '请在查询页面查看。'}`,
      ...(param(f, 'basis') ? [`处理依据：${param(f, 'basis')}`] : []),
      ...(param(f, 'measures') ? [`采取的措施：${param(f, 'measures')}`] : []),
      '问题解决状态：我们认为问题已经处理；我们将进行回访，如问题仍未解决，请在回访中告诉我们，我们将继续跟进处理。',
      serviceDeskLine(f, 'zh-CN'),
      `救济途径：${[param(f, 'remedies'), `如对处理结果有异议，可在收到本通知后 ${windowZh(f)} 内通过查询页面申请复核`, `也可以向${outsideRoutes(f, 'zh-CN').join('、')}反映`].filter(Boolean).join('；')}。`,
      `查询、评价与申请复核：${t.link}`,
    ],
  }),
  en: (f, t) => ({
    subject: `Result of your ${f.caseItem.kind} ${f.caseItem.caseNumber}`,
    lines: [
      'Hello,',
      `We have handled and answered your ${f.caseItem.kind} ${f.caseItem.caseNumber}.`,
      `Result: ${param(f, 'result') ?? 'see the status page.'}`,
      ...(param(f, 'basis') ? [`Basis: ${param(f, 'basis')}`] : []),
      ...(param(f, 'measures') ? [`Measures taken: ${param(f, 'measures')}`] : []),
      'Whether it is solved: we consider the matter handled; we will follow up with you, and if it is not solved, tell us then and we keep working on it.',
      serviceDeskLine(f, 'en'),
      `Recourse: ${[param(f, 'remedies'), `if you disagree, you may ask for a review on the status page within ${windowEn(f)} of this notice`, `you may also turn to ${outsideRoutes(f, 'en').join('; ')}`].filter(Boolean).join('; ')}.`,
      `Status, feedback and appeal: ${t.link}`,
    ],
  }),
};

/** 延期: an approved extension moves the date the complainant expects an answer by. */
export const newExpectedDateTexts: Record<Language, Text> = {
  'zh-CN': (f, t) => ({
    subject: `【处理延期】${kindZh(f)} ${f.caseItem.caseNumber}`,
    lines: [
      '您好：',
      `您的${kindZh(f)}（编号 ${f.caseItem.caseNumber}）经批准延长处理期限，预计在 ${expected(f)} 前答复。`,
      `延期原因：${param(f, 'reason') ?? '案件情况较复杂，需要更多时间调查核实。'}`,
      `查询进度：${t.link}`,
    ],
  }),
  en: (f, t) => ({
    subject: `New expected date for your ${f.caseItem.kind} ${f.caseItem.caseNumber}`,
    lines: [
      'Hello,',
      `Your ${f.caseItem.kind} ${f.caseItem.caseNumber} needs more time; the extension was approved and we now expect to answer by ${expected(f)}.`,
      `Reason: ${param(f, 'reason') ?? 'the case is complex and needs more time to investigate.'}`,
      `Case status: ${t.link}`,
    ],
  }),
};

/** The extended deadline (the notice's `until`), in the stage's time zone. */
function expected(f: NoticeFacts): string {
  const until = f.params.until;
  return typeof until === 'string' ? formatLocal(new Date(until), f.config.timeZone) : '-';
}
