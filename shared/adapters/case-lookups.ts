import type { CaseAbout } from '../domain/recusal';
import { batchGetAll } from './aws-clients';
import type { StateItem } from './item-schemas';
import { keys } from './keys';

/**
 * Reads of many cases by number, each from one item only (one BatchGetItem per 100
 * cases): what a report shows of its hot and major cases, and what recusal checks of a
 * work list page. A case gone (retention) is left out.
 */

/**
 * What a report shows of its hot and major cases: priority, status and, for the detailed report, the result as sent;
 * and of a case report (专题报告) approved in the period its approval, with a major case's public summary.
 */
export type ReportedCase = Pick<StateItem, 'caseNumber' | 'priority' | 'status' | 'result' | 'resultDetails' | 'caseReport'>;
const reportedFields = ['caseNumber', 'priority', 'status', 'result', 'resultDetails', 'caseReport'] as const satisfies readonly (keyof ReportedCase)[];

/** Priority and status of cases by number (the report's hot and major cases), from their state items, by case number. */
export async function casePriorities(tableName: string, caseNumbers: readonly string[]): Promise<ReportedCase[]> {
  const found = (await batchGetAll(tableName, caseNumbers.map((n) => keys.case(n)), reportedFields)) as ReportedCase[];
  return found.sort((a, b) => (a.caseNumber < b.caseNumber ? -1 : 1));
}

/**
 * What recusal reads of the cases of a page (subject and description, from their
 * submission items). Any case may name a staff member in its description, so every row
 * of a page is checked, not only those with a `staff` subject.
 */
export async function recusalFacts(tableName: string, caseNumbers: readonly string[]): Promise<Map<string, CaseAbout>> {
  const found = await batchGetAll(tableName, caseNumbers.map((n) => keys.submission(n)), ['caseNumber', 'subject', 'description']);
  return new Map(found.map((item) => [String(item.caseNumber), { subject: item.subject as CaseAbout['subject'], description: String(item.description ?? '') }]));
}
