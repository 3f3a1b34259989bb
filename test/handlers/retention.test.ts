/**
 * Retention (issue 13 item 4): a closed case, its evidence file and its personal data are
 * erased when the stage's `retention.closedCaseMonths` after closing have passed, by the
 * `retention` schedule at that event time (a clock jump); an open case and every item
 * outside the erased case's partition stay.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { handler as retentionSweep } from '../../functions/retention-sweep';
import { dynamo, s3 } from '../../shared/adapters/aws-clients';
import { objectKeys } from '../../shared/adapters/evidence-bucket';
import { closedIndex, complainantKeyPrefix, keys } from '../../shared/adapters/keys';
import { runtimeSettings } from '../../shared/config/runtime';
import type { RetentionSweepResult } from '../../shared/workflow/retention-sweep';
import { complaintBody, uniqueMarker } from '../support/cases';
import { lambdaContext, scheduledEvent } from '../support/events';
import { objectExists, pdf, postFile, startUploadAt } from '../support/uploads';
import { caseItem, isolatedWorkflow, partition, settle, submit } from './workflow-harness';

const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const sweep = async (time: Date) => (await retentionSweep(scheduledEvent(time), lambdaContext('retention-sweep', 60_000))) as RetentionSweepResult;
const marker = uniqueMarker();
let closed: string;
let open: string;
let uploadId: string;
let closedAt: Date;

async function everyItem(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(new ScanCommand({ TableName: runtimeSettings().tableName, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

beforeAll(async () => {
  await isolatedWorkflow({ complaint: 'RT', report: 'RR' });
  const receivedAt = at('2026-11-23 10:00');
  const created = await startUploadAt(receivedAt, 'screenshot.pdf', 'application/pdf', pdf.length);
  expect(await postFile(created, pdf, 'application/pdf')).toBe(204);
  uploadId = created.uploadId;
  // A simple inquiry: answered and closed by review at once.
  closed = await submit(complaintBody(marker, { category: 'other', description: `请问你们的人工服务时间是什么时候？${marker}`, evidence: [{ uploadId }] }), receivedAt);
  open = await submit(complaintBody(`${marker}o`, { subject: { type: 'account', value: `open-${marker}` } }), receivedAt);
  await settle(new Date(receivedAt.getTime() + 60_000));
  const item = await caseItem(closed);
  expect(item).toMatchObject({ status: 'closed', closeReason: 'resolved' });
  closedAt = new Date(String(item.closedAt));
  expect(item.gsi1pk).toBe(closedIndex.partition(String(item.closedAt), closed));
  expect(await caseItem(open)).toMatchObject({ status: 'assigned' });
});

describe('retention: closed cases go when their retention ends, statistics and open cases stay', () => {
  it('keeps everything until the stage retention after closing has passed', async () => {
    const before = await partition(closed);
    const result = await sweep(new Date(closedAt.getTime() + 364 * 86_400_000)); // 12 months less a day (2026-11 → 2027-11)
    expect(result.erased).toBe(0);
    expect(await partition(closed)).toHaveLength(before.length);
    expect(await objectExists(objectKeys.accepted(uploadId))).toBe(true);
  });

  it('erases the case, its contact, its file and its upload record once 12 months have passed; nothing else changes', async () => {
    const caseKey = keys.case(closed).pk;
    expect((await partition(closed)).map((i) => String(i.sk))).toEqual(expect.arrayContaining(['CASE', 'CASE#SUBMISSION', 'PII#CONTACT']));
    // The case's entry in its complainant's index goes with it (an erasure request no longer finds it).
    const indexEntry = (i: Record<string, unknown>) => String(i.pk).startsWith(complainantKeyPrefix) && i.sk === caseKey;
    const before = await everyItem();
    expect(before.filter(indexEntry)).toHaveLength(1);
    const others = before.filter((i) => i.pk !== caseKey && i.pk !== keys.upload(uploadId).pk && !indexEntry(i));
    expect(others.some((i) => i.pk === keys.case(open).pk)).toBe(true);
    // The month's and week's statistics of both cases are among them.
    expect(others.filter((i) => String(i.pk).startsWith('STATS#')).length).toBeGreaterThan(0);

    const result = await sweep(new Date(closedAt.getTime() + 366 * 86_400_000));
    expect(result).toMatchObject({ due: 1, erased: 1 });
    expect(await partition(closed)).toEqual([]);
    expect(await objectExists(objectKeys.accepted(uploadId))).toBe(false);
    expect(await objectExists(objectKeys.quarantined(uploadId))).toBe(false);
    const after = await everyItem();
    expect(after.filter((i) => i.pk === keys.upload(uploadId).pk)).toEqual([]);
    expect(after.filter(indexEntry)).toEqual([]);
    // Every item outside the erased case (the open case, counters, statistics) is unchanged.
    expect(after.filter((i) => i.pk !== caseKey)).toEqual(expect.arrayContaining(others));
    expect(after.filter((i) => i.pk !== caseKey)).toHaveLength(others.length);
    expect(await caseItem(open)).toMatchObject({ status: 'assigned' });

    expect(await sweep(new Date(closedAt.getTime() + 367 * 86_400_000))).toMatchObject({ erased: 0 });
  });
});

describe('retention: personal data first, and a sweep that stops half-way is finished by the next', () => {
  it('fault injected: the file deletion fails; the contact is already gone, the case stays in the closed index, the next run erases the rest', async () => {
    const receivedAt = at('2026-11-24 10:00');
    const created = await startUploadAt(receivedAt, 'photo.pdf', 'application/pdf', pdf.length);
    expect(await postFile(created, pdf, 'application/pdf')).toBe(204);
    const n = await submit(complaintBody(`${marker}f`, { category: 'other', description: `请问你们的人工服务时间是什么时候？${marker}f`, evidence: [{ uploadId: created.uploadId }] }), receivedAt);
    await settle(new Date(receivedAt.getTime() + 60_000));
    const closedAtF = new Date(String((await caseItem(n)).closedAt));
    const when = new Date(closedAtF.getTime() + 366 * 86_400_000);

    const client = s3();
    const fail = vi.spyOn(client, 'deleteObject').mockRejectedValue(Object.assign(new Error('injected: S3 unavailable'), { name: 'ServiceUnavailable' }));
    await expect(sweep(when)).rejects.toThrow(/injected/);
    fail.mockRestore();
    const left = (await partition(n)).map((i) => String(i.sk));
    expect(left).not.toContain('PII#CONTACT');
    expect(left).toEqual(expect.arrayContaining(['CASE', 'CASE#SUBMISSION']));

    expect(await sweep(when)).toMatchObject({ erased: 1 });
    expect(await partition(n)).toEqual([]);
    expect(await objectExists(objectKeys.accepted(created.uploadId))).toBe(false);
  });
});
