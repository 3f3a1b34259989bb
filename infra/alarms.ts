/**
 * Operator alarms (architecture.md property 10). Each reads a metric that a failure
 * moves: the application's own metrics of shared/adapters/metrics.ts (one alarm per
 * emitting step, by the rules below), the HTTP API's 5xx (handlers turn errors into
 * responses, so a function's `Errors` stays 0 for a 500), each dead-letter queue's depth
 * and age, and each function's unhandled errors. They go to one SNS topic per stage that
 * mails the stage config's `onCall` contacts. docs/operations.md says what to do for each.
 */
import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { metricCatalogue, metricNamespace, metricService, type MetricName } from '../shared/adapters/metrics';
import type { TopologyShape } from './topology-shape';
import { pascalCase, resourceName } from './names';

interface AlarmRule {
  readonly statistic: 'Sum' | 'Maximum';
  /** Alarm when the statistic over one period is above this. */
  readonly above: number;
  readonly period: Duration;
  /** A metric that must arrive every period (emitted on every run) alarms when it stops. */
  readonly missingIsBreaching?: boolean;
}

/**
 * What each catalogue metric alarms on (`undefined`: on the dashboard only). A Record
 * over every MetricName, so a new catalogue entry does not compile until it is decided here.
 */
export const metricAlarmRules: Readonly<Record<MetricName, AlarmRule | undefined>> = {
  CasesIn: undefined,
  NoticesSent: undefined,
  // A suppressed mail may be a complainant's reply that never reaches them: staff call instead.
  MailsSuppressed: { statistic: 'Sum', above: 0, period: Duration.hours(1) },
  // Dashboard only: an address put on the list is the list doing its job; SES's own reputation
  // metrics (bounce and complaint rates) are where a wave of them shows.
  AddressesSuppressed: undefined,
  BatchItemFailures: { statistic: 'Sum', above: 0, period: Duration.minutes(5) },
  MailsFailed: { statistic: 'Sum', above: 0, period: Duration.minutes(5) },
  // The provider is down: nothing is lost (the relay sends each notice when it is back), but
  // complainants wait for their mails, so ops hear of it at once, not from the DLQ.
  MailsDeferred: { statistic: 'Sum', above: 0, period: Duration.minutes(5) },
  // A capped mail is someone submitting or asking for links in another's name, or a real
  // complainant's receipt lost: a few an hour is worth a look.
  MailsCapped: { statistic: 'Sum', above: 0, period: Duration.hours(1) },
  HandoffsGivenUp: { statistic: 'Sum', above: 0, period: Duration.minutes(5) },
  CasesParked: { statistic: 'Sum', above: 0, period: Duration.minutes(5) },
  // The sweep runs every 5 minutes: a due case waiting 15 minutes, or 15 minutes without a sweep, is late.
  SweepLagSeconds: { statistic: 'Maximum', above: 15 * 60, period: Duration.minutes(15), missingIsBreaching: true },
};

/** A dead-letter message not replayed within a day: SQS drops it after the DLQ's 14 days. */
const deadLetterAgeLimit = Duration.days(1);

/** The steps (function names) that emit a catalogue metric, as its `step` dimension. */
export function emittingSteps(name: MetricName, shape: TopologyShape): string[] {
  const emittedBy = metricCatalogue[name].emittedBy;
  if (emittedBy === 'queue-consumers') return shape.queues.map((q) => q.consumer);
  return emittedBy.filter((step) => shape.functions.some((f) => f.name === step));
}

/** A catalogue metric of one step, with the dimensions its EMF line carries (`service`, `step`). */
export function catalogueMetric(name: MetricName, step: string, props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: metricNamespace,
    metricName: name,
    dimensionsMap: { service: metricService, step },
    statistic: 'Sum',
    period: Duration.minutes(5),
    ...props,
  });
}

export interface OperatorAlarmsProps {
  readonly stage: string;
  /** Who is told; each gets an SNS subscription confirmation mail once. */
  readonly contacts: readonly { readonly email: string }[];
}

export class OperatorAlarms extends Construct {
  readonly topic: sns.Topic;
  /** Every alarm, for the dashboard's status widget. */
  readonly alarms: cloudwatch.Alarm[] = [];
  private readonly action: SnsAction;
  private readonly stage: string;

  constructor(scope: Construct, id: string, props: OperatorAlarmsProps) {
    super(scope, id);
    this.stage = props.stage;
    // A customer-managed key: CloudWatch may not use the AWS-managed SNS key.
    const key = new kms.Key(this, 'TopicKey', {
      description: `${resourceName(props.stage, 'alarms')} topic encryption`,
      enableKeyRotation: true,
    });
    key.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new sns.Topic(this, 'Topic', {
      topicName: resourceName(props.stage, 'alarms'),
      displayName: `Complaints ${props.stage} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    for (const contact of props.contacts) this.topic.addSubscription(new EmailSubscription(contact.email));
    this.action = new SnsAction(this.topic);
  }

  /** The catalogue metrics that have an alarm rule, one alarm per emitting step. */
  watchCatalogue(shape: TopologyShape): void {
    for (const name of Object.keys(metricAlarmRules) as MetricName[]) {
      const rule = metricAlarmRules[name];
      if (!rule) continue;
      for (const step of emittingSteps(name, shape)) {
        this.alarmAbove(
          `${name}${pascalCase(step)}`,
          `${step}-${kebab(name)}`,
          `${name} of ${step}: ${metricCatalogue[name].meaning} (docs/operations.md, alarm ${name})`,
          catalogueMetric(name, step, { statistic: rule.statistic, period: rule.period }),
          rule.above,
          rule.missingIsBreaching ? cloudwatch.TreatMissingData.BREACHING : cloudwatch.TreatMissingData.NOT_BREACHING,
        );
      }
    }
  }

  /** 5xx answers of the HTTP API's stage, whatever caused them (a handler's 500, a crash, a timeout). */
  watchHttpApi(stage: apigw.HttpStage): void {
    this.alarmAbove(
      'ApiServerErrors',
      'api-5xx',
      'The HTTP API answered 5xx: see the access log and the functions\' logs (docs/operations.md, alarm api-5xx)',
      stage.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      0,
    );
  }

  /** A message in a DLQ is a case that stopped moving: alarm at the first one (and say when it is empty again), and when one waits too long. */
  watchDeadLetterQueue(queueName: string, deadLetterQueue: sqs.IQueue): void {
    const depth = this.alarmAbove(
      `${pascalCase(queueName)}DeadLetters`,
      `${queueName}-dead-letters`,
      `Messages in the dead-letter queue of "${queueName}": replay with npm run dlq -- replay ${queueName} --stage ${this.stage} (docs/operations.md)`,
      deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      0,
    );
    depth.addOkAction(this.action);
    this.alarmAbove(
      `${pascalCase(queueName)}DeadLetterAge`,
      `${queueName}-dead-letter-age`,
      `A message has waited over ${deadLetterAgeLimit.toHours()} hours in the dead-letter queue of "${queueName}"; it is lost after 14 days (docs/operations.md)`,
      deadLetterQueue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }),
      deadLetterAgeLimit.toSeconds(),
    );
  }

  /** Unhandled errors of one function (a failed schedule run, a crash, a timeout). */
  watchFunction(functionName: string, fn: lambda.IFunction): void {
    this.alarmAbove(
      `${pascalCase(functionName)}Errors`,
      `${functionName}-errors`,
      `Errors of function ${functionName}: see its log group (docs/operations.md)`,
      fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      0,
    );
  }

  private alarmAbove(
    id: string,
    name: string,
    description: string,
    metric: cloudwatch.IMetric,
    threshold: number,
    treatMissingData = cloudwatch.TreatMissingData.NOT_BREACHING,
  ): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      alarmName: resourceName(this.stage, name),
      alarmDescription: description,
      metric,
      threshold,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData,
    });
    alarm.addAlarmAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }
}

/** `BatchItemFailures` → `batch-item-failures`, for alarm names. */
const kebab = (name: string): string => name.replace(/[A-Z]/g, (c, i: number) => `${i === 0 ? '' : '-'}${c.toLowerCase()}`);
