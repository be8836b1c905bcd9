import { strict as assert } from "node:assert";
import fc from "fast-check";
import { createRangePartitioner, quantileSplitPoints, sequentialHotspot } from "../../src/sharding/range";

describe("sharding/range", () => {
  it("createRangePartitioner({splitPoints:[100,200]}): [−∞,100) → 0, [100,200) → 1, [200,∞) → 2", () => {
    const p = createRangePartitioner({ splitPoints: [100, 200] });
    assert.equal(p.shards, 3);
    assert.deepEqual([-5, 99.9, 100, 150, 199, 200, 1e9].map((k) => p.shardOf(k)), [0, 0, 1, 1, 1, 2, 2]);
  });
  it('createRangePartitioner with string split points orders keys by code unit ("user:m" splits a–l from m–z)', () => {
    const p = createRangePartitioner({ splitPoints: ["user:m"] });
    assert.deepEqual(["user:alice", "user:m", "user:zoe"].map((k) => p.shardOf(k)), [0, 1, 1]);
    assert.equal(createRangePartitioner({ splitPoints: [] }).shardOf("x"), 0);
  });
  it("shardOf is monotone in the key (range partitioning keeps order)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer(), { maxLength: 20 }), fc.integer(), fc.integer(), (raw, a, b) => {
        const p = createRangePartitioner({ splitPoints: raw.slice().sort((x, y) => x - y) });
        return a <= b ? p.shardOf(a) <= p.shardOf(b) : p.shardOf(a) >= p.shardOf(b);
      }),
    );
  });
  it("quantileSplitPoints({keys:[1..8],shards:4}) is [3,5,7]: each range holds two keys", () => {
    assert.deepEqual(quantileSplitPoints({ keys: [8, 7, 6, 5, 4, 3, 2, 1], shards: 4 }), [3, 5, 7]);
    assert.deepEqual(quantileSplitPoints({ keys: [5, 5, 5, 5], shards: 4 }), []);
  });
  it("sequentialHotspot({shards:4,existingKeys:1000,newWrites:1000}): every new id lands in the last range; auto-splitting does not help; hashing does", () => {
    const r = sequentialHotspot({ shards: 4, existingKeys: 1000, newWrites: 1000 });
    assert.deepEqual(r.staticRanges.writesPerShard, [0, 0, 0, 1000]);
    assert.equal(r.staticRanges.hottestShare, 1);
    assert.equal(r.staticRanges.imbalance.maxOverMean, 4);
    assert.equal(r.autoSplit.splits, 10);
    assert.equal(r.autoSplit.shards, 14);
    assert.equal(r.autoSplit.hottestShareOfLastBatch, 1);
    assert.equal(r.hashed.writesPerShard.reduce((a, b) => a + b, 0), 1000);
    assert.ok(r.hashed.hottestShare < 0.3, `hashed hottest share ${r.hashed.hottestShare}`);
  });
  it("bad input: createRangePartitioner, shardOf, quantileSplitPoints, sequentialHotspot", () => {
    assert.throws(() => createRangePartitioner({ splitPoints: [2, 1] }), {
      name: "RangeError",
      message: "sharding.createRangePartitioner: splitPoints[1] must be greater than splitPoints[0]=2, got 1",
    });
    assert.throws(() => createRangePartitioner({ splitPoints: [1, "b"] as never }), {
      name: "TypeError",
      message: 'sharding.createRangePartitioner: splitPoints[1] must be a finite number (like the split points), got "b"',
    });
    assert.throws(() => createRangePartitioner({ splitPoints: 3 as never }), {
      name: "TypeError",
      message: "sharding.createRangePartitioner: splitPoints must be an array with length in [0, 1000000], got 3",
    });
    assert.throws(() => createRangePartitioner({ splitPoints: ["a"] }).shardOf(1), {
      name: "TypeError",
      message: "sharding.RangePartitioner.shardOf: key must be a string (like the split points), got 1",
    });
    assert.throws(() => createRangePartitioner({ splitPoints: [] }).shardOf(NaN), {
      name: "TypeError",
      message: "sharding.RangePartitioner.shardOf: key must be a finite number or a string, got NaN",
    });
    assert.throws(() => quantileSplitPoints({ keys: [], shards: 2 }), {
      name: "RangeError",
      message: "sharding.quantileSplitPoints: keys must be an array with length >= 1, got an array of length 0",
    });
    assert.throws(() => quantileSplitPoints({ keys: [1], shards: 0 }), {
      name: "RangeError",
      message: "sharding.quantileSplitPoints: shards must be an integer in [1, 1000000], got 0",
    });
    assert.throws(() => sequentialHotspot({ shards: 4, existingKeys: 0, newWrites: 10 }), {
      name: "RangeError",
      message: "sharding.sequentialHotspot: existingKeys must be an integer in [1, 10000000], got 0",
    });
    assert.throws(() => sequentialHotspot({ shards: 4, existingKeys: 10, newWrites: 10, splitEvery: 11 }), {
      name: "RangeError",
      message: "sharding.sequentialHotspot: splitEvery must be an integer in [1, newWrites=10], got 11",
    });
    assert.throws(() => sequentialHotspot({ shards: 0.5, existingKeys: 10, newWrites: 10 }), {
      name: "RangeError",
      message: "sharding.sequentialHotspot: shards must be an integer in [1, 10000], got 0.5",
    });
  });
});
