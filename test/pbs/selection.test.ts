import { strict as assert } from "node:assert";
import fc from "fast-check";
import { createRandom } from "../../src/internal/random";
import { BUCKETS, compactWanted, countBuckets, finishRanks, planRanks, selectRanks } from "../../src/pbs/selection";

describe("pbs/selection", () => {
  it("selectRanks() (the percentile engine) returns exact order statistics: ties, negatives, -0 and short arrays included", () => {
    const rng = createRandom(99);
    const cases: Float64Array[] = [
      Float64Array.from({ length: 120_000 }, () => -Math.log(1 - rng.next())), // continuous
      Float64Array.from({ length: 80_000 }, () => rng.int(5)), // heavy ties: one bucket per value
      Float64Array.from({ length: 60_000 }, (_, i) => 60_000 - i), // sorted input
      Float64Array.from({ length: 50_000 }, () => 7), // every value in one bucket
      Float64Array.from({ length: 70_000 }, (_, i) => (i % 3 === 0 ? -0 : (rng.next() - 0.6) * 10 ** rng.int(6))), // signs, scales, -0
      Float64Array.from({ length: 1_000 }, () => rng.next()), // short: quickselect only
      // Concentrated: most values in a few first-level buckets, which are split again; both signs.
      Float64Array.from({ length: 200_000 }, (_, i) => (i % 2 ? -1 : 1) * (1 + rng.next() * 0.05 + (i % 7 === 0 ? rng.int(3) : 0))),
    ];
    for (const data of cases) {
      const sorted = Float64Array.from(data).sort();
      const n = data.length;
      const ranks = [0, 1, Math.floor(n / 2), Math.floor(0.9 * n), Math.floor(0.999 * n), n - 1, Math.floor(n / 2)];
      // Compared as numbers: -0 and 0 are the same order statistic.
      assert.deepEqual(
        selectRanks(Float64Array.from(data), ranks).map((x) => x + 0),
        ranks.map((k) => sorted[k] + 0),
      );
    }
  });
  it("selectRanks(data, ranks, counts) with counts added up chunk by chunk equals a full sort", () => {
    const rng = createRandom(5);
    const data = Float64Array.from({ length: 30_000 }, () => rng.next() * 100 - 20);
    const counts = new Uint32Array(BUCKETS);
    for (let start = 0; start < data.length; start += 1024) countBuckets(data, start, Math.min(data.length, start + 1024), counts);
    assert.equal(counts.reduce((s, c) => s + c, 0), data.length);
    const sorted = Float64Array.from(data).sort();
    const ranks = [0, 15_000, 29_999, 29_970];
    assert.deepEqual(selectRanks(data, ranks, counts), ranks.map((k) => sorted[k]));
  });
  it("selectRanks() matches a full sort for random data and random, possibly adjacent, ranks (property)", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 5_000, max: 70_000 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 3 }),
        (seed, n, quantiles, levels) => {
          const rng = createRandom(seed);
          // levels = 0: continuous; otherwise values rounded to a grid, so ties are common.
          const grid = levels === 0 ? 0 : 10 ** levels;
          const data = Float64Array.from({ length: n }, () => {
            const x = -Math.log(1 - rng.next()) - 0.5;
            return grid ? Math.round(x * grid) / grid : x;
          });
          const ranks = quantiles.flatMap((q) => [Math.floor(q * n), Math.min(n - 1, Math.floor(q * n) + 1)]);
          const sorted = Float64Array.from(data).sort();
          assert.deepEqual(
            selectRanks(data, ranks).map((x) => x + 0),
            ranks.map((k) => sorted[k] + 0),
          );
        },
      ),
      { numRuns: 12 },
    );
  });
  it("compactWanted() on several ranges (as threads do) and finishRanks() over their kept prefixes equal a full sort (property)", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 5_000, max: 40_000 }), fc.integer({ min: 1, max: 5 }), fc.boolean(), (seed, n, ranges, concentrated) => {
        const rng = createRandom(seed);
        // Concentrated data makes the wanted buckets hold most values (the branch-free pass); spread data, few (the sparse pass).
        const data = Float64Array.from({ length: n }, () => (concentrated ? 1 + rng.next() * 0.01 : -Math.log(1 - rng.next()) - 1));
        const sorted = Float64Array.from(data).sort();
        const counts = new Uint32Array(BUCKETS);
        countBuckets(data, 0, n, counts);
        const ranks = [0, Math.floor(n / 2), Math.floor(0.99 * n), n - 1];
        const plan = planRanks(ranks, counts, n);
        const bounds = Array.from({ length: ranges + 1 }, (_, j) => Math.floor((j * n) / ranges));
        const parts = bounds.slice(0, -1).map((start, j) => data.subarray(start, start + compactWanted(data, start, bounds[j + 1], plan)));
        assert.equal(plan.sparse, !concentrated);
        assert.deepEqual(finishRanks(plan, parts), ranks.map((k) => sorted[k]));
      }),
      { numRuns: 25 },
    );
  });
});
