/** Where the local runtime's own lines go (handlers log on their own, as in Lambda). */
export interface RuntimeLog {
  info(line: string): void;
  warn(line: string): void;
  error(line: string, error?: unknown): void;
}

const stamp = () => new Date().toTimeString().slice(0, 8);

export const consoleLog: RuntimeLog = {
  info: (line) => console.log(`${stamp()} ${line}`),
  warn: (line) => console.warn(`${stamp()} warning: ${line}`),
  error: (line, error) => console.error(`${stamp()} ${line}${error === undefined ? '' : `\n${describeError(error)}`}`),
};

/** Keeps info lines out; warnings and errors still reach stderr. */
export const quietLog: RuntimeLog = { ...consoleLog, info: () => undefined };

export function describeError(error: unknown): string {
  // A fault injected on purpose (fault-injection.ts) needs no stack trace.
  if (error instanceof Error && error.name === 'InjectedFault') return `${error.name}: ${error.message}`;
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
