import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

/**
 * The bare baseline of the intake bench: a plain Node HTTP server that does only what
 * intake cannot avoid, one PutItem and one SendMessage, against the same emulators.
 * No validation, no sequence, no transaction, no middleware.
 */
export async function startBaseline(clients: { dynamodb: DynamoDBClient; sqs: SQSClient }, tableName: string, queueUrl: string) {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const id = randomUUID();
      const body = Buffer.concat(chunks).toString('utf8');
      clients.dynamodb
        .send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: `BASELINE#${id}` }, sk: { S: 'BASELINE' }, body: { S: body } } }))
        .then(() => clients.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ id }) })))
        .then(
          () => {
            res.writeHead(201, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ id }));
          },
          () => {
            res.writeHead(500);
            res.end();
          },
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
