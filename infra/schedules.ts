/**
 * EventBridge rules from `topology.schedules`. Scheduled handlers take "now" from the
 * event's `time` (architecture.md property 5), which a rule's event carries.
 */
import * as events from 'aws-cdk-lib/aws-events';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { AsyncFailures } from './async-failures';
import type { TopologyShape } from './topology-shape';
import { pascalCase, resourceName } from './names';

export interface SchedulesProps {
  readonly stage: string;
  readonly schedules: TopologyShape['schedules'];
  readonly functionNamed: (name: string) => lambda.IFunction;
  /** Where a run that failed for good goes (target DLQ and on-failure destination). */
  readonly failures: AsyncFailures;
}

export class Schedules extends Construct {
  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    for (const schedule of props.schedules) {
      new events.Rule(this, pascalCase(schedule.name), {
        ruleName: resourceName(props.stage, schedule.name),
        description: `Schedule ${schedule.name}: ${schedule.expression}`,
        schedule: events.Schedule.expression(schedule.expression),
        targets: [props.failures.target(props.functionNamed(schedule.handler), 2)],
      });
    }
  }
}
