import { describe, expect, it } from 'vitest';
import type { PublicCaseFacts as CaseRecord, HistoryEntry } from '../../../shared/domain/case-record';
import { publicCaseView, publicNote } from '../../../shared/domain/public-view';
import { publicCaseViewSchema } from '../../../shared/schemas/public-responses';

const caseRecord = (language: CaseRecord['language']): CaseRecord => ({
  caseNumber: 'TS-20261123-0007',
  kind: 'complaint',
  language,
  receivedAt: '2026-11-23T02:00:00.000Z',
  status: 'in-progress',
  level: 1,
});

let seq = 0;
const entry = (action: string, actor: string, isPublic: boolean, note?: string, status: HistoryEntry['status'] = 'in-progress'): HistoryEntry => ({
  at: '2026-11-23T03:00:00.000Z',
  seq: seq++,
  status,
  action,
  actor,
  public: isPublic,
  ...(note !== undefined ? { note } : {}),
});

const history: HistoryEntry[] = [
  entry('register', 'complainant', true, undefined, 'received'),
  entry('acknowledge', 'system', true, 'acknowledgement-sent', 'received'),
  entry('review', 'system', true, 'accepted', 'received'),
  entry('classify', 'system', false, 'level 1, general', 'received'),
  entry('assign', 'system', false, 'fewest-open-cases', 'assigned'),
  entry('accept', 'li.na@example.org', true, '先联系商家核实 call the shop first'),
  entry('note', 'li.na@example.org', false, '商家电话 021-5555 内部 internal'),
  entry('note', 'li.na@example.org', true, '我们已联系商家，预计明天给您答复。'),
  entry('some-new-step', 'system', true, 'some-new-code'),
];

describe('public history notes', () => {
  it('system codes become sentences in the case language; internal and working notes never appear', () => {
    const zh = publicCaseView(caseRecord('zh-CN'), history, 'Asia/Shanghai');
    expect(zh.history.map((h) => [h.status, h.note])).toEqual([
      ['received', undefined],
      ['received', '受理回执已发送到您的邮箱。'],
      ['received', '经初步审核，已予受理，将按问题的级别在规定时限内处理。'],
      ['in-progress', undefined], // accept: a working note of staff
      ['in-progress', '我们已联系商家，预计明天给您答复。'], // a note staff marked public, as written
      ['in-progress', undefined], // an unknown code is not shown
    ]);
    const en = publicCaseView(caseRecord('en'), history, 'Asia/Shanghai');
    expect(en.history[2]!.note).toBe('Accepted after initial review: we handle it within the time limit for its level.');
    const body = JSON.stringify([zh, en]);
    for (const hidden of ['acknowledgement-sent', '"accepted"', 'level 1', 'fewest-open-cases', 'li.na', '021-5555', 'call the shop', 'some-new-code']) {
      expect(body).not.toContain(hidden);
    }
    expect(publicCaseViewSchema.safeParse(zh).success).toBe(true);
  });

  it('every outcome of the automatic review and the other system steps reads as a sentence, in both languages', () => {
    const codes: [string, string | undefined][] = [
      ['review', 'accepted'],
      ['review', 'out-of-scope'],
      ['review', 'needs-supplement'],
      ['review', 'answered'],
      ['merge', 'duplicate'],
      ['supplement', undefined],
      ['supplement-expired', undefined],
      ['decide-extension', undefined],
      ['appeal', undefined],
      ['appeal-window-ended', undefined],
    ];
    for (const [action, note] of codes) {
      for (const language of ['zh-CN', 'en'] as const) {
        const text = publicNote(entry(action, 'system', true, note), language);
        expect(text, `${action} ${note} ${language}`).toMatch(language === 'zh-CN' ? /[\u4e00-\u9fff]/ : /^[A-Z][^\u4e00-\u9fff]+\.$/);
      }
    }
  });

  it('staff text meant for the complainant is shown as written: a rejection reason, the material asked for', () => {
    expect(publicNote(entry('reject', 'wang.fang@example.org', true, '不属于本平台业务，请向 12321 反映'), 'en')).toBe('不属于本平台业务，请向 12321 反映');
    expect(publicNote(entry('request-supplement', 'li.na@example.org', true, '订单号 order number'), 'zh-CN')).toBe('订单号 order number');
    expect(publicNote(entry('close', 'li.na@example.org', true, '已电话回访 called back'), 'zh-CN')).toBeUndefined();
    expect(publicNote(entry('note', 'li.na@example.org', false, 'internal'), 'zh-CN')).toBeUndefined();
  });
});
