/**
 * `npm run dlq -- list`                 every dead-letter queue with its message count
 * `npm run dlq -- list <queue>`         the messages in one (id, receive count, first 200 characters of the body)
 * `npm run dlq -- replay <queue>`       moves them back to <queue> for another try
 * `--stage <name>`                      a deployed stage instead of the running local system:
 *                                       queues `complaints-<stage>-<queue>-dlq`, found with
 *                                       GetQueueUrl under the usual AWS credentials and region
 * <queue> is the topology name (`review`); `review-dlq` or the full name work too.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { topology } from '../shared/topology';
import { exitWith, SystemNotRunningError } from './control-client';
import { countDeadLetters, peekDeadLetters, replayDeadLetters, resolveQueue } from './dead-letter';
import { localRegion } from './resource-names';

const usage = 'Usage: npm run dlq -- list [<queue>] | replay <queue>   [--stage <name>]';
const localSqsEndpoint = () => process.env.LOCAL_SQS_URL ?? 'http://127.0.0.1:9324';

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const args = process.argv.slice(2);
  const stageAt = args.indexOf('--stage');
  const stage = stageAt === -1 ? 'local' : args[stageAt + 1];
  const [command, queueArg, ...extra] = stageAt === -1 ? args : args.filter((_, i) => i !== stageAt && i !== stageAt + 1);
  if (!stage || extra.length > 0 || !(command === 'list' || (command === 'replay' && queueArg))) exitWith(new Error(usage));

  const local = stage === 'local';
  const sqs = local
    ? new SQSClient({ endpoint: localSqsEndpoint(), region: localRegion, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 })
    : new SQSClient({});
  const receive = { waitSeconds: local ? 0 : 2 };
  const queues = topology.queues.map((q) => q.name);
  try {
    if (command === 'list' && !queueArg) {
      const counts = await countDeadLetters(sqs, stage, queues);
      const width = Math.max(...counts.map((c) => c.dlqName.length));
      for (const c of counts) {
        const count = c.messages === undefined ? 'does not exist' : `${c.messages} message(s)${c.inFlight ? `, ${c.inFlight} being looked at` : ''}`;
        console.log(`${c.dlqName.padEnd(width)}  ${count}`);
      }
      return;
    }
    const queue = resolveQueue(queueArg!, stage, queues);
    if (command === 'list') {
      const messages = await peekDeadLetters(sqs, stage, queue, receive);
      if (messages.length === 0) console.log(`No messages in the DLQ of ${queue}.`);
      for (const m of messages) {
        console.log(`${m.messageId}  receives ${m.receiveCount}${m.sentAt ? `  sent ${m.sentAt}` : ''}\n  ${m.body.replace(/\s+/g, ' ')}`);
      }
      return;
    }
    const { moved, from, to } = await replayDeadLetters(sqs, stage, queue, receive);
    console.log(`Moved ${moved} message(s) from ${from} back to ${to}.`);
  } catch (error) {
    if (local && /ECONNREFUSED|fetch failed|connect/i.test(`${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? '')} ${(error as { code?: string }).code ?? ''}`)) {
      throw new SystemNotRunningError(`The local system is not running: no SQS emulator on ${localSqsEndpoint()}. Start it with \`npm start\`.`);
    }
    throw error;
  } finally {
    sqs.destroy();
  }
}

main().catch(exitWith);
