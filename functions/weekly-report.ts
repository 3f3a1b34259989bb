import type { ScheduledEvent } from 'aws-lambda';
import { scheduledFunction } from '../shared/adapters/scheduled-function';
import { runtimeSettings } from '../shared/config/runtime';
import { runPeriodReport } from '../shared/workflow/build-report';

/** Schedule `weekly-report`: the report of the last complete week, stored and mailed once to the management group (统计分析). */
export const handler = scheduledFunction('weekly-report', async (event: ScheduledEvent) => runPeriodReport(runtimeSettings(), 'week', new Date(event.time)));
