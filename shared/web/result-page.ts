import type { Language } from '../domain/status';
import type { ComplaintCreated, ComplaintRequest } from '../schemas/complaint-request';
import { html } from './html';
import { pageHref, renderPage, stringsFor } from './layout';
import { type StringKey, translate } from './strings';
import { resultScript } from './scripts';

/** How the complainant hears from us after this page: the receipt mail, or not at all. */
export type ReceiptDelivery = 'mail' | 'no-mail' | 'anonymous';

export function receiptDelivery(request: Pick<ComplaintRequest, 'contact'>): ReceiptDelivery {
  if (request.contact?.email) return 'mail';
  return request.contact ? 'no-mail' : 'anonymous';
}

export interface ResultPageInput {
  readonly language: Language;
  readonly created: ComplaintCreated;
  readonly receipt: ReceiptDelivery;
  /**
   * The stage's `rateLimits.mailsPerRecipientPerDay`. The page names the cap rather than
   * whether this address has reached it: telling a submitter how many mails some address
   * had today would tell them about its owner (docs/security.md, "Mail").
   */
  readonly mailsPerDay: number;
}

const receiptText: Readonly<Record<ReceiptDelivery, StringKey>> = {
  mail: 'done.mail',
  'no-mail': 'done.noMail',
  anonymous: 'done.anonymous',
};

/**
 * The answer (201) to the form post: case number and access token, large and
 * copyable, the warning that the token is shown only this once, and the status link,
 * which carries the token in its fragment (`statusUrl`), never in path or query.
 */
export function renderResultPage({ language, created, receipt, mailsPerDay }: ResultPageInput): string {
  const t = (key: StringKey) => translate(language, key, { max: mailsPerDay });
  const secret = (id: string, label: StringKey, copy: StringKey, value: string, valueClass: string) =>
    html`<div class="secret"><span class="label" id="${id}-label">${t(label)}</span>
<span class="${valueClass}" id="${id}" translate="no">${value}</span>
<span class="js-only"><button type="button" class="quiet" data-copy="${id}" data-note="${id}-note">${t(copy)}</button><span class="copied" id="${id}-note" role="status"></span></span></div>`;
  const main = html`<div class="done-head"><h1>${t('done.title')}</h1><p>${t('done.lead')}</p></div>
<section class="card">
${secret('case-number', 'done.caseNumber', 'done.copyCase', created.caseNumber, 'value mono')}
${secret('access-token', 'done.token', 'done.copyToken', created.accessToken, 'value mono token')}
<div class="warn"><p><strong>${t('done.warn.title')}</strong></p><p>${t('done.warn.body')}</p></div>
<p>${t(receiptText[receipt])}</p>
</section>
<section class="card"><h2>${t('done.next.title')}</h2><p>${t('done.next.body')}</p>
<div class="actions"><a class="button primary" id="status-link" href="${created.statusUrl}">${t('done.statusLink')}</a>
<a href="${pageHref('/', language)}">${t('done.another')}</a></div></section>`;
  return renderPage({
    language,
    title: t('done.title'),
    main,
    script: resultScript,
    data: { strings: stringsFor(language, ['done.copied', 'done.copyFailed']) },
    noIndex: true,
  });
}
