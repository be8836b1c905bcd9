/**
 * Multi-region architecture: what replication across regions costs in
 * latency, availability and money, what conflict resolution keeps and
 * loses, and a runnable CAP experiment.
 *
 * - `latency`: the RTT matrix (data/region-rtt.json), write/read latency, sync vs async.
 * - `strategies`: active-passive, active-active, active-active with the course's sharding.
 * - `conflicts`: last-write-wins and clock skew, vector clocks, set-union and OR-set merges.
 * - `register`: the partitioned replicated register in CP and AP modes.
 */
export {
  INTER_AZ_RTT_MS,
  readLatency,
  regionRttMatrix,
  rttMs,
  syncReplicationSlowdown,
  writeLatency,
  type ReadLatencyOptions,
  type Replication,
  type RttMatrix,
  type SyncSlowdownOptions,
  type WriteLatency,
  type WriteLatencyOptions,
} from "./latency";
export {
  COURSE_SHARD_COUNT,
  evaluateStrategy,
  homeRegion,
  regionOfShard,
  shardOfUser,
  type ClientMix,
  type StrategyEvaluation,
  type StrategyName,
  type StrategyOptions,
} from "./strategies";
export {
  compareClocks,
  incrementClock,
  lastWriteWins,
  lwwSkewLoss,
  mergeClocks,
  orSetAdd,
  orSetEmpty,
  orSetMerge,
  orSetRemove,
  orSetValues,
  partitionScenario,
  reconcileByClock,
  unionMerge,
  type ClockedValue,
  type ClockOrder,
  type LwwResult,
  type LwwSkewOptions,
  type ORSet,
  type PartitionScenario,
  type PartitionScenarioOptions,
  type TimestampedWrite,
  type VectorClock,
} from "./conflicts";
export {
  capComparison,
  simulateRegister,
  type CapComparisonOptions,
  type CapMode,
  type Reconciliation,
  type RegisterSimOptions,
  type RegisterSimResult,
} from "./register";
