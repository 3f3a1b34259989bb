import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which function (topology name) an invocation belongs to, for everything it awaits.
 * In AWS a container runs one function; the local runtime and the tests run all of them
 * in one process, and the IAM proof (docs/security.md) needs to know which function made
 * each AWS call. Set around the whole middy stack, so calls made by middlewares count too.
 */
const invocation = new AsyncLocalStorage<string>();

/** The function whose invocation is running here; undefined outside any handler. */
export const runningFunction = (): string | undefined => invocation.getStore();

/** `handler`, run as function `name` (every handler builder wraps its stack with this). */
export function runsAs<A extends unknown[], R>(name: string, handler: (...args: A) => R): (...args: A) => R {
  return (...args) => invocation.run(name, handler, ...args);
}
