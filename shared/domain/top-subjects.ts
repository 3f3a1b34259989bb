/**
 * High-frequency subjects (高频投诉问题) in bounded space: the Space-Saving summary of
 * Metwally, Agrawal and El Abbadi (ICDT 2005). A period keeps at most `capacity` subjects
 * however many cases it has, so reading it costs the same at 1,000 and 100,000 cases.
 *
 * Guarantee, after `observed` observations: every kept count over-estimates the true
 * count by at most its `error`, and every `error` ≤ the smallest kept count ≤
 * observed / capacity; a subject seen more than observed / capacity times is always kept.
 * With capacity 64, a subject with more than 1.6 % of a period's cases cannot be missed,
 * and no listed count is more than 1.6 % of the cases too high.
 *
 * Labels, not values: subjects that name a person (staff, account, free text) are kept
 * under a pseudonym, URLs by host only (paths carry user names and ids), because the
 * statistics outlive the cases (retention) and go into mails and reports.
 */
import { createHash } from 'node:crypto';
import type { Subject } from './case-state';
import { normaliseUrl, subjectKey } from './subject-key';
import type { SubjectType } from './status';

export const subjectCapacity = 64;

export interface SubjectCounter {
  readonly label: string;
  readonly count: number;
  /** How much of `count` may belong to subjects this entry replaced. */
  readonly error: number;
}

export interface SubjectSummary {
  readonly observed: number;
  readonly entries: readonly SubjectCounter[];
}

export const emptySubjectSummary = (): SubjectSummary => ({ observed: 0, entries: [] });

/** Subject types whose value may name a natural person: never kept or shown by value. */
export const personNamingSubjects: readonly SubjectType[] = ['staff', 'account', 'other'];

/** The label a subject is counted under (see the file comment). */
export function subjectLabel(subject: Subject): string {
  if (personNamingSubjects.includes(subject.type)) {
    return `${subject.type}:#${createHash('sha256').update(subjectKey(subject)).digest('hex').slice(0, 12)}`;
  }
  if (subject.type === 'url') return `url:${normaliseUrl(subject.value).split(/[/?]/)[0]}`;
  return subjectKey(subject);
}

/** One more observation of `label` (Space-Saving: a new label takes over the smallest counter when full). */
export function observeSubject(summary: SubjectSummary, label: string, capacity = subjectCapacity): SubjectSummary {
  const observed = summary.observed + 1;
  const found = summary.entries.findIndex((e) => e.label === label);
  if (found >= 0) {
    return { observed, entries: summary.entries.map((e, i) => (i === found ? { ...e, count: e.count + 1 } : e)) };
  }
  if (summary.entries.length < capacity) return { observed, entries: [...summary.entries, { label, count: 1, error: 0 }] };
  const smallest = summary.entries.reduce((min, e, i) => (e.count < summary.entries[min]!.count ? i : min), 0);
  const floor = summary.entries[smallest]!.count;
  return { observed, entries: summary.entries.map((e, i) => (i === smallest ? { label, count: floor + 1, error: floor } : e)) };
}

/** The `k` largest counts, largest first (ties by label, so the order is stable). */
export function topSubjects(summary: SubjectSummary, k: number): SubjectCounter[] {
  return [...summary.entries].sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1)).slice(0, k);
}

/** The most any kept count can exceed the true one: the smallest counter of a full summary, else 0. */
export function overcountBound(summary: SubjectSummary, capacity = subjectCapacity): number {
  if (summary.entries.length < capacity) return 0;
  return Math.min(...summary.entries.map((e) => e.count));
}

/**
 * One summary of several (the shards of a period), as Space-Saving summaries merge
 * (Berinde, Indyk, Cormode, Strauss, "Space-optimal heavy hitters with strong error
 * bounds", 2010): per label the counts and errors add up; a label missing from a full
 * summary may have been counted there up to that summary's smallest count, so that much
 * is added to its count and its error; the `capacity` largest are kept. Every count still
 * over-estimates by at most its error; the error bound is the sum of the shards' floors,
 * at most observed / capacity as before. A single non-empty summary merges to itself.
 */
export function mergeSubjectSummaries(summaries: readonly SubjectSummary[], capacity = subjectCapacity): SubjectSummary {
  const filled = summaries.filter((s) => s.observed > 0);
  if (filled.length === 1) return filled[0]!;
  const merged = new Map<string, { count: number; error: number }>();
  for (const label of new Set(filled.flatMap((s) => s.entries.map((e) => e.label)))) {
    let count = 0;
    let error = 0;
    for (const summary of filled) {
      const entry = summary.entries.find((e) => e.label === label);
      const floor = entry ? 0 : overcountBound(summary, capacity);
      count += (entry?.count ?? 0) + floor;
      error += (entry?.error ?? 0) + floor;
    }
    merged.set(label, { count, error });
  }
  const entries = [...merged].map(([label, c]) => ({ label, ...c }));
  return { observed: filled.reduce((sum, s) => sum + s.observed, 0), entries: topSubjects({ observed: 0, entries }, capacity) };
}
