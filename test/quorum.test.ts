import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
  explainConsistency,
  kStaleness,
  kStalenessExact,
  monotonicReads,
  quorumAvailability,
  quorumLatency,
  quorumLatencyQuantile,
  quorumSize,
  replicasRequired,
  staleReadProbability,
  strongReads,
  writeQuorumsIntersect,
  type ConsistencyLevel,
} from "../src/quorum";

/** Every subset of {0..n-1} with `size` members, as bitmasks. */
function subsets(n: number, size: number): number[] {
  const out: number[] = [];
  for (let mask = 0; mask < 1 << n; mask++) {
    let bits = 0;
    for (let i = 0; i < n; i++) if (mask & (1 << i)) bits++;
    if (bits === size) out.push(mask);
  }
  return out;
}

const configArb = fc
  .integer({ min: 1, max: 40 })
  .chain((n) => fc.record({ n: fc.constant(n), r: fc.integer({ min: 1, max: n }), w: fc.integer({ min: 1, max: n }) }));

describe("quorum", () => {
  describe("quorumSize", () => {
    it("quorumSize(3) is 2 and quorumSize(6) is 4 (DataStax consistency-level docs)", () => {
      assert.equal(quorumSize(3), 2);
      assert.equal(quorumSize(6), 4);
      assert.equal(quorumSize(1), 1);
      assert.equal(quorumSize(5), 3);
    });
    it("quorumSize(n) is the smallest size whose sets always intersect, for n ≤ 7 (exhaustive)", () => {
      for (let n = 1; n <= 7; n++) {
        const intersecting = (size: number): boolean =>
          subsets(n, size).every((a) => subsets(n, size).every((b) => (a & b) !== 0));
        const smallest = [...Array(n).keys()].map((i) => i + 1).find(intersecting);
        assert.equal(quorumSize(n), smallest, `n=${n}`);
      }
    });
    it("quorumSize() rejects bad input with the exact message", () => {
      assert.throws(() => quorumSize(0), {
        name: "RangeError",
        message: "quorum.quorumSize: replicationFactor must be an integer in [1, 1000], got 0",
      });
      assert.throws(() => quorumSize(2.5), {
        name: "RangeError",
        message: "quorum.quorumSize: replicationFactor must be an integer in [1, 1000], got 2.5",
      });
      assert.throws(() => quorumSize(NaN), {
        name: "TypeError",
        message: "quorum.quorumSize: replicationFactor must be an integer in [1, 1000], got NaN",
      });
    });
  });

  describe("replicasRequired", () => {
    // DataStax, "How is the consistency level configured?": quorum = floor(sum of RFs / 2) + 1.
    it('replicasRequired({level:"QUORUM",replicationFactors:3}) is 2 (DataStax)', () => {
      assert.equal(replicasRequired({ level: "QUORUM", replicationFactors: 3 }).total, 2);
    });
    it('replicasRequired({level:"QUORUM",replicationFactors:6}) is 4 (DataStax)', () => {
      assert.equal(replicasRequired({ level: "QUORUM", replicationFactors: 6 }).total, 4);
    });
    it('replicasRequired({level:"QUORUM"}) over two DCs at RF 3 is 4 (DataStax)', () => {
      const q = replicasRequired({ level: "QUORUM", replicationFactors: { dc1: 3, dc2: 3 } });
      assert.equal(q.total, 4);
      assert.equal(q.perDatacenter, null);
      assert.equal(q.reason, "QUORUM is floor(6 / 2) + 1 = 4 of the 6 replicas, in any datacenters.");
    });
    it('replicasRequired({level:"QUORUM"}) over five DCs at RF 3,3,2,2,2 is 7 (DataStax)', () => {
      const factors = { dc1: 3, dc2: 3, dc3: 2, dc4: 2, dc5: 2 };
      assert.equal(replicasRequired({ level: "QUORUM", replicationFactors: factors }).total, 7);
    });
    it('replicasRequired({level:"LOCAL_QUORUM"}) counts only the local DC', () => {
      const q = replicasRequired({ level: "LOCAL_QUORUM", replicationFactors: { us: 3, eu: 5 }, localDatacenter: "eu" });
      assert.equal(q.total, 3);
      assert.deepEqual(q.perDatacenter, { eu: 3 });
      const first = replicasRequired({ level: "LOCAL_QUORUM", replicationFactors: { us: 3, eu: 5 } });
      assert.deepEqual(first.perDatacenter, { us: 2 });
    });
    it('replicasRequired({level:"EACH_QUORUM"}) needs a majority in every DC', () => {
      const q = replicasRequired({ level: "EACH_QUORUM", replicationFactors: { dc1: 3, dc2: 3, dc3: 2, dc4: 2, dc5: 2 } });
      assert.deepEqual(q.perDatacenter, { dc1: 2, dc2: 2, dc3: 2, dc4: 2, dc5: 2 });
      assert.equal(q.total, 10);
    });
    it("replicasRequired() for ONE, TWO, THREE, LOCAL_ONE and ALL", () => {
      const rf = { a: 3, b: 2 };
      const total = (level: ConsistencyLevel): number => replicasRequired({ level, replicationFactors: rf }).total;
      assert.deepEqual(
        (["ONE", "TWO", "THREE", "LOCAL_ONE", "ALL"] as const).map(total),
        [1, 2, 3, 1, 5],
      );
    });
    it("replicasRequired() rejects bad input with the exact message", () => {
      assert.throws(() => replicasRequired({ level: "SERIAL" as ConsistencyLevel, replicationFactors: 3 }), {
        name: "RangeError",
        message:
          'quorum.replicasRequired: level must be one of "ONE", "TWO", "THREE", "LOCAL_ONE", "QUORUM", "LOCAL_QUORUM", "EACH_QUORUM", "ALL", got "SERIAL"',
      });
      assert.throws(() => replicasRequired({ level: "QUORUM", replicationFactors: { dc1: 3, dc2: 0 } }), {
        name: "RangeError",
        message: "quorum.replicasRequired: replicationFactors.dc2 must be an integer in [1, 1000], got 0",
      });
      assert.throws(() => replicasRequired({ level: "QUORUM", replicationFactors: {} }), {
        name: "RangeError",
        message: "quorum.replicasRequired: replicationFactors must be an object with at least one datacenter, got an object",
      });
      assert.throws(() => replicasRequired({ level: "QUORUM", replicationFactors: [3, 3] as unknown as number }), {
        name: "TypeError",
        message:
          "quorum.replicasRequired: replicationFactors must be a number or an object of datacenter replication factors, got an array of length 2",
      });
      assert.throws(
        () => replicasRequired({ level: "LOCAL_QUORUM", replicationFactors: { us: 3 }, localDatacenter: "eu" }),
        { name: "RangeError", message: 'quorum.replicasRequired: localDatacenter must be one of "us", got "eu"' },
      );
      // An inherited property name is not a datacenter (it used to give total NaN).
      assert.throws(
        () => replicasRequired({ level: "LOCAL_QUORUM", replicationFactors: { us: 3 }, localDatacenter: "toString" }),
        { name: "RangeError", message: 'quorum.replicasRequired: localDatacenter must be one of "us", got "toString"' },
      );
      assert.throws(() => replicasRequired({ level: "THREE", replicationFactors: 2 }), {
        name: "RangeError",
        message: 'quorum.replicasRequired: level must be a level the replicas can satisfy (2 in total), got "THREE"',
      });
    });
  });

  describe("strongReads, writeQuorumsIntersect and explainConsistency", () => {
    it("strongReads() holds exactly when every read quorum meets every write quorum (exhaustive, n ≤ 7)", () => {
      for (let n = 1; n <= 7; n++) {
        for (let r = 1; r <= n; r++) {
          for (let w = 1; w <= n; w++) {
            const reads = subsets(n, r);
            const writes = subsets(n, w);
            const allMeet = reads.every((a) => writes.every((b) => (a & b) !== 0));
            assert.equal(strongReads({ n, r, w }), allMeet, `n=${n} r=${r} w=${w}`);
          }
        }
      }
    });
    it("writeQuorumsIntersect() holds exactly when any two write quorums meet (exhaustive, n ≤ 7)", () => {
      for (let n = 1; n <= 7; n++) {
        for (let w = 1; w <= n; w++) {
          const writes = subsets(n, w);
          const allMeet = writes.every((a) => writes.every((b) => (a & b) !== 0));
          assert.equal(writeQuorumsIntersect({ n, r: 1, w }), allMeet, `n=${n} w=${w}`);
        }
      }
    });
    it("strongReads({n:3,r:2,w:2}) is true and strongReads({n:3,r:1,w:1}) is false (Dynamo (3,2,2); Cassandra default)", () => {
      assert.equal(strongReads({ n: 3, r: 2, w: 2 }), true);
      assert.equal(strongReads({ n: 3, r: 1, w: 1 }), false);
      assert.equal(writeQuorumsIntersect({ n: 4, r: 3, w: 2 }), false);
    });
    it("explainConsistency({n:3,r:2,w:2}) is strong, with reasons", () => {
      const e = explainConsistency({ n: 3, r: 2, w: 2 });
      assert.equal(e.strong, true);
      assert.equal(e.staleReadProbability, 0);
      assert.match(e.reason, /R \+ W = 4 > N = 3/);
      assert.match(e.reason, /W = 2 > N\/2 = 1.5/);
    });
    it("explainConsistency({n:3,r:2,w:2}) states what R + W > N does not promise (Bailis et al. §2: regular semantics, strict quorums, no failures; LWW with skew)", () => {
      const e = explainConsistency({ n: 3, r: 2, w: 2 });
      assert.doesNotMatch(e.reason, /a read sees the latest write\./);
      for (const needed of [/strict quorums in failure-free operation/, /sloppy quorum/, /regular semantics/, /not linearizability/, /last-writer-wins on skewed clocks/]) {
        assert.match(e.conditions, needed);
        assert.match(e.reason, needed);
      }
      assert.equal(explainConsistency({ n: 3, r: 1, w: 1 }).conditions, "");
    });
    it("explainConsistency({n:3,r:1,w:1}) is not strong: p_s = 2/3", () => {
      const e = explainConsistency({ n: 3, r: 1, w: 1 });
      assert.deepEqual(
        { strong: e.strong, reads: e.readsSeeLatestWrite, writes: e.concurrentWritesOrdered },
        { strong: false, reads: false, writes: false },
      );
      assert.equal(e.staleReadProbability, 2 / 3);
      assert.equal(
        e.reason,
        "R + W = 2 <= N = 3: the 1 replica(s) a read asks can all be outside the 1 that took the latest write (probability 2/3). " +
          "W = 1 <= N/2 = 1.5: two concurrent writes can land on disjoint replicas.",
      );
    });
    it("explainConsistency({n:4,r:3,w:2}): reads see the latest write but writes are not ordered", () => {
      const e = explainConsistency({ n: 4, r: 3, w: 2 });
      assert.equal(e.readsSeeLatestWrite, true);
      assert.equal(e.concurrentWritesOrdered, false);
      assert.equal(e.strong, false);
    });
    it("strongReads(), writeQuorumsIntersect() and explainConsistency() reject bad input with the exact message", () => {
      assert.throws(() => strongReads({ n: 3, r: 4, w: 1 }), {
        name: "RangeError",
        message: "quorum.strongReads: r must be an integer in [1, n=3], got 4",
      });
      assert.throws(() => writeQuorumsIntersect({ n: 3, r: 1, w: 0 }), {
        name: "RangeError",
        message: "quorum.writeQuorumsIntersect: w must be an integer in [1, n=3], got 0",
      });
      assert.throws(() => explainConsistency({ n: -1, r: 1, w: 1 }), {
        name: "RangeError",
        message: "quorum.explainConsistency: n must be an integer in [1, 1000], got -1",
      });
      assert.throws(() => strongReads(undefined as never), {
        name: "TypeError",
        message: "quorum.strongReads: options must be an object, got undefined",
      });
    });
  });

  describe("staleReadProbability, kStaleness and kStalenessExact", () => {
    // Bailis et al., VLDB 2012, §3.1 (values as listed in ../shared/REFERENCES.md).
    it("kStaleness({n:3,r:1,w:1,k:2}) is 5/9", () => {
      assert.equal(kStaleness({ n: 3, r: 1, w: 1, k: 2 }), 5 / 9);
      assert.deepEqual(kStalenessExact({ n: 3, r: 1, w: 1, k: 2 }), { probability: 5 / 9, fraction: "5/9" });
    });
    it("kStaleness({n:3,r:1,w:1,k:1}) is 1/3 and k:3 is 19/27", () => {
      assert.equal(kStalenessExact({ n: 3, r: 1, w: 1, k: 1 }).fraction, "1/3");
      assert.equal(kStaleness({ n: 3, r: 1, w: 1, k: 1 }), 1 / 3);
      assert.equal(kStalenessExact({ n: 3, r: 1, w: 1, k: 3 }).fraction, "19/27");
      assert.equal(kStaleness({ n: 3, r: 1, w: 1, k: 3 }), 19 / 27);
    });
    it("kStaleness({n:3,r:1,w:1}) is above 0.868 at k=5 and above 0.98 at k=10", () => {
      assert.equal(kStalenessExact({ n: 3, r: 1, w: 1, k: 5 }).fraction, "211/243");
      assert.ok(kStaleness({ n: 3, r: 1, w: 1, k: 5 }) > 0.868);
      assert.ok(kStaleness({ n: 3, r: 1, w: 1, k: 10 }) > 0.98);
    });
    it("kStaleness({n:3,r:1,w:2}) is 2/3 at k=1, 8/9 at k=2, above 0.995 at k=5, and equals R=2,W=1", () => {
      assert.equal(kStalenessExact({ n: 3, r: 1, w: 2, k: 1 }).fraction, "2/3");
      assert.equal(kStalenessExact({ n: 3, r: 1, w: 2, k: 2 }).fraction, "8/9");
      assert.ok(kStaleness({ n: 3, r: 1, w: 2, k: 5 }) > 0.995);
      for (let k = 1; k <= 6; k++) {
        assert.equal(kStalenessExact({ n: 3, r: 2, w: 1, k }).fraction, kStalenessExact({ n: 3, r: 1, w: 2, k }).fraction);
      }
    });
    it("staleReadProbability({n:100,r:30,w:30}) is about 1.88e-6", () => {
      const ps = staleReadProbability({ n: 100, r: 30, w: 30 });
      assert.ok(Math.abs(ps - 1.88e-6) < 0.005e-6, String(ps));
      // The exact value, C(70,30)/C(100,30), computed with Python's math.comb and fractions.
      assert.ok(Math.abs(ps / 1.884349030219954e-6 - 1) < 1e-12, String(ps));
      assert.equal(kStalenessExact({ n: 100, r: 30, w: 30, k: 1 }).fraction, "18562871123872097/18562906102866210");
    });
    it("staleReadProbability() is the share of read quorums that miss a write quorum (exhaustive, n ≤ 7)", () => {
      for (let n = 1; n <= 7; n++) {
        for (let r = 1; r <= n; r++) {
          for (let w = 1; w <= n; w++) {
            const write = (1 << w) - 1;
            const reads = subsets(n, r);
            const missing = reads.filter((a) => (a & write) === 0).length;
            assert.ok(Math.abs(staleReadProbability({ n, r, w }) - missing / reads.length) < 1e-15, `n=${n} r=${r} w=${w}`);
          }
        }
      }
    });
    it("kStaleness() is 1 whenever R + W > N (property)", () => {
      fc.assert(
        fc.property(configArb, fc.integer({ min: 1, max: 50 }), ({ n, r, w }, k) => {
          fc.pre(r + w > n);
          assert.equal(kStaleness({ n, r, w, k }), 1);
        }),
      );
    });
    it("kStaleness() is monotone in k, R and W and stays in [0, 1] (property)", () => {
      fc.assert(
        fc.property(configArb, fc.integer({ min: 1, max: 200 }), ({ n, r, w }, k) => {
          const p = kStaleness({ n, r, w, k });
          assert.ok(p >= 0 && p <= 1);
          assert.ok(kStaleness({ n, r, w, k: k + 1 }) >= p);
          if (r < n) assert.ok(kStaleness({ n, r: r + 1, w, k }) >= p);
          if (w < n) assert.ok(kStaleness({ n, r, w: w + 1, k }) >= p);
        }),
      );
    });
    it("kStaleness() agrees with kStalenessExact() on both of its computation paths (property)", () => {
      fc.assert(
        fc.property(configArb, fc.integer({ min: 1, max: 1000 }), ({ n, r, w }, k) => {
          const fast = kStaleness({ n, r, w, k });
          const exact = kStalenessExact({ n, r, w, k }).probability;
          assert.ok(Math.abs(fast - exact) <= 1e-13, `${fast} vs ${exact}`);
        }),
        { numRuns: 60 },
      );
    });
    it("kStalenessExact({n:1000,r:400,w:300,k:1000}) stays a number without NaN", () => {
      const e = kStalenessExact({ n: 1000, r: 400, w: 300, k: 1000 });
      assert.equal(e.probability, 1);
      assert.ok(e.fraction.includes("/"));
      const p = kStaleness({ n: 1000, r: 1, w: 1, k: 1000 }); // 1 − 0.999^1000
      assert.ok(Math.abs(p - -Math.expm1(1000 * Math.log1p(-0.001))) < 1e-15);
    });
    it("staleReadProbability(), kStaleness() and kStalenessExact() reject bad input with the exact message", () => {
      assert.throws(() => kStaleness({ n: 3, r: 4, w: 1, k: 1 }), {
        name: "RangeError",
        message: "quorum.kStaleness: r must be an integer in [1, n=3], got 4",
      });
      assert.throws(() => kStaleness({ n: 3, r: 1, w: 1, k: 0 }), {
        name: "RangeError",
        message: "quorum.kStaleness: k must be an integer in [1, 1000], got 0",
      });
      assert.throws(() => kStalenessExact({ n: 3, r: 1, w: 1, k: 1.5 }), {
        name: "RangeError",
        message: "quorum.kStalenessExact: k must be an integer in [1, 1000], got 1.5",
      });
      assert.throws(() => staleReadProbability({ n: 3, r: 1, w: Infinity }), {
        name: "TypeError",
        message: "quorum.staleReadProbability: w must be an integer in [1, n=3], got Infinity",
      });
    });
  });

  describe("monotonicReads", () => {
    it("monotonicReads() with equal write and read rates is k-staleness at k = 2 (Bailis et al. §3.2)", () => {
      assert.deepEqual(monotonicReads({ n: 3, r: 1, w: 1, globalWriteRate: 1, clientReadRate: 1 }), {
        k: 2,
        probability: 5 / 9,
      });
    });
    it("monotonicReads() with a fractional k is 1 − p_s^k", () => {
      const m = monotonicReads({ n: 3, r: 1, w: 1, globalWriteRate: 1, clientReadRate: 2 });
      assert.equal(m.k, 1.5);
      assert.ok(Math.abs(m.probability - (1 - (2 / 3) ** 1.5)) < 1e-15);
      const none = monotonicReads({ n: 3, r: 1, w: 1, globalWriteRate: 0, clientReadRate: 5 });
      assert.deepEqual(none, { k: 1, probability: 1 / 3 });
    });
    it("monotonicReads() rises with the write rate (property)", () => {
      fc.assert(
        fc.property(configArb, fc.double({ min: 0, max: 100, noNaN: true }), ({ n, r, w }, writes) => {
          const slow = monotonicReads({ n, r, w, globalWriteRate: writes, clientReadRate: 1 }).probability;
          const fast = monotonicReads({ n, r, w, globalWriteRate: writes + 1, clientReadRate: 1 }).probability;
          assert.ok(fast >= slow && fast <= 1);
        }),
      );
    });
    it("monotonicReads() rejects bad input with the exact message", () => {
      assert.throws(() => monotonicReads({ n: 3, r: 1, w: 1, globalWriteRate: -1, clientReadRate: 1 }), {
        name: "RangeError",
        message: "quorum.monotonicReads: globalWriteRate must be a finite number >= 0, got -1",
      });
      assert.throws(() => monotonicReads({ n: 3, r: 1, w: 1, globalWriteRate: 1, clientReadRate: 0 }), {
        name: "RangeError",
        message: "quorum.monotonicReads: clientReadRate must be a finite number > 0, got 0",
      });
      assert.throws(() => monotonicReads({ n: 3, r: 1, w: 1, globalWriteRate: 1e308, clientReadRate: 1e-308 }), {
        name: "RangeError",
        message: "quorum.monotonicReads: globalWriteRate / clientReadRate must be a finite ratio, got Infinity",
      });
    });
  });

  describe("quorumAvailability", () => {
    it("quorumAvailability({n:3,size:2,replicaAvailability:0.99}) is 0.999702 (3·0.99²·0.01 + 0.99³)", () => {
      assert.ok(Math.abs(quorumAvailability({ n: 3, size: 2, replicaAvailability: 0.99 }) - 0.999702) < 1e-15);
    });
    it("quorumAvailability() of size 1 is 1 − (1 − p)^n and of size n is p^n", () => {
      assert.ok(Math.abs(quorumAvailability({ n: 3, size: 1, replicaAvailability: 0.9 }) - 0.999) < 1e-15);
      assert.ok(Math.abs(quorumAvailability({ n: 3, size: 3, replicaAvailability: 0.9 }) - 0.729) < 1e-15);
    });
    it("quorumAvailability() falls as the quorum grows and rises with p (property)", () => {
      fc.assert(
        fc.property(configArb, fc.double({ min: 0, max: 0.99, noNaN: true }), ({ n, r }, p) => {
          const a = quorumAvailability({ n, size: r, replicaAvailability: p });
          assert.ok(a >= 0 && a <= 1);
          if (r < n) assert.ok(quorumAvailability({ n, size: r + 1, replicaAvailability: p }) <= a + 1e-12);
          assert.ok(quorumAvailability({ n, size: r, replicaAvailability: p + 0.01 }) >= a - 1e-12);
        }),
      );
    });
    it("quorumAvailability() rejects bad input with the exact message", () => {
      assert.throws(() => quorumAvailability({ n: 3, size: 4, replicaAvailability: 0.9 }), {
        name: "RangeError",
        message: "quorum.quorumAvailability: size must be an integer in [1, n=3], got 4",
      });
      assert.throws(() => quorumAvailability({ n: 3, size: 2, replicaAvailability: 99.9 }), {
        name: "RangeError",
        message: "quorum.quorumAvailability: replicaAvailability must be a probability in [0, 1], got 99.9",
      });
    });
  });

  describe("quorumLatency and quorumLatencyQuantile", () => {
    it("quorumLatency({latencies:[12,3,40],r:2}) is 12, the 2nd smallest", () => {
      assert.equal(quorumLatency({ latencies: [12, 3, 40], r: 2 }), 12);
      assert.equal(quorumLatency({ latencies: [12, 3, 40], r: 1 }), 3);
      assert.equal(quorumLatency({ latencies: [12, 3, 40], r: 3 }), 40);
    });
    it("quorumLatency() is between the fastest and slowest replica and grows with r (property)", () => {
      fc.assert(
        fc.property(fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 9 }), (xs) => {
          let previous = -Infinity;
          for (let r = 1; r <= xs.length; r++) {
            const t = quorumLatency({ latencies: xs, r });
            assert.ok(t >= Math.min(...xs) && t <= Math.max(...xs) && t >= previous);
            previous = t;
          }
        }),
      );
    });
    // Samples at the exponential quantiles (rate 1): the answers must match the
    // order statistics of Exp(1), which have closed forms.
    const m = 20_000;
    const expSamples = Array.from({ length: m }, (_, i) => -Math.log1p(-(i + 0.5) / m));
    it("quorumLatencyQuantile() of r=1 of 3 exponential replicas: p99 is ln(100)/3 (min of 3 is Exp(3))", () => {
      const p99 = quorumLatencyQuantile({ samples: expSamples, n: 3, r: 1, quantile: 0.99 });
      assert.ok(Math.abs(p99 - Math.log(100) / 3) < 2e-3, String(p99));
    });
    it("quorumLatencyQuantile() of r=2 of 3 exponential replicas: the median is ln 2 (3F²−2F³ = 1/2 at F = 1/2)", () => {
      const median = quorumLatencyQuantile({ samples: expSamples, n: 3, r: 2, quantile: 0.5 });
      assert.ok(Math.abs(median - Math.LN2) < 1e-3, String(median));
    });
    it("quorumLatencyQuantile() with n=1, r=1 is the samples' own quantile; ties are handled", () => {
      assert.equal(quorumLatencyQuantile({ samples: [4, 1, 3, 2], n: 1, r: 1, quantile: 0.5 }), 2);
      assert.equal(quorumLatencyQuantile({ samples: [4, 1, 3, 2], n: 1, r: 1, quantile: 0.51 }), 3);
      assert.equal(quorumLatencyQuantile({ samples: [5, 5, 5, 9], n: 2, r: 2, quantile: 0.5 }), 5);
      assert.equal(quorumLatencyQuantile({ samples: [1, 2, 3, 4], n: 3, r: 1, quantile: 0.5 }), 1);
      assert.equal(quorumLatencyQuantile({ samples: [1, 2, 3, 4], n: 3, r: 3, quantile: 0 }), 1);
    });
    it("quorumLatencyQuantile() grows with r and with the quantile (property)", () => {
      fc.assert(
        fc.property(
          fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 30 }),
          fc.integer({ min: 1, max: 6 }),
          fc.double({ min: 0, max: 0.99, noNaN: true }),
          (samples, n, q) => {
            for (let r = 1; r <= n; r++) {
              const t = quorumLatencyQuantile({ samples, n, r, quantile: q });
              assert.ok(samples.includes(t));
              if (r < n) assert.ok(quorumLatencyQuantile({ samples, n, r: r + 1, quantile: q }) >= t);
              assert.ok(quorumLatencyQuantile({ samples, n, r, quantile: q + 0.01 }) >= t);
            }
          },
        ),
        { numRuns: 50 },
      );
    });
    it("quorumLatency() and quorumLatencyQuantile() reject bad input with the exact message", () => {
      assert.throws(() => quorumLatency({ latencies: [1, 2], r: 3 }), {
        name: "RangeError",
        message: "quorum.quorumLatency: r must be an integer in [1, n=2], got 3",
      });
      assert.throws(() => quorumLatency({ latencies: [1, -2], r: 1 }), {
        name: "RangeError",
        message: "quorum.quorumLatency: latencies[1] must be a finite number >= 0, got -2",
      });
      assert.throws(() => quorumLatency({ latencies: [], r: 1 }), {
        name: "RangeError",
        message: "quorum.quorumLatency: latencies must be an array with length >= 1, got an array of length 0",
      });
      assert.throws(() => quorumLatencyQuantile({ samples: [1, NaN], n: 3, r: 1, quantile: 0.5 }), {
        name: "TypeError",
        message: "quorum.quorumLatencyQuantile: samples[1] must be a finite number >= 0, got NaN",
      });
      assert.throws(() => quorumLatencyQuantile({ samples: [1, 2], n: 3, r: 1, quantile: 99 }), {
        name: "RangeError",
        message: "quorum.quorumLatencyQuantile: quantile must be a probability in [0, 1], got 99",
      });
    });
  });
});
