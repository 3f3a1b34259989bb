/**
 * At most `rateLimits.mailsPerRecipientPerDay` mails to one complainant address a day
 * (issue 9, Found 5; api.md "Errors"): past the cap the case is still registered with its
 * number, and its receipt is not sent (notice `skipped`, reason `recipient-cap`). The
 * counter holds a hash of the address, never the address, and expires.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../../shared/adapters/aws-clients';
import { resetRuntimeSettings } from '../../shared/config/runtime';
import { complaintBody, uniqueMarker } from '../support/cases';
import { mailsTo } from '../support/system';
import { caseItem, isolatedWorkflow, noticesOf, settle, submit, type Isolated } from './workflow-harness';

const cap = 2;
const marker = uniqueMarker();
const address = `${marker}@example.com`;
const receivedAt = new Date('2026-11-23T10:00:00+08:00');
let env: Isolated;
const cases: string[] = [];

beforeAll(async () => {
  env = await isolatedWorkflow({ complaint: 'CP', report: 'CQ' });
  const config = JSON.parse(process.env.STAGE_CONFIG!);
  process.env.STAGE_CONFIG = JSON.stringify({ ...config, rateLimits: { ...config.rateLimits, mailsPerRecipientPerDay: cap } });
  resetRuntimeSettings();
  for (let i = 0; i < cap + 2; i++) {
    // The same address, in another spelling the second time (one person, one counter).
    const email = i === 1 ? address.toUpperCase() : address;
    cases.push(await submit(complaintBody(marker, { subject: { type: 'account', value: `cap-${i}-${marker}` }, contact: { name: '张三', email } }), receivedAt));
  }
  await settle(new Date(receivedAt.getTime() + 60_000));
});

describe('the daily mail cap per recipient address', () => {
  it(`registers every case, and sends only ${cap} receipts to the address`, async () => {
    for (const n of cases) expect(await caseItem(n)).toMatchObject({ caseNumber: n, status: expect.any(String) });
    const receipts = await Promise.all(cases.map(async (n) => (await noticesOf(n)).find((notice) => notice.topic === 'receipt')));
    expect(receipts.map((r) => `${r?.state} ${r?.reason ?? ''}`.trim()).sort()).toEqual(['sent', 'sent', 'skipped recipient-cap', 'skipped recipient-cap']);
    const received = (await mailsTo(address)).concat(await mailsTo(address.toUpperCase()));
    expect(received.filter((m) => cases.some((n) => m.subject.includes(n)))).toHaveLength(cap);
  });

  it('keeps the count under a hash of the address, with an expiry', async () => {
    const items = (await dynamo().send(new ScanCommand({ TableName: env.tableName }))).Items ?? [];
    const counters = items.filter((item) => String(item.pk).startsWith('MAILCAP#'));
    expect(counters).toHaveLength(1);
    expect(counters[0]).toMatchObject({ sent: cap, expiresAt: expect.any(Number) });
    expect(JSON.stringify(counters).toLowerCase()).not.toContain(marker);
    expect(counters[0]!.expiresAt).toBeGreaterThan(receivedAt.getTime() / 1000);
  });
});
