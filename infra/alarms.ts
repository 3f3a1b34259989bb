/**
 * Operator alarms (architecture.md property 10): a message in any dead-letter queue,
 * and any function error. They go to one SNS topic per stage that mails the stage
 * config's `onCall` contacts.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { metricNamespace, metricService, type MetricName } from '../shared/adapters/metrics';
import { pascalCase, resourceName } from './names';

export interface OperatorAlarmsProps {
  readonly stage: string;
  /** Who is told; each gets an SNS subscription confirmation mail once. */
  readonly contacts: readonly { readonly email: string }[];
}

export class OperatorAlarms extends Construct {
  readonly topic: sns.Topic;
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

  /** Any message in a DLQ is a case that stopped moving: alarm at the first one, and say when it is empty again. */
  watchDeadLetterQueue(queueName: string, deadLetterQueue: sqs.IQueue): cloudwatch.Alarm {
    const alarm = this.alarmAboveZero(
      `${pascalCase(queueName)}DeadLetters`,
      `${queueName}-dead-letters`,
      `Messages in the dead-letter queue of "${queueName}": replay with npm run dlq -- replay ${queueName} --stage ${this.stage} (docs/operations.md)`,
      deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
    );
    alarm.addOkAction(this.action);
    return alarm;
  }

  /** Unhandled errors of one function (a 500, a failed schedule, a whole failed batch). */
  watchFunction(functionName: string, fn: lambda.IFunction): cloudwatch.Alarm {
    return this.alarmAboveZero(
      `${pascalCase(functionName)}Errors`,
      `${functionName}-errors`,
      `Errors of function ${functionName}: see its log group (docs/operations.md)`,
      fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
    );
  }

  /**
   * A case the SLA sweep parked (its escalation kept failing): its ladder is stopped until
   * an operator fixes it and puts it back (docs/operations.md "Parked cases").
   */
  watchParkedCases(): cloudwatch.Alarm {
    return this.alarmAboveZero(
      'CasesParked',
      'cases-parked',
      'The SLA sweep parked a case whose escalation kept failing: see docs/operations.md "Parked cases"',
      new cloudwatch.Metric({
        namespace: metricNamespace,
        metricName: 'CasesParked' satisfies MetricName,
        dimensionsMap: { service: metricService, step: 'sla-sweep' },
        period: Duration.minutes(5),
        statistic: 'Sum',
      }),
    );
  }

  private alarmAboveZero(id: string, name: string, description: string, metric: cloudwatch.IMetric): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      alarmName: resourceName(this.stage, name),
      alarmDescription: description,
      metric,
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }
}
