import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Language } from '../domain/status';

/** Reading an HTTP API (payload 2.0) event. */

export type HttpEvent = APIGatewayProxyEventV2 & {
  /** Set by the request-body middleware: the decoded, parsed body. */
  parsedBody?: unknown;
  /** Set by the request-body middleware: how the body was sent. */
  bodyFormat?: 'json' | 'form';
  /** Set by the request-body middleware: the `Idempotency-Key` header, or the form's hidden field of that name. */
  idempotencyKey?: string;
};

/** Time is an input (architecture property 5): the request's time as API Gateway saw it. */
export const requestTime = (event: APIGatewayProxyEventV2): Date => new Date(event.requestContext.timeEpoch);

export const clientAddress = (event: APIGatewayProxyEventV2): string => event.requestContext.http.sourceIp;

export const header = (event: APIGatewayProxyEventV2, name: string): string | undefined =>
  event.headers[name.toLowerCase()];

/** `?lang=en` first, then the language the body asks for, then Accept-Language; Chinese by default. */
export function requestLanguage(event: HttpEvent): Language {
  const query = event.queryStringParameters?.lang;
  if (query === 'en' || query === 'zh-CN') return query;
  const bodyLanguage = (event.parsedBody as { language?: unknown } | undefined)?.language;
  if (bodyLanguage === 'en' || bodyLanguage === 'zh-CN') return bodyLanguage;
  const accept = header(event, 'accept-language') ?? '';
  return /^\s*en\b/i.test(accept) ? 'en' : 'zh-CN';
}

/** A browser form post that wants a page back rather than JSON. */
export const wantsHtml = (event: HttpEvent): boolean =>
  /text\/html/i.test(header(event, 'accept') ?? '') && !/application\/(problem\+)?json/i.test(header(event, 'accept') ?? '');
