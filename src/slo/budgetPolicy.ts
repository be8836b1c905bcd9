/**
 * Error-budget policy: what a team does given the budget it has left.
 *
 * Two policies are modelled:
 * - the course's action table (§5 "Actions based on budget"), by budget
 *   remaining: > 50% ship aggressively; 20–50% ship with caution; 10–20%
 *   focus on reliability; < 10% feature freeze; 0% emergency;
 * - the SRE Workbook's example policy (Appendix B, "Example Error Budget
 *   Policy"): if the service has exceeded its error budget for the preceding
 *   four-week window, halt all changes and releases other than P0 issues or
 *   security fixes; a single incident that consumes more than 20% of the
 *   four-week budget needs a postmortem with at least one P0 action item.
 *
 * The course's bands overlap at their edges ("20–50%" and "10–20%" both
 * contain 20%). This module resolves them so that every band is
 * [lower, upper) except where the course writes a strict bound:
 * - remaining <= 0 (exhausted or overspent) → emergency;
 * - 0 < remaining < 10% → feature freeze ("< 10%" is strict);
 * - 10% <= remaining < 20% → focus on reliability;
 * - 20% <= remaining <= 50% → ship with caution (50% itself is not "> 50%");
 * - remaining > 50% → ship aggressively.
 * Remaining is rounded to 12 decimal places before banding, so that
 * 1 − 0.8 (0.19999999999999996 in binary) counts as exactly 20%.
 */
import { array, finite, integer, object, rangeError, typeError } from "../internal/errors";
import { type Incident, checkIncident } from "./incidents";
import { MINUTES_PER_DAY, orDefault, sloTarget, utcTime } from "./internal";
import { complement } from "../internal/exact";

/** The course's five bands. */
export type BudgetBand = "ship-aggressively" | "ship-with-caution" | "focus-on-reliability" | "feature-freeze" | "emergency";

/** One row of the course's action table. */
export interface BudgetActionRow {
  readonly band: BudgetBand;
  /** The course's wording of the budget range. */
  readonly budgetRemaining: string;
  /** The precise interval this module uses. */
  readonly interval: string;
  /** The course's action. */
  readonly action: string;
}

/** The course's action table with the precise boundaries used here. */
export const BUDGET_ACTIONS: readonly BudgetActionRow[] = [
  { band: "ship-aggressively", budgetRemaining: "> 50%", interval: "(0.5, 1]", action: "Ship new features aggressively" },
  { band: "ship-with-caution", budgetRemaining: "20-50%", interval: "[0.2, 0.5]", action: "Ship features with caution" },
  { band: "focus-on-reliability", budgetRemaining: "10-20%", interval: "[0.1, 0.2)", action: "Focus on reliability" },
  { band: "feature-freeze", budgetRemaining: "< 10%", interval: "(0, 0.1)", action: "Feature freeze, fix bugs only" },
  { band: "emergency", budgetRemaining: "0%", interval: "(-inf, 0]", action: "Emergency: rollback, incident" },
];

/**
 * The course's action for the budget remaining (see the module comment for
 * the exact boundaries at 50%, 20%, 10% and 0%).
 * @param remainingFraction budget remaining as a fraction, finite and <= 1 (negative when overspent)
 * @throws TypeError/RangeError when not finite or above 1
 * @example budgetAction(0.3).action // => "Ship features with caution"
 */
export function budgetAction(remainingFraction: number): BudgetActionRow {
  const remaining = finite("slo.budgetAction", "remainingFraction", remainingFraction, { max: 1 });
  const r = Math.round(remaining * 1e12) / 1e12;
  const index = r > 0.5 ? 0 : r >= 0.2 ? 1 : r >= 0.1 ? 2 : r > 0 ? 3 : 4;
  return BUDGET_ACTIONS[index];
}

/** Budget an incident spent, against a rolling window's budget. */
export interface IncidentCost {
  readonly id: string;
  readonly startUtc: string;
  readonly severity: Incident["severity"];
  /** impactMinutes × errorRatio. */
  readonly badMinutes: number;
  /** badMinutes / the window's budget minutes. */
  readonly budgetSpent: number;
  /** True when budgetSpent > 20% (the Workbook's postmortem rule). */
  readonly postmortemRequired: boolean;
}

/** The state of the policy at one moment. */
export interface PolicyEvaluation {
  readonly asOfUtc: string;
  readonly slo: number;
  readonly windowDays: number;
  /** The window's budget in minutes of full outage: (1 − slo) × windowDays × 1440. */
  readonly budgetMinutes: number;
  /** Incidents that started in (asOf − window, asOf]. */
  readonly incidents: readonly IncidentCost[];
  /** Sum of the window's incidents' budgetSpent (may exceed 1). */
  readonly consumed: number;
  /** 1 − consumed. */
  readonly remaining: number;
  /** Workbook: the budget of the preceding window is exceeded (consumed > 1), so halt all changes but P0 and security fixes. */
  readonly haltChanges: boolean;
  /** Workbook: ids of the window's incidents that each spent more than 20% of the budget. */
  readonly postmortemsRequired: readonly string[];
  /** The course's action for `remaining`. */
  readonly action: BudgetActionRow;
}

/**
 * Evaluates the error-budget policies as of a moment, over the incidents that
 * started in the preceding window (default four weeks, as in the Workbook).
 * An incident spends impactMinutes × errorRatio minutes of the window's
 * budget (1 − slo) × window. Availability outside incidents is assumed perfect.
 * @param options.incidents the incident log (see {@link loadIncidents}); may be empty
 * @param options.slo availability target as a fraction, in (0, 1)
 * @param options.asOfUtc the moment of evaluation, ISO 8601 UTC (e.g. "2025-03-31T00:00:00Z")
 * @param options.windowDays rolling window in days, integer >= 1; default 28
 * @throws TypeError/RangeError for a malformed incident, slo, time or window
 * @example evaluateBudgetPolicy({ incidents: loadIncidents(), slo: 0.999, asOfUtc: "2025-03-31T00:00:00Z" }).haltChanges // => true
 */
export function evaluateBudgetPolicy(options: { incidents: readonly Incident[]; slo: number; asOfUtc: string; windowDays?: number }): PolicyEvaluation {
  const where = "slo.evaluateBudgetPolicy";
  object(where, "options", options);
  const slo = sloTarget(where, options.slo);
  const windowDays = integer(where, "windowDays", orDefault(options.windowDays, 28), { min: 1 });
  const asOf = parseUtc(where, "asOfUtc", options.asOfUtc);
  const incidents = array<Incident>(where, "incidents", options.incidents, { min: 0 }).map((inc, i) => checkIncident(where, inc, `incidents[${i}]`));
  return evaluateAt(incidents, slo, windowDays, asOf);
}

/**
 * Every incident's cost against the rolling window's budget, with the
 * Workbook's postmortem rule (> 20% of the four-week budget) applied.
 * @param options.incidents the incident log; may be empty
 * @param options.slo availability target as a fraction, in (0, 1)
 * @param options.windowDays window in days, integer >= 1; default 28
 * @throws TypeError/RangeError for a malformed incident, slo or window
 * @example incidentCosts({ incidents: loadIncidents(), slo: 0.999 }).filter((c) => c.postmortemRequired).length // => 4
 */
export function incidentCosts(options: { incidents: readonly Incident[]; slo: number; windowDays?: number }): IncidentCost[] {
  const where = "slo.incidentCosts";
  object(where, "options", options);
  const slo = sloTarget(where, options.slo);
  const windowDays = integer(where, "windowDays", orDefault(options.windowDays, 28), { min: 1 });
  const budgetMinutes = complement(slo) * windowDays * MINUTES_PER_DAY;
  return array<Incident>(where, "incidents", options.incidents, { min: 0 }).map((inc, i) => cost(checkIncident(where, inc, `incidents[${i}]`), budgetMinutes));
}

/**
 * The policy evaluated at midnight UTC of every day from `fromUtc` to `toUtc`
 * (inclusive): how the rolling budget and the required action change over time.
 * @param options.incidents the incident log; may be empty
 * @param options.slo availability target as a fraction, in (0, 1)
 * @param options.fromUtc first day, ISO 8601 UTC; its time of day is ignored
 * @param options.toUtc last day, ISO 8601 UTC, not before fromUtc, at most 3660 days later
 * @param options.windowDays rolling window in days, integer >= 1; default 28
 * @throws TypeError/RangeError for malformed inputs or a reversed range
 * @example policyTimeline({ incidents: loadIncidents(), slo: 0.999, fromUtc: "2025-01-01T00:00:00Z", toUtc: "2025-06-30T00:00:00Z" }).length // => 181
 */
export function policyTimeline(options: { incidents: readonly Incident[]; slo: number; fromUtc: string; toUtc: string; windowDays?: number }): PolicyEvaluation[] {
  const where = "slo.policyTimeline";
  object(where, "options", options);
  const slo = sloTarget(where, options.slo);
  const windowDays = integer(where, "windowDays", orDefault(options.windowDays, 28), { min: 1 });
  const dayMs = MINUTES_PER_DAY * 60_000;
  const from = Math.floor(parseUtc(where, "fromUtc", options.fromUtc) / dayMs) * dayMs;
  const to = Math.floor(parseUtc(where, "toUtc", options.toUtc) / dayMs) * dayMs;
  const days = (to - from) / dayMs;
  if (days < 0 || days > 3660) {
    throw rangeError(where, "toUtc", `a day in [fromUtc, fromUtc + 3660 days] (fromUtc=${new Date(from).toISOString()})`, options.toUtc);
  }
  const incidents = array<Incident>(where, "incidents", options.incidents, { min: 0 }).map((inc, i) => checkIncident(where, inc, `incidents[${i}]`));
  const out: PolicyEvaluation[] = [];
  for (let d = 0; d <= days; d++) out.push(evaluateAt(incidents, slo, windowDays, from + d * dayMs));
  return out;
}

function evaluateAt(incidents: readonly Incident[], slo: number, windowDays: number, asOf: number): PolicyEvaluation {
  const budgetMinutes = complement(slo) * windowDays * MINUTES_PER_DAY;
  const windowStart = asOf - windowDays * MINUTES_PER_DAY * 60_000;
  const inWindow = incidents
    .filter((inc) => {
      const t = Date.parse(inc.startUtc);
      return t > windowStart && t <= asOf;
    })
    .map((inc) => cost(inc, budgetMinutes));
  const consumed = inWindow.reduce((s, c) => s + c.budgetSpent, 0);
  const remaining = 1 - consumed;
  return {
    asOfUtc: new Date(asOf).toISOString(),
    slo,
    windowDays,
    budgetMinutes,
    incidents: inWindow,
    consumed,
    remaining,
    haltChanges: consumed > 1,
    postmortemsRequired: inWindow.filter((c) => c.postmortemRequired).map((c) => c.id),
    action: budgetAction(Math.min(1, remaining)),
  };
}

function cost(inc: Incident, budgetMinutes: number): IncidentCost {
  const bad = inc.impactMinutes * inc.errorRatio;
  const budgetSpent = bad / budgetMinutes;
  return { id: inc.id, startUtc: inc.startUtc, severity: inc.severity, badMinutes: bad, budgetSpent, postmortemRequired: budgetSpent > 0.2 };
}

function parseUtc(where: string, name: string, value: unknown): number {
  const t = utcTime(value);
  if (Number.isNaN(t)) {
    const make = typeof value === "string" ? rangeError : typeError;
    throw make(where, name, "an ISO 8601 UTC time like 2025-03-31T00:00:00Z", value);
  }
  return t;
}
