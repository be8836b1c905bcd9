import { strict as assert } from "node:assert";
import fc from "fast-check";
import { hotKeyLoad, keyLoad, loadImbalance, movement, ringImbalanceByVnodes } from "../../src/sharding/analysis";

// Keys are fixed ("key-0", "key-1", …), so these figures are deterministic; tolerances are
// still set from the binomial spread (sd ≤ 0.0023 at 50 000 keys) so that the tests say
// something true of any good hash, not of one lucky run.
const KEYS = 50_000;

describe("sharding/analysis", () => {
  describe("movement", () => {
    for (const n of [1, 5, 10, 50]) {
      it(`movement({placement:"modN",from:${n},to:${n + 1}}) moves ≈ n/(n+1) of keys`, () => {
        const m = movement({ placement: "modN", from: n, to: n + 1, keys: KEYS });
        assert.equal(m.expectedFraction, n / (n + 1));
        assert.ok(Math.abs(m.movedFraction - n / (n + 1)) < 0.012, `moved ${m.movedFraction}`);
      });
      it(`movement({placement:"jump",from:${n},to:${n + 1}}) moves ≈ 1/(n+1), all to the new bucket (Lamping & Veach 2014)`, () => {
        const m = movement({ placement: "jump", from: n, to: n + 1, keys: KEYS });
        assert.equal(m.onlyNecessaryMoves, true);
        assert.equal(m.movedViaChangedShards, m.movedKeys);
        assert.ok(Math.abs(m.movedFraction - 1 / (n + 1)) < 0.012, `moved ${m.movedFraction}`);
      });
    }
    it('movement({placement:"ring",from:10,to:11,vnodesPerShard:1000}) moves ≈ 1/11, all to the new shard', () => {
      const m = movement({ placement: "ring", from: 10, to: 11, vnodesPerShard: 1000, keys: KEYS });
      assert.equal(m.onlyNecessaryMoves, true);
      assert.ok(Math.abs(m.movedFraction - 1 / 11) < 0.015, `moved ${m.movedFraction}`);
    });
    it('movement({placement:"modN",from:4,to:6}) expects 1 − 4/lcm(4,6) = 2/3 and measures it', () => {
      const m = movement({ placement: "modN", from: 4, to: 6, keys: KEYS });
      assert.ok(Math.abs(m.expectedFraction - 2 / 3) < 1e-12);
      assert.ok(Math.abs(m.movedFraction - 2 / 3) < 0.012);
      assert.equal(m.onlyNecessaryMoves, false);
    });
    it('movement({placement:"modN",from:4,to:5}).expectedFraction is 0.8 and modN 4 → 8 moves half', () => {
      assert.equal(movement({ placement: "modN", from: 4, to: 5, keys: 10 }).expectedFraction, 0.8);
      assert.equal(movement({ placement: "modN", from: 4, to: 8, keys: 10 }).expectedFraction, 0.5);
    });
    it("ring and jump only ever move keys to added shards or off removed ones, for any n → m (property)", () => {
      fc.assert(
        fc.property(
          fc.constantFrom("ring" as const, "jump" as const),
          fc.integer({ min: 1, max: 40 }),
          fc.integer({ min: 1, max: 40 }),
          (placement, from, to) => movement({ placement, from, to, keys: 2000, vnodesPerShard: 20 }).onlyNecessaryMoves,
        ),
        { numRuns: 40 },
      );
    });
    it("movement({from:n,to:n}) moves nothing", () => {
      for (const placement of ["modN", "ring", "jump"] as const) {
        const m = movement({ placement, from: 7, to: 7, keys: 1000 });
        assert.equal(m.movedKeys, 0);
        assert.equal(m.expectedFraction, 0);
      }
    });
    it("bad input: movement", () => {
      assert.throws(() => movement({ placement: "rendezvous" as never, from: 1, to: 2 }), {
        name: "RangeError",
        message: 'sharding.movement: placement must be one of "modN", "ring", "jump", got "rendezvous"',
      });
      assert.throws(() => movement({ placement: "modN", from: 0, to: 2 }), {
        name: "RangeError",
        message: "sharding.movement: from must be an integer in [1, 100000], got 0",
      });
      assert.throws(() => movement({ placement: "ring", from: 1, to: 2000, vnodesPerShard: 10000 }), {
        name: "RangeError",
        message: "sharding.movement: to must be an integer in [1, 1000], got 2000",
      });
      assert.throws(() => movement({ placement: "jump", from: 1, to: 2, keys: 0 }), {
        name: "RangeError",
        message: "sharding.movement: keys must be an integer in [1, 5000000], got 0",
      });
      assert.throws(() => movement({ placement: "ring", from: 1, to: 2, vnodesPerShard: 0 }), {
        name: "RangeError",
        message: "sharding.movement: vnodesPerShard must be an integer in [1, 100000], got 0",
      });
      assert.throws(() => movement(undefined as never), { name: "TypeError", message: "sharding.movement: options must be an object, got undefined" });
    });
  });

  describe("loadImbalance", () => {
    it("loadImbalance([1,2,3]) is mean 2, max/mean 1.5, std √(2/3)", () => {
      const s = loadImbalance([1, 2, 3]);
      assert.equal(s.mean, 2);
      assert.equal(s.maxOverMean, 1.5);
      assert.ok(Math.abs(s.standardDeviation - Math.sqrt(2 / 3)) < 1e-15);
      assert.ok(Math.abs(s.coefficientOfVariation - Math.sqrt(2 / 3) / 2) < 1e-15);
    });
    it("loadImbalance keeps max/mean within [1, shards] for subnormal loads (fast-check found [2.5e-323, 0] giving 2.0000000000000004)", () => {
      assert.equal(loadImbalance([2.5e-323, 0]).maxOverMean, 2);
      assert.equal(loadImbalance([5e-324, 5e-324, 5e-324]).maxOverMean, 1);
    });

    it("loadImbalance: 1 <= max/mean <= shards and std >= 0 (property)", () => {
      fc.assert(
        fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), (loads) => {
          fc.pre(loads.some((x) => x > 0));
          const s = loadImbalance(loads);
          return s.maxOverMean >= 1 - 1e-12 && s.maxOverMean <= loads.length * (1 + 1e-12) && s.standardDeviation >= 0;
        }),
      );
    });
    it("bad input: loadImbalance", () => {
      assert.throws(() => loadImbalance([]), {
        name: "RangeError",
        message: "sharding.loadImbalance: loads must be an array with length >= 1, got an array of length 0",
      });
      assert.throws(() => loadImbalance([1, -1]), {
        name: "RangeError",
        message: "sharding.loadImbalance: loads[1] must be a finite number >= 0, got -1",
      });
      assert.throws(() => loadImbalance([0, 0]), {
        name: "RangeError",
        message: "sharding.loadImbalance: loads must be an array with a positive total, got 0",
      });
      assert.throws(() => loadImbalance([NaN]), { name: "TypeError", message: "sharding.loadImbalance: loads[0] must be a finite number >= 0, got NaN" });
    });
  });

  describe("keyLoad", () => {
    it('keyLoad({placement:"jump",shards:10}) places every key with max/mean < 1.03', () => {
      const { loads, imbalance } = keyLoad({ placement: "jump", shards: 10, keys: KEYS });
      assert.equal(loads.reduce((a, b) => a + b, 0), KEYS);
      assert.ok(imbalance.maxOverMean < 1.03, `max/mean ${imbalance.maxOverMean}`);
    });
    it('keyLoad({placement:"ring",vnodesPerShard:1}) is far less even than with 1000 vnodes', () => {
      const one = keyLoad({ placement: "ring", shards: 20, vnodesPerShard: 1, keys: 20_000 }).imbalance;
      const many = keyLoad({ placement: "ring", shards: 20, vnodesPerShard: 1000, keys: 20_000 }).imbalance;
      assert.ok(one.coefficientOfVariation > 4 * many.coefficientOfVariation);
    });
    it("bad input: keyLoad", () => {
      assert.throws(() => keyLoad({ placement: "modN", shards: 100_001 }), {
        name: "RangeError",
        message: "sharding.keyLoad: shards must be an integer in [1, 100000], got 100001",
      });
      assert.throws(() => keyLoad({ placement: 3 as never, shards: 1 }), {
        name: "TypeError",
        message: 'sharding.keyLoad: placement must be one of "modN", "ring", "jump", got 3',
      });
    });
  });

  describe("ringImbalanceByVnodes", () => {
    it("ringImbalanceByVnodes({shards:100}): std falls as ≈ 1/√vnodes (Dynamo SOSP 2007 §6.2; REFERENCES.md)", () => {
      const rows = ringImbalanceByVnodes({ shards: 100, vnodeCounts: [1, 4, 16, 64, 256, 1024] });
      const xs = rows.map((r) => Math.log(r.vnodesPerShard));
      const ys = rows.map((r) => Math.log(r.coefficientOfVariation));
      const mx = xs.reduce((a, b) => a + b) / xs.length;
      const my = ys.reduce((a, b) => a + b) / ys.length;
      const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
      assert.ok(slope > -0.6 && slope < -0.4, `log-log slope ${slope}`);
      for (const r of rows) assert.ok(r.cvTimesSqrtVnodes > 0.7 && r.cvTimesSqrtVnodes < 1.4, `cv·√v ${r.cvTimesSqrtVnodes}`);
      assert.ok(rows[0].maxOverMean > 3 && rows[5].maxOverMean < 1.15);
    });
    it("bad input: ringImbalanceByVnodes", () => {
      assert.throws(() => ringImbalanceByVnodes({ shards: 1, vnodeCounts: [1] }), {
        name: "RangeError",
        message: "sharding.ringImbalanceByVnodes: shards must be an integer in [2, 10000], got 1",
      });
      assert.throws(() => ringImbalanceByVnodes({ shards: 10, vnodeCounts: [] }), {
        name: "RangeError",
        message: "sharding.ringImbalanceByVnodes: vnodeCounts must be an array with length in [1, 100], got an array of length 0",
      });
      assert.throws(() => ringImbalanceByVnodes({ shards: 10, vnodeCounts: [10, 2_000_000] }), {
        name: "RangeError",
        message: "sharding.ringImbalanceByVnodes: vnodeCounts[1] must be an integer in [1, 10000000/shards=1000000], got 2000000",
      });
    });
  });

  describe("hotKeyLoad", () => {
    it("hotKeyLoad: the hottest shard carries at least the hot key's share, whatever the placement (property)", () => {
      fc.assert(
        fc.property(
          fc.constantFrom("modN" as const, "ring" as const, "jump" as const),
          fc.integer({ min: 1, max: 50 }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          (placement, shards, share) => {
            const r = hotKeyLoad({ placement, shards, keys: 500, hotKeyShare: share, vnodesPerShard: 10 });
            const total = r.shardShares.reduce((a, b) => a + b, 0);
            return r.hottestShardShare >= share - 1e-12 && Math.abs(total - 1) < 1e-9;
          },
        ),
        { numRuns: 60 },
      );
    });
    it('hotKeyLoad({placement:"jump",shards:10,hotKeyShare:0.3}): one key with 30% of traffic makes max/mean ≈ 10 × (0.3 + 0.7/10) = 3.7', () => {
      const r = hotKeyLoad({ placement: "jump", shards: 10, keys: 10_000, hotKeyShare: 0.3 });
      assert.equal(r.hottestKeyShare, 0.3);
      assert.ok(Math.abs(r.maxOverMean - 3.7) < 0.1, `max/mean ${r.maxOverMean}`);
    });
    it("hotKeyLoad with zipfExponent 0 is the uniform keyLoad; Zipf s=1 is much less even", () => {
      const uniform = hotKeyLoad({ placement: "modN", shards: 10, keys: 10_000, zipfExponent: 0 });
      const { loads } = keyLoad({ placement: "modN", shards: 10, keys: 10_000 });
      uniform.shardShares.forEach((s, i) => assert.ok(Math.abs(s - loads[i] / 10_000) < 1e-12));
      const zipf = hotKeyLoad({ placement: "modN", shards: 10, keys: 10_000, zipfExponent: 1 });
      // H(10000) ≈ 9.7876, so the top key alone has ≈ 10.2% of requests.
      assert.ok(Math.abs(zipf.hottestKeyShare - 1 / 9.787606036) < 1e-6);
      assert.ok(zipf.maxOverMean > uniform.maxOverMean + 0.1);
    });
    it("bad input: hotKeyLoad", () => {
      assert.throws(() => hotKeyLoad({ placement: "jump", shards: 10 }), {
        name: "RangeError",
        message: 'sharding.hotKeyLoad: options must be an object with exactly one of hotKeyShare and zipfExponent, got "neither"',
      });
      assert.throws(() => hotKeyLoad({ placement: "jump", shards: 10, hotKeyShare: 0.1, zipfExponent: 1 }), {
        name: "RangeError",
        message: 'sharding.hotKeyLoad: options must be an object with exactly one of hotKeyShare and zipfExponent, got "both"',
      });
      assert.throws(() => hotKeyLoad({ placement: "jump", shards: 10, hotKeyShare: 1.5 }), {
        name: "RangeError",
        message: "sharding.hotKeyLoad: hotKeyShare must be a finite number in [0, 1], got 1.5",
      });
      assert.throws(() => hotKeyLoad({ placement: "jump", shards: 10, zipfExponent: NaN }), {
        name: "TypeError",
        message: "sharding.hotKeyLoad: zipfExponent must be a finite number in [0, 5], got NaN",
      });
      assert.throws(() => hotKeyLoad({ placement: "jump", shards: 10, keys: 1, zipfExponent: 1 }), {
        name: "RangeError",
        message: "sharding.hotKeyLoad: keys must be an integer in [2, 5000000], got 1",
      });
    });
  });
});
