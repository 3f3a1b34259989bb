import middy from '@middy/core';
import * as z from 'zod/mini';
import { runsAs } from '../shared/adapters/invocation';
import { logger, stepLogging } from '../shared/adapters/logger';
import { emit, publishMetrics, stepMetrics } from '../shared/adapters/metrics';
import { suppressAddress } from '../shared/adapters/suppression-list';
import { runtimeSettings } from '../shared/config/runtime';
import { suppressionsOf } from '../shared/domain/mail-suppression';
import { sesMailEventSchema } from '../shared/schemas/mail-events';

const metrics = stepMetrics('mail-events');

/** SES bounce and complaint events (EventBridge): put the addresses on the suppression list. */
export const handler = runsAs(
  'mail-events',
  middy(async (event: unknown) => {
    const parsed = z.safeParse(sesMailEventSchema, event);
    // Thrown: EventBridge retries, then the function's Errors alarm tells the operator.
    if (!parsed.success) throw new Error(`Malformed SES event: ${parsed.error.issues.map((i) => i.path.join('.') || '(event)').join(', ')}`);
    const suppressions = suppressionsOf(parsed.data);
    for (const suppression of suppressions) await suppressAddress(runtimeSettings().tableName, suppression);
    // The reason only: the address is personal data (architecture.md property 9).
    logger.info('SES event handled', { eventType: parsed.data.detail.eventType, suppressed: suppressions.length, reasons: suppressions.map((s) => `${s.reason}:${s.detail}`) });
    emit(metrics, 'AddressesSuppressed', suppressions.length);
    return { suppressed: suppressions.length };
  })
    .use(stepLogging('mail-events'))
    .use(publishMetrics(metrics)),
);
