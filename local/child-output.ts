import type { ChildProcess } from 'node:child_process';

export interface WatchedChild {
  /** The last few KB it printed, for error messages. */
  output(): string;
  /** Rejects when the process ends or cannot start (before it was ready, for the caller). */
  readonly ended: Promise<never>;
}

/** Drains an emulator child's pipes (a full pipe would block it), keeping the tail for error messages. */
export function watchChild(child: ChildProcess, name: string, startError = (error: NodeJS.ErrnoException) => `${name} could not start: ${error.message}`): WatchedChild {
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const ended = new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => reject(new Error(startError(error))));
    child.once('exit', (code, signal) => reject(new Error(`${name} exited (${signal ?? `code ${code}`}) before it was ready:\n${output.trim()}`)));
  });
  ended.catch(() => undefined);
  return { output: () => output, ended };
}
