/**
 * Error budgets: how much unreliability an SLO allows over its period, and
 * how much of it has been spent.
 *
 * Error budget = 1 − SLO (Google SRE book, ch. 3 "Embracing Risk"; course
 * text §5 "Calculating Error Budget"). For a time-based SLO the budget is
 * (1 − SLO) × period: 99.9% over 30 days = 0.001 × 43,200 min = 43.2 min
 * (SRE book, Appendix A). For an event-based SLO it is (1 − SLO) × events.
 */
import { array, finite, object } from "../internal/errors";
import { MINUTES_PER_DAY, orDefault, periodDays as checkPeriod, sloTarget } from "./internal";
import { complement } from "../internal/exact";

/** An SLO's error budget over one period. */
export interface ErrorBudget {
  /** The SLO target as a fraction, e.g. 0.999. */
  readonly slo: number;
  /** The SLO's period in days. */
  readonly periodDays: number;
  /** 1 − slo: the fraction of time (or events) allowed to be bad. */
  readonly budgetFraction: number;
  /** The period in minutes. */
  readonly periodMinutes: number;
  /** Allowed full-outage minutes in the period: budgetFraction × periodMinutes. */
  readonly budgetMinutes: number;
}

/**
 * The error budget of an SLO over a period, in minutes of full outage.
 * Follows the SRE book's Appendix A (30-day month).
 * @param options.slo target as a fraction, in (0, 1), e.g. 0.999
 * @param options.periodDays period in days, in (0, 36525] (100 years); default 30
 * @throws TypeError/RangeError when `slo` is not in (0, 1) or `periodDays` is not in (0, 36525]
 * @example errorBudget({ slo: 0.999 }).budgetMinutes // => 43.2
 */
export function errorBudget(options: { slo: number; periodDays?: number }): ErrorBudget {
  const where = "slo.errorBudget";
  object(where, "options", options);
  const slo = sloTarget(where, options.slo);
  const days = checkPeriod(where, orDefault(options.periodDays, 30));
  const budgetFraction = complement(slo);
  const periodMinutes = days * MINUTES_PER_DAY;
  return { slo, periodDays: days, budgetFraction, periodMinutes, budgetMinutes: budgetFraction * periodMinutes };
}

/** How much of a budget a list of downtime events consumed. */
export interface BudgetConsumption {
  /** The budget the events are measured against, in minutes. */
  readonly budgetMinutes: number;
  /** Each event's downtime as a fraction of the budget (not rounded). */
  readonly perEvent: readonly number[];
  /** Total downtime in minutes. */
  readonly downtimeMinutes: number;
  /** Sum of `perEvent`: may exceed 1 when the budget is overspent. */
  readonly consumed: number;
  /** 1 − consumed: negative when the budget is overspent. */
  readonly remaining: number;
}

/**
 * Budget consumed by downtime events (minutes of full outage each) against an
 * SLO's time-based budget. Consumption is additive: the total is the sum of
 * the events' fractions, and remaining = 1 − consumed.
 * @param options.slo target as a fraction, in (0, 1)
 * @param options.periodDays period in days, in (0, 36525] (100 years); default 30
 * @param options.downtimeMinutes minutes of full outage per event, each finite and >= 0 (may be empty)
 * @throws TypeError/RangeError for an invalid slo, period or event
 * @example budgetConsumption({ slo: 0.999, downtimeMinutes: [10, 5, 15, 0] }).consumed // => 0.6944… (30/43.2)
 */
export function budgetConsumption(options: { slo: number; periodDays?: number; downtimeMinutes: readonly number[] }): BudgetConsumption {
  const where = "slo.budgetConsumption";
  object(where, "options", options);
  const budget = errorBudget({ slo: sloTarget(where, options.slo), periodDays: checkPeriod(where, orDefault(options.periodDays, 30)) });
  const events = array<number>(where, "downtimeMinutes", options.downtimeMinutes, { min: 0 });
  const perEvent = events.map((m, i) => finite(where, `downtimeMinutes[${i}]`, m, { min: 0 }) / budget.budgetMinutes);
  const downtimeMinutes = events.reduce((sum, m) => sum + m, 0);
  const consumed = downtimeMinutes / budget.budgetMinutes;
  return { budgetMinutes: budget.budgetMinutes, perEvent, downtimeMinutes, consumed, remaining: 1 - consumed };
}

/** Budget consumed by an event-based SLI (good/total counts). */
export interface CountConsumption {
  /** Bad events: total − good. */
  readonly badEvents: number;
  /** Bad events allowed: (1 − slo) × total. */
  readonly allowedBadEvents: number;
  /** badEvents / total. */
  readonly errorRatio: number;
  /** badEvents / allowedBadEvents: may exceed 1. */
  readonly consumed: number;
  /** 1 − consumed. */
  readonly remaining: number;
}

/**
 * Budget consumed by good/total event counts, as for a request-based
 * availability SLI: consumed = (total − good) / ((1 − slo) × total).
 * With no events (total = 0) nothing is consumed.
 * @param options.slo target as a fraction, in (0, 1)
 * @param options.good good events, finite, in [0, total]
 * @param options.total all valid events, finite, >= 0
 * @throws TypeError/RangeError for an invalid slo or counts
 * @example consumptionFromCounts({ slo: 0.999, good: 999_500, total: 1_000_000 }).consumed // => 0.5
 */
export function consumptionFromCounts(options: { slo: number; good: number; total: number }): CountConsumption {
  const where = "slo.consumptionFromCounts";
  object(where, "options", options);
  const slo = sloTarget(where, options.slo);
  const total = finite(where, "total", options.total, { min: 0 });
  const good = finite(where, "good", options.good, { min: 0, max: total, maxLabel: `total=${total}` });
  const badEvents = total - good;
  const allowedBadEvents = complement(slo) * total;
  const consumed = total === 0 ? 0 : badEvents / allowedBadEvents;
  return { badEvents, allowedBadEvents, errorRatio: total === 0 ? 0 : badEvents / total, consumed, remaining: 1 - consumed };
}

/**
 * Remaining budget as a fraction: 1 − consumed. Negative when overspent.
 * @param consumedFraction budget consumed as a fraction, finite and >= 0 (1 = all of it)
 * @throws TypeError/RangeError when consumedFraction is not finite or is negative
 * @example remainingBudget(0.7) // => 0.30000000000000004 (≈ 0.3)
 */
export function remainingBudget(consumedFraction: number): number {
  return 1 - finite("slo.remainingBudget", "consumedFraction", consumedFraction, { min: 0 });
}

/** One week of the course's error-budget example. */
export interface CourseWeekRow {
  readonly week: string;
  readonly downtimeMinutes: number;
  /** What the course prints: downtime / 43 (its rounded budget). */
  readonly courseFraction: number;
  /** The course's percentage, rounded to a whole percent. */
  readonly coursePercent: number;
  /** downtime / 43.2, the exact 30-day budget at 99.9%. */
  readonly exactFraction: number;
  /** The exact fraction rounded to a whole percent. */
  readonly exactPercent: number;
  /** True when the two rounded percentages differ. */
  readonly roundedDiffers: boolean;
}

/**
 * The course's weekly budget example (§5 "Calculating Error Budget": 10, 5,
 * 15 and 0 minutes of downtime against a 99.9%, 30-day budget), computed
 * both as the course does (dividing by 43 minutes) and exactly (43.2). Rounded
 * to whole percents the weeks agree (23%, 12%, 35%, 0%), but the total
 * differs: the course's 30/43 = 70%, the exact 30/43.2 = 69.4% → 69%.
 * @param downtimeMinutes the weeks' downtime; default the course's [10, 5, 15, 0]
 * @throws TypeError/RangeError for a negative or non-finite week
 * @example courseWeeklyExample().at(-1) // => { week: "total", coursePercent: 70, exactPercent: 69, roundedDiffers: true, … }
 */
export function courseWeeklyExample(downtimeMinutes: readonly number[] = [10, 5, 15, 0]): CourseWeekRow[] {
  const where = "slo.courseWeeklyExample";
  const weeks = array<number>(where, "downtimeMinutes", downtimeMinutes).map((m, i) =>
    finite(where, `downtimeMinutes[${i}]`, m, { min: 0 }),
  );
  const courseBudget = 43; // the course's "0.72 hours = 43 minutes"
  const exactBudget = errorBudget({ slo: 0.999, periodDays: 30 }).budgetMinutes;
  const row = (week: string, minutes: number): CourseWeekRow => {
    const courseFraction = minutes / courseBudget;
    const exactFraction = minutes / exactBudget;
    const coursePercent = Math.round(courseFraction * 100);
    const exactPercent = Math.round(exactFraction * 100);
    return { week, downtimeMinutes: minutes, courseFraction, coursePercent, exactFraction, exactPercent, roundedDiffers: coursePercent !== exactPercent };
  };
  const rows = weeks.map((m, i) => row(`week ${i + 1}`, m));
  rows.push(row("total", weeks.reduce((s, m) => s + m, 0)));
  return rows;
}
