/**
 * The resources billed by the month whatever the number of cases, counted from the
 * synthesised template of a stage (`createStageApp`, no bundling) and the metric catalogue:
 * CloudWatch alarms (per alarm metric: a metric-math alarm bills every metric it reads),
 * custom metrics (one per name and dimension set: the EMF writer publishes each catalogue metric
 * with the emitting step as a dimension), dashboards and KMS keys. Priced in bench/cost.ts.
 * `npx tsx bench/fixed-resources.ts [stage]` prints the count.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { createStageApp } from '../infra/stage-app';
import { metricCatalogue } from '../shared/adapters/metrics';
import { topology } from '../shared/topology';

export interface FixedResources {
  readonly stage: string;
  readonly alarms: number;
  readonly alarmMetrics: number;
  readonly customMetrics: number;
  readonly dashboards: number;
  readonly kmsKeys: number;
}

type Resource = { Type: string; Properties?: { Metrics?: unknown[] } };

export function countFixedResources(stage = 'prod'): FixedResources {
  const { stack } = createStageApp(stage, { skipBundling: true });
  const resources = Object.values((Template.fromStack(stack).toJSON() as { Resources: Record<string, Resource> }).Resources);
  const ofType = (type: string) => resources.filter((r) => r.Type === type);
  const alarms = ofType('AWS::CloudWatch::Alarm');
  // A metric-math alarm lists its metrics and expressions under Metrics; only the metrics are billed.
  const alarmMetrics = alarms.reduce((n, a) => n + (a.Properties?.Metrics ? a.Properties.Metrics.filter((m) => (m as { MetricStat?: unknown }).MetricStat).length : 1), 0);
  const consumers = topology.queues.length;
  const customMetrics = Object.values(metricCatalogue).reduce<number>((n, m) => n + (m.emittedBy === 'queue-consumers' ? consumers : m.emittedBy.length), 0);
  return { stage, alarms: alarms.length, alarmMetrics, customMetrics, dashboards: ofType('AWS::CloudWatch::Dashboard').length, kmsKeys: ofType('AWS::KMS::Key').length };
}

if (require.main === module) console.log(countFixedResources(process.argv[2] ?? 'prod'));
