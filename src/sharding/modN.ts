/**
 * Hash-mod-N placement: shard = hashKey(key) mod N. Simple and even, but
 * changing N remaps almost every key: a key stays only when its hash has the
 * same remainder modulo both counts, which is min(n, m) / lcm(n, m) of keys
 * (n/(n+1) of keys move going from n to n + 1).
 */
import { integer } from "../internal/errors";
import { checkKey, hashKeyWords, type Words64 } from "./hash";

/** Largest shard count accepted by the placements. */
export const MAX_SHARDS = 2147483647;

/** (hi·2^32 + lo) mod n, exact for n < 2^31 (every intermediate < 2^47). */
export function modWords(w: Words64, n: number): number {
  let r = w.hi % n;
  r = (r * 0x10000 + (w.lo >>> 16)) % n;
  return (r * 0x10000 + (w.lo & 0xffff)) % n;
}

/**
 * Shard of a key under hash mod N: `hashKey(key) mod shards`, computed
 * exactly on the full 64-bit hash.
 * @param key any string (hashed with `sharding.hashKey`)
 * @param shards number of shards, integer in [1, 2147483647]
 * @returns shard index, an integer in [0, shards)
 * @throws TypeError when `key` is not a string or `shards` not a finite number; RangeError when `shards` is out of range
 * @example modN("user:42", 1) // => 0
 * @example modN("user:42", 10) === Number(hashKey("user:42") % 10n) // => true
 */
export function modN(key: string, shards: number): number {
  const where = "sharding.modN";
  checkKey(where, key);
  integer(where, "shards", shards, { min: 1, max: MAX_SHARDS });
  return modWords(hashKeyWords(key, { hi: 0, lo: 0 }), shards);
}
