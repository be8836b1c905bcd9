/**
 * Quantiles from cumulative histogram buckets, computed the way Prometheus's
 * `histogram_quantile()` does for a classic histogram.
 *
 * Sources: the Prometheus documentation, "Query functions",
 * `histogram_quantile()` (prometheus.io/docs/prometheus/latest/querying/functions/),
 * and `bucketQuantile` in promql/quantile.go of prometheus/prometheus.
 * The rules, in that source's order:
 * 1. buckets are sorted by their `le` upper bound; the highest must be +Inf;
 * 2. buckets with the same upper bound are merged by adding their counts;
 * 3. counts whose relative difference from the previous bucket is at most
 *    1e-12 are treated as equal (floating-point noise from `sum(rate(...))`);
 * 4. counts that still decrease are raised to the previous count to force
 *    monotonicity (Prometheus flags this with an info annotation; so do we,
 *    with `forcedMonotonic`);
 * 5. rank = q × (count of the +Inf bucket); the quantile's bucket is the first
 *    whose cumulative count is >= rank, searched among all buckets but +Inf;
 * 6. in the +Inf bucket, the upper bound of the second-highest bucket is returned;
 * 7. in the lowest bucket, the lower bound is 0 if its upper bound is > 0
 *    (linear interpolation from 0); otherwise its upper bound is returned;
 * 8. elsewhere: lower + (upper − lower) × (rank − countBelow) / countInBucket.
 *
 * Where Prometheus returns NaN (no observations, fewer than two buckets, no
 * +Inf bucket, q = NaN) or ±Inf (q outside [0, 1]), this module throws a
 * RangeError or TypeError that says why. It also throws for q = 0 on a
 * histogram whose lowest bucket is empty and has a positive upper bound,
 * where the source computes 0/0 (NaN).
 */
import { array, finite, object, probability, rangeError, typeError } from "../internal/errors";

/** One cumulative bucket: `count` observations were <= `le`. */
export interface HistogramBucket {
  /** Inclusive upper bound (Prometheus's `le` label); +Inf for the last bucket. */
  readonly le: number;
  /** Cumulative count of observations <= le; finite and >= 0. */
  readonly count: number;
}

/** A quantile with the bucket it came from. */
export interface HistogramQuantileResult {
  /** The estimated quantile, as `histogram_quantile` returns it. */
  readonly value: number;
  /** The true quantile lies in (bucketLower, bucketUpper] (for the +Inf bucket, above bucketLower). */
  readonly bucketLower: number;
  readonly bucketUpper: number;
  /** True when decreasing counts had to be raised to force monotonicity (bad input data). */
  readonly forcedMonotonic: boolean;
  /** True when tiny (<= 1e-12 relative) differences were treated as floating-point noise. */
  readonly fixedPrecision: boolean;
}

/**
 * The φ-quantile of a classic histogram, exactly as Prometheus's
 * `histogram_quantile(φ, b)` computes it, with the bucket it fell in and
 * whether the input needed repair. See the module comment for the rules.
 * @param q the quantile φ, in [0, 1] (0.95 for p95)
 * @param buckets cumulative buckets in any order; `le` not NaN, at least two
 *   distinct bounds, the highest +Inf; counts finite and >= 0, with a total > 0
 * @throws TypeError/RangeError for q outside [0, 1], malformed buckets, no
 *   +Inf bucket, fewer than two buckets, no observations, or q = 0 in an empty
 *   lowest bucket with a positive bound
 * @example histogramQuantileDetailed(0.95, [{ le: 0.1, count: 0 }, { le: 0.2, count: 0 }, { le: 0.3, count: 100 }, { le: 0.45, count: 100 }, { le: Infinity, count: 100 }])
 *   // => { value: 0.295, bucketLower: 0.2, bucketUpper: 0.3, forcedMonotonic: false, fixedPrecision: false }
 */
export function histogramQuantileDetailed(q: number, buckets: readonly HistogramBucket[]): HistogramQuantileResult {
  return bucketQuantile("slo.histogramQuantileDetailed", q, buckets);
}

/**
 * The φ-quantile of a classic histogram, as Prometheus's `histogram_quantile`
 * returns it (linear interpolation within the bucket; see
 * {@link histogramQuantileDetailed} for the bucket and repair flags).
 * @param q the quantile φ, in [0, 1]
 * @param buckets cumulative buckets with a +Inf bucket (see {@link histogramQuantileDetailed})
 * @throws TypeError/RangeError as {@link histogramQuantileDetailed}
 * @example histogramQuantile(0.5, [{ le: 0.1, count: 50 }, { le: 0.2, count: 70 }, { le: 1, count: 110 }, { le: Infinity, count: 120 }]) // => 0.15000000000000002 (0.15 up to float rounding)
 */
export function histogramQuantile(q: number, buckets: readonly HistogramBucket[]): number {
  return bucketQuantile("slo.histogramQuantile", q, buckets).value;
}

/** Prometheus's bucketQuantile (promql/quantile.go), with errors for its NaN and ±Inf cases. */
function bucketQuantile(where: string, q: number, buckets: readonly HistogramBucket[]): HistogramQuantileResult {
  const phi = probability(where, "q", q);
  const input = array<HistogramBucket>(where, "buckets", buckets, { min: 2 });
  const sorted = input.map((b, i) => {
    object(where, `buckets[${i}]`, b);
    if (typeof b.le !== "number" || Number.isNaN(b.le)) throw typeError(where, `buckets[${i}].le`, "a number or Infinity", b.le);
    return { le: b.le, count: finite(where, `buckets[${i}].count`, b.count, { min: 0 }) };
  });
  sorted.sort((a, b) => a.le - b.le || 0);
  const highest = sorted[sorted.length - 1].le;
  if (highest !== Infinity) {
    throw rangeError(where, "the highest le", "Infinity (classic histograms end with a +Inf bucket)", highest);
  }
  const merged: { le: number; count: number }[] = [];
  for (const b of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.le === b.le) last.count += b.count;
    else merged.push({ ...b });
  }
  if (merged.length < 2) {
    throw rangeError(where, "buckets", "at least two distinct upper bounds (le), one of them finite", input);
  }
  let fixedPrecision = false;
  let previous = merged[0].count;
  for (let i = 1; i < merged.length; i++) {
    const current = merged[i].count;
    const delta = Math.abs(current - previous);
    if (delta === 0) continue;
    if (delta / current <= 1e-12) {
      merged[i].count = previous;
      fixedPrecision = true;
    } else {
      previous = current;
    }
  }
  let forcedMonotonic = false;
  let max = merged[0].count;
  for (let i = 1; i < merged.length; i++) {
    if (merged[i].count > max) max = merged[i].count;
    else if (merged[i].count < max) {
      merged[i].count = max;
      forcedMonotonic = true;
    }
  }
  const observations = merged[merged.length - 1].count;
  if (!(observations > 0)) {
    throw rangeError(where, "buckets", "a histogram with observations (a +Inf bucket count > 0)", observations);
  }
  let rank = phi * observations;
  const last = merged.length - 1;
  let b = 0;
  while (b < last && merged[b].count < rank) b++;
  const flags = { forcedMonotonic, fixedPrecision };
  if (b === last) {
    const upper = merged[last - 1].le;
    return { value: upper, bucketLower: upper, bucketUpper: Infinity, ...flags };
  }
  if (b === 0 && merged[0].le <= 0) {
    return { value: merged[0].le, bucketLower: -Infinity, bucketUpper: merged[0].le, ...flags };
  }
  const bucketLower = b > 0 ? merged[b - 1].le : 0;
  const bucketUpper = merged[b].le;
  let count = merged[b].count;
  if (b > 0) {
    count -= merged[b - 1].count;
    rank -= merged[b - 1].count;
  }
  if (count === 0) {
    throw rangeError(where, "q", `> 0 when the lowest bucket (le=${bucketUpper}) is empty (Prometheus computes 0/0 = NaN here)`, phi);
  }
  return { value: bucketLower + (bucketUpper - bucketLower) * (rank / count), bucketLower, bucketUpper, ...flags };
}

/**
 * Cumulative buckets from raw observations, as a Prometheus client library's
 * histogram would expose them: for each upper bound, the count of
 * observations <= it, plus the +Inf bucket with every observation.
 * @param observations observed values, each finite (may be empty)
 * @param upperBounds bucket upper bounds, finite, strictly increasing, at least one
 * @throws TypeError/RangeError for non-finite values or bounds not strictly increasing
 * @example bucketsFromObservations([0.05, 0.15, 0.5], [0.1, 0.2])
 *   // => [{ le: 0.1, count: 1 }, { le: 0.2, count: 2 }, { le: Infinity, count: 3 }]
 */
export function bucketsFromObservations(observations: readonly number[], upperBounds: readonly number[]): HistogramBucket[] {
  const where = "slo.bucketsFromObservations";
  const values = array<number>(where, "observations", observations, { min: 0 });
  const bounds = array<number>(where, "upperBounds", upperBounds).map((le, i, all) => {
    if (i === 0) return finite(where, "upperBounds[0]", le);
    return finite(where, `upperBounds[${i}]`, le, { min: all[i - 1] as number, minExclusive: true, minLabel: `upperBounds[${i - 1}]=${all[i - 1]}` });
  });
  const counts = new Array<number>(bounds.length + 1).fill(0);
  values.forEach((x, i) => {
    const v = finite(where, `observations[${i}]`, x);
    let k = 0;
    while (k < bounds.length && v > bounds[k]) k++;
    counts[k] += 1;
  });
  const out: HistogramBucket[] = [];
  let cumulative = 0;
  for (let k = 0; k <= bounds.length; k++) {
    cumulative += counts[k];
    out.push({ le: k < bounds.length ? bounds[k] : Infinity, count: cumulative });
  }
  return out;
}
