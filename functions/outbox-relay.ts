import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { runsAs } from '../shared/adapters/invocation';
import { stepLogging } from '../shared/adapters/logger';
import { emit, publishMetrics, stepMetrics } from '../shared/adapters/metrics';
import { runtimeSettings } from '../shared/config/runtime';
import { relayOutbox } from '../shared/workflow/relay-outbox';

const metrics = stepMetrics('outbox-relay');

/** Schedule `outbox-relay` (every minute): deliver hand-offs that a crash left behind. */
export const handler = runsAs(
  'outbox-relay',
  middy(async (event: ScheduledEvent) => {
    const result = await relayOutbox(runtimeSettings(), new Date(event.time));
    emit(metrics, 'HandoffsGivenUp', result.givenUp); // 0 too: the alarm sees a relay that runs
    return result;
  })
    .use(stepLogging('outbox-relay'))
    .use(publishMetrics(metrics)),
);
