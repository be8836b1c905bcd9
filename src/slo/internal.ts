/**
 * Helpers shared by the slo modules. Not re-exported from `slo/index.ts`:
 * notebooks never import it.
 */
import { finite, rangeError, typeError } from "../internal/errors";

/** Minutes in a day. */
export const MINUTES_PER_DAY = 1440;

/**
 * An SLO target as a fraction, strictly between 0 and 1: a 100% SLO has no
 * error budget, so every budget formula would divide by zero.
 */
export function sloTarget(where: string, value: unknown, name = "slo"): number {
  return finite(where, name, value, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
}

/** A period in days, > 0. */
export function periodDays(where: string, value: unknown, name = "periodDays"): number {
  return finite(where, name, value, { min: 0, minExclusive: true });
}

/** An optional value: the default when `undefined`. */
export function orDefault<T>(value: T | undefined, fallback: T): T {
  return value === undefined ? fallback : value;
}

/** Per-minute good/total counts, as arrays or typed arrays of equal length. */
export interface SliSeries {
  /** Good events in each minute (requests served within the SLI's definition of good). */
  readonly good: ArrayLike<number>;
  /** All valid events in each minute. */
  readonly total: ArrayLike<number>;
}

/**
 * Checks a series: equal lengths, at least one minute, every count finite and
 * 0 <= good[i] <= total[i]. Returns the per-minute bad counts and totals as
 * prefix sums (`length + 1` entries, starting at 0).
 */
export function seriesPrefixSums(where: string, series: unknown): { bad: Float64Array; total: Float64Array; length: number } {
  if (typeof series !== "object" || series === null || Array.isArray(series)) {
    throw typeError(where, "series", "an object with good and total arrays", series);
  }
  const { good, total } = series as { good?: unknown; total?: unknown };
  if (!isArrayLike(good)) throw typeError(where, "series.good", "an array of counts", good);
  if (!isArrayLike(total)) throw typeError(where, "series.total", "an array of counts", total);
  const n = total.length;
  if (good.length !== n) {
    throw rangeError(where, "series.good", `an array of the same length as series.total (${n})`, good);
  }
  if (n === 0) throw rangeError(where, "series.total", "an array with length >= 1", total);
  const bad = new Float64Array(n + 1);
  const all = new Float64Array(n + 1);
  let badSum = 0;
  let allSum = 0;
  for (let i = 0; i < n; i++) {
    const g = good[i] as number;
    const t = total[i] as number;
    // One comparison chain catches NaN, Infinity, negatives and good > total.
    if (typeof t !== "number" || !(t >= 0 && t < Infinity)) {
      const make = typeof t === "number" && t < 0 && t > -Infinity ? rangeError : typeError;
      throw make(where, `series.total[${i}]`, "a finite number >= 0", t);
    }
    if (typeof g !== "number" || !(g >= 0 && g <= t)) {
      const make = typeof g === "number" && Number.isFinite(g) ? rangeError : typeError;
      throw make(where, `series.good[${i}]`, `a finite number in [0, total[${i}]=${t}]`, g);
    }
    badSum += t - g;
    allSum += t;
    bad[i + 1] = badSum;
    all[i + 1] = allSum;
  }
  return { bad, total: all, length: n };
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}
