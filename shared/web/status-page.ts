import type { Language } from '../domain/status';
import { type Html, html } from './html';
import { otherLanguage, pageHref, renderPage, stringsFor } from './layout';
import type { StringKey } from './strings';
import { type StatusKey, translateStatus, withStatusWords } from './status-strings';
import { channelsSection, type PublishedChannels } from './channels';
import { statusScript } from './scripts';

export interface StatusPageInput {
  readonly language: Language;
  /** IANA zone the times are shown in (the stage's, e.g. Asia/Shanghai). */
  readonly timeZone: string;
  /** From `?case=`: the status link of the result page and the receipt mail carries it. */
  readonly caseNumber?: string;
  /** The published channels (投诉举报渠道) and the instant of the request (which month's summary to link). */
  readonly channels?: { readonly desk: PublishedChannels; readonly now: Date };
}

/**
 * `GET /status`: case number and access token in, the case's public view out. The
 * token comes from the link's fragment or the keyboard and goes only into the
 * `Authorization` header of `GET /complaints/{caseNumber}`, so the lookup needs
 * JavaScript; without it the form sends the case number alone and the page says why.
 */
export function renderStatusPage({ language, timeZone, caseNumber, channels }: StatusPageInput): string {
  const t = (key: StringKey | StatusKey) => translateStatus(language, key);
  const prefilled = caseNumber?.trim().slice(0, 40) || undefined;
  const main = html`<h1>${t('status.title')}</h1>
<p class="lead">${t('status.intro')}</p>
<noscript><div class="alert"><p>${t('status.noscript')}</p></div></noscript>
<div class="alert" id="status-alert" role="alert" tabindex="-1" hidden><p></p></div>
<form id="status-form" class="card" method="get" action="/status" novalidate>
<input type="hidden" name="lang" value="${language}">
${lookupField(language, 'case', 'case', prefilled)}
${lookupField(language, 'token', undefined, undefined)}
<div class="actions"><button type="submit" id="send" class="primary">${t('status.submit')}</button></div>
</form>
<div id="status-result" hidden></div>
${accessSection(language, prefilled)}
<p><a href="${pageHref('/', language)}">${t('status.formLink')}</a></p>
${channels ? channelsSection(language, channels.desk, channels.now) : ''}`;
  return renderPage({
    language,
    title: t('status.title'),
    otherLanguageHref: pageHref('/status', otherLanguage(language), { case: prefilled }),
    main,
    script: statusScript,
    data: { timeZone, strings: stringsFor(language, ['status.', 'state.', 'level.', 'priority.', 'kind.word.', 'time.'], withStatusWords(language)) },
    noIndex: true,
  });
}

/**
 * One labelled input with its hint and an empty error line the script fills in. The
 * token input has no `name`: a browser without JavaScript cannot put it in the query.
 */
function lookupField(language: Language, field: 'case' | 'token', name: string | undefined, value: string | undefined): Html {
  const t = (key: StringKey | StatusKey) => translateStatus(language, key);
  const hintId = `h-${field}`;
  return html`<div class="field"><label for="f-${field}">${t(`status.${field}.label` as const)}</label>
<span class="hint" id="${hintId}">${t(`status.${field}.hint` as const)}</span>
<p class="field-error" id="e-${field}" hidden><span class="vh">${t('errors.prefix')}</span><span></span></p>
<input type="text" class="mono" id="f-${field}"${name ? html` name="${name}"` : ''} value="${value ?? ''}" data-describedby="${hintId}" aria-describedby="${hintId}" autocomplete="off" autocapitalize="${field === 'case' ? 'characters' : 'none'}" autocorrect="off" spellcheck="false"></div>`;
}

/**
 * A lost token (spec/api.md `POST /complaints/{n}/access`): case number and the email the
 * complainant gave; the script posts them and shows one answer whatever happens, so the
 * page tells nobody whether a case or an address exists. The inputs have no `name`: a
 * browser without JavaScript cannot put the address into a query string.
 */
function accessSection(language: Language, caseNumber: string | undefined): Html {
  const t = (key: StringKey | StatusKey) => translateStatus(language, key);
  const field = (name: 'case' | 'email', type: string, value: string) => html`<div class="field"><label for="f-access-${name}">${t(`status.access.${name}.label` as const)}</label>
<p class="field-error" id="e-access-${name}" hidden><span class="vh">${t('errors.prefix')}</span><span></span></p>
<input type="${type}" class="${name === 'case' ? 'mono' : ''}" id="f-access-${name}" value="${value}" data-describedby="access-intro" aria-describedby="access-intro" autocomplete="${name === 'case' ? 'off' : 'email'}" autocapitalize="${name === 'case' ? 'characters' : 'none'}" autocorrect="off" spellcheck="false" required></div>`;
  return html`<section class="card" id="lost-token" aria-labelledby="access-title">
<h2 id="access-title">${t('status.access.title')}</h2>
<p class="hint" id="access-intro">${t('status.access.intro')}</p>
<form id="access-form" novalidate>
${field('case', 'text', caseNumber ?? '')}
${field('email', 'email', '')}
<div class="actions"><button type="submit" id="access-send">${t('status.access.submit')}</button></div>
<p class="form-note" id="access-note" role="status"></p>
</form>
</section>`;
}
