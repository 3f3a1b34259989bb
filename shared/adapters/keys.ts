/**
 * The one module that knows the table's keys (style.md 4). Every item of the single
 * table is built here; docs/data-model.md lists the same patterns and a test checks
 * that the two agree.
 */
const CASE = 'CASE#';

export type ItemKey = { pk: string; sk: string };

export const keys = {
  /** The case itself, without personal data. */
  case: (caseNumber: string): ItemKey => ({ pk: CASE + caseNumber, sk: 'CASE' }),
  /** Contact and identity of the complainant, kept apart from the case (personal data). */
  contact: (caseNumber: string): ItemKey => ({ pk: CASE + caseNumber, sk: 'PII#CONTACT' }),
  /** One append-only history entry; sorts by time. */
  history: (caseNumber: string, at: string, seq: number): ItemKey => ({
    pk: CASE + caseNumber,
    sk: `HISTORY#${at}#${String(seq).padStart(4, '0')}`,
  }),
  /** A notice (mail) sent at most once, keyed by its stable notice key. */
  notice: (caseNumber: string, noticeKey: string): ItemKey => ({ pk: CASE + caseNumber, sk: `NOTICE#${noticeKey}` }),
  /** A hand-off to a queue not yet confirmed by its consumer (transactional outbox). */
  outbox: (caseNumber: string, queue: string): ItemKey => ({ pk: CASE + caseNumber, sk: `OUTBOX#${queue}` }),
  /** Atomic per-day counter behind case numbers. */
  sequence: (prefix: string, day: string): ItemKey => ({ pk: `SEQUENCE#${prefix}#${day}`, sk: 'SEQUENCE' }),
  /** Fixed-window request counter of one client (address hashed). */
  rateCounter: (scope: string, clientHash: string, minute: string): ItemKey => ({
    pk: `RATE#${scope}#${clientHash}#${minute}`,
    sk: 'RATE',
  }),
} as const;

/** Sort-key range that holds the case item and its public history, nothing else. */
export const caseWithHistoryRange = { from: 'CASE', to: 'HISTORY#\uffff' } as const;
export const isHistoryKey = (sk: string): boolean => sk.startsWith('HISTORY#');

/** gsi1: outbox entries by the time they are next due for a relay attempt. */
export const outboxIndex = {
  name: 'gsi1',
  partition: 'OUTBOX',
  sortKey: (dueAt: string, caseNumber: string, queue: string): string => `${dueAt}#${caseNumber}#${queue}`,
  /** Upper bound of the sort key for everything due at or before `now`. */
  dueUntil: (now: string): string => `${now}#\uffff`,
} as const;
