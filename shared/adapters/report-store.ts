import { dynamo } from './aws-clients';
import { ifCondition } from './conditions';
import { keys } from './keys';

/**
 * Stored reports (统计分析), one item per period in the table: the report as JSON (api.md's
 * shape), the mail's HTML document with its charts and the CSV, all from aggregates only,
 * so no personal data; a few tens of KB, far below the 400 KB item limit. The item also
 * records the mail to the management group: once per period, with a short lease like the
 * notice ledger's (a sender that crashed mid-way leaves a lease that runs out).
 */
export interface StoredReport {
  readonly period: string;
  readonly generatedAt: string;
  readonly json: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly csv: string;
  readonly mailedAt?: string;
}

export const reportMailLeaseSeconds = 120;

export async function readReport(tableName: string, period: string): Promise<StoredReport | undefined> {
  const result = await dynamo().get({ TableName: tableName, Key: keys.report(period), ConsistentRead: true });
  if (!result.Item) return undefined;
  const { pk: _pk, sk: _sk, type: _type, mailLeaseUntil: _lease, ...report } = result.Item;
  return report as StoredReport;
}

/** Stores the report of a period unless one is stored already (the first one stays: what was mailed is what is served). */
export async function storeReport(tableName: string, report: StoredReport): Promise<StoredReport> {
  const stored = await ifCondition(
    dynamo().put({ TableName: tableName, Item: { ...keys.report(report.period), type: 'report', ...report }, ConditionExpression: 'attribute_not_exists(pk)' }),
  );
  return stored ? report : (await readReport(tableName, report.period))!;
}

/** Takes the right to mail the period's report: not mailed yet, and nobody else sending it now. */
export async function claimReportMail(tableName: string, period: string): Promise<boolean> {
  const now = Date.now();
  return ifCondition(
    dynamo().update({
      TableName: tableName,
      Key: keys.report(period),
      UpdateExpression: 'SET mailLeaseUntil = :lease',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(mailedAt) AND (attribute_not_exists(mailLeaseUntil) OR mailLeaseUntil < :now)',
      ExpressionAttributeValues: { ':now': now, ':lease': now + reportMailLeaseSeconds * 1000 },
    }),
  );
}

export async function reportMailed(tableName: string, period: string, at: Date): Promise<void> {
  await dynamo().update({ TableName: tableName, Key: keys.report(period), UpdateExpression: 'SET mailedAt = :at REMOVE mailLeaseUntil', ExpressionAttributeValues: { ':at': at.toISOString() } });
}
