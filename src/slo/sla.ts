/**
 * Service level agreements: the contract behind an SLO, with credits
 * (refunds) owed when the measured availability falls below a tier.
 *
 * An SLA is looser than the internal SLO it rests on (SRE book, ch. 4
 * "Service Level Objectives"): the SLO is the alarm, the SLA the penalty.
 * The course's example (§5 "SLA"): "99.9% uptime (43 minutes downtime/month)",
 * "If violated: 10% refund". 99.9% of a 30-day month is 43.2 minutes; of a
 * 730-hour billing month it is 43.8.
 */
import { array, finite, nonEmptyString, object, rangeError } from "../internal/errors";
import { MINUTES_PER_DAY, orDefault, periodDays as checkPeriod, sloTarget } from "./internal";
import { complement } from "../internal/exact";

/** Credit owed when measured availability is below `availabilityBelow`. */
export interface SlaTier {
  /** The tier applies when availability < this fraction (in (0, 1]). */
  readonly availabilityBelow: number;
  /** Credit as a percentage of the period's bill, in (0, 100]. */
  readonly creditPercent: number;
}

/** An SLA: a committed availability and its credit tiers. */
export interface Sla {
  readonly name: string;
  /** Committed availability as a fraction, in (0, 1). */
  readonly committedAvailability: number;
  /** Measurement period in days (the billing month). */
  readonly periodDays: number;
  /** Credit tiers; the applicable tier with the largest credit wins. */
  readonly tiers: readonly SlaTier[];
  readonly source: string;
}

/** The course's SLA: 99.9% monthly uptime, 10% refund if violated (course §5). */
export const COURSE_SLA: Sla = {
  name: "course example",
  committedAvailability: 0.999,
  periodDays: 30,
  tiers: [{ availabilityBelow: 0.999, creditPercent: 10 }],
  source: "course §5 SLA examples: \"99.9% uptime (43 minutes downtime/month)\", \"If violated: 10% refund\"",
};

/**
 * A real tiered SLA for comparison: AWS Compute Optimizer, last updated
 * 4 May 2022 (aws.amazon.com/compute-optimizer/sla/, read 2026): below 99.9%
 * → 10%, below 99.0% → 25%, below 95.0% → 100% of the month's charges.
 */
export const AWS_COMPUTE_OPTIMIZER_SLA: Sla = {
  name: "AWS Compute Optimizer",
  committedAvailability: 0.999,
  periodDays: 30,
  tiers: [
    { availabilityBelow: 0.999, creditPercent: 10 },
    { availabilityBelow: 0.99, creditPercent: 25 },
    { availabilityBelow: 0.95, creditPercent: 100 },
  ],
  source: "AWS Compute Optimizer Service Level Agreement, last updated May 4, 2022",
};

/** The outcome of an SLA for one period. */
export interface SlaCredit {
  readonly sla: string;
  readonly measuredAvailability: number;
  /** True when measured availability >= the committed availability. */
  readonly met: boolean;
  /** Credit percentage owed (0 when no tier applies). */
  readonly creditPercent: number;
  /** Credit in the bill's currency (creditPercent/100 × monthlyBill), not rounded; 0 without a bill. */
  readonly credit: number;
}

/**
 * Credit owed under an SLA for a measured availability: the largest credit
 * among the tiers whose threshold the availability is strictly below.
 * Meeting a threshold exactly earns no credit ("less than 99.9%").
 * @param options.measuredAvailability measured availability, a fraction in [0, 1]
 * @param options.sla the SLA; default {@link COURSE_SLA}
 * @param options.monthlyBill the period's bill, finite and >= 0; default 0 (credit then 0)
 * @throws TypeError/RangeError for an availability outside [0, 1], a negative bill or a malformed SLA
 * @example slaCredit({ measuredAvailability: 0.998, monthlyBill: 10_000 }).credit // => 1000
 */
export function slaCredit(options: { measuredAvailability: number; sla?: Sla; monthlyBill?: number }): SlaCredit {
  const where = "slo.slaCredit";
  object(where, "options", options);
  const measured = finite(where, "measuredAvailability", options.measuredAvailability, { min: 0, max: 1 });
  const sla = checkSla(where, orDefault(options.sla, COURSE_SLA));
  const bill = finite(where, "monthlyBill", orDefault(options.monthlyBill, 0), { min: 0 });
  let creditPercent = 0;
  for (const tier of sla.tiers) {
    if (measured < tier.availabilityBelow && tier.creditPercent > creditPercent) creditPercent = tier.creditPercent;
  }
  return { sla: sla.name, measuredAvailability: measured, met: measured >= sla.committedAvailability, creditPercent, credit: (creditPercent / 100) * bill };
}

/**
 * Availability from downtime in a period: 1 − downtime / period.
 * @param options.downtimeMinutes minutes of downtime, finite, in [0, period minutes]
 * @param options.periodDays period in days, in (0, 36525] (100 years); default 30
 * @throws TypeError/RangeError for a negative downtime or one longer than the period
 * @example availabilityFromDowntime({ downtimeMinutes: 43.2 }) // => 0.999
 */
export function availabilityFromDowntime(options: { downtimeMinutes: number; periodDays?: number }): number {
  const where = "slo.availabilityFromDowntime";
  object(where, "options", options);
  const periodMinutes = checkPeriod(where, orDefault(options.periodDays, 30)) * MINUTES_PER_DAY;
  const downtime = finite(where, "downtimeMinutes", options.downtimeMinutes, { min: 0, max: periodMinutes, maxLabel: `period=${periodMinutes}` });
  return 1 - downtime / periodMinutes;
}

/** How much room an internal SLO leaves before the SLA is breached. */
export interface SloSlaGap {
  /** Downtime the SLO allows per SLA period, in minutes. */
  readonly sloBudgetMinutes: number;
  /** Downtime the SLA allows per SLA period, in minutes. */
  readonly slaBudgetMinutes: number;
  /** slaBudgetMinutes − sloBudgetMinutes: the safety margin (negative when the SLO is looser than the SLA). */
  readonly marginMinutes: number;
  /** True when the SLO is at least as strict as the SLA, as it should be. */
  readonly sloStricterThanSla: boolean;
}

/**
 * Compares an internal SLO with an SLA over the SLA's period: the SLO should
 * be the stricter of the two, so that the SLO's alerts fire before the
 * contract is breached.
 * @param options.slo internal availability target, in (0, 1)
 * @param options.sla the SLA; default {@link COURSE_SLA}
 * @throws TypeError/RangeError for an slo outside (0, 1) or a malformed SLA
 * @example sloSlaGap({ slo: 0.9995 }).marginMinutes // => 21.6 (43.2 − 21.6)
 */
export function sloSlaGap(options: { slo: number; sla?: Sla }): SloSlaGap {
  const where = "slo.sloSlaGap";
  object(where, "options", options);
  const slo = sloTarget(where, options.slo);
  const sla = checkSla(where, orDefault(options.sla, COURSE_SLA));
  const periodMinutes = sla.periodDays * MINUTES_PER_DAY;
  const sloBudgetMinutes = complement(slo) * periodMinutes;
  const slaBudgetMinutes = complement(sla.committedAvailability) * periodMinutes;
  return { sloBudgetMinutes, slaBudgetMinutes, marginMinutes: slaBudgetMinutes - sloBudgetMinutes, sloStricterThanSla: slo >= sla.committedAvailability };
}

function checkSla(where: string, value: unknown): Sla {
  const sla = object<Sla>(where, "sla", value);
  nonEmptyString(where, "sla.name", sla.name);
  sloTarget(where, sla.committedAvailability, "sla.committedAvailability");
  checkPeriod(where, sla.periodDays, "sla.periodDays");
  array<SlaTier>(where, "sla.tiers", sla.tiers).forEach((tier, i) => {
    object(where, `sla.tiers[${i}]`, tier);
    finite(where, `sla.tiers[${i}].availabilityBelow`, tier.availabilityBelow, { min: 0, max: 1, minExclusive: true });
    finite(where, `sla.tiers[${i}].creditPercent`, tier.creditPercent, { min: 0, max: 100, minExclusive: true });
  });
  if (sla.tiers.some((t) => t.availabilityBelow > sla.committedAvailability)) {
    throw rangeError(where, "sla.tiers", `tiers whose availabilityBelow is <= committedAvailability=${sla.committedAvailability}`, sla.tiers);
  }
  return sla;
}
