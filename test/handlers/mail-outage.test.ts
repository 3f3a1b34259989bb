/**
 * Issue 20 Deliver 4: a mail outage does not churn the queue. While SES answers 503 (fault
 * injected on purpose: an SES client middleware, as the soak's MailOutage), `send-notice`
 * gives each notice back (still pending, its outbox entry kept) and the delivery SUCCEEDS:
 * no redelivery every visibility timeout, no lease left for the next copy to stumble on,
 * nothing in the DLQ. The outbox relay's backoff sends each notice once SES is back.
 */
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ses, sqs } from '../../shared/adapters/aws-clients';
import { runtimeSettings } from '../../shared/config/runtime';
import { providerDownPauseMs } from '../../shared/workflow/send-notice';
import { relayOutbox } from '../../shared/workflow/relay-outbox';
import { complaintBody, uniqueMarker } from '../support/cases';
import { mailsTo } from '../support/system';
import { deliver, isolatedWorkflow, noticesOf, outboxOf, submit, type Isolated } from './workflow-harness';

const markers = [uniqueMarker(), uniqueMarker(), uniqueMarker()];
const minute = 60_000;
const receivedAt = new Date('2026-11-24T10:00:00+08:00');
const at = (minutes: number) => new Date(receivedAt.getTime() + minutes * minute);
let env: Isolated;
let down = true;
let refused = 0;

beforeAll(async () => {
  env = await isolatedWorkflow({ complaint: 'MO', report: 'MP' });
  ses().middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'SendEmailCommand' && down) {
        refused += 1;
        throw Object.assign(new Error('Service unavailable (mail outage injected on purpose)'), { name: 'ServiceUnavailable', $fault: 'server', $metadata: { httpStatusCode: 503 } });
      }
      return next(args);
    },
    { step: 'initialize', name: 'outageOnPurpose' },
  );
});
afterAll(() => {
  ses().middlewareStack.remove('outageOnPurpose');
});

async function deadLetters(): Promise<number> {
  const { Attributes } = await sqs().send(new GetQueueAttributesCommand({ QueueUrl: env.dlqUrls.notify!, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  return Number(Attributes?.ApproximateNumberOfMessages) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible);
}

describe('an SES outage (503, fault injected on purpose)', () => {
  it('the delivery succeeds and leaves each notice pending for the relay (no queue retries, no DLQ); the relay sends each once SES is back', async () => {
    const cases = await Promise.all(markers.map((marker, i) => submit(complaintBody(marker), at(i / 10))));
    await deliver('review', at(1)); // each receipt's hand-off to notify goes out with the review's

    const during = await deliver('notify', at(1));
    expect(during.bodies.length).toBeGreaterThanOrEqual(cases.length);
    expect(during.failed).toBe(0);
    expect(refused).toBeGreaterThan(0);
    for (const caseNumber of cases) {
      const notices = await noticesOf(caseNumber);
      expect(notices.map((n) => n.state)).toEqual(notices.map(() => 'pending'));
      for (const notice of notices) expect(notice).not.toHaveProperty('leaseUntil');
      expect((await outboxOf(caseNumber)).filter((o) => o.queue === 'notify')).toHaveLength(notices.length);
    }

    // The relay's first send, past the grace period, while SES is still down: the breaker
    // (the provider answered 503 a moment ago) leaves them pending without asking SES again.
    const refusedBefore = refused;
    expect((await relayOutbox(runtimeSettings(), at(7))).relayed).toBeGreaterThanOrEqual(cases.length);
    expect((await deliver('notify', at(7))).failed).toBe(0);
    expect(refused).toBe(refusedBefore);

    down = false;
    await new Promise((resolve) => setTimeout(resolve, providerDownPauseMs + 200));
    // The relay's next send of each, after its backoff pause (10 minutes after the first).
    await relayOutbox(runtimeSettings(), at(18));
    expect((await deliver('notify', at(18))).failed).toBe(0);

    for (const [i, caseNumber] of cases.entries()) {
      const notices = await noticesOf(caseNumber);
      expect(notices.map((n) => n.state)).toEqual(notices.map(() => 'sent'));
      expect((await outboxOf(caseNumber)).filter((o) => o.queue === 'notify')).toEqual([]);
      expect((await mailsTo(`${markers[i]}@example.com`)).filter((m) => m.subject.includes(caseNumber))).toHaveLength(1);
    }
    expect(await deadLetters()).toBe(0);
  });
});
