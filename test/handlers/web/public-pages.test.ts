import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { apiEvent, lambdaContext } from '../../support/events';
import { handler } from '../../../functions/public-pages';

const get = (path: string, headers: Record<string, string> = {}, query?: Record<string, string>): APIGatewayProxyEventV2 =>
  apiEvent({ method: 'GET', path, headers: { accept: 'text/html', ...headers }, ...(query ? { query } : {}), sourceIp: '203.0.113.9' });

const answer = async (event: APIGatewayProxyEventV2) => {
  const result = await handler(event, lambdaContext('public-pages'));
  return { ...result, headers: result.headers as Record<string, string>, body: result.body as string };
};

describe('public-pages handler', () => {
  it.each(['/', '/status'])('answers GET %s with a Chinese HTML page by default', async (path) => {
    const response = await answer(get(path));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.body).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
  });

  it('serves the form at / and the lookup at /status', async () => {
    expect((await answer(get('/'))).body).toContain('id="complaint-form"');
    expect((await answer(get('/status'))).body).toContain('id="status-form"');
  });

  it('switches to English with ?lang=en', async () => {
    const response = await answer(get('/', {}, { lang: 'en' }));
    expect(response.body).toContain('<html lang="en">');
    expect(response.body).toContain('Make a complaint or report');
  });

  it('follows Accept-Language, and ?lang wins over it', async () => {
    expect((await answer(get('/status', { 'accept-language': 'en-GB,en;q=0.9' }))).body).toContain('<html lang="en">');
    expect((await answer(get('/status', { 'accept-language': 'en-GB' }, { lang: 'zh-CN' }))).body).toContain('<html lang="zh-CN">');
    expect((await answer(get('/', { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' }))).body).toContain('<html lang="zh-CN">');
  });

  it('fills in the case number of a status link', async () => {
    const response = await answer(get('/status', {}, { case: 'TS-20261122-0042' }));
    expect(response.body).toMatch(/id="f-case" name="case" value="TS-20261122-0042"/);
  });
});
