/**
 * Conflicts and throttling that DynamoDB Local never makes, injected on purpose into the
 * handlers' DynamoDB client (local/fault-injection.ts `DynamoFaultInjector`): every step
 * still does its work on the first delivery, because every call retries them
 * (shared/adapters/write-retry.ts), and nothing is written twice.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addClientMiddleware } from '../../shared/adapters/aws-clients';
import { DynamoFaultInjector } from '../../local/fault-injection';
import { complaintBody, uniqueMarker } from '../support/cases';
import { caseItem, deliver, isolatedWorkflow, noticesOf, submit } from './workflow-harness';

const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const minutesAfter = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

let injector: DynamoFaultInjector;
beforeAll(async () => {
  await isolatedWorkflow({ complaint: 'DF', report: 'DR' });
  injector = new DynamoFaultInjector({ conflictRate: 0.25, throttleRate: 0.15, seed: 20261207 }).install(addClientMiddleware);
});
afterAll(() => injector.stop());

/** Every step queue until all are empty, counting the records that failed (none may). */
async function settleCountingFailures(sentAt: Date): Promise<number> {
  let failed = 0;
  for (let round = 0; round < 20; round++) {
    let handled = 0;
    for (const queue of ['review', 'classify', 'assign', 'notify', 'escalate']) {
      const result = await deliver(queue, sentAt);
      handled += result.bodies.length;
      failed += result.failed;
    }
    if (handled === 0) return failed;
  }
  throw new Error('The workflow did not settle in 20 rounds');
}

it('every step of a hot cluster survives transaction conflicts and throttling on the first delivery (injected fault)', async () => {
  const marker = uniqueMarker();
  const receivedAt = at('2026-11-23 14:00');
  const subject = { type: 'url', value: `https://conflict-${marker}.example.cn/page` };
  const cases: string[] = [];
  let failed = 0;
  for (const [i, who] of ['a', 'b', 'c', 'd'].entries()) {
    cases.push(await submit(complaintBody(`${marker}${who}`, { subject }), minutesAfter(receivedAt, i)));
    failed += await settleCountingFailures(minutesAfter(receivedAt, i + 1));
  }
  expect(injector.stats.conflicts).toBeGreaterThan(5);
  expect(injector.stats.throttles).toBeGreaterThan(5);
  expect(failed).toBe(0);
  for (const n of cases) expect(await caseItem(n)).toMatchObject({ priority: 'hot', assignee: expect.any(String) });
  // Leadership told once for the cluster (by the third case, which turned it hot), not once per member.
  const leadership = (await Promise.all(cases.map(noticesOf))).flat().filter((x) => x.audience === 'leadership');
  expect(leadership.map((x) => `${String(x.caseNumber)} ${String(x.topic)} ${String(x.state)}`)).toEqual([`${cases[2]} cluster-hot sent`]);
});
