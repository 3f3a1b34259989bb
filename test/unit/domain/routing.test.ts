import { describe, expect, it } from 'vitest';
import { parseStageConfig } from '../../../shared/config/load-stage-config';
import { routeCase } from '../../../shared/domain/routing';
import local from '../../../config/stages/local';
import { at, localConfig } from './fixtures';

const now = at('2026-11-23 10:00');
const url = { type: 'url' as const, value: 'https://shop.example.cn' };
const load = (entries: Record<string, number>) => new Map(Object.entries(entries));
const route = (input: Partial<Parameters<typeof routeCase>[1]> = {}, config = localConfig) =>
  routeCase(config, { department: 'customer-service', subject: url, now, openCases: new Map(), rotation: 0, ...input });

describe('routing: category → department → handler', () => {
  it('picks the handler with the fewest open cases', () => {
    const d = route({ openCases: load({ 'li.na@example.org': 3, 'zhao.lei@example.org': 1, 'wang.fang@example.org': 2 }) });
    expect(d).toMatchObject({ assignee: 'zhao.lei@example.org', reason: 'fewest-open-cases' });
  });

  it('breaks ties by rotation, in a fixed order', () => {
    const picks = [0, 1, 2, 3].map((rotation) => route({ rotation }).assignee);
    expect(picks).toEqual(['li.na@example.org', 'wang.fang@example.org', 'zhao.lei@example.org', 'li.na@example.org']);
  });

  it('never routes to the person complained about (subject type staff, by name or email)', () => {
    const aboutLiNa = route({ subject: { type: 'staff', value: '李娜' }, openCases: load({ 'li.na@example.org': 0, 'zhao.lei@example.org': 5, 'wang.fang@example.org': 5 }) });
    expect(aboutLiNa.assignee).not.toBe('li.na@example.org');
    expect(aboutLiNa.excluded).toEqual([{ email: 'li.na@example.org', why: 'subject-of-case' }]);
    expect(route({ subject: { type: 'staff', value: 'LI.NA@example.org' } }).excluded[0]?.why).toBe('subject-of-case');
  });

  it('never routes to someone with a declared conflict (回避)', () => {
    const d = route({ department: 'content-security', subject: { type: 'organisation', value: ' 示例网络科技有限公司 ' } });
    expect(d.excluded).toEqual([{ email: 'he.qing@example.org', why: 'declared-conflict' }]);
    expect(d.assignee).not.toBe('he.qing@example.org');
  });

  it('never routes to someone absent today (absence dates inclusive, in the stage time zone)', () => {
    const config = parseStageConfig('test', {
      ...local,
      staff: local.staff.map((s) => (s.email === 'li.na@example.org' ? { ...s, absences: [{ from: '2026-11-23', to: '2026-11-27' }] } : s)),
    });
    expect(route({ rotation: 0 }, config).assignee).not.toBe('li.na@example.org');
    expect(route({ rotation: 0, now: at('2026-11-27 23:59') }, config).excluded).toEqual([{ email: 'li.na@example.org', why: 'absent' }]);
    expect(route({ rotation: 0, now: at('2026-11-28 00:00') }, config).assignee).toBe('li.na@example.org');
  });

  it('nobody eligible → the department supervisor', () => {
    const config = parseStageConfig('test', {
      ...local,
      staff: local.staff.map((s) => (s.email === 'liu.yang@example.org' ? { ...s, absences: [{ from: '2026-11-01', to: '2026-11-30' }] } : s.email === 'chen.jie@example.org' ? { ...s, roles: ['supervisor'] } : s)),
    });
    expect(route({ department: 'technology' }, config)).toMatchObject({ assignee: 'chen.jie@example.org', reason: 'supervisor-fallback' });
  });

  it('a supervisor who is the subject is passed over for their own supervisor', () => {
    const config = parseStageConfig('test', { ...local, staff: local.staff.map((s) => (s.email === 'liu.yang@example.org' ? { ...s, roles: ['supervisor'] } : s)) });
    const d = route({ department: 'technology', subject: { type: 'staff', value: 'chen.jie@example.org' } }, config);
    expect(d).toMatchObject({ assignee: 'director@example.org', reason: 'supervisor-fallback' });
  });
});
