import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * Per-step metrics (CloudWatch EMF through stdout, no API calls): namespace `Complaints`,
 * dimension `step`. `CasesIn` per message, `Failures` per failed message, `NoticesSent`
 * per mail. One instance per step, so steps sharing a process (the local runtime) keep
 * their own dimension.
 */
export function stepMetrics(step: string): Metrics {
  return new Metrics({ namespace: 'Complaints', serviceName: 'complaints', defaultDimensions: { step } });
}

export function count(metrics: Metrics, name: 'CasesIn' | 'Failures' | 'NoticesSent', value = 1): void {
  metrics.addMetric(name, MetricUnit.Count, value);
}

/** The sweep's own metrics: `SweepLagSeconds` (seconds) and `CasesParked` (count). */
export function emit(metrics: Metrics, name: 'SweepLagSeconds' | 'CasesParked', value = 1): void {
  metrics.addMetric(name, name === 'SweepLagSeconds' ? MetricUnit.Seconds : MetricUnit.Count, value);
}
