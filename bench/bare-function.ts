/**
 * The bare baseline of the intake bench, as a function: served by the same local gateway
 * and runner as `POST /complaints` (a local-only route, never deployed), using the same
 * singleton SDK clients, and doing only what intake cannot avoid: one PutItem of the body
 * and one SendMessage. No validation, no middleware, no sequence, no transaction.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { dynamo, sqs } from '../shared/adapters/aws-clients';
import { runtimeSettings } from '../shared/config/runtime';

export const bareRoute = { method: 'POST', path: '/bench/bare' } as const;
export const bareQueueVariable = 'BENCH_BARE_QUEUE_URL';

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const id = randomUUID();
  await dynamo().send(new PutCommand({ TableName: runtimeSettings().tableName, Item: { pk: `BENCH#${id}`, sk: 'BARE', body: event.body ?? '' } }));
  await sqs().send(new SendMessageCommand({ QueueUrl: process.env[bareQueueVariable], MessageBody: JSON.stringify({ id }) }));
  return { statusCode: 201, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id }) };
}
