import { strict as assert } from "node:assert";
import fc from "fast-check";
import { failoverRto, goldTierExample, regionRttMs, syncWriteLatency } from "../../src/dr/gold";

const base = { singleRegionComputeUsdPerMonth: 20_000, singleRegionStorageUsdPerMonth: 3_000, writeGbPerMonth: 10_000 };

// Course §7 "Example: Gold-Tier DR": sync replication us-east-1 → eu-west-1, ap-south-1; "RTO 5 min, RPO 0".
describe("dr/gold", () => {
  it("regionRttMs('us-east-1', 'ap-south-1') is 186 ms (data/region-rtt.json, cloudping p50; ~180–200 ms)", () => {
    assert.equal(regionRttMs("us-east-1", "ap-south-1"), 186);
    assert.equal(regionRttMs("us-east-1", "eu-west-1"), 70);
    assert.equal(regionRttMs("us-east-1", "mars-north-1"), null);
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
  it("goldTierExample() sync writes wait for ap-south-1: 4 ms local + 186 ms = 190 ms; a majority waits 74 ms", () => {
    const g = goldTierExample(base);
    assert.equal(g.latency.slowestReplica, "ap-south-1");
    assert.equal(g.latency.syncAllWriteMs, 190);
    assert.equal(g.latency.majorityWriteMs, 74);
    assert.equal(g.latency.asyncWriteMs, 4);
  });
  it("goldTierExample() takes RTTs as parameters when given", () => {
    const g = goldTierExample({ ...base, rttMs: { "eu-west-1": 80, "ap-south-1": 200 }, localCommitMs: 2 });
    assert.equal(g.latency.syncAllWriteMs, 202);
  });
  it("goldTierExample() RTO is detection 90 s + promotion 60 s + TTL 60 s = 3.5 min under the course's 5 min; a 300 s TTL breaks it", () => {
    const g = goldTierExample(base);
    assert.equal(g.rto.totalSeconds, 210);
    assert.equal(g.rto.meetsCourseClaim, true);
    const slow = goldTierExample({ ...base, dnsTtlSeconds: 300 });
    assert.equal(slow.rto.totalMinutes, 7.5);
    assert.equal(slow.rto.meetsCourseClaim, false);
    assert.ok(g.notes.some((n) => n.includes("RTO 5 minutes")));
  });
  it("failoverRto({10 s fast checks}) detects in 30 s", () => {
    assert.equal(failoverRto({ healthCheckIntervalSeconds: 10 }).detectionSeconds, 30);
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
  it("goldTierExample(), syncWriteLatency() and failoverRto() reject bad input with the exact message", () => {
    assert.throws(() => goldTierExample({ ...base, writeGbPerMonth: -1 }), { message: "dr.goldTierExample: writeGbPerMonth must be a finite number >= 0, got -1" });
    assert.throws(() => goldTierExample({ ...base, replicaRegions: ["mars-north-1"] }), {
      message: 'dr.goldTierExample: rttMs["mars-north-1"] must be a finite number >= 0 (no us-east-1→mars-north-1 RTT in data/region-rtt.json), got null',
    });
    assert.throws(() => syncWriteLatency({ localCommitMs: 1, replicaRttMs: [10, 20], acksRequired: 3 }), {
      message: "dr.syncWriteLatency: acksRequired must be an integer in [0, replicas=2], got 3",
    });
    assert.throws(() => failoverRto({ failureThreshold: 0 }), { message: "dr.failoverRto: failureThreshold must be an integer >= 1, got 0" });
    assert.throws(() => regionRttMs("", "x"), { message: 'dr.regionRttMs: from must be a non-empty string, got ""' });
  });
});
