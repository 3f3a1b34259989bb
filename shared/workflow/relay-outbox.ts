import { dueHandoffs, handOff, type QueueUrls, recordRelayAttempt } from '../adapters/handoff';
import { logger } from '../adapters/logger';

/**
 * Per run; a longer backlog drains over the following runs. After a mail outage every
 * notice decided during it is due at once (10,000 cases leave about 30,000): a thousand a
 * minute heals that within the relay's 2-hour pause, where a hundred took five hours.
 */
export const relayBatchLimit = 1000;
/** Hand-offs sent (and recorded) at once: a thousand one after another would not fit the function's 30 s. */
const relayConcurrency = 25;

/**
 * Sends again every hand-off whose outbox entry outlived its grace period: the write
 * happened, the message did not arrive (or its consumer has not confirmed it yet).
 */
export async function relayOutbox(settings: { tableName: string; queueUrls: QueueUrls }, now: Date): Promise<{ relayed: number; givenUp: number }> {
  const { tableName } = settings;
  const due = await dueHandoffs(tableName, now, relayBatchLimit);
  let givenUp = 0;
  let failed = 0;
  const relayOne = async (handoff: (typeof due)[number]) => {
    try {
      await handOff(settings.queueUrls, handoff);
    } catch (error) {
      // One send that fails must not hold back the entries behind it; this one stays due.
      failed += 1;
      logger.warn('Relay send failed; the entry stays due for the next run', { caseNumber: handoff.caseNumber, queue: handoff.queue, errorName: (error as Error).name });
      return;
    }
    if ((await recordRelayAttempt(tableName, handoff, now)) === 'given-up') {
      givenUp += 1;
      logger.error('Hand-off still unconfirmed after the last relay attempt; check the DLQ', {
        caseNumber: handoff.caseNumber,
        queue: handoff.queue,
      });
    }
  };
  for (let i = 0; i < due.length; i += relayConcurrency) await Promise.all(due.slice(i, i + relayConcurrency).map(relayOne));
  if (due.length > 0) logger.info('Outbox relayed', { relayed: due.length - failed, failed, givenUp });
  return { relayed: due.length - failed, givenUp };
}
