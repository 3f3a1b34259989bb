import type { MiddlewareObj } from '@middy/core';

/**
 * The CloudWatch units the catalogue uses (the EMF `Unit` strings). An enum, not an object:
 * esbuild inlines its members, so a bundle that imports only `publishMetrics` (a report
 * function) drops the catalogue, which a property read of an object would keep.
 */
enum MetricUnit {
  Count = 'Count',
  Seconds = 'Seconds',
}

/**
 * The one catalogue of the application's own metrics. The code emits them with
 * `emit` below (CloudWatch EMF through stdout, no API calls); infra/alarms.ts and
 * infra/dashboard.ts read the same entries, so an alarm can only watch a name that the
 * code emits (test/infra/alarms.test.ts checks both ways).
 *
 * Every metric carries the dimensions `service` and `step` (the
 * function's topology name); `emittedBy` lists the steps that emit it, or
 * `queue-consumers` for every consumer of a topology queue.
 */
export const metricNamespace = 'Complaints';
export const metricService = 'complaints';

export interface MetricEntry {
  readonly unit: MetricUnit;
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

/** CloudWatch reads at most 100 values of one metric in an EMF document. */
const maxValuesPerMetric = 100;

/**
 * A step's data points of one invocation, written as ONE CloudWatch Embedded Metric Format
 * line on stdout when the invocation ends (`publishMetrics`): the line Powertools Metrics
 * writes (`_aws` with Timestamp, Namespace, Dimensions [["service","step"]] and each
 * metric's Name and Unit, then the dimensions' values, then each metric's value, or its
 * values as an array). Not Powertools: the format is documented JSON, and its library was
 * about 14 KB of every bundle (issue #20, bundles <= 150 KB) for the two calls used here.
 */
export class StepMetrics {
  private points = new Map<MetricName, number[]>();

  constructor(readonly step: string) {}

  add(name: MetricName, value: number): void {
    const values = this.points.get(name) ?? [];
    values.push(value);
    this.points.set(name, values);
    if (values.length === maxValuesPerMetric) this.flush();
  }

  /** Writes the points held (nothing when there are none) and forgets them. */
  flush(): void {
    const points = [...this.points];
    this.points = new Map();
    // Read at each flush, not once: the local runtime turns metrics off after a module may have loaded this one.
    if (points.length === 0 || /^(true|1)$/i.test(process.env.POWERTOOLS_METRICS_DISABLED ?? '')) return;
    const line = {
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [
          { Namespace: metricNamespace, Dimensions: [['service', 'step']], Metrics: points.map(([name]) => ({ Name: name, Unit: metricCatalogue[name].unit })) },
        ],
      },
      service: metricService,
      step: this.step,
      ...Object.fromEntries(points.map(([name, values]) => [name, values.length === 1 ? values[0] : values])),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}

/** One instance per step, so steps sharing a process (the local runtime) keep their own dimension. */
export function stepMetrics(step: string): StepMetrics {
  return new StepMetrics(step);
}

/** Adds one data point of a catalogue metric (written when the step's `publishMetrics` middleware flushes). */
export function emit(metrics: StepMetrics, name: MetricName, value = 1): void {
  metrics.add(name, value);
}

/** Flushes the step's metrics at the end of every invocation, a failed one too (its failure counts are the point). */
export const publishMetrics = (metrics: StepMetrics): MiddlewareObj => ({
  after: () => metrics.flush(),
  onError: () => metrics.flush(),
});
