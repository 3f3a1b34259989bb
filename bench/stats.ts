/** Small order statistics shared by the bench's sections (no SDK imports: the load generator uses it). */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Median and the range around it, for figures measured a few times. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export const spread = (values: readonly number[]): Spread => ({ median: round(median(values)), min: round(Math.min(...values)), max: round(Math.max(...values)) });

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;
