import { describe, expect, it } from 'vitest';
import { statusUrl } from '../../../shared/http/links';
import { receiptDelivery, renderResultPage } from '../../../shared/web/result-page';
import { attribute, tagWithId, textOf } from './page-markup';

const token = 'Zq3_x-9kLmN0pQrStUvWxYz012345678';
const created = {
  caseNumber: 'TS-20261122-0042',
  accessToken: token,
  status: 'received' as const,
  statusUrl: statusUrl('https://complaints.example.cn', 'TS-20261122-0042', token),
};

describe('submission result page (201 to the form post)', () => {
  it('shows the case number and the access token, each with a copy button', () => {
    const page = renderResultPage({ language: 'zh-CN', created, receipt: 'mail', mailsPerDay: 10 });
    expect(textOf(page, 'case-number')).toBe('TS-20261122-0042');
    expect(textOf(page, 'access-token')).toBe(token);
    expect(attribute(page.match(/<button[^>]*data-copy="case-number"[^>]*>/)![0], 'data-note')).toBe('case-number-note');
    expect(page).toMatch(/<button[^>]*data-copy="access-token"/);
    expect(page).toContain('请现在就保存查询码');
    expect(page).toContain('只在这里显示这一次');
  });

  it('links to the status page with the token in the fragment only', () => {
    const page = renderResultPage({ language: 'en', created, receipt: 'mail', mailsPerDay: 10 });
    const href = attribute(tagWithId(page, 'status-link'), 'href')!.replace(/&amp;/g, '&');
    const url = new URL(href);
    expect(url.pathname).toBe('/status');
    expect(url.search).toBe('?case=TS-20261122-0042');
    expect(url.hash).toBe(`#token=${token}`);
    // The token appears nowhere else but in the fragment of that link and in its own box.
    expect(page.split(token)).toHaveLength(3);
  });

  it.each([
    ['mail', 'We are also sending the case number'],
    ['no-mail', 'You did not give an email address'],
    ['anonymous', 'This is an anonymous report: we will not send any mail.'],
  ] as const)('says what happens next when the receipt is %s', (receipt, text) => {
    const page = renderResultPage({ language: 'en', created, receipt, mailsPerDay: 10 });
    expect(page).toContain(text);
    expect(page).toContain('What happens next');
  });

  it('names the daily mail cap, never whether this address has reached it', () => {
    const en = renderResultPage({ language: 'en', created, receipt: 'mail', mailsPerDay: 7 });
    expect(en).toContain('at most 7 mails a day');
    expect(en).toContain('If no mail comes, the case number and token on this page are all you need.');
    expect(renderResultPage({ language: 'zh-CN', created, receipt: 'mail', mailsPerDay: 7 })).toContain('最多收到我们 7 封邮件');
    expect(renderResultPage({ language: 'en', created, receipt: 'no-mail', mailsPerDay: 7 })).not.toContain('mails a day');
  });

  it('tells mail, no mail and anonymous apart from the request', () => {
    expect(receiptDelivery({ contact: { email: 'a@example.cn' } })).toBe('mail');
    expect(receiptDelivery({ contact: { phone: '+86 138 0013 8000' } })).toBe('no-mail');
    expect(receiptDelivery({})).toBe('anonymous');
  });

  it('is not indexed and offers no language link that would lose the token', () => {
    const page = renderResultPage({ language: 'zh-CN', created, receipt: 'anonymous', mailsPerDay: 10 });
    expect(page).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(page).not.toContain('id="lang-switch"');
  });
});
