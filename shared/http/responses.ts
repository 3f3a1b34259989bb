import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ProblemBody } from './problem';

export type HttpResult = APIGatewayProxyStructuredResultV2;

/**
 * Headers of every answer; ./html-response.ts adds the page ones. HSTS (#19 item 9): a
 * browser that once reached the stage's domain over HTTPS never tries it over HTTP for a
 * year (no `includeSubDomains`: the operator's other hosts are not ours to decide).
 */
export const securityHeaders = {
  'strict-transport-security': 'max-age=31536000',
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
