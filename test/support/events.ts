/**
 * Real-shaped Lambda events for handler tests: what API Gateway (HTTP API, payload 2.0),
 * SQS and EventBridge hand a function. Built from the same fields AWS sends, so a handler
 * cannot lean on anything the real services would not give it.
 */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { APIGatewayProxyEventV2, Context, ScheduledEvent, SQSEvent, SQSRecord } from 'aws-lambda';

/** `timeoutMs`: the function's timeout in the topology (middy aborts a handler that runs longer). */
export function lambdaContext(functionName: string, timeoutMs = 10_000): Context {
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:ap-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'test',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => timeoutMs,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export function apiEvent(input: {
  method: string;
  path: string;
  routeKey?: string;
  body?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  pathParameters?: Record<string, string>;
  sourceIp?: string;
  at?: Date;
}): APIGatewayProxyEventV2 {
  const at = input.at ?? new Date();
  return {
    version: '2.0',
    routeKey: input.routeKey ?? `${input.method} ${input.path}`,
    rawPath: input.path,
    rawQueryString: input.query ? new URLSearchParams(input.query).toString() : '',
    ...(input.query ? { queryStringParameters: input.query } : {}),
    headers: { host: 'localhost', ...input.headers },
    ...(input.pathParameters ? { pathParameters: input.pathParameters } : {}),
    ...(input.body === undefined ? {} : { body: input.body }),
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'handlertest',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      requestId: randomUUID(),
      routeKey: input.routeKey ?? `${input.method} ${input.path}`,
      stage: '$default',
      time: at.toUTCString(),
      timeEpoch: at.getTime(),
      http: { method: input.method, path: input.path, protocol: 'HTTP/1.1', sourceIp: input.sourceIp ?? '198.51.100.7', userAgent: 'vitest' },
    },
  };
}

export function sqsRecord(queue: string, body: unknown, options: { receiveCount?: number; sentAt?: Date } = {}): SQSRecord {
  return {
    messageId: randomUUID(),
    receiptHandle: randomUUID(),
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: String(options.receiveCount ?? 1),
      SentTimestamp: String((options.sentAt ?? new Date()).getTime()),
      SenderId: '000000000000',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:ap-east-1:000000000000:${queue}`,
    awsRegion: 'ap-east-1',
  };
}

export const sqsEvent = (records: SQSRecord[]): SQSEvent => ({ Records: records });

export function scheduledEvent(time: Date): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: 'ap-east-1',
    resources: [],
    detail: {},
  };
}

/** The staff member's identity at the shared system's provider (a made-up `sub` for an address it has no account of). */
export function staffIdentityOf(email: string): { issuer: string; subject: string } {
  const { issuer, subjects } = inject('localSystem').staffPool;
  return { issuer, subject: subjects[email.toLowerCase()] ?? `unknown-${email.toLowerCase()}` };
}

/**
 * An HTTP API event of a staff route as the JWT authorizer hands it on: the verified ID
 * token's claims as strings, with the issuer and `sub` of the staff member's account at
 * the shared system's identity provider (the directory links them), the groups as `[a b]`.
 */
export function staffApiEvent(email: string, groups: readonly string[], input: Parameters<typeof apiEvent>[0]): APIGatewayProxyEventV2 {
  const event = apiEvent(input);
  const { issuer, subject: sub } = staffIdentityOf(email);
  const claims = { token_use: 'id', iss: issuer, sub, email, email_verified: 'true', 'cognito:groups': `[${groups.join(' ')}]`, exp: '1900000000' };
  (event.requestContext as { authorizer?: unknown }).authorizer = { jwt: { claims, scopes: null } };
  return event;
}
