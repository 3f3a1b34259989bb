import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import { effectiveConfig } from './effective-config';
import { runsAs } from './invocation';
import { logger, stepLogging } from './logger';
import { emit, publishMetrics, stepMetrics, type StepMetrics } from './metrics';

export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';
}

export interface MessageContext {
  /** When the message was handed off (business time; the local runtime shifts it with its clock). */
  readonly sentAt: Date;
  readonly receiveCount: number;
  /** The step's metrics (dimension `step`), published at the end of the invocation. */
  readonly metrics: StepMetrics;
}

/**
 * A workflow step fed by SQS: each record is parsed with its schema and handled on its
 * own; a record that fails (malformed, or its handler throws) is reported as a partial
 * batch failure, so SQS redelivers only it and, after maxReceiveCount, moves it to the DLQ.
 */
export function queueConsumer<S extends z.ZodMiniType>(
  step: string,
  schema: S,
  handleMessage: (message: z.output<S>, context: MessageContext) => Promise<void>,
) {
  const metrics = stepMetrics(step);
  const handleRecord = async (record: SQSRecord): Promise<void> => {
    emit(metrics, 'CasesIn');
    let message: z.output<S>;
    try {
      message = parse(schema, record);
    } catch (error) {
      emit(metrics, 'BatchItemFailures');
      throw error;
    }
    const caseNumber = (message as { caseNumber?: string }).caseNumber;
    const receiveCount = Number(record.attributes.ApproximateReceiveCount);
    logger.appendKeys({ step, caseNumber, messageId: record.messageId, receiveCount });
    try {
      await handleMessage(message, { sentAt: new Date(Number(record.attributes.SentTimestamp)), receiveCount, metrics });
    } catch (error) {
      emit(metrics, 'BatchItemFailures');
      logger.error('Message failed; it will be retried, then dead-lettered', { errorName: (error as Error).name, errorMessage: (error as Error).message });
      throw error;
    } finally {
      logger.removeKeys(['caseNumber', 'messageId', 'receiveCount']);
    }
  };
  const stack = middy(async (event: SQSEvent, context: Context) =>
    // A processor per invocation: it holds the batch's state (Lambda runs one invocation at
    // a time per container, but the local runtime and tests may run two at once).
    // A batch whose every record failed is reported like any partial failure (all ids),
    // not thrown: SQS treats both the same, and the logs keep one line per record.
    processPartialResponse(event, handleRecord, new BatchProcessor(EventType.SQS), { context, throwOnFullBatchFailure: false }),
  )
    .use(stepLogging(step))
    .use(publishMetrics(metrics))
    .use(effectiveConfig());
  return runsAs(step, stack);
}

function parse<S extends z.ZodMiniType>(schema: S, record: SQSRecord): z.output<S> {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    body = undefined;
  }
  const result = z.safeParse(schema, body);
  if (!result.success) {
    const fields = result.error.issues.map((issue) => issue.path.join('.') || '(body)');
    logger.error('Malformed message: it will go to the dead-letter queue', { messageId: record.messageId, fields });
    throw new MalformedMessageError(`Malformed message ${record.messageId}`);
  }
  return result.data;
}
