/** Expected annual loss from disasters, given a strategy's RTO and RPO. */
import { finite, object, finiteResult } from "../internal/errors";

const MINUTES_PER_HOUR = 60;

/** Options of {@link expectedAnnualLoss}. */
export interface LossOptions {
  /** Disasters (failovers) per year, >= 0. */
  readonly incidentsPerYear: number;
  /** Cost of one hour of downtime, USD >= 0. */
  readonly downtimeUsdPerHour: number;
  /** Cost of losing one hour of data (RPO window), USD >= 0. */
  readonly dataLossUsdPerHour: number;
  /** Recovery time per incident, minutes >= 0. */
  readonly rtoMinutes: number;
  /** Data lost per incident, minutes >= 0. */
  readonly rpoMinutes: number;
}

/** Expected annual loss, split into its two parts (USD per year). */
export interface AnnualLoss {
  readonly downtimeUsd: number;
  readonly dataLossUsd: number;
  readonly totalUsd: number;
}

/**
 * Expected annual loss = incidents per year × (downtime cost × RTO +
 * data-loss cost × RPO). Treats RTO and RPO as the realised recovery time
 * and data loss of every incident (worst case if they are objectives).
 * @param options see {@link LossOptions}
 * @throws TypeError/RangeError when an input is outside its range
 * @example expectedAnnualLoss({ incidentsPerYear: 0.5, downtimeUsdPerHour: 10000, dataLossUsdPerHour: 50000, rtoMinutes: 240, rpoMinutes: 60 })
 *   // => { downtimeUsd: 20000, dataLossUsd: 25000, totalUsd: 45000 }
 */
export function expectedAnnualLoss(options: LossOptions): AnnualLoss {
  const where = "dr.expectedAnnualLoss";
  object(where, "options", options);
  const rate = finite(where, "incidentsPerYear", options.incidentsPerYear, { min: 0 });
  const downtime = finite(where, "downtimeUsdPerHour", options.downtimeUsdPerHour, { min: 0 });
  const dataLoss = finite(where, "dataLossUsdPerHour", options.dataLossUsdPerHour, { min: 0 });
  const rto = finite(where, "rtoMinutes", options.rtoMinutes, { min: 0 });
  const rpo = finite(where, "rpoMinutes", options.rpoMinutes, { min: 0 });
  const downtimeUsd = rate * downtime * (rto / MINUTES_PER_HOUR);
  const dataLossUsd = rate * dataLoss * (rpo / MINUTES_PER_HOUR);
  return finiteResult(where, { downtimeUsd, dataLossUsd, totalUsd: downtimeUsd + dataLossUsd });
}
