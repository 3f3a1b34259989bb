/**
 * Report arithmetic (统计分析): the stored report and the public transparency summary
 * of a period, from its bucket aggregates only (statistics.ts), never from cases.
 * Shares are rounded to four decimals, hours and scores to two; a figure without a
 * denominator is null, not 0 ("no case resolved" is not "none on time").
 */
import type { HotOrMajorCase, ListedCaseReport, PublicCount, Report, TeamFigures, TransparencySummary } from '../schemas/report';
import { bucketCount, meanHours, quantileHours, type Histogram } from './histogram';
import { periodsEndingWith } from './report-period';
import { counter, emptyAggregate, receivedDimensions, teamCounterOf, type PeriodAggregate, type ReceivedDimension, type TeamScope } from './statistics-counters';
import { caseKinds, caseLevels, caseTypes, channels, priorities, type Priority } from './status';
import { isoInZone } from './time-format';
import { overcountBound, topSubjects } from './top-subjects';

export const topSubjectCount = 10;
/** Publish a share or a time only over at least this many cases; counts below it are `"<5"`. */
export const publicationThreshold = 5;

export interface ReportInput {
  readonly aggregate: PeriodAggregate;
  /** Aggregates of the periods before, for the trend of the last twelve; a missing period counts as empty. */
  readonly earlier: readonly PeriodAggregate[];
  readonly hotAndMajor: readonly HotOrMajorCase[];
  /** The case reports approved in the period (`approvedCaseReports` of the aggregate, with the instant read from each case). */
  readonly caseReports?: readonly ListedCaseReport[];
  /** Category ids of the stage, so every category shows, with 0 if it had no case. */
  readonly categories: readonly string[];
  readonly generatedAt: Date;
  readonly timeZone: string;
}

const round = (value: number | null, digits: number): number | null => (value === null ? null : Number(value.toFixed(digits)));
const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : round(part / whole, 4));
const get = (a: PeriodAggregate, name: string): number => a.counters[name] ?? 0;

export function histogramOf(a: PeriodAggregate): Histogram {
  return { counts: Array.from({ length: bucketCount }, (_, i) => get(a, counter.handlingBucket(i))), sumSeconds: get(a, counter.handlingSeconds) };
}

/** The values every stage has for a dimension, shown with 0 when absent. */
function knownValues(dimension: ReceivedDimension, categories: readonly string[]): readonly (string | number)[] {
  const known: Record<ReceivedDimension, readonly (string | number)[]> = {
    kind: caseKinds,
    type: caseTypes,
    category: categories,
    level: caseLevels,
    channel: channels,
    priority: priorities,
  };
  return known[dimension];
}

/** `received.<dimension>.*` as a record: the known values first, then any other value counted (a retired category, `unclassified`). */
export function receivedBy(a: PeriodAggregate, dimension: ReceivedDimension, categories: readonly string[]): Record<string, number> {
  const result: Record<string, number> = {};
  for (const value of knownValues(dimension, categories)) result[String(value)] = 0;
  const prefix = counter.receivedBy(dimension, '');
  for (const [name, value] of Object.entries(a.counters)) if (name.startsWith(prefix) && value !== 0) result[name.slice(prefix.length)] = value;
  return result;
}

/** The twelve periods up to `a`'s, oldest first, each from `earlier` or empty. */
function trendOf(a: PeriodAggregate, earlier: readonly PeriodAggregate[]): PeriodAggregate[] {
  const known = new Map(earlier.map((e) => [e.period, e]));
  return periodsEndingWith(a.period, 12).map((p) => (p === a.period ? a : (known.get(p) ?? emptyAggregate(p))));
}

/** `receivedTrusted.<source>` as a record of the sources that sent any. */
function receivedTrusted(a: PeriodAggregate): Record<string, number> {
  const prefix = counter.receivedTrusted('');
  return Object.fromEntries(Object.entries(a.counters).filter(([name, value]) => name.startsWith(prefix) && value !== 0).map(([name, value]) => [name.slice(prefix.length), value]));
}
const sum = (record: Record<string, number>): number => Object.values(record).reduce((a, b) => a + b, 0);

/** 效果考核 / 绩效考核: the figures of each department or handler that has any in the period, by id. */
export function teamFigures(a: PeriodAggregate, scope: TeamScope): Record<string, TeamFigures> {
  const ids = new Set(Object.keys(a.counters).flatMap((name) => {
    const team = teamCounterOf(name);
    return team?.scope === scope ? [team.id] : [];
  }));
  const result: Record<string, TeamFigures> = {};
  for (const id of [...ids].sort()) {
    const f = (figure: string) => get(a, counter.team(scope, id, figure));
    const resolved = f('resolved');
    const responses = f('responses');
    const histogram = { counts: Array.from({ length: bucketCount }, (_, i) => f(`handling.${i}`)), sumSeconds: 0 };
    result[id] = {
      received: f('received'),
      resolved,
      onTimeShare: ratio(f('onTime'), resolved),
      medianHoursToReply: round(quantileHours(histogram, 0.5), 2),
      reopenedShare: ratio(f('reopened'), resolved),
      appealShare: ratio(f('appeals'), resolved),
      satisfaction: { responses, resolvedShare: ratio(f('responsesResolved'), responses), meanScore: f('scored') === 0 ? null : round(f('scoreSum') / f('scored'), 2) },
    };
  }
  return result;
}

/** The case reports (专题报告) approved in the period: case number and priority at approval, from the counters' names. */
export function approvedCaseReports(a: PeriodAggregate): { caseNumber: string; priority: Priority }[] {
  const prefix = counter.caseReport('', '').slice(0, -1);
  return Object.entries(a.counters)
    .filter(([name, value]) => name.startsWith(prefix) && value > 0)
    .map(([name]) => {
      const [priority, caseNumber] = name.slice(prefix.length).split('.') as [Priority, string];
      return { caseNumber, priority };
    })
    .sort((x, y) => (x.caseNumber < y.caseNumber ? -1 : 1));
}

/** The major cases whose public summary (公示) was approved in the period. */
export function publicSummaryCases(a: PeriodAggregate): string[] {
  const prefix = counter.publicSummary('');
  return Object.entries(a.counters).filter(([name, value]) => name.startsWith(prefix) && value > 0).map(([name]) => name.slice(prefix.length)).sort();
}

export const onTimeShare = (a: PeriodAggregate): number | null => ratio(get(a, counter.onTime), get(a, counter.resolved));

export function buildReport(input: ReportInput): Report {
  const a = input.aggregate;
  const histogram = histogramOf(a);
  const [byKind, byType, byCategory, byLevel, byChannel, byPriority] = receivedDimensions.map((d) => receivedBy(a, d, input.categories)) as [
    Record<string, number>,
    Record<string, number>,
    Record<string, number>,
    Record<string, number>,
    Record<string, number>,
    Record<string, number>,
  ];
  const responses = get(a, counter.responses);
  return {
    period: a.period,
    generatedAt: isoInZone(input.generatedAt, input.timeZone),
    received: { total: get(a, counter.received), byKind, byType, byCategory, byLevel, byChannel, byPriority },
    resolved: get(a, counter.resolved),
    rejected: get(a, counter.rejected),
    handlingHours: { mean: round(meanHours(histogram), 2), p90: round(quantileHours(histogram, 0.9), 2) },
    onTimeShare: onTimeShare(a),
    overdue: get(a, counter.overdue),
    escalated: get(a, counter.escalated),
    appeals: { total: get(a, counter.appeals), changed: get(a, counter.appealsChanged) },
    satisfaction: {
      responses,
      resolvedShare: ratio(get(a, counter.responsesResolved), responses),
      meanScore: get(a, counter.scored) === 0 ? null : round(get(a, counter.scoreSum) / get(a, counter.scored), 2),
    },
    topSubjects: topSubjects(a.subjects, topSubjectCount).map((s) => ({ subject: s.label, count: s.count })),
    hotAndMajor: [...input.hotAndMajor],
    maliciousMarked: get(a, counter.malicious),
    referrals: get(a, counter.referrals),
    trustedSources: { received: sum(receivedTrusted(a)), bySource: receivedTrusted(a) },
    followUp: {
      contacts: get(a, counter.followUpContacts),
      level2Replies: get(a, counter.level2Replied),
      level2WithContactShare: ratio(get(a, counter.level2RepliedWithContact), get(a, counter.level2Replied)),
    },
    byDepartment: teamFigures(a, 'department'),
    byHandler: teamFigures(a, 'handler'),
    caseReports: [...(input.caseReports ?? [])],
    resolutionRate: ratio(get(a, counter.resolvedOfReceived), get(a, counter.received)),
    topSubjectsMaxOvercount: overcountBound(a.subjects),
    trend: trendOf(a, input.earlier).map((p) => ({ period: p.period, received: get(p, counter.received), resolved: get(p, counter.resolved), onTimeShare: onTimeShare(p) })),
  };
}

/** A count as published: 1 to 4 become `"<5"`, so a small group (one site, one person) cannot be singled out. */
export const publicCount = (n: number): PublicCount => (n > 0 && n < publicationThreshold ? '<5' : n);

/**
 * The public summary (信息公开) of the same aggregate: counts suppressed below five, the
 * median and the on-time share only over five or more resolved cases, and no subjects at
 * all (docs/reports.md "What is never public").
 */
export function buildTransparencySummary(a: PeriodAggregate, categories: readonly string[]): TransparencySummary {
  const resolved = get(a, counter.resolved);
  const enough = resolved >= publicationThreshold;
  const suppressAll = (record: Record<string, number>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, publicCount(v)]));
  return {
    period: a.period,
    received: {
      total: publicCount(get(a, counter.received)),
      byKind: suppressAll(receivedBy(a, 'kind', categories)),
      byCategory: suppressAll(receivedBy(a, 'category', categories)),
    },
    resolved: publicCount(resolved),
    medianHoursToAct: enough ? round(quantileHours(histogramOf(a), 0.5), 2) : null,
    onTimeShare: enough ? onTimeShare(a) : null,
    appeals: { total: publicCount(get(a, counter.appeals)), changed: publicCount(get(a, counter.appealsChanged)) },
    maliciousMarked: publicCount(get(a, counter.malicious)),
    referrals: publicCount(get(a, counter.referrals)),
    trustedFlaggerNotices: publicCount(sum(receivedTrusted(a))),
    majorCases: [],
  };
}

/** Who reads the stored reports (api.md): admins, supervisors and the members of the management group (投诉管理小组). */
export function mayReadReports(caller: { readonly email: string; readonly roles: readonly string[] }, config: { readonly managementGroup: readonly { readonly email: string }[] }): boolean {
  return caller.roles.includes('admin') || caller.roles.includes('supervisor') || config.managementGroup.some((m) => m.email === caller.email);
}
