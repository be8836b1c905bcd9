/**
 * Sharding: where a key lives, and what that choice costs when the cluster
 * grows, when keys are skewed and when keys are sequential.
 *
 * - `hash`: the fixed key hash, fmix64(FNV-1a-64(UTF-8 key)).
 * - `modN`, `ring`, `jump`: the three hash placements.
 * - `range`: range partitioning with split points, and the sequential-key hot spot.
 * - `analysis`: key movement n → m, load imbalance, virtual nodes, hot keys.
 */
export { fnv1a64, fmix64, hashKey } from "./hash";
export { modN } from "./modN";
export { jump, jumpHash } from "./jump";
export { createRing, type HashRing, type RingOptions } from "./ring";
export {
  createRangePartitioner,
  quantileSplitPoints,
  sequentialHotspot,
  type RangeKey,
  type RangePartitioner,
  type RangePartitionerOptions,
  type QuantileSplitOptions,
  type SequentialHotspot,
  type SequentialHotspotOptions,
} from "./range";
export {
  hotKeyLoad,
  keyLoad,
  loadImbalance,
  movement,
  ringImbalanceByVnodes,
  type HotKeyLoad,
  type HotKeyLoadOptions,
  type KeyLoadOptions,
  type LoadImbalance,
  type Movement,
  type MovementOptions,
  type PlacementName,
  type RingImbalanceOptions,
  type RingImbalanceRow,
} from "./analysis";
