import { describe, expect, it } from 'vitest';
import { loadStageConfig } from '../../../shared/config/load-stage-config';
import { HttpProblem } from '../../../shared/http/problem';
import { validate } from '../../../shared/http/validation';
import { complaintRequestSchema } from '../../../shared/schemas/complaint-request';

const schema = complaintRequestSchema(loadStageConfig('local').categories);

const valid = {
  kind: 'complaint',
  category: 'service-quality',
  subject: { type: 'url', value: 'https://shop.example.cn/orders' },
  description: 'The order page shows the wrong price.',
  contact: { email: 'zhang.san@example.com' },
};

/** The field errors a body gets, as `path: code`. */
function errorsOf(body: unknown, language: 'zh-CN' | 'en' = 'en'): string[] {
  try {
    validate(schema, body, language);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(HttpProblem);
    const problem = (error as HttpProblem).body;
    expect(problem.status).toBe(400);
    return problem.errors!.map((e) => `${e.path}: ${e.code}`);
  }
}

describe('POST /complaints body (spec/api.md)', () => {
  it('accepts the example and fills the defaults', () => {
    const request = validate(schema, valid, 'en');
    expect(request.language).toBe('zh-CN');
    expect(request.confidential).toBe(false);
  });

  it.each([
    ['unknown top-level field', { ...valid, extra: 1 }, 'extra: unknown-field'],
    ['unknown nested field', { ...valid, contact: { email: 'a@b.cn', fax: '1' } }, 'contact.fax: unknown-field'],
    ['unknown field in evidence', { ...valid, evidence: [{ url: 'https://a.cn/x', size: 1 }] }, 'evidence.0.size: unknown-field'],
    ['missing kind', { ...valid, kind: undefined }, 'kind: required'],
    ['bad kind', { ...valid, kind: 'praise' }, 'kind: not-allowed'],
    ['unknown category', { ...valid, category: 'weather' }, 'category: not-allowed'],
    ['report-only category on a complaint', { ...valid, category: 'illegal-content' }, 'category: category-not-for-kind'],
    ['bad subject type', { ...valid, subject: { type: 'planet', value: 'x' } }, 'subject.type: not-allowed'],
    ['empty subject value', { ...valid, subject: { type: 'url', value: '   ' } }, 'subject.value: too-short'],
    ['subject value over 500', { ...valid, subject: { type: 'other', value: 'x'.repeat(501) } }, 'subject.value: too-long'],
    ['description under 10 after trimming', { ...valid, description: '   short    ' }, 'description: too-short'],
    ['description over 5000 code points', { ...valid, description: '投'.repeat(5001) }, 'description: too-long'],
    ['request over 2000', { ...valid, request: 'r'.repeat(2001) }, 'request: too-long'],
    ['NUL in description', { ...valid, description: 'ten chars \u0000 here' }, 'description: forbidden-characters'],
    ['escape character', { ...valid, description: 'ten chars \u001b[31m red' }, 'description: forbidden-characters'],
    ['lone surrogate', { ...valid, description: 'ten chars \ud800 here' }, 'description: forbidden-characters'],
    ['lone carriage return', { ...valid, description: 'ten chars\rhere more' }, 'description: forbidden-characters'],
    ['complaint without contact', { ...valid, contact: undefined }, 'contact: contact-required'],
    ['complaint with only a name', { ...valid, contact: { name: '张三' } }, 'contact: contact-required'],
    ['invalid email', { ...valid, contact: { email: 'not-an-address' } }, 'contact.email: invalid-email'],
    ['email over 254', { ...valid, contact: { email: `${'a'.repeat(250)}@b.cn` } }, 'contact.email: too-long'],
    ['phone with letters', { ...valid, contact: { phone: '138-CALL-ME' } }, 'contact.phone: invalid-phone'],
    ['phone with 4 digits', { ...valid, contact: { phone: '1234' } }, 'contact.phone: invalid-phone'],
    ['phone with 21 digits', { ...valid, contact: { phone: '1'.repeat(21) } }, 'contact.phone: invalid-phone'],
    ['name over 100', { ...valid, contact: { email: 'a@b.cn', name: 'n'.repeat(101) } }, 'contact.name: too-long'],
    ['11 evidence items', { ...valid, evidence: Array.from({ length: 11 }, () => ({ url: 'https://a.cn/x' })) }, 'evidence: too-many'],
    ['evidence not http', { ...valid, evidence: [{ url: 'javascript:alert(1)' }] }, 'evidence.0.url: not-http-url'],
    ['evidence ftp', { ...valid, evidence: [{ url: 'ftp://a.cn/x' }] }, 'evidence.0.url: not-http-url'],
    ['evidence over 2000', { ...valid, evidence: [{ url: `https://a.cn/${'x'.repeat(2000)}` }] }, 'evidence.0.url: too-long'],
    ['bad language', { ...valid, language: 'fr' }, 'language: not-allowed'],
    ['confidential as string', { ...valid, confidential: 'yes' }, 'confidential: wrong-type'],
  ])('rejects %s', (_name, body, expected) => {
    expect(errorsOf(body)).toContain(expected);
  });

  it('counts lengths in code points, not UTF-16 units', () => {
    // 2000 emoji are 4000 UTF-16 units but 2000 code points: allowed.
    expect(errorsOf({ ...valid, request: '😀'.repeat(2000) })).toEqual([]);
  });

  it('allows tab, newline and CRLF in text', () => {
    expect(errorsOf({ ...valid, description: 'line one\r\nline two\tend' })).toEqual([]);
  });

  it('lets a report be anonymous', () => {
    expect(errorsOf({ kind: 'report', category: 'illegal-content', subject: { type: 'url', value: 'https://bad.example/x' }, description: 'Gambling adverts on this page.' })).toEqual([]);
  });

  it('lists every bad field at once', () => {
    expect(errorsOf({ kind: 'complaint', category: 'other', subject: { type: 'url', value: '' }, description: 'short' })).toEqual(
      expect.arrayContaining(['subject.value: too-short', 'description: too-short']),
    );
  });

  it('explains in the language asked for', () => {
    const messageOf = (language: 'zh-CN' | 'en') => {
      try {
        validate(schema, { ...valid, contact: undefined }, language);
      } catch (error) {
        return (error as HttpProblem).body.errors![0]!.message;
      }
    };
    expect(messageOf('zh-CN')).toMatch(/联系方式/);
    expect(messageOf('en')).toMatch(/email address or a phone number/);
  });

  it('never echoes the submitted value in a message', () => {
    const secret = 'zhang.san.secret@@example';
    const problemText = (() => {
      try {
        validate(schema, { ...valid, contact: { email: secret } }, 'en');
      } catch (error) {
        return JSON.stringify((error as HttpProblem).body);
      }
    })();
    expect(problemText).toBeDefined();
    expect(problemText).not.toContain(secret);
  });
});
