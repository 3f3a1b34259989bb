import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../../shared/adapters/aws-clients';
import { systemUrls } from './system';

/** A string no other test uses: put it in what you submit, then look for it. */
export const uniqueMarker = (): string => `m${randomUUID().replaceAll('-', '').slice(0, 12)}`;

/** A valid complaint whose personal data carries `marker`. */
export function complaintBody(marker: string, overrides: Record<string, unknown> = {}) {
  return {
    kind: 'complaint',
    category: 'service-quality',
    subject: { type: 'url', value: 'https://shop.example.cn/orders' },
    description: `订单页面显示的价格与结算价格不一致 ${marker}`,
    request: '请更正价格并退还差价',
    contact: { name: `张三${marker}`, email: `${marker}@example.com`, phone: '+86 138 0013 8000' },
    language: 'zh-CN',
    ...overrides,
  };
}

/**
 * Every stored item that mentions `marker` anywhere. A Scan, which the system itself
 * never does: test tooling only, to prove that refused input stored nothing.
 */
export async function itemsMentioning(marker: string): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(new ScanCommand({ TableName: systemUrls().tableName, ExclusiveStartKey: start }));
    found.push(...(page.Items ?? []).filter((item) => JSON.stringify(item).includes(marker)));
    start = page.LastEvaluatedKey;
  } while (start);
  return found;
}
