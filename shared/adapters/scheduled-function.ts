import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { effectiveConfig } from './effective-config';
import { runsAs } from './invocation';
import { stepLogging } from './logger';

/** A function run by a schedule: its logging, its metrics if it has any, and the effective config (the directory). */
export function scheduledFunction<R>(step: string, run: (event: ScheduledEvent) => Promise<R>, metrics?: Metrics) {
  const stack = middy(run).use(stepLogging(step));
  if (metrics) stack.use(logMetrics(metrics));
  return runsAs(step, stack.use(effectiveConfig()));
}
