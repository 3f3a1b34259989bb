import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { effectiveConfig } from './effective-config';
import { publishMetrics, type StepMetrics } from './metrics';
import { runsAs } from './invocation';
import { stepLogging } from './logger';

/** A function run by a schedule: its logging, its metrics if it has any, and the effective config (the directory). */
export function scheduledFunction<R>(step: string, run: (event: ScheduledEvent) => Promise<R>, metrics?: StepMetrics) {
  const stack = middy(run).use(stepLogging(step));
  if (metrics) stack.use(publishMetrics(metrics));
  return runsAs(step, stack.use(effectiveConfig()));
}
