import { evidenceContentTypes } from '../domain/evidence-file';
import type { CaseKind, Language } from '../domain/status';
import { languages } from '../domain/status';
import type { FieldError, ProblemBody } from '../http/problem';
import { errorId, type FieldTarget, fieldForErrorPath, idempotencyField, inputId, limits, type SingleField, subjectTypes } from './form-fields';
import { attributes, type Content, type Html, html, idList } from './html';
import { otherLanguage, pageHref, renderPage, stringsFor } from './layout';
import { type StringKey, translate } from './strings';
import { channelsSection, type PublishedChannels } from './channels';
import { formScript } from './scripts';

/** A category as the form offers it: the stage config's (the same as `GET /categories`). */
export interface FormCategory {
  readonly id: string;
  readonly name: Readonly<Record<Language, string>>;
  readonly kinds: readonly CaseKind[];
}

export interface FormPageInput {
  readonly language: Language;
  readonly categories: readonly FormCategory[];
  /** What was sent, in the body shape of `POST /complaints` (`formFieldsToRequestBody`), to fill in again. */
  readonly values?: unknown;
  /** Why the submission was refused; each field error is shown beside its field and in the summary. */
  readonly problem?: ProblemBody;
  /** The post's `Idempotency-Key` (hidden field): new for a fresh form, the same after a failed post, which may have registered. */
  readonly submissionKey?: string;
  /** The published channels (投诉举报渠道) and the instant of the request (which month's summary to link). */
  readonly channels?: { readonly desk: PublishedChannels; readonly now: Date };
}

/**
 * `GET /` and the answer to a form post that failed (same status code as the
 * problem): the complaint / report form, Chinese first, working without JavaScript.
 */
export function renderFormPage(input: FormPageInput): string {
  const { language, problem } = input;
  const view: FormView = {
    t: (key, values) => translate(language, key, values),
    language,
    values: formValues(input.values),
    errors: placeErrors(problem, language),
  };
  const { t } = view;
  const main = html`${problem ? problemNotice(view, problem) : ''}
<h1>${t('form.title')}</h1>
<p class="lead">${t('form.intro')}</p>
<p class="muted">${t('form.required')}</p>
<p><a href="${pageHref('/status', language)}">${t('form.statusLink')}</a></p>
<form id="complaint-form" method="post" action="${pageHref('/complaints', language)}" accept-charset="utf-8" novalidate>
${input.submissionKey ? html`<input type="hidden" name="${idempotencyField}" value="${input.submissionKey}">` : ''}
<div class="card">${kindField(view)}${categoryField(view, input.categories)}</div>
<div class="card">${subjectFields(view)}</div>
<div class="card">${descriptionField(view)}${requestField(view)}</div>
<div class="card">${evidenceFields(view)}</div>
<div class="card">${contactFields(view)}${confidentialField(view)}</div>
<div class="card">${languageField(view)}</div>
<div class="card">${goodFaithField(view)}</div>
<div class="actions"><button type="submit" id="send" class="primary">${t('submit')}</button></div>
<p class="hint">${t('submit.note')}</p>
</form>
${input.channels ? channelsSection(language, input.channels.desk, input.channels.now) : ''}`;
  return renderPage({
    language,
    title: problem ? `${t('errors.prefix')}${t('form.title')}` : t('form.title'),
    // A failed post shows what was typed; a language link would lose it.
    otherLanguageHref: problem ? undefined : pageHref('/', otherLanguage(language)),
    main,
    script: formScript,
    data: { max: limits.descriptionMax, strings: stringsFor(language, ['count.', 'submit', 'evidence.files.']) },
  });
}

interface FormView {
  readonly t: (key: StringKey, values?: Readonly<Record<string, string | number>>) => string;
  readonly language: Language;
  readonly values: FormValues;
  readonly errors: PlacedErrors;
}

interface FormValues {
  readonly fields: Readonly<Partial<Record<SingleField, string>>>;
  readonly evidence: readonly string[];
}

/** Reads back whatever was sent, defensively: it failed validation, so any shape is possible. */
function formValues(body: unknown): FormValues {
  const record = (value: unknown): Record<string, unknown> =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' ? value : typeof value === 'boolean' ? String(value) : undefined;
  const top = record(body);
  const subject = record(top.subject);
  const contact = record(top.contact);
  return {
    fields: {
      kind: text(top.kind),
      category: text(top.category),
      'subject.type': text(subject.type),
      'subject.value': text(subject.value),
      description: text(top.description),
      request: text(top.request),
      'contact.name': text(contact.name),
      'contact.email': text(contact.email),
      'contact.phone': text(contact.phone),
      confidential: text(top.confidential),
      goodFaith: text(top.goodFaith),
      language: text(top.language),
    },
    evidence: Array.isArray(top.evidence) ? top.evidence.map((item) => text(record(item).url) ?? '') : [],
  };
}

interface PlacedErrors {
  /** The message shown beside each field, by the id of its error element. */
  readonly byId: ReadonlyMap<string, string>;
  /** Every message, in the order of the problem, linked to its field where there is one. */
  readonly summary: readonly { readonly href?: string; readonly message: string }[];
}

/** What to do, per field; the API's own message is kept where it says more (control characters). */
const fieldMessages: Readonly<Record<SingleField | 'contact', StringKey>> = {
  kind: 'error.kind',
  category: 'error.category',
  'subject.type': 'error.subject.type',
  'subject.value': 'error.subject.value',
  description: 'error.description',
  request: 'error.request',
  contact: 'error.contact',
  'contact.name': 'error.contact.name',
  'contact.email': 'error.contact.email',
  'contact.phone': 'error.contact.phone',
  confidential: 'error.confidential',
  goodFaith: 'error.goodFaith',
  language: 'error.language',
};

function messageFor(target: FieldTarget, error: FieldError, language: Language): string {
  if (error.code === 'forbidden-characters') return error.message;
  if (target.field === 'evidence') return translate(language, target.index === undefined ? 'error.evidence' : 'error.evidence.item');
  return translate(language, fieldMessages[target.field]);
}

function placeErrors(problem: ProblemBody | undefined, language: Language): PlacedErrors {
  const byId = new Map<string, string>();
  const summary: { href?: string; message: string }[] = [];
  for (const error of problem?.errors ?? []) {
    const target = fieldForErrorPath(error.path);
    if (!target) {
      summary.push({ message: error.message });
      continue;
    }
    const id = errorId(target);
    if (byId.has(id)) continue; // one message per field
    const message = messageFor(target, error, language);
    byId.set(id, message);
    summary.push({ href: `#${inputId(target)}`, message });
  }
  return { byId, summary };
}

/** The top of a failed post: the error summary with links, or why nothing was sent. */
function problemNotice({ t, errors, values }: FormView, problem: ProblemBody): Html {
  if (errors.summary.length > 0) {
    const items = errors.summary.map(({ href, message }) =>
      href ? html`<li><a href="${href}">${message}</a></li>` : html`<li>${message}</li>`,
    );
    return html`<div class="summary" id="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">${t('errors.title')}</h2><ul>${items}</ul></div>`;
  }
  const reason =
    problem.type === '/problems/submitter-paused'
      ? t('fail.paused')
      : problem.status === 429
      ? t('fail.rate', { time: t('time.minutes', { n: 1 }) }) // per-minute windows: never longer than a minute
      : problem.status === 413
        ? t('fail.tooLarge')
        : problem.status >= 500
          ? t('fail.server')
          : t('error.form');
  const sentSomething = Object.values(values.fields).some(Boolean) || values.evidence.length > 0;
  return html`<div class="alert" id="form-alert" role="alert" tabindex="-1">
<h2>${t('fail.title')}</h2><p>${reason}</p><p>${sentSomething ? t('fail.kept') : t('fail.back')}</p></div>`;
}

/** The error line of a field (the id `aria-describedby` points at), or nothing. */
function errorLine({ t, errors }: FormView, target: FieldTarget): Content {
  const id = errorId(target);
  const message = errors.byId.get(id);
  return message ? html`<p class="field-error" id="${id}"><span class="vh">${t('errors.prefix')}</span>${message}</p>` : '';
}

const hasError = (view: FormView, target: FieldTarget): boolean => view.errors.byId.has(errorId(target));
const errorRef = (view: FormView, target: FieldTarget): string | undefined => (hasError(view, target) ? errorId(target) : undefined);
const fieldClass = (view: FormView, target: FieldTarget): string => (hasError(view, target) ? 'field has-error' : 'field');

/** The state of a text control: id, name, value, described by its hint and error. */
function controlAttributes(view: FormView, target: FieldTarget & { field: SingleField }, hintId?: string, extraError?: string): Html {
  const invalid = hasError(view, target) || extraError !== undefined;
  return attributes({
    id: inputId(target),
    name: target.field,
    'aria-describedby': idList(hintId, errorRef(view, target), extraError),
    'aria-invalid': invalid ? 'true' : undefined,
  });
}

function kindField(view: FormView): Html {
  const { t } = view;
  const target = { field: 'kind' } as const;
  const choices = (['complaint', 'report'] as const).map((kind, i) => {
    const id = i === 0 ? inputId(target) : `${inputId(target)}-${kind}`;
    const hintId = `h-kind-${kind}`;
    return html`<div class="choice"><input type="radio"${attributes({
      id,
      name: 'kind',
      value: kind,
      checked: view.values.fields.kind === kind,
      required: true,
      'aria-describedby': hintId,
      'aria-invalid': hasError(view, target) ? 'true' : undefined,
    })}><div><label for="${id}">${t(`kind.${kind}` as const)}</label><span class="hint" id="${hintId}">${t(`kind.${kind}.hint` as const)}</span></div></div>`;
  });
  return html`<div class="${fieldClass(view, target)}"><fieldset${attributes({ 'aria-describedby': errorRef(view, target) })}>
<legend>${t('kind.legend')}</legend>${errorLine(view, target)}${choices}</fieldset></div>`;
}

function categoryField(view: FormView, categories: readonly FormCategory[]): Html {
  const { t, language } = view;
  const target = { field: 'category' } as const;
  const selected = view.values.fields.category;
  const options = categories.map((category) => {
    const only = category.kinds.length === 1 ? category.kinds[0] : undefined;
    // Without JavaScript every category is listed, so a one-kind category says which.
    const marker = only === 'report' ? t('category.reportsOnly') : only === 'complaint' ? t('category.complaintsOnly') : '';
    return html`<option${attributes({
      value: category.id,
      'data-kinds': category.kinds.join(' '),
      'data-name': category.name[language],
      selected: selected === category.id,
    })}>${category.name[language]}${marker}</option>`;
  });
  return html`<div class="${fieldClass(view, target)}"><label for="${inputId(target)}">${t('category.label')}</label>
<span class="hint" id="h-category">${t('category.hint')}</span>${errorLine(view, target)}
<select${controlAttributes(view, target, 'h-category')} required><option value="">${t('category.choose')}</option>${options}</select>
<noscript><p class="hint">${t('form.noscriptCategories')}</p></noscript></div>`;
}

function subjectFields(view: FormView): Html {
  const { t } = view;
  const type = { field: 'subject.type' } as const;
  const value = { field: 'subject.value' } as const;
  const chosen = view.values.fields['subject.type'] ?? 'url';
  const types = subjectTypes.map(
    (subjectType) =>
      html`<option${attributes({ value: subjectType, selected: chosen === subjectType })}>${t(`subject.type.${subjectType}` as const)}</option>`,
  );
  return html`<fieldset aria-describedby="h-subject"><legend>${t('subject.legend')}</legend>
<span class="hint" id="h-subject">${t('subject.hint')}</span>
<div class="${fieldClass(view, type)}"><label for="${inputId(type)}">${t('subject.type.label')}</label>${errorLine(view, type)}
<select${controlAttributes(view, type)} required>${types}</select></div>
<div class="${fieldClass(view, value)}"><label for="${inputId(value)}">${t('subject.value.label')}</label>
<span class="hint" id="h-subject-value">${t('subject.value.hint')}</span>${errorLine(view, value)}
<input type="text"${controlAttributes(view, value, 'h-subject-value')}${attributes({ value: view.values.fields['subject.value'] ?? '' })} autocomplete="off" spellcheck="false" required></div>
</fieldset>`;
}

function descriptionField(view: FormView): Html {
  const { t } = view;
  const target = { field: 'description' } as const;
  // The line break after <textarea> is dropped by the parser, so a value's own first line break survives.
  return html`<div class="${fieldClass(view, target)}"><label for="${inputId(target)}">${t('description.label')}</label>
<span class="hint" id="h-description">${t('description.hint')}</span>${errorLine(view, target)}
<textarea${controlAttributes(view, target, 'h-description')} rows="8" required>
${view.values.fields.description ?? ''}</textarea>
<p class="counter js-only" id="c-description" aria-hidden="true"></p><p class="vh" id="l-description" aria-live="polite"></p></div>`;
}

function requestField(view: FormView): Html {
  const { t } = view;
  const target = { field: 'request' } as const;
  return html`<div class="${fieldClass(view, target)}"><label for="${inputId(target)}">${t('request.label')}</label>
<span class="hint" id="h-request">${t('request.hint')}</span>${errorLine(view, target)}
<textarea${controlAttributes(view, target, 'h-request')} rows="4">
${view.values.fields.request ?? ''}</textarea></div>`;
}

/** Ten link fields (all shown without JavaScript; the script shows them one by one). */
function evidenceFields(view: FormView): Html {
  const { t } = view;
  const list = { field: 'evidence' } as const;
  const count = Math.max(limits.evidenceItems, view.values.evidence.length);
  const items = Array.from({ length: count }, (_, index) => {
    const target = { field: 'evidence', index } as const;
    return html`<div class="${fieldClass(view, target)} evidence-item" data-evidence><label for="${inputId(target)}">${t('evidence.item', { n: index + 1 })}</label>${errorLine(view, target)}
<input type="url"${attributes({
      id: inputId(target),
      name: 'evidence',
      value: view.values.evidence[index] ?? '',
      'aria-describedby': idList('h-evidence', errorRef(view, target)),
      'aria-invalid': hasError(view, target) ? 'true' : undefined,
    })} inputmode="url" autocomplete="off" autocapitalize="none" spellcheck="false"></div>`;
  });
  return html`<fieldset${attributes({ 'aria-describedby': idList('h-evidence', errorRef(view, list)) })}>
<legend>${t('evidence.legend')}</legend><span class="hint" id="h-evidence">${t('evidence.hint')}</span>${errorLine(view, list)}
${items}
<button type="button" class="js-only" id="add-evidence">${t('evidence.add')}</button>
<p class="hint" id="evidence-max" hidden>${t('evidence.max')}</p>
<div class="field js-only"><label for="f-files">${t('evidence.files')}</label><span class="hint" id="h-files">${t('status.form.files.hint')}</span>
<input type="file" id="f-files" multiple accept="${evidenceContentTypes.join(',')}" aria-describedby="h-files"><p class="form-note" id="files-note" role="status"></p></div>
<p class="hint no-js-only">${t('evidence.files.noScript')}</p></fieldset>`;
}

/** Contact: required for a complaint (email or phone), and what staying anonymous means for a report. */
function contactFields(view: FormView): Html {
  const { t, values } = view;
  const group = { field: 'contact' } as const;
  const groupError = errorRef(view, group);
  const name = { field: 'contact.name' } as const;
  const email = { field: 'contact.email' } as const;
  const phone = { field: 'contact.phone' } as const;
  // The kind hints are not in aria-describedby: the script hides the one that does not apply.
  return html`<div class="${fieldClass(view, group)}"><fieldset${attributes({ 'aria-describedby': groupError })}>
<legend>${t('contact.legend')}</legend>
<p class="hint" id="h-contact-complaint" data-for-kind="complaint"><strong>${t('contact.hint.complaint')}</strong></p>
<div id="h-contact-report" data-for-kind="report"><p class="hint">${t('contact.hint.report')}</p>
<div class="note"><p><strong>${t('anonymous.title')}</strong>${view.language === 'en' ? ' ' : ''}${t('anonymous.body')}</p></div></div>
${errorLine(view, group)}
<div class="${fieldClass(view, name)}"><label for="${inputId(name)}">${t('contact.name.label')}</label>${errorLine(view, name)}
<input type="text"${controlAttributes(view, name)}${attributes({ value: values.fields['contact.name'] ?? '' })} autocomplete="name"></div>
<div class="${fieldClass(view, email)}"><label for="${inputId(email)}">${t('contact.email.label')}</label>${errorLine(view, email)}
<input type="email"${controlAttributes(view, email, undefined, groupError)}${attributes({ value: values.fields['contact.email'] ?? '' })} autocomplete="email" autocapitalize="none" spellcheck="false"></div>
<div class="${fieldClass(view, phone)}"><label for="${inputId(phone)}">${t('contact.phone.label')}</label>
<span class="hint" id="h-contact-phone">${t('contact.phone.hint')}</span>${errorLine(view, phone)}
<input type="tel"${controlAttributes(view, phone, 'h-contact-phone', groupError)}${attributes({ value: values.fields['contact.phone'] ?? '' })} autocomplete="tel"></div>
</fieldset></div>`;
}

function confidentialField(view: FormView): Html {
  const { t } = view;
  const target = { field: 'confidential' } as const;
  return html`<div class="${fieldClass(view, target)}">${errorLine(view, target)}<div class="choice"><input type="checkbox"${attributes({
    id: inputId(target),
    name: 'confidential',
    value: 'true',
    checked: view.values.fields.confidential === 'true',
    'aria-describedby': idList('h-confidential', errorRef(view, target)),
  })}><div><label for="${inputId(target)}">${t('confidential.label')}</label><span class="hint" id="h-confidential">${t('confidential.hint')}</span></div></div></div>`;
}

/** 如实反映 (DSA Art. 16(2)(d)): required on the form; the API takes it as optional. */
function goodFaithField(view: FormView): Html {
  const { t } = view;
  const target = { field: 'goodFaith' } as const;
  return html`<div class="${fieldClass(view, target)}">${errorLine(view, target)}<div class="choice"><input type="checkbox"${attributes({
    id: inputId(target),
    name: 'goodFaith',
    value: 'true',
    required: true,
    checked: view.values.fields.goodFaith === 'true',
    'aria-describedby': idList('h-goodFaith', errorRef(view, target)),
  })}><div><label for="${inputId(target)}">${t('goodFaith.label')}</label><span class="hint" id="h-goodFaith">${t('goodFaith.hint')}</span></div></div></div>`;
}

/** The language of the mails; the page's own language until chosen otherwise. */
function languageField(view: FormView): Html {
  const { t } = view;
  const target = { field: 'language' } as const;
  const chosen = view.values.fields.language ?? view.language;
  const choices = languages.map((language, i) => {
    const id = i === 0 ? inputId(target) : `${inputId(target)}-${language}`;
    return html`<div class="choice"><input type="radio"${attributes({ id, name: 'language', value: language, checked: chosen === language })}><div><label for="${id}">${t(`language.${language}` as const)}</label></div></div>`;
  });
  return html`<div class="${fieldClass(view, target)}"><fieldset${attributes({ 'aria-describedby': errorRef(view, target) })}>
<legend>${t('language.legend')}</legend>${errorLine(view, target)}<div class="choices-inline">${choices}</div></fieldset></div>`;
}
