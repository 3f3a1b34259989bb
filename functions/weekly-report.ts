import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { runsAs } from '../shared/adapters/invocation';
import { stepLogging } from '../shared/adapters/logger';
import { runtimeSettings } from '../shared/config/runtime';
import { runPeriodReport } from '../shared/workflow/build-report';

/** Schedule `weekly-report`: the report of the last complete week, stored and mailed once to the management group (统计分析). */
export const handler = runsAs(
  'weekly-report',
  middy(async (event: ScheduledEvent) => runPeriodReport(runtimeSettings(), 'week', new Date(event.time))).use(stepLogging('weekly-report')),
);
