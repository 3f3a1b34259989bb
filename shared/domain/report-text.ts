/**
 * What a case report (专题报告) and its public summary (公示) may say (seed 004; spec/api.md
 * "Reports and transparency"). The report is mailed to the management group: none of the
 * complainant's personal data (their name, address, phone as given, or anything shaped like
 * an address or a phone number). The public summary is published: that, and no staff
 * member's name or address either (recusal.ts finds names as it does for 回避). Pure: the
 * workflow passes the contact it read; a field that breaks a rule is a 400 naming it.
 */
import { redactPersonalData } from './detailed-report';
import { namesStaffMember } from './recusal';
import type { StaffMember } from './staff-directory';

export interface ReportText {
  readonly causes: string;
  readonly measures: string;
  readonly prevention: string;
  readonly publicSummary?: string;
}

export interface TextProblem {
  readonly path: string;
  readonly code: 'personal-data' | 'staff-name';
  readonly message: string;
}

type Contact = { readonly name?: string; readonly email?: string; readonly phone?: string } | undefined;

const holdsPersonalData = (text: string, contact: Contact): boolean => redactPersonalData(text, [contact?.name, contact?.email, contact?.phone]) !== text;

export function reportTextProblems(report: ReportText, contact: Contact, staff: readonly StaffMember[]): TextProblem[] {
  const problems: TextProblem[] = [];
  for (const [path, text] of Object.entries(report) as [keyof ReportText, string | undefined][]) {
    if (text === undefined) continue;
    if (holdsPersonalData(text, contact)) problems.push({ path, code: 'personal-data', message: 'The text holds personal data (a name, an email address or a phone number); the report is mailed and must not.' });
    else if (path === 'publicSummary' && staff.some((m) => namesStaffMember(m, text))) problems.push({ path, code: 'staff-name', message: 'A public summary names no staff member.' });
  }
  return problems;
}
