import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAction } from '../../../shared/domain/case-actions';
import type { CaseState } from '../../../shared/domain/case-state';
import { escalationsDue, nextEscalationAt } from '../../../shared/domain/escalation';
import type { Notice } from '../../../shared/domain/notices';
import { at } from './fixtures';
import { assignedToLiNa, complainant, ctx, fraudReport, liNa, liuYang, received, run, system, wangFang } from './case-fixtures';

const local = (iso: string) => new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16);
const brief = (n: Notice) => `${n.key} @${local(n.dueAt)} → ${n.recipients.join(',')}`;

/** Sweeps at each time in turn, marking what went out as sent, as the SLA sweep does. */
function sweep(state: CaseState, times: readonly string[], sent = new Set<string>()): Map<string, readonly Notice[]> {
  const out = new Map<string, readonly Notice[]>();
  for (const t of times) {
    const { notices } = escalationsDue(ctx, state, at(t), sent);
    notices.forEach((n) => sent.add(n.key));
    out.set(t, notices);
  }
  return out;
}

describe('the ladder of a level-1 complaint received Friday 17:00 (assigned to Li Na)', () => {
  const s = assignedToLiNa();

  it('reminder to the assignee at 80 %, overdue to the supervisor at the deadline', () => {
    const sent = sweep(s, ['2026-11-23 11:11', '2026-11-23 11:12', '2026-11-23 12:00']);
    expect(sent.get('2026-11-23 11:11')).toEqual([]);
    expect(sent.get('2026-11-23 11:12')!.map(brief)).toEqual(['TS-20261120-0001#first-response#1#0#assignee @2026-11-23 11:12 → li.na@example.org']);
    expect(sent.get('2026-11-23 12:00')!.map(brief)).toEqual(['TS-20261120-0001#first-response#1#0#supervisor @2026-11-23 12:00 → wang.fang@example.org']);
    expect(sent.get('2026-11-23 12:00')![0]).toMatchObject({ topic: 'overdue', deadline: 'first-response', immediate: false });
  });

  it('a staff notice falling due at 18:00 (outside the half-open period) waits for 09:00 next working day', () => {
    const sent = sweep(s, ['2026-11-23 18:00', '2026-11-24 08:59', '2026-11-24 09:00']);
    expect(sent.get('2026-11-24 08:59')!.map((n) => n.key)).not.toContain('TS-20261120-0001#scope-decision#1#0#supervisor');
    expect(sent.get('2026-11-24 09:00')!.map(brief)).toContain('TS-20261120-0001#scope-decision#1#0#supervisor @2026-11-24 09:00 → wang.fang@example.org');
  });

  it('open 5 working days → the complaint management group, in working time', () => {
    const all = [...sweep(s, ['2026-11-30 09:00']).values()].flat();
    expect(all.map(brief)).toContain('TS-20261120-0001#management-group#1#0#management-group @2026-11-30 09:00 → complaint-group@example.org');
  });

  it('the next instant anything becomes due, for the time-bucketed sweep index', () => {
    expect(nextEscalationAt(ctx, s, at('2026-11-20 17:00'))).toEqual(at('2026-11-23 11:12'));
    const sent = new Set(escalationsDue(ctx, s, at('2026-11-23 11:30')).notices.map((n) => n.key));
    expect(nextEscalationAt(ctx, s, at('2026-11-23 11:30'), sent)).toEqual(at('2026-11-23 12:00'));
  });

  it('a replied case has no handling notices left; a closed one nothing at all', () => {
    const replied = run(s, [[liNa, { action: 'reply', result: '已处理 done' }, '2026-11-23 10:00']]);
    expect(escalationsDue(ctx, replied, at('2026-12-31 10:00')).notices).toEqual([]);
    const closed = run(replied, [[complainant, { action: 'feedback', resolved: true, score: 5 }, '2026-11-24 10:00']]);
    expect(nextEscalationAt(ctx, closed, at('2026-11-24 10:00'))).toBeUndefined();
  });

  it('an extension gives the moved deadline its own reminder and overdue notice (revision 1)', () => {
    const extended = run(s, [
      [liNa, { action: 'request-extension', deadline: 'first-response', until: at('2026-11-24 18:00'), reason: '等待技术部 waiting for technology' }, '2026-11-23 10:00'],
      [wangFang, { action: 'decide-extension', approve: true }, '2026-11-23 10:30'],
    ]);
    const keys = [...sweep(extended, ['2026-11-23 12:00', '2026-11-24 18:00', '2026-11-25 09:00']).values()].flat().map((n) => n.key);
    expect(keys).toContain('TS-20261120-0001#first-response#1#1#supervisor');
    expect(keys).not.toContain('TS-20261120-0001#first-response#1#0#supervisor');
  });
});

describe('level 3: handle first, register later (先处理后登记)', () => {
  const ack = applyAction(ctx, fraudReport(), { kind: 'system' }, { action: 'acknowledge' }, at('2026-11-21 02:00'));

  it('supervisor, on-call and leadership are told at once, on a Saturday night', () => {
    expect(ack.state).toMatchObject({ level: 3, priority: 'major', security: true, department: 'content-security' });
    expect(ack.notices.filter((n) => n.audience !== 'complainant').map(brief)).toEqual([
      'JB-20261121-0001#level-3#1#0#supervisor @2026-11-21 02:00 → wu.hao@example.org',
      'JB-20261121-0001#alert#1#0#on-call @2026-11-21 02:00 → on-call@example.org',
      'JB-20261121-0001#priority-major#1#0#leadership @2026-11-21 02:00 → complaint-group@example.org,wu.hao@example.org',
    ]);
  });

  it('its reminders and overdue notices go out at once, night or not', () => {
    const sent = new Set(ack.notices.map((n) => n.key));
    const due = escalationsDue(ctx, ack.state, at('2026-11-22 02:00'), sent).notices;
    expect(due.filter((n) => n.deadline === 'response-started').map(brief)).toEqual([
      'JB-20261121-0001#response-started#1#0#assignee @2026-11-21 21:12 → wu.hao@example.org', // unassigned: the department supervisor
      'JB-20261121-0001#response-started#1#0#supervisor @2026-11-22 02:00 → wu.hao@example.org',
    ]);
  });

  it('a progress notice every 12 h, each occurrence once; a late sweep sends only the latest', () => {
    const sent = new Set(ack.notices.map((n) => n.key));
    const progress = (t: string) => escalationsDue(ctx, ack.state, at(t), sent).notices.filter((n) => n.topic === 'progress-due').map((n) => n.key);
    expect(progress('2026-11-21 13:59')).toEqual([]);
    expect(progress('2026-11-21 14:00')).toEqual(['JB-20261121-0001#progress-notice#1#0#assignee']);
    sent.add('JB-20261121-0001#progress-notice#1#0#assignee');
    expect(progress('2026-11-21 20:00')).toEqual([]);
    expect(progress('2026-11-23 03:00')).toEqual(['JB-20261121-0001#progress-notice#4#0#assignee']);
  });

  it('major cases: a progress notice to leadership every week', () => {
    const sent = new Set(ack.notices.map((n) => n.key));
    const weekly = [...sweep(ack.state, ['2026-11-27 10:00', '2026-11-28 02:00', '2026-12-05 02:00'], sent).values()].flat().filter((n) => n.topic === 'major-progress');
    expect(weekly.map(brief)).toEqual([
      'JB-20261121-0001#major-progress#1#0#leadership @2026-11-28 02:00 → complaint-group@example.org,wu.hao@example.org',
      'JB-20261121-0001#major-progress#2#0#leadership @2026-12-05 02:00 → complaint-group@example.org,wu.hao@example.org',
    ]);
  });
});

describe('progress to the complainant (进展反馈 L2 / 进展通报 L3)', () => {
  const mailable = { complainantMailable: true };
  /** A level-2 functional fault received Monday 2026-11-23 10:00, routed to Liu Yang. */
  const level2 = (overrides: Partial<CaseState> = {}): CaseState => {
    const s = applyAction(ctx, received({ category: 'functional-fault', receivedAt: at('2026-11-23 10:00').toISOString(), ...overrides }), system, { action: 'acknowledge' }, at('2026-11-23 10:00')).state;
    const decision = { department: 'technology', assignee: 'liu.yang@example.org', reason: 'fewest-open-cases' as const, excluded: [] };
    return applyAction(ctx, s, system, { action: 'route', decision }, at('2026-11-23 10:00')).state;
  };
  const toComplainant = (notices: readonly Notice[]) => notices.filter((n) => n.audience === 'complainant');

  it('level 2: one mail to the complainant at each 72 working hours occurrence, besides the assignee notice', () => {
    const s = level2(mailable);
    const sent = sweep(s, ['2026-12-03 09:59', '2026-12-03 10:00', '2026-12-03 10:05', '2026-12-15 10:00']);
    expect(toComplainant(sent.get('2026-12-03 09:59')!)).toEqual([]);
    const first = sent.get('2026-12-03 10:00')!.filter((n) => n.deadline === 'progress-feedback');
    expect(first.map(brief)).toEqual([
      'TS-20261120-0001#progress-feedback#1#0#assignee @2026-12-03 10:00 → liu.yang@example.org',
      'TS-20261120-0001#progress-feedback#1#0#complainant @2026-12-03 10:00 → ',
    ]);
    expect(first[1]).toMatchObject({ topic: 'progress-update', immediate: true, recipients: [], nextDueAt: at('2026-12-15 10:00').toISOString() });
    expect(toComplainant(sent.get('2026-12-03 10:05')!)).toEqual([]);
    expect(toComplainant(sent.get('2026-12-15 10:00')!).map((n) => n.key)).toEqual(['TS-20261120-0001#progress-feedback#2#0#complainant']);
  });

  it('level 3: every 12 h, day or night, each occurrence once; a late sweep sends only the latest', () => {
    const ack = applyAction(ctx, fraudReport(mailable), system, { action: 'acknowledge' }, at('2026-11-21 02:00'));
    const sent = new Set(ack.notices.map((n) => n.key));
    const mails = (t: string) => toComplainant(escalationsDue(ctx, ack.state, at(t), sent).notices);
    expect(mails('2026-11-21 13:59')).toEqual([]);
    const first = mails('2026-11-21 14:00');
    expect(first.map(brief)).toEqual(['JB-20261121-0001#progress-notice#1#0#complainant @2026-11-21 14:00 → ']);
    expect(first[0]).toMatchObject({ topic: 'progress-update', nextDueAt: at('2026-11-22 02:00').toISOString() });
    sent.add(first[0]!.key);
    expect(mails('2026-11-21 20:00')).toEqual([]);
    expect(mails('2026-11-22 02:00').map(brief)).toEqual(['JB-20261121-0001#progress-notice#2#0#complainant @2026-11-22 02:00 → ']); // a Sunday night
    expect(mails('2026-11-23 03:00').map((n) => n.key)).toEqual(['JB-20261121-0001#progress-notice#4#0#complainant']);
  });

  it('stops once the complainant has the reply (the follow-up survey comes instead, once, a day after it)', () => {
    const replied = run(level2(mailable), [[liuYang, { action: 'reply', result: '已修复 fixed' }, '2026-12-01 10:00']]);
    const mails = toComplainant([...sweep(replied, ['2026-12-01 10:00', '2026-12-02 09:59', '2026-12-03 10:00', '2026-12-15 10:00', '2027-01-15 10:00']).values()].flat());
    expect(mails.filter((n) => n.topic === 'progress-update')).toEqual([]);
    expect(mails.filter((n) => n.topic === 'survey').map(brief)).toEqual(['TS-20261120-0001#follow-up#1#0#complainant @2026-12-02 10:00 → ']);
  });

  it('回访: no survey to a complainant without an email; a second reply after reopening has its own survey', () => {
    const silent = run(level2({ ...mailable, complainantMailable: false }), [[liuYang, { action: 'reply', result: '已修复 fixed' }, '2026-12-01 10:00']]);
    expect(toComplainant([...sweep(silent, ['2026-12-03 10:00']).values()].flat())).toEqual([]);
    const again = run(level2(mailable), [
      [liuYang, { action: 'reply', result: '已修复 fixed' }, '2026-12-01 10:00'],
      [complainant, { action: 'feedback', resolved: false, score: 2 }, '2026-12-02 11:00'],
      [liuYang, { action: 'reply', result: '再次修复 fixed again' }, '2026-12-03 10:00'],
    ]);
    const surveys = toComplainant([...sweep(again, ['2026-12-04 10:00']).values()].flat()).filter((n) => n.topic === 'survey');
    expect(surveys.map((n) => n.key)).toEqual(['TS-20261120-0001#follow-up#1#1#complainant']);
  });

  it('an anonymous or phone-only complainant gets none; the assignee is still reminded', () => {
    for (const s of [level2({ complainantMailable: false }), level2()]) {
      const due = escalationsDue(ctx, s, at('2026-12-03 10:00')).notices;
      expect(toComplainant(due)).toEqual([]);
      expect(due.map((n) => n.key)).toContain('TS-20261120-0001#progress-feedback#1#0#assignee');
    }
  });

  it('keys are stable: the same case and instant give the same notices; a pause gives a new revision', () => {
    const s = level2(mailable);
    expect(escalationsDue(ctx, s, at('2026-12-03 10:00')).notices).toEqual(escalationsDue(ctx, s, at('2026-12-03 10:00')).notices);
    const resumed = run(s, [
      [liuYang, { action: 'request-supplement', missing: ['日志 logs'] }, '2026-11-24 10:00'],
      [complainant, { action: 'supplement' }, '2026-11-25 10:00'],
    ]);
    const keys = [...sweep(resumed, ['2026-12-31 10:00']).values()].flat().map((n) => n.key);
    expect(keys.filter((k) => k.endsWith('#complainant'))).toEqual([expect.stringMatching(/^TS-20261120-0001#progress-feedback#\d+#1#complainant$/)]);
  });
});

describe('major (重大) cases: leadership updated at least weekly', () => {
  /** A level-1 complaint that became major on Monday 2026-11-23 10:00 (actual media exposure). */
  const major = () => run(assignedToLiNa(), [[liNa, { action: 'classify', priorityFacts: { media: 'actual' } }, '2026-11-23 10:00']]);
  const weekly = (s: CaseState, times: readonly string[]) =>
    [...sweep(s, times).values()].flat().filter((n) => n.topic === 'major-progress');

  it('one update a week to leadership, in working time for a case that is not urgent, never to the complainant', () => {
    const s = major();
    expect(s.priority).toBe('major');
    expect(weekly(s, ['2026-11-30 09:59', '2026-11-30 10:00', '2026-12-07 10:00', '2026-12-07 10:01']).map(brief)).toEqual([
      'TS-20261120-0001#major-progress#1#0#leadership @2026-11-30 10:00 → complaint-group@example.org,wang.fang@example.org',
      'TS-20261120-0001#major-progress#2#0#leadership @2026-12-07 10:00 → complaint-group@example.org,wang.fang@example.org',
    ]);
  });

  it('a week falling on a Sunday waits for Monday 09:00; nothing once the case is closed', () => {
    const s = run(assignedToLiNa(), [[liNa, { action: 'classify', priorityFacts: { media: 'actual' } }, '2026-11-22 11:00']]);
    expect(weekly(s, ['2026-11-29 11:00', '2026-11-30 09:00']).map((n) => `${n.key} @${local(n.dueAt)}`)).toEqual(['TS-20261120-0001#major-progress#1#0#leadership @2026-11-30 09:00']);
    const closed = run(s, [
      [liNa, { action: 'reply', result: '已处理 done' }, '2026-11-24 10:00'],
      [complainant, { action: 'feedback', resolved: true }, '2026-11-25 10:00'],
    ]);
    expect(weekly(closed, ['2026-12-07 10:00', '2027-01-04 10:00'])).toEqual([]);
  });
});

describe('system actions the ladder calls for', () => {
  it('supplement not received in time → supplement-expired', () => {
    const waiting = run(assignedToLiNa(), [[liNa, { action: 'request-supplement', missing: ['订单号 order number'] }, '2026-11-23 10:00']]);
    expect(escalationsDue(ctx, waiting, at('2026-11-30 17:59')).actions).toEqual([]);
    expect(escalationsDue(ctx, waiting, at('2026-11-30 18:00')).actions).toEqual([
      { key: 'TS-20261120-0001#supplement-due#1#0#system', caseNumber: 'TS-20261120-0001', action: 'supplement-expired', dueAt: at('2026-11-30 18:00').toISOString() },
    ]);
    // while waiting, no handling notices
    expect(escalationsDue(ctx, waiting, at('2026-11-30 18:00')).notices.filter((n) => n.deadline === 'resolution')).toEqual([]);
  });

  it('appeal window over → appeal-window-ended', () => {
    const replied = run(assignedToLiNa(), [[liNa, { action: 'reply', result: '已处理' }, '2026-11-23 10:00']]);
    expect(escalationsDue(ctx, replied, at('2026-12-14 18:00')).actions.map((a) => a.action)).toEqual(['appeal-window-ended']);
  });

  it('unresolved a week through our fault → reprioritise', () => {
    const s = { ...assignedToLiNa(), priorityFacts: { ourFault: true } };
    expect(escalationsDue(ctx, s, at('2026-11-27 16:59')).actions).toEqual([]);
    expect(escalationsDue(ctx, s, at('2026-11-27 17:00')).actions).toEqual([
      { key: 'TS-20261120-0001#unresolved-7d#1#0#system', caseNumber: 'TS-20261120-0001', action: 'reprioritise', dueAt: at('2026-11-27 17:00').toISOString() },
    ]);
  });
});

describe('escalation properties', () => {
  const cases = fc.record({
    category: fc.constantFrom('service-quality', 'functional-fault', 'fraud'),
    receivedAt: fc.date({ min: at('2026-01-01 00:00'), max: at('2027-06-01 00:00'), noInvalidDate: true }),
    sweeps: fc.array(fc.integer({ min: 0, max: 40 * 24 * 60 }), { minLength: 1, maxLength: 25 }),
  });
  const acknowledged = (category: string, receivedAt: Date) =>
    assignedToLiNaOrReport(received({ category, kind: category === 'fraud' ? 'report' : 'complaint', receivedAt: receivedAt.toISOString(), complainantMailable: true }));

  it('a notice is never due twice, and a key always names the same notice', () => {
    fc.assert(
      fc.property(cases, ({ category, receivedAt, sweeps }) => {
        const s = acknowledged(category, receivedAt);
        const sent = new Set<string>();
        const seen = new Map<string, string>();
        for (const minutes of [...sweeps].sort((a, b) => a - b)) {
          const now = new Date(receivedAt.getTime() + minutes * 60_000);
          const { notices, actions } = escalationsDue(ctx, s, now, sent);
          for (const n of notices) {
            if (sent.has(n.key)) return false;
            if (Date.parse(n.dueAt) > now.getTime()) return false;
            const content = `${n.dueAt}|${n.recipients.join()}|${n.topic}`;
            if ((seen.get(n.key) ?? content) !== content) return false;
            seen.set(n.key, content);
            sent.add(n.key);
          }
          actions.forEach((a) => sent.add(a.key));
        }
        return true;
      }),
      { numRuns: 60 },
    );
  });

  it('after sending what is due, the next due instant lies ahead and something is due then', () => {
    fc.assert(
      fc.property(cases, ({ category, receivedAt, sweeps }) => {
        const s = acknowledged(category, receivedAt);
        const now = new Date(receivedAt.getTime() + sweeps[0]! * 60_000);
        const due = escalationsDue(ctx, s, now);
        const sent = new Set([...due.notices.map((n) => n.key), ...due.actions.map((a) => a.key)]);
        const next = nextEscalationAt(ctx, s, now, sent);
        if (next === undefined) return true;
        if (next.getTime() <= now.getTime()) return false;
        const then = escalationsDue(ctx, s, next, sent);
        return then.notices.length + then.actions.length > 0;
      }),
      { numRuns: 60 },
    );
  });
});

function assignedToLiNaOrReport(state: CaseState): CaseState {
  if (state.kind === 'complaint') return assignedToLiNa(state);
  return applyAction(ctx, state, { kind: 'system' }, { action: 'acknowledge' }, new Date(state.receivedAt)).state;
}
