/**
 * The aggregate model (docs/reports.md): one bucket item per period (`YYYY-MM`,
 * `YYYY-Www`) holding flat counters, each one attribute that the storage adds to with
 * `ADD`, and the bucket's top-subject summary. The report arithmetic reads only this;
 * what turns case changes into additions is statistics.ts.
 */
import { emptySubjectSummary, observeSubject, type SubjectSummary } from './top-subjects';

/** Additions to one period bucket, to be applied at most once. */
export interface AggregateUpdate {
  readonly id: string;
  readonly period: string;
  /** Counter name → amount to add (may be negative for "received" moves; never makes a counter negative). */
  readonly counters: Readonly<Record<string, number>>;
  /** A subject label to observe once in the bucket's top-subject summary. */
  readonly subject?: string;
}

/** The stored figures of one period bucket. */
export interface PeriodAggregate {
  readonly period: string;
  readonly counters: Readonly<Record<string, number>>;
  readonly subjects: SubjectSummary;
}

export const emptyAggregate = (period: string): PeriodAggregate => ({ period, counters: {}, subjects: emptySubjectSummary() });

/** Counter names (flat, so each is one attribute and one `ADD` in the bucket item). */
export const counter = {
  received: 'received',
  receivedBy: (dimension: ReceivedDimension, value: string | number) => `received.${dimension}.${value}`,
  resolvedOfReceived: 'resolvedOfReceived',
  resolved: 'resolved',
  rejected: 'rejected',
  onTime: 'onTime',
  handlingBucket: (i: number) => `handling.${i}`,
  handlingSeconds: 'handling.sumSeconds',
  overdue: 'overdue',
  escalated: 'escalated',
  appeals: 'appeals',
  appealsChanged: 'appealsChanged',
  responses: 'satisfaction.responses',
  responsesResolved: 'satisfaction.resolved',
  scored: 'satisfaction.scored',
  scoreSum: 'satisfaction.scoreSum',
  malicious: 'malicious',
  referrals: 'referrals',
  receivedTrusted: (source: string) => `receivedTrusted.${source}`,
  /** A hot or major case's report (专题报告) approved in the period: one counter per case, listed by the report. */
  caseReport: (priority: string, caseNumber: string) => `caseReport.${priority}.${caseNumber}`,
  /**
   * Per department and per handler (效果考核, 绩效考核; seeds 002 and 004): `team.<scope>.<id>|<figure>`,
   * the figure one of `teamFigures` or `handling.<i>` (the scope's handling-time histogram).
   */
  team: (scope: TeamScope, id: string, figure: string) => `team.${scope}.${id}|${figure}`,
  /** A major case's public summary (公示) approved in the period: listed on the transparency page. */
  publicSummary: (caseNumber: string) => `publicSummary.${caseNumber}`,
  followUpContacts: 'followUp.contacts',
  level2Replied: 'followUp.level2Replied',
  level2RepliedWithContact: 'followUp.level2WithContact',
} as const;

/** Who the team figures are of: the case's department and its assignee (the handler) at the time. */
export const teamScopes = ['department', 'handler'] as const;
export type TeamScope = (typeof teamScopes)[number];

/** What a `counter.team` name counts; undefined for every other counter. */
export function teamCounterOf(name: string): { scope: TeamScope; id: string; figure: string } | undefined {
  const scope = teamScopes.find((s) => name.startsWith(counter.team(s, '', '').slice(0, -1)));
  if (!scope) return undefined;
  const id = name.slice(counter.team(scope, '', '').length - 1, name.lastIndexOf('|'));
  return { scope, id, figure: name.slice(name.lastIndexOf('|') + 1) };
}

export const receivedDimensions = ['kind', 'type', 'category', 'level', 'channel', 'priority'] as const;
export type ReceivedDimension = (typeof receivedDimensions)[number];

/** Type and level are unknown for a case rejected or closed before classification. */
export const unclassified = 'unclassified';

/** The bucket after one update: what the storage does with `ADD` and the summary (its reference semantics). */
export function applyUpdate(aggregate: PeriodAggregate, update: AggregateUpdate): PeriodAggregate {
  const counters = { ...aggregate.counters };
  for (const [name, by] of Object.entries(update.counters)) counters[name] = (counters[name] ?? 0) + by;
  const subjects = update.subject ? observeSubject(aggregate.subjects, update.subject) : aggregate.subjects;
  return { period: aggregate.period, counters, subjects };
}
