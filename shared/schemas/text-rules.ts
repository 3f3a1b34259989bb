/** Text rules of spec/api.md shared by every request schema. */

/** Length in Unicode code points, as the API counts it. */
export const codePointLength = (value: string): number => [...value].length;

// C0 controls except tab (09) and line feed (0A); DEL and C1 controls. A carriage return
// is accepted only as part of CRLF, because browsers post textarea newlines as CRLF.
const forbiddenControl = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\r(?!\n)/;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const hasForbiddenCharacters = (value: string): boolean =>
  forbiddenControl.test(value) || loneSurrogate.test(value);
