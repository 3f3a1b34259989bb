import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { runsAs } from '../shared/adapters/invocation';
import { stepLogging } from '../shared/adapters/logger';
import { runtimeSettings } from '../shared/config/runtime';
import { relayOutbox } from '../shared/workflow/relay-outbox';

/** Schedule `outbox-relay` (every minute): deliver hand-offs that a crash left behind. */
export const handler = runsAs(
  'outbox-relay',
  middy(async (event: ScheduledEvent) => relayOutbox(runtimeSettings().tableName, new Date(event.time))).use(
    stepLogging('outbox-relay'),
  ),
);
