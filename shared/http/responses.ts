import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { contentSecurityPolicy } from '../web/security';
import type { ProblemBody } from './problem';

export type HttpResult = APIGatewayProxyStructuredResultV2;

const securityHeaders = {
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

export const html = (statusCode: number, page: string, headers: Readonly<Record<string, string>> = {}): HttpResult => ({
  statusCode,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    ...securityHeaders,
    'content-security-policy': contentSecurityPolicy(),
    'x-frame-options': 'DENY',
    ...headers,
  },
  body: page,
});
