/**
 * The HTML form's field names and how they become the JSON body of
 * `POST /complaints` (spec/api.md).
 *
 * Naming convention (application/x-www-form-urlencoded): a field's name is its JSON
 * path, dots between levels: `kind`, `category`, `subject.type`, `subject.value`,
 * `description`, `request`, `contact.name`, `contact.email`, `contact.phone`,
 * `confidential` and `goodFaith` (checkboxes, value `true`), `language`; evidence links are the
 * repeated field `evidence`, one URL each, in order.
 *
 * The form posts these fields natively (no script needed), so this is the only mapping.
 */

export const subjectTypes = ['url', 'account', 'icp-filing', 'staff', 'organisation', 'other'] as const;

/** Fields with one value each, by name; `evidence` is the one repeated field. */
export const singleFields = [
  'kind',
  'category',
  'subject.type',
  'subject.value',
  'description',
  'request',
  'contact.name',
  'contact.email',
  'contact.phone',
  'confidential',
  'goodFaith',
  'language',
] as const;
export type SingleField = (typeof singleFields)[number];

/**
 * The form's hidden `Idempotency-Key` (a random value the page was rendered with): the
 * same form posted again after a lost answer names the same case. Not part of the body.
 */
export const idempotencyField = 'idempotency-key';

/** Files the page's script uploaded (`POST /uploads`), one hidden field per upload id: `{ uploadId }` in `evidence`. */
export const uploadIdField = 'evidence.uploadId';
export type FieldName = SingleField | 'evidence';

/** Free text whose inner and outer white space is the complainant's own; other fields are trimmed. */
const multiLineFields: ReadonlySet<string> = new Set(['description', 'request']);

export const limits = {
  subjectValue: 500,
  descriptionMin: 10,
  descriptionMax: 5000,
  request: 2000,
  name: 100,
  email: 254,
  evidenceItems: 10,
  evidenceUrl: 2000,
} as const;

/** Browsers send a textarea's line breaks as CRLF; the API refuses CR, so it becomes LF. */
const normaliseNewlines = (value: string): string => value.replace(/\r\n?/g, '\n');

/**
 * Turns the urlencoded fields of the HTML form into the JSON body shape of
 * `POST /complaints`. Pure: it neither validates nor throws; the handler validates
 * the result with the same schema as a JSON request.
 * - An empty (or all-white-space) field is left out, so "no contact" is an anonymous report.
 * - Single-line fields are trimmed; CRLF becomes LF everywhere.
 * - `confidential` and `goodFaith` `true`/`on` become `true`, `false` becomes `false`; anything else is kept as text so the schema rejects it.
 * - `goodFaith` missing becomes `false`: the form requires the statement, the JSON API takes it as optional.
 * - A repeated single field keeps its first value. A field not named above is kept
 *   under its own name, so the schema reports it as an unknown field, as it would in JSON.
 */
export function formFieldsToRequestBody(fields: URLSearchParams): unknown {
  const value = (name: SingleField): string | undefined => {
    const raw = fields.get(name);
    if (raw === null) return undefined;
    const text = normaliseNewlines(raw);
    if (text.trim() === '') return undefined;
    return multiLineFields.has(name) ? text : text.trim();
  };
  const subject = compact({ type: value('subject.type'), value: value('subject.value') });
  const contact = compact({ name: value('contact.name'), email: value('contact.email'), phone: value('contact.phone') });
  const evidence = fields
    .getAll('evidence')
    .map((url) => normaliseNewlines(url).trim())
    .filter((url) => url !== '')
    .map((url): { url?: string; uploadId?: string } => ({ url }))
    .concat(fields.getAll(uploadIdField).map((uploadId) => ({ uploadId: uploadId.trim() })));
  const known: ReadonlySet<string> = new Set<string>([...singleFields, 'evidence', idempotencyField, uploadIdField]);
  const unknown = [...new Set(fields.keys())]
    .filter((name) => !known.has(name))
    .map((name) => [name, fields.get(name)] as const);

  return {
    ...compact({
      kind: value('kind'),
      category: value('category'),
      subject,
      description: value('description'),
      request: value('request'),
      contact,
      confidential: booleanField(value('confidential')),
      // The form requires the good-faith statement: a form without it is refused at this field.
      goodFaith: booleanField(value('goodFaith')) ?? false,
      language: value('language'),
      evidence: evidence.length > 0 ? evidence : undefined,
    }),
    ...Object.fromEntries(unknown),
  };
}

function booleanField(text: string | undefined): boolean | string | undefined {
  if (text === 'true' || text === 'on') return true;
  if (text === 'false') return false;
  return text;
}

/** Drops undefined members; an object left empty becomes undefined itself. */
function compact<T extends Record<string, unknown>>(object: T): Partial<T> | undefined {
  const entries = Object.entries(object).filter(([, member]) => member !== undefined);
  return entries.length > 0 ? (Object.fromEntries(entries) as Partial<T>) : undefined;
}

/** Where an `errors[].path` of a problem points on the form. */
export interface FieldTarget {
  /** A field name, or `contact` for the contact group as a whole ("email or phone"). */
  readonly field: FieldName | 'contact';
  /** For `evidence.N` / `evidence.N.url`: N, the position among the links sent. */
  readonly index?: number;
}

/**
 * `contact.email` → the email field, `contact` → the contact group, `subject` →
 * the subject type, `evidence` → the list, `evidence.2.url` → the third link sent.
 * Undefined for a path the form has no field for (shown in the error summary only).
 */
export function fieldForErrorPath(path: string | readonly (string | number)[]): FieldTarget | undefined {
  const parts = (typeof path === 'string' ? path.split('.') : path.map(String)).filter((part) => part !== '');
  const [head, second] = parts;
  if (head === 'evidence') {
    if (second === undefined) return { field: 'evidence' };
    return /^\d+$/.test(second) ? { field: 'evidence', index: Number(second) } : undefined;
  }
  if (head === 'contact' && second === undefined) return { field: 'contact' };
  if (head === 'subject' && second === undefined) return { field: 'subject.type' };
  const isField = (name: string): name is SingleField => (singleFields as readonly string[]).includes(name);
  if (head !== undefined && isField(head)) return { field: head };
  const name = parts.slice(0, 2).join('.');
  return isField(name) ? { field: name } : undefined;
}

/** The id of the control an error leads to: the first radio of a group, the email of the contact group, the n-th link. */
export function inputId(target: FieldTarget): string {
  if (target.field === 'evidence') return `f-evidence-${target.index ?? 0}`;
  if (target.field === 'contact') return 'f-contact-email';
  return `f-${target.field.replace(/\./g, '-')}`;
}

/** The id of the element that holds the error message of a field or group. */
export function errorId(target: FieldTarget): string {
  const index = target.index === undefined ? '' : `-${target.index}`;
  return `e-${target.field.replace(/\./g, '-')}${index}`;
}
