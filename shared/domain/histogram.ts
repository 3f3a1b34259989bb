/**
 * Handling time as a fixed-bucket histogram: counts per bucket plus the exact sum, so a
 * period's figures are counter additions (mergeable, order-free, one DynamoDB `ADD` per
 * case) and never need the cases themselves. No library: the quantile rule is
 * Prometheus' `histogram_quantile`, a dozen lines, and the sketches on npm (DDSketch,
 * t-digest) keep hundreds of adaptive buckets a counter item cannot hold as plain ADDs.
 */

/**
 * Upper bounds in hours, inclusive. Chosen around the limits of domain.md: level 1's 4 h
 * and 24 h, level 2's 48 h and 72 h, 3 and 5 working days (about 120 and 168 calendar
 * hours), the one-month "major" threshold (720 h). Changing them makes old and new
 * buckets incomparable: add a new histogram instead.
 */
export const handlingHourBounds = [1, 2, 4, 8, 12, 24, 48, 72, 120, 168, 240, 360, 720] as const;

/** `counts[i]` holds values ≤ bound i (and above bound i-1); the last count is everything above 720 h. */
export interface Histogram {
  readonly counts: readonly number[];
  /** Sum of every value in whole seconds: the mean is exact, not estimated from buckets. */
  readonly sumSeconds: number;
}

export const bucketCount = handlingHourBounds.length + 1;

export const emptyHistogram = (): Histogram => ({ counts: new Array<number>(bucketCount).fill(0), sumSeconds: 0 });

/** Index of the bucket a duration falls in. */
export function bucketOf(seconds: number): number {
  const hours = seconds / 3600;
  const i = handlingHourBounds.findIndex((bound) => hours <= bound);
  return i === -1 ? handlingHourBounds.length : i;
}

export function mergeHistograms(a: Histogram, b: Histogram): Histogram {
  return { counts: a.counts.map((c, i) => c + (b.counts[i] ?? 0)), sumSeconds: a.sumSeconds + b.sumSeconds };
}

export const totalOf = (h: Histogram): number => h.counts.reduce((sum, c) => sum + c, 0);

export function meanHours(h: Histogram): number | null {
  const n = totalOf(h);
  return n === 0 ? null : h.sumSeconds / n / 3600;
}

/**
 * The q-quantile in hours (q in (0, 1]), as Prometheus' `histogram_quantile` estimates
 * it: rank = q·n; the first bucket whose running count reaches the rank holds it; inside
 * that bucket the values are taken as spread evenly, so the estimate is the linear
 * interpolation between the bucket's lower and upper bound (0 for the first bucket). A
 * rank in the open bucket above 720 h answers 720 (the highest finite bound): "at least".
 * Null without values. The estimate always lies within the bounds of the true value's bucket.
 */
export function quantileHours(h: Histogram, q: number): number | null {
  const n = totalOf(h);
  if (n === 0) return null;
  const rank = q * n;
  let below = 0;
  for (const [i, count] of h.counts.entries()) {
    if (count > 0 && below + count >= rank) {
      if (i === handlingHourBounds.length) return handlingHourBounds[i - 1]!;
      const lower = i === 0 ? 0 : handlingHourBounds[i - 1]!;
      const upper = handlingHourBounds[i]!;
      return lower + ((upper - lower) * (rank - below)) / count;
    }
    below += count;
  }
  return handlingHourBounds[handlingHourBounds.length - 1]!;
}
