/**
 * For `npm run synth` (infra/synth-all.ts) only: aws-cdk-lib's NodejsFunction bundles each
 * function with `npx --no-install esbuild ...` (the project's own esbuild), and npm's start-up
 * costs about 0.4 s of CPU a function against esbuild's 0.1 s: 38 functions in 5 stages, a
 * minute of CPU and, on a busy 2-core machine, several minutes of wall time (docs/testing.md
 * "Where CI's time goes"). This puts a `npx` first on the PATH of the bundling processes that
 * runs that same esbuild binary directly with the same arguments (so the same bytes, the same
 * asset hashes) and hands every other command to the real npx. The cdk CLI test keeps the
 * operator's path, npx included.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Returns a function that takes the shim away again. Does nothing on Windows (no sh). */
export function runEsbuildWithoutNpx(projectRoot: string): () => void {
  if (process.platform === 'win32') return () => undefined;
  const dir = mkdtempSync(join(tmpdir(), 'complaints-npx-'));
  const esbuild = join(projectRoot, 'node_modules', '.bin', 'esbuild');
  const originalPath = process.env.PATH ?? '';
  writeFileSync(
    join(dir, 'npx'),
    [
      '#!/bin/sh',
      `if [ "$1" = "--no-install" ] && [ "$2" = "esbuild" ] && [ -x '${esbuild}' ]; then shift 2; exec '${esbuild}' "$@"; fi`,
      `PATH='${originalPath}' exec npx "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(join(dir, 'npx'), 0o755);
  process.env.PATH = `${dir}${delimiter}${originalPath}`;
  return () => {
    process.env.PATH = originalPath;
    rmSync(dir, { recursive: true, force: true });
  };
}
