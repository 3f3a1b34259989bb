/**
 * The alarms and the dashboard against the metric catalogue (shared/adapters/metrics.ts):
 * an alarm may only read a metric that the code emits, under a step that emits it, and
 * every catalogue metric with an alarm rule is watched for every step that emits it.
 * That the code really emits each one when its failure happens is shown on the local
 * stack by test/handlers/alarm-metrics.test.ts.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { emittingSteps, metricAlarmRules } from '../../infra/alarms';
import { createStageApp } from '../../infra/stage-app';
import { metricCatalogue, metricNamespace, metricService, type MetricName } from '../../shared/adapters/metrics';
import { deadLetterQueueName, topology } from '../../shared/topology';

interface AlarmProps {
  AlarmName: string;
  Namespace: string;
  MetricName: string;
  Dimensions?: { Name: string; Value: unknown }[];
  AlarmActions: unknown[];
}

const stage = 'dev';
let alarms: AlarmProps[];
let dashboardBody: string;
let resources: Record<string, { Type: string; Properties: Record<string, any> }>;

beforeAll(() => {
  const template = Template.fromStack(createStageApp(stage, { skipBundling: true }).stack);
  resources = template.toJSON().Resources;
  alarms = Object.values(resources)
    .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
    .map((r) => r.Properties as AlarmProps);
  const [dashboard, ...more] = Object.values(resources).filter((r) => r.Type === 'AWS::CloudWatch::Dashboard');
  expect(more).toEqual([]);
  expect(dashboard!.Properties.DashboardName).toBe(`complaints-${stage}-overview`);
  dashboardBody = JSON.stringify(dashboard!.Properties.DashboardBody);
});

const dimension = (alarm: AlarmProps, name: string) => alarm.Dimensions?.find((d) => d.Name === name)?.Value;
const catalogueNames = Object.keys(metricCatalogue) as MetricName[];
const ownAlarms = () => alarms.filter((a) => a.Namespace === metricNamespace);

describe('alarms and the metric catalogue', () => {
  it('every alarm on an application metric reads a catalogue name, with the dimensions the code writes', () => {
    expect(ownAlarms().length).toBeGreaterThan(0);
    for (const alarm of ownAlarms()) {
      expect(catalogueNames, alarm.AlarmName).toContain(alarm.MetricName);
      expect(dimension(alarm, 'service'), alarm.AlarmName).toBe(metricService);
      expect(emittingSteps(alarm.MetricName as MetricName, topology), alarm.AlarmName).toContain(dimension(alarm, 'step'));
      expect(alarm.Dimensions?.map((d) => d.Name).sort(), alarm.AlarmName).toEqual(['service', 'step']);
    }
  });

  it('every catalogue metric with an alarm rule is watched for each step that emits it', () => {
    const watched = new Set(ownAlarms().map((a) => `${a.MetricName}/${String(dimension(a, 'step'))}`));
    const expected = catalogueNames.filter((name) => metricAlarmRules[name]).flatMap((name) => emittingSteps(name, topology).map((step) => `${name}/${step}`));
    expect(expected.length).toBeGreaterThanOrEqual(topology.queues.length + 4);
    expect([...watched].sort()).toEqual(expected.sort());
    for (const name of ['BatchItemFailures', 'HandoffsGivenUp', 'MailsFailed', 'SweepLagSeconds', 'CasesParked'] as const) {
      expect(metricAlarmRules[name], name).toBeDefined();
    }
  });

  it('watches the HTTP API stage for 5xx answers', () => {
    const [api5xx, ...more] = alarms.filter((a) => a.Namespace === 'AWS/ApiGateway');
    expect(more).toEqual([]);
    expect(api5xx).toMatchObject({ AlarmName: `complaints-${stage}-api-5xx`, MetricName: '5xx' });
    expect(dimension(api5xx!, 'Stage')).toBe('$default');
    const apiId = dimension(api5xx!, 'ApiId') as { Ref: string };
    expect(resources[apiId.Ref]?.Type).toBe('AWS::ApiGatewayV2::Api');
  });

  it('watches each dead-letter queue for its depth and the age of its oldest message', () => {
    for (const queue of topology.queues) {
      const dlqId = Object.entries(resources).find(
        ([, r]) => r.Type === 'AWS::SQS::Queue' && r.Properties.QueueName === `complaints-${stage}-${deadLetterQueueName(queue.name)}`,
      )![0];
      const onDlq = alarms.filter((a) => a.Namespace === 'AWS/SQS' && (dimension(a, 'QueueName') as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0] === dlqId);
      expect(onDlq.map((a) => a.MetricName).sort(), queue.name).toEqual(['ApproximateAgeOfOldestMessage', 'ApproximateNumberOfMessagesVisible']);
    }
  });

  it('sends every alarm to the stage topic', () => {
    for (const alarm of alarms) expect(alarm.AlarmActions, alarm.AlarmName).toHaveLength(1);
  });
});

describe('dashboard', () => {
  it('shows every catalogue metric for each step that emits it, the API and the dead-letter queues', () => {
    for (const name of catalogueNames) {
      for (const step of emittingSteps(name, topology)) {
        expect(dashboardBody, `${name}/${step}`).toContain(`\\"${metricNamespace}\\",\\"${name}\\",\\"service\\",\\"${metricService}\\",\\"step\\",\\"${step}\\"`);
      }
    }
    for (const metric of ['5xx', 'ApproximateAgeOfOldestMessage', 'ApproximateNumberOfMessagesVisible']) expect(dashboardBody).toContain(metric);
  });
});
