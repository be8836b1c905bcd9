/**
 * Strategy selection: the cheapest disaster-recovery strategy that meets
 * an RTO and an RPO target, and why each other one was not chosen.
 */
import { array, finite, object, rangeError } from "../internal/errors";
import { duration, money } from "../internal/format";
import { expectedAnnualLoss } from "./loss";
import { checkStrategy, strategies, type Strategy } from "./strategies";

const MONTHS_PER_YEAR = 12;

/** Options of {@link selectStrategy}. */
export interface SelectOptions {
  /** RTO target: longest acceptable outage, minutes >= 0. */
  readonly rtoMinutes: number;
  /** RPO target: most data the business can lose, minutes >= 0. */
  readonly rpoMinutes: number;
  /** Candidates; defaults to {@link strategies}() (AWS's four). */
  readonly strategies?: readonly Strategy[];
  /**
   * The single-region production bill, USD per month > 0. With it, each
   * strategy's DR spend is (costMultiplier − 1) × this × 12 per year and
   * strategies are compared in dollars; without it, by `costMultiplier`.
   */
  readonly productionUsdPerMonth?: number;
  /** Disasters per year, >= 0 (needed with the two loss costs below). */
  readonly incidentsPerYear?: number;
  /** Cost of an hour of downtime, USD >= 0. */
  readonly downtimeUsdPerHour?: number;
  /** Cost of an hour of lost data, USD >= 0. */
  readonly dataLossUsdPerHour?: number;
}

/** How one strategy fared. */
export interface RecoveryStrategyEvaluation {
  readonly strategy: Strategy;
  readonly meetsRto: boolean;
  readonly meetsRpo: boolean;
  /** How far the strategy's RTO exceeds the target, minutes >= 0. */
  readonly rtoShortfallMinutes: number;
  readonly rpoShortfallMinutes: number;
  /** DR spend per year (only with `productionUsdPerMonth`). */
  readonly drUsdPerYear: number | null;
  /** Expected annual loss (only with incident rate and loss costs). */
  readonly expectedLossUsdPerYear: number | null;
  /** drUsdPerYear + expectedLossUsdPerYear (only with `productionUsdPerMonth`). */
  readonly totalUsdPerYear: number | null;
  readonly chosen: boolean;
  /** Why it was chosen or rejected, in words. */
  readonly reason: string;
}

/** Result of {@link selectStrategy}. */
export interface Selection {
  /** The cheapest strategy meeting both targets, or null when none does. */
  readonly chosen: RecoveryStrategyEvaluation | null;
  /** Every candidate, in the order given. */
  readonly evaluations: readonly RecoveryStrategyEvaluation[];
  /** One sentence for a report. */
  readonly summary: string;
}

/**
 * Picks the cheapest strategy whose RTO and RPO are both within the
 * targets. "Cheapest" is the DR spend plus the expected annual loss when
 * `productionUsdPerMonth` is given (loss costs optional), otherwise the
 * lowest `costMultiplier`; ties go to the shorter RTO. Every other strategy
 * gets a reason: it misses the RTO by…, misses the RPO by…, or costs more
 * by…. When none meets the targets, `chosen` is null and `summary` says
 * so (not an exception).
 * @param options targets, candidates and an optional cost model
 * @returns the choice and a verdict for every candidate
 * @throws TypeError/RangeError when a target, cost or candidate is invalid, or
 *   loss costs are given without `incidentsPerYear`
 * @example selectStrategy({ rtoMinutes: 60, rpoMinutes: 15 }).chosen?.strategy.id // => "pilot-light"
 */
export function selectStrategy(options: SelectOptions): Selection {
  const where = "dr.selectStrategy";
  object(where, "options", options);
  const rtoTarget = finite(where, "rtoMinutes", options.rtoMinutes, { min: 0 });
  const rpoTarget = finite(where, "rpoMinutes", options.rpoMinutes, { min: 0 });
  const candidates =
    options.strategies === undefined
      ? strategies()
      : array<unknown>(where, "strategies", options.strategies).map((s, i) => checkStrategy(where, `strategies[${i}]`, s));
  const production =
    options.productionUsdPerMonth === undefined
      ? null
      : finite(where, "productionUsdPerMonth", options.productionUsdPerMonth, { min: 0, minExclusive: true });
  const lossGiven = options.downtimeUsdPerHour !== undefined || options.dataLossUsdPerHour !== undefined;
  if (lossGiven && options.incidentsPerYear === undefined) {
    throw rangeError(where, "incidentsPerYear", "a finite number >= 0 when a loss cost is given", undefined);
  }
  const loss = (s: Strategy): number | null => {
    if (options.incidentsPerYear === undefined) return null;
    return expectedAnnualLoss({
      incidentsPerYear: finite(where, "incidentsPerYear", options.incidentsPerYear, { min: 0 }),
      downtimeUsdPerHour: options.downtimeUsdPerHour === undefined ? 0 : finite(where, "downtimeUsdPerHour", options.downtimeUsdPerHour, { min: 0 }),
      dataLossUsdPerHour: options.dataLossUsdPerHour === undefined ? 0 : finite(where, "dataLossUsdPerHour", options.dataLossUsdPerHour, { min: 0 }),
      rtoMinutes: s.rtoMinutes,
      rpoMinutes: s.rpoMinutes,
    }).totalUsd;
  };

  const base = candidates.map((s) => {
    const drUsdPerYear = production === null ? null : (s.costMultiplier - 1) * production * MONTHS_PER_YEAR;
    const expectedLossUsdPerYear = loss(s);
    return {
      strategy: s,
      meetsRto: s.rtoMinutes <= rtoTarget,
      meetsRpo: s.rpoMinutes <= rpoTarget,
      rtoShortfallMinutes: Math.max(0, s.rtoMinutes - rtoTarget),
      rpoShortfallMinutes: Math.max(0, s.rpoMinutes - rpoTarget),
      drUsdPerYear,
      expectedLossUsdPerYear,
      totalUsdPerYear: drUsdPerYear === null ? null : drUsdPerYear + (expectedLossUsdPerYear ?? 0),
    };
  });
  const costKey = (e: (typeof base)[number]) => e.totalUsdPerYear ?? e.strategy.costMultiplier;
  const feasible = base.filter((e) => e.meetsRto && e.meetsRpo);
  const best = feasible.reduce<(typeof base)[number] | null>(
    (acc, e) => (acc === null || costKey(e) < costKey(acc) || (costKey(e) === costKey(acc) && e.strategy.rtoMinutes < acc.strategy.rtoMinutes) ? e : acc),
    null,
  );
  const targets = `RTO ≤ ${minutes(rtoTarget)} and RPO ≤ ${minutes(rpoTarget)}`;
  const evaluations: RecoveryStrategyEvaluation[] = base.map((e) => {
    const misses: string[] = [];
    if (!e.meetsRto) misses.push(`misses RTO by ${minutes(e.rtoShortfallMinutes)} (${minutes(e.strategy.rtoMinutes)} vs ${minutes(rtoTarget)})`);
    if (!e.meetsRpo) misses.push(`misses RPO by ${minutes(e.rpoShortfallMinutes)} (${minutes(e.strategy.rpoMinutes)} vs ${minutes(rpoTarget)})`);
    let reason: string;
    if (e === best) reason = `cheapest strategy meeting ${targets}${describeCost(e)}`;
    else if (misses.length > 0) reason = misses.join("; ");
    else if (best !== null) reason = `meets both targets but costs more than ${best.strategy.name} by ${costDifference(e, best)}`;
    else reason = "meets both targets";
    return { ...e, chosen: e === best, reason };
  });
  const chosen = evaluations.find((e) => e.chosen) ?? null;
  const summary =
    chosen === null
      ? `No strategy meets ${targets}; ${closest(evaluations)}`
      : `${chosen.strategy.name} is the cheapest strategy meeting ${targets}.`;
  return { chosen, evaluations, summary };
}

/** Minutes in the project's one duration format ("30 min", "4 h"). */
function minutes(value: number): string {
  return duration(value, "min");
}

const usd = money;

function describeCost(e: { drUsdPerYear: number | null; totalUsdPerYear: number | null; strategy: Strategy }): string {
  if (e.totalUsdPerYear === null) return ` (cost ×${e.strategy.costMultiplier} of single-region production)`;
  return ` (${usd(e.totalUsdPerYear)}/year including expected loss)`;
}

function costDifference(
  e: { totalUsdPerYear: number | null; strategy: Strategy },
  best: { totalUsdPerYear: number | null; strategy: Strategy },
): string {
  if (e.totalUsdPerYear !== null && best.totalUsdPerYear !== null) return `${usd(e.totalUsdPerYear - best.totalUsdPerYear)}/year`;
  return `${Number((e.strategy.costMultiplier - best.strategy.costMultiplier).toPrecision(6))}× the production bill`;
}

function closest(evaluations: readonly RecoveryStrategyEvaluation[]): string {
  if (evaluations.length === 0) return "there are no candidates.";
  // Closest = smallest RTO shortfall plus RPO shortfall, in minutes.
  const score = (e: RecoveryStrategyEvaluation) => e.rtoShortfallMinutes + e.rpoShortfallMinutes;
  const best = evaluations.reduce((a, e) => (score(e) < score(a) ? e : a));
  return `the closest is ${best.strategy.name} (${best.reason}).`;
}
