import { strict as assert } from "node:assert";
import fc from "fast-check";
import { jump, jumpHash } from "../../src/sharding/jump";
import { hashKey } from "../../src/sharding/hash";

describe("sharding/jump", () => {
  // Reference outputs of the paper's C++ algorithm as shipped in ClickHouse
  // (tests/queries/0_stateless/00580_consistent_hashing_functions.{sql,reference}).
  const clickhouse: [bigint, number, number][] = [
    [1n, 1, 0],
    [42n, 57, 43],
    [256n, 1024, 520],
    [3735883980n, 1, 0],
    [3735883980n, 666, 361],
    [16045690984833335023n, 255, 237],
  ];
  for (const [key, buckets, expected] of clickhouse) {
    it(`jumpHash(${key}, ${buckets}) is ${expected} (ClickHouse reference output)`, () => {
      assert.equal(jumpHash(key, buckets), expected);
    });
  }
  it("jumpHash(256, 1024) is 520 with a number key (PyPI jump-consistent-hash README)", () => {
    assert.equal(jumpHash(256, 1024), 520);
  });
  it("jumpHash is in [0, buckets) and going n → n+1 a key either stays or moves to bucket n (Lamping & Veach 2014)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.integer({ min: 1, max: 5000 }), (key, n) => {
        const before = jumpHash(key, n);
        const after = jumpHash(key, n + 1);
        return before >= 0 && before < n && (after === before || after === n);
      }),
      { numRuns: 1000 },
    );
  });
  it("jump(key, shards) is jumpHash(hashKey(key), shards)", () => {
    fc.assert(fc.property(fc.string(), fc.integer({ min: 1, max: 1000 }), (key, n) => jump(key, n) === jumpHash(hashKey(key), n)));
  });
  it("bad input: jumpHash key and buckets, jump key and shards", () => {
    assert.throws(() => jumpHash(-1, 10), { name: "RangeError", message: "sharding.jumpHash: key must be a bigint or safe integer in [0, 2^64), got -1" });
    assert.throws(() => jumpHash(2 ** 60, 10), { name: "RangeError", message: `sharding.jumpHash: key must be a bigint or safe integer in [0, 2^64), got ${2 ** 60}` });
    assert.throws(() => jumpHash(1n << 64n, 10), { name: "RangeError", message: "sharding.jumpHash: key must be a bigint or safe integer in [0, 2^64), got 18446744073709551616n" });
    assert.throws(() => jumpHash(NaN, 10), { name: "TypeError", message: "sharding.jumpHash: key must be a bigint or safe integer in [0, 2^64), got NaN" });
    assert.throws(() => jumpHash(1n, 0), { name: "RangeError", message: "sharding.jumpHash: buckets must be an integer in [1, 2147483647], got 0" });
    assert.throws(() => jumpHash(1n, 2 ** 31), { name: "RangeError", message: "sharding.jumpHash: buckets must be an integer in [1, 2147483647], got 2147483648" });
    assert.throws(() => jump(7 as unknown as string, 3), { name: "TypeError", message: "sharding.jump: key must be a string, got 7" });
    assert.throws(() => jump("k", 1.5), { name: "RangeError", message: "sharding.jump: shards must be an integer in [1, 2147483647], got 1.5" });
  });
});
