/**
 * Each failure an alarm watches, caused on purpose on the local stack, moves the metric
 * that alarm reads (infra/alarms.ts; test/infra/alarms.test.ts ties alarms to the catalogue):
 * the EMF lines shared/adapters/metrics.ts writes for the catalogue metrics, and the local
 * stand-ins for AWS's own metrics - the gateway's 5xx count and the DLQ's depth and
 * oldest message in the SQS emulator.
 */
import { randomUUID } from 'node:crypto';
import { DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { metricNamespace, metricService, type MetricName } from '../../shared/adapters/metrics';
import { maxRelayAttempts } from '../../shared/adapters/handoff';
import { topology } from '../../shared/topology';
import { startHttpGateway, type HttpGateway } from '../../local/http-gateway';
import { LocalClock } from '../../local/local-clock';
import { quietLog } from '../../local/runtime-log';
import { complaintBody, uniqueMarker } from '../support/cases';
import { lambdaContext, scheduledEvent } from '../support/events';
import { sesEvent } from '../../local/ses-event';
import { localAccountId, localRegion, mailConfigurationSetFor } from '../../local/resource-names';
import { rejectMailTo } from '../support/mail-faults';

type Harness = typeof import('./workflow-harness');
let harness: Harness;
let env: Awaited<ReturnType<Harness['isolatedWorkflow']>>;
let emf: string[] = [];

beforeAll(async () => {
  // The local runtime turns metrics off (EMF is noise in a terminal); these tests read them,
  // so the handlers are loaded only after metrics are switched back on.
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  harness = await import('./workflow-harness');
  env = await harness.isolatedWorkflow({ complaint: 'AM', report: 'AN' });
  process.env.POWERTOOLS_METRICS_DISABLED = 'false'; // the system's environment, just applied, turns them off
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = String(chunk);
    if (text.includes('"_aws"')) emf.push(...text.split('\n').filter((line) => line.includes('"_aws"')));
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write);
});
afterEach(() => {
  emf = [];
});
afterAll(() => {
  vi.restoreAllMocks();
});

/** Sum of one catalogue metric under one step in the EMF lines written so far. */
function metricSum(name: MetricName, step: string): number {
  let sum = 0;
  for (const line of emf) {
    const doc = JSON.parse(line) as Record<string, unknown> & { _aws: { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string }[] }[] } };
    const declared = doc._aws.CloudWatchMetrics.some((m) => m.Namespace === metricNamespace && m.Metrics.some((x) => x.Name === name));
    if (!declared || doc.step !== step || doc.service !== metricService) continue;
    sum += [doc[name]].flat().reduce<number>((a, b) => a + Number(b), 0);
  }
  return sum;
}

/** Deletes every message waiting on a queue. */
async function drain(url: string): Promise<void> {
  const { sqs } = await import('../../shared/adapters/aws-clients');
  for (;;) {
    const { Messages = [] } = await sqs().send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (Messages.length === 0) return;
    for (const m of Messages) await sqs().send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle! }));
  }
}

const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const minutesAfter = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

describe('catalogue metrics (EMF lines)', () => {
  it('bad input on purpose: a malformed message counts one BatchItemFailures under the step that got it, for every queue', async () => {
    for (const queue of topology.queues) {
      const record = harness.toRecord(queue.name, { MessageId: randomUUID(), ReceiptHandle: 'r', Body: '{"type": "case-registered", ' });
      const response = await harness.invoke(queue.name, [record]);
      expect(response.batchItemFailures, queue.name).toHaveLength(1);
      expect(metricSum('BatchItemFailures', queue.consumer), queue.consumer).toBe(1);
    }
  });

  it('fault injected on purpose: SES rejects an address for good; MailsFailed counts each notice marked failed', async () => {
    const { ses } = await import('../../shared/adapters/aws-clients');
    const marker = uniqueMarker();
    const rejected = `${marker}-bounce@example.com`;
    const restore = rejectMailTo(ses(), rejected);
    try {
      const receivedAt = at('2026-11-25 11:00');
      await harness.submit(complaintBody(marker, { category: 'other', contact: { email: rejected }, description: `请问服务时间？${marker}` }), receivedAt);
      await harness.deliver('review', minutesAfter(receivedAt, 1));
      await harness.deliver('notify', minutesAfter(receivedAt, 2));
      // The receipt and the inquiry's answer, both to the rejected address.
      expect(metricSum('MailsFailed', 'send-notice')).toBe(2);
      expect(metricSum('BatchItemFailures', 'send-notice')).toBe(0);
    } finally {
      restore();
    }
  });

  it('SES reported a bounce (event fed as npm run mail-event does): AddressesSuppressed counts it, MailsSuppressed each mail not sent', async () => {
    const { handler: mailEvents } = await import('../../functions/mail-events');
    const marker = uniqueMarker();
    const bounced = `${marker}@example.com`;
    const receivedAt = at('2026-11-25 14:00');
    await mailEvents(sesEvent('bounce', bounced, receivedAt, mailConfigurationSetFor('local'), localRegion, localAccountId), lambdaContext('mail-events'));
    expect(metricSum('AddressesSuppressed', 'mail-events')).toBe(1);
    await harness.submit(complaintBody(marker, { category: 'other', contact: { email: bounced }, description: `请问服务时间？${marker}` }), receivedAt);
    await harness.deliver('review', minutesAfter(receivedAt, 1));
    await harness.deliver('notify', minutesAfter(receivedAt, 2));
    // The receipt and the inquiry's answer, both to the bounced address.
    expect(metricSum('MailsSuppressed', 'send-notice')).toBe(2);
    expect(metricSum('NoticesSent', 'send-notice')).toBe(0);
  });

  it('fault injected on purpose: escalations are never delivered; SweepLagSeconds grows with the wait, then CasesParked counts the case set aside', async () => {
    const { handler: slaSweep } = await import('../../functions/sla-sweep');
    const { resetRuntimeSettings } = await import('../../shared/config/runtime');
    const sweep = async (time: Date) => {
      emf = [];
      await slaSweep(scheduledEvent(time), lambdaContext('sla-sweep', 60_000));
      return { lag: metricSum('SweepLagSeconds', 'sla-sweep'), parked: metricSum('CasesParked', 'sla-sweep') };
    };
    const config = process.env.STAGE_CONFIG!;
    process.env.STAGE_CONFIG = JSON.stringify({ ...JSON.parse(config), escalation: { ...JSON.parse(config).escalation, parkAfterAttempts: 2 } });
    resetRuntimeSettings();
    try {
      // Monday 10:00, a level-1 complaint: its first-response reminder falls due at 13:12.
      const receivedAt = at('2026-11-30 10:00');
      await harness.submit(complaintBody(uniqueMarker()), receivedAt);
      for (const queue of ['review', 'classify', 'assign', 'notify']) await harness.deliver(queue, minutesAfter(receivedAt, 1));
      const due = at('2026-11-30 13:12');
      expect(await sweep(minutesAfter(due, -2))).toEqual({ lag: 0, parked: 0 });
      // The escalate step never runs (its queue is not delivered): the reminder waits.
      expect(await sweep(minutesAfter(due, 3))).toEqual({ lag: 180, parked: 0 });
      expect(await sweep(minutesAfter(due, 8))).toEqual({ lag: 480, parked: 0 });
      expect(await sweep(minutesAfter(due, 13))).toEqual({ lag: 0, parked: 1 });
    } finally {
      process.env.STAGE_CONFIG = config;
      resetRuntimeSettings();
      await drain(env.queueUrls.escalate!); // the DLQ test below counts on an empty escalate queue
    }
  });

  it('fault injected on purpose: no consumer ever confirms a hand-off; the relay gives up and counts HandoffsGivenUp', async () => {
    const { handler: relay } = await import('../../functions/outbox-relay');
    const receivedAt = at('2026-11-26 10:00');
    const caseNumber = await harness.submit(complaintBody(uniqueMarker()), receivedAt);
    const pending = (await harness.outboxOf(caseNumber)).length;
    expect(pending).toBeGreaterThan(0);
    // The queues' consumers are kept away: every relayed copy stays unconfirmed. Runs further
    // apart than the relay's longest pause (two hours) find every entry due again, until the
    // last attempt, 48 hours on (relayHealingSeconds).
    for (let run = 1; run <= maxRelayAttempts + 1; run++) {
      await relay({ time: new Date(receivedAt.getTime() + run * 3 * 3_600_000).toISOString() } as never, lambdaContext('outbox-relay', 30_000));
    }
    expect(metricSum('HandoffsGivenUp', 'outbox-relay')).toBe(pending);
  });

  it('issue 19 item 2: past the daily per-address cap a receipt is not sent and MailsCapped counts it', async () => {
    const marker = uniqueMarker();
    // Far after the other tests' instants: its open cases are never due in their sweeps.
    const receivedAt = at('2027-06-01 10:00');
    // The local stage's cap is 10 mails an address a day: the eleventh receipt is capped.
    for (let i = 0; i < 11; i++) {
      await harness.submit(complaintBody(marker, { subject: { type: 'account', value: `capped-${marker}-${i}` }, contact: { email: `${marker}@example.com` } }), receivedAt);
    }
    await harness.deliver('review', minutesAfter(receivedAt, 1));
    await harness.deliver('notify', minutesAfter(receivedAt, 2));
    // Mails other tests left in the queue may go out with these: only the capped count is exact.
    expect(metricSum('NoticesSent', 'send-notice')).toBeGreaterThanOrEqual(10);
    expect(metricSum('MailsCapped', 'send-notice')).toBe(1);
  });

  it('fault injected on purpose: SES is down (503) for an address; MailsDeferred counts the notice left to the relay, and the delivery does not fail', async () => {
    const { ses } = await import('../../shared/adapters/aws-clients');
    const { providerDownPauseMs } = await import('../../shared/workflow/send-notice');
    const marker = uniqueMarker();
    const address = `${marker}@example.com`;
    ses().middlewareStack.add(
      (next, context) => async (args) => {
        const to = (args.input as { Destination?: { ToAddresses?: string[] } }).Destination?.ToAddresses ?? [];
        if (context.commandName === 'SendEmailCommand' && to.includes(address)) {
          throw Object.assign(new Error('Service unavailable (fault injected on purpose)'), { name: 'ServiceUnavailable', $fault: 'server', $metadata: { httpStatusCode: 503 } });
        }
        return next(args);
      },
      { step: 'initialize', name: 'sesDownOnPurpose' },
    );
    try {
      const receivedAt = at('2027-07-01 10:00');
      await harness.submit(complaintBody(marker, { contact: { email: address } }), receivedAt);
      await harness.deliver('review', minutesAfter(receivedAt, 1));
      emf = [];
      await harness.deliver('notify', minutesAfter(receivedAt, 2));
      expect(metricSum('MailsDeferred', 'send-notice')).toBe(1);
      expect(metricSum('BatchItemFailures', 'send-notice')).toBe(0);
    } finally {
      ses().middlewareStack.remove('sesDownOnPurpose');
      // The container's breaker (no send for a moment after the provider was down) lets the later tests' mails go.
      await new Promise((resolve) => setTimeout(resolve, providerDownPauseMs + 100));
    }
  });
});

describe('AWS metrics, local stand-ins', () => {
  let gateway: HttpGateway | undefined;
  afterAll(async () => gateway?.close());

  it('fault injected on purpose: the table is missing; the gateway counts the 5xx answers the API 5xx alarm reads', async () => {
    const invoke = async (name: string, event: APIGatewayProxyEventV2) =>
      ((await import(`../../functions/${name}`)) as { handler: (e: unknown, c: unknown) => Promise<unknown> }).handler(event, lambdaContext(name));
    gateway = await startHttpGateway(
      { routes: topology.routes, fallbackHandler: topology.fallbackHandler, invoke, clock: new LocalClock(), accountId: '000000000000', log: quietLog },
      0,
      '127.0.0.1',
    );
    const { resetRuntimeSettings } = await import('../../shared/config/runtime');
    const tableName = process.env.TABLE_NAME;
    const lookup = () => fetch(`${gateway!.url}/complaints/TS20261126000001?token=${'a'.repeat(43)}`);
    const before = { ...gateway.stats };
    expect((await lookup()).status).toBeLessThan(500);
    expect(gateway.stats.serverErrors).toBe(before.serverErrors);

    process.env.TABLE_NAME = `missing-${randomUUID()}`;
    resetRuntimeSettings();
    try {
      expect((await lookup()).status).toBe(500);
    } finally {
      process.env.TABLE_NAME = tableName;
      resetRuntimeSettings();
    }
    expect(gateway.stats.serverErrors).toBe(before.serverErrors + 1);
  });

  it('bad input on purpose: a message that fails every delivery reaches the DLQ; its depth and oldest age move', async () => {
    const { sqs } = await import('../../shared/adapters/aws-clients');
    // The queue of a step no other test here feeds, so the DLQ holds only this message.
    const queue = 'escalate';
    const dlqUrl = env.dlqUrls[queue]!;
    const depth = async () =>
      Number((await sqs().send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['ApproximateNumberOfMessages'] }))).Attributes?.ApproximateNumberOfMessages);
    const oldestAgeSeconds = async () => {
      const { Messages = [] } = await sqs().send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0, AttributeNames: ['All'] }));
      const sent = Messages.map((m) => Number(m.Attributes?.SentTimestamp));
      return sent.length === 0 ? undefined : (Date.now() - Math.min(...sent)) / 1000;
    };
    expect(await depth()).toBe(0);
    expect(await oldestAgeSeconds()).toBeUndefined();

    await sqs().send(new SendMessageCommand({ QueueUrl: env.queueUrls[queue], MessageBody: 'not json at all' }));
    const maxReceiveCount = topology.queues.find((q) => q.name === queue)!.maxReceiveCount;
    for (let attempt = 0; attempt <= maxReceiveCount; attempt++) {
      const { Messages = [] } = await sqs().send(new ReceiveMessageCommand({ QueueUrl: env.queueUrls[queue], MaxNumberOfMessages: 10, VisibilityTimeout: 0, AttributeNames: ['All'] }));
      if (Messages.length === 0) break;
      const response = await harness.invoke(queue, Messages.map((m) => harness.toRecord(queue, m)));
      expect(response.batchItemFailures).toHaveLength(Messages.length); // never deleted: SQS counts the receive
    }
    expect(await depth()).toBe(1);
    const firstAge = (await oldestAgeSeconds())!;
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await oldestAgeSeconds())!).toBeGreaterThan(firstAge);
  });
});
