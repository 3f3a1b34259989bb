import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { runsAs } from '../shared/adapters/invocation';
import { stepLogging } from '../shared/adapters/logger';
import { runtimeSettings } from '../shared/config/runtime';
import { sweepDueCases } from '../shared/workflow/sla-sweep';

/** Schedule `sla-sweep` (every 5 minutes): hand the cases whose ladder step is due to `escalate`. */
export const handler = runsAs(
  'sla-sweep',
  middy(async (event: ScheduledEvent) => sweepDueCases(runtimeSettings().tableName, new Date(event.time))).use(
    stepLogging('sla-sweep'),
  ),
);
