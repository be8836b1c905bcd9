/**
 * Range partitioning (Bigtable tablets, HBase regions, CockroachDB ranges):
 * sorted split points cut the key space into contiguous ranges, and range i
 * holds the keys in [split[i−1], split[i]). Range scans stay on one shard,
 * but a monotonically increasing key (a timestamp, an auto-increment id)
 * sends every new write to the last range, and splitting that range does not
 * help: the newest half is still the only one written.
 */
import { array, integer, object, rangeError, typeError } from "../internal/errors";
import { loadImbalance, type LoadImbalance } from "./analysis";
import { hashKeyWords } from "./hash";
import { modWords } from "./modN";

/** A range-partitioned key: numbers compare numerically, strings by UTF-16 code unit (`<`). */
export type RangeKey = number | string;

/** Options of {@link createRangePartitioner}. */
export interface RangePartitionerOptions {
  /** Split points, strictly increasing, all numbers or all strings; may be empty (one range). */
  readonly splitPoints: readonly number[] | readonly string[];
}

/** A range partitioner: `splitPoints.length + 1` shards. */
export interface RangePartitioner {
  readonly shards: number;
  readonly splitPoints: readonly RangeKey[];
  /**
   * Shard of a key: the number of split points <= key.
   * @throws TypeError when the key's type differs from the split points' type (or is NaN/Infinity)
   */
  shardOf(key: RangeKey): number;
}

function upperBound(points: readonly RangeKey[], key: RangeKey): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid] <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function checkRangeKey(where: string, name: string, value: unknown, kind: "number" | "string" | undefined): RangeKey {
  if (kind === "string" || (kind === undefined && typeof value === "string")) {
    if (typeof value !== "string") throw typeError(where, name, "a string (like the split points)", value);
    return value;
  }
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw typeError(where, name, kind === "number" ? "a finite number (like the split points)" : "a finite number or a string", value);
  }
  return value;
}

/**
 * Builds a range partitioner from sorted split points.
 * @param options.splitPoints strictly increasing split points, all finite numbers or all strings (length 0 to 1 000 000)
 * @returns a {@link RangePartitioner}; shard i holds keys in [splitPoints[i−1], splitPoints[i])
 * @throws TypeError when `options` is not an object, `splitPoints` not an array, or a point of the wrong type;
 *   RangeError when the points are not strictly increasing
 * @example createRangePartitioner({ splitPoints: [100, 200] }).shardOf(150) // => 1
 */
export function createRangePartitioner(options: RangePartitionerOptions): RangePartitioner {
  const where = "sharding.createRangePartitioner";
  object(where, "options", options);
  const points = array<RangeKey>(where, "splitPoints", options.splitPoints, { min: 0, max: 1_000_000 });
  const kind = points.length === 0 ? undefined : typeof points[0] === "string" ? "string" : "number";
  points.forEach((p, i) => {
    checkRangeKey(where, `splitPoints[${i}]`, p, kind);
    if (i > 0 && !(points[i - 1] < p)) {
      throw rangeError(where, `splitPoints[${i}]`, `greater than splitPoints[${i - 1}]=${JSON.stringify(points[i - 1])}`, p);
    }
  });
  const splitPoints = points.slice();
  return {
    shards: splitPoints.length + 1,
    splitPoints,
    shardOf(key: RangeKey): number {
      return upperBound(splitPoints, checkRangeKey("sharding.RangePartitioner.shardOf", "key", key, kind));
    },
  };
}

/** Options of {@link quantileSplitPoints}. */
export interface QuantileSplitOptions {
  /** A sample of existing keys, all numbers or all strings, at least one. */
  readonly keys: readonly number[] | readonly string[];
  /** Ranges wanted, integer in [1, 1 000 000]. */
  readonly shards: number;
}

/**
 * Split points that give each range an equal share of the sample (its
 * quantiles), as a database's pre-splitting or load-based splitting does.
 * Duplicate quantiles are merged, so fewer ranges may result.
 * @param options.keys sample of keys, all finite numbers or all strings, length >= 1
 * @param options.shards ranges wanted, integer in [1, 1 000 000]
 * @returns strictly increasing split points, at most `shards − 1` of them
 * @throws TypeError on a wrong type; RangeError when `keys` is empty or `shards` is out of range
 * @example quantileSplitPoints({ keys: [1, 2, 3, 4, 5, 6, 7, 8], shards: 4 }) // => [3, 5, 7]
 */
export function quantileSplitPoints(options: QuantileSplitOptions): RangeKey[] {
  const where = "sharding.quantileSplitPoints";
  object(where, "options", options);
  const keys = array<RangeKey>(where, "keys", options.keys);
  const kind = typeof keys[0] === "string" ? "string" : "number";
  keys.forEach((k, i) => checkRangeKey(where, `keys[${i}]`, k, kind));
  const shards = integer(where, "shards", options.shards, { min: 1, max: 1_000_000 });
  const sorted = keys.slice().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const points: RangeKey[] = [];
  for (let i = 1; i < shards; i++) {
    const candidate = sorted[Math.floor((i * sorted.length) / shards)];
    if (candidate > sorted[0] && (points.length === 0 || candidate > points[points.length - 1])) points.push(candidate);
  }
  return points;
}

/** Options of {@link sequentialHotspot}. */
export interface SequentialHotspotOptions {
  /** Ranges the existing keys are pre-split into, integer in [1, 10 000]. */
  readonly shards: number;
  /** Keys already stored, ids 0 … existingKeys − 1, integer in [1, 10 000 000]. */
  readonly existingKeys: number;
  /** New writes with ids existingKeys, existingKeys + 1, …: integer in [1, 10 000 000]. */
  readonly newWrites: number;
  /** Auto-split the hottest range at its median after every this many writes; integer in [1, newWrites]. Default newWrites / 10. */
  readonly splitEvery?: number;
}

/** What {@link sequentialHotspot} measured. */
export interface SequentialHotspot {
  /** Static ranges pre-split on the existing keys: new writes per range and their imbalance. */
  readonly staticRanges: { readonly writesPerShard: number[]; readonly hottestShare: number; readonly imbalance: LoadImbalance };
  /** Load-based auto-splitting: ranges at the end, and the hottest range's share of the last batch of writes. */
  readonly autoSplit: { readonly shards: number; readonly splits: number; readonly hottestShareOfLastBatch: number };
  /** The same ids hashed (`modN(String(id), shards)`): writes per shard and the hottest share. */
  readonly hashed: { readonly writesPerShard: number[]; readonly hottestShare: number; readonly imbalance: LoadImbalance };
}

/**
 * The sequential-key hot spot: existing ids 0 … E−1 are split evenly into
 * ranges, then ids E, E+1, … are written. Every new id is above the last
 * split point, so the last range takes all writes; auto-splitting the hot
 * range at its median keeps the newest ids together and leaves one range
 * taking 100% of each batch. Hashing the id spreads the writes evenly
 * (at the price of range scans).
 * @param options.shards ranges, integer in [1, 10 000]
 * @param options.existingKeys ids already stored, integer in [1, 10 000 000]
 * @param options.newWrites new sequential ids written, integer in [1, 10 000 000]
 * @param options.splitEvery writes between auto-splits, integer in [1, newWrites]; default ceil(newWrites / 10)
 * @returns per-shard write counts and the hottest shard's share for each scheme
 * @throws TypeError when a value is not a finite number; RangeError when it is out of range
 * @example sequentialHotspot({ shards: 4, existingKeys: 1000, newWrites: 100 }).staticRanges.hottestShare // => 1
 */
export function sequentialHotspot(options: SequentialHotspotOptions): SequentialHotspot {
  const where = "sharding.sequentialHotspot";
  object(where, "options", options);
  const shards = integer(where, "shards", options.shards, { min: 1, max: 10_000 });
  const existing = integer(where, "existingKeys", options.existingKeys, { min: 1, max: 10_000_000 });
  const writes = integer(where, "newWrites", options.newWrites, { min: 1, max: 10_000_000 });
  const splitEvery =
    options.splitEvery === undefined
      ? Math.ceil(writes / 10)
      : integer(where, "splitEvery", options.splitEvery, { min: 1, max: writes, maxLabel: `newWrites=${writes}` });

  // Equal-count split points over ids 0 … existing − 1.
  const splits: number[] = [];
  for (let i = 1; i < shards; i++) {
    const p = Math.floor((i * existing) / shards);
    if (p > 0 && (splits.length === 0 || p > splits[splits.length - 1])) splits.push(p);
  }
  const staticLoads = new Array<number>(splits.length + 1).fill(0);
  const hashedLoads = new Array<number>(shards).fill(0);
  const w = { hi: 0, lo: 0 };
  for (let id = existing; id < existing + writes; id++) {
    staticLoads[upperBound(splits, id)]++;
    hashedLoads[modWords(hashKeyWords(String(id), w), shards)]++;
  }

  // Auto-split: after each batch, split the batch's hottest range at the median id it stores.
  const dynamic = splits.slice();
  let splitCount = 0;
  let lastBatchShare = 0;
  for (let start = existing; start < existing + writes; start += splitEvery) {
    const end = Math.min(start + splitEvery, existing + writes);
    const batch = new Map<number, number>();
    for (let id = start; id < end; id++) {
      const r = upperBound(dynamic, id);
      batch.set(r, (batch.get(r) ?? 0) + 1);
    }
    let hot = 0;
    let hotCount = -1;
    for (const [r, c] of batch) if (c > hotCount) [hot, hotCount] = [r, c];
    lastBatchShare = hotCount / (end - start);
    const lo = hot === 0 ? 0 : dynamic[hot - 1];
    const hi = hot === dynamic.length ? end - 1 : dynamic[hot] - 1;
    const median = Math.floor((lo + hi + 1) / 2);
    if (median > lo) {
      dynamic.splice(hot, 0, median);
      splitCount++;
    }
  }
  const share = (loads: number[]): number => loads.reduce((m, v) => Math.max(m, v), 0) / writes;
  return {
    staticRanges: { writesPerShard: staticLoads, hottestShare: share(staticLoads), imbalance: loadImbalance(staticLoads) },
    autoSplit: { shards: dynamic.length + 1, splits: splitCount, hottestShareOfLastBatch: lastBatchShare },
    hashed: { writesPerShard: hashedLoads, hottestShare: share(hashedLoads), imbalance: loadImbalance(hashedLoads) },
  };
}
