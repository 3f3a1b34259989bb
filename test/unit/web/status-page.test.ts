import { describe, expect, it } from 'vitest';
import { renderStatusPage } from '../../../shared/web/status-page';
import { attribute, labelTargets, pageData, tagWithId, textOf } from './page-markup';

describe('status page (GET /status)', () => {
  it('has a labelled, described input for the case number and for the token', () => {
    const page = renderStatusPage({ language: 'zh-CN', timeZone: 'Asia/Shanghai' });
    expect(labelTargets(page)).toEqual(['f-case', 'f-token', 'f-access-case', 'f-access-email']);
    expect(textOf(page, 'h-case')).toContain('TS-20261122-0042');
    for (const id of ['f-case', 'f-token']) {
      const input = tagWithId(page, id);
      expect(attribute(input, 'aria-describedby')).toBe(`h-${id.slice(2)}`);
      expect(attribute(input, 'type')).toBe('text');
    }
  });

  it('never lets a browser without JavaScript put the token into the address', () => {
    const page = renderStatusPage({ language: 'en', timeZone: 'Asia/Shanghai' });
    expect(attribute(tagWithId(page, 'status-form'), 'method')).toBe('get');
    expect(attribute(tagWithId(page, 'f-case'), 'name')).toBe('case');
    expect(attribute(tagWithId(page, 'f-token'), 'name')).toBeUndefined();
    expect(page).toContain('<noscript><div class="alert"><p>Checking a case needs JavaScript');
  });

  it('fills in the case number from the link, escaped, and keeps it on the language link', () => {
    const page = renderStatusPage({ language: 'zh-CN', timeZone: 'Asia/Shanghai', caseNumber: 'TS-20261122-0042' });
    expect(attribute(tagWithId(page, 'f-case'), 'value')).toBe('TS-20261122-0042');
    expect(attribute(tagWithId(page, 'lang-switch'), 'href')).toBe('/status?lang=en&amp;case=TS-20261122-0042');
    const hostile = renderStatusPage({ language: 'zh-CN', timeZone: 'Asia/Shanghai', caseNumber: '"><script>x()</script>' });
    expect(hostile).not.toContain('<script>x()');
    expect(attribute(tagWithId(hostile, 'f-case'), 'value')).toBe('&quot;&gt;&lt;script&gt;x()&lt;/script&gt;');
  });

  it('gives the script the time zone and the words for every status, one not-found message for both causes', () => {
    const data = pageData(renderStatusPage({ language: 'en', timeZone: 'Asia/Shanghai' }));
    expect(data).toMatchObject({ language: 'en', timeZone: 'Asia/Shanghai' });
    const strings = data.strings as Record<string, string>;
    for (const status of ['received', 'needs-supplement', 'rejected', 'assigned', 'in-progress', 'replied', 'reopened', 'appealed', 'closed']) {
      expect(strings[`state.${status}`], status).toBeTruthy();
    }
    expect(strings['status.notFound']).toBe('No case matches that case number and access token. Please check both.');
    expect(strings['level.3']).toBe('Major');
    expect(strings['priority.hot']).toBe('High');
  });
});
