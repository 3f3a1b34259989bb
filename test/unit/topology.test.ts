import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { queueNames as namedQueues } from '../../shared/queue-names';
import { topology } from '../../shared/topology';

const functionNames = topology.functions.map((f) => f.name);
const queueNames = topology.queues.map((q) => q.name);

describe('topology (the one declaration the CDK stack and the local runtime read)', () => {
  it('has a handler file for every function', () => {
    for (const name of functionNames) expect(existsSync(join(__dirname, '../../functions', `${name}.ts`)), name).toBe(true);
  });

  it('names only declared functions as route handlers, consumers and schedule targets', () => {
    const referenced = [
      ...topology.routes.map((r) => r.handler),
      ...topology.queues.map((q) => q.consumer),
      ...topology.schedules.map((s) => s.handler),
      topology.fallbackHandler,
    ];
    expect(referenced.filter((name) => !functionNames.includes(name))).toEqual([]);
  });

  it('declares every queue a hand-off may name, and no other', () => {
    expect([...queueNames].sort()).toEqual([...namedQueues].sort());
  });

  it('sends only to declared queues', () => {
    const targets = topology.functions.flatMap((f) => f.access.sendsTo ?? []);
    expect(targets.filter((q) => !queueNames.includes(q))).toEqual([]);
  });

  it('gives each queue a visibility timeout of at least six times its consumer timeout, and maxReceiveCount >= 5', () => {
    for (const queue of topology.queues) {
      const consumer = topology.functions.find((f) => f.name === queue.consumer)!;
      expect(queue.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(6 * consumer.timeoutSeconds);
      expect(queue.maxReceiveCount).toBeGreaterThanOrEqual(5);
    }
  });

  it('declares each method and path once', () => {
    const routeKeys = topology.routes.map((r) => `${r.method} ${r.path}`);
    expect(new Set(routeKeys).size).toBe(routeKeys.length);
  });
});
