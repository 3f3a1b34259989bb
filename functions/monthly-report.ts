import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { runsAs } from '../shared/adapters/invocation';
import { stepLogging } from '../shared/adapters/logger';
import { runtimeSettings } from '../shared/config/runtime';
import { runPeriodReport } from '../shared/workflow/build-report';

/** Schedule `monthly-report`: the report of the last complete month, stored and mailed once to the management group (统计分析). */
export const handler = runsAs(
  'monthly-report',
  middy(async (event: ScheduledEvent) => runPeriodReport(runtimeSettings(), 'month', new Date(event.time))).use(stepLogging('monthly-report')),
);
