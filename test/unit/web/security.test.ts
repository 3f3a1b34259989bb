import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadStageConfig } from '../../../shared/config/load-stage-config';
import { html } from '../../../shared/http/html-response';
import { renderFormPage } from '../../../shared/web/form-page';
import { renderResultPage } from '../../../shared/web/result-page';
import { pageScripts } from '../../../shared/web/scripts';
import { renderStatusPage } from '../../../shared/web/status-page';
import { inlineScripts, inlineStyles } from './page-markup';

const { categories } = loadStageConfig('local');
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const pages = {
  form: renderFormPage({ language: 'zh-CN', categories }),
  status: renderStatusPage({ language: 'en', timeZone: 'Asia/Shanghai' }),
  result: renderResultPage({
    language: 'zh-CN',
    created: { caseNumber: 'JB-20261122-0001', accessToken: 'abc', status: 'received', statusUrl: 'http://localhost:3000/status?case=JB-20261122-0001#token=abc' },
    receipt: 'anonymous',
    mailsPerDay: 10,
  }),
};

describe('content security policy of the HTML pages', () => {
  const policy = html(200, '').headers!['content-security-policy'] as string;

  it('loads nothing from elsewhere', () => {
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  });

  it.each(Object.entries(pages))('allows exactly the inline script and style of the %s page', (_, page) => {
    const scripts = inlineScripts(page);
    expect(scripts).toHaveLength(1);
    for (const text of [...scripts, ...inlineStyles(page)]) expect(policy).toContain(sha256(text));
    expect(page).not.toMatch(/\sstyle="|\son[a-z]+="/); // inline attributes the policy would block
  });

  it.each(Object.entries(pageScripts))('has a %s script that parses and cannot close its element', (_, script) => {
    expect(() => new Function(script)).not.toThrow();
    expect(script).not.toMatch(/<\/script|<!--/i);
  });
});
