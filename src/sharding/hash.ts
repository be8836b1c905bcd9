/**
 * The one fixed hash every placement in `sharding` uses, so that results are
 * the same on every platform, Node version and run.
 *
 * A string key is encoded as UTF-8 (lone surrogates become U+FFFD, as
 * `TextEncoder` does) and hashed with 64-bit FNV-1a (Fowler, Noll & Vo;
 * IETF draft-eastlake-fnv, offset basis 0xcbf29ce484222325, prime
 * 0x100000001b3). FNV-1a alone diffuses poorly into its top bits when keys
 * differ only in their last byte ("shard-1#7", "shard-1#8"), which would
 * cluster ring positions, so {@link hashKey} finishes with MurmurHash3's
 * `fmix64` avalanche step (Appleby, public domain), a bijection on 64 bits:
 *
 *     hashKey(key) = fmix64(fnv1a64(utf8(key)))
 *
 * Everything runs in 32-bit integer arithmetic (`Math.imul`, `>>>`) on
 * (high, low) word pairs; the bigint results are for display and tests.
 */
import { rangeError, typeError } from "../internal/errors";

/** A 64-bit value as two unsigned 32-bit words. */
export interface Words64 {
  hi: number;
  lo: number;
}

const FNV64_OFFSET_HI = 0xcbf29ce4;
const FNV64_OFFSET_LO = 0x84222325;

/** High 32 bits of the 64-bit product of two unsigned 32-bit integers. */
function mulHigh32(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const low = a0 * b0;
  const mid1 = a1 * b0 + (low >>> 16);
  const mid2 = a0 * b1 + (mid1 % 0x10000);
  return (a1 * b1 + Math.floor(mid1 / 0x10000) + Math.floor(mid2 / 0x10000)) >>> 0;
}

/** out = (a × b) mod 2^64, all unsigned. */
export function mul64(aHi: number, aLo: number, bHi: number, bLo: number, out: Words64): Words64 {
  out.hi = (Math.imul(aHi, bLo) + Math.imul(aLo, bHi) + mulHigh32(aLo, bLo)) >>> 0;
  out.lo = Math.imul(aLo, bLo) >>> 0;
  return out;
}

/** Calls `visit` with each UTF-8 byte of `key`, without allocating. */
function forEachUtf8Byte(key: string, visit: (byte: number) => void): void {
  for (let i = 0; i < key.length; i++) {
    let c = key.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < key.length ? key.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        c = 0xfffd;
      }
    }
    if (c < 0x80) {
      visit(c);
    } else if (c < 0x800) {
      visit(0xc0 | (c >> 6));
      visit(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
      visit(0xe0 | (c >> 12));
      visit(0x80 | ((c >> 6) & 0x3f));
      visit(0x80 | (c & 0x3f));
    } else {
      visit(0xf0 | (c >> 18));
      visit(0x80 | ((c >> 12) & 0x3f));
      visit(0x80 | ((c >> 6) & 0x3f));
      visit(0x80 | (c & 0x3f));
    }
  }
}

/** 64-bit FNV-1a of the UTF-8 bytes of `key`, into `out`. Unvalidated. */
export function fnv1a64Words(key: string, out: Words64): Words64 {
  // Four 16-bit limbs, low to high; prime = 2^40 + 0x1b3.
  let h0 = FNV64_OFFSET_LO & 0xffff;
  let h1 = FNV64_OFFSET_LO >>> 16;
  let h2 = FNV64_OFFSET_HI & 0xffff;
  let h3 = FNV64_OFFSET_HI >>> 16;
  forEachUtf8Byte(key, (byte) => {
    h0 ^= byte;
    const t0 = h0 * 0x1b3;
    let t1 = h1 * 0x1b3;
    let t2 = h2 * 0x1b3 + (h0 << 8);
    const t3 = h3 * 0x1b3 + (h1 << 8);
    t1 += t0 >>> 16;
    h0 = t0 & 0xffff;
    t2 += t1 >>> 16;
    h1 = t1 & 0xffff;
    h3 = (t3 + (t2 >>> 16)) & 0xffff;
    h2 = t2 & 0xffff;
  });
  out.hi = ((h3 << 16) | h2) >>> 0;
  out.lo = ((h1 << 16) | h0) >>> 0;
  return out;
}

/** MurmurHash3's fmix64 finaliser on `w`, in place. */
export function fmix64Words(w: Words64): Words64 {
  // h ^= h >>> 33; h *= 0xff51afd7ed558ccd; h ^= h >>> 33; h *= 0xc4ceb9fe1a85ec53; h ^= h >>> 33
  w.lo = (w.lo ^ (w.hi >>> 1)) >>> 0;
  mul64(w.hi, w.lo, 0xff51afd7, 0xed558ccd, w);
  w.lo = (w.lo ^ (w.hi >>> 1)) >>> 0;
  mul64(w.hi, w.lo, 0xc4ceb9fe, 0x1a85ec53, w);
  w.lo = (w.lo ^ (w.hi >>> 1)) >>> 0;
  return w;
}

/** {@link hashKey} into `out`, without validation or allocation. */
export function hashKeyWords(key: string, out: Words64): Words64 {
  return fmix64Words(fnv1a64Words(key, out));
}

/** Joins two 32-bit words into a bigint. */
export function wordsToBigInt(w: Words64): bigint {
  return (BigInt(w.hi) << 32n) | BigInt(w.lo);
}

/** Checks that a key is a string. */
export function checkKey(where: string, key: unknown): string {
  if (typeof key !== "string") throw typeError(where, "key", "a string", key);
  return key;
}

/**
 * 64-bit FNV-1a hash of the UTF-8 bytes of a string (IETF
 * draft-eastlake-fnv, Appendix C test vectors).
 * @param key any string, including "" (UTF-8 encoded; lone surrogates as U+FFFD)
 * @returns the hash as an unsigned 64-bit bigint in [0, 2^64)
 * @throws TypeError when `key` is not a string
 * @example fnv1a64("foobar") // => 0x85944171f73967e8n
 */
export function fnv1a64(key: string): bigint {
  return wordsToBigInt(fnv1a64Words(checkKey("sharding.fnv1a64", key), { hi: 0, lo: 0 }));
}

/**
 * MurmurHash3's 64-bit finaliser `fmix64` (Appleby, SMHasher): a bijection
 * on [0, 2^64) whose every output bit depends on every input bit.
 * @param value unsigned 64-bit integer as a bigint in [0, 2^64)
 * @returns the mixed value, a bigint in [0, 2^64)
 * @throws TypeError when `value` is not a bigint; RangeError when it is outside [0, 2^64)
 * @example fmix64(0n) // => 0n
 */
export function fmix64(value: bigint): bigint {
  const w = checkUint64("sharding.fmix64", "value", value);
  return wordsToBigInt(fmix64Words(w));
}

/**
 * The library's fixed key hash: `fmix64(fnv1a64(utf8(key)))`. Every
 * placement in `sharding` hashes string keys with it.
 * @param key any string (UTF-8 encoded)
 * @returns an unsigned 64-bit bigint in [0, 2^64)
 * @throws TypeError when `key` is not a string
 * @example hashKey("user:42") === fmix64(fnv1a64("user:42")) // => true
 */
export function hashKey(key: string): bigint {
  return wordsToBigInt(hashKeyWords(checkKey("sharding.hashKey", key), { hi: 0, lo: 0 }));
}

const TWO_POW_64 = 1n << 64n;

/** Checks an unsigned 64-bit key (bigint, or a non-negative safe integer) and splits it. */
export function checkUint64(where: string, name: string, value: unknown, allowNumber = false): Words64 {
  const expected = allowNumber ? "a bigint or safe integer in [0, 2^64)" : "a bigint in [0, 2^64)";
  let big: bigint;
  if (typeof value === "bigint") {
    big = value;
  } else if (allowNumber && typeof value === "number" && Number.isFinite(value)) {
    if (!Number.isSafeInteger(value) || value < 0) throw rangeError(where, name, expected, value);
    big = BigInt(value);
  } else {
    throw typeError(where, name, expected, value);
  }
  if (big < 0n || big >= TWO_POW_64) throw rangeError(where, name, expected, value);
  return { hi: Number(big >> 32n), lo: Number(big & 0xffffffffn) };
}
