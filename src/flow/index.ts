/**
 * flow: backpressure and flow control.
 *
 * - queueing theory: Little's law, M/M/1, M/M/1/K (queueing.ts);
 * - token-bucket rate limiting (tokenBucket.ts);
 * - a seeded discrete-event simulation of a producer → queue → consumer
 *   pipeline under bursts, comparing an unbounded queue, backpressure,
 *   load shedding and rate limiting (pipelineSim.ts).
 *
 * Units: seconds and per-second rates throughout.
 */

// queueing theory
export { littlesLaw, mm1, mm1ResponseTimePercentile, mm1k } from "./queueing";
export type { LittlesLawQuantities, MM1Options, MM1PercentileOptions, MM1Result, MM1KOptions, MM1KResult } from "./queueing";

// rate limiting
export { tokenBucketFilter, tokenBucketTake } from "./tokenBucket";
export type {
  TokenBucketConfig,
  TokenBucketDecision,
  TokenBucketFilterOptions,
  TokenBucketFilterResult,
  TokenBucketState,
} from "./tokenBucket";

// pipeline simulation
export { PIPELINE_POLICIES, comparePipelinePolicies, onOffBursts, simulatePipeline } from "./pipelineSim";
export type {
  Burst,
  ComparePipelineOptions,
  LatencySummary,
  OnOffBurstOptions,
  PipelineOptions,
  PipelinePolicy,
  PipelineResult,
  QueueDepthSeries,
} from "./pipelineSim";
