/**
 * Client side of the control endpoint (control-server.ts), for `npm run clock` and
 * `npm run schedule`. LOCAL_CONTROL_URL or LOCAL_CONTROL_PORT point it elsewhere.
 */
import { controlHost, defaultControlPort } from './control-server';

export class SystemNotRunningError extends Error {
  override readonly name = 'SystemNotRunningError';
}

export function controlUrl(): string {
  return process.env.LOCAL_CONTROL_URL ?? `http://${controlHost}:${process.env.LOCAL_CONTROL_PORT ?? defaultControlPort}`;
}

export async function callControl<T>(method: 'GET' | 'POST', path: string, body?: unknown, base = controlUrl()): Promise<{ status: number; body: T }> {
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new SystemNotRunningError(
      `The local system is not running: nothing answers on ${base} (${((error as Error).cause as Error | undefined)?.message ?? (error as Error).message}). ` +
        'Start it with `npm start` (in another terminal).',
    );
  }
  return { status: response.status, body: (await response.json()) as T };
}

/** Prints the message of an expected failure without a stack trace, and exits. */
export function exitWith(error: unknown): never {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(error instanceof SystemNotRunningError ? 3 : 1);
}
