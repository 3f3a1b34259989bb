import { describe, expect, it } from 'vitest';
import { loadStageConfig } from '../../../shared/config/load-stage-config';
import type { ProblemBody } from '../../../shared/http/problem';
import { formFieldsToRequestBody } from '../../../shared/web/form-fields';
import { renderFormPage } from '../../../shared/web/form-page';
import { attribute, labelTargets, tagWithId, textOf } from './page-markup';

const { categories } = loadStageConfig('local');

const invalid = (errors: { path: string; code: string; message?: string }[]): ProblemBody => ({
  type: '/problems/invalid-request',
  title: 'Invalid request',
  status: 400,
  detail: 'One or more fields are not valid; see errors.',
  errors: errors.map((e) => ({ message: e.message ?? 'server message', ...e })),
});

/** What a browser posts, through the same mapping the API uses. */
const posted = (fields: Record<string, string | string[]>) =>
  formFieldsToRequestBody(
    new URLSearchParams(
      Object.entries(fields).flatMap(([name, v]) => (Array.isArray(v) ? v : [v]).map((x): [string, string] => [name, x])),
    ),
  );

describe('complaint form (GET /)', () => {
  it.each(['zh-CN', 'en'] as const)('offers every category of the stage config, named in %s, with the kinds it allows', (language) => {
    const page = renderFormPage({ language, categories });
    const select = page.slice(page.indexOf('id="f-category"'), page.indexOf('</select>', page.indexOf('id="f-category"')));
    for (const category of categories) {
      const option = new RegExp(`<option value="${category.id}" data-kinds="${category.kinds.join(' ')}"[^>]*>([^<]*)</option>`).exec(select);
      expect(option, category.id).not.toBeNull();
      expect(option![1]).toContain(category.name[language]);
    }
    expect(select.match(/<option value="[a-z-]+"/g)).toHaveLength(categories.length);
  });

  it('is Chinese first, with a link to the English page, and English with a link back', () => {
    const zh = renderFormPage({ language: 'zh-CN', categories });
    expect(zh).toMatch(/<html lang="zh-CN">/);
    expect(zh).toContain('提交投诉或举报');
    expect(attribute(tagWithId(zh, 'lang-switch'), 'href')).toBe('/?lang=en');
    const en = renderFormPage({ language: 'en', categories });
    expect(en).toMatch(/<html lang="en">/);
    expect(en).toContain('Make a complaint or report');
    expect(attribute(tagWithId(en, 'lang-switch'), 'href')).toBe('/?lang=zh-CN');
  });

  it('posts urlencoded fields named as the API paths, in the page language', () => {
    const page = renderFormPage({ language: 'en', categories });
    const form = tagWithId(page, 'complaint-form');
    expect(attribute(form, 'method')).toBe('post');
    expect(attribute(form, 'action')).toBe('/complaints?lang=en');
    expect(attribute(form, 'enctype')).toBeUndefined(); // the default, application/x-www-form-urlencoded
    const names = new Set([...page.slice(page.indexOf('<form')).matchAll(/\sname="([^"]+)"/g)].map((m) => m[1]));
    expect([...names].sort()).toEqual(
      ['category', 'confidential', 'goodFaith', 'contact.email', 'contact.name', 'contact.phone', 'description', 'evidence', 'kind', 'language', 'request', 'subject.type', 'subject.value'].sort(),
    );
    expect(page.match(/name="evidence"/g)).toHaveLength(10);
  });

  it('labels every control and is usable on a phone', () => {
    const page = renderFormPage({ language: 'zh-CN', categories });
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    const controls = [...page.matchAll(/<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(controls.length).toBeGreaterThan(15);
    expect(labelTargets(page).sort()).toEqual([...controls].sort());
    expect(page).not.toMatch(/<(?:link|img|iframe)\b|src="http|href="https?:\/\/(?!www\.example)/);
  });

  it('says that a complaint needs a contact and what staying anonymous means for a report', () => {
    const page = renderFormPage({ language: 'en', categories });
    expect(textOf(page, 'h-contact-complaint')).toContain('give at least an email address or a phone number');
    expect(textOf(page, 'h-contact-report')).toContain('we cannot send you any mail');
    expect(textOf(page, 'h-contact-report')).toContain('Keep them safe');
  });

  it('puts each field error beside its field, linked from the summary and by aria-describedby', () => {
    const page = renderFormPage({
      language: 'en',
      categories,
      values: posted({ kind: 'complaint', description: 'short', evidence: ['https://ok.cn/a', 'ftp://nope'] }),
      problem: invalid([
        { path: 'description', code: 'too-short' },
        { path: 'contact', code: 'contact-required' },
        { path: 'evidence.1.url', code: 'not-http-url' },
        { path: 'category', code: 'required' },
      ]),
    });
    const expected = [
      ['f-description', 'e-description', 'Describe what happened in 10 to 5000 characters'],
      ['f-category', 'e-category', 'Choose a category that fits'],
      ['f-evidence-1', 'e-evidence-1', 'Enter a link starting with http:// or https://'],
      ['f-contact-email', 'e-contact', 'A complaint needs an email address or a phone number'],
      ['f-contact-phone', 'e-contact', 'A complaint needs an email address or a phone number'],
    ] as const;
    for (const [input, error, message] of expected) {
      const tag = tagWithId(page, input);
      expect(attribute(tag, 'aria-invalid'), input).toBe('true');
      expect(attribute(tag, 'aria-describedby')!.split(' '), input).toContain(error);
      expect(textOf(page, error)).toContain(message);
    }
    // The error line sits in the field's own block, between its label and its control.
    const description = page.slice(page.indexOf('<label for="f-description"'), page.indexOf('id="f-description"'));
    expect(description).toContain('id="e-description"');
    // Fields without an error are left alone.
    expect(attribute(tagWithId(page, 'f-evidence-0'), 'aria-invalid')).toBeUndefined();
    expect(attribute(tagWithId(page, 'f-contact-name'), 'aria-invalid')).toBeUndefined();

    const summary = textOf(page, 'error-summary-title');
    expect(summary).toBe('Please check the following');
    const links = [...page.slice(page.indexOf('id="error-summary"'), page.indexOf('<h1>')).matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(links).toEqual(['f-description', 'f-contact-email', 'f-evidence-1', 'f-category']);
    expect(page).toMatch(/<title>Error: /);
  });

  it('keeps the API message where it is more precise, and lists errors without a field in the summary only', () => {
    const page = renderFormPage({
      language: 'zh-CN',
      categories,
      values: posted({ kind: 'report' }),
      problem: invalid([
        { path: 'description', code: 'forbidden-characters', message: '包含不允许的控制字符，请删除后重试。' },
        { path: 'colour', code: 'unknown-field', message: '不支持此字段。' },
      ]),
    });
    expect(textOf(page, 'e-description')).toContain('包含不允许的控制字符');
    expect(textOf(page, 'error-summary')).toContain('不支持此字段。');
  });

  it('fills every field in again, escaped, so a script typed into the form stays text', () => {
    const attack = '<script>alert("x")</script>';
    const page = renderFormPage({
      language: 'zh-CN',
      categories,
      values: posted({
        kind: 'report',
        category: 'illegal-content',
        'subject.type': 'account',
        'subject.value': `"><img src=x onerror=alert(1)>`,
        description: `${attack}\n第二行 & more`,
        request: '删除 <b>内容</b>',
        'contact.name': "O'Brien",
        'contact.email': 'a@example.cn',
        'contact.phone': '+86 138 0013 8000',
        confidential: 'true',
        language: 'en',
        evidence: ['https://a.example.cn/1?x=1&y=2', 'https://a.example.cn/2'],
      }),
      problem: invalid([{ path: 'description', code: 'too-short' }]),
    });
    expect(page).not.toContain(attack);
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\n第二行 &amp; more</textarea>');
    expect(page).toContain('删除 &lt;b&gt;内容&lt;/b&gt;</textarea>');
    expect(attribute(tagWithId(page, 'f-subject-value'), 'value')).toBe('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(attribute(tagWithId(page, 'f-contact-name'), 'value')).toBe('O&#39;Brien');
    expect(attribute(tagWithId(page, 'f-contact-email'), 'value')).toBe('a@example.cn');
    expect(attribute(tagWithId(page, 'f-contact-phone'), 'value')).toBe('+86 138 0013 8000');
    expect(attribute(tagWithId(page, 'f-evidence-0'), 'value')).toBe('https://a.example.cn/1?x=1&amp;y=2');
    expect(attribute(tagWithId(page, 'f-evidence-1'), 'value')).toBe('https://a.example.cn/2');
    expect(attribute(tagWithId(page, 'f-kind-report'), 'checked')).toBe('');
    expect(attribute(tagWithId(page, 'f-confidential'), 'checked')).toBe('');
    expect(attribute(tagWithId(page, 'f-language-en'), 'checked')).toBe('');
    expect(page).toMatch(/<option value="illegal-content"[^>]* selected>/);
    expect(page).toMatch(/<option value="account" selected>/);
    // What was typed would be lost by following a language link.
    expect(page).not.toContain('id="lang-switch"');
  });

  it.each([
    [429, '短时间内提交的次数较多'],
    [500, '我们的系统暂时出了问题'],
    [413, '内容太长'],
    [403, '来自您联系方式的网上提交暂时停止', '/problems/submitter-paused'],
  ])('explains a %i without field errors and keeps what was typed', (status, reason, type = '/problems/x') => {
    const page = renderFormPage({
      language: 'zh-CN',
      categories,
      values: posted({ kind: 'complaint', description: '一些描述文字，足够长了。' }),
      problem: { type, title: 'x', status, detail: 'x' },
    });
    expect(textOf(page, 'form-alert')).toContain(reason);
    expect(textOf(page, 'form-alert')).toContain('您填写的内容都还在本页');
    expect(page).toContain('一些描述文字，足够长了。</textarea>');
  });
});

describe('evidence files and the submission key on the form', () => {
  it('offers a file control to the script, says politely why there is none without it, and carries the submission key', () => {
    const page = renderFormPage({ language: 'en', categories, submissionKey: 'k-123' });
    const control = tagWithId(page, 'f-files');
    expect(attribute(control, 'type')).toBe('file');
    expect(attribute(control, 'name')).toBeUndefined(); // the file itself is never posted with the form
    expect(attribute(control, 'accept')).toBe('image/png,image/jpeg,application/pdf,text/plain,audio/mpeg');
    expect(page).toMatch(/<div class="field js-only"><label for="f-files">/);
    expect(page).toMatch(/<p class="hint no-js-only">Attaching files needs JavaScript\. You can add links instead, or add files later on the status page\.<\/p>/);
    expect(page).toContain('<input type="hidden" name="idempotency-key" value="k-123">');
    expect(renderFormPage({ language: 'en', categories })).not.toContain('idempotency-key');
  });

  it('requires the good-faith statement (如实反映): ticked it is true, left out it is false, which the API refuses at that field', () => {
    const page = renderFormPage({ language: 'zh-CN', categories });
    const box = tagWithId(page, 'f-goodFaith');
    expect(attribute(box, 'type')).toBe('checkbox');
    expect(attribute(box, 'required')).toBeDefined();
    expect(labelTargets(page)).toContain('f-goodFaith');
    expect(posted({ kind: 'report' })).toEqual({ kind: 'report', goodFaith: false });
  });

  it('maps the uploaded files the script adds (evidence.uploadId) to { uploadId } after the links; the key is not part of the body', () => {
    const id = '0b6f1f5e-8a52-4a8e-9a39-1c3f0c0b7a11';
    expect(posted({ kind: 'report', evidence: 'https://a.example.cn/x', 'evidence.uploadId': [id], 'idempotency-key': 'k-1' })).toEqual({
      kind: 'report',
      evidence: [{ url: 'https://a.example.cn/x' }, { uploadId: id }],
      goodFaith: false,
    });
    expect(posted({ kind: 'report', 'evidence.uploadId': id, goodFaith: 'true' })).toEqual({ kind: 'report', evidence: [{ uploadId: id }], goodFaith: true });
  });
});
