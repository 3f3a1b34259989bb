/**
 * The console's views as static markup with their labels: the work list, the case
 * view (filled by the script from the staff API) and the phone/letter/visit entry form.
 * Nothing here holds case data; the page loads before anyone has signed in.
 */
import { caseKinds, type Language, languages, subjectTypes } from '../../domain/status';
import { type Html, html } from '../html';
import { type ConsoleKey, consoleTranslate } from './words';

export const workViews = ['mine', 'department', 'overdue', 'all'] as const;
export const entryChannels = ['phone', 'letter', 'visit'] as const;

export interface ConsoleChoices {
  readonly categories: readonly { readonly id: string; readonly name: string; readonly kinds: readonly string[] }[];
  readonly statuses: readonly string[];
}

const words = (language: Language) => (key: string) => consoleTranslate(language, key as ConsoleKey);

export function workSection(language: Language, { statuses }: ConsoleChoices): Html {
  const t = words(language);
  return html`<section id="work" class="card" aria-labelledby="work-title" hidden>
<h2 id="work-title" tabindex="-1">${t('staff.work.title')}</h2>
<div class="tabs" role="group" aria-label="${t('staff.work.views')}">
${workViews.map((v) => html`<button type="button" class="tab" data-view="${v}" aria-pressed="false">${t(`staff.view.${v}`)}</button>`)}
</div>
<div class="field"><label for="f-status">${t('staff.work.status')}</label>
<select id="f-status"><option value="">${t('staff.work.anyStatus')}</option>${statuses.map((s) => html`<option value="${s}">${t(`state.${s}`)}</option>`)}</select></div>
<p id="work-state" class="muted" role="status" aria-live="polite"></p>
<ul id="work-list" class="worklist" aria-labelledby="work-title"></ul>
<div class="actions"><button type="button" id="work-more" hidden>${t('staff.work.more')}</button>
<button type="button" id="entry-open">${t('staff.entry.open')}</button>
<button type="button" id="reports-open" hidden>${t('staff.reports.open')}</button></div>
</section>`;
}

export function caseSection(language: Language, forms: Html): Html {
  const t = words(language);
  return html`<section id="case" aria-labelledby="case-title" hidden>
<p><a href="/staff" id="case-back">${t('staff.case.back')}</a></p>
<p id="case-state" class="muted" role="status" aria-live="polite"></p>
<div id="case-body" hidden>
<div class="card"><h2 id="case-title" tabindex="-1"></h2><p><span class="state" id="case-status"></span> <span id="case-overdue" class="badge overdue" hidden>${t('staff.overdue')}</span></p>
<dl class="facts" id="case-facts"></dl></div>
<div class="card"><h2>${t('staff.case.content')}</h2><dl class="stack" id="case-content"></dl></div>
<div class="card" aria-labelledby="contact-title"><h2 id="contact-title">${t('staff.case.contact')}</h2><div id="case-contact"></div>
<form id="reveal-form" novalidate hidden><div class="field"><label for="f-reveal-reason">${t('staff.reveal.reason')}</label>
<textarea id="f-reveal-reason" name="reason" required aria-required="true" maxlength="500"></textarea></div>
<div class="actions"><button type="submit" data-label="${t('staff.reveal.submit')}">${t('staff.reveal.submit')}</button></div></form></div>
<div class="card"><h2>${t('staff.case.deadlines')}</h2><ul class="plain" id="case-deadlines"></ul></div>
<div class="card" aria-labelledby="actions-title"><h2 id="actions-title">${t('staff.actions.title')}</h2>
<div class="alert" id="action-alert" role="alert" tabindex="-1" hidden><p></p><div class="actions"><button type="button" id="case-reload" hidden>${t('staff.case.reload')}</button></div></div>
<p id="actions-none" class="muted" hidden>${t('staff.actions.none')}</p>
<div id="action-forms">${forms}</div></div>
<div class="card"><h2>${t('staff.case.history')}</h2><ol class="timeline" id="case-history"></ol></div>
</div>
</section>`;
}

/** `GET /staff/reports/{period}`: the stored report's figures and its hot and major cases (supervisors, admin). */
export function reportsSection(language: Language): Html {
  const t = words(language);
  return html`<section id="reports" class="card" aria-labelledby="reports-title" hidden>
<p><a href="/staff" id="reports-back">${t('staff.reports.back')}</a></p>
<h2 id="reports-title" tabindex="-1">${t('staff.reports.title')}</h2>
<form id="reports-form" novalidate><div class="field"><label for="r-period">${t('staff.reports.period')}</label>
<input type="text" id="r-period" name="period" required autocomplete="off" spellcheck="false" aria-describedby="r-period-hint">
<p class="hint" id="r-period-hint">${t('staff.reports.periodHint')}</p></div>
<div class="actions"><button type="submit" id="reports-show" data-label="${t('staff.reports.show')}">${t('staff.reports.show')}</button></div></form>
<p id="reports-state" class="muted" role="status" aria-live="polite"></p>
<div id="reports-body" hidden><dl class="facts" id="reports-figures"></dl>
<h3>${t('staff.reports.topSubjects')}</h3><ul class="plain" id="reports-subjects"></ul>
<h3>${t('staff.reports.hotAndMajor')}</h3><ul class="plain" id="reports-cases"></ul></div>
</section>`;
}

/** `POST /staff/cases`: a case received by phone, letter or visit; the answer's access token is shown once. */
export function entrySection(language: Language, { categories }: ConsoleChoices): Html {
  const t = words(language);
  const field = (id: string, key: string, control: Html, optional = false) =>
    html`<div class="field"><label for="${id}">${t(key)}${optional ? html` <span class="muted">${t('common.optional')}</span>` : ''}</label>${control}</div>`;
  const select = (id: string, name: string, values: readonly string[], word: (v: string) => string) =>
    html`<select id="${id}" name="${name}" required>${values.map((v) => html`<option value="${v}">${word(v)}</option>`)}</select>`;
  return html`<section id="entry" class="card" aria-labelledby="entry-title" hidden>
<h2 id="entry-title" tabindex="-1">${t('staff.entry.title')}</h2>
<form id="entry-form" novalidate>
${field('e-channel', 'staff.entry.channel', select('e-channel', 'channel', entryChannels, (v) => t(`staff.channel.${v}`)))}
${field('e-receivedAt', 'staff.entry.receivedAt', html`<input type="datetime-local" id="e-receivedAt" name="receivedAt" data-type="datetime" required>`)}
${field('e-kind', 'staff.entry.kind', select('e-kind', 'kind', caseKinds, (v) => t(`kind.word.${v}`)))}
${field('e-category', 'staff.entry.category', html`<select id="e-category" name="category" required>${categories.map((c) => html`<option value="${c.id}" data-kinds="${c.kinds.join(' ')}">${c.name}</option>`)}</select>`)}
${field('e-subjectType', 'staff.entry.subjectType', select('e-subjectType', 'subject.type', subjectTypes, (v) => t(`staff.subject.${v}`)))}
${field('e-subject', 'staff.entry.subject', html`<input type="text" id="e-subject" name="subject.value" required maxlength="500">`)}
${field('e-description', 'staff.entry.description', html`<textarea id="e-description" name="description" required maxlength="5000"></textarea>`)}
${field('e-request', 'staff.entry.request', html`<textarea id="e-request" name="request" maxlength="2000"></textarea>`, true)}
<fieldset><legend>${t('staff.case.contact')}</legend><p class="hint">${t('staff.entry.contactHint')}</p>
${field('e-name', 'staff.entry.contactName', html`<input type="text" id="e-name" name="contact.name" autocomplete="off" maxlength="100">`, true)}
${field('e-email', 'staff.entry.contactEmail', html`<input type="email" id="e-email" name="contact.email" autocomplete="off" maxlength="254">`, true)}
${field('e-phone', 'staff.entry.contactPhone', html`<input type="tel" id="e-phone" name="contact.phone" autocomplete="off" maxlength="30">`, true)}
<div class="choice"><input type="checkbox" id="e-confidential" name="confidential" data-type="checkbox"><label for="e-confidential">${t('staff.entry.confidential')}</label></div>
</fieldset>
${field('e-language', 'staff.entry.language', select('e-language', 'language', languages, (v) => t(`staff.template.${v}`)))}
<div class="actions"><button type="submit" class="primary" data-label="${t('staff.entry.submit')}">${t('staff.entry.submit')}</button><button type="button" id="entry-cancel">${t('staff.entry.cancel')}</button></div>
</form>
<div id="entry-done" class="secret" hidden tabindex="-1"><h3 id="entry-done-title"></h3><p>${t('staff.entry.token')}</p>
<p class="label">${t('staff.entry.caseNumber')}</p><span class="value mono" id="entry-case"></span>
<p class="label">${t('staff.entry.accessToken')}</p><span class="value token mono" id="entry-token"></span></div>
</section>`;
}
