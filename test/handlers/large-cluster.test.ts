/**
 * A mass incident: many complainants about one subject within the window. Every member
 * ends hot, and no transaction grows with the cluster: the case that turns the cluster hot
 * marks it and hands one `cluster-hot` to classify, which raises the earlier members
 * outside any member's transaction (before, the k-th member's transaction raised every
 * earlier one, and past about 96 members exceeded DynamoDB's 100 actions).
 *
 * `LARGE_CLUSTER_MEMBERS` sets the size (default 120 in `npm test`; CI runs 1,000).
 */
import { beforeAll, expect, it } from 'vitest';
import { addClientMiddleware } from '../../shared/adapters/aws-clients';
import { complaintBody, uniqueMarker } from '../support/cases';
import { caseItem, isolatedWorkflow, settle, submit } from './workflow-harness';

const members = Number(process.env.LARGE_CLUSTER_MEMBERS ?? 120);
const receivedAt = new Date('2026-11-23T14:00:00+08:00');
/** Actions of every TransactWriteItems the handlers of this file make. */
const transactionSizes: number[] = [];

beforeAll(async () => {
  await isolatedWorkflow({ complaint: 'LK', report: 'LQ' });
  addClientMiddleware('dynamodb', 'transaction-sizes', (next, context) => async (args) => {
    if (context.commandName === 'TransactWriteItemsCommand') transactionSizes.push((args.input.TransactItems as unknown[]).length);
    return next(args);
  });
});

it(`every member of a ${members}-member cluster ends hot; no transaction grows with the cluster`, { timeout: Math.max(120_000, members * 1_500) }, async () => {
  const marker = uniqueMarker();
  const subject = { type: 'url', value: `https://incident-${marker}.example.cn/outage` };
  const cases: string[] = [];
  for (let i = 0; i < members; i += 10) {
    const at = new Date(receivedAt.getTime() + i * 1000);
    cases.push(...(await Promise.all(Array.from({ length: Math.min(10, members - i) }, (_, j) => submit(complaintBody(`${marker}x${i + j}`, { subject }), at)))));
    await settle(new Date(at.getTime() + 60_000));
  }
  await settle(new Date(receivedAt.getTime() + 3_600_000));
  const notHot: string[] = [];
  for (const n of cases) if ((await caseItem(n)).priority !== 'hot') notHot.push(n);
  expect(notHot).toEqual([]);
  expect(Math.max(...transactionSizes)).toBeLessThan(25);
});
