import { dynamo, type TransactionItem } from './aws-clients';
import { materialItemSchema, type MaterialItem, parseItem } from './item-schemas';
import { keys, materialPrefix } from './keys';

/** What the complainant added after intake, as the change that brings it stores it (no key, no item kind). */
export type ComplainantMaterial = Omit<MaterialItem, 'caseNumber'>;

/** The material item of a change, for its transaction (`CaseChange.alsoWrite`): written once, never updated. */
export function materialWrite(tableName: string, caseNumber: string, material: ComplainantMaterial): TransactionItem {
  return {
    Put: {
      TableName: tableName,
      Item: { ...keys.material(caseNumber, material.at, material.kind), type: 'material', caseNumber, ...material },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Everything the complainant added to a case, oldest first (the staff case view reads it). */
export async function loadMaterial(tableName: string, caseNumber: string): Promise<MaterialItem[]> {
  const result = await dynamo().query({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :material)',
    ExpressionAttributeValues: { ':pk': keys.case(caseNumber).pk, ':material': materialPrefix },
    ConsistentRead: true,
  });
  return (result.Items ?? []).map((item) => parseItem(materialItemSchema, item, 'material'));
}
