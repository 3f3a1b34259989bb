/**
 * Every workflow mail, the receipt included, rendered by `send-notice` from a notice item
 * (template id + parameters without personal data) and the case item. Complainant mails
 * are in the case's language; staff mails are Chinese with the English text below.
 * Staff mails carry case number, level, priority, deadlines and the console link, never
 * the complainant's name, address, phone or description. No mail carries any text the
 * submitter chose except the case number and the category (a mail the service sends to
 * an address someone typed must not carry their message: test/handlers/mail-content.test.ts).
 */
import type { StageConfig } from '../config/stage-config';
import type { Language } from '../domain/status';
import { formatLocal } from '../domain/time-format';
import { staffCaseUrl, statusUrl } from '../http/links';
import { receiptTexts } from './acknowledgement';
import { escapeHtml, mailLayout } from './layout';
import { reportUntrueTexts, reviewResultTexts, surveyTexts } from './follow-up';
import { progressTexts } from './progress';
import { newExpectedDateTexts, resultTexts } from './result';

type Params = Readonly<Record<string, string | number | readonly string[]>>;

/** What a template may read of the case (no personal data is on the case item). */
export interface NoticeCase {
  readonly caseNumber: string;
  readonly kind: 'complaint' | 'report';
  readonly category: string;
  readonly level?: number;
  readonly priority?: string;
  /** The case status when the mail goes out (the progress mail puts it in words). */
  readonly status?: string;
  readonly deadlines?: Readonly<Record<string, string>>;
}

export interface NoticeFacts {
  readonly topic: string;
  readonly params: Params;
  readonly caseItem: NoticeCase;
  readonly config: Pick<StageConfig, 'publicBaseUrl' | 'timeZone' | 'categories' | 'review' | 'serviceDesk' | 'outsideRoutes' | 'limits'>;
}

type Lines = { subject: string; lines: string[] };
type Text = (f: NoticeFacts, t: Helpers) => Lines;
interface Helpers {
  readonly at: (iso: string | number | readonly string[] | undefined) => string;
  readonly p: (name: string) => string;
  readonly list: (name: string) => readonly string[];
  readonly link: string;
}

/** 补正 that pauses the case; a level-3 case asks for material in parallel and goes on (seed 003). */
const waitsForMaterial = (f: NoticeFacts) => f.caseItem.status === 'needs-supplement';
const kindZh = (f: NoticeFacts) => (f.caseItem.kind === 'report' ? '举报' : '投诉');
const missingNames: Record<string, { 'zh-CN': string; en: string }> = {
  evidence: { 'zh-CN': '证据材料（截图、链接、录音等）', en: 'evidence (screenshots, links, recordings)' },
  'subject-url': { 'zh-CN': '被投诉/举报内容的网址', en: 'the web address of what you report' },
  request: { 'zh-CN': '您的具体诉求', en: 'what you ask us to do' },
  contact: { 'zh-CN': '联系方式（邮箱或电话）', en: 'a contact (email or phone)' },
};

const complainant: Record<string, Record<Language, Text>> = {
  'progress-update': progressTexts, // 进展反馈/通报, L2 and L3 (progress.ts)
  survey: surveyTexts, // 回访 (follow-up.ts)
  'review-result': reviewResultTexts, // 复核 final result with the outside routes (follow-up.ts)
  'report-untrue': reportUntrueTexts, // 不实举报: found untrue, how to object (follow-up.ts)
  receipt: receiptTexts, // 受理回执 (acknowledgement.ts)
  result: resultTexts, // 处理结果告知 with basis, measures, remedies and the appeal window (result.ts)
  'new-expected-date': newExpectedDateTexts, // 延期 approved (result.ts)
  rejected: {
    'zh-CN': (f, t) => ({
      subject: `【不予受理】${kindZh(f)} ${f.caseItem.caseNumber}`,
      lines: [
        '您好：',
        `您的${kindZh(f)}（编号 ${f.caseItem.caseNumber}）涉及的网站不在本平台的受理范围内，我们无法处理。`,
        `建议您向 ${t.p('elsewhereZh')}（${t.p('elsewhereUrl')}）反映。`,
        `查询进度：${t.link}`,
      ],
    }),
    en: (f, t) => ({
      subject: `Not accepted: your ${f.caseItem.kind} ${f.caseItem.caseNumber}`,
      lines: [
        'Hello,',
        `Your ${f.caseItem.kind} ${f.caseItem.caseNumber} concerns a site outside what we can handle.`,
        `Please turn to ${t.p('elsewhereEn')} (${t.p('elsewhereUrl')}).`,
        `Case status: ${t.link}`,
      ],
    }),
  },
  'supplement-requested': {
    'zh-CN': (f, t) => ({
      subject: `【补正通知】${kindZh(f)} ${f.caseItem.caseNumber} 需要补充材料`,
      lines: [
        '您好：',
        `为处理您的${kindZh(f)}（编号 ${f.caseItem.caseNumber}），请一次性补充以下材料：`,
        ...t.list('missing').map((m, i) => `${i + 1}. ${missingNames[m]?.['zh-CN'] ?? m}`),
        waitsForMaterial(f)
          ? `请在 ${t.at(f.params.dueAt)} 前通过查询页面补充；逾期未补充的，案件将按材料不全结案。补充期间处理时限暂停。`
          : `我们已开始处理，处理时限不因等待材料而暂停；请在 ${t.at(f.params.dueAt)} 前通过查询页面补充。`,
        `补充材料：${t.link}`,
      ],
    }),
    en: (f, t) => ({
      subject: `Material needed for your ${f.caseItem.kind} ${f.caseItem.caseNumber}`,
      lines: [
        'Hello,',
        `To handle your ${f.caseItem.kind} ${f.caseItem.caseNumber} we need all of the following:`,
        ...t.list('missing').map((m, i) => `${i + 1}. ${missingNames[m]?.en ?? m}`),
        waitsForMaterial(f)
          ? `Please add it on the status page by ${t.at(f.params.dueAt)}; otherwise the case closes as incomplete. Our clock stops while we wait.`
          : `We are handling the case already and our clock keeps running; please add it on the status page by ${t.at(f.params.dueAt)}.`,
        `Add material: ${t.link}`,
      ],
    }),
  },
  'inquiry-answered': {
    'zh-CN': (f, t) => ({
      subject: `【答复】咨询 ${f.caseItem.caseNumber}`,
      lines: ['您好：', `关于您的咨询（编号 ${f.caseItem.caseNumber}）：`, faqAnswer(f, 'zh-CN'), '如仍有问题，可以重新提交投诉。', `查询：${t.link}`],
    }),
    en: (f, t) => ({
      subject: `Answer to your question ${f.caseItem.caseNumber}`,
      lines: ['Hello,', `About your question ${f.caseItem.caseNumber}:`, faqAnswer(f, 'en'), 'If this does not answer it, you may submit a complaint.', `Case status: ${t.link}`],
    }),
  },
  'duplicate-merged': {
    'zh-CN': (f, t) => ({
      subject: `【合并处理】${kindZh(f)} ${f.caseItem.caseNumber}`,
      lines: ['您好：', `您提交的${kindZh(f)} ${f.caseItem.caseNumber} 与您此前提交的 ${t.p('firstCase')} 内容相同，已合并到 ${t.p('firstCase')} 一并处理。`, `查询：${t.link}`],
    }),
    en: (f, t) => ({
      subject: `Merged: your ${f.caseItem.kind} ${f.caseItem.caseNumber}`,
      lines: ['Hello,', `Your ${f.caseItem.kind} ${f.caseItem.caseNumber} repeats your earlier ${t.p('firstCase')}; we handle both together under ${t.p('firstCase')}.`, `Case status: ${t.link}`],
    }),
  },
  'closed-incomplete': {
    'zh-CN': (f, t) => ({
      subject: `【结案】${kindZh(f)} ${f.caseItem.caseNumber} 材料不全`,
      lines: ['您好：', `您的${kindZh(f)}（编号 ${f.caseItem.caseNumber}）在补正期限内未收到所需材料，已按材料不全结案。您可以补齐材料后重新提交。`, `查询：${t.link}`],
    }),
    en: (f, t) => ({
      subject: `Closed as incomplete: ${f.caseItem.caseNumber}`,
      lines: ['Hello,', `We did not receive the material for ${f.caseItem.caseNumber} in time, so it is closed as incomplete. You may submit it again with the material.`, `Case status: ${t.link}`],
    }),
  },
};

const deadlineNamesZh: Record<string, string> = {
  'first-response': '首次响应',
  resolution: '办结',
  'initial-investigation': '初步调查',
  'progress-feedback': '进展反馈',
  'response-started': '启动响应',
  'initial-result': '初步结果',
  'progress-notice': '进展通报',
  'management-group': '投诉管理小组督办',
  'supplement-due': '补正期限',
  'follow-up': '回访',
  'appeal-review': '复核',
  'second-follow-up': '二次跟进',
};

const subjectTypesZh: Record<string, string> = { url: '网址', account: '账号', 'icp-filing': '备案号', staff: '工作人员', organisation: '机构', other: '对象' };

const changedZh: Record<string, string> = { level: '级别', priority: '优先级', assignee: '承办人' };

/** Staff mails: `[zh, en]` line pairs; the English block follows the Chinese one. */
const staff: Record<string, (f: NoticeFacts, t: Helpers) => { subject: string; zh: string[]; en: string[] }> = {
  assigned: (f) => ({ subject: `【新分派】${f.caseItem.caseNumber} 已分派给您 / assigned to you`, zh: ['以下案件已分派给您处理。'], en: ['This case has been assigned to you.'] }),
  'level-3-alert': (f) => ({
    subject: `【重大案件】${f.caseItem.caseNumber} / level 3 case`,
    zh: ['重大（三级）案件已登记，请立即组织响应。'],
    en: ['A level-3 (major) case was registered: organise the response now.'],
  }),
  'on-call-alert': (f) => ({
    subject: `【紧急值班】${f.caseItem.caseNumber} / on-call alert`,
    zh: ['重大或安全类案件已登记，请立即处置（先处置、后登记）。'],
    en: ['A major or security case was registered: handle it at once.'],
  }),
  hot: (f) => ({
    subject: `【热点】${f.caseItem.caseNumber} / hot case`,
    zh: ['案件已列为热点（如可能引起诉讼或媒体曝光、3人以上集体投诉、因我方原因一周未解决），请客服中心、责任部门和领导关注。'],
    en: ['The case is hot (e.g. possible lawsuit or media exposure, three or more people together, unresolved a week through our fault).'],
  }),
  // 热点 cluster (seed 004): one mail per incident, not per complaint. The subject itself is the
  // submitters' text and stays in the console (the link); the mail names its kind and the count.
  'cluster-hot': (f, t) => ({
    subject: `【热点聚集】${f.caseItem.caseNumber} ${t.p('clusterComplainants')} 位投诉人同一对象 / hot cluster`,
    zh: [
      `一个月内已有 ${t.p('clusterComplainants')} 位不同投诉人就同一${subjectTypesZh[t.p('subjectType')] ?? '对象'}提出投诉，已列为热点：该对象的全部案件（含此后收到的）均升为热点，不再逐件通知领导。`,
      `使其成为热点的案件：${f.caseItem.caseNumber}（对象详见处理链接）。周报、月报仍逐件列出全部热点案件。`,
    ],
    en: [
      `${t.p('clusterComplainants')} different complainants wrote about the same ${t.p('subjectType') || 'subject'} within the window: it is hot. Every case about it, and every later one, is raised to hot; leadership gets this one mail for the cluster, not one per case.`,
      `The case that turned it hot: ${f.caseItem.caseNumber} (the subject is in the console). The weekly and monthly reports still list every hot case.`,
    ],
  }),
  major: (f) => ({ subject: `【重大】${f.caseItem.caseNumber} / major case`, zh: ['案件已列为重大，请领导立即关注；处理期间每周至少通报一次进展。'], en: ['The case is major: leadership is told at once; progress at least weekly.'] }),
  'major-progress': (f, t) => ({
    subject: `【重大案件进展】${f.caseItem.caseNumber} 第 ${t.p('occurrence')} 次 / weekly update`,
    zh: ['重大案件定期进展通报：请查看处理记录。'],
    en: ['Periodic progress of a major case: see its history.'],
  }),
  'progress-due': (f, t) => ({
    subject: `【进展反馈】${f.caseItem.caseNumber} 第 ${t.p('occurrence')} 次 / progress due`,
    zh: [`请向投诉人反馈处理进展（第 ${t.p('occurrence')} 次，时限 ${t.at(f.params.dueAt)}）。`],
    en: [`Progress to the complainant is due (occurrence ${t.p('occurrence')}, by ${t.at(f.params.dueAt)}).`],
  }),
  reminder: (f, t) => ({
    subject: `【时限提醒】${f.caseItem.caseNumber} ${deadlineNamesZh[t.p('deadline')] ?? t.p('deadline')} / deadline reminder`,
    zh: [`「${deadlineNamesZh[t.p('deadline')] ?? t.p('deadline')}」将于 ${t.at(f.params.dueAt)} 到期。`],
    en: [`The ${t.p('deadline')} deadline is due at ${t.at(f.params.dueAt)}.`],
  }),
  overdue: (f, t) => ({
    subject: `【已超时】${f.caseItem.caseNumber} ${deadlineNamesZh[t.p('deadline')] ?? t.p('deadline')} / overdue`,
    zh: [`案件 ${f.caseItem.caseNumber} 的「${deadlineNamesZh[t.p('deadline')] ?? t.p('deadline')}」时限已于 ${t.at(f.params.dueAt)} 届满，尚未完成。`],
    en: [`Case ${f.caseItem.caseNumber} missed its ${t.p('deadline')} deadline (${t.at(f.params.dueAt)}).`],
  }),
  'appeal-assigned': (f, t) => ({
    subject: `【复核】${f.caseItem.caseNumber} 复核申请已分派给您 / appeal to review`,
    zh: [`投诉人对处理结果申请复核，已分派给您（您未参与原处理）。请在 ${t.at(f.caseItem.deadlines?.['appeal-review'])} 前作出复核结论；复核结果为最终结果。`],
    en: [`The complainant appealed the result; the review is yours (you took no part in the case). Decide by ${t.at(f.caseItem.deadlines?.['appeal-review'])}; the review result is final.`],
  }),
  'appeal-received': (f) => ({
    subject: `【复核】${f.caseItem.caseNumber} 待指定复核人 / appeal without a reviewer`,
    zh: ['投诉人申请复核，但原承办人的上级和管理员均已参与过本案或不在岗：请指定未参与原处理的复核人。'],
    en: ['The complainant appealed, and everyone above the handler took part in the case or is away: name a reviewer who did not.'],
  }),
  'second-follow-up': (f) => ({
    subject: `【二次回访】${f.caseItem.caseNumber} 投诉人反馈仍未解决 / second follow-up`,
    zh: ['案件重新处理并再次答复后，投诉人仍反馈问题未解决：请进行二次回访（电话或线上），并视情况组织复查。'],
    en: ['After the case was reopened and answered again, the complainant says it is still not resolved: follow up with them again.'],
  }),
  'feedback-unresolved': (f) => ({
    subject: `【重新处理】${f.caseItem.caseNumber} 投诉人反馈未解决 / reopened`,
    zh: ['回访中投诉人反馈问题未解决，案件已重新交由您处理，处理时限重新起算。'],
    en: ['The follow-up says it is not resolved: the case is back with you, its time limits started anew.'],
  }),
  'supplement-received': (f) => ({
    subject: `【补正材料】${f.caseItem.caseNumber} 投诉人已补充材料 / material received`,
    zh: ['投诉人已补充所需材料，处理时限按剩余时间恢复计算。请在处理系统中查看。'],
    en: ['The complainant sent the material asked for; the time limits run on with the time they had left. See the case in the console.'],
  }),
  'case-report-for-approval': (f) => ({
    subject: `【专题报告待审批】${f.caseItem.caseNumber} / case report to approve`,
    zh: ['热点、重大案件的专题报告已撰写，请审批（撰写人不得自行审批）。'],
    en: ["A hot or major case's report was written: approve it (its author may not)."],
  }),
  // 专题报告 (seed 004): staff-written, checked for personal data when written (report-text.ts).
  'case-report': (f, t) => ({
    subject: `【专题报告】${f.caseItem.caseNumber} / case report`,
    zh: ['热点、重大案件专题报告（已审批）：', `经过与原因：${t.p('causes')}`, `处理措施：${t.p('measures')}`, `预防措施：${t.p('prevention')}`],
    en: ['The approved report of a hot or major case (the text as written above): what happened and why, the measures taken, prevention.'],
  }),
  // 快报 (seed 004): what changed, no names (the console shows who).
  flash: (f, t) => ({
    subject: `【快报】${f.caseItem.caseNumber} 状况变化 / flash notice`,
    zh: [`热点、重大案件状况出现变化：${t.list('changed').map((c) => changedZh[c] ?? c).join('、')}。`],
    en: [`A hot or major case changed: ${t.list('changed').join(', ')}.`],
  }),
  // No name of the member in the mail: the supervisor knows whom they deactivated or who is away.
  'handed-back': (f, t) => ({
    subject: `【退回待办】${f.caseItem.caseNumber} 已退回部门待分派 / back in the queue`,
    zh: [
      t.p('reason') === 'deactivated' ? '原承办人的账号已停用，案件已退回部门待分派队列，请重新分派。' : '原承办人在本案时限届满时不在岗，案件已退回部门待分派队列，请重新分派。',
    ],
    en: [
      t.p('reason') === 'deactivated'
        ? 'Its handler was deactivated: the case is back in the department queue, unassigned. Assign it again.'
        : 'Its handler is away when it falls due: the case is back in the department queue, unassigned. Assign it again.',
    ],
  }),
  'management-group': (f) => ({
    subject: `【督办】${f.caseItem.caseNumber} 超过规定天数未办结 / open too long`,
    zh: ['该案件受理后超过规定天数仍未办结，按规定报投诉管理小组。'],
    en: ['This case has been open longer than the limit and is reported to the complaint management group.'],
  }),
};


/** `accessToken`: the token a complainant mail's status link carries in its fragment (the follow-up survey's), if any. */
export function renderNotice(facts: NoticeFacts, language: Language, accessToken?: string): { subject: string; text: string; html: string } {
  const { config, caseItem } = facts;
  const helpers = (link: string): Helpers => ({
    at: (iso) => (typeof iso === 'string' ? formatLocal(new Date(iso), config.timeZone) : '-'),
    p: (name) => String(facts.params[name] ?? ''),
    list: (name) => (Array.isArray(facts.params[name]) ? (facts.params[name] as readonly string[]) : []),
    link,
  });
  const forComplainant = complainant[facts.topic];
  if (forComplainant) {
    const { subject, lines } = forComplainant[language](facts, helpers(statusUrl(config.publicBaseUrl, caseItem.caseNumber, accessToken)));
    return { subject, text: lines.join('\n\n'), html: mailLayout(language, subject, lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')) };
  }
  // A topic without its own text still reaches staff, with the case summary.
  const forStaff = staff[facts.topic] ?? ((f: NoticeFacts) => ({ subject: `【案件通知】${f.caseItem.caseNumber} / ${f.topic}`, zh: [`案件通知：${f.topic}`], en: [`Case notice: ${f.topic}`] }));
  const link = staffCaseUrl(config.publicBaseUrl, caseItem.caseNumber);
  const t = helpers(link);
  const { subject, zh, en } = forStaff(facts, t);
  const deadlines = Object.entries(caseItem.deadlines ?? {}).sort(([, a], [, b]) => (a < b ? -1 : 1));
  const summaryZh = [
    `案件编号：${caseItem.caseNumber}`,
    `级别：${caseItem.level ?? '-'}　优先级：${caseItem.priority ?? '-'}`,
    ...deadlines.map(([name, due]) => `时限 ${deadlineNamesZh[name] ?? name}：${t.at(due)}`),
    `处理链接：${link}`,
  ];
  const summaryEn = [
    `Case: ${caseItem.caseNumber}`,
    `Level: ${caseItem.level ?? '-'}, priority: ${caseItem.priority ?? '-'}`,
    ...deadlines.map(([name, due]) => `Deadline ${name}: ${t.at(due)}`),
    `Open in the staff console: ${link}`,
  ];
  const lines = [...zh, ...summaryZh, '——', ...en, ...summaryEn];
  return { subject, text: lines.join('\n\n'), html: mailLayout('zh-CN', subject, lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')) };
}

function faqAnswer(f: NoticeFacts, language: Language): string {
  const faq = f.config.review.faq.find((entry) => entry.id === f.params.faqId);
  return faq?.answer[language] ?? '';
}
