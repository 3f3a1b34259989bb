import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SESv2Client } from '@aws-sdk/client-sesv2';

// One client of each kind per container (style.md 8). Endpoints come from the
// standard AWS_ENDPOINT_URL_<SERVICE> variables, which the local runtime sets.
let documentClient: DynamoDBDocumentClient | undefined;
let sqsClient: SQSClient | undefined;
let sesClient: SESv2Client | undefined;

export function dynamo(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

export function sqs(): SQSClient {
  sqsClient ??= new SQSClient({});
  return sqsClient;
}

export function ses(): SESv2Client {
  sesClient ??= new SESv2Client({});
  return sesClient;
}

/** One item of a document-client write transaction (plain values, not attribute maps). */
export type TransactionItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
