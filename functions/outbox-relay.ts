import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { stepLogging } from '../shared/adapters/logger';
import { runtimeSettings } from '../shared/config/runtime';
import { relayOutbox } from '../shared/workflow/relay-outbox';

/** Schedule `outbox-relay` (every minute): deliver hand-offs that a crash left behind. */
export const handler = middy(async (event: ScheduledEvent) => relayOutbox(runtimeSettings(), new Date(event.time))).use(
  stepLogging('outbox-relay'),
);
