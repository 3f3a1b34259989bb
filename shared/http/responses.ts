import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ProblemBody } from './problem';

export type HttpResult = APIGatewayProxyStructuredResultV2;

/** Headers of every answer; ./html-response.ts adds the page ones. */
export const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
} as const;

export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', ...securityHeaders, ...headers },
  body: JSON.stringify(body),
});

export const problemJson = (problem: ProblemBody, headers: Readonly<Record<string, string>> = {}): HttpResult => ({
  statusCode: problem.status,
  headers: { 'content-type': 'application/problem+json; charset=utf-8', ...securityHeaders, ...headers },
  body: JSON.stringify(problem),
});
