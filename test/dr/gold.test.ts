import { strict as assert } from "node:assert";
import fc from "fast-check";
import { goldTierExample, syncWriteLatency } from "../../src/dr/gold";
import { regionRttMatrix } from "../../src/multiRegion/latency";

const { regions: matrixRegions } = regionRttMatrix();
const regionCount = matrixRegions.length;
const firstRegion = matrixRegions[0];
const base = { singleRegionComputeUsdPerMonth: 20_000, singleRegionStorageUsdPerMonth: 3_000, writeGbPerMonth: 10_000 };

// Course §7 "Example: Gold-Tier DR": sync replication us-east-1 → eu-west-1, ap-south-1; "RTO 5 min, RPO 0".
describe("dr/gold", () => {
  it("goldTierExample() reads the RTTs from data/region-rtt.json: us-east-1→ap-south-1 186 ms, →eu-west-1 70 ms (cloudping p50)", () => {
    assert.deepEqual(goldTierExample(base).latency.replicaRttMs, { "eu-west-1": 70, "ap-south-1": 186 });
  });
  it("goldTierExample() costs 3× compute + 3× storage + 2 × writes × $0.02/GB", () => {
    const g = goldTierExample(base);
    assert.deepEqual(g.regions, ["us-east-1", "eu-west-1", "ap-south-1"]);
    assert.equal(g.money.computeUsdPerMonth, 60_000);
    assert.equal(g.money.storageUsdPerMonth, 9_000);
    assert.ok(Math.abs(g.money.transferUsdPerMonth - 400) < 1e-9);
    assert.ok(Math.abs(g.money.totalUsdPerMonth - 69_400) < 1e-9);
    assert.equal(g.rpoSeconds, 0);
  });
  it("goldTierExample() sync writes wait for ap-south-1: 1 ms multi-AZ commit (INTER_AZ_RTT_MS) + 186 ms = 187 ms; a majority waits 71 ms", () => {
    const g = goldTierExample(base);
    assert.equal(g.latency.slowestReplica, "ap-south-1");
    assert.equal(g.latency.syncAllWriteMs, 187);
    assert.equal(g.latency.majorityWriteMs, 71);
    assert.equal(g.latency.asyncWriteMs, 1);
  });
  it("goldTierExample() takes RTTs as parameters when given", () => {
    const g = goldTierExample({ ...base, rttMs: { "eu-west-1": 80, "ap-south-1": 200 }, localCommitMs: 2 });
    assert.equal(g.latency.syncAllWriteMs, 202);
  });
  it("goldTierExample() worst-case RTO is detection 94 s (Route 53: 7 of 8 checkers, 4 s timeout) + promotion 60 s (assumed) + TTL 60 s = 214 s, under the course's 5 min; a 300 s TTL breaks it", () => {
    const g = goldTierExample(base);
    assert.equal(g.rto.rto.worstSeconds, 214);
    assert.equal(g.rto.meetsCourseClaim.worst, true);
    const slow = goldTierExample({ ...base, dnsTtlSeconds: 300 });
    assert.equal(slow.rto.rto.worstSeconds, 454);
    assert.equal(slow.rto.meetsCourseClaim.worst, false);
    assert.ok(g.notes.some((n) => n.includes("RTO 5 minutes")));
  });
  it("goldTierExample({10 s fast checks}) detects in 34 s at worst (3 × 10 s + the 4 s timeout)", () => {
    assert.equal(goldTierExample({ ...base, healthCheckIntervalSeconds: 10 }).rto.detection.worstSeconds, 34);
  });
  it("syncWriteLatency() never falls as more acks are required (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 500, noNaN: true }), { minLength: 1, maxLength: 6 }), fc.double({ min: 0, max: 10, noNaN: true }), (rtts, local) => {
        let prev = -1;
        for (let k = 0; k <= rtts.length; k++) {
          const l = syncWriteLatency({ localCommitMs: local, replicaRttMs: rtts, acksRequired: k });
          assert.ok(l >= prev);
          prev = l;
        }
        assert.equal(prev, local + Math.max(...rtts));
      }),
    );
  });
  it("goldTierExample() and syncWriteLatency() reject bad input with the exact message", () => {
    assert.throws(() => goldTierExample({ ...base, writeGbPerMonth: -1 }), { message: "dr.goldTierExample: writeGbPerMonth must be a finite number >= 0, got -1" });
    assert.throws(() => goldTierExample({ ...base, replicaRegions: ["mars-north-1"] }), {
      message: `dr.goldTierExample: replicaRegions[0] must be a region of the matrix (${regionCount} regions, e.g. "${firstRegion}"), got "mars-north-1"`,
    });
    assert.throws(() => syncWriteLatency({ localCommitMs: 1, replicaRttMs: [10, 20], acksRequired: 3 }), {
      message: "dr.syncWriteLatency: acksRequired must be an integer in [0, replicas=2], got 3",
    });
    assert.throws(() => goldTierExample({ ...base, rttMs: { "eu-west-1": -5 } }), {
      message: 'dr.goldTierExample: rttMs["eu-west-1"] must be a finite number >= 0, got -5',
    });
    // "constructor" is inherited by every object, not an RTT the caller gave: it is looked up as a region.
    assert.throws(() => goldTierExample({ ...base, replicaRegions: ["constructor"] }), {
      message: `dr.goldTierExample: replicaRegions[0] must be a region of the matrix (${regionCount} regions, e.g. "${firstRegion}"), got "constructor"`,
    });
  });
});
