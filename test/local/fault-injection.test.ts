import * as path from 'node:path';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countDeadLetters } from '../../local/dead-letter';
import { FaultInjector, InjectedFault, mulberry32 } from '../../local/fault-injection';
import type { LocalTopology } from '../../local/local-topology';
import { startLocalSystem, type LocalSystem } from '../../local/system';
import { fixtureCalls } from './fixtures/calls';

describe('FaultInjector (faults injected on purpose)', () => {
  it('fails about the asked share of invocations, half before and half after the handler, the same way for the same seed', () => {
    const decisions = (seed: number) => {
      const faults = new FaultInjector({ rate: 0.1, seed });
      return Array.from({ length: 20_000 }, () => faults.decide('step'));
    };
    const first = decisions(42);
    expect(decisions(42)).toEqual(first);
    expect(decisions(43)).not.toEqual(first);
    const before = first.filter((d) => d === 'before').length;
    const after = first.filter((d) => d === 'after').length;
    expect((before + after) / first.length).toBeGreaterThan(0.09);
    expect((before + after) / first.length).toBeLessThan(0.11);
    expect(before / (before + after)).toBeGreaterThan(0.4);
    expect(before / (before + after)).toBeLessThan(0.6);
  });

  it('a `before` fault never runs the handler; an `after` fault runs it, then loses its result; counts only what it threw', async () => {
    const faults = new FaultInjector({ rate: 1, seed: 7 });
    const ran: string[] = [];
    const invoke = faults.wrap(async (name: string, event: { Records: { messageId: string }[] }) => {
      ran.push(name);
      return event.Records.length;
    });
    const outcomes: ('before' | 'after')[] = [];
    for (let i = 0; i < 40; i++) {
      const error = await invoke('step', { Records: [{ messageId: 'm1' }] }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InjectedFault);
      outcomes.push((error as InjectedFault).phase);
    }
    const afters = outcomes.filter((p) => p === 'after').length;
    expect(afters).toBeGreaterThan(0);
    expect(afters).toBeLessThan(40);
    expect(ran).toHaveLength(afters); // the handler ran exactly for the `after` faults
    expect(faults.stats).toMatchObject({ invocations: 40, injected: 40, before: 40 - afters, after: afters });
    expect(faults.faultsForMessage('m1')).toBe(40);

    // A handler that fails on its own is its own failure, not an injected one.
    const own = faults.wrap(async () => {
      throw new Error('handler bug');
    });
    const errors = await Promise.all(Array.from({ length: 20 }, () => own('other', {}).then(() => new Error('resolved'), (e: unknown) => e as Error)));
    expect(errors.some((e) => e.message === 'handler bug')).toBe(true);
    expect(faults.stats.byFunction.other!.after).toBe(0);
  });

  it('spares functions the filter leaves out, and draws nothing for them', () => {
    const faults = new FaultInjector({ rate: 1, seed: 1, functions: (name) => name !== 'spared' });
    for (let i = 0; i < 10; i++) expect(faults.decide('spared')).toBeUndefined();
    expect(faults.stats.invocations).toBe(0);
    expect(faults.decide('hit')).toBeDefined();
  });

  it('rejects a rate outside 0..1; mulberry32 is uniform enough', () => {
    expect(() => new FaultInjector({ rate: 1.5 })).toThrow(RangeError);
    const random = mulberry32(123);
    const draws = Array.from({ length: 10_000 }, random);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.reduce((a, b) => a + b, 0) / draws.length).toBeCloseTo(0.5, 1);
  });
});

// The runtime with faults on, on fixture functions: every consumer and schedule
// invocation fails (rate 1), HTTP never does.
const topology: LocalTopology = {
  table: { partitionKey: 'pk', sortKey: 'sk', indexes: [] },
  functions: ['partial-consumer', 'scheduled', 'http-echo'].map((name) => ({ name, timeoutSeconds: 5, memoryMb: 128 })),
  routes: [{ method: 'GET', path: '/echo/{id}', handler: 'http-echo' }],
  fallbackHandler: 'http-echo',
  queues: [{ name: 'partial', consumer: 'partial-consumer', batchSize: 10, maxReceiveCount: 2, visibilityTimeoutSeconds: 1 }],
  schedules: [{ name: 'tick', handler: 'scheduled', expression: 'rate(1 minute)' }],
};

describe('startLocalSystem({ faults })', () => {
  let system: LocalSystem;
  let sqs: SQSClient;
  const logged: string[] = [];
  const log = { info: () => undefined, warn: (line: string) => void logged.push(line), error: (line: string, error?: unknown) => void logged.push(`${line} ${String(error)}`) };

  beforeAll(async () => {
    system = await startLocalSystem({
      topology,
      functionsDir: path.join(__dirname, 'fixtures'),
      log,
      jvm: 'fast-start',
      scheduleTimers: false,
      faults: { rate: 1, seed: 99 },
    });
    sqs = new SQSClient({ endpoint: system.urls.sqs, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  });

  afterAll(async () => {
    sqs?.destroy();
    await system?.stop();
  });

  it('fails consumers and schedules, leaves HTTP alone, dead-letters a message every receive of which failed, and counts it all', async () => {
    expect(logged.some((line) => line.includes('fault injection ON'))).toBe(true);
    const http = await fetch(`${system.urls.gateway}/echo/1`);
    expect(http.ok).toBe(true);

    const run = await system.runSchedule('tick');
    expect(run.ok).toBe(false);
    expect(run.error).toMatch(/^InjectedFault: fault #\d+ injected on purpose/);

    const { MessageId } = await sqs.send(new SendMessageCommand({ QueueUrl: system.queues.partial!.url, MessageBody: JSON.stringify({ fail: false }) }));
    const deadline = Date.now() + 20_000;
    for (;;) {
      const [count] = await countDeadLetters(sqs, 'local', ['partial']);
      if (count?.messages === 1) break;
      if (Date.now() > deadline) throw new Error('the message never reached the DLQ');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const stats = system.faults!.stats;
    expect(system.faults!.faultsForMessage(MessageId!)).toBe(2);
    expect(stats.byFunction['partial-consumer']).toMatchObject({ invocations: 2 });
    expect(stats.byFunction['scheduled']).toMatchObject({ invocations: 1 });
    expect(stats.injected).toBe(3);
    // The handler ran once per `after` fault, never for a `before` one.
    const handlerRuns = fixtureCalls('partial-consumer').length + fixtureCalls('scheduled').length;
    expect(handlerRuns).toBe(stats.after);
    const [poller] = system.queueStatus();
    expect(poller!.stats).toMatchObject({ batches: 2, failed: 2, succeeded: 0, redelivered: 1 });
  });
});
