import { strict as assert } from "node:assert";
import fc from "fast-check";
import { modN } from "../../src/sharding/modN";
import { hashKey } from "../../src/sharding/hash";

describe("sharding/modN", () => {
  it("modN(key, n) is hashKey(key) mod n computed exactly on 64 bits, for n up to 2^31 − 1", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 2147483647 }), (key, n) => modN(key, n) === Number(hashKey(key) % BigInt(n))),
      { numRuns: 500 },
    );
  });
  it('modN("user:42", 1) is 0', () => {
    assert.equal(modN("user:42", 1), 0);
  });
  it("bad input: modN key and shards", () => {
    assert.throws(() => modN(undefined as unknown as string, 3), { name: "TypeError", message: "sharding.modN: key must be a string, got undefined" });
    assert.throws(() => modN("k", 0), { name: "RangeError", message: "sharding.modN: shards must be an integer in [1, 2147483647], got 0" });
    assert.throws(() => modN("k", Infinity), { name: "TypeError", message: "sharding.modN: shards must be an integer in [1, 2147483647], got Infinity" });
  });
});
