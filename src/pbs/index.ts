/**
 * pbs: Probabilistically Bounded Staleness (Bailis et al., VLDB 2012).
 * Monte Carlo t-visibility in the WARS model, with the delay distributions
 * and the paper's fitted production profiles it runs on.
 */
export {
  constantDelay,
  exponential,
  exponentialProfile,
  mixture,
  pareto,
  profile,
  profileNames,
  sampleDelays,
  shifted,
  type ConstantDistribution,
  type Distribution,
  type ExponentialDistribution,
  type LatencyProfile,
  type MixtureComponent,
  type MixtureDistribution,
  type ParetoDistribution,
  type ProfileName,
  type SampleOptions,
  type ShiftedDistribution,
  type WanPlacement,
} from "./distributions";
export {
  tVisibility,
  tVisibilityParallel,
  type LatencyPercentile,
  type TimeToConsistency,
  type TVisibilityOptions,
  type TVisibilityParallelOptions,
  type TVisibilityResult,
  type VisibilityPoint,
} from "./tVisibility";

// Deprecated aliases: the names before issue #10's renames, kept so saved notebook copies keep running.
import { constantDelay, sampleDelays } from "./distributions";
/** @deprecated use constantDelay */
export const constant = constantDelay;
/** @deprecated use sampleDelays */
export const sample = sampleDelays;
