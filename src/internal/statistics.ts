/**
 * Summaries of simulated samples, shared by the simulations in `flow` and
 * `healing`: nearest-rank percentiles and the mean/p50/p95/p99/max summary
 * their results report. Not re-exported: notebooks never import it.
 */

/**
 * Nearest-rank percentile (Hyndman & Fan type 1) of an ascending-sorted,
 * non-empty array: the smallest value with at least `p` of the data at or
 * below it.
 */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

/** Mean, nearest-rank p50/p95/p99 and maximum of a sample, in the sample's unit (seconds here). */
export interface SampleSummary {
  readonly meanSeconds: number;
  readonly p50Seconds: number;
  readonly p95Seconds: number;
  readonly p99Seconds: number;
  readonly maxSeconds: number;
}

/**
 * Summarizes an ascending-sorted, non-empty sample.
 * @param sorted the sample, ascending, at least one value
 * @param sum the sum of the sample when the caller has it already (in the
 *   order it was accumulated); by default it is summed here, in sorted order
 * @example summarizeSorted([1, 2, 3, 4]).p50Seconds // => 2
 */
export function summarizeSorted(sorted: ArrayLike<number>, sum?: number): SampleSummary {
  let total = sum ?? 0;
  if (sum === undefined) for (let i = 0; i < sorted.length; i++) total += sorted[i];
  return {
    meanSeconds: total / sorted.length,
    p50Seconds: percentileSorted(sorted, 0.5),
    p95Seconds: percentileSorted(sorted, 0.95),
    p99Seconds: percentileSorted(sorted, 0.99),
    maxSeconds: sorted[sorted.length - 1],
  };
}
