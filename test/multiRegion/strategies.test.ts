import { strict as assert } from "node:assert";
import fc from "fast-check";
import { atLeast, parallel, series } from "../../src/availability";
import { evaluateStrategy, homeRegion, regionOfShard, shardOfUser } from "../../src/multiRegion/strategies";

const TWO = ["us-east-1", "eu-west-1"];
const THREE = ["us-east-1", "eu-west-1", "ap-south-1"];

describe("multiRegion/strategies", () => {
  describe("course sharding: user_id % 200 → shard, 0–99 → A, 100–199 → B", () => {
    it("shardOfUser(12345) is 145 and homeRegion(12345) is B; regionOfShard(99) is A, (100) is B", () => {
      assert.equal(shardOfUser(12345), 145);
      assert.equal(homeRegion(12345), "B");
      assert.equal(regionOfShard(0), "A");
      assert.equal(regionOfShard(99), "A");
      assert.equal(regionOfShard(100), "B");
      assert.equal(regionOfShard(199), "B");
      assert.equal(regionOfShard(150, TWO), "eu-west-1");
    });
    it("homeRegion(id) is regionOfShard(id % 200) and half the shards go to each region (property)", () => {
      fc.assert(fc.property(fc.nat(), (id) => homeRegion(id) === regionOfShard(id % 200) && (id % 200 < 100) === (homeRegion(id) === "A")));
      const perRegion = { A: 0, B: 0 } as Record<string, number>;
      for (let s = 0; s < 200; s++) perRegion[regionOfShard(s)]++;
      assert.deepEqual(perRegion, { A: 100, B: 100 });
    });
    it("regionOfShard with four regions gives contiguous blocks of 50 shards", () => {
      const r = ["r0", "r1", "r2", "r3"];
      assert.deepEqual([0, 49, 50, 199].map((s) => regionOfShard(s, r)), ["r0", "r0", "r1", "r3"]);
    });
    it("bad input: shardOfUser, regionOfShard, homeRegion", () => {
      assert.throws(() => shardOfUser(-1), { name: "RangeError", message: "multiRegion.shardOfUser: userId must be an integer in [0, 9007199254740991], got -1" });
      assert.throws(() => shardOfUser(1.5), { name: "RangeError", message: "multiRegion.shardOfUser: userId must be an integer in [0, 9007199254740991], got 1.5" });
      assert.throws(() => regionOfShard(200), { name: "RangeError", message: "multiRegion.regionOfShard: shard must be an integer in [0, 199], got 200" });
      assert.throws(() => regionOfShard(1, ["A", "A"]), { name: "RangeError", message: 'multiRegion.regionOfShard: regions[1] must be a region not listed before, got "A"' });
      assert.throws(() => homeRegion(NaN), { name: "TypeError", message: "multiRegion.homeRegion: userId must be an integer in [0, 9007199254740991], got NaN" });
      assert.throws(() => homeRegion(1, []), { name: "RangeError", message: "multiRegion.homeRegion: regions must be an array with length in [1, 200], got an array of length 0" });
      assert.throws(() => homeRegion(1, [42 as never]), { name: "TypeError", message: "multiRegion.homeRegion: regions[0] must be a non-empty string, got 42" });
      assert.throws(() => homeRegion(1, [""]), { name: "RangeError", message: 'multiRegion.homeRegion: regions[0] must be a non-empty string, got ""' });
    });
  });

  describe("evaluateStrategy", () => {
    const a = 0.999;
    it("availability composes through the availability module: failover is parallel, sync-to-all is series, a quorum is at-least-k", () => {
      const ap = evaluateStrategy({ strategy: "active-passive", regions: THREE, replication: "async", regionAvailability: a });
      assert.equal(ap.writeAvailability, atLeast({ required: 1, total: 3, availability: a }));
      assert.ok(Math.abs(ap.writeAvailability - parallel([a, a, a])) < 1e-15);
      const syncAll = evaluateStrategy({ strategy: "active-active", regions: THREE, replication: "sync", regionAvailability: a });
      assert.equal(syncAll.writeAvailability, series([a, a, a]));
      assert.equal(syncAll.readAvailability, parallel([a, a, a]));
      const quorum = evaluateStrategy({ strategy: "active-active", regions: THREE, replication: "sync", acks: 1, regionAvailability: a });
      assert.equal(quorum.writeAvailability, atLeast({ required: 2, total: 3, availability: a }));
      const sharded = evaluateStrategy({ strategy: "active-active-sharded", regions: TWO, replication: "async", regionAvailability: a });
      assert.equal(sharded.writeAvailability, a);
    });
    it("course: active-passive us-east-1 → eu-west-1 async: every request goes to the primary (EU users pay 69 ms)", () => {
      const r = evaluateStrategy({ strategy: "active-passive", regions: TWO, replication: "async", regionAvailability: a });
      assert.equal(r.meanReadMs, (1 + 69) / 2); // a local client pays one inter-AZ RTT (INTER_AZ_RTT_MS), not the matrix diagonal
      assert.equal(r.worstWriteMs, 69);
      assert.equal(r.rpoWindowMs, 35); // RTT 70 / 2
      assert.equal(r.conflictsPossible, false);
    });
    it("course: active-active keeps reads local (one 1 ms inter-AZ round trip) but sync writes wait one ocean RTT", () => {
      const async = evaluateStrategy({ strategy: "active-active", regions: TWO, replication: "async", regionAvailability: a });
      assert.equal(async.meanReadMs, 1);
      assert.equal(async.meanWriteMs, 1);
      assert.equal(async.conflictsPossible, true);
      const sync = evaluateStrategy({ strategy: "active-active", regions: TWO, replication: "sync", regionAvailability: a });
      assert.equal(sync.meanWriteMs, (1 + 70 + 1 + 69) / 2);
      assert.equal(sync.rpoWindowMs, 0);
    });
    it("course: sharded active-active has no conflicts, but user_id % 200 ignores where the user is: half of requests cross the ocean", () => {
      const r = evaluateStrategy({ strategy: "active-active-sharded", regions: TWO, replication: "async", regionAvailability: a });
      assert.equal(r.conflictsPossible, false);
      assert.equal(r.meanReadMs, (1 + 70 + 69 + 1) / 4);
      assert.equal(r.cost.multiplier, 1); // one copy of each shard, load split: same bill as one region
    });
    it("course Gold tier cost: 3 regions active-active is 3× compute + 3× storage + transfer", () => {
      const r = evaluateStrategy({
        strategy: "active-active",
        regions: THREE,
        replication: "sync",
        regionAvailability: a,
        monthlyComputeUsd: 1000,
        monthlyStorageUsd: 500,
        writtenGbPerMonth: 1000,
      });
      assert.equal(r.cost.computeUsd, 3000);
      assert.equal(r.cost.storageUsd, 1500);
      assert.ok(Math.abs(r.cost.transferUsd - 1000 * 2 * 0.02) < 1e-12); // $0.02/GB cross-region (REFERENCES.md)
      assert.ok(Math.abs(r.cost.multiplier - (3000 + 1500 + 40) / 1500) < 1e-12);
    });
    it("active-passive with a cold standby (standbyComputeFraction 0) costs compute once and storage per copy", () => {
      const r = evaluateStrategy({ strategy: "active-passive", regions: TWO, replication: "async", regionAvailability: a, standbyComputeFraction: 0 });
      assert.equal(r.cost.multiplier, 1.5);
    });
    it("sync writes are never faster and never more available than async ones (property)", () => {
      fc.assert(
        fc.property(
          fc.constantFrom("active-passive" as const, "active-active" as const),
          fc.subarray(["us-east-1", "us-west-2", "eu-west-1", "ap-south-1", "ap-northeast-1", "sa-east-1"], { minLength: 2 }),
          fc.double({ min: 0.5, max: 1, noNaN: true }),
          (strategy, regions, availability) => {
            const s = evaluateStrategy({ strategy, regions, replication: "sync", regionAvailability: availability });
            const as = evaluateStrategy({ strategy, regions, replication: "async", regionAvailability: availability });
            return s.meanWriteMs >= as.meanWriteMs && s.writeAvailability <= as.writeAvailability + 1e-15;
          },
        ),
        { numRuns: 50 },
      );
    });
    it("bad input: evaluateStrategy", () => {
      const ok = { strategy: "active-active" as const, regions: TWO, replication: "sync" as const, regionAvailability: 0.99 };
      assert.throws(() => evaluateStrategy({ ...ok, strategy: "multi-master" as never }), {
        name: "RangeError",
        message: 'multiRegion.evaluateStrategy: strategy must be one of "active-passive", "active-active", "active-active-sharded", got "multi-master"',
      });
      assert.throws(() => evaluateStrategy({ ...ok, regions: ["us-east-1"] }), {
        name: "RangeError",
        message: "multiRegion.evaluateStrategy: regions must be an array with length in [2, 20], got an array of length 1",
      });
      assert.throws(() => evaluateStrategy({ ...ok, regionAvailability: 1.2 }), {
        name: "RangeError",
        message: "multiRegion.evaluateStrategy: regionAvailability must be a probability in [0, 1], got 1.2",
      });
      assert.throws(() => evaluateStrategy({ ...ok, clients: [{ region: "us-east-1", share: 0.5 }] }), {
        name: "RangeError",
        message: "multiRegion.evaluateStrategy: clients must be shares that sum to 1, got 0.5",
      });
      assert.throws(() => evaluateStrategy({ ...ok, acks: 2 }), {
        name: "RangeError",
        message: "multiRegion.evaluateStrategy: acks must be an integer in [0, copies - 1=1], got 2",
      });
      assert.throws(() => evaluateStrategy({ ...ok, strategy: "active-active-sharded", shardCopies: 3 }), {
        name: "RangeError",
        message: "multiRegion.evaluateStrategy: shardCopies must be an integer in [1, regions=2], got 3",
      });
      assert.throws(() => evaluateStrategy({ ...ok, monthlyComputeUsd: -1 }), {
        name: "RangeError",
        message: "multiRegion.evaluateStrategy: monthlyComputeUsd must be a finite number >= 0, got -1",
      });
      assert.throws(() => evaluateStrategy({ ...ok, regions: ["us-east-1", "moon-1"] }), {
        name: "RangeError",
        message: 'multiRegion.evaluateStrategy: regions[1] must be a region of the matrix (21 regions, e.g. "af-south-1"), got "moon-1"',
      });
    });
  });
});
