/** Text rules of spec/api.md shared by every request schema. */

/** Length in Unicode code points, as the API counts it. */
export const codePointLength = (value: string): number => [...value].length;

// C0 controls except tab (09) and line feed (0A); DEL and C1 controls. A carriage return
// is accepted only as part of CRLF, because browsers post textarea newlines as CRLF.
const forbiddenControl = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\r(?!\n)/;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// Bidirectional embeddings, overrides (U+202A-202E) and isolates (U+2066-2069): they make
// text read otherwise than it is stored (a subject or file name shown reversed).
const bidiControl = /[\u202A-\u202E\u2066-\u2069]/;

export const hasForbiddenCharacters = (value: string): boolean =>
  forbiddenControl.test(value) || loneSurrogate.test(value) || bidiControl.test(value);

// What shows nothing: white space, format characters (zero-width spaces and joiners, the
// byte-order mark, soft hyphen: Unicode category Cf) and the blank fillers of Hangul and Braille.
const invisible = /[\s\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]/u;

/** Code points that show something: what a minimum length counts (api.md text rules). */
export const visibleLength = (value: string): number => [...value].filter((c) => !invisible.test(c)).length;
