import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ActionNotAllowedError, ForbiddenActionError } from '../../../shared/domain/action-errors';
import { allowedFrom } from '../../../shared/domain/action-statuses';
import { adminAccessOutcome } from '../../../shared/domain/audit';
import { applyAction, type Actor, type CaseAction } from '../../../shared/domain/case-actions';
import type { CaseState } from '../../../shared/domain/case-state';
import { escalationsDue } from '../../../shared/domain/escalation';
import { caseStatuses, type CaseStatus } from '../../../shared/domain/status';
import { at } from './fixtures';
import {
  admin,
  assignedToLiNa,
  complainant,
  ctx,
  director,
  fraudReport,
  liNa,
  liuYang,
  received,
  run,
  staff,
  system,
  wangFang,
  wuHao,
  xuTao,
  zhaoLei,
  type Step,
} from './case-fixtures';

const act = (s: CaseState, actor: Actor, action: CaseAction, when: string) => applyAction(ctx, s, actor, action, at(when));
const local = (iso: string | undefined) => iso && new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16);

describe('a level-1 complaint from receipt to closing', () => {
  it('acknowledge applies the category defaults and sets the deadlines', () => {
    const { state, history, notices } = act(received(), system, { action: 'acknowledge' }, '2026-11-20 17:00');
    expect(state).toMatchObject({ status: 'received', type: 'complaint', level: 1, department: 'customer-service', security: false, priority: 'general', version: 2 });
    expect(Object.fromEntries(state.deadlines.map((d) => [d.name, local(d.dueAt)]))).toEqual({
      acknowledge: '2026-11-23 18:00',
      'scope-decision': '2026-11-23 18:00',
      'management-group': '2026-11-27 18:00',
      'first-response': '2026-11-23 12:00', // domain.md: Friday 17:00 + 4 working hours
      resolution: '2026-11-25 14:00',
    });
    expect(history).toEqual({ at: at('2026-11-20 17:00').toISOString(), status: 'received', action: 'acknowledge', actor: 'system', public: true });
    expect(notices.map((n) => n.key)).toEqual(['TS-20261120-0001#acknowledgement#2#0#complainant']);
  });

  it('route → accept → public note → reply → feedback: closed, every step in the history', () => {
    let s = assignedToLiNa();
    expect(s).toMatchObject({ status: 'assigned', assignee: 'li.na@example.org', handledBy: ['li.na@example.org'] });
    const steps: Step[] = [
      [liNa, { action: 'accept' }, '2026-11-23 09:10'],
      [liNa, { action: 'note', note: '已联系商家 contacted the shop', public: true }, '2026-11-23 10:00'],
      [liNa, { action: 'reply', result: '商家已退款 refunded' }, '2026-11-24 10:00'],
      [complainant, { action: 'feedback', resolved: true, score: 5 }, '2026-11-25 10:00'],
    ];
    const statuses: CaseStatus[] = [];
    for (const [actor, action, when] of steps) {
      const out = act(s, actor, action, when);
      statuses.push(out.history.status);
      s = out.state;
    }
    expect(statuses).toEqual(['in-progress', 'in-progress', 'replied', 'closed']);
    expect(s).toMatchObject({ status: 'closed', closeReason: 'resolved', result: '商家已退款 refunded', feedback: { resolved: true, score: 5 } });
    expect(s.deadlines.find((d) => d.name === 'first-response')?.metAt).toBe(at('2026-11-23 10:00').toISOString());
    // domain.md: a result notified Tuesday 10:00 opens an appeal window to 18:00 on the 15th working day after
    expect(local(s.deadlines.find((d) => d.name === 'appeal-window')?.dueAt)).toBe('2026-12-15 18:00');
  });

  it('a handler claims an unassigned case of their queue by accepting it', () => {
    const s = run(received(), [[system, { action: 'acknowledge' }, '2026-11-20 17:00'], [zhaoLei, { action: 'accept' }, '2026-11-23 09:00']]);
    expect(s).toMatchObject({ status: 'in-progress', assignee: 'zhao.lei@example.org', accepted: true });
  });

  it('out of scope → rejected with the reason, public', () => {
    const out = act(assignedToLiNa(), liNa, { action: 'reject', reason: '不属于本网站 not about this site; 请向 12321 举报' }, '2026-11-23 09:30');
    expect(out.state).toMatchObject({ status: 'rejected', closeReason: 'rejected' });
    expect(out.history).toMatchObject({ public: true, note: '不属于本网站 not about this site; 请向 12321 举报' });
    expect(out.notices.map((n) => n.topic)).toEqual(['rejected']);
  });
});

describe('补正 supplement', () => {
  const waiting = run(assignedToLiNa(), [[liNa, { action: 'request-supplement', missing: ['订单号 order number', '截图 screenshot'] }, '2026-11-23 10:00']]);

  it('is asked once, listing everything missing, and pauses the handling clocks', () => {
    expect(waiting).toMatchObject({ status: 'needs-supplement', resumeStatus: 'assigned', supplementRequested: true });
    expect(waiting.deadlines.find((d) => d.name === 'resolution')?.pausedAt).toBe(at('2026-11-23 10:00').toISOString());
    expect(local(waiting.deadlines.find((d) => d.name === 'supplement-due')?.dueAt)).toBe('2026-11-30 18:00');
    expect(() => act({ ...waiting, status: 'assigned' }, liNa, { action: 'request-supplement', missing: ['x'] }, '2026-11-23 11:00')).toThrow(ActionNotAllowedError);
  });

  it('the material resumes the case where it was, with the time left', () => {
    const s = run(waiting, [[complainant, { action: 'supplement' }, '2026-11-25 10:00']]);
    expect(s.status).toBe('assigned');
    // resolution (due Wednesday 14:00) had 8 + 9 + 5 = 22 working hours left at Monday 10:00;
    // from Wednesday 10:00 that is 8 + 9 + 5 again: Friday 14:00
    const resolution = s.deadlines.find((d) => d.name === 'resolution')!;
    expect(resolution).toMatchObject({ revision: 1 });
    expect(local(resolution.dueAt)).toBe('2026-11-27 14:00');
  });

  it('asked for by initial review: the material sends the case on to classification, whose clocks start when it arrived', () => {
    const asked = run(received(), [[system, { action: 'initial-review', decision: { outcome: 'needs-supplement', missing: ['evidence'] }, language: 'zh-CN' }, '2026-11-23 10:00']]);
    expect(asked.status).toBe('needs-supplement');
    const supplemented = act(asked, complainant, { action: 'supplement' }, '2026-11-25 10:00');
    expect(supplemented.state).toMatchObject({ status: 'received', accepted: true, supplementedAt: at('2026-11-25 10:00').toISOString() });
    expect(supplemented.notices).toEqual([]); // nobody to tell yet: classification and assignment follow
    expect(() => act(supplemented.state, complainant, { action: 'supplement' }, '2026-11-25 11:00')).toThrow(ActionNotAllowedError);
    const classified = act(supplemented.state, system, { action: 'auto-classify' }, '2026-11-25 10:00').state;
    // level 1: first response 4 working hours from the material's arrival, not from receipt two days before
    expect(local(classified.deadlines.find((d) => d.name === 'first-response')?.dueAt)).toBe('2026-11-25 14:00');
    expect(classified.deadlines.find((d) => d.name === 'supplement-due')?.metAt).toBe(at('2026-11-25 10:00').toISOString());
  });

  it('a level-3 or security report without its evidence never waits: accepted at once, clocks from receipt, on-call alerted, material asked for in parallel (先处理后登记, 重大投诉 24 小时内启动)', () => {
    const review = { action: 'initial-review', decision: { outcome: 'needs-supplement', missing: ['evidence'] }, language: 'zh-CN' } as const;
    const asked = act(fraudReport(), system, review, '2026-11-21 02:00');
    expect(asked.state).toMatchObject({ status: 'received', accepted: true, missing: ['evidence'], level: 3, security: true, priority: 'major' });
    expect(asked.history.note).toBe('material-requested');
    expect(asked.notices.map((n) => `${n.topic}:${n.audience}:${n.immediate}`)).toEqual(
      expect.arrayContaining(['supplement-requested:complainant:true', 'on-call-alert:on-call:true', 'level-3-alert:supervisor:true']),
    );
    const dayAfterReceipt = new Date(Date.parse(asked.state.receivedAt) + 24 * 3_600_000).toISOString();
    const responseStarted = asked.state.deadlines.find((d) => d.name === 'response-started')!;
    expect(responseStarted.pausedAt).toBeUndefined();
    expect(responseStarted.dueAt).toBe(dayAfterReceipt);
    // Classification keeps the clocks from receipt and the open request.
    const classified = act(asked.state, system, { action: 'auto-classify' }, '2026-11-21 02:01').state;
    expect(classified.deadlines.find((d) => d.name === 'response-started')?.dueAt).toBe(dayAfterReceipt);
    expect(classified.deadlines.find((d) => d.name === 'supplement-due')?.metAt).toBeUndefined();
    // The material arrives while staff work: nothing resumes, the status stays, once only.
    const supplemented = act(classified, complainant, { action: 'supplement' }, '2026-11-21 05:00');
    expect(supplemented.state.status).toBe('received');
    expect(supplemented.state.deadlines.find((d) => d.name === 'supplement-due')?.metAt).toBe(at('2026-11-21 05:00').toISOString());
    expect(supplemented.state.deadlines.find((d) => d.name === 'response-started')?.dueAt).toBe(dayAfterReceipt);
    expect(() => act(supplemented.state, complainant, { action: 'supplement' }, '2026-11-21 06:00')).toThrow(ActionNotAllowedError);
    // A case that is not urgent waits for its material without alerting anyone.
    const quiet = act(received(), system, review, '2026-11-23 10:00');
    expect(quiet.state.status).toBe('needs-supplement');
    expect(quiet.notices.map((n) => n.topic)).toEqual(['supplement-requested']);
  });

  it('staff asking a level-3 case for material pause nothing and leave it with its handler; unanswered, the request lapses and the case stays open', () => {
    const l3 = assignedToLiNa(fraudReport());
    expect(l3.level).toBe(3);
    const handling = l3.deadlines.filter((d) => d.name === 'response-started' || d.name === 'initial-result');
    const asked = act(l3, liNa, { action: 'request-supplement', missing: ['截图'] }, '2026-11-23 10:00');
    expect(asked.state.status).toBe(l3.status);
    expect(asked.state.deadlines.filter((d) => d.name === 'response-started' || d.name === 'initial-result')).toEqual(handling);
    expect(asked.notices.map((n) => n.topic)).toContain('supplement-requested');
    expect(() => act(asked.state, liNa, { action: 'request-supplement', missing: ['更多'] }, '2026-11-23 11:00')).toThrow(ActionNotAllowedError);
    const lapsed = act(asked.state, system, { action: 'supplement-expired' }, '2026-11-30 18:00');
    expect(lapsed.state.status).toBe(l3.status);
    expect(lapsed.state.deadlines.find((d) => d.name === 'supplement-due')).toBeUndefined();
    expect(() => act(lapsed.state, complainant, { action: 'supplement' }, '2026-11-30 19:00')).toThrow(ActionNotAllowedError);
  });

  it('not received in time → closed as incomplete; not before', () => {
    expect(() => act(waiting, system, { action: 'supplement-expired' }, '2026-11-30 17:59')).toThrow(ActionNotAllowedError);
    expect(act(waiting, system, { action: 'supplement-expired' }, '2026-11-30 18:00').state).toMatchObject({ status: 'closed', closeReason: 'incomplete' });
  });
});

describe('level 3, approval, appeal and review', () => {
  const assigned = run(fraudReport(), [
    [system, { action: 'acknowledge' }, '2026-11-21 02:00'],
    [wuHao, { action: 'assign', assignee: 'xu.tao@example.org' }, '2026-11-21 02:30'],
    [xuTao, { action: 'accept' }, '2026-11-21 03:00'],
  ]);

  it('a level-3 reply waits for supervisor approval; nobody approves their own', () => {
    const pending = act(assigned, xuTao, { action: 'reply', result: '已删除违法信息 removed' }, '2026-11-21 20:00');
    expect(pending.state.status).toBe('in-progress');
    expect(pending.notices.map((n) => `${n.topic}:${n.recipients.join()}`)).toEqual(['reply-for-approval:wu.hao@example.org']);
    expect(() => act(pending.state, xuTao, { action: 'approve-reply', approve: true }, '2026-11-21 21:00')).toThrow(ForbiddenActionError);
    const approved = act(pending.state, wuHao, { action: 'approve-reply', approve: true }, '2026-11-21 21:00').state;
    expect(approved).toMatchObject({ status: 'replied', result: '已删除违法信息 removed' });
    expect(approved.handledBy).toEqual(['xu.tao@example.org', 'wu.hao@example.org']);
  });

  const replied = run(assigned, [
    [xuTao, { action: 'reply', result: '已删除 removed' }, '2026-11-23 10:00'],
    [wuHao, { action: 'approve-reply', approve: true }, '2026-11-23 10:00'],
  ]);

  it('an appeal only within 15 working days of the result notice', () => {
    expect(local(replied.deadlines.find((d) => d.name === 'appeal-window')?.dueAt)).toBe('2026-12-14 18:00');
    expect(act(replied, complainant, { action: 'appeal' }, '2026-12-14 17:59').state.status).toBe('appealed');
    expect(() => act(replied, complainant, { action: 'appeal' }, '2026-12-14 18:00')).toThrow(ActionNotAllowedError);
  });

  it('the reviewer is a supervisor or admin who never handled the case; the review is final', () => {
    const appealed = act(replied, complainant, { action: 'appeal' }, '2026-11-30 10:00').state;
    expect(() => act(appealed, wuHao, { action: 'review', result: '维持 upheld' }, '2026-12-01 10:00')).toThrow(ForbiddenActionError);
    expect(() => act(appealed, xuTao, { action: 'review', result: '维持 upheld' }, '2026-12-01 10:00')).toThrow(ForbiddenActionError);
    const reviewed = act(appealed, director, { action: 'review', result: '维持原处理 upheld' }, '2026-12-01 10:00').state;
    expect(reviewed).toMatchObject({ status: 'closed', closeReason: 'reviewed', result: '维持原处理 upheld', reviewChanged: false });
    // Only the reviewer says the result changed (the report's appeals.changed).
    expect(act(appealed, director, { action: 'review', result: '改为退款 refund', changed: true }, '2026-12-01 10:00').state.reviewChanged).toBe(true);
    expect(() => act(reviewed, complainant, { action: 'appeal' }, '2026-12-02 10:00')).toThrow(ActionNotAllowedError);
  });

  it('复核 is routed to the first of the handler\'s supervisor chain, then the admins, who neither handled nor approved it, with its own limit', () => {
    // xu.tao handled, wu.hao (his supervisor) approved: the next one up is the director.
    const appealed = act(replied, complainant, { action: 'appeal' }, '2026-11-30 10:00');
    expect(appealed.state.reviewer).toBe('director@example.org');
    expect(appealed.notices.map((n) => `${n.topic}:${n.audience}:${n.recipients.join()}`)).toEqual(['appeal-assigned:reviewer:director@example.org']);
    const review = appealed.state.deadlines.find((d) => d.name === 'appeal-review')!;
    expect(local(review.dueAt)).toBe('2026-12-21 18:00'); // 15 working days after Monday 30 November
    expect(appealed.state.deadlines.find((d) => d.name === 'appeal-window')?.metAt).toBe(at('2026-11-30 10:00').toISOString());
    const reviewed = act(appealed.state, director, { action: 'review', result: '维持 upheld' }, '2026-12-01 10:00');
    expect(reviewed.state.deadlines.find((d) => d.name === 'appeal-review')?.metAt).toBe(at('2026-12-01 10:00').toISOString());
    expect(reviewed.notices.map((n) => `${n.topic}:${n.audience}`)).toEqual(['review-result:complainant']);
  });

  it('复核 with nobody to route to (every candidate handled it) goes to the management group', () => {
    const everyone = ctx.config.staff.map((m) => m.email);
    const appealed = act({ ...replied, handledBy: everyone }, complainant, { action: 'appeal' }, '2026-11-30 10:00');
    expect(appealed.state.reviewer).toBeUndefined();
    expect(appealed.notices.map((n) => `${n.topic}:${n.audience}`)).toEqual(['appeal-received:management-group']);
  });
});

describe('回访 follow-up', () => {
  const replied = run(assignedToLiNa(), [[liNa, { action: 'reply', result: '已处理 done' }, '2026-11-23 10:00']]);

  it('the reply starts the follow-up clock: the survey is due a day later', () => {
    expect(local(replied.deadlines.find((d) => d.name === 'follow-up')?.dueAt)).toBe('2026-11-24 10:00');
  });

  it('one answer per reply: a second answer to the same reply is 409', () => {
    const reopened = act(replied, complainant, { action: 'feedback', resolved: false, score: 2 }, '2026-11-24 10:00').state;
    expect(() => act({ ...reopened, status: 'replied' }, complainant, { action: 'feedback', resolved: true, score: 5 }, '2026-11-24 11:00')).toThrow(ActionNotAllowedError);
    expect(reopened.deadlines.find((d) => d.name === 'follow-up')?.metAt).toBe(at('2026-11-24 10:00').toISOString());
  });

  it('unresolved the first time reopens; unresolved after the second reply keeps it answered and starts the second follow-up', () => {
    const second = run(replied, [
      [complainant, { action: 'feedback', resolved: false, score: 2 }, '2026-11-24 10:00'],
      [liNa, { action: 'reply', result: '再次处理 done again' }, '2026-11-25 10:00'],
    ]);
    expect(second.status).toBe('replied');
    const again = act(second, complainant, { action: 'feedback', resolved: false, score: 1 }, '2026-11-26 10:00');
    expect(again.state).toMatchObject({ status: 'replied', feedback: { resolved: false, score: 1 } });
    expect(again.history.note).toBe('second-follow-up');
    expect(again.notices.map((n) => `${n.topic}:${n.recipients.join()}`)).toEqual(['second-follow-up:wang.fang@example.org']);
    // Still appealable after it.
    expect(act(again.state, complainant, { action: 'appeal' }, '2026-11-27 10:00').state.status).toBe('appealed');
  });
});

describe('parking and erasure are domain actions with a history entry (issue 20)', () => {
  it('park: only the system; the state gains when and after how many attempts, nothing else; a history entry with counts only, no notices', () => {
    const s = assignedToLiNa();
    const parked = act(s, system, { action: 'park', attempts: 12, dueAt: '2026-11-23T05:12:00.000Z' }, '2026-11-23 14:00');
    const { parkedAt, parkedAttempts, version, ...rest } = parked.state;
    expect([parkedAt, parkedAttempts, version]).toEqual([at('2026-11-23 14:00').toISOString(), 12, s.version + 1]);
    expect(rest).toEqual((({ version: _v, ...r }) => r)(s));
    expect(parked.history).toEqual({ at: at('2026-11-23 14:00').toISOString(), status: s.status, action: 'park', actor: 'system', note: 'escalation failed 12 times for the step due 2026-11-23T05:12:00.000Z', public: false });
    expect(parked.notices).toEqual([]);
    expect(() => act(s, liNa, { action: 'park', attempts: 1, dueAt: '2026-11-23T05:12:00.000Z' } as never, '2026-11-23 14:00')).toThrow(ForbiddenActionError);
  });

  it('erase: the case is not mailable from then on and records when; its history entry holds the reason code, not the person', () => {
    const s = assignedToLiNa();
    const erased = adminAccessOutcome(s, 'admin@example.org', 'erase', 'data-subject-request', at('2026-11-24 10:00'));
    expect(erased.state).toEqual({ ...s, version: s.version + 1, complainantMailable: false, erasedAt: at('2026-11-24 10:00').toISOString() });
    expect(erased.history).toEqual({ at: at('2026-11-24 10:00').toISOString(), status: s.status, action: 'erase', actor: 'admin@example.org', note: 'data-subject-request', public: false });
    expect(adminAccessOutcome(s, 'admin@example.org', 'export', 'data-subject-request', at('2026-11-24 10:00')).state).toEqual({ ...s, version: s.version + 1 });
  });
});

describe('who may do what (403) and in which state (409)', () => {
  const s = assignedToLiNa();

  it.each([
    ['a handler of another department', liuYang, { action: 'note', note: 'x' }],
    ['an unknown staff member', staff('nobody@example.org'), { action: 'accept' }],
    ['the complainant taking a staff action', complainant, { action: 'accept' }],
    ['staff taking a public action', liNa, { action: 'supplement' }],
    ['staff taking a system action', admin, { action: 'acknowledge' }],
    ['someone other than the assignee asking for more time', zhaoLei, { action: 'request-extension', deadline: 'resolution', until: at('2026-12-01 18:00'), reason: 'x' }],
    ['a handler reassigning a case to someone else', zhaoLei, { action: 'assign', assignee: 'zhao.lei@example.org' }],
    ['a handler marking a case malicious', liNa, { action: 'mark-malicious', note: 'x' }],
  ] as const)('403: %s', (_, actor, action) => {
    expect(() => act(s, actor, action as CaseAction, '2026-11-23 10:00')).toThrow(ForbiddenActionError);
  });

  it('nobody decides their own extension request', () => {
    const asked = run(s, [[wangFang, { action: 'assign', assignee: 'wang.fang@example.org' }, '2026-11-23 09:00'], [wangFang, { action: 'request-extension', deadline: 'resolution', until: at('2026-12-01 18:00'), reason: 'x' }, '2026-11-23 10:00']]);
    expect(() => act(asked, wangFang, { action: 'decide-extension', approve: true }, '2026-11-23 11:00')).toThrow(ForbiddenActionError);
    expect(act(asked, director, { action: 'decide-extension', approve: true }, '2026-11-23 11:00').notices.map((n) => n.topic)).toEqual(['extension-decided', 'new-expected-date']);
  });

  it('409 for recusal (回避): never assign the person complained about', () => {
    const aboutZhao = assignedToLiNa(received({ subject: { type: 'staff', value: '赵磊' } }));
    expect(() => act(aboutZhao, wangFang, { action: 'assign', assignee: 'zhao.lei@example.org' }, '2026-11-23 10:00')).toThrow(ActionNotAllowedError);
  });

  it.each([
    ['reply before assignment', received(), liNa, { action: 'reply', result: 'x' }],
    ['feedback before the reply', s, complainant, { action: 'feedback', resolved: true }],
    ['appeal before the reply', s, complainant, { action: 'appeal' }],
    ['close before the reply', s, wangFang, { action: 'close' }],
    ['review without an appeal', s, director, { action: 'review', result: 'x' }],
    ['acknowledge twice', s, system, { action: 'acknowledge' }],
    ['an extension that is not later', s, liNa, { action: 'request-extension', deadline: 'resolution', until: at('2026-11-21 18:00'), reason: 'x' }],
  ] as const)('409: %s', (_, state, actor, action) => {
    expect(() => act(state, actor, action as CaseAction, '2026-11-23 10:00')).toThrow(ActionNotAllowedError);
  });

  it('an unresolved follow-up reopens the case with fresh handling limits (new revision)', () => {
    const reopened = run(s, [
      [liNa, { action: 'reply', result: 'x' }, '2026-11-23 10:00'],
      [complainant, { action: 'feedback', resolved: false, score: 1 }, '2026-11-24 10:00'],
    ]);
    expect(reopened.status).toBe('reopened');
    expect(reopened.deadlines.find((d) => d.name === 'first-response')).toMatchObject({ revision: 1, dueAt: at('2026-11-24 14:00').toISOString() });
  });

  it('classify to a hot priority tells leadership at once; moving department drops an assignee from elsewhere', () => {
    const out = act(s, wangFang, { action: 'classify', priorityFacts: { media: 'possible' } }, '2026-11-23 10:00');
    expect(out.state.priority).toBe('hot');
    expect(out.notices.map((n) => n.key)).toEqual(['TS-20261120-0001#priority-hot#1#0#leadership']);
    const moved = act(s, wangFang, { action: 'classify', category: 'functional-fault' }, '2026-11-23 10:00').state;
    expect(moved).toMatchObject({ department: 'technology', level: 2, status: 'received' });
    expect(moved.assignee).toBeUndefined();
  });
});

describe('reachability and closed cases', () => {
  // One path to each status of spec/api.md.
  const ack: Step = [system, { action: 'acknowledge' }, '2026-11-20 17:00'];
  const route: Step = [system, { action: 'route', decision: { department: 'customer-service', assignee: 'li.na@example.org', reason: 'fewest-open-cases', excluded: [] } }, '2026-11-20 17:00'];
  const reply: Step = [liNa, { action: 'reply', result: 'x' }, '2026-11-23 12:00'];
  const paths: Record<CaseStatus, readonly Step[]> = {
    received: [ack],
    'needs-supplement': [ack, [liNa, { action: 'request-supplement', missing: ['x'] }, '2026-11-23 10:00']],
    rejected: [ack, [liNa, { action: 'reject', reason: 'x' }, '2026-11-23 10:00']],
    assigned: [ack, route],
    'in-progress': [ack, route, [liNa, { action: 'accept' }, '2026-11-23 10:00']],
    replied: [ack, route, reply],
    reopened: [ack, route, reply, [complainant, { action: 'feedback', resolved: false }, '2026-11-24 10:00']],
    appealed: [ack, route, reply, [complainant, { action: 'appeal' }, '2026-11-24 10:00']],
    closed: [ack, route, reply, [system, { action: 'appeal-window-ended' }, '2026-12-14 18:00']],
  };

  it.each(caseStatuses)('%s is reachable', (status) => {
    expect(run(received(), paths[status]).status).toBe(status);
  });

  const candidates: readonly [Actor, CaseAction][] = [
    [system, { action: 'acknowledge' }],
    route.slice(0, 2) as [Actor, CaseAction],
    [system, { action: 'supplement-expired' }],
    [system, { action: 'appeal-window-ended' }],
    [system, { action: 'reprioritise', clusterComplainants: 3 }],
    [liNa, { action: 'accept' }],
    [liNa, { action: 'reject', reason: 'x' }],
    [liNa, { action: 'request-supplement', missing: ['x'] }],
    [liNa, { action: 'classify', level: 2 }],
    [liNa, { action: 'note', note: 'x', public: true }],
    [liNa, { action: 'request-extension', deadline: 'resolution', until: at('2027-03-01 18:00'), reason: 'x' }],
    [liNa, { action: 'reply', result: 'x' }],
    [liNa, { action: 'close' }],
    [wangFang, { action: 'assign', assignee: 'zhao.lei@example.org' }],
    [wangFang, { action: 'decide-extension', approve: true }],
    [wangFang, { action: 'approve-reply', approve: true }],
    [wangFang, { action: 'mark-malicious', note: 'x' }],
    [zhaoLei, { action: 'reply', result: 'y' }],
    [director, { action: 'review', result: 'z' }],
    [complainant, { action: 'supplement' }],
    [complainant, { action: 'feedback', resolved: true }],
    [complainant, { action: 'feedback', resolved: false }],
    [complainant, { action: 'appeal' }],
  ];
  const walk = fc.array(fc.tuple(fc.nat(candidates.length - 1), fc.integer({ min: 0, max: 6 * 24 * 60 })), { maxLength: 30 });

  it('random walks: only typed refusals, version +1 per step, and from closed only note, appeal and mark-malicious', () => {
    const fromClosed = new Set<string>();
    const reached = new Set<CaseStatus>();
    fc.assert(
      fc.property(walk, (steps) => {
        let s = received();
        let now = at('2026-11-20 17:00');
        for (const [i, minutes] of steps) {
          now = new Date(now.getTime() + minutes * 60_000);
          const [actor, action] = candidates[i]!;
          try {
            const out = applyAction(ctx, s, actor, action, now);
            if (out.state.version !== s.version + 1) return false;
            if (s.status === 'closed') fromClosed.add(action.action);
            s = out.state;
            reached.add(s.status);
          } catch (error) {
            if (!(error instanceof ActionNotAllowedError || error instanceof ForbiddenActionError)) throw error;
          }
        }
        return true;
      }),
      { numRuns: 300 },
    );
    expect([...fromClosed].every((a) => ['note', 'appeal', 'mark-malicious', 'reveal-contact'].includes(a))).toBe(true);
    expect(reached.size).toBeGreaterThanOrEqual(7);
  });

  it('the 409 table allows only note, appeal, mark-malicious, refer, reveal-contact, park and the case report (which change nothing but the history, counts and the report) from closed', () => {
    const fromClosed = Object.entries(allowedFrom).filter(([, from]) => from.includes('closed')).map(([a]) => a);
    expect(fromClosed.sort()).toEqual(['appeal', 'approve-report', 'mark-malicious', 'note', 'park', 'refer', 'reveal-contact', 'write-report']);
  });
});

describe('热点 clusters: leadership told once per cluster, not once per member (docs/domain.md "One leadership mail per incident")', () => {
  const reviewed = (n: number) =>
    run(received({ caseNumber: `TS-20261120-000${n}`, complainantKey: `complainant-${n}` }), [[system, { action: 'initial-review', decision: { outcome: 'accepted' }, language: 'zh-CN' }, '2026-11-23 10:00']]);
  const leadership = (notices: readonly { topic: string; audience: string }[]) => notices.filter((n) => n.audience === 'leadership').map((n) => n.topic);

  it('the case that turns the cluster hot carries exactly one leadership notice, for the cluster, with no personal data', () => {
    const out = act(reviewed(3), system, { action: 'auto-classify', clusterComplainants: 3, turnsClusterHot: true }, '2026-11-23 10:01');
    expect(out.state.priority).toBe('hot');
    expect(leadership(out.notices)).toEqual(['cluster-hot']);
    expect(out.notices.find((n) => n.topic === 'cluster-hot')?.params).toEqual({ clusterComplainants: 3, subjectType: 'url' });
  });

  it('a later member (hot by the cluster mark) and a member raised with the cluster are hot, and tell leadership nothing of their own', () => {
    const later = act(reviewed(4), system, { action: 'auto-classify', clusterComplainants: 3 }, '2026-11-23 10:02');
    expect(later.state.priority).toBe('hot');
    expect(leadership(later.notices)).toEqual([]);
    const earlier = act(reviewed(1), system, { action: 'auto-classify' }, '2026-11-23 10:00').state;
    const raised = act(earlier, system, { action: 'cluster-raise', clusterComplainants: 3 }, '2026-11-23 10:03');
    expect(raised.state.priority).toBe('hot');
    expect(leadership(raised.notices)).toEqual([]);
    expect(escalationsDue(ctx, raised.state, at('2026-11-30 10:00')).notices.filter((n) => n.audience === 'leadership')).toEqual([]);
  });

  it('a member hot for another reason too (media exposure possible) still tells leadership itself, once', () => {
    const later = act(reviewed(4), system, { action: 'auto-classify', clusterComplainants: 3 }, '2026-11-23 10:02').state;
    const flagged = act(later, wangFang, { action: 'classify', priorityFacts: { media: 'possible' } }, '2026-11-23 11:00');
    expect(leadership(flagged.notices)).toEqual(['hot']);
    const again = act(flagged.state, wangFang, { action: 'classify', priorityFacts: { groupSize: 4 } }, '2026-11-23 12:00');
    expect(leadership(again.notices)).toEqual([]);
  });

  it('a member unresolved a week through our fault is hot for its own reason too: leadership told once', () => {
    const later = act(reviewed(4), system, { action: 'auto-classify', clusterComplainants: 3 }, '2026-11-23 10:02').state;
    const fault = act(later, wangFang, { action: 'classify', priorityFacts: { ourFault: true } }, '2026-11-23 11:00');
    expect(leadership(fault.notices)).toEqual([]);
    const week = act(fault.state, system, { action: 'reprioritise' }, '2026-11-30 10:00');
    expect(leadership(week.notices)).toEqual(['hot']);
  });

  it('a hot member routed to its first handler sends the management group no flash notice (快报 is for a change, not the first assignment); a reassignment does', () => {
    const later = act(reviewed(4), system, { action: 'auto-classify', clusterComplainants: 3 }, '2026-11-23 10:02').state;
    const routed = act(later, system, { action: 'route', decision: { department: later.department!, assignee: 'li.na@example.org', reason: 'fewest-open-cases', excluded: [] } }, '2026-11-23 10:03');
    expect(routed.notices.map((n) => n.topic)).toEqual(['assigned']);
    const moved = act(routed.state, wangFang, { action: 'assign', assignee: 'zhao.lei@example.org' }, '2026-11-23 11:00');
    expect(moved.notices.map((n) => n.topic)).toContain('flash');
  });

  it('major stays per case: a cluster member that becomes major tells leadership at once and weekly', () => {
    const later = act(reviewed(4), system, { action: 'auto-classify', clusterComplainants: 3 }, '2026-11-23 10:02').state;
    const major = act(later, wangFang, { action: 'classify', priorityFacts: { media: 'actual' } }, '2026-11-23 11:00');
    expect(leadership(major.notices)).toEqual(['major']);
    expect(escalationsDue(ctx, major.state, at('2026-12-01 10:00')).notices.map((n) => n.topic)).toContain('major-progress');
  });
});
