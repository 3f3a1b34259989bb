/**
 * A small HTTP client for the end-to-end tier. Unlike fetch it can choose the client's
 * own address (any of 127.0.0.0/8 is this machine): the gateway sees it as the source
 * IP, so a test file gets rate-limit counters of its own and parallel files never
 * count against each other.
 */
import * as http from 'node:http';
import { systemUrls } from './system';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
  json<T = Record<string, unknown>>(): T;
}

export interface RequestOptions {
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** The client's source address, e.g. `127.0.0.23`. */
  readonly from?: string;
}

export function request(method: string, path: string, options: RequestOptions = {}): Promise<HttpAnswer> {
  const url = new URL(path, systemUrls().gatewayUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, headers: options.headers, ...(options.from ? { localAddress: options.from, family: 4 } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export const postJson = (path: string, body: unknown, options: Omit<RequestOptions, 'body'> = {}) =>
  request('POST', path, { ...options, headers: { 'content-type': 'application/json', ...options.headers }, body: JSON.stringify(body) });
