/**
 * A hand-off queue between steps and its dead-letter queue (architecture.md property 2).
 * Both encrypted (SQS-managed keys) and reachable over TLS only; a message received
 * `maxReceiveCount` times moves to the DLQ, which keeps it 14 days for replay.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import { deadLetterQueueName, type QueueDecl } from '../shared/topology';
import { resourceName } from './names';

export interface StepQueueProps {
  readonly stage: string;
  readonly decl: QueueDecl;
  readonly removalPolicy: RemovalPolicy;
}

export class StepQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  private readonly decl: QueueDecl;

  constructor(scope: Construct, id: string, props: StepQueueProps) {
    super(scope, id);
    const { decl, stage } = props;
    this.decl = decl;
    const common = {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: props.removalPolicy,
    };
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      ...common,
      queueName: resourceName(stage, deadLetterQueueName(decl.name)),
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      ...common,
      queueName: resourceName(stage, decl.name),
      visibilityTimeout: Duration.seconds(decl.visibilityTimeoutSeconds),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: decl.maxReceiveCount },
    });
  }

  /** The consumer gets batches and reports the failed records only (Powertools batch). */
  connectConsumer(consumer: lambda.IFunction): void {
    consumer.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: this.decl.batchSize,
        reportBatchItemFailures: true,
        maxConcurrency: this.decl.maxConcurrency,
        // AWS requires a batching window for batches above 10.
        maxBatchingWindow: this.decl.batchSize > 10 ? Duration.seconds(1) : undefined,
      }),
    );
  }
}
