import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { stepLogging } from '../shared/adapters/logger';
import { runtimeSettings } from '../shared/config/runtime';
import { sweepDueCases } from '../shared/workflow/sla-sweep';

/** Schedule `sla-sweep` (every 5 minutes): hand the cases whose ladder step is due to `escalate`. */
export const handler = middy(async (event: ScheduledEvent) => sweepDueCases(runtimeSettings(), new Date(event.time))).use(
  stepLogging('sla-sweep'),
);
