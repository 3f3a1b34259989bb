/**
 * Where an asynchronous invocation that failed for good goes (issue 20: a lost SES bounce
 * never suppressed, a failed schedule run was only a log line): one queue per stage,
 * `complaints-<stage>-async-failures`, kept 14 days, alarmed at its first message like a
 * step's DLQ. Every rule target (the schedules, SES's mail events) names it twice: as the
 * EventBridge target's dead-letter queue (EventBridge could not invoke the function) and as
 * the function's on-failure destination (the function failed after Lambda's own retries).
 * Read and replay by hand (docs/operations.md "Outages heal themselves").
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { resourceName } from './names';

export const asyncFailuresQueueName = 'async-failures';

export class AsyncFailures extends Construct {
  readonly queue: sqs.Queue;
  readonly #configured = new Set<lambda.IFunction>();

  constructor(scope: Construct, id: string, props: { readonly stage: string; readonly removalPolicy: RemovalPolicy }) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      queueName: resourceName(props.stage, asyncFailuresQueueName),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself a dead-letter queue: of the EventBridge rule targets and the on-failure destination of their functions; it has an alarm at its first message.',
    });
  }

  /** A rule target that invokes `fn`, both of its failure paths ending in the queue. */
  target(fn: lambda.IFunction, retryAttempts: number): LambdaFunction {
    if (!this.#configured.has(fn)) {
      this.#configured.add(fn);
      fn.configureAsyncInvoke({ onFailure: new SqsDestination(this.queue), retryAttempts: 2 });
    }
    return new LambdaFunction(fn, { retryAttempts, deadLetterQueue: this.queue, maxEventAge: Duration.hours(24) });
  }
}
