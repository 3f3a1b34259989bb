/**
 * One CloudWatch dashboard per stage (`complaints-<stage>`): the alarms' states on top,
 * then the metrics they read, beside the traffic that gives them scale - the HTTP API,
 * each workflow step's messages and failures, mail, the hand-off relay, the SLA sweep,
 * the dead-letter queues and the functions.
 */
import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { metricCatalogue, type MetricName } from '../shared/adapters/metrics';
import { catalogueMetric, emittingSteps } from './alarms';
import { resourceName } from './names';
import type { TopologyShape } from './topology-shape';

export interface StageDashboardProps {
  readonly stage: string;
  readonly shape: TopologyShape;
  readonly alarms: readonly cloudwatch.IAlarm[];
  readonly apiStage: apigw.HttpStage;
  readonly deadLetterQueues: ReadonlyMap<string, sqs.IQueue>;
  readonly functions: ReadonlyMap<string, lambda.IFunction>;
}

const period = Duration.minutes(5);
const width = 8; // three graphs a row (the grid is 24 wide)

export class StageDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: StageDashboardProps) {
    super(scope, id);
    const { shape, apiStage } = props;
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: resourceName(props.stage, 'overview') });

    const catalogueGraph = (name: MetricName, statistic = 'Sum') =>
      new cloudwatch.GraphWidget({
        title: `${name}: ${metricCatalogue[name].meaning}`,
        width,
        left: emittingSteps(name, shape).map((step) => catalogueMetric(name, step, { statistic, period, label: step })),
      });
    const perQueue = (title: string, metric: (q: sqs.IQueue) => cloudwatch.IMetric) =>
      new cloudwatch.GraphWidget({ title, width, left: [...props.deadLetterQueues.values()].map(metric) });
    const perFunction = (title: string, metric: (fn: lambda.IFunction) => cloudwatch.IMetric) =>
      new cloudwatch.GraphWidget({ title, width, left: [...props.functions.values()].map(metric) });

    this.dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: 'Alarms', width: 24, alarms: [...props.alarms] }));
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'HTTP API requests, 4xx, 5xx',
        width,
        left: [apiStage.metricCount({ statistic: 'Sum', period }), apiStage.metricClientError({ period }), apiStage.metricServerError({ period })],
      }),
      new cloudwatch.GraphWidget({ title: 'HTTP API latency (p99, ms)', width, left: [apiStage.metricLatency({ statistic: 'p99', period })] }),
      catalogueGraph('CasesIn'),
    );
    this.dashboard.addWidgets(catalogueGraph('BatchItemFailures'), catalogueGraph('NoticesSent'), catalogueGraph('MailsFailed'));
    this.dashboard.addWidgets(catalogueGraph('HandoffsGivenUp'), catalogueGraph('SweepLagSeconds', 'Maximum'), catalogueGraph('CasesParked'));
    this.dashboard.addWidgets(catalogueGraph('MailsSuppressed'), catalogueGraph('MailsCapped'), catalogueGraph('AddressesSuppressed'));
    this.dashboard.addWidgets(catalogueGraph('MailsDeferred'));
    this.dashboard.addWidgets(
      perQueue('Dead-letter queue depth', (q) => q.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period })),
      perQueue('Dead-letter queue oldest message (s)', (q) => q.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', period })),
      perFunction('Function errors', (fn) => fn.metricErrors({ statistic: 'Sum', period })),
    );
    this.dashboard.addWidgets(
      perFunction('Function throttles', (fn) => fn.metricThrottles({ statistic: 'Sum', period })),
      perFunction('Function duration (p99, ms)', (fn) => fn.metricDuration({ statistic: 'p99', period })),
    );
  }
}
