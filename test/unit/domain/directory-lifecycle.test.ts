/** The domain's share of issue 22: hand-back (deactivated, absent) and deadlines recomputed after a calendar change. */
import { describe, expect, it } from 'vitest';
import { ActionNotAllowedError } from '../../../shared/domain/action-errors';
import { applyAction } from '../../../shared/domain/case-actions';
import { recomputeDeadlines } from '../../../shared/domain/case-deadlines';
import { workingCalendar } from '../../../shared/domain/calendar';
import { domainContext, deadlineRules } from '../../../shared/domain/domain-context';
import { mostUrgentDeadline } from '../../../shared/domain/staff-access';
import { wallClock } from '../../../shared/domain/time-zone';
import { assignedToLiNa, ctx, system } from './case-fixtures';
import { at, localConfig } from './fixtures';

const member = 'li.na@example.org';
const dayOf = (iso: string) => wallClock(new Date(iso), 'Asia/Shanghai').date;

describe('hand-back', () => {
  it('a deactivated member\'s case goes to the department queue, unassigned, with the member\'s supervisor told', () => {
    const s = assignedToLiNa();
    const out = applyAction(ctx, s, system, { action: 'hand-back', member, reason: 'deactivated' }, at('2026-11-23 10:00'));
    expect(out.state.assignee).toBeUndefined();
    expect(out.state.status).toBe('received');
    expect(out.state.department).toBe(s.department);
    expect(out.state.deadlines).toEqual(s.deadlines);
    expect(out.history).toMatchObject({ action: 'hand-back', actor: 'system', note: 'deactivated', public: false });
    expect(out.notices.filter((n) => n.topic === 'handed-back')).toEqual([expect.objectContaining({ audience: 'supervisor', recipients: ['wang.fang@example.org'] })]);
  });

  it('is refused for a case that is no longer the member\'s (a redelivery changes nothing)', () => {
    const once = applyAction(ctx, assignedToLiNa(), system, { action: 'hand-back', member, reason: 'deactivated' }, at('2026-11-23 10:00')).state;
    expect(() => applyAction(ctx, once, system, { action: 'hand-back', member, reason: 'deactivated' }, at('2026-11-23 10:01'))).toThrow(ActionNotAllowedError);
  });

  it('absent: only a case due during the absence, and once per absence even when assigned to them again', () => {
    const s = assignedToLiNa();
    const day = dayOf(mostUrgentDeadline(s)!.dueAt);
    const absence = { from: day, to: day };
    expect(() => applyAction(ctx, s, system, { action: 'hand-back', member, reason: 'absent', absence: { from: '2027-01-04', to: '2027-01-05' } }, at('2026-11-20 18:00'))).toThrow(/not-due-during-absence/);
    const back = applyAction(ctx, s, system, { action: 'hand-back', member, reason: 'absent', absence }, at('2026-11-20 18:00')).state;
    expect(back.offeredBack).toEqual([`${member}#${day}#${day}`]);
    const again = { ...back, assignee: member, status: 'assigned' as const };
    expect(() => applyAction(ctx, again, system, { action: 'hand-back', member, reason: 'absent', absence }, at('2026-11-20 18:05'))).toThrow(/already-offered-back/);
  });
});

describe('recompute-deadlines', () => {
  const s = assignedToLiNa();
  const holiday = dayOf(s.deadlines.find((d) => d.unit !== 'calendar-hours' && !d.metAt)!.dueAt);
  const changed = domainContext({ ...localConfig, calendar: { ...localConfig.calendar, holidays: [...localConfig.calendar.holidays, holiday] } });

  it('moves each open clock due on the new holiday, with a recomputed entry and a new revision; met clocks stay', () => {
    const out = applyAction(changed, s, system, { action: 'recompute-deadlines' }, at('2026-11-20 18:00'));
    const moved = out.state.deadlines.filter((d, i) => d !== s.deadlines[i]);
    expect(moved.length).toBeGreaterThan(0);
    for (const d of moved) {
      const old = s.deadlines.find((x) => x.name === d.name)!;
      expect(d.dueAt > old.dueAt).toBe(true);
      expect(d.revision).toBe(old.revision + 1);
      expect(d.history?.at(-1)).toMatchObject({ change: 'recomputed', was: old.dueAt, dueAt: d.dueAt, calendarVersion: changed.calendar.version });
    }
    for (const d of s.deadlines.filter((x) => x.metAt)) expect(out.state.deadlines.find((x) => x.name === d.name)).toEqual(d);
    expect(out.history).toMatchObject({ action: 'recompute-deadlines', public: false });
  });

  it('moves nothing twice, and nothing without a change (refused, so nothing is written)', () => {
    const once = applyAction(changed, s, system, { action: 'recompute-deadlines' }, at('2026-11-20 18:00')).state;
    expect(recomputeDeadlines(deadlineRules(changed), once.deadlines, at('2026-11-20 18:01'))).toBe(once.deadlines);
    expect(() => applyAction(ctx, s, system, { action: 'recompute-deadlines' }, at('2026-11-20 18:00'))).toThrow(/no-deadline-moves/);
    expect(workingCalendar(localConfig).version).not.toBe(changed.calendar.version);
  });
});
