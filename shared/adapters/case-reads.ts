import { deadlineRecord } from '../domain/deadline-kinds';
import { dynamo, queryAll } from './aws-clients';
import { type StoredCase, stateAndSubmission, toStored } from './case-items';
import { pendingFieldNames } from './handoff';
import { contactItemSchema, type ContactItem, historyItemSchema, type HistoryItem, materialItemSchema, type MaterialItem, parseItem, type StateItem, withoutFields } from './item-schemas';
import { caseItemsRange, caseWithHistoryRange, isHistoryKey, keys, materialPrefix, noticesPrefix } from './keys';

/**
 * Reads of a case's partition: the case as the workflow decides on it, its contact, its
 * history (status page, staff view), the notices already decided, and the whole record
 * (a data-subject access request's export).
 */

/** The case (state and submission items) in one strongly consistent Query of its partition. */
export async function loadCase(tableName: string, caseNumber: string): Promise<StoredCase | undefined> {
  const result = await dynamo().query({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.case(caseNumber).pk, ':from': caseItemsRange.from, ':to': caseItemsRange.to },
    ConsistentRead: true,
  });
  const found = stateAndSubmission(result.Items ?? []);
  return found && toStored(found.state, found.submission);
}

/** The complainant's contact item (personal data): read only to mail them or key them. */
export async function loadContact(tableName: string, caseNumber: string): Promise<ContactItem | undefined> {
  const result = await dynamo().get({ TableName: tableName, Key: keys.contact(caseNumber), ConsistentRead: true });
  return result.Item ? parseItem(contactItemSchema, result.Item, 'contact') : undefined;
}

/** What the status page shows: the case's public facts and its history, in one Query. */
export interface StatusRecord {
  readonly state: StateItem;
  readonly tokenHash: string;
  readonly resubmissionTokenHashes?: readonly string[];
  /** Named deadlines not yet met (name → instant). */
  readonly deadlines: Readonly<Record<string, string>>;
  readonly history: readonly HistoryItem[];
}

export async function readCaseWithHistory(tableName: string, caseNumber: string): Promise<StatusRecord | undefined> {
  const found = await queryCaseWithHistory(tableName, caseNumber);
  if (!found) return undefined;
  const { tokenHash, resubmissionTokenHashes } = found.submission;
  return { state: found.state, tokenHash, ...(resubmissionTokenHashes ? { resubmissionTokenHashes } : {}), deadlines: deadlineRecord(found.state.deadlines), history: found.history };
}

/** The case and its whole history (the staff case view), in the status page's one Query. */
export async function loadCaseWithHistory(tableName: string, caseNumber: string): Promise<{ stored: StoredCase; history: HistoryItem[] } | undefined> {
  const found = await queryCaseWithHistory(tableName, caseNumber);
  return found && { stored: toStored(found.state, found.submission), history: found.history };
}

async function queryCaseWithHistory(tableName: string, caseNumber: string) {
  const history: HistoryItem[] = [];
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().query({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': keys.case(caseNumber).pk, ':from': caseWithHistoryRange.from, ':to': caseWithHistoryRange.to },
      ConsistentRead: true,
      ExclusiveStartKey: start,
    });
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const found = stateAndSubmission(items);
  if (!found) return undefined;
  for (const item of items) if (isHistoryKey(String(item.sk))) history.push(parseItem(historyItemSchema, item, 'history'));
  return { ...found, history };
}

/** Keys of the notices already decided for a case (the ledger the escalation rules read). */
export async function decidedNoticeKeys(tableName: string, caseNumber: string): Promise<Set<string>> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :notice)',
    ExpressionAttributeValues: { ':pk': keys.case(caseNumber).pk, ':notice': noticesPrefix },
    ProjectionExpression: 'noticeKey',
    ConsistentRead: true,
  });
  return new Set(items.map((item) => String(item.noticeKey)));
}

/** Everything a case's partition holds that is about the case (a data-subject access request's export). */
export interface CaseRecordItems {
  readonly stored: StoredCase;
  readonly history: readonly HistoryItem[];
  readonly contact?: ContactItem;
  readonly material: readonly MaterialItem[];
  /** The notice items without their keys and hand-off bookkeeping. */
  readonly notices: readonly Record<string, unknown>[];
}

/** Every item of a case's partition in one strongly consistent Query, sorted into its parts. */
export async function loadCaseRecord(tableName: string, caseNumber: string): Promise<CaseRecordItems | undefined> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.case(caseNumber).pk },
    ConsistentRead: true,
  });
  const found = stateAndSubmission(items);
  if (!found) return undefined;
  const sk = (item: Record<string, unknown>) => String(item.sk);
  const contact = items.find((item) => sk(item) === keys.contact(caseNumber).sk);
  return {
    stored: toStored(found.state, found.submission),
    history: items.filter((item) => isHistoryKey(sk(item))).map((item) => parseItem(historyItemSchema, item, 'history')),
    ...(contact ? { contact: parseItem(contactItemSchema, contact, 'contact') } : {}),
    material: items.filter((item) => sk(item).startsWith(materialPrefix)).map((item) => parseItem(materialItemSchema, item, 'material')),
    notices: items
      .filter((item) => sk(item).startsWith(noticesPrefix))
      .map((item) => withoutFields(item, ['pk', 'sk', 'type', 'leaseUntil', ...pendingFieldNames])),
  };
}
