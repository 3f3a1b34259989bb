import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../domain/audit';
import { monthsBetween } from '../domain/audit';
import { dynamo, queryAll, type TransactionItem } from './aws-clients';
import { auditRange, keys } from './keys';

/**
 * The audit history (domain/audit.ts): one item per admin action, in a partition per UTC
 * month, sorted by time. Entries are only ever put, never changed; they hold no personal
 * data (no email, name, phone or free text), so the retention sweep leaves them.
 */

/** An audit entry's put, to join the transaction of the change it records. */
export function auditPut(tableName: string, entry: Omit<AuditEntry, 'id'>): TransactionItem {
  const stored: AuditEntry = { id: randomUUID(), ...entry };
  return { Put: { TableName: tableName, Item: { ...keys.audit(stored.at, stored.id), type: 'audit', ...stored }, ConditionExpression: 'attribute_not_exists(pk)' } };
}

export async function recordAudit(tableName: string, entry: Omit<AuditEntry, 'id'>): Promise<void> {
  await dynamo().put(auditPut(tableName, entry).Put!);
}

/** The entries from `from` to `to` (inclusive), oldest first: one Query per month bucket. */
export async function readAudit(tableName: string, from: Date, to: Date): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for (const month of monthsBetween(from, to)) {
    const range = auditRange(month, from.toISOString(), to.toISOString());
    const items = await queryAll({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': range.pk, ':from': range.from, ':to': range.to },
    });
    for (const { pk: _pk, sk: _sk, type: _type, ...entry } of items) entries.push(entry as unknown as AuditEntry);
  }
  return entries;
}
