/**
 * The part of shared/topology.ts the local runtime reads, with function names as
 * plain strings so tests can run the runtime on a topology of fixture functions.
 * The real `topology` object satisfies this type as it is.
 */
import type { IndexDecl, QueueDecl } from '../shared/topology';

export interface LocalFunction {
  readonly name: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
}

export interface LocalRoute {
  readonly method: string;
  /** API Gateway path syntax: `/complaints/{caseNumber}`, `/files/{path+}`. */
  readonly path: string;
  readonly handler: string;
  /** `staff`: the gateway checks the staff token first (local/staff-authorizer.ts). */
  readonly auth?: 'staff';
}

/** A queue as declared (default `maxConcurrency` 1), its consumer any function name. */
export type LocalQueue = Omit<QueueDecl, 'consumer'> & { readonly consumer: string };

export interface LocalSchedule {
  readonly name: string;
  readonly handler: string;
  readonly expression: string;
}

export interface LocalTopology {
  readonly table: {
    readonly partitionKey: string;
    readonly sortKey: string;
    readonly ttlAttribute?: string;
    readonly indexes: readonly IndexDecl[];
  };
  readonly functions: readonly LocalFunction[];
  readonly routes: readonly LocalRoute[];
  readonly fallbackHandler: string;
  readonly queues: readonly LocalQueue[];
  readonly schedules: readonly LocalSchedule[];
}
