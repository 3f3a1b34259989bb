/**
 * The part of shared/topology.ts the stack reads, with names as plain strings so a
 * test can synthesise the stack from another topology. `topology` satisfies it as is.
 */
import type { FunctionDecl, IndexDecl, QueueDecl } from '../shared/topology';

export interface TopologyShape {
  readonly table: {
    readonly partitionKey: string;
    readonly sortKey: string;
    readonly ttlAttribute?: string;
    readonly indexes: readonly IndexDecl[];
  };
  readonly functions: readonly FunctionDecl[];
  readonly routes: readonly { readonly method: string; readonly path: string; readonly handler: string; readonly auth?: 'staff' }[];
  readonly fallbackHandler: string;
  /** The function SES bounce and complaint events go to; none: the stage has no suppression list. */
  readonly mailEventsHandler?: string;
  readonly queues: readonly QueueDecl[];
  readonly schedules: readonly { readonly name: string; readonly handler: string; readonly expression: string }[];
  /** Absent in a topology without evidence files. */
  readonly evidenceBucket?: { readonly quarantinePrefix: string; readonly acceptedPrefix: string; readonly unreferencedDays: number };
}
