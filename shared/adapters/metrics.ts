import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MetricUnit as MetricUnitName } from '@aws-lambda-powertools/metrics/types';

/**
 * The one catalogue of the application's own metrics. The code emits them with
 * `emit` below (CloudWatch EMF through stdout, no API calls); infra/alarms.ts and
 * infra/dashboard.ts read the same entries, so an alarm can only watch a name that the
 * code emits (test/infra/alarms.test.ts checks both ways).
 *
 * Every metric carries the dimensions `service` (Powertools adds it) and `step` (the
 * function's topology name); `emittedBy` lists the steps that emit it, or
 * `queue-consumers` for every consumer of a topology queue.
 */
export const metricNamespace = 'Complaints';
export const metricService = 'complaints';

export interface MetricEntry {
  readonly unit: MetricUnitName;
  readonly emittedBy: 'queue-consumers' | readonly string[];
  readonly meaning: string;
}

export const metricCatalogue = {
  CasesIn: { unit: MetricUnit.Count, emittedBy: 'queue-consumers', meaning: 'a message received by a workflow step' },
  BatchItemFailures: {
    unit: MetricUnit.Count,
    emittedBy: 'queue-consumers',
    meaning: 'a message that failed (malformed, or its step threw): retried, then dead-lettered',
  },
  NoticesSent: { unit: MetricUnit.Count, emittedBy: ['send-notice'], meaning: 'a mail sent' },
  MailsFailed: { unit: MetricUnit.Count, emittedBy: ['send-notice'], meaning: 'a mail SES rejected for good: its notice is marked failed' },
  MailsDeferred: {
    unit: MetricUnit.Count,
    emittedBy: ['send-notice'],
    meaning: 'a mail not sent because the provider is down (SES 503, SMTP 4xx or unreachable): its notice stays pending and the outbox relay sends it later',
  },
  MailsSuppressed: {
    unit: MetricUnit.Count,
    emittedBy: ['send-notice'],
    meaning: 'a mail not sent because its address is on the suppression list (bounced for good, or complained)',
  },
  MailsCapped: {
    unit: MetricUnit.Count,
    emittedBy: ['send-notice'],
    meaning: "a receipt or lost-token link not sent because its address had the day's mails (the per-address cap): someone may be submitting in another's name",
  },
  /** Emitted on every SES event, 0 included (a transient bounce suppresses nothing). */
  AddressesSuppressed: {
    unit: MetricUnit.Count,
    emittedBy: ['mail-events'],
    meaning: 'an address SES reported as bounced for good or complaining, put on the suppression list',
  },
  HandoffsGivenUp: {
    unit: MetricUnit.Count,
    emittedBy: ['outbox-relay'],
    meaning: 'a hand-off still unconfirmed after the last relay attempt: its case may have stopped moving',
  },
  /** Emitted on every sweep run, 0 when nothing due is waiting, so a silent sweep is seen too. */
  SweepLagSeconds: {
    unit: MetricUnit.Seconds,
    emittedBy: ['sla-sweep'],
    meaning: 'age of the oldest due case whose notice has not gone out yet',
  },
  CasesParked: {
    unit: MetricUnit.Count,
    emittedBy: ['sla-sweep'],
    meaning: 'a case whose escalation kept failing, set aside so it no longer holds the sweep back',
  },
} as const satisfies Record<string, MetricEntry>;

export type MetricName = keyof typeof metricCatalogue;

/** One Metrics instance per step, so steps sharing a process (the local runtime) keep their own dimension. */
export function stepMetrics(step: string): Metrics {
  return new Metrics({ namespace: metricNamespace, serviceName: metricService, defaultDimensions: { step } });
}

/** Adds one data point of a catalogue metric (published when the step's `logMetrics` middleware flushes). */
export function emit(metrics: Metrics, name: MetricName, value = 1): void {
  metrics.addMetric(name, metricCatalogue[name].unit, value);
}
