import type { StageConfig } from '../config/stage-config';
import { deadlineNames, limitUnits } from '../domain/limits';
import { type Language, staffRoles } from '../domain/status';
import { adminScript } from './admin/script';
import { adminDictionaries } from './admin/strings';
import { consoleDictionaries } from './console/words';
import { format } from './strings';
import { type Html, html } from './html';
import { otherLanguage, pageHref, renderPage, stringsFor } from './layout';

/** What the page offers, in tab order; the script shows a tab only to who may use it (the API decides either way). */
export const adminTabs = ['absences', 'staff', 'structure', 'calendar', 'limits', 'audit'] as const;

type Words = (key: string, values?: Record<string, string>) => string;
const wordsFor = (language: Language): Words => {
  const all: Record<string, string> = { ...consoleDictionaries[language], ...adminDictionaries[language] };
  return (key, values) => format(all[key] ?? key, values);
};

/**
 * `GET /staff-admin`: the administration screens (issue #22) of the staff console, a page
 * and function of their own so the console's bundle does not carry them. Like the console
 * it holds no data and loads without a token; its script takes the console's sign-in from
 * this tab's sessionStorage and reads and changes the directory through `/admin/...`.
 */
export function renderAdminConsole({ language, config }: { language: Language; config: Pick<StageConfig, 'timeZone'> }): string {
  const t = wordsFor(language);
  const consoleHref = pageHref('/staff', language);
  const main = html`<h1>${t('admin.title')}</h1>
<noscript><div class="alert"><p>${t('admin.noscript')}</p></div></noscript>
<div class="alert" id="admin-alert" role="alert" tabindex="-1" hidden><p></p><div class="actions"><button type="button" id="admin-reload" hidden>${t('admin.reload')}</button></div></div>
<section id="admin-signin" class="card" hidden><p>${t('admin.signin')}</p><p><a href="${consoleHref}">${t('admin.signin.link')}</a></p></section>
<section id="who" class="who" aria-label="${t('staff.me.title')}" hidden>
<p><strong id="who-name"></strong> <span id="who-email" class="muted"></span></p>
<p><a href="${consoleHref}">${t('admin.console')}</a></p>
</section>
<div class="tabs" id="admin-tabs" role="group" aria-label="${t('admin.tabs')}" hidden>
${adminTabs.map((tab) => html`<button type="button" class="tab" data-tab="${tab}" aria-pressed="false" hidden>${t(`admin.tab.${tab}`)}</button>`)}
</div>
<p id="admin-state" class="muted" role="status" aria-live="polite"></p>
${absencesSection(t)}
${staffSection(t)}
${structureSection(t)}
${calendarSection(t)}
${limitsSection(t)}
<section id="tab-audit" class="card" aria-labelledby="audit-title" hidden>
<h2 id="audit-title" tabindex="-1">${t('admin.audit.title')}</h2><ol class="timeline" id="audit-list"></ol></section>`;
  const strings = { ...stringsFor(language, ['staff.role.', 'staff.deadline.'], consoleDictionaries[language]), ...adminDictionaries[language] };
  return renderPage({
    language,
    title: t('admin.title'),
    otherLanguageHref: pageHref('/staff-admin', otherLanguage(language)),
    main,
    script: adminScript,
    data: { timeZone: config.timeZone, strings },
    noIndex: true,
  });
}

const field = (t: Words, id: string, key: string, control: Html, optional = false): Html =>
  html`<div class="field"><label for="${id}">${t(key)}${optional ? html` <span class="muted">${t('admin.optional')}</span>` : ''}</label>${control}</div>`;

const submit = (t: Words, key: string, extra: Html | '' = ''): Html =>
  html`<div class="actions"><button type="submit" class="primary" data-label="${t(key)}">${t(key)}</button>${extra}</div>`;

function absencesSection(t: Words): Html {
  return html`<section id="tab-absences" class="card" aria-labelledby="absences-title" hidden>
<h2 id="absences-title" tabindex="-1">${t('admin.absences.title')}</h2>
<p class="hint">${t('admin.absences.hint')}</p>
<h3>${t('admin.absences.mine')}</h3><ul class="plain" id="absences-mine"></ul>
<div id="absences-others-box" hidden><h3>${t('admin.absences.others')}</h3><ul class="plain" id="absences-others"></ul></div>
<form id="absence-form" novalidate aria-labelledby="absence-form-title"><h3 id="absence-form-title">${t('admin.absences.add')}</h3>
${field(t, 'ab-email', 'admin.absences.who', html`<select id="ab-email" name="email" required></select>`)}
${field(t, 'ab-from', 'admin.absences.from', html`<input type="date" id="ab-from" name="from" required>`)}
${field(t, 'ab-to', 'admin.absences.to', html`<input type="date" id="ab-to" name="to" required>`)}
${field(t, 'ab-reason', 'admin.absences.reason', html`<input type="text" id="ab-reason" name="reason" maxlength="200" autocomplete="off">`, true)}
${submit(t, 'admin.save')}
</form></section>`;
}

function staffSection(t: Words): Html {
  const check = (name: string, value: string, label: string) =>
    html`<div class="choice"><input type="checkbox" id="s-${name}-${value}" name="${name}" value="${value}"><label for="s-${name}-${value}">${label}</label></div>`;
  return html`<section id="tab-staff" class="card" aria-labelledby="staff-title" hidden>
<h2 id="staff-title" tabindex="-1">${t('admin.staff.title')}</h2>
<ul class="plain" id="staff-list"></ul>
<form id="staff-form" novalidate aria-labelledby="staff-form-title"><h3 id="staff-form-title" tabindex="-1">${t('admin.staff.add')}</h3>
${field(t, 's-email', 'admin.staff.email', html`<input type="email" id="s-email" name="email" required autocomplete="off" autocapitalize="none" spellcheck="false" maxlength="254">`)}
${field(t, 's-name', 'admin.staff.name', html`<input type="text" id="s-name" name="name" required autocomplete="off" maxlength="100">`)}
<fieldset><legend>${t('admin.staff.roles')}</legend><div class="choices-inline">${staffRoles.map((r) => check('roles', r, t(`staff.role.${r}`)))}</div></fieldset>
<fieldset><legend>${t('admin.staff.departments')}</legend><div class="choices-inline" id="s-departments"></div></fieldset>
${field(t, 's-supervisor', 'admin.staff.supervisor', html`<input type="email" id="s-supervisor" name="supervisor" autocomplete="off" autocapitalize="none" spellcheck="false" maxlength="254">`, true)}
<div class="choice" id="s-active-box" hidden><input type="checkbox" id="s-active" name="active"><label for="s-active">${t('admin.staff.active')}</label></div>
${submit(t, 'admin.save', html`<button type="button" id="staff-cancel" hidden>${t('admin.cancel')}</button>`)}
</form></section>`;
}

function structureSection(t: Words): Html {
  return html`<section id="tab-structure" class="card" aria-labelledby="structure-title" hidden>
<h2 id="structure-title" tabindex="-1">${t('admin.tab.structure')}</h2>
<h3>${t('admin.structure.departments')}</h3><ul class="plain" id="departments-list"></ul>
<h3>${t('admin.structure.categories')}</h3><ul class="plain" id="categories-list"></ul>
</section>`;
}

function calendarSection(t: Words): Html {
  return html`<section id="tab-calendar" class="card" aria-labelledby="calendar-title" hidden>
<h2 id="calendar-title" tabindex="-1">${t('admin.calendar.title')}</h2>
<p class="hint">${t('admin.calendar.hint')}</p>
<h3>${t('admin.calendar.days')}</h3><ul class="plain" id="calendar-days"></ul><ul class="plain" id="calendar-warnings"></ul>
<form id="day-form" novalidate aria-labelledby="day-form-title"><h3 id="day-form-title">${t('admin.calendar.add')}</h3>
${field(t, 'c-date', 'admin.calendar.date', html`<input type="date" id="c-date" name="date" required>`)}
${field(t, 'c-kind', 'admin.calendar.kind', html`<select id="c-kind" name="kind">${['holiday', 'workday'].map((k) => html`<option value="${k}">${t(`admin.calendar.kind.${k}`)}</option>`)}</select>`)}
${field(t, 'c-name', 'admin.calendar.name', html`<input type="text" id="c-name" name="name" maxlength="100" autocomplete="off">`, true)}
${submit(t, 'admin.calendar.add')}
</form>
<form id="import-form" novalidate aria-labelledby="import-form-title"><h3 id="import-form-title">${t('admin.calendar.import')}</h3>
${field(t, 'c-year', 'admin.calendar.year', html`<input type="number" id="c-year" name="year" required min="2000" max="2100" step="1" inputmode="numeric">`)}
${submit(t, 'admin.calendar.import')}
</form></section>`;
}

function limitsSection(t: Words): Html {
  return html`<section id="tab-limits" class="card" aria-labelledby="limits-title" hidden>
<h2 id="limits-title" tabindex="-1">${t('admin.limits.title')}</h2>
<form id="limits-form" novalidate>
${deadlineNames.map((name) => limitRow(t, name))}
${submit(t, 'admin.save')}
</form></section>`;
}

function limitRow(t: Words, name: string): Html {
  const label = t(`staff.deadline.${name}`);
  return html`<fieldset><legend>${label}</legend><div class="choices-inline">
<div class="field"><label for="l-${name}-amount">${t('admin.limits.amount', { name: label })}</label><input type="number" id="l-${name}-amount" data-limit="${name}" data-part="amount" min="0" step="any" inputmode="decimal" required></div>
<div class="field"><label for="l-${name}-unit">${t('admin.limits.unit', { name: label })}</label><select id="l-${name}-unit" data-limit="${name}" data-part="unit">${limitUnits.map((u) => html`<option value="${u}">${t(`admin.limits.unit.${u}`)}</option>`)}</select></div>
</div></fieldset>`;
}
