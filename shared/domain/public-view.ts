import type { CaseRecord, HistoryEntry } from './case-record';
import type { CaseStatus } from './status';
import { isoInZone } from './time-format';
import type { PublicCaseViewBody } from '../schemas/public-responses';

/** The answer of `GET /complaints/{caseNumber}` (spec/api.md): no notes, staff or contact data. */
export type PublicCaseView = PublicCaseViewBody;

/**
 * The deadline shown as `expectedBy`, by level, in order: the first one still set is the
 * one the complainant waits for (the workflow removes a deadline once it is met).
 */
const expectedByDeadlines: Record<1 | 2 | 3, readonly string[]> = {
  1: ['first-response', 'resolution'],
  2: ['initial-investigation', 'progress-feedback'],
  3: ['response-started', 'initial-result'],
};

const waitingOrDone: readonly CaseStatus[] = ['needs-supplement', 'rejected', 'replied', 'closed'];

export function publicCaseView(caseRecord: CaseRecord, history: readonly HistoryEntry[], timeZone: string): PublicCaseView {
  const at = (iso: string) => isoInZone(new Date(iso), timeZone);
  const deadlines = caseRecord.deadlines ?? {};
  const expected =
    caseRecord.level && !waitingOrDone.includes(caseRecord.status)
      ? expectedByDeadlines[caseRecord.level].map((name) => deadlines[name]).find(Boolean)
      : undefined;
  const appealDeadline = deadlines['appeal-window'];
  return {
    caseNumber: caseRecord.caseNumber,
    kind: caseRecord.kind,
    status: caseRecord.status,
    ...(caseRecord.level ? { level: caseRecord.level } : {}),
    ...(caseRecord.priority ? { priority: caseRecord.priority } : {}),
    receivedAt: at(caseRecord.receivedAt),
    ...(expected ? { expectedBy: at(expected) } : {}),
    history: history
      .filter((entry) => entry.public)
      .map((entry) => ({ at: at(entry.at), status: entry.status, ...(entry.note ? { note: entry.note } : {}) })),
    ...(caseRecord.result ? { result: caseRecord.result } : {}),
    actions: {
      supplement: caseRecord.status === 'needs-supplement',
      feedback: caseRecord.status === 'replied',
      appeal: Boolean(appealDeadline) && (caseRecord.status === 'replied' || caseRecord.status === 'closed'),
      ...(appealDeadline ? { appealDeadline: at(appealDeadline) } : {}),
    },
  };
}
