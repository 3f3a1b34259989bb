/**
 * The load generator, always in its own process (`measureLoad` spawns this file), so it
 * never shares an event loop with the server it measures.
 *
 * - closed: autocannon, `connections` connections each sending the next request when the
 *   last one is answered (one connection = the latency floor; several = saturation).
 * - open: requests started at a fixed rate, evenly spaced, whatever the answers do, each on
 *   a free keep-alive socket; latency counts from the moment a request was DUE, so a slow
 *   answer cannot hide the queueing it causes (no coordinated omission). Not autocannon:
 *   its rate limit (`overallRate`, lib/httpClient.js) lets each connection send its
 *   per-second budget back to back at the top of every second, a burst, not an open loop.
 */
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import autocannon from 'autocannon';
import { percentile } from './stats';

export type LoadSpec =
  | { readonly kind: 'closed'; readonly url: string; readonly body: string; readonly connections: number; readonly seconds: number }
  | { readonly kind: 'open'; readonly url: string; readonly body: string; readonly rate: number; readonly seconds: number };

export interface LoadResult {
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requestsPerSecond: number;
}

/** Runs `spec` in a fresh Node process and returns what it measured. */
export async function measureLoad(spec: LoadSpec): Promise<LoadResult> {
  const child = spawn(process.execPath, [...process.execArgv, __filename], {
    env: { ...process.env, BENCH_LOAD_SPEC: JSON.stringify(spec) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`load generator exited with ${code}`);
  return JSON.parse(out.trim().split('\n').pop()!) as LoadResult;
}

async function closedLoop(spec: Extract<LoadSpec, { kind: 'closed' }>): Promise<LoadResult> {
  const result = await autocannon({
    url: spec.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: spec.body,
    connections: spec.connections,
    duration: spec.seconds,
  });
  return {
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requestsPerSecond: result.requests.total / spec.seconds,
  };
}

async function openLoop(spec: Extract<LoadSpec, { kind: 'open' }>): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const url = new URL(spec.url);
  const body = Buffer.from(spec.body);
  const total = Math.round(spec.rate * spec.seconds);
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const pending: Promise<void>[] = [];
  const send = (dueAt: number) =>
    new Promise<void>((resolve) => {
      const req = http.request(
        { agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode! < 200 || res.statusCode! > 299) non2xx += 1;
            latencies.push(performance.now() - dueAt);
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end(body);
    });
  const started = performance.now();
  const interval = 1000 / spec.rate;
  for (let i = 0; i < total; i++) {
    const dueAt = started + i * interval;
    const wait = dueAt - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(send(dueAt));
  }
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: total,
    non2xx,
    errors,
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    requestsPerSecond: round(latencies.length / seconds),
  };
}

const round = (n: number): number => Math.round(n * 100) / 100;

if (require.main === module) {
  const spec = JSON.parse(process.env.BENCH_LOAD_SPEC ?? '') as LoadSpec;
  (spec.kind === 'open' ? openLoop(spec) : closedLoop(spec)).then(
    (result) => {
      console.log(JSON.stringify(result));
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
