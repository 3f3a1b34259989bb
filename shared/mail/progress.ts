/**
 * 进展反馈 / 进展通报: the complainant's progress mail of a level-2 (every 72 working
 * hours) or level-3 (every 12 h) case, one per occurrence of the escalation ladder, in
 * the case's language. It says where the case stands and when the next update is due,
 * links the status page (no token: the complainant has it), and names no staff member.
 */
import type { Language } from '../domain/status';

/** What the progress mail reads: the stored case (as `send-notice` passes it) and the notice's parameters. */
export interface ProgressFacts {
  readonly caseItem: { readonly caseNumber: string; readonly kind: 'complaint' | 'report'; readonly status?: string };
  readonly params: Readonly<Record<string, unknown>>;
}

export interface ProgressHelpers {
  /** An ISO instant in the stage's zone, `-` if absent. */
  readonly at: (iso: string | number | readonly string[] | undefined) => string;
  /** The status page of the case, without the access token. */
  readonly link: string;
}

type ProgressText = (f: ProgressFacts, t: ProgressHelpers) => { subject: string; lines: string[] };

/** Statuses a case can have while its progress clock runs, in the complainant's words. */
const statusWords: Record<string, Record<Language, string>> = {
  received: { 'zh-CN': '已受理，正在安排处理', en: 'accepted and being passed to the team that handles it' },
  assigned: { 'zh-CN': '已交由负责部门处理', en: 'with the department that handles it' },
  'in-progress': { 'zh-CN': '正在调查核实', en: 'being investigated' },
  reopened: { 'zh-CN': '已重新打开，正在继续处理', en: 'reopened and being handled again' },
  appealed: { 'zh-CN': '正在复核', en: 'under review' },
};
const inProgress = (f: ProgressFacts, language: Language) => (statusWords[f.caseItem.status ?? ''] ?? statusWords['in-progress']!)[language];
const nextAt = (f: ProgressFacts) => (typeof f.params.nextDueAt === 'string' ? f.params.nextDueAt : undefined);

export const progressTexts: Record<Language, ProgressText> = {
  'zh-CN': (f, t) => {
    const kind = f.caseItem.kind === 'report' ? '举报' : '投诉';
    const next = nextAt(f);
    return {
      subject: `【处理进展】${kind} ${f.caseItem.caseNumber}`,
      lines: [
        '您好：',
        `您的${kind}（编号 ${f.caseItem.caseNumber}）目前${inProgress(f, 'zh-CN')}。我们仍在继续处理，有结果后会第一时间告知您处理结果、依据和您的救济途径。`,
        next ? `如届时尚未办结，我们将在 ${t.at(next)} 前再次向您通报进展。` : '如尚未办结，我们会定期向您通报进展。',
        `查询进度或补充材料（需要提交时得到的查询码）：${t.link}`,
        '此邮件由系统自动发送，请勿直接回复。',
      ],
    };
  },
  en: (f, t) => {
    const next = nextAt(f);
    return {
      subject: `Progress on your ${f.caseItem.kind} ${f.caseItem.caseNumber}`,
      lines: [
        'Hello,',
        `Your ${f.caseItem.kind} ${f.caseItem.caseNumber} is ${inProgress(f, 'en')}. We are still working on it and will tell you the result, its basis and your remedies as soon as we have it.`,
        next ? `If it is not settled by then, we will update you again by ${t.at(next)}.` : 'Until it is settled, we will keep updating you at regular intervals.',
        `Check progress or add material (with the access token you were given): ${t.link}`,
        'This mail was sent automatically; please do not reply to it.',
      ],
    };
  },
};
