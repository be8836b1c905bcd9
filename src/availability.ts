/**
 * Availability arithmetic: allowed downtime for a target, "nines", and the
 * availability of components composed in series, in parallel and as N+k
 * redundant groups.
 *
 * Periods follow the Google SRE book, Appendix A ("Availability Table"): a
 * 30-day month, a 90-day quarter and a 365-day year. Cloud pricing uses a
 * 730-hour month (8760 h / 12); pass `month: "730-hour"` for that.
 */
import { array, finite, integer, object, oneOf, probability } from "./internal/errors";
import { decimal } from "./internal/exact";
import { duration } from "./internal/format";

/** A period over which a downtime budget is counted. */
export type Period = "hour" | "day" | "week" | "month" | "quarter" | "year";

/** How long a month is: the SRE book's 30 days (720 h) or cloud pricing's 730 h. */
export type MonthConvention = "30-day" | "730-hour";

const PERIODS: readonly Period[] = ["hour", "day", "week", "month", "quarter", "year"];
const MONTHS: readonly MonthConvention[] = ["30-day", "730-hour"];

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * Length of a period in seconds.
 *
 * An hour is 3600 s, a day 86 400 s, a week 7 days and a year 365 days. A
 * month is 30 days (SRE book) or 730 hours (cloud pricing); a quarter is
 * three months (90 days, or 2190 hours with the 730-hour month).
 * @param period one of "hour", "day", "week", "month", "quarter", "year"
 * @param month month convention, "30-day" (default) or "730-hour"
 * @returns the period's length in seconds
 * @throws RangeError or TypeError when `period` or `month` is not one of the allowed strings
 * @example periodSeconds("month") // => 2592000
 * @example periodSeconds("month", "730-hour") // => 2628000
 */
export function periodSeconds(period: Period, month: MonthConvention = "30-day"): number {
  const where = "availability.periodSeconds";
  oneOf(where, "period", period, PERIODS);
  oneOf(where, "month", month, MONTHS);
  return periodLength(period, month);
}

function periodLength(period: Period, month: MonthConvention): number {
  const monthSeconds = month === "730-hour" ? 730 * HOUR : 30 * DAY;
  switch (period) {
    case "hour":
      return HOUR;
    case "day":
      return DAY;
    case "week":
      return 7 * DAY;
    case "month":
      return monthSeconds;
    case "quarter":
      return 3 * monthSeconds;
    case "year":
      return 365 * DAY;
  }
}

/** An amount of downtime, in several units, plus a short human-readable form. */
export interface Downtime {
  readonly seconds: number;
  readonly minutes: number;
  readonly hours: number;
  readonly days: number;
  /** Three significant figures in the largest unit that keeps the number >= 1: `"43.2 min"`. */
  readonly text: string;
}

/** Options of {@link allowedDowntime}. */
export interface AllowedDowntimeOptions {
  /** Availability target as a ratio in [0, 1], e.g. 0.999 for 99.9 %. */
  readonly target: number;
  /** The period the budget covers. */
  readonly period: Period;
  /** Month convention, "30-day" (SRE book, default) or "730-hour" (cloud pricing). */
  readonly month?: MonthConvention;
}

/**
 * Downtime a target allows over a period: (1 − target) × period length
 * (Google SRE book, Appendix A, with its 30-day month and 365-day year).
 * @param options.target availability ratio in [0, 1] (0.999 for "three nines")
 * @param options.period "hour", "day", "week", "month", "quarter" or "year"
 * @param options.month "30-day" (default) or "730-hour"
 * @returns the allowed downtime in seconds, minutes, hours and days, and as text
 * @throws TypeError when `target` is not a finite number; RangeError when it is outside [0, 1]
 *   or `period`/`month` is not one of the allowed strings
 * @example allowedDowntime({ target: 0.999, period: "month" }).text // => "43.2 min"
 * @example allowedDowntime({ target: 0.999, period: "month", month: "730-hour" }).minutes // => 43.8
 * @example allowedDowntime({ target: 0.999, period: "year" }).hours // => 8.76
 */
export function allowedDowntime(options: AllowedDowntimeOptions): Downtime {
  const where = "availability.allowedDowntime";
  object(where, "options", options);
  const target = probability(where, "target", options.target);
  const period = oneOf(where, "period", options.period, PERIODS);
  const month = oneOf(where, "month", options.month ?? "30-day", MONTHS);
  // Decimal arithmetic so that 0.999 means exactly 0.999: 43.2 min, not 43.200000000000045.
  const seconds = decimal(1).minus(decimal(target)).times(periodLength(period, month)).toNumber();
  return downtime(seconds);
}

function downtime(seconds: number): Downtime {
  return {
    seconds,
    minutes: seconds / 60,
    hours: seconds / HOUR,
    days: seconds / DAY,
    text: duration(seconds, "s"),
  };
}

/** Options of {@link achievedAvailability}. */
export interface AchievedAvailabilityOptions {
  /** Downtime observed in the period, seconds, in [0, period length]. */
  readonly downtimeSeconds: number;
  /** The period observed. */
  readonly period: Period;
  /** Month convention, "30-day" (default) or "730-hour". */
  readonly month?: MonthConvention;
}

/**
 * Availability achieved over a period with a given downtime:
 * 1 − downtime / period length. The inverse of {@link allowedDowntime}.
 * @param options.downtimeSeconds downtime in seconds, in [0, period length]
 * @param options.period "hour", "day", "week", "month", "quarter" or "year"
 * @param options.month "30-day" (default) or "730-hour"
 * @returns availability ratio in [0, 1]
 * @throws TypeError when `downtimeSeconds` is not a finite number; RangeError when it is
 *   negative or longer than the period
 * @example achievedAvailability({ downtimeSeconds: 2592, period: "month" }) // => 0.999
 */
export function achievedAvailability(options: AchievedAvailabilityOptions): number {
  const where = "availability.achievedAvailability";
  object(where, "options", options);
  const period = oneOf(where, "period", options.period, PERIODS);
  const month = oneOf(where, "month", options.month ?? "30-day", MONTHS);
  const length = periodLength(period, month);
  const downtimeSeconds = finite(where, "downtimeSeconds", options.downtimeSeconds, {
    min: 0,
    max: length,
    maxLabel: `${length} (one ${period})`,
  });
  return decimal(1).minus(decimal(downtimeSeconds).div(length)).toNumber();
}

/**
 * Number of nines of an availability ratio: −log10(1 − ratio). The ratio is
 * read as the decimal it is written as, so 0.999 gives exactly 3.
 * @param ratio availability in [0, 1) (1 would be infinitely many nines)
 * @returns nines, >= 0 (may be fractional: 0.9995 gives 3.30…)
 * @throws TypeError when `ratio` is not a finite number; RangeError when it is outside [0, 1)
 * @example nines(0.999) // => 3
 * @example nines(0.9995) // => 3.3010299956639813
 */
export function nines(ratio: number): number {
  const r = probability("availability.nines", "ratio", ratio, { min: 0, max: 1, maxExclusive: true });
  const downFraction = decimal(1).minus(decimal(r));
  return downFraction.log(10).neg().toNumber() + 0; // + 0 turns -0 (ratio 0) into 0
}

/**
 * Availability ratio with a given number of nines: 1 − 10^(−nines).
 * @param count nines, a finite number >= 0 (fractional allowed: 3.5 → 0.99968…)
 * @returns availability ratio in [0, 1)
 * @throws TypeError when `count` is not a finite number; RangeError when it is negative or above 15
 *   (beyond that a double rounds the answer to 1)
 * @example ratioFromNines(3) // => 0.999
 * @example ratioFromNines(3.5) // => 0.9996837722339832
 */
export function ratioFromNines(count: number): number {
  const n = finite("availability.ratioFromNines", "count", count, { min: 0, max: 15 });
  return decimal(1).minus(decimal(10).pow(-n)).toNumber();
}

function availabilities(where: string, name: string, values: unknown): readonly number[] {
  const list = array<number>(where, name, values);
  list.forEach((a, i) => probability(where, `${name}[${i}]`, a));
  return list;
}

/**
 * Availability of components in series, where every one must be up:
 * the product of their availabilities (independent failures; AWS
 * Well-Architected, Reliability Pillar, "Calculating availability with hard
 * dependencies").
 * @param components availability of each component, each in [0, 1]; at least one
 * @returns availability in [0, 1], never above the least available component
 * @throws TypeError when `components` is not an array or an element is not a finite number;
 *   RangeError when it is empty or an element is outside [0, 1]
 * @example series([0.999, 0.999]) // => 0.998001
 */
export function series(components: readonly number[]): number {
  const list = availabilities("availability.series", "components", components);
  let product = 1;
  for (const a of list) product *= a;
  return product;
}

/**
 * Availability of redundant components in parallel, where one being up is
 * enough: 1 − Π(1 − aᵢ) (independent failures; AWS Well-Architected,
 * Reliability Pillar, "Calculating availability with redundant components").
 * @param components availability of each redundant copy, each in [0, 1]; at least one
 * @returns availability in [0, 1], never below the most available component
 * @throws TypeError when `components` is not an array or an element is not a finite number;
 *   RangeError when it is empty or an element is outside [0, 1]
 * @example parallel([0.99, 0.99]) // => 0.9999
 */
export function parallel(components: readonly number[]): number {
  const list = availabilities("availability.parallel", "components", components);
  let allDown = 1;
  for (const a of list) allDown *= 1 - a;
  // 1 − allDown can round a hair below the best component; the law is exact.
  // A loop, not Math.max(...list): spreading 300,000 arguments overflows the stack.
  return list.reduce((best, a) => Math.max(best, a), 1 - allDown);
}

/** Options of {@link atLeast}. */
export interface AtLeastOptions {
  /** Components that must be up, integer in [0, total]. */
  readonly required: number;
  /** Identical independent components, integer >= 1. */
  readonly total: number;
  /** Availability of each component, in [0, 1]. */
  readonly availability: number;
}

/**
 * Probability that at least `required` of `total` identical, independent
 * components are up: the upper tail of a binomial distribution,
 * Σ_{i=required}^{total} C(total, i) aⁱ (1 − a)^(total − i).
 * @param options.required components needed, integer in [0, total]
 * @param options.total components present, integer in [1, 100000]
 * @param options.availability each component's availability, in [0, 1]
 * @returns probability in [0, 1]
 * @throws TypeError when a value is not a finite number; RangeError when it is out of range
 * @example atLeast({ required: 2, total: 3, availability: 0.9 }) // => 0.972
 */
export function atLeast(options: AtLeastOptions): number {
  const where = "availability.atLeast";
  object(where, "options", options);
  const total = integer(where, "total", options.total, { min: 1, max: 100_000 });
  const required = integer(where, "required", options.required, { min: 0, max: total, maxLabel: `total=${total}` });
  const p = probability(where, "availability", options.availability);
  return binomialUpperTail(required, total, p);
}

/** Options of {@link nPlusK}. */
export interface NPlusKOptions {
  /** Components needed to carry the load, integer >= 1. */
  readonly n: number;
  /** Spare components, integer >= 0. */
  readonly k: number;
  /** Availability of each component, in [0, 1]. */
  readonly availability: number;
}

/**
 * Availability of an N+k redundant group: N components carry the load and
 * k are spares, so the group is up while at least N of the N+k are up
 * (binomial, independent failures).
 * @param options.n components needed, integer in [1, 100000]
 * @param options.k spares, integer in [0, 100000 − n]
 * @param options.availability each component's availability, in [0, 1]
 * @returns availability in [0, 1]
 * @throws TypeError when a value is not a finite number; RangeError when it is out of range
 * @example nPlusK({ n: 2, k: 1, availability: 0.99 }) // => 0.999702
 */
export function nPlusK(options: NPlusKOptions): number {
  const where = "availability.nPlusK";
  object(where, "options", options);
  const n = integer(where, "n", options.n, { min: 1, max: 100_000 });
  const k = integer(where, "k", options.k, { min: 0, max: 100_000 - n, maxLabel: `100000 - n=${100_000 - n}` });
  const p = probability(where, "availability", options.availability);
  return binomialUpperTail(n, n + k, p);
}

/**
 * P(X >= m) for X ~ Binomial(total, p). Sums whichever tail is smaller and subtracts it from
 * 1 only when that is the lower tail, so results near 1 keep their nines.
 */
function binomialUpperTail(m: number, total: number, p: number): number {
  if (m <= 0) return 1;
  if (m > total) return 0;
  if (p === 0) return 0;
  if (p === 1) return 1;
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  const logFact = logFactorials(total);
  const term = (i: number): number =>
    Math.exp(logFact[total] - logFact[i] - logFact[total - i] + i * logP + (total - i) * logQ);
  const mean = total * p;
  if (m > mean) {
    let upper = 0;
    for (let i = total; i >= m; i--) upper += term(i);
    return clamp01(upper);
  }
  let lower = 0;
  for (let i = 0; i < m; i++) lower += term(i);
  return clamp01(1 - lower);
}

function logFactorials(n: number): Float64Array {
  const table = new Float64Array(n + 1);
  for (let i = 2; i <= n; i++) table[i] = table[i - 1] + Math.log(i);
  return table;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
