/**
 * The targets of issue 10, checked on one run's figures. Each is a ratio or a count measured
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

/** Mails (recipients) per case before the storage redesign: a receipt and an assignment mail, one recipient each (e2e run, docs/performance.md). */
export const mailsPerCaseBefore = 2;

export const limits = {
  intakeP99Ratio: 1.3,
  initRatio: 1.5,
  nonMailUsdPerThousand: 0.03,
  shareOfCapacity: 0.5,
  bundleBytes: 150 * 1024,
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

export function equal(target: string, value: number, expected: number, detail = ''): Target {
  const met = Math.abs(value - expected) < 1e-9;
  return { target, measured: `${value}${detail}`, met, ...(met ? {} : { miss: `${round(value - expected, 4)} per case (${value} against ${expected})` }) };
}

export function printTargets(targets: readonly Target[]): void {
  console.log('\nTargets (issue 10)');
  console.table(Object.fromEntries(targets.map((t) => [t.target, { measured: t.measured, met: t.met ? 'yes' : 'NO', 'missed by': t.miss ?? '' }])));
}
