/**
 * 重大 cases: the final detailed report (domain.md "Priority": what happened, causes,
 * measures to prevent recurrence) is the closed case's reply as staff wrote it: the
 * result (what happened and what was found), its basis (the causes) and the measures.
 * It goes to the management group, so it must carry no personal data: the case's own
 * contact (name, email, phone) and anything shaped like an email address or a phone
 * number are replaced by `[…]` (staff address the complainant in the reply mail; the
 * report names nobody).
 */
import type { DetailedReport } from '../schemas/report';
import type { CaseState } from './case-state';

export const redaction = '[…]';

const email = /[^\s@<>()，。；：、"']+@[^\s@<>()，。；：、"']+\.[A-Za-z]{2,}/g;
/** Digit runs with the separators people write (+86 138 0013 8000, 010-12345678): 7 digits or more is a phone, a date is not. */
const digits = /\+?\d[\d\s-]{5,}\d/g;
const date = /^\d{4}-\d{1,2}-\d{1,2}$/;

export function redactPersonalData(text: string, personal: readonly (string | undefined)[]): string {
  let out = text;
  for (const value of personal) if (value && value.trim().length >= 2) out = out.split(value.trim()).join(redaction);
  return out.replace(email, redaction).replace(digits, (match) => (match.replace(/\D/g, '').length >= 7 && !date.test(match.trim()) ? redaction : match));
}

/** The detailed report of a closed major case whose reply holds a result and measures; undefined otherwise. */
export function detailedReportOf(
  state: Pick<CaseState, 'priority' | 'status' | 'result' | 'resultDetails'>,
  contact: { readonly name?: string; readonly email?: string; readonly phone?: string } | undefined,
): DetailedReport | undefined {
  if (state.priority !== 'major' || state.status !== 'closed' || !state.result || !state.resultDetails?.measures) return undefined;
  const personal = [contact?.name, contact?.email, contact?.phone];
  const clean = (text: string) => redactPersonalData(text, personal);
  return { whatHappened: clean(state.result), causes: clean(state.resultDetails.basis ?? '—'), measures: clean(state.resultDetails.measures) };
}
