import { describe, expect, it } from 'vitest';
import { backoffMs, retryable, retryMiddleware, writeRetry } from '../../../shared/adapters/write-retry';

const cancelled = (...codes: string[]) => Object.assign(new Error('cancelled'), { name: 'TransactionCanceledException', CancellationReasons: codes.map((Code) => ({ Code })) });

describe('which DynamoDB errors are retried', () => {
  it('conflicts and throttles are; a failed condition, even beside a conflict, is not', () => {
    expect(retryable(cancelled('None', 'TransactionConflict'))).toBe(true);
    expect(retryable(cancelled('ThrottlingError', 'None'))).toBe(true);
    for (const name of ['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'TransactionConflictException']) {
      expect(retryable(Object.assign(new Error(name), { name }))).toBe(true);
    }
    expect(retryable(cancelled('ConditionalCheckFailed', 'TransactionConflict'))).toBe(false);
    expect(retryable(cancelled('None', 'ValidationError'))).toBe(false);
    expect(retryable(Object.assign(new Error('x'), { name: 'ConditionalCheckFailedException' }))).toBe(false);
  });

  it('the wait grows exponentially under the cap, jittered down to zero', () => {
    expect(backoffMs(1, () => 0.999)).toBe(Math.floor(0.999 * writeRetry.baseMs * 2));
    expect(backoffMs(20, () => 0.999)).toBeLessThan(writeRetry.capMs);
    expect(backoffMs(5, () => 0)).toBe(0);
  });

  it('each call starts from the caller input, and the last error is thrown after the last attempt', async () => {
    const inputs: unknown[] = [];
    let calls = 0;
    const next = async (args: { input: Record<string, unknown> }) => {
      inputs.push(args.input);
      args.input = { marshalled: true };
      if (++calls < 3) throw cancelled('TransactionConflict');
      return { output: {} };
    };
    const input = { TransactItems: [] };
    await retryMiddleware(next)({ input });
    expect(inputs).toEqual([input, input, input]);
    const always = async () => {
      throw Object.assign(new Error('t'), { name: 'ThrottlingException' });
    };
    let attempts = 0;
    await expect(retryMiddleware(async (a) => (attempts++, always()))({ input: {} })).rejects.toThrow('t');
    expect(attempts).toBe(writeRetry.attempts);
  }, 60_000);
});
