/**
 * Intake against the bare function, A/B: both are functions behind the same local gateway
 * and runner (bench/bare-function.ts is a local-only route), measured from a load generator
 * in its own process (bench/load.ts) at the same load points, interleaved: every round runs
 * each load point on both, the order alternating between rounds, so a drift in machine load
 * hits both alike. Reports per load point the median over the rounds and the spread.
 *
 * Load points: one connection (closed loop: the latency floor), fixed rates below
 * saturation (open loop), and saturation (closed loop, several connections).
 */
import { measureLoad, type LoadResult, type LoadSpec } from './load';
import { spread, round, type Spread } from './stats';

export interface IntakeOptions {
  readonly intakeUrl: string;
  readonly bareUrl: string;
  readonly body: string;
  readonly rates: readonly number[];
  readonly saturationConnections: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly rounds: number;
}

export interface IntakePoint {
  readonly point: string;
  /** Open loop at this rate (req/s); absent for the closed-loop points. */
  readonly rate?: number;
  /**
   * cpuMsPerRequest: CPU time (user + system) of this process, which runs the gateway, the
   * function runner and the handler (the load generator and the emulators are processes of
   * their own), per request answered: what one request costs the code, whatever the queueing.
   */
  readonly intake: { p50Ms: Spread; p99Ms: Spread; requestsPerSecond: Spread; cpuMsPerRequest: Spread; non2xx: number; errors: number };
  readonly bare: { p50Ms: Spread; p99Ms: Spread; requestsPerSecond: Spread; cpuMsPerRequest: Spread; non2xx: number; errors: number };
  /** intake p99 / bare p99, per round: median and spread. */
  readonly ratioP99: Spread;
  readonly ratioP50: Spread;
  /** Open loop: both sides kept up with the offered rate (≥ 95 % of it answered per second). */
  readonly belowSaturation?: boolean;
}

export interface IntakeResults {
  readonly rounds: number;
  /** The rates asked for; those above 80 % of intake's saturation rate (measured once warm) are not run. */
  readonly requestedRates: readonly number[];
  readonly warmupSaturationRate: number;
  readonly seconds: number;
  readonly saturationConnections: number;
  readonly points: IntakePoint[];
}

export async function intakeBench(options: IntakeOptions, progress: (line: string) => void = () => undefined): Promise<IntakeResults> {
  const { intakeUrl, bareUrl, body, seconds } = options;
  // Warm-up: DynamoDB Local's JVM runs about half speed until warmed (toolchain.md); the handlers' modules load once.
  await measureLoad({ kind: 'closed', url: bareUrl, body, connections: options.saturationConnections, seconds: options.warmupSeconds });
  await measureLoad({ kind: 'closed', url: intakeUrl, body, connections: options.saturationConnections, seconds: options.warmupSeconds });
  // Once warm, intake's saturation rate: the fixed rates must stay below it.
  const warm = await measureLoad({ kind: 'closed', url: intakeUrl, body, connections: options.saturationConnections, seconds });
  const rates = fixedRates(options.rates, warm.requestsPerSecond);
  progress(`intake saturates at about ${warm.requestsPerSecond.toFixed(1)} req/s once warm; fixed rates ${rates.join(', ')} req/s`);
  const points: { point: string; rate?: number; spec: (url: string) => LoadSpec }[] = [
    { point: '1 connection', spec: (url) => ({ kind: 'closed', url, body, connections: 1, seconds }) },
    ...rates.map((rate) => ({ point: `${rate} req/s`, rate, spec: (url: string): LoadSpec => ({ kind: 'open', url, body, rate, seconds }) })),
    { point: `saturation (${options.saturationConnections} connections)`, spec: (url) => ({ kind: 'closed', url, body, connections: options.saturationConnections, seconds }) },
  ];

  const runs = points.map(() => ({ intake: [] as (LoadResult & { cpuMs: number })[], bare: [] as (LoadResult & { cpuMs: number })[] }));
  for (let round = 0; round < options.rounds; round++) {
    for (const [i, p] of points.entries()) {
      const order = round % 2 === 0 ? (['bare', 'intake'] as const) : (['intake', 'bare'] as const);
      for (const side of order) {
        const cpu = process.cpuUsage();
        const measured = await measureLoad(p.spec(side === 'bare' ? bareUrl : intakeUrl));
        const used = process.cpuUsage(cpu);
        const result = { ...measured, cpuMs: (used.user + used.system) / 1000 };
        runs[i]![side].push(result);
        progress(`intake round ${round + 1}/${options.rounds} ${p.point} ${side}: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ${result.requestsPerSecond.toFixed(1)} req/s`);
      }
    }
  }
  return {
    rounds: options.rounds,
    seconds,
    requestedRates: options.rates,
    warmupSaturationRate: round(warm.requestsPerSecond),
    saturationConnections: options.saturationConnections,
    points: points.map((p, i) => {
      const { intake, bare } = runs[i]!;
      const summary = (rs: (LoadResult & { cpuMs: number })[]) => ({
        p50Ms: spread(rs.map((r) => r.p50Ms)),
        p99Ms: spread(rs.map((r) => r.p99Ms)),
        requestsPerSecond: spread(rs.map((r) => r.requestsPerSecond)),
        cpuMsPerRequest: spread(rs.map((r) => r.cpuMs / Math.max(1, r.requests))),
        non2xx: rs.reduce((n, r) => n + r.non2xx, 0),
        errors: rs.reduce((n, r) => n + r.errors, 0),
      });
      const kept = (rs: LoadResult[]) => rs.every((r) => r.requestsPerSecond >= 0.95 * p.rate!);
      return {
        point: p.point,
        ...(p.rate ? { rate: p.rate } : {}),
        intake: summary(intake),
        bare: summary(bare),
        ratioP99: spread(intake.map((r, k) => r.p99Ms / bare[k]!.p99Ms)),
        ratioP50: spread(intake.map((r, k) => r.p50Ms / bare[k]!.p50Ms)),
        ...(p.rate ? { belowSaturation: kept(intake) && kept(bare) } : {}),
      };
    }),
  };
}

/**
 * The requested rates that stay below 80 % of intake's saturation rate; when none does (a slow
 * or busy machine), 25, 50 and 75 % of that rate instead, so there are always points below saturation.
 */
export function fixedRates(requested: readonly number[], saturation: number): number[] {
  const below = requested.filter((rate) => rate <= 0.8 * saturation);
  if (below.length > 0) return below;
  return [...new Set([0.25, 0.5, 0.75].map((share) => Math.max(0.1, Math.round(share * saturation * 10) / 10)))];
}

export function printIntake(results: IntakeResults): void {
  const s = (x: Spread) => `${x.median} (${x.min}–${x.max})`;
  console.log(
    `\nIntake A/B: POST /complaints vs the bare function (PutItem + SendMessage), both behind the local gateway and runner; ` +
      `${results.rounds} interleaved rounds of ${results.seconds} s per point; median (min–max over rounds)`,
  );
  const run = results.points.filter((p) => p.rate).map((p) => p.rate);
  const dropped = results.requestedRates.filter((r) => !run.includes(r));
  console.log(
    `Intake saturated at about ${results.warmupSaturationRate} req/s once warm` +
      (dropped.length ? `; rates ${dropped.join(', ')} req/s are above 80 % of that and were not run (fixed rates: ${run.join(', ')} req/s)` : ''),
  );
  console.table(
    Object.fromEntries(
      results.points.map((p) => [
        p.point,
        {
          'intake p50 ms': s(p.intake.p50Ms),
          'intake p99 ms': s(p.intake.p99Ms),
          'bare p50 ms': s(p.bare.p50Ms),
          'bare p99 ms': s(p.bare.p99Ms),
          'p99 ratio': s(p.ratioP99),
          'intake req/s': p.intake.requestsPerSecond.median,
          'bare req/s': p.bare.requestsPerSecond.median,
          'CPU ms/request intake / bare': `${p.intake.cpuMsPerRequest.median} / ${p.bare.cpuMsPerRequest.median}`,
          'non-2xx/errors': `${p.intake.non2xx + p.bare.non2xx}/${p.intake.errors + p.bare.errors}`,
          ...(p.rate ? { 'kept the rate': p.belowSaturation ? 'yes' : 'NO (saturated)' } : {}),
        },
      ]),
    ),
  );
}

/** Intake's CPU time per request over the bare function's at the 1-connection point (no queueing): what intake's own code costs. */
export const intakeCpuMsPerRequest = (results: IntakeResults): { intake: number; bare: number } => {
  const point = results.points[0]!;
  return { intake: point.intake.cpuMsPerRequest.median, bare: point.bare.cpuMsPerRequest.median };
};

export const worstFixedRateRatio = (results: IntakeResults): number => round(Math.max(...results.points.filter((p) => p.rate).map((p) => p.ratioP99.median)));
