import { dueHandoffs, handOff, type QueueUrls, recordRelayAttempt } from '../adapters/handoff';
import { logger } from '../adapters/logger';

/** Per run; a longer backlog drains over the following runs. */
const batchLimit = 100;

/**
 * Sends again every hand-off whose outbox entry outlived its grace period: the write
 * happened, the message did not arrive (or its consumer has not confirmed it yet).
 */
export async function relayOutbox(settings: { tableName: string; queueUrls: QueueUrls }, now: Date): Promise<{ relayed: number; givenUp: number }> {
  const { tableName } = settings;
  const due = await dueHandoffs(tableName, now, batchLimit);
  let givenUp = 0;
  let failed = 0;
  for (const handoff of due) {
    try {
      await handOff(settings.queueUrls, handoff);
    } catch (error) {
      // One send that fails must not hold back the entries behind it; this one stays due.
      failed += 1;
      logger.warn('Relay send failed; the entry stays due for the next run', { caseNumber: handoff.caseNumber, queue: handoff.queue, errorName: (error as Error).name });
      continue;
    }
    if ((await recordRelayAttempt(tableName, handoff, now)) === 'given-up') {
      givenUp += 1;
      logger.error('Hand-off still unconfirmed after the last relay attempt; check the DLQ', {
        caseNumber: handoff.caseNumber,
        queue: handoff.queue,
      });
    }
  }
  if (due.length > 0) logger.info('Outbox relayed', { relayed: due.length - failed, failed, givenUp });
  return { relayed: due.length - failed, givenUp };
}
