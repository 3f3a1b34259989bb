import { dynamo, queryAll, type TransactionItem } from './aws-clients';
import { historyPut } from './case-items';
import { loadCaseRecord } from './case-reads';
import { conditionFailed, ifCondition } from './conditions';
import type { HistoryItem } from './item-schemas';
import { closedIndex, complainantCasesPartition, keys, materialPrefix } from './keys';

/**
 * Erasure: a closed case whose retention ended goes whole (the retention sweep), and a
 * complainant's personal data goes from their cases on request while the cases and their
 * figures stay (docs/security.md).
 */

/** A closed case in the closed index: its number and when it closed. */
export interface ClosedCase {
  readonly caseNumber: string;
  readonly closedAt: string;
}

/** Closed cases that closed at or before `cutoff`, from the closed index's month buckets `months` (oldest first). */
export async function casesClosedUntil(tableName: string, months: readonly string[], cutoff: Date): Promise<ClosedCase[]> {
  const found: ClosedCase[] = [];
  for (const month of months) {
    const items = await queryAll({
      TableName: tableName,
      IndexName: closedIndex.name,
      KeyConditionExpression: 'gsi1pk = :bucket AND gsi1sk <= :until',
      ExpressionAttributeValues: { ':bucket': closedIndex.bucket(month), ':until': closedIndex.closedUntil(cutoff.toISOString()) },
    });
    found.push(...items.map((item) => ({ caseNumber: String(item.caseNumber), closedAt: String(item.gsi1sk).split('#')[0]! })));
  }
  return found;
}

/** The uploaded files an item's evidence list names (links name none). */
const uploadIdsOf = (evidence: unknown): string[] => ((evidence ?? []) as readonly { uploadId?: string }[]).flatMap((e) => (e.uploadId ? [e.uploadId] : []));

/**
 * Deletes every item of a closed case's partition, personal data first: the contact, then
 * (after `removeFiles` deleted the evidence uploads the submission names) the submission,
 * then history, notices and the rest, the state item last, conditional on the case still
 * being closed at the instant read; so a run that stops half-way leaves the case in the
 * closed index and the next run finishes it. `false` when the case is not (or no longer)
 * in its retention's end.
 */
export async function eraseClosedCase(
  tableName: string,
  closed: ClosedCase,
  removeFiles: (uploadIds: readonly string[]) => Promise<void>,
): Promise<boolean> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.case(closed.caseNumber).pk },
    ProjectionExpression: 'pk, sk, closedAt, evidence, complainantKey',
    ConsistentRead: true,
  });
  const bySk = (sk: string) => items.find((i) => i.sk === sk);
  const state = bySk(keys.case(closed.caseNumber).sk);
  if (state?.closedAt !== closed.closedAt) return false;
  const remove = (item: Record<string, unknown>) => dynamo().delete({ TableName: tableName, Key: { pk: item.pk, sk: item.sk } });
  const contact = bySk(keys.contact(closed.caseNumber).sk);
  if (contact) await remove(contact);
  const submission = bySk(keys.submission(closed.caseNumber).sk);
  if (submission) {
    await removeFiles(uploadIdsOf(submission.evidence));
    await remove(submission);
  }
  // Files the complainant added later (补正, 复核) go with the material that references them.
  for (const item of items.filter((i) => String(i.sk).startsWith(materialPrefix))) await removeFiles(uploadIdsOf(item.evidence));
  for (const item of items) if (item !== state && item !== contact && item !== submission) await remove(item);
  if (typeof state.complainantKey === 'string') await remove(keys.complainantCase(state.complainantKey, closed.caseNumber));
  return ifCondition(
    dynamo().delete({
      TableName: tableName,
      Key: keys.case(closed.caseNumber),
      ConditionExpression: 'closedAt = :closedAt',
      ExpressionAttributeValues: { ':closedAt': closed.closedAt },
    }),
  );
}

/** The case numbers of one complainant, by their pseudonymous key (keys.ts `complainantCase`), in order. */
export async function casesOfComplainant(tableName: string, complainantKey: string): Promise<string[]> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': complainantCasesPartition(complainantKey) },
    ProjectionExpression: 'caseNumber',
  });
  return items.map((item) => String(item.caseNumber)).sort();
}

/**
 * Erases the complainant's personal data on one case, keeping the case and its figures:
 * after `removeFiles` deleted the evidence files the submission and the later material
 * name, one transaction deletes the contact, replaces the submission's description (its
 * request and evidence go) and each material's text with `replacement`, and makes the case
 * anonymous and not mailable from then on (version moved on, so a change decided on the old
 * state is a conflict and is decided again). Conditional on the submission not being erased
 * yet: a repeated erasure changes nothing and is `already-erased`. `missing` when the case
 * is gone (retention).
 */
export async function eraseComplainantData(
  tableName: string,
  caseNumber: string,
  change: {
    readonly at: Date;
    readonly replacement: string;
    /** The erasure's history entry and what else records it (the audit entry): in the same transaction. */
    readonly history: Omit<HistoryItem, 'seq'>;
    readonly alsoWrite: readonly TransactionItem[];
  },
  removeFiles: (uploadIds: readonly string[]) => Promise<void>,
): Promise<'erased' | 'already-erased' | 'missing'> {
  const found = await loadCaseRecord(tableName, caseNumber);
  if (!found) return 'missing';
  const { stored, material } = found;
  if (stored.submission.erasedAt) return 'already-erased';
  await removeFiles(uploadIdsOf([stored.submission.evidence, ...material.map((m) => m.evidence)].flat()));
  const n = caseNumber;
  const erased = { ':erased': change.replacement, ':none': [] };
  const items: TransactionItem[] = [
    { Delete: { TableName: tableName, Key: keys.contact(n) } },
    {
      Update: {
        TableName: tableName,
        Key: keys.submission(n),
        UpdateExpression: 'SET description = :erased, evidence = :none, erasedAt = :at REMOVE #request',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(erasedAt)',
        ExpressionAttributeNames: { '#request': 'request' },
        ExpressionAttributeValues: { ...erased, ':at': change.at.toISOString() },
      },
    },
    ...material.map((m): TransactionItem => ({
      Update: {
        TableName: tableName,
        Key: keys.material(n, m.at, m.kind),
        UpdateExpression: 'SET #text = :erased, evidence = :none',
        ExpressionAttributeNames: { '#text': 'text' },
        ExpressionAttributeValues: erased,
      },
    })),
    {
      Update: {
        TableName: tableName,
        Key: keys.case(n),
        UpdateExpression: 'SET anonymous = :true, complainantMailable = :false ADD #version :one',
        ConditionExpression: '#version = :read',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':true': true, ':false': false, ':one': 1, ':read': stored.state.version },
      },
    },
    historyPut(tableName, n, { ...change.history, seq: stored.state.version + 1 }),
    ...change.alsoWrite,
  ];
  try {
    await dynamo().transactWrite({ TransactItems: items });
  } catch (error) {
    // Erased meanwhile, or the case changed between read and write: read again and decide.
    if (conditionFailed(error)) return eraseComplainantData(tableName, caseNumber, change, removeFiles);
    throw error;
  }
  return 'erased';
}
