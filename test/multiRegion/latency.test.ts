import { strict as assert } from "node:assert";
import fc from "fast-check";
import { INTER_AZ_RTT_MS, readLatency, regionRttMatrix, rttMs, syncReplicationSlowdown, writeLatency, type RttMatrix } from "../../src/multiRegion/latency";

const CORE = ["us-east-1", "us-west-2", "eu-west-1", "ap-south-1", "ap-northeast-1", "sa-east-1"];
const toy: RttMatrix = {
  regions: ["a", "b", "c", "d"],
  rttMs: [
    [1, 10, 50, 100],
    [10, 1, 40, 90],
    [50, 40, 1, 60],
    [100, 90, 60, 1],
  ],
};

describe("multiRegion/latency", () => {
  it("regionRttMatrix() holds the six core regions, square, every entry finite and >= 0 (data/region-rtt.json)", () => {
    const m = regionRttMatrix();
    for (const r of CORE) assert.ok(m.regions.includes(r), r);
    assert.equal(m.rttMs.length, m.regions.length);
    for (const row of m.rttMs) {
      assert.equal(row.length, m.regions.length);
      for (const x of row) assert.ok(Number.isFinite(x) && x >= 0);
    }
  });
  it("every inter-region RTT is above the fibre lower bound (great circle at 2/3 c, data/region-rtt.md); within a region rttMs gives the inter-AZ RTT", () => {
    // The six pairs' great-circle lower bounds from data/region-rtt.md, ms.
    const bounds: [string, string, number][] = [
      ["us-east-1", "us-west-2", 35.0],
      ["us-east-1", "eu-west-1", 54.7],
      ["us-east-1", "ap-south-1", 128.6],
      ["us-east-1", "ap-northeast-1", 108.8],
      ["us-east-1", "sa-east-1", 76.7],
      ["ap-south-1", "sa-east-1", 137.8],
    ];
    for (const [from, to, bound] of bounds) {
      assert.ok(rttMs({ from, to }) > bound, `${from} → ${to}`);
      assert.ok(rttMs({ from: to, to: from }) > bound, `${to} → ${from}`);
    }
    for (const r of CORE) assert.equal(rttMs({ from: r, to: r }), INTER_AZ_RTT_MS);
  });
  it("INTER_AZ_RTT_MS is 1 ms, inside the measured 0.25–3.37 ms inter-AZ range (data/region-rtt.md), and is a parameter", () => {
    assert.equal(INTER_AZ_RTT_MS, 1);
    assert.ok(INTER_AZ_RTT_MS >= 0.25 && INTER_AZ_RTT_MS <= 3.37);
    // The matrix's diagonal (cloudping: a Lambda to its own region's DynamoDB endpoint) is never used.
    const us = regionRttMatrix().regions.indexOf("us-east-1");
    assert.equal(regionRttMatrix().rttMs[us][us], 4);
    assert.equal(rttMs({ from: "us-east-1", to: "us-east-1", interAzRttMs: 3.37 }), 3.37);
    assert.equal(writeLatency({ coordinator: "us-east-1", replicas: [], replication: "sync", interAzRttMs: 0.25 }).totalMs, 0.25);
    assert.equal(readLatency({ client: "eu-west-1", replicas: ["eu-west-1"], consistency: "nearest", interAzRttMs: 2 }), 2);
    assert.equal(syncReplicationSlowdown({ primary: "us-east-1", replicas: ["eu-west-1"], interAzRttMs: 2 }).syncWriteMs, 72);
    assert.throws(() => rttMs({ from: "us-east-1", to: "us-east-1", interAzRttMs: -1 }), {
      name: "RangeError",
      message: "multiRegion.rttMs: interAzRttMs must be a finite number in [0, 100], got -1",
    });
  });
  it('rttMs({from:"us-east-1",to:"eu-west-1"}) is 70 ms (cloudping p50 via jvm-libp2p)', () => {
    assert.equal(rttMs({ from: "us-east-1", to: "eu-west-1" }), 70);
    assert.equal(rttMs({ from: "us-east-1", to: "ap-south-1" }), 186);
  });
  it("course Gold tier: sync to eu-west-1 + ap-south-1 from us-east-1 makes a write 1 → 187 ms (187×), a majority quorum 71 ms", () => {
    const all = syncReplicationSlowdown({ primary: "us-east-1", replicas: ["eu-west-1", "ap-south-1"] });
    assert.deepEqual(all, { asyncWriteMs: 1, syncWriteMs: 187, extraMs: 186, ratio: 187, asyncRpoWindowMs: 93 });
    const quorum = syncReplicationSlowdown({ primary: "us-east-1", replicas: ["eu-west-1", "ap-south-1"], acks: 1 });
    assert.equal(quorum.syncWriteMs, 71);
  });
  it("writeLatency: sync waits for the acks-th nearest replica, async for none but opens an RPO window of the slowest RTT/2 + lag", () => {
    const base = { coordinator: "a", replicas: ["b", "c", "d"], matrix: toy };
    assert.equal(writeLatency({ ...base, replication: "sync" }).totalMs, 101);
    assert.equal(writeLatency({ ...base, replication: "sync", acks: 2 }).totalMs, 51);
    assert.deepEqual(writeLatency({ ...base, replication: "sync", acks: 2 }).waitedFor, ["b", "c"]);
    const async = writeLatency({ ...base, replication: "async", replicationLagMs: 5 });
    assert.equal(async.totalMs, 1);
    assert.equal(async.rpoWindowMs, 55);
    assert.equal(writeLatency({ ...base, replication: "sync", client: "d" }).clientRttMs, 100);
  });
  it("writeLatency: more acks never makes a write faster (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), (acks) => {
        const o = { coordinator: "us-east-1", replicas: ["eu-west-1", "ap-south-1", "sa-east-1"], replication: "sync" as const };
        return writeLatency({ ...o, acks }).totalMs <= writeLatency({ ...o, acks: acks + 1 }).totalMs;
      }),
    );
  });
  it("readLatency: nearest ≤ quorum and leader reads go to the leader", () => {
    const o = { client: "d", replicas: ["a", "b", "c", "d"], matrix: toy };
    assert.equal(readLatency({ ...o, consistency: "nearest" }), 1);
    assert.equal(readLatency({ ...o, consistency: "leader", leader: "a" }), 100);
    assert.equal(readLatency({ ...o, consistency: "leader" }), 100);
    assert.equal(readLatency({ ...o, consistency: "quorum" }), 1 + 90); // majority 3: d itself, c (60), b (90)
    assert.equal(readLatency({ ...o, consistency: "quorum", quorum: 1 }), 1);
  });
  it("bad input: rttMs, writeLatency, readLatency, syncReplicationSlowdown", () => {
    assert.throws(() => rttMs({ from: "mars-1", to: "us-east-1" }), {
      name: "RangeError",
      message: 'multiRegion.rttMs: from must be a region of the matrix (21 regions, e.g. "af-south-1"), got "mars-1"',
    });
    assert.throws(() => rttMs({ from: "us-east-1", to: 3 as never }), {
      name: "TypeError",
      message: "multiRegion.rttMs: to must be a region name (string), got 3",
    });
    assert.throws(() => rttMs({ from: "a", to: "b", matrix: { regions: ["a", "b"], rttMs: [[1, 2]] } }), {
      name: "RangeError",
      message: "multiRegion.rttMs: matrix.rttMs must be an array with length in [regions.length=2, regions.length=2], got an array of length 1",
    });
    assert.throws(() => rttMs({ from: "a", to: "b", matrix: { regions: ["a", "b"], rttMs: [[1, 2], [2, NaN]] } }), {
      name: "TypeError",
      message: "multiRegion.rttMs: matrix.rttMs[1][1] must be a finite number >= 0, got NaN",
    });
    assert.throws(() => writeLatency({ coordinator: "a", replicas: ["b"], replication: "sync", acks: 2, matrix: toy }), {
      name: "RangeError",
      message: "multiRegion.writeLatency: acks must be an integer in [0, remote replicas=1], got 2",
    });
    assert.throws(() => writeLatency({ coordinator: "a", replicas: ["b"], replication: "semi" as never, matrix: toy }), {
      name: "RangeError",
      message: 'multiRegion.writeLatency: replication must be one of "sync", "async", got "semi"',
    });
    assert.throws(() => writeLatency({ coordinator: "a", replicas: ["b"], replication: "async", replicationLagMs: -1, matrix: toy }), {
      name: "RangeError",
      message: "multiRegion.writeLatency: replicationLagMs must be a finite number >= 0, got -1",
    });
    assert.throws(() => readLatency({ client: "a", replicas: [], consistency: "nearest", matrix: toy }), {
      name: "RangeError",
      message: "multiRegion.readLatency: replicas must be an array with length in [1, 100], got an array of length 0",
    });
    assert.throws(() => readLatency({ client: "a", replicas: ["a", "b"], consistency: "quorum", quorum: 3, matrix: toy }), {
      name: "RangeError",
      message: "multiRegion.readLatency: quorum must be an integer in [1, replicas=2], got 3",
    });
    assert.throws(() => syncReplicationSlowdown({ primary: "x", replicas: ["a"], matrix: toy }), {
      name: "RangeError",
      message: 'multiRegion.syncReplicationSlowdown: primary must be a region of the matrix (4 regions, e.g. "a"), got "x"',
    });
    assert.throws(() => syncReplicationSlowdown({ primary: "a", replicas: ["b"], acks: 5, matrix: toy }), {
      name: "RangeError",
      message: "multiRegion.syncReplicationSlowdown: acks must be an integer in [0, remote replicas=1], got 5",
    });
  });
});
