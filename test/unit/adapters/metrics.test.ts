import middy from '@middy/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emit, metricNamespace, metricService, publishMetrics, stepMetrics } from '../../../shared/adapters/metrics';
import { capturingOutput } from '../../support/output';

const lines = (text: string) => text.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);

/** A step's handler as the wrappers build it: it emits, then returns or throws. */
function stepHandler(step: string, work: (metrics: ReturnType<typeof stepMetrics>) => void) {
  const metrics = stepMetrics(step);
  return middy(async () => work(metrics)).use(publishMetrics(metrics));
}

describe('the EMF metrics writer (the Powertools Metrics line, without Powertools)', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('writes ONE EMF line per invocation: namespace, dimensions service and step, each metric with its catalogue unit, repeated points as an array', async () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    const handler = stepHandler('sla-sweep', (metrics) => {
      emit(metrics, 'SweepLagSeconds', 180);
      emit(metrics, 'CasesParked');
      emit(metrics, 'CasesParked', 0);
    });
    const before = Date.now();
    const out = await capturingOutput(async () => void (await handler({}, {} as never)));
    expect(lines(out)).toEqual([
      {
        _aws: {
          Timestamp: expect.any(Number),
          CloudWatchMetrics: [
            {
              Namespace: metricNamespace,
              Dimensions: [['service', 'step']],
              Metrics: [
                { Name: 'SweepLagSeconds', Unit: 'Seconds' },
                { Name: 'CasesParked', Unit: 'Count' },
              ],
            },
          ],
        },
        service: metricService,
        step: 'sla-sweep',
        SweepLagSeconds: 180,
        CasesParked: [1, 0],
      },
    ]);
    expect((lines(out)[0]!._aws as { Timestamp: number }).Timestamp).toBeGreaterThanOrEqual(before);
    // The next invocation starts empty: it writes its own points only.
    const again = await capturingOutput(async () => void (await handler({}, {} as never)));
    expect(lines(again).map(({ SweepLagSeconds, CasesParked }) => ({ SweepLagSeconds, CasesParked }))).toEqual([{ SweepLagSeconds: 180, CasesParked: [1, 0] }]);
  });

  it('flushes when the handler throws too: the failure counts are written', async () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    const handler = stepHandler('mail-events', (metrics) => {
      emit(metrics, 'AddressesSuppressed', 2);
      throw new Error('boom');
    });
    const out = await capturingOutput(async () => {
      await expect(handler({}, {} as never)).rejects.toThrow('boom');
    });
    expect(lines(out)).toMatchObject([{ step: 'mail-events', AddressesSuppressed: 2 }]);
  });

  it('writes nothing at all (no line, no warning) for an invocation without data points, and nothing when metrics are disabled', async () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    const quiet = stepHandler('outbox-relay', () => undefined);
    expect(await capturingOutput(async () => void (await quiet({}, {} as never)))).toBe('');
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
    const disabled = stepHandler('outbox-relay', (metrics) => emit(metrics, 'HandoffsGivenUp', 3));
    expect(await capturingOutput(async () => void (await disabled({}, {} as never)))).toBe('');
  });

  it('writes a full line once a metric holds 100 points (the most CloudWatch reads of one metric in a document)', async () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    const handler = stepHandler('classify-case', (metrics) => {
      for (let i = 0; i < 101; i++) emit(metrics, 'CasesIn');
    });
    const out = await capturingOutput(async () => void (await handler({}, {} as never)));
    expect(lines(out).map((line) => [line.CasesIn].flat().length)).toEqual([100, 1]);
  });
});
