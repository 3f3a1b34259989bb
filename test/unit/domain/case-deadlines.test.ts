import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWorkingTime } from '../../../shared/domain/calendar';
import {
  addLimits,
  advanceRecurring,
  changeLevel,
  deadlinesForLevel,
  extendDeadline,
  pauseDeadlines,
  resumeDeadlines,
  startDeadline,
} from '../../../shared/domain/case-deadlines';
import { deadlineRecord } from '../../../shared/domain/deadline-kinds';
import { deadlineAt } from '../../../shared/domain/deadlines';
import { at, localConfig, shanghai } from './fixtures';

const rules = { calendar: shanghai, limits: localConfig.limits };
const HOUR = 3_600_000;
const local = (iso: string) => new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16);
const due = (deadlines: readonly { name: string; dueAt: string }[]) => Object.fromEntries(deadlines.map((d) => [d.name, local(d.dueAt)]));

describe('the named deadlines of each level (domain.md)', () => {
  it('level 1 received Friday 17:00: first response Monday 12:00, resolution Wednesday 14:00', () => {
    expect(due(deadlinesForLevel(rules, 1, at('2026-11-20 17:00')))).toEqual({
      'first-response': '2026-11-23 12:00',
      resolution: '2026-11-25 14:00', // 1 h Friday + 9 Monday + 9 Tuesday + 5 Wednesday
    });
  });

  it('level 2: initial investigation 48 and first progress feedback 72 working hours', () => {
    expect(due(deadlinesForLevel(rules, 2, at('2026-11-23 09:00')))).toEqual({
      'initial-investigation': '2026-11-30 12:00',
      'progress-feedback': '2026-12-02 18:00', // 72 h = 8 working days of 9 h: used up at 18:00, due at 18:00
    });
  });

  it('level 3 counts calendar hours from receipt, night and holiday included', () => {
    const d = deadlinesForLevel(rules, 3, at('2026-10-01 02:00'));
    expect(due(d)).toEqual({ 'response-started': '2026-10-02 02:00', 'initial-result': '2026-10-03 02:00', 'progress-notice': '2026-10-01 14:00' });
    expect(d[0]?.startedAt).toBe(at('2026-10-01 02:00').toISOString());
  });

  it('a working clock started outside working time records the next working period as its start', () => {
    const d = startDeadline(rules, 'scope-decision', at('2026-10-03 10:00'));
    expect(local(d.startedAt)).toBe('2026-10-08 09:00');
    expect(local(d.dueAt)).toBe('2026-10-09 18:00');
    expect(d.calendarVersion).toBe(shanghai.version);
  });
});

describe('extensions, pauses and level changes', () => {
  it('an extension moves a deadline and starts a new revision', () => {
    const [first] = deadlinesForLevel(rules, 1, at('2026-11-23 09:00'));
    const [moved] = extendDeadline([first!], 'first-response', at('2026-11-24 18:00'), at('2026-11-23 10:00'));
    expect(moved).toMatchObject({ revision: 1, dueAt: at('2026-11-24 18:00').toISOString() });
    expect(moved?.history).toEqual([{ at: at('2026-11-23 10:00').toISOString(), change: 'extension', dueAt: at('2026-11-24 18:00').toISOString() }]);
  });

  it('补正 pauses handling clocks and resumes them with the time left', () => {
    const start = [...deadlinesForLevel(rules, 1, at('2026-11-23 09:00')), startDeadline(rules, 'appeal-window', at('2026-11-23 09:00'))];
    // resolution 24 wh from Monday 09:00 = Wednesday 15:00; paused Monday 11:00 with 22 h left
    const paused = pauseDeadlines(rules, start, at('2026-11-23 11:00'));
    expect(paused.find((d) => d.name === 'resolution')).toMatchObject({ leftMs: 22 * HOUR, pausedAt: at('2026-11-23 11:00').toISOString() });
    expect(paused.find((d) => d.name === 'appeal-window')?.pausedAt).toBeUndefined();
    expect(deadlineRecord(paused)).toEqual({ 'appeal-window': start[2]!.dueAt });
    // material arrives Thursday 16:00: 2 h Thursday + 9 Friday + 9 Monday + 2 Tuesday
    const resumed = resumeDeadlines(rules, paused, at('2026-11-26 16:00'));
    expect(resumed.find((d) => d.name === 'resolution')).toMatchObject({ revision: 1, dueAt: at('2026-12-01 11:00').toISOString() });
    expect(resumed.find((d) => d.name === 'resolution')?.pausedAt).toBeUndefined();
  });

  it('a clock that had run out before the pause keeps its deadline and revision', () => {
    const start = deadlinesForLevel(rules, 1, at('2026-11-23 09:00'));
    const resumed = resumeDeadlines(rules, pauseDeadlines(rules, start, at('2026-11-23 14:00')), at('2026-11-24 10:00'));
    expect(resumed.find((d) => d.name === 'first-response')).toMatchObject({ revision: 0, dueAt: start[0]!.dueAt });
  });

  it('a level change keeps met deadlines and replaces open ones', () => {
    const l1 = deadlinesForLevel(rules, 1, at('2026-11-23 09:00')).map((d) => (d.name === 'first-response' ? { ...d, metAt: at('2026-11-23 10:00').toISOString() } : d));
    expect(changeLevel(rules, l1, 3, at('2026-11-23 09:00')).map((d) => d.name)).toEqual(['first-response', 'response-started', 'initial-result', 'progress-notice']);
  });

  it('recurring progress deadlines roll forward one period at a time', () => {
    const [notice] = deadlinesForLevel(rules, 3, at('2026-11-23 09:00')).filter((d) => d.name === 'progress-notice');
    const rolled = advanceRecurring(rules, [notice!], at('2026-11-24 09:30'))[0]!;
    expect(rolled).toMatchObject({ occurrence: 3, dueAt: at('2026-11-24 21:00').toISOString() });
  });
});

// Property tests (fast-check) over the whole of 2026-2027, National Day and Spring Festival included.
const instant = fc.date({ min: at('2026-01-01 00:00'), max: at('2027-12-01 00:00'), noInvalidDate: true });
const hours = fc.integer({ min: 1, max: 200 });
const workingUnit = fc.constantFrom('working-hours' as const, 'working-days' as const);

describe('deadline properties', () => {
  it('a working-time deadline never falls outside working time (a period end counts: 18:00)', () => {
    fc.assert(
      fc.property(instant, hours, workingUnit, (start, amount, unit) => {
        const dueAt = deadlineAt(shanghai, start, { amount: unit === 'working-days' ? Math.ceil(amount / 20) : amount, unit });
        const justBefore = new Date(dueAt.getTime() - 1);
        return isWorkingTime(shanghai, justBefore);
      }),
    );
  });

  it('adding working hours in two steps equals adding them in one', () => {
    fc.assert(
      fc.property(instant, hours, hours, (start, a, b) => {
        const limit = (amount: number) => ({ amount, unit: 'working-hours' as const });
        const twoSteps = addLimits(shanghai, addLimits(shanghai, start, limit(a), 1), limit(b), 1);
        return twoSteps.getTime() === addLimits(shanghai, start, limit(a + b), 1).getTime();
      }),
    );
  });

  it('a later start never gives an earlier deadline', () => {
    fc.assert(
      fc.property(instant, instant, hours, workingUnit, (x, y, amount, unit) => {
        const [early, late] = x <= y ? [x, y] : [y, x];
        const limit = { amount: unit === 'working-days' ? Math.ceil(amount / 20) : amount, unit };
        return deadlineAt(shanghai, early, limit).getTime() <= deadlineAt(shanghai, late, limit).getTime();
      }),
    );
  });

  it('a pause followed by an immediate resume leaves the deadline where it was', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 30 * 24 }), (receivedAt, pauseAfterHours) => {
        const deadlines = deadlinesForLevel(rules, 1, receivedAt);
        const pauseAt = new Date(receivedAt.getTime() + pauseAfterHours * HOUR);
        const resumed = resumeDeadlines(rules, pauseDeadlines(rules, deadlines, pauseAt), pauseAt);
        return resumed.every((d, i) => d.dueAt === deadlines[i]!.dueAt || Date.parse(deadlines[i]!.dueAt) <= pauseAt.getTime());
      }),
    );
  });
});
