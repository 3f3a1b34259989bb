import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { apiEvent, lambdaContext } from '../../support/events';
import { attribute, tagWithId, textOf } from '../../unit/web/page-markup';
import { formScript, resultScript, statusScript } from '../../../shared/web/scripts';

import { handler } from '../../../functions/register-case';

/** What a browser sends when the form (without JavaScript) is submitted. */
const formPost = (body: string, lang = 'zh-CN'): APIGatewayProxyEventV2 =>
  apiEvent({
    method: 'POST',
    path: '/complaints',
    query: { lang },
    headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'content-type': 'application/x-www-form-urlencoded' },
    body,
    sourceIp: '203.0.113.9',
  });

const post = async (event: APIGatewayProxyEventV2) => {
  const result = await handler(event, lambdaContext('register-case'));
  return { ...result, headers: result.headers as Record<string, string>, body: result.body as string };
};

describe('the form posted without JavaScript and refused (POST /complaints, Accept: text/html)', () => {
  it('answers 400 with the form again: errors beside the fields, what was typed kept and escaped', async () => {
    const fields = new URLSearchParams([
      ['kind', 'complaint'],
      ['category', 'service-quality'],
      ['subject.type', 'url'],
      ['subject.value', 'https://shop.example.cn'],
      ['description', '<script>'], // 8 characters: too short
      ['contact.name', '张三'],
      ['evidence', 'javascript:alert(1)'],
      ['goodFaith', 'true'],
    ]);
    const response = await post(formPost(fields.toString(), 'en'));
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.body).toContain('<html lang="en">');
    expect(response.body).toContain('\n&lt;script&gt;</textarea>');
    expect(attribute(tagWithId(response.body, 'f-contact-name'), 'value')).toBe('张三');
    expect(textOf(response.body, 'e-contact')).toContain('A complaint needs an email address or a phone number');
    expect(textOf(response.body, 'e-evidence-0')).toContain('Enter a link starting with http:// or https://');
    expect(attribute(tagWithId(response.body, 'f-description'), 'aria-invalid')).toBe('true');
  });

  it('lets the form it answers with upload files again, and allows only its own pages\' scripts', async () => {
    const response = await post(formPost(new URLSearchParams([['kind', 'complaint'], ['description', 'short']]).toString(), 'en'));
    expect(response.statusCode).toBe(400);
    const policy = response.headers['content-security-policy']!;
    const hash = (script: string) => `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
    expect(policy).toContain(hash(formScript));
    expect(policy).toContain(hash(resultScript));
    expect(policy).not.toContain(hash(statusScript));
    // The evidence bucket's origin (the form's script posts files straight to it).
    expect(policy).toContain(`connect-src 'self' ${process.env.EVIDENCE_UPLOAD_ORIGIN}`);
    expect(process.env.EVIDENCE_UPLOAD_ORIGIN).toMatch(/^http:\/\//);
  });

  it('answers 413 with a page, not JSON, when the form is too large', async () => {
    const response = await post(formPost(`description=${'%E6%8A%95'.repeat(8000)}`));
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(textOf(response.body, 'form-alert')).toContain('内容太长');
  });

  it('still answers problem+json to a client that asks for JSON', async () => {
    const event = formPost('kind=complaint');
    event.headers.accept = 'application/json';
    const response = await post(event);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  });
});
