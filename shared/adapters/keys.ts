/**
 * The one module that knows the table's keys (style.md 4). Every item of the single
 * table is built here; docs/data-model.md lists the same patterns and a test checks
 * that the two agree.
 */
/** Every item of a case's own partition has a partition key starting so (the retention sweep may delete only these and uploads). */
export const caseKeyPrefix = 'CASE#';
const CASE = caseKeyPrefix;

export type ItemKey = { pk: string; sk: string };

/**
 * Shards of what every case would otherwise write (architecture.md 12: no item or index
 * partition is written by every case). A stable hash of the case number (FNV-1a, 32 bits)
 * picks a case's shard, so a case's writes always land in the same one and a reader sums
 * or merges every shard. The counts are fixed: a reader reads each shard whatever the volume.
 */
export const shards = {
  /** Report counters, top-subject summaries and hot/major lists of a period: a report reads 8 items per period. */
  statistics: 8,
  /** The outbox index (gsi1): the relay queries each one a run. */
  outbox: 16,
  /** Cases with no department yet in gsi3 (admin's list reads each one). */
  noDepartment: 8,
  /**
   * Each hour of the due index (gsi1): the cases of an incident hour fall due in the same
   * hours, and each of their steps rewrites its entry (about 50 cases/s, a few writes each);
   * 8 keep a partition near 100 writes/s. The sweep reads 9 Queries a bucket (old key included).
   */
  due: 8,
  /**
   * Each month of the closed index (gsi1): staff closing an incident's cases in one go write
   * its month at their pace; 4 keep that well under a partition's limit, and the daily
   * retention sweep reads 5 Queries a month bucket (37 buckets a run).
   */
  closed: 4,
  /**
   * Each department's work list (gsi3): in an incident one department gets every case, each
   * change rewrites its row (15-20 writes a case, about 1,000/s at 50 cases/s, one
   * partition's limit); 8 keep a shard near 125/s. A list page reads 9 partitions in parallel.
   */
  department: 8,
} as const;

/** The shard (0 .. count-1) of `value`, the same on every call (FNV-1a). */
export function shardOf(value: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % count;
}

/** Every shard number below `count`. */
export const allShards = (count: number): number[] => Array.from({ length: count }, (_, i) => i);

/** Every request counter's partition key starts so: public functions may write these items only (docs/security.md). */
export const rateCounterKeyPrefix = 'RATE#';
/** Every suppressed mail address's partition key starts so: `mail-events` writes these only. */
export const suppressedAddressKeyPrefix = 'SUPPRESSED#';
/** Every upload item's partition key starts so: `create-upload` writes these and its counters only. */
export const uploadKeyPrefix = 'UPLOAD#';
/** Every audit entry's partition key starts so: the admin functions write these (and nothing else outside cases). */
export const auditKeyPrefix = 'AUDIT#';
/** Every complainant-index item's partition key starts so: a person's cases, by their pseudonymous key. */
export const complainantKeyPrefix = 'COMPLAINANT#';
/** Partition-key prefixes the public write paths also touch (topology `writeKeys`, docs/security.md). */
export const sequenceKeyPrefix = 'SEQUENCE#';
export const submissionGuardKeyPrefix = 'SUBMISSION#';
export const mailCounterKeyPrefix = 'MAILCAP#';
export const statisticsKeyPrefix = 'STATS#';
/** A handler's open-case counter (the routing load), moved by the one path that saves a change. */
export const loadKeyPrefix = 'LOAD#';
/** Every staff sign-in link's partition key starts so: `staff-me` writes these (a first sign-in) and nothing else. */
export const staffIdentityKeyPrefix = 'STAFF-IDENTITY#';
/**
 * The directory's partition (staff, departments, categories, absences, calendar overrides,
 * limits; docs/data-model.md "The directory") and, as the prefix of the change hand-offs'
 * partitions, every item the admin directory functions write besides the audit history.
 */
export const directoryKeyPrefix = 'DIRECTORY';
const DIRECTORY = directoryKeyPrefix;

export const keys = {
  /** The case's small mutable state item, without personal data or free text. */
  case: (caseNumber: string): ItemKey => ({ pk: CASE + caseNumber, sk: 'CASE' }),
  /** What the complainant submitted (subject, description, evidence): written once, never updated. */
  submission: (caseNumber: string): ItemKey => ({ pk: CASE + caseNumber, sk: 'CASE#SUBMISSION' }),
  /** Contact and identity of the complainant, kept apart from the case (personal data). */
  contact: (caseNumber: string): ItemKey => ({ pk: CASE + caseNumber, sk: 'PII#CONTACT' }),
  /**
   * What the complainant added after intake (补正 material, 复核 reasons, a follow-up
   * comment), with its evidence: written once, beside the change it came with. Sorts after
   * the history, so the status page's range never reads it.
   */
  material: (caseNumber: string, at: string, kind: string): ItemKey => ({ pk: CASE + caseNumber, sk: `MATERIAL#${at}#${kind}` }),
  /**
   * A one-time link to a new access token (a lost token), by the SHA-256 of its secret; TTL a
   * day. Sorts before `CASE`, so no case range reads it.
   */
  accessGrant: (caseNumber: string, grantHash: string): ItemKey => ({ pk: CASE + caseNumber, sk: `ACCESS#${grantHash}` }),
  /** One append-only history entry; sorts by time. */
  history: (caseNumber: string, at: string, seq: number): ItemKey => ({
    pk: CASE + caseNumber,
    sk: `HISTORY#${at}#${String(seq).padStart(4, '0')}`,
  }),
  /** A notice (mail) sent at most once, keyed by its stable notice key. */
  notice: (caseNumber: string, noticeKey: string): ItemKey => ({ pk: CASE + caseNumber, sk: `NOTICE#${noticeKey}` }),
  /**
   * A hand-off to a queue not yet confirmed by its consumer (transactional outbox).
   * `id` tells apart several hand-offs of one case to the same queue (one per notice).
   */
  outbox: (caseNumber: string, queue: string, id?: string): ItemKey => ({
    pk: CASE + caseNumber,
    sk: id ? `OUTBOX#${queue}#${id}` : `OUTBOX#${queue}`,
  }),
  /** Per-day counter behind case numbers, taken in blocks (case-numbers.ts). */
  sequence: (prefix: string, day: string): ItemKey => ({ pk: `${sequenceKeyPrefix}${prefix}#${day}`, sk: 'SEQUENCE' }),
  /** Fixed-window request and submission counters of one client (address hashed). */
  rateCounter: (clientHash: string, minute: string): ItemKey => ({ pk: `${rateCounterKeyPrefix}${clientHash}#${minute}`, sk: 'RATE' }),
  /** Mails sent to one complainant address (hashed, never in clear) on one day of the stage's time zone. */
  mailCounter: (addressHash: string, day: string): ItemKey => ({ pk: `${mailCounterKeyPrefix}${addressHash}#${day}`, sk: 'MAILCAP' }),
  /** An address (hashed, never in clear) that bounced for good or complained: no more mail to it (suppression list). */
  suppressedAddress: (addressHash: string): ItemKey => ({ pk: `${suppressedAddressKeyPrefix}${addressHash}`, sk: 'SUPPRESSED' }),
  /** The case an `Idempotency-Key` registered (a resubmission after a lost answer finds it), by the key's SHA-256; TTL a day. */
  submissionGuard: (keyHash: string): ItemKey => ({ pk: `${submissionGuardKeyPrefix}${keyHash}`, sk: 'SUBMISSION' }),
  /** First case with an exact-duplicate fingerprint (重复投诉 merged, not counted twice). */
  duplicate: (fingerprint: string): ItemKey => ({ pk: `DUPLICATE#${fingerprint}`, sk: 'DUPLICATE' }),
  /** One case of one complainant about a normalised subject, for hot-cluster detection (热点). */
  clusterMember: (subjectKey: string, complainantKey: string, caseNumber: string): ItemKey => ({
    pk: `CLUSTER#${subjectKey}`,
    sk: `MEMBER#${complainantKey}#${caseNumber}`,
  }),
  /**
   * The mark of a subject's cluster that turned hot (热点), put once by the classification
   * that found it so (conditional), with the one hand-off that raises the earlier members.
   */
  clusterHot: (subjectKey: string): ItemKey => ({ pk: `CLUSTER#${subjectKey}`, sk: 'HOT' }),
  /** Open-case counter of a handler (routing by load). */
  load: (staffId: string): ItemKey => ({ pk: `${loadKeyPrefix}${staffId}`, sk: 'LOAD' }),
  /** Where the SLA sweep resumes: the oldest due-index bucket that may still hold due cases. */
  sweepState: (): ItemKey => ({ pk: 'SWEEP#sla', sk: 'SWEEP' }),
  /**
   * How many sweeps have handed a case to `escalate` for one due instant (TTL): a case
   * handed too often without moving on is parked. Sorts after the history, so the status
   * page's range never reads it.
   */
  sweepAttempts: (caseNumber: string, dueAt: string): ItemKey => ({ pk: CASE + caseNumber, sk: `SWEEP-ATTEMPTS#${dueAt}` }),
  /** An evidence file upload (`POST /uploads`): declared name, type and size, state, the case that references it. */
  upload: (uploadId: string): ItemKey => ({ pk: `${uploadKeyPrefix}${uploadId}`, sk: 'UPLOAD' }),
  /**
   * One shard of the flat counters of a report period bucket (`2026-10`, `2026-W44`): a case
   * adds to the shard of its case number, a report sums the shards. No personal data, kept past retention.
   */
  statistics: (period: string, shard: number): ItemKey => ({ pk: `${statisticsKeyPrefix}${period}#${shard}`, sk: 'COUNTERS' }),
  /** One shard of the bucket's bounded top-subject summary (apart, so a counter update does not rewrite it); a report merges the shards. */
  statisticsSubjects: (period: string, shard: number): ItemKey => ({ pk: `${statisticsKeyPrefix}${period}#${shard}`, sk: 'SUBJECTS' }),
  /** A hot or major case received in the period (热点, 重大), an item of its own in its case's shard, read by the report. */
  statisticsHotOrMajor: (period: string, shard: number, caseNumber: string): ItemKey => ({ pk: `${statisticsKeyPrefix}${period}#${shard}`, sk: `${hotOrMajorPrefix}${caseNumber}` }),
  /**
   * One department's or handler's figures (效果考核, 绩效考核) in one shard of a report period:
   * an item of its own, so the shard's counters item does not grow with the staff. In the
   * shard of the case that moved them, as one department (or its one handler) can take
   * every case of an incident.
   */
  statisticsTeam: (period: string, shard: number, scope: string, id: string): ItemKey => ({ pk: `${statisticsKeyPrefix}${period}#${shard}`, sk: `${teamFiguresPrefix}${scope}#${id}` }),
  /** Marker of an aggregate update applied (its exactly-once id), TTL. */
  statisticsApplied: (updateId: string): ItemKey => ({ pk: `STATS-APPLIED#${updateId}`, sk: 'APPLIED' }),
  /** The stored report of a period: JSON, HTML and CSV, and whether it was mailed. */
  report: (period: string): ItemKey => ({ pk: `REPORT#${period}`, sk: 'REPORT' }),
  /**
   * One case of one complainant, by their pseudonymous key (`complainantKey`, no address in
   * clear): written with the case, so an erasure request by email finds every case of that person.
   */
  complainantCase: (complainantKey: string, caseNumber: string): ItemKey => ({ pk: `${complainantKeyPrefix}${complainantKey}`, sk: CASE + caseNumber }),
  /**
   * A submitter paused after one of their cases was marked malicious (恶意举报): until
   * `limitedUntil`, intake's transaction refuses their new submissions (a ConditionCheck).
   */
  submitterLimit: (complainantKey: string): ItemKey => ({ pk: `SUBMITTER-LIMIT#${complainantKey}`, sk: 'LIMIT' }),
  /**
   * One admin action on personal data (export, erasure, a revealed contact), in the UTC month
   * of `at`: sorted by time, read a month at a time. Holds no personal data.
   */
  audit: (at: string, id: string): ItemKey => ({ pk: `${auditKeyPrefix}${at.slice(0, 7)}`, sk: `${at}#${id}` }),
  /**
   * The staff directory entry (by email) a sign-in identity (the token's issuer and
   * `sub`) belongs to: written once, on its first sign-in with a verified email.
   */
  staffIdentity: (issuer: string, subject: string): ItemKey => ({ pk: `${staffIdentityKeyPrefix}${issuer}#${subject}`, sk: 'IDENTITY' }),
  /** The one identity a directory entry is pinned to (written with the link above): a second identity cannot take it. */
  staffMemberIdentity: (email: string): ItemKey => ({ pk: `${staffIdentityKeyPrefix}MEMBER#${email.toLowerCase()}`, sk: 'MEMBER' }),
  /** A staff member of the directory, by address (lower-cased). */
  directoryStaff: (email: string): ItemKey => ({ pk: DIRECTORY, sk: `STAFF#${email.toLowerCase()}` }),
  directoryDepartment: (id: string): ItemKey => ({ pk: DIRECTORY, sk: `DEPARTMENT#${id}` }),
  directoryCategory: (id: string): ItemKey => ({ pk: DIRECTORY, sk: `CATEGORY#${id}` }),
  /** One absence of a staff member (their address lower-cased, then the absence's id). */
  directoryAbsence: (email: string, id: string): ItemKey => ({ pk: DIRECTORY, sk: `ABSENCE#${email.toLowerCase()}#${id}` }),
  /** A calendar override of one local date: an extra holiday or an extra working day (调休上班). */
  directoryCalendarDay: (date: string): ItemKey => ({ pk: DIRECTORY, sk: `CALENDAR#${date}` }),
  /** The time limits (one item: they are edited together). */
  directoryLimits: (): ItemKey => ({ pk: DIRECTORY, sk: 'LIMITS' }),
  /** Put once, with the seed from the stage config: from then on the table is the directory. */
  directoryMeta: (): ItemKey => ({ pk: DIRECTORY, sk: 'META' }),
  /**
   * A committed directory change not yet confirmed by the `directory-changes` consumer
   * (transactional outbox, relayed like a case's hand-off); its consumer deletes it.
   */
  directoryChange: (changeId: string): ItemKey => ({ pk: `${DIRECTORY}-CHANGE#${changeId}`, sk: 'CHANGE' }),
} as const;

/** The whole directory: `pk = DIRECTORY` (every item of the partition). */
export const directoryPartition = DIRECTORY;

/** A complainant's cases: `pk = COMPLAINANT#<complainantKey>` (every item of the partition). */
export const complainantCasesPartition = (complainantKey: string): string => keys.complainantCase(complainantKey, '').pk;

/** The audit entries of one UTC month between two instants: `pk = AUDIT#<YYYY-MM> AND sk BETWEEN <from> AND <to>#\uffff`. */
export const auditRange = (month: string, from: string, to: string) => ({ pk: `${auditKeyPrefix}${month}`, from, to: `${to}#\uffff` }) as const;

/** The material the complainant added to a case: `pk = CASE#<caseNumber> AND begins_with(sk, MATERIAL#)`. */
export const materialPrefix = 'MATERIAL#';

/** Every notice of a case (its ledger): `pk = CASE#<caseNumber> AND begins_with(sk, NOTICE#)`. */
export const noticesPrefix = 'NOTICE#';

/** The hot and major cases of one statistics shard: `pk = STATS#<period>#<shard> AND begins_with(sk, HOT#)`. */
export const hotOrMajorPrefix = 'HOT#';

/** The department and handler figures of one statistics shard: `pk = STATS#<period>#<shard> AND begins_with(sk, TEAM#)`. */
export const teamFiguresPrefix = 'TEAM#';

/**
 * The unsharded bucket items written before the shards (one counters item with the
 * hot-and-major set, one summary per period): read beside the shards and summed like one
 * of them, so a table kept from before loses nothing (docs/data-model.md "Items written in the old shape").
 */
export const unshardedStatistics = {
  counters: (period: string): ItemKey => ({ pk: `${statisticsKeyPrefix}${period}`, sk: 'COUNTERS' }),
  subjects: (period: string): ItemKey => ({ pk: `${statisticsKeyPrefix}${period}`, sk: 'SUBJECTS' }),
} as const;

/** All members of a subject's cluster: `pk = CLUSTER#<subjectKey> AND begins_with(sk, MEMBER#)`. */
export const clusterMembersPrefix = 'MEMBER#';

/**
 * gsi1: cases by the instant their next escalation-ladder step is due, in UTC-hour buckets,
 * each in `shards.due` partitions by the case number's shard (a case keeps its shard when its
 * due hour moves). The sweep reads every shard of a bucket and the unsharded bucket of
 * entries written before the shards.
 */
export const dueIndex = {
  name: 'gsi1',
  /** `DUE#2026-11-22T06`: the UTC hour of `dueAt` (the sweep's resume point names one; before the shards, also the partition). */
  bucket: (dueAt: string): string => `DUE#${dueAt.slice(0, 13)}`,
  /** `DUE#2026-11-22T06#5`: the partition of the case's shard in the hour of `dueAt`. */
  partition: (dueAt: string, caseNumber: string): string => `${dueIndex.bucket(dueAt)}#${shardOf(caseNumber, shards.due)}`,
  /** Every partition of a bucket the sweep reads: each shard, then the bucket as stored before the shards. */
  partitions: (bucket: string): string[] => [...allShards(shards.due).map((s) => `${bucket}#${s}`), bucket],
  sortKey: (dueAt: string, caseNumber: string): string => `${dueAt}#${caseNumber}`,
  /** Upper bound of the sort key for everything due at or before `now`. */
  dueUntil: (now: string): string => `${now}#\uffff`,
  /** The start of a bucket's hour, in epoch milliseconds. */
  hourOf: (bucket: string): number => Date.parse(`${bucket.slice('DUE#'.length)}:00:00.000Z`),
  /** The due instant a sort key holds. */
  dueAtOf: (sortKey: string): string => sortKey.slice(0, sortKey.indexOf('#')),
  /** The partition of parked cases (escalation kept failing): no sweep reads it; operators do. */
  parked: 'PARKED',
} as const;

/** Sort-key range that holds the state and submission items, nothing else. */
export const caseItemsRange = { from: 'CASE', to: 'CASE#\uffff' } as const;
/** Sort-key range that holds the state and submission items and the public history, nothing else. */
export const caseWithHistoryRange = { from: 'CASE', to: 'HISTORY#\uffff' } as const;
export const isHistoryKey = (sk: string): boolean => sk.startsWith('HISTORY#');

/**
 * gsi1: outbox entries by the time they are next due for a relay attempt, in
 * `shards.outbox` partitions by the case number's shard (an entry stays in its shard: its
 * sort key changes, never its partition), so no index partition takes every case's
 * 15-20 index writes. The relay queries every shard, and the unsharded `OUTBOX` of entries
 * written before the shards until it is empty.
 */
export const outboxIndex = {
  name: 'gsi1',
  /** `OUTBOX#7`: the shard of the case the message is about. */
  partition: (caseNumber: string): string => `OUTBOX#${shardOf(caseNumber, shards.outbox)}`,
  /** Every partition the relay reads: each shard, then the one of entries stored before the shards. */
  partitions: (): string[] => [...allShards(shards.outbox).map((s) => `OUTBOX#${s}`), 'OUTBOX'],
  sortKey: (dueAt: string, caseNumber: string, queue: string): string => `${dueAt}#${caseNumber}#${queue}`,
  /** Upper bound of the sort key for everything due at or before `now`. */
  dueUntil: (now: string): string => `${now}#\uffff`,
} as const;

/**
 * gsi1: closed cases by the instant they closed, in UTC-month buckets, each in
 * `shards.closed` partitions by the case number's shard: the retention sweep reads every
 * shard of the months up to the cutoff, and the unsharded month of cases closed before the
 * shards (docs/data-model.md "Retention"). A case sits here only while it is closed and has
 * no hand-off pending and no ladder step due.
 */
export const closedIndex = {
  name: 'gsi1',
  /** `CLOSED#2026-11`: the UTC month of `closedAt` (before the shards, also the partition). */
  bucket: (closedAt: string): string => `CLOSED#${closedAt.slice(0, 7)}`,
  /** `CLOSED#2026-11#2`: the partition of the case's shard in the month of `closedAt`. */
  partition: (closedAt: string, caseNumber: string): string => `${closedIndex.bucket(closedAt)}#${shardOf(caseNumber, shards.closed)}`,
  /** Every partition of a month (`2026-11`) the retention sweep reads: each shard, then the month as stored before the shards. */
  partitions: (month: string): string[] => [...allShards(shards.closed).map((s) => `CLOSED#${month}#${s}`), `CLOSED#${month}`],
  sortKey: (closedAt: string, caseNumber: string): string => `${closedAt}#${caseNumber}`,
  /** Upper bound of the sort key for everything closed at or before `cutoff`. */
  closedUntil: (cutoff: string): string => `${cutoff}#\uffff`,
  /** Whether a gsi1 partition key is one of these buckets (a shard, or a month stored before the shards). */
  holds: (gsi1pk: string): boolean => gsi1pk.startsWith('CLOSED#'),
} as const;

/**
 * gsi1: uploads not referenced by any case, by the instant they are to be deleted, in UTC-day
 * buckets (the upload sweep reads the last few days). A referenced upload leaves the index.
 */
export const unreferencedUploadIndex = {
  name: 'gsi1',
  /** `UPLOAD-EXPIRY#2026-11-23`: the UTC day of `deleteAt`. */
  bucket: (deleteAt: string): string => `UPLOAD-EXPIRY#${deleteAt.slice(0, 10)}`,
  sortKey: (deleteAt: string, uploadId: string): string => `${deleteAt}#${uploadId}`,
  /** Upper bound of the sort key for everything to delete at or before `now`. */
  dueUntil: (now: string): string => `${now}#\uffff`,
} as const;

/**
 * gsi2 and gsi3: the staff work lists (`GET /staff/cases`). Every case state item is in
 * gsi3 under its department (or none yet), in its case number's shard, and while assigned
 * in gsi2 under its assignee, sorted by urgency (open
 * cases by their most urgent deadline, then open ones owing nothing now, then finished
 * ones; staff-access.ts `workRank`). Overdue is a range of the same sort key.
 */
export const workListIndex = {
  assignee: { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', partition: (email: string): string => `ASSIGNEE#${email.toLowerCase()}` },
  department: {
    name: 'gsi3',
    partitionKey: 'gsi3pk',
    sortKey: 'gsi3sk',
    /**
     * A case's department partition: one of its department's `shards.department`, or while
     * it has none yet (every new case) one of `shards.noDepartment`, by its case number, so
     * no partition takes every case (nor every case of an incident's department).
     */
    partition: (department: string | undefined, caseNumber: string): string =>
      department !== undefined ? `DEPARTMENT#${department}#${shardOf(caseNumber, shards.department)}` : `DEPARTMENT#-#${shardOf(caseNumber, shards.noDepartment)}`,
    /** The partitions a list of `department` (none: `-`) reads: every shard, then the one of cases stored before the shards. */
    partitions: (department: string | undefined): string[] => {
      const [name, count] = department !== undefined ? [department, shards.department] : ['-', shards.noDepartment];
      return [...allShards(count).map((s) => `DEPARTMENT#${name}#${s}`), `DEPARTMENT#${name}`];
    },
  },
  /** `1#2026-11-23T05:00:00.000Z#TS-20261122-0042`: group, instant, case number. */
  sortKey: (group: 1 | 2 | 3, at: string, caseNumber: string): string => `${group}#${at}#${caseNumber}`,
  /** Bounds of the open cases (groups 1 and 2: a deadline owed, or waiting on the complainant); finished ones sort after. */
  open: { from: '1#', to: '2#\uffff' },
  /** Bounds of the overdue range at `now`: open cases whose most urgent deadline is past. */
  overdue: (now: string): { from: string; to: string } => ({ from: '1#', to: `1#${now}` }),
  /** What a stored sort key may look like (a cursor carries one back). */
  sortKeyPattern: /^[123]#\d{4}-\d{2}-\d{2}T[\d:.]+Z#[A-Z]{2}-\d{8}-\d{4,}$/,
} as const;
