import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { ScheduledEvent } from 'aws-lambda';
import { logger } from '../shared/adapters/logger';
import { runtimeSettings } from '../shared/config/runtime';
import { relayOutbox } from '../shared/workflow/relay-outbox';

/** Schedule `outbox-relay` (every minute): deliver hand-offs that a crash left behind. */
logger.appendPersistentKeys({ step: 'outbox-relay' });
export const handler = middy(async (event: ScheduledEvent) => relayOutbox(runtimeSettings().tableName, new Date(event.time))).use(
  injectLambdaContext(logger),
);
