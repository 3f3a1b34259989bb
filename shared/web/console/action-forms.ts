/**
 * The console's action forms, one per staff action of api.md plus the contact reveal,
 * rendered once on the server with their labels (the script shows those the open case
 * offers and posts them). A field's `name` is the API field; `data-type` says how the
 * script turns the value into JSON (lines → array, yes/no → boolean, local time → ISO).
 */
import type { StaffActionName } from '../../domain/action-permissions';
import { deadlineNames } from '../../domain/limits';
import { caseLevels, caseTypes, type Language, priorities } from '../../domain/status';
import { type Html, html } from '../html';
import { type ConsoleKey, consoleTranslate } from './words';

type FieldKind = 'text' | 'email' | 'textarea' | 'lines' | 'decision' | 'datetime' | 'choice';

interface Field {
  readonly name: string;
  readonly kind: FieldKind;
  readonly required?: boolean;
  /** `choice`: the values and the dictionary prefix of their words. */
  readonly values?: readonly (string | number)[];
  readonly words?: string;
  readonly max?: number;
}

const note: Field = { name: 'note', kind: 'textarea', max: 2000 };
const decision: Field = { name: 'approve', kind: 'decision', required: true };
const long = (name: string, required = true): Field => ({ name, kind: 'textarea', required, max: 5000 });

/** The actions with a form of their own; the contact reveal has its form beside the contact. */
export type FormAction = Exclude<StaffActionName, 'reveal-contact'>;

export const actionFields: Readonly<Record<FormAction, readonly Field[]>> = {
  accept: [note],
  reject: [long('reason'), long('guidance', false)],
  'request-supplement': [{ name: 'missing', kind: 'lines', required: true }],
  classify: [
    { name: 'type', kind: 'choice', values: caseTypes, words: 'staff.type.' },
    { name: 'category', kind: 'choice', values: [], words: 'category' },
    { name: 'level', kind: 'choice', values: caseLevels, words: 'level.' },
    { name: 'priority', kind: 'choice', values: priorities, words: 'priority.' },
    note,
  ],
  assign: [{ name: 'assignee', kind: 'email', required: true, max: 254 }],
  note: [{ name: 'text', kind: 'textarea', required: true, max: 5000 }],
  'request-extension': [
    { name: 'deadline', kind: 'choice', required: true, values: deadlineNames, words: 'staff.deadline.' },
    { name: 'until', kind: 'datetime', required: true },
    long('reason'),
  ],
  'decide-extension': [decision, note],
  reply: [long('result'), long('basis'), long('measures'), long('remedies', false)],
  'approve-reply': [decision, note],
  review: [long('result'), long('basis')],
  close: [note],
  'mark-malicious': [long('reason')],
  refer: [
    { name: 'authority', kind: 'text', required: true, max: 200 },
    { name: 'reference', kind: 'text', max: 100 },
    { name: 'sentAt', kind: 'datetime' },
    { name: 'note', kind: 'textarea', max: 5000 },
  ],
  'write-report': [long('causes'), long('measures'), long('prevention'), { name: 'publicSummary', kind: 'textarea', max: 2000 }],
  'approve-report': [decision, note],
};

/** The actions a reply template fills (their fields are template parts). */
export const templatedActions: readonly FormAction[] = ['reply', 'review'];

export function actionForms(language: Language, categories: readonly { id: string; name: string }[]): Html {
  const t = (key: ConsoleKey) => consoleTranslate(language, key);
  const forms = (Object.keys(actionFields) as FormAction[]).map((action) => {
    const fields = actionFields[action].map((field) => fieldMarkup(language, action, field, categories));
    const template = templatedActions.includes(action)
      ? html`<div class="field"><label for="a-${action}-template">${t('staff.template.label')}</label>
<span class="hint" id="a-${action}-template-hint">${t('staff.template.hint')}</span>
<select id="a-${action}-template" data-template aria-describedby="a-${action}-template-hint"><option value="">${t('staff.template.none')}</option></select></div>`
      : '';
    return html`<details class="action" data-action="${action}" hidden>
<summary>${t(`staff.action.${action}` as ConsoleKey)}</summary>
<form data-action="${action}" novalidate>
${template}${fields}
<div class="actions"><button type="submit" class="primary" data-label="${t('staff.action.send')}">${t('staff.action.send')}</button></div>
</form>
</details>`;
  });
  return html`${forms}`;
}

function fieldMarkup(language: Language, action: string, field: Field, categories: readonly { id: string; name: string }[]): Html {
  const t = (key: string) => consoleTranslate(language, key as ConsoleKey);
  const id = `a-${action}-${field.name}`;
  const label = html`<label for="${id}">${t(`staff.field.${field.name}`)}${field.required ? '' : html` <span class="muted">${t('common.optional')}</span>`}</label>`;
  const required = field.required ? html` required aria-required="true"` : '';
  const max = field.max ? html` maxlength="${field.max}"` : '';
  switch (field.kind) {
    case 'textarea':
      return html`<div class="field">${label}<textarea id="${id}" name="${field.name}"${required}${max}></textarea></div>`;
    case 'lines':
      return html`<div class="field">${label}<textarea id="${id}" name="${field.name}" data-type="lines"${required}></textarea></div>`;
    case 'text':
    case 'email':
      return html`<div class="field">${label}<input type="${field.kind}" id="${id}" name="${field.name}" autocomplete="off" spellcheck="false"${required}${max}></div>`;
    case 'datetime':
      return html`<div class="field">${label}<input type="datetime-local" id="${id}" name="${field.name}" data-type="datetime"${required}></div>`;
    case 'decision':
      return html`<div class="field">${label}<select id="${id}" name="${field.name}" data-type="decision"${required}>
<option value="yes">${t('staff.field.approveYes')}</option><option value="no">${t('staff.field.approveNo')}</option></select></div>`;
    case 'choice': {
      const options =
        field.words === 'category'
          ? categories.map((c) => html`<option value="${c.id}">${c.name}</option>`)
          : (field.values ?? []).map((v) => html`<option value="${v}">${t(`${field.words}${v}`)}</option>`);
      const numeric = typeof field.values?.[0] === 'number' ? html` data-type="number"` : '';
      const empty = field.required ? '' : html`<option value="">${t('staff.field.unchanged')}</option>`;
      return html`<div class="field">${label}<select id="${id}" name="${field.name}"${numeric}${required}>${empty}${options}</select></div>`;
    }
  }
}
