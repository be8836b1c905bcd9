/**
 * Consistent-hash ring with virtual nodes (Karger et al., STOC 1997; as used
 * by Dynamo, DeCandia et al., SOSP 2007, §4.2 and §6.2).
 *
 * Each shard s places `vnodesPerShard` points on a 2^32 circle, at the top
 * 32 bits of `hashKey("shard-<s>#vnode-<v>")`. A key goes to the first point
 * at or clockwise after the top 32 bits of its own `hashKey`, wrapping past
 * 2^32 to the first point. Ties sort by (shard, vnode), so the ring is the
 * same on every run. Shard s's points do not depend on how many shards
 * exist, which is what makes the ring consistent: adding shard n only takes
 * arcs (and keys) for itself.
 */
import { integer, object } from "../internal/errors";
import { checkKey, hashKeyWords, type Words64 } from "./hash";

/** Most points (shards × vnodesPerShard) a ring may hold. */
export const MAX_RING_POINTS = 10_000_000;

/** Options of {@link createRing}. */
export interface RingOptions {
  /** Number of shards (physical servers), integer in [1, 10 000 000]. */
  readonly shards: number;
  /** Virtual nodes (points) per shard, integer >= 1 with shards × vnodesPerShard <= 10 000 000. */
  readonly vnodesPerShard: number;
}

/** A built ring. Build once, look up many keys. */
export interface HashRing {
  readonly shards: number;
  readonly vnodesPerShard: number;
  /** Point positions on the 2^32 circle, ascending. */
  readonly positions: Uint32Array;
  /** Shard owning each point, aligned with `positions`. */
  readonly owners: Uint32Array;
  /**
   * Shard of a string key.
   * @throws TypeError when `key` is not a string
   */
  shardOf(key: string): number;
  /** Fraction of the circle each shard owns (sums to 1): its expected share of uniformly hashed keys. */
  ownership(): number[];
}

const CIRCLE = 0x100000000;

/** Owner of a 32-bit circle position: first point >= position, wrapping. */
export function ringOwnerAt(positions: Uint32Array, owners: Uint32Array, position: number): number {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (positions[mid] < position) lo = mid + 1;
    else hi = mid;
  }
  return owners[lo === positions.length ? 0 : lo];
}

/**
 * Builds a consistent-hash ring.
 * @param options.shards number of shards, integer in [1, 10 000 000]
 * @param options.vnodesPerShard points per shard, integer in [1, floor(10 000 000 / shards)]
 * @returns a {@link HashRing} with `shardOf(key)` and `ownership()`
 * @throws TypeError when `options` is not an object or a count is not a finite number; RangeError when a count is out of range
 * @example createRing({ shards: 4, vnodesPerShard: 100 }).positions.length // => 400
 */
export function createRing(options: RingOptions): HashRing {
  const where = "sharding.createRing";
  object(where, "options", options);
  const shards = integer(where, "shards", options.shards, { min: 1, max: MAX_RING_POINTS });
  const maxV = Math.floor(MAX_RING_POINTS / shards);
  const vnodesPerShard = integer(where, "vnodesPerShard", options.vnodesPerShard, {
    min: 1,
    max: maxV,
    maxLabel: `10000000/shards=${maxV}`,
  });
  return buildRing(shards, vnodesPerShard);
}

/** Unvalidated ring construction. */
export function buildRing(shards: number, vnodesPerShard: number): HashRing {
  const count = shards * vnodesPerShard;
  const rawPositions = new Uint32Array(count);
  const w: Words64 = { hi: 0, lo: 0 };
  for (let s = 0; s < shards; s++) {
    for (let v = 0; v < vnodesPerShard; v++) {
      rawPositions[s * vnodesPerShard + v] = hashKeyWords(`shard-${s}#vnode-${v}`, w).hi;
    }
  }
  // Point index order is (shard, vnode), so a stable sort by position breaks ties deterministically.
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  const sorted = Array.from(order).sort((a, b) => rawPositions[a] - rawPositions[b] || a - b);
  const positions = new Uint32Array(count);
  const owners = new Uint32Array(count);
  sorted.forEach((point, i) => {
    positions[i] = rawPositions[point];
    owners[i] = Math.floor(point / vnodesPerShard);
  });
  return {
    shards,
    vnodesPerShard,
    positions,
    owners,
    shardOf(key: string): number {
      checkKey("sharding.HashRing.shardOf", key);
      return ringOwnerAt(positions, owners, hashKeyWords(key, { hi: 0, lo: 0 }).hi);
    },
    ownership(): number[] {
      const share = new Array<number>(shards).fill(0);
      for (let i = 0; i < count; i++) {
        const previous = i === 0 ? positions[count - 1] - CIRCLE : positions[i - 1];
        share[owners[i]] += (positions[i] - previous) / CIRCLE;
      }
      return share;
    },
  };
}
