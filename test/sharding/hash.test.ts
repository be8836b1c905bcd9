import { strict as assert } from "node:assert";
import fc from "fast-check";
import { fmix64, fnv1a64, hashKey } from "../../src/sharding/hash";

const MASK64 = (1n << 64n) - 1n;

/** Straight BigInt transcriptions, to check the 32-bit word arithmetic against. */
function fnv1a64Reference(bytes: Uint8Array): bigint {
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) h = ((h ^ BigInt(b)) * 0x100000001b3n) & MASK64;
  return h;
}
function fmix64Reference(value: bigint): bigint {
  let h = value;
  h ^= h >> 33n;
  h = (h * 0xff51afd7ed558ccdn) & MASK64;
  h ^= h >> 33n;
  h = (h * 0xc4ceb9fe1a85ec53n) & MASK64;
  return h ^ (h >> 33n);
}

describe("sharding/hash", () => {
  // IETF draft-eastlake-fnv, Appendix C ("A Few Test Vectors"); the same vectors are in Boost.Hash2's fnv1a tests.
  it('fnv1a64("") is 0xcbf29ce484222325 (draft-eastlake-fnv App. C)', () => {
    assert.equal(fnv1a64(""), 0xcbf29ce484222325n);
  });
  it('fnv1a64("a") is 0xaf63dc4c8601ec8c (draft-eastlake-fnv App. C)', () => {
    assert.equal(fnv1a64("a"), 0xaf63dc4c8601ec8cn);
  });
  it('fnv1a64("foobar") is 0x85944171f73967e8 (draft-eastlake-fnv App. C)', () => {
    assert.equal(fnv1a64("foobar"), 0x85944171f73967e8n);
  });
  it("fnv1a64(key) equals a BigInt FNV-1a over TextEncoder's UTF-8 bytes, for any string (incl. lone surrogates)", () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (s) => fnv1a64(s) === fnv1a64Reference(encoder.encode(s))),
      { numRuns: 300 },
    );
    assert.equal(fnv1a64("\ud800"), fnv1a64Reference(encoder.encode("\ufffd")));
  });
  it("fmix64(v) equals the BigInt transcription of MurmurHash3's fmix64 for any 64-bit value", () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: MASK64 }), (v) => fmix64(v) === fmix64Reference(v)), { numRuns: 500 });
    assert.equal(fmix64(0n), 0n);
    assert.equal(fmix64(MASK64), fmix64Reference(MASK64));
  });
  it('hashKey(key) is fmix64(fnv1a64(key)); hashKey("user:42") is 0x998817bee6718248', () => {
    assert.equal(hashKey("user:42"), fmix64(fnv1a64("user:42")));
    assert.equal(hashKey("user:42"), 0x998817bee6718248n);
  });
  it("hashKey spreads keys that differ only in the last character over the top bits", () => {
    // FNV-1a alone leaves the top byte nearly constant for such keys; the finaliser must fix that.
    const topBytes = new Set<bigint>();
    for (let v = 0; v < 64; v++) topBytes.add(hashKey(`shard-1#vnode-${v}`) >> 56n);
    assert.ok(topBytes.size > 40, `only ${topBytes.size} distinct top bytes`);
  });
  it("bad input: fnv1a64(42), hashKey(null), fmix64(-1n), fmix64(2^64), fmix64(1)", () => {
    assert.throws(() => fnv1a64(42 as unknown as string), { name: "TypeError", message: "sharding.fnv1a64: key must be a string, got 42" });
    assert.throws(() => hashKey(null as unknown as string), { name: "TypeError", message: "sharding.hashKey: key must be a string, got null" });
    assert.throws(() => fmix64(-1n), { name: "RangeError", message: "sharding.fmix64: value must be a bigint in [0, 2^64), got -1n" });
    assert.throws(() => fmix64(1n << 64n), { name: "RangeError", message: "sharding.fmix64: value must be a bigint in [0, 2^64), got 18446744073709551616n" });
    assert.throws(() => fmix64(1 as unknown as bigint), { name: "TypeError", message: "sharding.fmix64: value must be a bigint in [0, 2^64), got 1" });
  });
});
