import { describe, expect, it } from 'vitest';
import { assessPriority, clusterComplainants, nextPriorityChangeAt, type PriorityInput } from '../../../shared/domain/priority';
import { subjectKey } from '../../../shared/domain/subject-key';
import { at, localConfig } from './fixtures';

const rules = localConfig.priority;
const DAY = 86_400_000;
const receivedAt = at('2026-11-02 10:00');
const assess = (input: Partial<PriorityInput>) => assessPriority(rules, { receivedAt, now: receivedAt, resolved: false, ...input });
const after = (days: number) => new Date(receivedAt.getTime() + days * DAY);

// One row per rule of seed 004 投诉分类 (domain.md "Priority").
describe('seed 004 priority table', () => {
  it.each([
    ['重大: lawsuit already filed (已经引起法律诉讼)', { facts: { lawsuit: 'actual' } }, 'major', 'lawsuit'],
    ['重大: exposed by the media (已被媒体曝光)', { facts: { media: 'actual' } }, 'major', 'media'],
    ['重大: 10 people together (10人以上集体投诉)', { facts: { groupSize: 10 } }, 'major', 'group'],
    ['重大: unresolved one month through our fault', { facts: { ourFault: true }, now: after(30) }, 'major', 'unresolved'],
    ['重大: level-3 security / harmful-content report', { level: 3, security: true }, 'major', 'level-3-security'],
    ['热点: lawsuit possible (可能引起法律诉讼)', { facts: { lawsuit: 'possible' } }, 'hot', 'lawsuit'],
    ['热点: media exposure possible', { facts: { media: 'possible' } }, 'hot', 'media'],
    ['热点: 3 different complainants within a month', { facts: { clusterComplainants: 3 } }, 'hot', 'cluster'],
    ['热点: 3 people together (3人以上集体投诉)', { facts: { groupSize: 3 } }, 'hot', 'group'],
    ['热点: 9 people together is still hot', { facts: { groupSize: 9 } }, 'hot', 'group'],
    ['热点: unresolved one week through our fault', { facts: { ourFault: true }, now: after(7) }, 'hot', 'unresolved'],
    ['重要: second complaint after the first was handled (二次投诉)', { facts: { repeatOf: 'TS-20261001-0001' } }, 'important', 'repeat'],
    ['重要: needs outside support (顾问支持)', { facts: { outsideSupport: true } }, 'important', 'outside-support'],
  ] as const)('%s', (_, input, priority, reason) => {
    const result = assess(input as Partial<PriorityInput>);
    expect(result.priority).toBe(priority);
    expect(result.reasons).toContainEqual({ reason, gives: priority });
  });

  it.each([
    ['一般: nothing special', {}],
    ['2 people together', { facts: { groupSize: 2 } }],
    ['2 complainants on the same subject', { facts: { clusterComplainants: 2 } }],
    ['6 days unresolved through our fault', { facts: { ourFault: true }, now: after(6.9) }],
    ['a month unresolved, not our fault', { facts: { ourFault: false }, now: after(40) }],
    ['a month, our fault, but resolved', { facts: { ourFault: true }, now: after(40), resolved: true }],
    ['level 3 without a security concern', { level: 3, security: false }],
    ['level 2 security (privacy complaint)', { level: 2, security: true }],
  ] as const)('一般 (general): %s', (_, input) => {
    expect(assess(input as Partial<PriorityInput>).priority).toBe('general');
  });

  it('the highest row wins', () => {
    expect(assess({ facts: { repeatOf: 'x', media: 'possible', groupSize: 12 } }).priority).toBe('major');
  });

  it('thresholds come from the stage config', () => {
    const strict = { ...rules, hotGroupSize: 5 };
    expect(assessPriority(strict, { receivedAt, now: receivedAt, resolved: false, facts: { groupSize: 3 } }).priority).toBe('general');
  });

  it('knows when the unresolved rows will next raise the priority', () => {
    const input = { facts: { ourFault: true }, receivedAt, resolved: false };
    expect(nextPriorityChangeAt(rules, input, 'general')).toEqual(after(7));
    expect(nextPriorityChangeAt(rules, input, 'hot')).toEqual(after(30));
    expect(nextPriorityChangeAt(rules, input, 'major')).toBeUndefined();
    expect(nextPriorityChangeAt(rules, { ...input, resolved: true }, 'general')).toBeUndefined();
  });
});

describe('same subject from 3+ distinct complainants within 30 days (热点 cluster)', () => {
  const entry = (caseNumber: string, value: string, complainantKey: string | undefined, day: number) => ({
    caseNumber,
    subjectKey: subjectKey({ type: 'url', value }),
    ...(complainantKey ? { complainantKey } : {}),
    receivedAt: after(day),
  });

  it('upgrades every case of the cluster, whatever way the subject was written', () => {
    const counts = clusterComplainants(rules, [
      entry('A', 'https://www.shop.example.cn/', 'c1', 0),
      entry('B', 'shop.example.cn', 'c2', 10),
      entry('C', 'HTTP://SHOP.EXAMPLE.CN/?utm_source=weibo', 'c3', 29),
      entry('D', 'https://other.example.cn', 'c4', 1),
    ]);
    expect([...counts].filter(([, n]) => n >= rules.clusterDistinctComplainants).map(([c]) => c).sort()).toEqual(['A', 'B', 'C']);
    expect(counts.get('D')).toBe(1);
  });

  it('the same complainant three times, anonymous reports, or a spread over more than 30 days make no cluster', () => {
    const counts = clusterComplainants(rules, [
      entry('A', 'shop.example.cn', 'c1', 0),
      entry('B', 'shop.example.cn', 'c1', 1),
      entry('C', 'shop.example.cn', undefined, 2),
      entry('D', 'shop.example.cn', undefined, 3),
      entry('E', 'shop.example.cn', 'c2', 31),
    ]);
    expect(Math.max(...counts.values())).toBe(2);
  });
});
