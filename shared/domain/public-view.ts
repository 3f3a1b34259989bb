import { allowedFrom } from './action-statuses';
import type { HistoryEntry, PublicCaseFacts } from './case-record';
import type { CaseStatus, Language } from './status';
import { isoInZone } from './time-format';
import type { PublicCaseViewBody } from '../schemas/public-responses';

/** The answer of `GET /complaints/{caseNumber}` (spec/api.md): no internal notes, staff or contact data. */
export type PublicCaseView = PublicCaseViewBody;

type Sentence = Readonly<Record<Language, string>>;

/**
 * What the complainant reads for a public history entry written by the system, in the
 * case's language: keyed by `action` (and by `action:note` where the step records an
 * outcome code). The codes themselves (`accepted`, `acknowledgement-sent`, ...) are
 * workflow vocabulary and never leave the server (docs/domain.md "Public history").
 */
const systemSentences: Readonly<Record<string, Sentence>> = {
  'acknowledge:acknowledgement-sent': { 'zh-CN': '受理回执已发送到您的邮箱。', en: 'We mailed you a receipt.' },
  'review:accepted': { 'zh-CN': '经初步审核，已予受理，将按问题的级别在规定时限内处理。', en: 'Accepted after initial review: we handle it within the time limit for its level.' },
  'review:out-of-scope': { 'zh-CN': '经初步审核，不属于本平台的受理范围。', en: 'After initial review: this is outside what we can handle.' },
  'review:needs-supplement': { 'zh-CN': '需要您补充材料后才能继续处理；补充期间处理时限暂停。', en: 'We need more material from you before we can go on; our clock stops while we wait.' },
  'review:material-requested': {
    'zh-CN': '已受理并开始处理；同时请您补充所需材料。等待材料期间处理时限不暂停。',
    en: 'Accepted and being handled; please also send the material we asked for. Our clock keeps running meanwhile.',
  },
  'review:answered': { 'zh-CN': '已按常见问题答复，见处理结果。', en: 'Answered from our common questions: see the result.' },
  'merge:duplicate': { 'zh-CN': '与您此前提交的案件内容相同，已合并处理。', en: 'The same as a case you sent earlier: both are handled together.' },
  supplement: { 'zh-CN': '已收到您补充的材料，继续处理。', en: 'We received your additional material and carry on.' },
  'supplement-expired': { 'zh-CN': '补正期限内未收到所需材料，已按材料不全结案。', en: 'The material did not arrive in time: closed as incomplete.' },
  'decide-extension': { 'zh-CN': '处理时限已经批准延长，预计答复时间已更新。', en: 'The time limit was extended; the expected answer time is updated.' },
  appeal: { 'zh-CN': '已收到您的复核申请，已交由未参与原处理的上级人员复核。', en: 'We received your request for a review; someone above the original handler, who took no part in it, reviews it.' },
  review: { 'zh-CN': '复核已完成：复核结果为最终处理意见，见处理结果。', en: 'The review is done: its result, shown below, is final.' },
  'feedback:resolved': { 'zh-CN': '感谢您的回访评价：问题已解决，本案办结。', en: 'Thank you for your answer: resolved, so the case is closed.' },
  'feedback:reopened': { 'zh-CN': '您反馈问题未解决，案件已重新交由原承办人处理。', en: 'You told us it is not resolved: the case is back with its handler.' },
  'feedback:second-follow-up': { 'zh-CN': '您反馈问题仍未解决，主管将进行二次回访。', en: 'You told us it is still not resolved: a supervisor follows up with you again.' },
  'appeal-window-ended': { 'zh-CN': '申请复核的期限已过，本案办结。', en: 'The time to ask for a review is over; the case is closed.' },
};

/**
 * Staff text written for the complainant, shown as written: a note staff mark public,
 * the reason of a rejection, the list of material asked for (补正). The notes of every
 * other step (accept, close, classify, ...) are working notes and stay inside.
 */
const forComplainant: readonly string[] = ['note', 'reject', 'request-supplement'];

/** The public note of a public history entry, or none. */
export function publicNote(entry: HistoryEntry, language: Language): string | undefined {
  if (!entry.public) return undefined;
  if (entry.actor !== 'system' && entry.actor !== 'complainant' && forComplainant.includes(entry.action)) return entry.note || undefined;
  return systemSentences[entry.note ? `${entry.action}:${entry.note}` : entry.action]?.[language];
}

/**
 * The deadline shown as `expectedBy`, by level, in order: the first one still set is the
 * one the complainant waits for (the workflow removes a deadline once it is met).
 */
const expectedByDeadlines: Record<1 | 2 | 3, readonly string[]> = {
  1: ['first-response', 'resolution'],
  2: ['initial-investigation', 'progress-feedback'],
  3: ['response-started', 'initial-result'],
};

const waitingOrDone: readonly CaseStatus[] = ['needs-supplement', 'rejected', 'replied', 'closed'];

export function publicCaseView(caseRecord: PublicCaseFacts, history: readonly HistoryEntry[], timeZone: string): PublicCaseView {
  const at = (iso: string) => isoInZone(new Date(iso), timeZone);
  const deadlines = caseRecord.deadlines ?? {};
  const expected =
    caseRecord.level && !waitingOrDone.includes(caseRecord.status)
      ? expectedByDeadlines[caseRecord.level].map((name) => deadlines[name]).find(Boolean)
      : undefined;
  const appealDeadline = deadlines['appeal-window'];
  return {
    caseNumber: caseRecord.caseNumber,
    kind: caseRecord.kind,
    status: caseRecord.status,
    ...(caseRecord.level ? { level: caseRecord.level } : {}),
    ...(caseRecord.priority ? { priority: caseRecord.priority } : {}),
    receivedAt: at(caseRecord.receivedAt),
    ...(expected ? { expectedBy: at(expected) } : {}),
    history: history
      .filter((entry) => entry.public)
      .map((entry) => {
        const note = publicNote(entry, caseRecord.language);
        return { at: at(entry.at), status: entry.status, ...(note ? { note } : {}) };
      }),
    ...(caseRecord.result ? { result: caseRecord.result } : {}),
    actions: {
      // 补正: while waiting for it, or while a level-3 case asks for it in parallel.
      supplement: caseRecord.status === 'needs-supplement' || (allowedFrom.supplement.includes(caseRecord.status) && deadlines['supplement-due'] !== undefined),
      // 回访: from the reply until the appeal window ends, one answer per reply.
      feedback: caseRecord.status === 'replied' && !(caseRecord.feedback && caseRecord.repliedAt && caseRecord.feedback.at >= caseRecord.repliedAt),
      appeal: Boolean(appealDeadline) && (caseRecord.status === 'replied' || caseRecord.status === 'closed'),
      ...(appealDeadline ? { appealDeadline: at(appealDeadline) } : {}),
    },
  };
}
