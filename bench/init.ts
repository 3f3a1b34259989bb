/**
 * Module init of every bundle: each built bundle is `require`d in a fresh Node process,
 * as the Lambda runtime loads a handler at a cold start, next to an empty handler built
 * the same way. Timed inside the child: "ready" is the ms from the process's time origin
 * to the handler loaded (Node's own start included, as Lambda's Init Duration includes
 * the runtime's), "module" the `require` alone. Runs are interleaved across bundles so
 * machine load drifts hit all of them alike; medians are reported.
 */
import { spawn } from 'node:child_process';
import type { Bundle } from './bundles';
import { emptyBundle } from './bundles';
import { median, round } from './stats';

export interface InitResult {
  readonly runs: number;
  /** bundle → medians in ms and the ratio of its ready time to the empty handler's. */
  readonly bundles: Record<string, { readyMs: number; moduleMs: number; ratio: number }>;
}

const probe = `const t0 = performance.now(); require(process.argv[1]); const t1 = performance.now(); console.log(JSON.stringify({ ready: t1, module: t1 - t0 }));`;

/** The handler's environment as the CDK stack sets it (its own variables, no STAGE_CONFIG: that is inlined). */
export const lambdaEnv = {
  STAGE: 'prod',
  POWERTOOLS_SERVICE_NAME: 'complaints',
  POWERTOOLS_METRICS_NAMESPACE: 'Complaints',
  POWERTOOLS_LOG_LEVEL: 'INFO',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  AWS_REGION: 'us-east-1',
  PATH: process.env.PATH ?? '',
};

export async function measureInit(bundles: readonly Bundle[], runs: number): Promise<InitResult> {
  const times = new Map<string, { ready: number[]; module: number[] }>(bundles.map((b) => [b.name, { ready: [], module: [] }]));
  for (let run = 0; run < runs; run++) {
    for (const bundle of bundles) {
      const t = await loadOnce(bundle.file);
      times.get(bundle.name)!.ready.push(t.ready);
      times.get(bundle.name)!.module.push(t.module);
    }
  }
  const empty = median(times.get(emptyBundle)!.ready);
  return {
    runs,
    bundles: Object.fromEntries(
      bundles.map((b) => {
        const t = times.get(b.name)!;
        const ready = median(t.ready);
        return [b.name, { readyMs: round(ready), moduleMs: round(median(t.module)), ratio: round(ready / empty) }];
      }),
    ),
  };
}

async function loadOnce(file: string): Promise<{ ready: number; module: number }> {
  const child = spawn(process.execPath, ['-e', probe, file], { env: lambdaEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`loading ${file} failed (${code}): ${err.slice(0, 500)}`);
  return JSON.parse(out.trim().split('\n').pop()!) as { ready: number; module: number };
}
