/**
 * Loads `functions/<name>.ts` on first use and invokes its `handler` the way the
 * Lambda Node.js runtime does: with a Context, a deadline from the function's timeout,
 * async or callback style. A missing or broken file fails only that function.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { LocalFunction } from './local-topology';
import type { RuntimeLog } from './runtime-log';

type Handler = (event: unknown, context: Context, callback: (error?: unknown, result?: unknown) => void) => unknown;

export class FunctionTimeoutError extends Error {
  override readonly name = 'FunctionTimeoutError';
  constructor(functionName: string, seconds: number) {
    super(`${functionName}: Task timed out after ${seconds.toFixed(2)} seconds`);
  }
}

export class FunctionLoadError extends Error {
  override readonly name = 'FunctionLoadError';
}

export interface FunctionRunnerOptions {
  readonly functions: readonly LocalFunction[];
  /** Folder of `<name>.ts` files exporting `handler`. */
  readonly functionsDir: string;
  /** Functions whose module lives elsewhere than `functionsDir` (the bench's local-only routes). */
  readonly moduleFiles?: Readonly<Record<string, string>>;
  readonly region: string;
  readonly accountId: string;
  readonly log: RuntimeLog;
}

export class FunctionRunner {
  readonly #options: FunctionRunnerOptions;
  readonly #loaded = new Map<string, Promise<Handler>>();

  constructor(options: FunctionRunnerOptions) {
    this.#options = options;
  }

  /** Path of the module that implements `name`. */
  moduleFile(name: string): string {
    return this.#options.moduleFiles?.[name] ?? path.join(this.#options.functionsDir, `${name}.ts`);
  }

  /** Declared functions whose file does not exist (yet). */
  missingModules(): string[] {
    return this.#options.functions.map((f) => f.name).filter((name) => !existsSync(this.moduleFile(name)));
  }

  declaration(name: string): LocalFunction {
    const decl = this.#options.functions.find((f) => f.name === name);
    if (!decl) throw new FunctionLoadError(`Function "${name}" is not declared in the topology`);
    return decl;
  }

  /** Resolves with the handler's result; rejects with its error or a FunctionTimeoutError. */
  async invoke(name: string, event: unknown, contextOverrides: Partial<Context> = {}): Promise<unknown> {
    const decl = this.declaration(name);
    const handler = await this.#load(name);
    const deadline = Date.now() + decl.timeoutSeconds * 1000;
    const context = { ...this.#context(decl, deadline), ...contextOverrides };
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new FunctionTimeoutError(name, decl.timeoutSeconds)), decl.timeoutSeconds * 1000);
    });
    try {
      // Like Lambda, a timed-out invocation is abandoned, not stopped: its promise runs on.
      return await Promise.race([call(handler, event, context), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  #load(name: string): Promise<Handler> {
    let loading = this.#loaded.get(name);
    if (!loading) {
      const file = this.moduleFile(name);
      loading = import(/* @vite-ignore */ pathToFileURL(file).href).then(
        (module: { handler?: unknown; default?: { handler?: unknown } }) => {
          const handler = module.handler ?? module.default?.handler;
          if (typeof handler !== 'function') throw new FunctionLoadError(`${file} does not export a function named handler`);
          return handler as Handler;
        },
        (error: unknown) => {
          throw new FunctionLoadError(`${file} could not be loaded: ${(error as Error).message ?? String(error)}`, { cause: error });
        },
      );
      this.#loaded.set(name, loading);
      // Keep only successes, so a file fixed or added while running is picked up on the next call.
      loading.catch(() => this.#loaded.delete(name));
    }
    return loading;
  }

  #context(decl: LocalFunction, deadline: number): Context {
    const { region, accountId } = this.#options;
    const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
    const context: Context = {
      callbackWaitsForEmptyEventLoop: true,
      functionName: decl.name,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${decl.name}`,
      memoryLimitInMB: String(decl.memoryMb),
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${decl.name}`,
      logStreamName: `${day}/[$LATEST]${randomBytes(16).toString('hex')}`,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
    return context;
  }
}

function call(handler: Handler, event: unknown, context: Context): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const callback = (error?: unknown, result?: unknown) => (error ? reject(error) : resolve(result));
    try {
      const returned = handler(event, context, callback);
      if (returned !== null && typeof (returned as Promise<unknown>)?.then === 'function') {
        (returned as Promise<unknown>).then(resolve, reject);
      } else if (handler.length < 3) {
        resolve(returned);
      }
    } catch (error) {
      reject(error);
    }
  });
}
