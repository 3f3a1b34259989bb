import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { runsAs } from '../shared/adapters/invocation';
import { stepLogging } from '../shared/adapters/logger';
import { runtimeSettings } from '../shared/config/runtime';
import { sweepUnreferencedUploads } from '../shared/workflow/upload-sweep';

/** Schedule `upload-sweep` (hourly): delete evidence uploads no submission referenced within a day. */
export const handler = runsAs(
  'upload-sweep',
  middy(async (event: ScheduledEvent) => sweepUnreferencedUploads(runtimeSettings(), new Date(event.time))).use(stepLogging('upload-sweep')),
);
