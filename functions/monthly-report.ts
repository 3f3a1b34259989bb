import type { ScheduledEvent } from 'aws-lambda';
import { scheduledFunction } from '../shared/adapters/scheduled-function';
import { runtimeSettings } from '../shared/config/runtime';
import { runPeriodReport } from '../shared/workflow/build-report';

/** Schedule `monthly-report`: the report of the last complete month, stored and mailed once to the management group (统计分析). */
export const handler = scheduledFunction('monthly-report', async (event: ScheduledEvent) => runPeriodReport(runtimeSettings(), 'month', new Date(event.time)));
