/**
 * Jump consistent hash (Lamping & Veach, "A Fast, Minimal Memory,
 * Consistent Hash Algorithm", 2014, arXiv:1406.2294), transcribed from the
 * paper's C++ listing:
 *
 *     int32_t JumpConsistentHash(uint64_t key, int32_t num_buckets) {
 *       int64_t b = -1, j = 0;
 *       while (j < num_buckets) {
 *         b = j;
 *         key = key * 2862933555777941757ULL + 1;
 *         j = (b + 1) * (double(1LL << 31) / double((key >> 33) + 1));
 *       }
 *       return b;
 *     }
 *
 * The 64-bit linear congruential step runs on (high, low) 32-bit words, and
 * the division is the same IEEE double division the C++ performs, so the
 * results match the reference bit for bit.
 */
import { integer } from "../internal/errors";
import { checkKey, checkUint64, hashKeyWords, mul64, type Words64 } from "./hash";

/** Largest bucket count the paper's int32 signature allows. */
export const MAX_BUCKETS = 2147483647;

// 2862933555777941757 = 0x27bb2ee6_87b0b0fd
const LCG_HI = 0x27bb2ee6;
const LCG_LO = 0x87b0b0fd;
const TWO_POW_31 = 2147483648;

/** The paper's loop on a key given as two words. Unvalidated; `key` is clobbered. */
export function jumpWords(key: Words64, buckets: number): number {
  let b = -1;
  let j = 0;
  while (j < buckets) {
    b = j;
    mul64(key.hi, key.lo, LCG_HI, LCG_LO, key);
    // + 1 with carry into the high word
    const lo = (key.lo + 1) >>> 0;
    if (lo === 0) key.hi = (key.hi + 1) >>> 0;
    key.lo = lo;
    j = Math.floor((b + 1) * (TWO_POW_31 / ((key.hi >>> 1) + 1)));
  }
  return b;
}

/**
 * Jump consistent hash of an unsigned 64-bit key: the bucket in
 * [0, buckets) that Lamping & Veach's algorithm assigns. Growing from n to
 * n + 1 buckets moves exactly the keys whose new bucket is n, about
 * 1/(n + 1) of them.
 * @param key unsigned 64-bit key: a bigint in [0, 2^64) or a safe integer >= 0
 * @param buckets number of buckets, integer in [1, 2147483647]
 * @returns bucket index, an integer in [0, buckets)
 * @throws TypeError when `key` is neither a bigint nor a finite number, or `buckets` is not a finite number;
 *   RangeError when either is out of range
 * @example jumpHash(256, 1024) // => 520
 */
export function jumpHash(key: bigint | number, buckets: number): number {
  const where = "sharding.jumpHash";
  const words = checkUint64(where, "key", key, true);
  integer(where, "buckets", buckets, { min: 1, max: MAX_BUCKETS });
  return jumpWords(words, buckets);
}

/**
 * Shard of a string key under jump consistent hash: `jumpHash(hashKey(key), shards)`.
 * @param key any string (hashed with {@link hashKey})
 * @param shards number of shards, integer in [1, 2147483647]
 * @returns shard index, an integer in [0, shards)
 * @throws TypeError when `key` is not a string or `shards` not a finite number; RangeError when `shards` is out of range
 * @example jump("user:42", 1) // => 0
 */
export function jump(key: string, shards: number): number {
  const where = "sharding.jump";
  checkKey(where, key);
  integer(where, "shards", shards, { min: 1, max: MAX_BUCKETS });
  return jumpWords(hashKeyWords(key, { hi: 0, lo: 0 }), shards);
}
