import { describe, expect, it } from 'vitest';
import { nextCronTime, parseScheduleExpression, ScheduleExpressionError } from '../../local/schedule-expression';

const next = (expression: string, after: string) => {
  const parsed = parseScheduleExpression(expression);
  if (parsed.kind !== 'cron') throw new Error('not cron');
  const at = nextCronTime(parsed.cron, Date.parse(after));
  return at === undefined ? undefined : new Date(at).toISOString();
};

describe('EventBridge schedule expressions', () => {
  it('reads rate expressions, singular for 1 only', () => {
    expect(parseScheduleExpression('rate(1 minute)')).toMatchObject({ kind: 'rate', everyMs: 60_000 });
    expect(parseScheduleExpression('rate(5 minutes)')).toMatchObject({ kind: 'rate', everyMs: 300_000 });
    expect(parseScheduleExpression('rate(2 hours)')).toMatchObject({ kind: 'rate', everyMs: 7_200_000 });
    expect(() => parseScheduleExpression('rate(1 minutes)')).toThrow(ScheduleExpressionError);
    expect(() => parseScheduleExpression('rate(5 minute)')).toThrow(ScheduleExpressionError);
    expect(() => parseScheduleExpression('every minute')).toThrow(ScheduleExpressionError);
  });

  it('finds the next cron time in UTC', () => {
    expect(next('cron(0 9 * * ? *)', '2026-11-23T08:59:59Z')).toBe('2026-11-23T09:00:00.000Z');
    expect(next('cron(0 9 * * ? *)', '2026-11-23T09:00:00Z')).toBe('2026-11-24T09:00:00.000Z');
    expect(next('cron(0/15 * * * ? *)', '2026-11-23T10:16:00Z')).toBe('2026-11-23T10:30:00.000Z');
    // Weekly report: Mondays 01:00 UTC (MON = 2).
    expect(next('cron(0 1 ? * MON *)', '2026-11-23T02:00:00Z')).toBe('2026-11-30T01:00:00.000Z');
    expect(next('cron(0 1 ? * 2-6 *)', '2026-11-28T00:00:00Z')).toBe('2026-11-30T01:00:00.000Z');
    // Monthly report: the 1st at 01:00 UTC.
    expect(next('cron(0 1 1 * ? *)', '2026-11-23T00:00:00Z')).toBe('2026-12-01T01:00:00.000Z');
    expect(next('cron(0 0 L * ? *)', '2027-02-01T00:00:00Z')).toBe('2027-02-28T00:00:00.000Z');
    expect(next('cron(0 0 ? * 6#3 *)', '2026-11-01T00:00:00Z')).toBe('2026-11-20T00:00:00.000Z');
    expect(next('cron(0 0 ? * 6L *)', '2026-11-01T00:00:00Z')).toBe('2026-11-27T00:00:00.000Z');
    // The 1st of Aug 2026 is a Saturday: nearest weekday is Monday the 3rd.
    expect(next('cron(0 0 1W * ? *)', '2026-07-15T00:00:00Z')).toBe('2026-08-03T00:00:00.000Z');
    expect(next('cron(0 0 1 1 ? 2020)', '2026-01-01T00:00:00Z')).toBeUndefined();
  });

  it('rejects malformed cron expressions', () => {
    expect(() => parseScheduleExpression('cron(0 9 * * *)')).toThrow(/6 fields/);
    expect(() => parseScheduleExpression('cron(0 9 * * * *)')).toThrow(/"\?"/);
    expect(() => parseScheduleExpression('cron(61 9 * * ? *)')).toThrow(/invalid field/);
  });
});
