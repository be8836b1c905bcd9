/**
 * Burn rate: how fast a service spends its error budget, relative to the rate
 * that would spend exactly the whole budget over the SLO's period.
 *
 * Google SRE Workbook, ch. 5 "Alerting on SLOs":
 * - burn rate = error ratio / (1 − SLO);
 * - time to exhaustion = period / burn rate (99.9%, 30 days: burn 1 → 30 d,
 *   2 → 15 d, 10 → 3 d, 1000 → 43.2 min, which the Workbook prints as "43 minutes");
 * - the burn rate that spends a fraction f of the budget in a window w is
 *   f × period / w (2% in 1 h → 14.4; 5% in 6 h → 6; 10% in 3 d → 1).
 */
import { finite, object, probability, finiteResult } from "../internal/errors";
import { MINUTES_PER_DAY, orDefault, periodDays as checkPeriod, sloTarget } from "./internal";
import { complement } from "../internal/exact";

/**
 * Burn rate of an error ratio against an SLO: errorRatio / (1 − slo).
 * 1 spends the budget exactly over the period; 0 spends nothing.
 * @param options.errorRatio bad events / all events, a probability in [0, 1]
 * @param options.slo target as a fraction, in (0, 1)
 * @throws TypeError/RangeError for an errorRatio outside [0, 1] or an slo outside (0, 1)
 * @example burnRate({ errorRatio: 0.01, slo: 0.999 }) // => 10
 */
export function burnRate(options: { errorRatio: number; slo: number }): number {
  const where = "slo.burnRate";
  object(where, "options", options);
  const errorRatio = probability(where, "errorRatio", options.errorRatio);
  return errorRatio / complement(sloTarget(where, options.slo));
}

/**
 * Minutes until the whole budget is spent at a constant burn rate:
 * period / burnRate. A burn rate of 0 never exhausts it (Infinity).
 * @param options.burnRate burn rate, finite and >= 0
 * @param options.periodDays the SLO's period in days, in (0, 36525] (100 years); default 30
 * @returns minutes, > 0 (Infinity when burnRate is 0)
 * @throws TypeError/RangeError for a negative or non-finite burn rate or a period <= 0
 * @example timeToExhaustionMinutes({ burnRate: 1000 }) // => 43.2
 */
export function timeToExhaustionMinutes(options: { burnRate: number; periodDays?: number }): number {
  const where = "slo.timeToExhaustionMinutes";
  object(where, "options", options);
  const rate = finite(where, "burnRate", options.burnRate, { min: 0 });
  const days = checkPeriod(where, orDefault(options.periodDays, 30));
  return rate === 0 ? Infinity : (days * MINUTES_PER_DAY) / rate;
}

/**
 * The burn rate that spends `fractionOfBudget` of the budget in `windowMinutes`:
 * fractionOfBudget × period / window (SRE Workbook, "Alerting on SLOs",
 * multiwindow table).
 * @param options.fractionOfBudget fraction of the period's budget, in (0, 1]
 * @param options.windowMinutes alerting window in minutes, > 0 and <= the period
 * @param options.periodDays the SLO's period in days, in (0, 36525] (100 years); default 30
 * @throws TypeError/RangeError for a fraction outside (0, 1] or a window outside (0, period]
 * @example burnRateThreshold({ fractionOfBudget: 0.02, windowMinutes: 60 }) // => 14.4
 */
export function burnRateThreshold(options: { fractionOfBudget: number; windowMinutes: number; periodDays?: number }): number {
  const where = "slo.burnRateThreshold";
  object(where, "options", options);
  const fraction = finite(where, "fractionOfBudget", options.fractionOfBudget, { min: 0, max: 1, minExclusive: true });
  const periodMinutes = checkPeriod(where, orDefault(options.periodDays, 30)) * MINUTES_PER_DAY;
  const window = finite(where, "windowMinutes", options.windowMinutes, {
    min: 0, minExclusive: true, max: periodMinutes, maxLabel: `period=${periodMinutes}`,
  });
  return finiteResult(where, (fraction * periodMinutes) / window);
}

/**
 * Fraction of the period's budget spent by burning at `burnRate` for
 * `windowMinutes`: burnRate × window / period. The inverse of
 * {@link burnRateThreshold}.
 * @param options.burnRate burn rate, finite and >= 0
 * @param options.windowMinutes duration in minutes, finite and >= 0
 * @param options.periodDays the SLO's period in days, in (0, 36525] (100 years); default 30
 * @returns fraction of the budget, >= 0 (above 1 when overspent)
 * @throws TypeError/RangeError for negative or non-finite inputs
 * @example budgetSpentAtBurnRate({ burnRate: 14.4, windowMinutes: 60 }) // => 0.02
 */
export function budgetSpentAtBurnRate(options: { burnRate: number; windowMinutes: number; periodDays?: number }): number {
  const where = "slo.budgetSpentAtBurnRate";
  object(where, "options", options);
  const rate = finite(where, "burnRate", options.burnRate, { min: 0 });
  const window = finite(where, "windowMinutes", options.windowMinutes, { min: 0 });
  const periodMinutes = checkPeriod(where, orDefault(options.periodDays, 30)) * MINUTES_PER_DAY;
  return finiteResult(where, (rate * window) / periodMinutes);
}

/**
 * The Workbook's detection time for an alert on a window: how long a constant
 * error ratio must last before the window's burn rate reaches the threshold,
 * (1 − slo) / errorRatio × window × threshold, in continuous time. It is
 * Infinity when the error ratio never gets there (errorRatio / (1 − slo) <=
 * threshold: the alert never fires). Per-minute evaluation rounds this up to
 * the next whole minute (see {@link evaluateAlerts}).
 * @param options.errorRatio the incident's constant error ratio, in (0, 1]
 * @param options.slo target as a fraction, in (0, 1)
 * @param options.windowMinutes the alert's window in minutes, > 0
 * @param options.burnRateThreshold the alert's burn-rate threshold, > 0
 * @returns minutes, > 0, or Infinity
 * @throws TypeError/RangeError for inputs outside those ranges
 * @example detectionTimeMinutes({ errorRatio: 1, slo: 0.999, windowMinutes: 60, burnRateThreshold: 14.4 }) // => 0.864
 */
export function detectionTimeMinutes(options: { errorRatio: number; slo: number; windowMinutes: number; burnRateThreshold: number }): number {
  const where = "slo.detectionTimeMinutes";
  object(where, "options", options);
  const errorRatio = probability(where, "errorRatio", options.errorRatio, { min: 0, max: 1, minExclusive: true });
  const budget = complement(sloTarget(where, options.slo));
  const window = finite(where, "windowMinutes", options.windowMinutes, { min: 0, minExclusive: true });
  const threshold = finite(where, "burnRateThreshold", options.burnRateThreshold, { min: 0, minExclusive: true });
  if (errorRatio / budget <= threshold) return Infinity;
  return (budget / errorRatio) * window * threshold;
}
