/**
 * The complainant's answer (处理结果告知, domain.md step 7): the result, its basis, the
 * measures taken and the remedies, with the appeal window and where else to turn (seed 001
 * (五)); and the new expected date after an approved extension. The texts are the staff
 * member's own (never the submitter's): the reply form asks for them in the case language.
 */
import type { Language } from '../domain/status';
import { guidanceFor } from '../domain/initial-review';
import { formatLocal } from '../domain/time-format';
import type { NoticeFacts } from './notices';

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
  'zh-CN': (f, t) => {
    const centre = guidanceFor(f.config, f.caseItem.category);
    return {
      subject: `【处理结果】${kindZh(f)} ${f.caseItem.caseNumber}`,
      lines: [
        '您好：',
        `您的${kindZh(f)}（编号 ${f.caseItem.caseNumber}）已处理完毕，结果如下。`,
        `处理结果：${param(f, 'result') ?? '请在查询页面查看。'}`,
        ...(param(f, 'basis') ? [`处理依据：${param(f, 'basis')}`] : []),
        ...(param(f, 'measures') ? [`采取的措施：${param(f, 'measures')}`] : []),
        ...(param(f, 'remedies') ? [`补救措施：${param(f, 'remedies')}`] : []),
        `如对处理结果有异议，可在收到本通知后 ${windowZh(f)} 内通过查询页面申请复核；也可以向 ${centre.name['zh-CN']}（${centre.url}）或主管部门反映。`,
        `查询、评价与申请复核：${t.link}`,
      ],
    };
  },
  en: (f, t) => {
    const centre = guidanceFor(f.config, f.caseItem.category);
    return {
      subject: `Result of your ${f.caseItem.kind} ${f.caseItem.caseNumber}`,
      lines: [
        'Hello,',
        `We have finished handling your ${f.caseItem.kind} ${f.caseItem.caseNumber}.`,
        `Result: ${param(f, 'result') ?? 'see the status page.'}`,
        ...(param(f, 'basis') ? [`Basis: ${param(f, 'basis')}`] : []),
        ...(param(f, 'measures') ? [`Measures taken: ${param(f, 'measures')}`] : []),
        ...(param(f, 'remedies') ? [`Remedies: ${param(f, 'remedies')}`] : []),
        `If you disagree, you may ask for a review on the status page within ${windowEn(f)} of this notice, or turn to ${centre.name.en} (${centre.url}) or the competent authority.`,
        `Status, feedback and appeal: ${t.link}`,
      ],
    };
  },
};

/** 延期: an approved extension moves the date the complainant expects an answer by. */
export const newExpectedDateTexts: Record<Language, Text> = {
  'zh-CN': (f, t) => ({
    subject: `【处理延期】${kindZh(f)} ${f.caseItem.caseNumber}`,
    lines: ['您好：', `您的${kindZh(f)}（编号 ${f.caseItem.caseNumber}）情况较复杂，经批准延长处理期限，预计在 ${expected(f)} 前答复。`, `查询进度：${t.link}`],
  }),
  en: (f, t) => ({
    subject: `New expected date for your ${f.caseItem.kind} ${f.caseItem.caseNumber}`,
    lines: ['Hello,', `Your ${f.caseItem.kind} ${f.caseItem.caseNumber} needs more time; the extension was approved and we now expect to answer by ${expected(f)}.`, `Case status: ${t.link}`],
  }),
};

/** The extended deadline (the notice's `until`), in the stage's time zone. */
function expected(f: NoticeFacts): string {
  const until = f.params.until;
  return typeof until === 'string' ? formatLocal(new Date(until), f.config.timeZone) : '-';
}
