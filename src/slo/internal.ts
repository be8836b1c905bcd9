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

/**
 * The longest period accepted, in days: 100 Julian years. Longer periods
 * are not SLO windows, and near 1e308 the minutes overflow to Infinity.
 */
export const MAX_PERIOD_DAYS = 36_525;

/** A period in days, in (0, 36525]. */
export function periodDays(where: string, value: unknown, name = "periodDays"): number {
  return finite(where, name, value, { min: 0, minExclusive: true, max: MAX_PERIOD_DAYS });
}

/**
 * Milliseconds since the epoch of an ISO 8601 UTC time written
 * `YYYY-MM-DDTHH:MM[:SS[.fff]]Z`, or NaN when the text has another form
 * or names no real instant: `Date.parse` rolls 2025-02-30 over to
 * March 2 and accepts hour 24; both are refused here.
 * @example utcTime("2025-03-04T14:10:00Z") // => 1741097400000
 * @example utcTime("2025-02-30T00:00:00Z") // => NaN
 */
export function utcTime(text: unknown): number {
  const m = typeof text === "string" ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?Z$/.exec(text) : null;
  if (m === null) return Number.NaN;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => Number(part ?? 0));
  const t = Date.UTC(year, month - 1, day, hour, minute, second);
  const d = new Date(t);
  const real =
    d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day && d.getUTCHours() === hour && d.getUTCMinutes() === minute && d.getUTCSeconds() === second;
  return real ? t + (m[7] === undefined ? 0 : Math.floor(Number(m[7]) * 1000)) : Number.NaN;
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
