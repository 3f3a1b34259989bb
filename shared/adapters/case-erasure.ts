import type { ActionOutcome } from '../domain/case-actions';
import type { CaseState } from '../domain/case-state';
import { dynamo, queryAll, type TransactionItem } from './aws-clients';
import { loadCaseRecord } from './case-reads';
import { type ChangeConfig, saveChange } from './case-store';
import { ifCondition } from './conditions';
import type { QueueUrls } from './handoff';
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

/**
 * Closed cases that closed at or before `cutoff`, from the closed index's month buckets
 * `months` (oldest first): each month's shards and its partition of before the shards,
 * Queried in parallel and merged in order of closing.
 */
export async function casesClosedUntil(tableName: string, months: readonly string[], cutoff: Date): Promise<ClosedCase[]> {
  const found: ClosedCase[] = [];
  for (const month of months) {
    const partitions = await Promise.all(
      closedIndex.partitions(month).map((partition) =>
        queryAll({
          TableName: tableName,
          IndexName: closedIndex.name,
          KeyConditionExpression: 'gsi1pk = :partition AND gsi1sk <= :until',
          ExpressionAttributeValues: { ':partition': partition, ':until': closedIndex.closedUntil(cutoff.toISOString()) },
        }),
      ),
    );
    const items = partitions.flat().sort((a, b) => (String(a.gsi1sk) < String(b.gsi1sk) ? -1 : 1));
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
 * name, the domain's erasure (`decide`: its history entry, the case not mailable and
 * anonymous from then on) is stored through `saveChange` with what it erases: the contact
 * deleted, the submission's description (its request and evidence go) and each material's
 * text replaced with `replacement`, and `alsoWrite` (the audit entry), in one transaction;
 * a change meanwhile is read and decided again. Conditional on the submission not being
 * erased yet: a repeated erasure changes nothing and is `already-erased`. `missing` when
 * the case is gone (retention).
 */
export async function eraseComplainantData(
  settings: { tableName: string; queueUrls: QueueUrls; config: ChangeConfig },
  caseNumber: string,
  change: {
    readonly at: Date;
    readonly replacement: string;
    readonly decide: (state: CaseState) => ActionOutcome;
    readonly alsoWrite: readonly TransactionItem[];
  },
  removeFiles: (uploadIds: readonly string[]) => Promise<void>,
): Promise<'erased' | 'already-erased' | 'missing'> {
  const { tableName } = settings;
  const found = await loadCaseRecord(tableName, caseNumber);
  if (!found) return 'missing';
  const { stored, material } = found;
  if (stored.submission.erasedAt) return 'already-erased';
  await removeFiles(uploadIdsOf([stored.submission.evidence, ...material.map((m) => m.evidence)].flat()));
  const n = caseNumber;
  const erased = { ':erased': change.replacement, ':none': [] };
  const erasures: TransactionItem[] = [
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
  ];
  const saved = await saveChange(settings, stored, { outcomes: [change.decide(stored.state)], alsoWrite: [...erasures, ...change.alsoWrite], at: change.at });
  // Erased meanwhile, or the case changed between read and write: read again and decide.
  if (saved === 'conflict') return eraseComplainantData(settings, caseNumber, change, removeFiles);
  return 'erased';
}
