import { strict as assert } from "node:assert";
import fc from "fast-check";
import { createRing } from "../../src/sharding/ring";

describe("sharding/ring", () => {
  it("createRing({shards:4,vnodesPerShard:100}) has 400 sorted points, 100 per shard", () => {
    const ring = createRing({ shards: 4, vnodesPerShard: 100 });
    assert.equal(ring.positions.length, 400);
    for (let i = 1; i < 400; i++) assert.ok(ring.positions[i - 1] <= ring.positions[i]);
    const perShard = [0, 0, 0, 0];
    for (const o of ring.owners) perShard[o]++;
    assert.deepEqual(perShard, [100, 100, 100, 100]);
  });
  it("ring.shardOf(key) is the owner of the first point at or after the key's position", () => {
    const ring = createRing({ shards: 1, vnodesPerShard: 1 });
    assert.equal(ring.shardOf("anything"), 0);
    assert.deepEqual(ring.ownership(), [1]);
  });
  it("ring.ownership() sums to 1 and a shard's points are the same whatever the shard count (consistency)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 30 }), fc.string(), (n, v, key) => {
        const small = createRing({ shards: n, vnodesPerShard: v });
        const big = createRing({ shards: n + 1, vnodesPerShard: v });
        const total = small.ownership().reduce((a, b) => a + b, 0);
        const before = small.shardOf(key);
        const after = big.shardOf(key);
        return Math.abs(total - 1) < 1e-12 && (after === before || after === n);
      }),
      { numRuns: 200 },
    );
  });
  it("bad input: createRing options, shards, vnodesPerShard; ring.shardOf key", () => {
    assert.throws(() => createRing(null as never), { name: "TypeError", message: "sharding.createRing: options must be an object, got null" });
    assert.throws(() => createRing({ shards: 0, vnodesPerShard: 1 }), {
      name: "RangeError",
      message: "sharding.createRing: shards must be an integer in [1, 10000000], got 0",
    });
    assert.throws(() => createRing({ shards: 1000, vnodesPerShard: 20000 }), {
      name: "RangeError",
      message: "sharding.createRing: vnodesPerShard must be an integer in [1, 10000000/shards=10000], got 20000",
    });
    assert.throws(() => createRing({ shards: 2, vnodesPerShard: NaN }), {
      name: "TypeError",
      message: "sharding.createRing: vnodesPerShard must be an integer in [1, 10000000/shards=5000000], got NaN",
    });
    assert.throws(() => createRing({ shards: 2, vnodesPerShard: 2 }).shardOf(5 as unknown as string), {
      name: "TypeError",
      message: "sharding.HashRing.shardOf: key must be a string, got 5",
    });
  });
});
