/**
 * What a placement costs when the cluster changes size, how evenly it
 * spreads keys, and what a hot key does to it.
 *
 * Keys are the strings "key-0", "key-1", … hashed once with
 * `sharding.hashKey`, so every figure is deterministic. The placements:
 * - "modN": hashKey(key) mod N;
 * - "ring": a consistent-hash ring with `vnodesPerShard` points per shard;
 * - "jump": Lamping & Veach's jump consistent hash of hashKey(key).
 */
import { array, finite, integer, object, oneOf, rangeError, finiteResult } from "../internal/errors";
import { hashKeyWords, type Words64 } from "./hash";
import { jumpWords } from "./jump";
import { modWords } from "./modN";
import { buildRing, MAX_RING_POINTS, ringOwnerAt } from "./ring";

/** The three hash placements. */
export type PlacementName = "modN" | "ring" | "jump";

const PLACEMENTS: readonly PlacementName[] = ["modN", "ring", "jump"];
const MAX_ANALYSIS_SHARDS = 100_000;
const MAX_KEYS = 5_000_000;
const DEFAULT_KEYS = 100_000;
const DEFAULT_VNODES = 100;

/** Precomputed 64-bit hashes of "key-0" … "key-(count−1)". */
export interface KeyHashes {
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
}

/** Hashes `count` generated keys (`${prefix}${i}`) once. Unvalidated. */
export function hashGeneratedKeys(count: number, prefix = "key-"): KeyHashes {
  const hi = new Uint32Array(count);
  const lo = new Uint32Array(count);
  const w: Words64 = { hi: 0, lo: 0 };
  for (let i = 0; i < count; i++) {
    hashKeyWords(prefix + i, w);
    hi[i] = w.hi;
    lo[i] = w.lo;
  }
  return { hi, lo };
}

/** Shard of every key under a placement. Unvalidated. */
export function assignShards(placement: PlacementName, shards: number, keys: KeyHashes, vnodesPerShard = DEFAULT_VNODES): Uint32Array {
  const count = keys.hi.length;
  const out = new Uint32Array(count);
  const w: Words64 = { hi: 0, lo: 0 };
  if (placement === "ring") {
    const ring = buildRing(shards, vnodesPerShard);
    for (let i = 0; i < count; i++) out[i] = ringOwnerAt(ring.positions, ring.owners, keys.hi[i]);
  } else if (placement === "jump") {
    for (let i = 0; i < count; i++) {
      w.hi = keys.hi[i];
      w.lo = keys.lo[i];
      out[i] = jumpWords(w, shards);
    }
  } else {
    for (let i = 0; i < count; i++) {
      w.hi = keys.hi[i];
      w.lo = keys.lo[i];
      out[i] = modWords(w, shards);
    }
  }
  return out;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * The fraction of uniformly hashed keys that an ideal placement moves when
 * the shard count changes from `from` to `to`. Mod N keeps a key only when
 * its hash has the same remainder modulo both, min(n, m)/lcm(n, m) of keys;
 * a consistent placement (ring, jump) moves only what it must, |m − n|/max(n, m).
 */
function expectedMovedFraction(placement: PlacementName, from: number, to: number): number {
  if (placement === "modN") {
    const lcm = (from / gcd(from, to)) * to;
    return 1 - Math.min(from, to) / lcm;
  }
  return Math.abs(to - from) / Math.max(from, to);
}

/** Options of {@link movement}. */
export interface MovementOptions {
  /** "modN", "ring" or "jump". */
  readonly placement: PlacementName;
  /** Shards before, integer in [1, 100 000]. */
  readonly from: number;
  /** Shards after, integer in [1, 100 000]. */
  readonly to: number;
  /** Keys to place, integer in [1, 5 000 000]; default 100 000. */
  readonly keys?: number;
  /** Ring only: points per shard, integer >= 1 (shards × vnodes <= 10 000 000); default 100. */
  readonly vnodesPerShard?: number;
}

/** What {@link movement} measured. */
export interface Movement {
  readonly placement: PlacementName;
  readonly from: number;
  readonly to: number;
  readonly keys: number;
  /** Keys whose shard changed. */
  readonly movedKeys: number;
  /** movedKeys / keys, in [0, 1]. */
  readonly movedFraction: number;
  /** The ideal fraction for this placement: 1 − min/lcm for mod N, |to − from|/max for ring and jump. */
  readonly expectedFraction: number;
  /** Moved keys that went to an added shard (growing) or came from a removed one (shrinking). */
  readonly movedViaChangedShards: number;
  /** true when every moved key went to a new shard or left a removed one: the consistency property. */
  readonly onlyNecessaryMoves: boolean;
}

function checkPlacementSize(where: string, name: string, value: unknown, placement: PlacementName, vnodes: number): number {
  const max = placement === "ring" ? Math.min(MAX_ANALYSIS_SHARDS, Math.floor(MAX_RING_POINTS / vnodes)) : MAX_ANALYSIS_SHARDS;
  return integer(where, name, value, { min: 1, max });
}

function checkVnodes(where: string, value: unknown): number {
  return value === undefined ? DEFAULT_VNODES : integer(where, "vnodesPerShard", value, { min: 1, max: 100_000 });
}

function checkKeys(where: string, value: unknown): number {
  return value === undefined ? DEFAULT_KEYS : integer(where, "keys", value, { min: 1, max: MAX_KEYS });
}

/**
 * Fraction of keys that move when a placement goes from `from` to `to`
 * shards, measured on generated keys and set beside the ideal. Mod N moves
 * n/(n+1) of keys going n → n+1; jump moves exactly the keys that land in
 * the new bucket, ≈ 1/(n+1) (Lamping & Veach 2014); a ring with many virtual
 * nodes moves ≈ 1/(n+1), all to the new shard.
 * @param options.placement "modN", "ring" or "jump"
 * @param options.from shards before, integer in [1, 100 000]
 * @param options.to shards after, integer in [1, 100 000]
 * @param options.keys keys placed, integer in [1, 5 000 000]; default 100 000
 * @param options.vnodesPerShard ring only, integer in [1, 100 000] with shards × vnodes <= 10 000 000; default 100
 * @returns moved keys, the moved fraction and the ideal one
 * @throws TypeError when a value has the wrong type; RangeError when it is out of range
 * @example movement({ placement: "modN", from: 4, to: 5 }).expectedFraction // => 0.8
 */
export function movement(options: MovementOptions): Movement {
  const where = "sharding.movement";
  object(where, "options", options);
  const placement = oneOf(where, "placement", options.placement, PLACEMENTS);
  const vnodes = checkVnodes(where, options.vnodesPerShard);
  const from = checkPlacementSize(where, "from", options.from, placement, vnodes);
  const to = checkPlacementSize(where, "to", options.to, placement, vnodes);
  const count = checkKeys(where, options.keys);
  return movementOf(placement, from, to, hashGeneratedKeys(count), vnodes);
}

/** {@link movement} on precomputed hashes. Unvalidated (the benchmark uses it). */
export function movementOf(placement: PlacementName, from: number, to: number, keys: KeyHashes, vnodesPerShard = DEFAULT_VNODES): Movement {
  const before = assignShards(placement, from, keys, vnodesPerShard);
  const after = assignShards(placement, to, keys, vnodesPerShard);
  const boundary = Math.min(from, to);
  let moved = 0;
  let viaChanged = 0;
  for (let i = 0; i < before.length; i++) {
    if (before[i] !== after[i]) {
      moved++;
      if ((to > from ? after[i] : before[i]) >= boundary) viaChanged++;
    }
  }
  return {
    placement,
    from,
    to,
    keys: before.length,
    movedKeys: moved,
    movedFraction: moved / before.length,
    expectedFraction: expectedMovedFraction(placement, from, to),
    movedViaChangedShards: viaChanged,
    onlyNecessaryMoves: viaChanged === moved,
  };
}

/** Summary of how evenly load is spread over shards. */
export interface LoadImbalance {
  readonly shards: number;
  readonly total: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  /** max / mean: 1 is perfect; the hottest shard's load relative to a fair share. */
  readonly maxOverMean: number;
  /** Population standard deviation of the loads. */
  readonly standardDeviation: number;
  /** standardDeviation / mean. */
  readonly coefficientOfVariation: number;
}

/**
 * Load imbalance of a set of per-shard loads (keys, requests or bytes).
 * @param loads load of each shard, each a finite number >= 0, at least one, with a positive total
 * @returns mean, min, max, max/mean, population standard deviation and coefficient of variation
 * @throws TypeError when `loads` is not an array or a load is not a finite number;
 *   RangeError when it is empty, a load is negative or all loads are 0
 * @example loadImbalance([1, 2, 3]).maxOverMean // => 1.5
 */
export function loadImbalance(loads: readonly number[]): LoadImbalance {
  const where = "sharding.loadImbalance";
  const list = array<number>(where, "loads", loads);
  let total = 0;
  list.forEach((x, i) => {
    total += finite(where, `loads[${i}]`, x, { min: 0 });
  });
  if (!(total > 0)) throw rangeError(where, "loads", "an array with a positive total", total);
  const mean = total / list.length;
  let min = Infinity;
  let max = -Infinity;
  let squares = 0;
  for (const x of list) {
    if (x < min) min = x;
    if (x > max) max = x;
    squares += (x - mean) ** 2;
  }
  const standardDeviation = Math.sqrt(squares / list.length);
  return finiteResult(where, {
    shards: list.length,
    total,
    mean,
    min,
    max,
    // In [1, shards] exactly; rounding can step outside with subnormal loads ([2.5e-323, 0] gave 2.0000000000000004 for 2 shards).
    maxOverMean: Math.min(list.length, Math.max(1, max / mean)),
    standardDeviation,
    coefficientOfVariation: standardDeviation / mean,
  });
}

/** Options of {@link keyLoad}. */
export interface KeyLoadOptions {
  readonly placement: PlacementName;
  /** Shards, integer in [1, 100 000]. */
  readonly shards: number;
  /** Keys placed, integer in [1, 5 000 000]; default 100 000. */
  readonly keys?: number;
  /** Ring only: points per shard; default 100. */
  readonly vnodesPerShard?: number;
}

/**
 * Keys per shard for a placement, with their imbalance.
 * @param options.placement "modN", "ring" or "jump"
 * @param options.shards shards, integer in [1, 100 000]
 * @param options.keys keys placed, integer in [1, 5 000 000]; default 100 000
 * @param options.vnodesPerShard ring only, integer in [1, 100 000] with shards × vnodes <= 10 000 000; default 100
 * @returns the keys on each shard and a {@link LoadImbalance}
 * @throws TypeError when a value has the wrong type; RangeError when it is out of range
 * @example keyLoad({ placement: "jump", shards: 1, keys: 10 }).loads // => [10]
 */
export function keyLoad(options: KeyLoadOptions): { loads: number[]; imbalance: LoadImbalance } {
  const where = "sharding.keyLoad";
  object(where, "options", options);
  const placement = oneOf(where, "placement", options.placement, PLACEMENTS);
  const vnodes = checkVnodes(where, options.vnodesPerShard);
  const shards = checkPlacementSize(where, "shards", options.shards, placement, vnodes);
  const count = checkKeys(where, options.keys);
  const assigned = assignShards(placement, shards, hashGeneratedKeys(count), vnodes);
  const loads = new Array<number>(shards).fill(0);
  for (const s of assigned) loads[s]++;
  return { loads, imbalance: loadImbalance(loads) };
}

/** Options of {@link ringImbalanceByVnodes}. */
export interface RingImbalanceOptions {
  /** Shards, integer in [2, 10 000]. */
  readonly shards: number;
  /** Virtual-node counts to compare, each an integer >= 1 with shards × count <= 10 000 000. */
  readonly vnodeCounts: readonly number[];
}

/** One row of {@link ringImbalanceByVnodes}. */
export interface RingImbalanceRow {
  readonly vnodesPerShard: number;
  readonly maxOverMean: number;
  readonly coefficientOfVariation: number;
  /** coefficientOfVariation × √vnodesPerShard: roughly constant (≈ 1) when std falls as 1/√vnodes. */
  readonly cvTimesSqrtVnodes: number;
}

/**
 * How evenly a ring divides its circle as virtual nodes are added, from the
 * exact arc each shard owns (no key sampling). A shard's share is a sum of
 * v random arcs, so its standard deviation falls roughly as 1/√v (Dynamo,
 * SOSP 2007, §6.2, measured the imbalance this causes).
 * @param options.shards shards, integer in [2, 10 000]
 * @param options.vnodeCounts virtual-node counts, 1 to 100 entries, each an integer in [1, floor(10 000 000 / shards)]
 * @returns one row per count: max/mean, coefficient of variation and cv × √v
 * @throws TypeError when a value has the wrong type; RangeError when it is out of range
 * @example ringImbalanceByVnodes({ shards: 10, vnodeCounts: [1, 1000] }).map((r) => r.maxOverMean < 1.2) // => [false, true]
 */
export function ringImbalanceByVnodes(options: RingImbalanceOptions): RingImbalanceRow[] {
  const where = "sharding.ringImbalanceByVnodes";
  object(where, "options", options);
  const shards = integer(where, "shards", options.shards, { min: 2, max: 10_000 });
  const counts = array<number>(where, "vnodeCounts", options.vnodeCounts, { min: 1, max: 100 });
  const maxV = Math.floor(MAX_RING_POINTS / shards);
  counts.forEach((v, i) => integer(where, `vnodeCounts[${i}]`, v, { min: 1, max: maxV, maxLabel: `10000000/shards=${maxV}` }));
  return counts.map((v) => {
    const stats = loadImbalance(buildRing(shards, v).ownership());
    return {
      vnodesPerShard: v,
      maxOverMean: stats.maxOverMean,
      coefficientOfVariation: stats.coefficientOfVariation,
      cvTimesSqrtVnodes: stats.coefficientOfVariation * Math.sqrt(v),
    };
  });
}

/** Options of {@link hotKeyLoad}: give exactly one of `hotKeyShare` and `zipfExponent`. */
export interface HotKeyLoadOptions {
  readonly placement: PlacementName;
  /** Shards, integer in [1, 100 000]. */
  readonly shards: number;
  /** Distinct keys, integer in [2, 5 000 000]; default 100 000. */
  readonly keys?: number;
  /** Ring only: points per shard; default 100. */
  readonly vnodesPerShard?: number;
  /** "One key has x of the traffic": share of requests for key-0, in [0, 1]; the rest spread evenly. */
  readonly hotKeyShare?: number;
  /** Zipf workload: key of rank r (1-based) gets traffic ∝ 1/r^s; exponent s in [0, 5]. */
  readonly zipfExponent?: number;
}

/** What {@link hotKeyLoad} computed. */
export interface HotKeyLoad {
  /** Share of all requests served by each shard (sums to 1). */
  readonly shardShares: number[];
  /** The busiest shard's share of requests. */
  readonly hottestShardShare: number;
  /** The busiest shard's load relative to a fair share (1/shards). */
  readonly maxOverMean: number;
  /** The hottest key's share: no placement can put the hottest shard below it. */
  readonly hottestKeyShare: number;
  readonly imbalance: LoadImbalance;
}

/**
 * Request load per shard when traffic is skewed: one hot key with a given
 * share, or a Zipf distribution over keys. Computed exactly from the
 * weights (no sampling). A key lives on one shard, so the hottest shard
 * carries at least the hottest key's share whatever the placement.
 * @param options.placement "modN", "ring" or "jump"
 * @param options.shards shards, integer in [1, 100 000]
 * @param options.keys distinct keys, integer in [2, 5 000 000]; default 100 000
 * @param options.vnodesPerShard ring only; default 100
 * @param options.hotKeyShare share of traffic on one key, in [0, 1] (exclusive with zipfExponent)
 * @param options.zipfExponent Zipf exponent s, in [0, 5] (exclusive with hotKeyShare)
 * @returns each shard's share of requests, the hottest shard's share and max/mean
 * @throws TypeError when a value has the wrong type; RangeError when a value is out of range or not exactly one workload is given
 * @example hotKeyLoad({ placement: "jump", shards: 10, keys: 1000, hotKeyShare: 0.3 }).hottestShardShare >= 0.3 // => true
 */
export function hotKeyLoad(options: HotKeyLoadOptions): HotKeyLoad {
  const where = "sharding.hotKeyLoad";
  object(where, "options", options);
  const placement = oneOf(where, "placement", options.placement, PLACEMENTS);
  const vnodes = checkVnodes(where, options.vnodesPerShard);
  const shards = checkPlacementSize(where, "shards", options.shards, placement, vnodes);
  const count = options.keys === undefined ? DEFAULT_KEYS : integer(where, "keys", options.keys, { min: 2, max: MAX_KEYS });
  const hasHot = options.hotKeyShare !== undefined;
  const hasZipf = options.zipfExponent !== undefined;
  if (hasHot === hasZipf) {
    throw rangeError(where, "options", "an object with exactly one of hotKeyShare and zipfExponent", hasHot ? "both" : "neither");
  }
  const weights = new Float64Array(count);
  if (hasHot) {
    const share = finite(where, "hotKeyShare", options.hotKeyShare, { min: 0, max: 1 });
    weights.fill((1 - share) / (count - 1));
    weights[0] = share;
  } else {
    const s = finite(where, "zipfExponent", options.zipfExponent, { min: 0, max: 5 });
    let norm = 0;
    for (let r = 0; r < count; r++) norm += weights[r] = (r + 1) ** -s;
    for (let r = 0; r < count; r++) weights[r] /= norm;
  }
  const assigned = assignShards(placement, shards, hashGeneratedKeys(count), vnodes);
  const shardShares = new Array<number>(shards).fill(0);
  for (let i = 0; i < count; i++) shardShares[assigned[i]] += weights[i];
  const imbalance = loadImbalance(shardShares);
  return {
    shardShares,
    hottestShardShare: imbalance.max,
    maxOverMean: imbalance.maxOverMean,
    hottestKeyShare: Math.max(weights[0], weights[1]),
    imbalance,
  };
}
