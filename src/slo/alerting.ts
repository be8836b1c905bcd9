/**
 * Multiwindow, multi-burn-rate alerting over a per-minute SLI series
 * (Google SRE Workbook, ch. 5 "Alerting on SLOs", section 6).
 *
 * A rule fires at minute t when the burn rate over its long window AND over
 * its short window (1/12 of the long one) both exceed its threshold, and it
 * resets at the first minute where that stops being true. The Workbook's
 * recommended configuration for a 99.9% SLO:
 *
 * | severity | long window | short window | burn rate | budget spent |
 * |---|---|---|---|---|
 * | page | 1 h | 5 min | 14.4 | 2% |
 * | page | 6 h | 30 min | 6 | 5% |
 * | ticket | 3 d | 6 h | 1 | 10% |
 *
 * Conventions of this implementation:
 * - minute t holds the counts for the interval [t, t+1), and rules are
 *   evaluated at the end of each minute, over the minutes (t − w, t];
 * - a window is clipped at the start of the series (it covers the minutes
 *   there are, as a Prometheus range selector does at the start of the data);
 * - a window with no traffic has error ratio 0 and never fires;
 * - "exceed" is strict: errors > threshold × (1 − slo) × total, compared
 *   without dividing, as the Workbook's `ratio_rate1h > (14.4*0.001)` does.
 *
 * Windows come from prefix sums (Float64Array cumulative counts), so every
 * rule costs O(n) whatever its window: a year of minutes (525,600) takes a
 * few milliseconds for all three rules. With integer counts the prefix sums
 * are exact (below 2^53), so the result equals a per-window recomputation.
 */
import { array, finite, integer, nonEmptyString, object, oneOf, rangeError } from "../internal/errors";
import { burnRateThreshold } from "./burnRate";
import { MINUTES_PER_DAY, orDefault, periodDays as checkPeriod, seriesPrefixSums, type SliSeries, sloTarget } from "./internal";
import { complement } from "../internal/exact";

export type { SliSeries } from "./internal";

/** One multiwindow burn-rate alert rule. */
export interface AlertRule {
  /** A short label, e.g. `"page 1h/5m @14.4"`. */
  readonly name: string;
  /** Whom it notifies: a page wakes someone, a ticket waits for working hours. */
  readonly severity: "page" | "ticket";
  /** Long window in minutes (integer >= 1). */
  readonly longWindowMinutes: number;
  /** Short window in minutes (integer in [1, longWindowMinutes]). */
  readonly shortWindowMinutes: number;
  /** Burn rate both windows must exceed (> 0). */
  readonly burnRateThreshold: number;
}

/**
 * Builds a multiwindow rule that fires when `fractionOfBudget` of the budget
 * would be spent within the long window; the threshold is
 * fractionOfBudget × period / longWindow and the short window defaults to
 * 1/12 of the long one (the Workbook's recommendation), rounded to a minute.
 * @param options.severity "page" or "ticket"
 * @param options.fractionOfBudget fraction of the period's budget, in (0, 1]
 * @param options.longWindowMinutes integer in [1, period in minutes]
 * @param options.shortWindowMinutes integer in [1, longWindowMinutes]; default round(long / 12), at least 1
 * @param options.periodDays the SLO's period in days, in (0, 36525] (100 years); default 30
 * @param options.name label; default e.g. "page 1h/5m @14.4"
 * @throws TypeError/RangeError for values outside those ranges
 * @example multiwindowRule({ severity: "page", fractionOfBudget: 0.02, longWindowMinutes: 60 })
 *   // => { severity: "page", longWindowMinutes: 60, shortWindowMinutes: 5, burnRateThreshold: 14.4, … } (named "page 1h/5m" and its threshold)
 */
export function multiwindowRule(options: {
  severity: "page" | "ticket";
  fractionOfBudget: number;
  longWindowMinutes: number;
  shortWindowMinutes?: number;
  periodDays?: number;
  name?: string;
}): AlertRule {
  const where = "slo.multiwindowRule";
  object(where, "options", options);
  const severity = oneOf(where, "severity", options.severity, ["page", "ticket"] as const);
  const fraction = finite(where, "fractionOfBudget", options.fractionOfBudget, { min: 0, max: 1, minExclusive: true });
  const days = checkPeriod(where, orDefault(options.periodDays, 30));
  const periodMinutes = days * MINUTES_PER_DAY;
  const longWindow = integer(where, "longWindowMinutes", options.longWindowMinutes, { min: 1, max: periodMinutes, maxLabel: `period=${periodMinutes}` });
  const shortWindow = integer(where, "shortWindowMinutes", orDefault(options.shortWindowMinutes, Math.max(1, Math.round(longWindow / 12))), {
    min: 1, max: longWindow, maxLabel: `longWindowMinutes=${longWindow}`,
  });
  const threshold = burnRateThreshold({ fractionOfBudget: fraction, windowMinutes: longWindow, periodDays: days });
  const name = options.name === undefined
    ? `${severity} ${formatWindow(longWindow)}/${formatWindow(shortWindow)} @${Number(threshold.toPrecision(6))}`
    : nonEmptyString(where, "name", options.name);
  return { name, severity, longWindowMinutes: longWindow, shortWindowMinutes: shortWindow, burnRateThreshold: threshold };
}

/**
 * The SRE Workbook's recommended multiwindow, multi-burn-rate rules for a
 * 99.9% SLO over 30 days ("Alerting on SLOs", recommended parameters):
 * page at 14.4 over 1 h and 5 min (2% of the budget), page at 6 over 6 h and
 * 30 min (5%), ticket at 1 over 3 d and 6 h (10%).
 * @param periodDays the SLO's period in days, in (0, 36525] (100 years); default 30. The thresholds
 *   scale with it (a 28-day period gives 13.44, 5.6, 0.9333…).
 * @throws TypeError/RangeError for a period <= 0 or shorter than 3 days
 * @example workbookAlertRules().map((r) => r.burnRateThreshold) // => [14.4, 6, 1]
 */
export function workbookAlertRules(periodDays = 30): AlertRule[] {
  const days = checkPeriod("slo.workbookAlertRules", periodDays);
  if (days < 3) throw rangeError("slo.workbookAlertRules", "periodDays", "a finite number >= 3 (the ticket rule's 3-day window)", days);
  return [
    multiwindowRule({ severity: "page", fractionOfBudget: 0.02, longWindowMinutes: 60, shortWindowMinutes: 5, periodDays: days }),
    multiwindowRule({ severity: "page", fractionOfBudget: 0.05, longWindowMinutes: 360, shortWindowMinutes: 30, periodDays: days }),
    multiwindowRule({ severity: "ticket", fractionOfBudget: 0.1, longWindowMinutes: 3 * MINUTES_PER_DAY, shortWindowMinutes: 360, periodDays: days }),
  ];
}

/** One period during which a rule was firing. */
export interface AlertFiring {
  /** First minute at whose end both windows exceeded the threshold. */
  readonly startMinute: number;
  /** First minute at which the condition was false again (the reset), or the series length if still firing. */
  readonly endMinute: number;
  /** True when the rule was still firing at the end of the series. */
  readonly ongoing: boolean;
}

/** An incident to measure detection against: minutes [startMinute, startMinute + durationMinutes). */
export interface IncidentWindow {
  /** First minute of the incident, integer in [0, series length). */
  readonly startMinute: number;
  /** Its length in minutes, integer >= 1. */
  readonly durationMinutes: number;
}

/** How one rule responded to one incident. */
export interface AlertDetection {
  /** The minute at which the incident started. */
  readonly incidentStartMinute: number;
  /** The first minute after the incident (start + duration, clipped to the series length). */
  readonly incidentEndMinute: number;
  /**
   * The first minute of the incident at which the rule was firing, or null
   * when it did not fire while the incident lasted (missed; a firing that
   * starts after the incident ended is a late alert, not a detection).
   */
  readonly detectedMinute: number | null;
  /**
   * Minutes from the incident's start to the evaluation that fired:
   * detectedMinute + 1 − incidentStartMinute (the rule is evaluated at the end
   * of each minute), or null when not detected.
   */
  readonly detectionDelayMinutes: number | null;
  /**
   * Bad events from the incident's start through the detecting minute, as a
   * fraction of the budget of one period at the series' mean traffic:
   * bad / ((1 − slo) × mean events per minute × period minutes). Null when not detected.
   */
  readonly incidentBudgetSpent: number | null;
  /**
   * Budget consumed over the trailing period ending at the detecting minute
   * (clipped at the series start), background errors included:
   * bad / ((1 − slo) × total) in that window. Null when not detected.
   */
  readonly periodBudgetSpent: number | null;
}

/** Everything one rule did over the series. */
export interface RuleReport {
  readonly rule: AlertRule;
  /** Every firing, in time order. */
  readonly firings: readonly AlertFiring[];
  /** Minutes spent firing. */
  readonly firingMinutes: number;
  /** 1 where the rule fired at the end of that minute, else 0. */
  readonly firing: Uint8Array;
  /** One entry per incident given, in the order given. */
  readonly detections: readonly AlertDetection[];
}

/** The result of {@link evaluateAlerts}. */
export interface AlertReport {
  readonly slo: number;
  readonly periodDays: number;
  /** Number of minutes in the series. */
  readonly minutes: number;
  readonly rules: readonly RuleReport[];
}

/**
 * Evaluates multiwindow burn-rate rules over a per-minute SLI series and
 * reports, per rule, every firing (start and reset minutes), and for each
 * incident given, the detection minute, the detection delay and the budget
 * already spent at detection. O(n) per rule via prefix sums.
 *
 * Verified against the Workbook's detection-time formula: a 100% outage at
 * 99.9% needs 14.4 × 0.001 × 60 = 0.864 minutes of full errors in the 1 h
 * window and 0.072 in the 5 min window, so with per-minute data the 1 h/5 min
 * rule fires at the end of the outage's first minute (delay 1 minute,
 * 1/43.2 = 2.3% of the budget spent).
 * @param options.series per-minute `good` and `total` counts of equal length >= 1; every count finite, 0 <= good <= total
 * @param options.slo target as a fraction, in (0, 1)
 * @param options.rules rules to evaluate; default {@link workbookAlertRules}(periodDays)
 * @param options.periodDays the SLO's period in days, in (0, 36525] (100 years); default 30
 * @param options.incidents incidents to measure detection against (e.g. a
 *   {@link syntheticSeries}'s `incidents`): startMinute in [0, series length), durationMinutes >= 1
 * @throws TypeError/RangeError for an invalid series, slo, rule, period or incident
 * @example
 * const total = new Array(120).fill(1000);
 * const good = total.map((t, i) => (i >= 90 ? 0 : t)); // full outage from minute 90
 * evaluateAlerts({ series: { good, total }, slo: 0.999, incidents: [{ startMinute: 90, durationMinutes: 30 }] }).rules[0].detections[0]
 * // => { incidentStartMinute: 90, incidentEndMinute: 120, detectedMinute: 90, detectionDelayMinutes: 1, incidentBudgetSpent: 0.0231…, … }
 */
export function evaluateAlerts(options: {
  series: SliSeries;
  slo: number;
  rules?: readonly AlertRule[];
  periodDays?: number;
  incidents?: readonly IncidentWindow[];
}): AlertReport {
  const where = "slo.evaluateAlerts";
  object(where, "options", options);
  const slo = sloTarget(where, options.slo);
  const days = checkPeriod(where, orDefault(options.periodDays, 30));
  if (options.rules === undefined && days < 3) {
    throw rangeError(where, "periodDays", "a finite number >= 3 with the default rules (the ticket rule's 3-day window)", days);
  }
  const rules = options.rules === undefined ? workbookAlertRules(days) : array<AlertRule>(where, "rules", options.rules);
  rules.forEach((rule, i) => checkRule(where, `rules[${i}]`, rule));
  const { bad, total, length: n } = seriesPrefixSums(where, options.series);
  const incidents = array<IncidentWindow>(where, "incidents", orDefault(options.incidents, []), { min: 0 }).map((inc, i) => {
    object(where, `incidents[${i}]`, inc);
    const start = integer(where, `incidents[${i}].startMinute`, inc.startMinute, { min: 0, max: n - 1, maxLabel: `${n - 1} (the last minute)` });
    const duration = integer(where, `incidents[${i}].durationMinutes`, inc.durationMinutes, { min: 1 });
    return { start, end: Math.min(n, start + duration) };
  });
  const budget = complement(slo);
  const periodMinutes = days * MINUTES_PER_DAY;
  const periodBudgetEvents = budget * (total[n] / n) * periodMinutes;

  const reports = rules.map((rule): RuleReport => {
    const firing = firingMask(bad, total, n, rule, budget);
    const firings = firingPeriods(firing);
    const detections = incidents.map(({ start, end }): AlertDetection => {
      const hit = firings.find((f) => f.endMinute > start);
      if (hit === undefined || hit.startMinute >= end) {
        return { incidentStartMinute: start, incidentEndMinute: end, detectedMinute: null, detectionDelayMinutes: null, incidentBudgetSpent: null, periodBudgetSpent: null };
      }
      const detected = Math.max(hit.startMinute, start);
      const incidentBad = bad[detected + 1] - bad[start];
      const from = Math.max(0, detected + 1 - periodMinutes);
      const windowTotal = total[detected + 1] - total[from];
      const windowBad = bad[detected + 1] - bad[from];
      return {
        incidentStartMinute: start,
        incidentEndMinute: end,
        detectedMinute: detected,
        detectionDelayMinutes: detected + 1 - start,
        incidentBudgetSpent: periodBudgetEvents > 0 ? incidentBad / periodBudgetEvents : 0,
        periodBudgetSpent: windowTotal > 0 ? windowBad / (budget * windowTotal) : 0,
      };
    });
    let firingMinutes = 0;
    for (const f of firings) firingMinutes += f.endMinute - f.startMinute;
    return { rule, firings, firingMinutes, firing, detections };
  });
  return { slo, periodDays: days, minutes: n, rules: reports };
}

/**
 * Burn rate over a trailing window at every minute of a series: the error
 * ratio of the minutes (t − w, t] (clipped at the series start) divided by
 * 1 − slo; 0 where the window has no traffic. O(n) via prefix sums. For plots
 * of the quantity each alert rule compares with its threshold.
 * @param options.series per-minute `good` and `total` counts (see {@link evaluateAlerts})
 * @param options.slo target as a fraction, in (0, 1)
 * @param options.windowMinutes trailing window, integer >= 1
 * @throws TypeError/RangeError for an invalid series, slo or window
 * @example burnRateSeries({ series: { good: [1000, 990], total: [1000, 1000] }, slo: 0.999, windowMinutes: 2 }) // => Float64Array.from([0, 5])
 */
export function burnRateSeries(options: { series: SliSeries; slo: number; windowMinutes: number }): Float64Array {
  const where = "slo.burnRateSeries";
  object(where, "options", options);
  const budget = complement(sloTarget(where, options.slo));
  const window = integer(where, "windowMinutes", options.windowMinutes, { min: 1 });
  const { bad, total, length: n } = seriesPrefixSums(where, options.series);
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const from = t + 1 > window ? t + 1 - window : 0;
    const events = total[t + 1] - total[from];
    out[t] = events > 0 ? (bad[t + 1] - bad[from]) / events / budget : 0;
  }
  return out;
}

function firingMask(bad: Float64Array, total: Float64Array, n: number, rule: AlertRule, budget: number): Uint8Array {
  const long = rule.longWindowMinutes;
  const short = rule.shortWindowMinutes;
  const limit = rule.burnRateThreshold * budget;
  const out = new Uint8Array(n);
  for (let t = 0; t < n; t++) {
    const end = t + 1;
    const longFrom = end > long ? end - long : 0;
    const shortFrom = end > short ? end - short : 0;
    const longTotal = total[end] - total[longFrom];
    const shortTotal = total[end] - total[shortFrom];
    if (
      longTotal > 0 && shortTotal > 0 &&
      bad[end] - bad[longFrom] > limit * longTotal &&
      bad[end] - bad[shortFrom] > limit * shortTotal
    ) {
      out[t] = 1;
    }
  }
  return out;
}

function firingPeriods(firing: Uint8Array): AlertFiring[] {
  const out: AlertFiring[] = [];
  let start = -1;
  for (let t = 0; t < firing.length; t++) {
    if (firing[t] === 1) {
      if (start < 0) start = t;
    } else if (start >= 0) {
      out.push({ startMinute: start, endMinute: t, ongoing: false });
      start = -1;
    }
  }
  if (start >= 0) out.push({ startMinute: start, endMinute: firing.length, ongoing: true });
  return out;
}

function checkRule(where: string, name: string, rule: unknown): void {
  const r = object<AlertRule>(where, name, rule);
  const long = integer(where, `${name}.longWindowMinutes`, r.longWindowMinutes, { min: 1 });
  integer(where, `${name}.shortWindowMinutes`, r.shortWindowMinutes, { min: 1, max: long, maxLabel: `longWindowMinutes=${long}` });
  finite(where, `${name}.burnRateThreshold`, r.burnRateThreshold, { min: 0, minExclusive: true });
}

function formatWindow(minutes: number): string {
  if (minutes % MINUTES_PER_DAY === 0) return `${minutes / MINUTES_PER_DAY}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}
