/**
 * The targets of issue 20 (Deliver 6), checked on one run's figures. Each is a ratio or a count measured
 * in the same run, so it carries across machines better than an absolute figure; a miss is
 * printed with how far off it is.
 */
import { round } from './stats';

export interface Target {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
  /** How far off, when missed. */
  readonly miss?: string;
}

export const limits = {
  /** classify-case's write units per case, largest cluster over cluster size 1: within 10 %. */
  classifyFlat: 0.1,
  nonMailUsdPerThousand: 0.05,
  shareOfCapacity: 0.5,
  bundleBytes: 150 * 1024,
  /** A public function's cold start (ready plus the first call) over an empty handler making the same first call. */
  coldStartRatio: 2,
} as const;

export function atMost(target: string, value: number, limit: number, unit = '', detail = ''): Target {
  const met = value <= limit;
  return {
    target,
    measured: `${value}${unit}${detail}`,
    met,
    ...(met ? {} : { miss: `${round(value - limit, 4)}${unit} over (${round((value / limit - 1) * 100, 0)} % above the limit)` }),
  };
}

export function atLeast(target: string, value: number, limit: number, unit = '', detail = ''): Target {
  const met = value >= limit;
  return {
    target,
    measured: `${value}${unit}${detail}`,
    met,
    ...(met ? {} : { miss: `${round(limit - value, 4)}${unit} short (${round((1 - value / limit) * 100, 0)} % below the limit)` }),
  };
}

/** Within `share` of 1 either way (a ratio of the largest size's figure to the smallest's). */
export function flat(target: string, ratio: number, share: number, detail = ''): Target {
  const met = Math.abs(ratio - 1) <= share;
  return { target, measured: `×${ratio}${detail}`, met, ...(met ? {} : { miss: `${round((Math.abs(ratio - 1) - share) * 100, 1)} points past ±${share * 100} %` }) };
}

/** A measured yes/no (the report bench's own flat rule). */
export function holds(target: string, met: boolean, measured: string, miss: string): Target {
  return { target, measured, met, ...(met ? {} : { miss }) };
}

export function printTargets(targets: readonly Target[]): void {
  console.log('\nTargets (issue 20)');
  console.table(Object.fromEntries(targets.map((t) => [t.target, { measured: t.measured, met: t.met ? 'yes' : 'NO', 'missed by': t.miss ?? '' }])));
}
