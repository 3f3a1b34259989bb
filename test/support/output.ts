import { vi } from 'vitest';

/** Runs `work` with everything written to stdout and stderr collected (and kept off the terminal). */
export async function capturingOutput(work: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    }) as typeof stream.write);
  }
  try {
    await work();
  } finally {
    vi.restoreAllMocks();
  }
  return lines.join('');
}
