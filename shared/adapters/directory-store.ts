/**
 * The directory in the table (domain/directory.ts, docs/data-model.md "The directory"): one
 * partition, read whole with one Query. Until it is seeded (no `META` item) the stage config
 * is the directory; the first administrative change writes the seed, and from then on the
 * table is the truth: a later deploy's stage config never overwrites an entry.
 */
import type { StageConfig } from '../config/stage-config';
import type { AuditEntry } from '../domain/audit';
import { entriesOf, seedDirectory, type Directory, type DirectoryEntry, type EntityName } from '../domain/directory';
import type { DirectoryChangeMessage } from '../schemas/directory-change';
import { auditPut } from './audit-log';
import { dynamo, queryAll, type TransactionItem } from './aws-clients';
import { conditionFailed, ifCondition } from './conditions';
import { directoryChangePut } from './handoff';
import { directoryPartition, keys, type ItemKey } from './keys';

const itemType = (entity: EntityName | 'meta') => `directory-${entity}`;

function keyOf(entry: DirectoryEntry): ItemKey {
  switch (entry.entity) {
    case 'staff':
      return keys.directoryStaff(entry.value.email);
    case 'absence':
      return keys.directoryAbsence(entry.value.email, entry.value.id);
    case 'department':
      return keys.directoryDepartment(entry.value.id);
    case 'category':
      return keys.directoryCategory(entry.value.id);
    case 'calendar':
      return keys.directoryCalendarDay(entry.value.date);
    case 'limits':
      return keys.directoryLimits();
  }
}

const itemOf = (entry: DirectoryEntry) => ({ ...keyOf(entry), type: itemType(entry.entity), ...entry.value });

/**
 * The directory: the table's when seeded, else the stage config's seed. `consistent` for a
 * change (admin writes decide on what is stored now); the handlers' refresh reads eventually.
 */
export async function readDirectory(tableName: string, stageConfig: StageConfig, consistent = false): Promise<Directory> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': directoryPartition },
    ConsistentRead: consistent,
  });
  if (!items.some((item) => item.type === itemType('meta'))) return seedDirectory(stageConfig);
  const of = <T>(entity: EntityName): T[] =>
    items.filter((item) => item.type === itemType(entity)).map(({ pk: _pk, sk: _sk, type: _type, ...value }) => value as T);
  const limits = of<Directory['limits']>('limits')[0] ?? seedDirectory(stageConfig).limits;
  return {
    seeded: true,
    staff: of('staff'),
    absences: of('absence'),
    departments: of('department'),
    categories: of('category'),
    calendarDays: of('calendar'),
    limits,
  };
}

/**
 * Writes the stage config's seed, once: each entry only where none is (so a seeding that two
 * changes start at once, or one cut short, ends the same), then the `META` marker that makes
 * the table the directory. Later deploys never come here again.
 */
export async function seedTable(tableName: string, stageConfig: StageConfig, at: Date): Promise<void> {
  const { Item: meta } = await dynamo().get({ TableName: tableName, Key: keys.directoryMeta(), ConsistentRead: true });
  if (meta) return;
  const items = [...entriesOf(seedDirectory(stageConfig)).map(itemOf), { ...keys.directoryMeta(), type: itemType('meta'), seededAt: at.toISOString() }];
  const put = (Item: Record<string, unknown>) => ({ Put: { TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } });
  // A hundred items per transaction, the marker in the last; a chunk another seeding (or one cut
  // short) partly wrote is put item by item, each only where none is.
  for (let i = 0; i < items.length; i += 100) {
    const chunk = items.slice(i, i + 100);
    if (await ifCondition(dynamo().transactWrite({ TransactItems: chunk.map(put) }))) continue;
    for (const Item of chunk) await ifCondition(dynamo().put(put(Item).Put));
  }
}

export interface CommittedChange {
  readonly entity: EntityName;
  readonly before?: DirectoryEntry;
  readonly after?: DirectoryEntry;
}

export class StaleEntryError extends Error {
  override readonly name = 'StaleEntryError';
}

/**
 * One change in one transaction: the entry (put only over the version read, or created only
 * where none is; deleted only at the version read), its audit entry and its hand-off to
 * `directory-changes`. A failed condition is a concurrent edit: StaleEntryError (409).
 */
export async function commitChange(tableName: string, change: CommittedChange, audit: Omit<AuditEntry, 'id'>, message: DirectoryChangeMessage, at: Date): Promise<void> {
  await commitChanges(tableName, [{ change, audit }], message, at);
}

/**
 * Several changes in one transaction (a year's calendar imported), each with its audit entry,
 * and one hand-off: at most 49 changes (DynamoDB's 100 items a transaction).
 */
export async function commitChanges(
  tableName: string,
  changes: readonly { readonly change: CommittedChange; readonly audit: Omit<AuditEntry, 'id'> }[],
  message: DirectoryChangeMessage,
  at: Date,
): Promise<void> {
  const writes = changes.flatMap(({ change, audit }) => [entryWrite(tableName, change), auditPut(tableName, audit)]);
  try {
    await dynamo().transactWrite({ TransactItems: [...writes, directoryChangePut(tableName, message, at)] });
  } catch (error) {
    if (conditionFailed(error)) throw new StaleEntryError('The entry was changed meanwhile: read it again.');
    throw error;
  }
}

function entryWrite(tableName: string, { before, after }: CommittedChange): TransactionItem {
  return after
    ? {
        Put: {
          TableName: tableName,
          Item: itemOf(after),
          ...(before
            ? { ConditionExpression: 'version = :seen', ExpressionAttributeValues: { ':seen': before.value.version } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      }
    : {
        Delete: {
          TableName: tableName,
          Key: keyOf(before!),
          ConditionExpression: 'version = :seen',
          ExpressionAttributeValues: { ':seen': before!.value.version },
        },
      };
}
