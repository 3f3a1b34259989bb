import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { runsAs } from '../shared/adapters/invocation';
import { stepLogging } from '../shared/adapters/logger';
import { runtimeSettings } from '../shared/config/runtime';
import { sweepRetention } from '../shared/workflow/retention-sweep';

/** Schedule `retention` (daily): erase the cases whose retention after closing has ended, personal data first. */
export const handler = runsAs(
  'retention-sweep',
  middy(async (event: ScheduledEvent) => sweepRetention(runtimeSettings(), new Date(event.time))).use(stepLogging('retention-sweep')),
);
