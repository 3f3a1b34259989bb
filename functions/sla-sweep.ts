import type { ScheduledEvent } from 'aws-lambda';
import { emit, stepMetrics } from '../shared/adapters/metrics';
import { scheduledFunction } from '../shared/adapters/scheduled-function';
import { runtimeSettings } from '../shared/config/runtime';
import { sweepAbsences } from '../shared/workflow/absence-sweep';
import { sweepDueCases } from '../shared/workflow/sla-sweep';

const metrics = stepMetrics('sla-sweep');

/**
 * Schedule `sla-sweep` (every 5 minutes): hand the cases whose ladder step is due to
 * `escalate`, and the absences with a case falling due in them to `directory-changes`.
 */
export const handler = scheduledFunction(
  'sla-sweep',
  async (event: ScheduledEvent) => {
    const at = new Date(event.time);
    const result = await sweepDueCases(runtimeSettings(), at);
    const absenceChecks = await sweepAbsences(runtimeSettings(), at);
    // Every run, 0 included: an alarm on the lag also sees a sweep that finds nothing to do.
    emit(metrics, 'SweepLagSeconds', result.lagSeconds);
    emit(metrics, 'CasesParked', result.parked);
    return { ...result, absenceChecks };
  },
  metrics,
);
