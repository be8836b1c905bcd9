import { strict as assert } from "node:assert";
import fc from "fast-check";
import { bucketsFromObservations, histogramQuantile, histogramQuantileDetailed } from "../../src/slo/histogram";

const close = (actual: number, expected: number, tol = 1e-12): void =>
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} is not within ${tol} of ${expected}`);
const b = (pairs: [number, number][]) => pairs.map(([le, count]) => ({ le, count }));

// prometheus/prometheus promql/promqltest/testdata/histograms.test, "testhistogram" at 50m.
const positive = b([[0.1, 50], [0.2, 70], [1, 110], [Infinity, 120]]);
const negative = b([[-0.2, 10], [-0.1, 20], [0.3, 20], [Infinity, 30]]);
// Same file, "testhistogram3" (no observations in +Inf).
const positive3 = b([[0, 0], [0.1, 50], [0.2, 70], [1, 110], [Infinity, 110]]);
const negative3 = b([[-0.25, 0], [-0.2, 10], [-0.1, 20], [0.3, 20], [Infinity, 20]]);
// Same file, "testhistogram2": q(1/6), q(1/2), q(5/6) in the middle of a bucket.
const middle = b([[0, 0], [2, 10], [4, 20], [6, 30], [Infinity, 30]]);
// Prometheus docs, "Histograms and summaries", buckets {le="0.1"}, {le="0.2"}, {le="0.3"}, {le="0.45"}.
const docsBounds = [0.1, 0.2, 0.3, 0.45];

describe("slo/histogram", () => {
  describe("histogramQuantile", () => {
    it("histogramQuantile(0.2 / 0.5 / 0.8) of testhistogram{positive} is 0.048 / 0.15 / 0.72 (Prometheus histograms.test)", () => {
      close(histogramQuantile(0.2, positive), 0.048);
      close(histogramQuantile(0.5, positive), 0.15);
      close(histogramQuantile(0.8, positive), 0.72);
    });
    it("histogramQuantile(0) interpolates from a lower bound of 0 when the lowest bucket's bound is > 0 (Prometheus: 0)", () => {
      assert.equal(histogramQuantile(0, positive), 0);
    });
    it("histogramQuantile(1) in the +Inf bucket returns the second-highest bound (Prometheus: 1 and 0.3)", () => {
      assert.equal(histogramQuantile(1, positive), 1);
      assert.equal(histogramQuantile(1, negative), 0.3);
      assert.equal(histogramQuantile(0.8, negative), 0.3);
    });
    it("histogramQuantile() in a lowest bucket with a bound <= 0 returns that bound (Prometheus: −0.2 for q=0 and q=0.2)", () => {
      assert.equal(histogramQuantile(0, negative), -0.2);
      assert.equal(histogramQuantile(0.2, negative), -0.2);
      close(histogramQuantile(0.5, negative), -0.15);
    });
    it("histogramQuantile() of testhistogram3 matches Prometheus at q = 0, 0.25, 0.5, 0.75, 1", () => {
      assert.deepEqual([0, 0.25, 0.5, 0.75, 1].map((q) => Number(histogramQuantile(q, positive3).toFixed(12))), [0, 0.055, 0.125, 0.45, 1]);
      assert.deepEqual([0, 0.25, 0.5, 0.75, 1].map((q) => Number(histogramQuantile(q, negative3).toFixed(12))), [-0.25, -0.225, -0.2, -0.15, -0.1]);
    });
    it("histogramQuantile(1/6, 1/2, 5/6) of testhistogram2 is 1, 3, 5 (Prometheus histograms.test)", () => {
      close(histogramQuantile(1 / 6, middle), 1);
      close(histogramQuantile(0.5, middle), 3);
      close(histogramQuantile(5 / 6, middle), 5);
    });
    it("histogramQuantile() of the summed request_duration_seconds buckets is 0.075 (q=0.3) and 0.12777… (q=0.5) (Prometheus)", () => {
      // sum by (le) over job1/job2 × ins1/ins2 of the per-step increments (rates scale every bucket alike): 10, 19, 25.
      const summed = b([[0.1, 1 + 2 + 3 + 4], [0.2, 3 + 5 + 4 + 7], [Infinity, 4 + 6 + 6 + 9]]);
      close(histogramQuantile(0.3, summed), 0.075);
      close(histogramQuantile(0.5, summed), 0.1277777777777778, 1e-15);
    });
    it("histogramQuantile(0.95) of a spike at 220 ms is 295 ms, and 442.5 ms after +100 ms (Prometheus docs, Histograms and summaries)", () => {
      const spike = bucketsFromObservations(new Array(1000).fill(0.22), docsBounds);
      close(histogramQuantile(0.95, spike), 0.295);
      const shifted = bucketsFromObservations(new Array(1000).fill(0.32), docsBounds);
      close(histogramQuantile(0.95, shifted), 0.4425);
    });
    it("histogramQuantile(0.95) is exactly 300 ms for 90% at 150 ms plus 10% spread over 150–450 ms (Prometheus docs)", () => {
      const n = 1000;
      const counts = b([[0.1, 0], [0.2, 900 + 100 * (50 / 300)], [0.3, 900 + 100 * (150 / 300)], [0.45, n], [Infinity, n]]);
      close(histogramQuantile(0.95, counts), 0.3);
      close(histogramQuantile(0.94, counts), 0.27, 1e-12);
      close(histogramQuantile(0.96, counts), 0.33, 1e-12);
    });
    it("histogramQuantile() sorts buckets given in any order and merges equal bounds by adding (Prometheus coalesceBuckets)", () => {
      assert.equal(histogramQuantile(0.5, [...positive].reverse()), histogramQuantile(0.5, positive));
      const split = b([[0.1, 25], [0.1, 25], [0.2, 70], [1, 110], [Infinity, 120]]);
      close(histogramQuantile(0.2, split), 0.048);
    });
    it("histogramQuantile() is monotone in q and lies in [lowest bound or 0, second-highest bound] (property)", () => {
      fc.assert(fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 2, maxLength: 8 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (increments, q1, q2) => {
          fc.pre(increments.reduce((s, x) => s + x, 0) > 0 && increments[0] > 0);
          let cumulative = 0;
          const buckets = increments.map((inc, i) => ({ le: i === increments.length - 1 ? Infinity : (i + 1) * 0.1, count: (cumulative += inc) }));
          const [lo, hi] = q1 <= q2 ? [q1, q2] : [q2, q1];
          const a = histogramQuantile(lo, buckets);
          const c = histogramQuantile(hi, buckets);
          assert.ok(a <= c + 1e-12, `${a} > ${c}`);
          assert.ok(a >= 0 && c <= buckets[buckets.length - 2].le + 1e-12);
        },
      ));
    });
    it("histogramQuantile() of bucketed observations lies in the bucket that holds the true quantile (property)", () => {
      const bounds = [1, 2, 5, 10, 20, 50, 100];
      fc.assert(fc.property(
        fc.array(fc.double({ min: 0.001, max: 99, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (xs, q) => {
          const result = histogramQuantileDetailed(q, bucketsFromObservations(xs, bounds));
          const sorted = [...xs].sort((x, y) => x - y);
          const truth = sorted[Math.max(0, Math.ceil(q * xs.length) - 1)]; // the observation ranked ceil(q·N)
          assert.ok(truth > result.bucketLower - 1e-12 && truth <= result.bucketUpper, `${truth} not in (${result.bucketLower}, ${result.bucketUpper}]`);
          assert.ok(result.value >= result.bucketLower - 1e-12 && result.value <= result.bucketUpper + 1e-12);
        },
      ));
    });
  });

  describe("histogramQuantileDetailed", () => {
    it("histogramQuantileDetailed(0.95) of the 220 ms spike says the true p95 is in (0.2, 0.3]", () => {
      const r = histogramQuantileDetailed(0.95, bucketsFromObservations(new Array(100).fill(0.22), docsBounds));
      assert.deepEqual({ lower: r.bucketLower, upper: r.bucketUpper, forced: r.forcedMonotonic }, { lower: 0.2, upper: 0.3, forced: false });
    });
    it("histogramQuantileDetailed() forces decreasing counts up and flags it (Prometheus ensureMonotonic)", () => {
      const r = histogramQuantileDetailed(0.5, b([[0.1, 50], [0.2, 40], [1, 110], [Infinity, 120]]));
      assert.equal(r.forcedMonotonic, true);
      close(r.value, 0.2 + 0.8 * (10 / 60)); // 0.2 bucket raised to 50: rank 60 lands in (0.2, 1] with 60 in it
    });
    it("histogramQuantileDetailed() treats relative differences <= 1e-12 as float noise (Prometheus correctPrecisionErrors)", () => {
      const r = histogramQuantileDetailed(0.5, b([[0.1, 50], [0.2, 50 * (1 - 1e-13)], [1, 110], [Infinity, 120]]));
      assert.equal(r.fixedPrecision, true);
      assert.equal(r.forcedMonotonic, false);
    });
    it("histogramQuantileDetailed() throws instead of returning NaN or ±Inf", () => {
      const where = "slo.histogramQuantileDetailed";
      assert.throws(() => histogramQuantileDetailed(NaN, positive), { name: "TypeError", message: `${where}: q must be a probability in [0, 1], got NaN` });
      assert.throws(() => histogramQuantileDetailed(1.01, positive), { name: "RangeError", message: `${where}: q must be a probability in [0, 1], got 1.01` });
      assert.throws(() => histogramQuantileDetailed(-0.1, positive), { name: "RangeError", message: `${where}: q must be a probability in [0, 1], got -0.1` });
      assert.throws(() => histogramQuantileDetailed(0.5, b([[0.1, 5], [0.2, 7]])), {
        name: "RangeError", message: `${where}: the highest le must be Infinity (classic histograms end with a +Inf bucket), got 0.2`,
      });
      assert.throws(() => histogramQuantileDetailed(0.5, b([[Infinity, 5], [Infinity, 7]])), {
        name: "RangeError", message: `${where}: buckets must be at least two distinct upper bounds (le), one of them finite, got an array of length 2`,
      });
      assert.throws(() => histogramQuantileDetailed(0.5, b([[0.1, 0], [Infinity, 0]])), {
        name: "RangeError", message: `${where}: buckets must be a histogram with observations (a +Inf bucket count > 0), got 0`,
      });
      assert.throws(() => histogramQuantileDetailed(0, b([[0.1, 0], [0.2, 5], [Infinity, 5]])), {
        name: "RangeError", message: `${where}: q must be > 0 when the lowest bucket (le=0.1) is empty (Prometheus computes 0/0 = NaN here), got 0`,
      });
      assert.throws(() => histogramQuantileDetailed(0.5, [{ le: 0.1, count: -1 }, { le: Infinity, count: 2 }]), {
        name: "RangeError", message: `${where}: buckets[0].count must be a finite number >= 0, got -1`,
      });
      assert.throws(() => histogramQuantileDetailed(0.5, [{ le: NaN, count: 1 }, { le: Infinity, count: 2 }]), {
        name: "TypeError", message: `${where}: buckets[0].le must be a number or Infinity, got NaN`,
      });
      assert.throws(() => histogramQuantile(0.5, [{ le: Infinity, count: 1 }]), {
        name: "RangeError", message: "slo.histogramQuantile: buckets must be an array with length >= 2, got an array of length 1",
      });
    });
  });

  describe("bucketsFromObservations", () => {
    it("bucketsFromObservations([0.05, 0.15, 0.5], [0.1, 0.2]) is cumulative with +Inf holding all 3", () => {
      assert.deepEqual(bucketsFromObservations([0.05, 0.15, 0.5], [0.1, 0.2]), b([[0.1, 1], [0.2, 2], [Infinity, 3]]));
    });
    it("bucketsFromObservations() puts a value equal to a bound in that bucket (le is inclusive)", () => {
      assert.deepEqual(bucketsFromObservations([0.1], [0.1, 0.2]), b([[0.1, 1], [0.2, 1], [Infinity, 1]]));
    });
    it("bucketsFromObservations() rejects bounds that do not increase", () => {
      assert.throws(() => bucketsFromObservations([1], [0.2, 0.1]), {
        name: "RangeError", message: "slo.bucketsFromObservations: upperBounds[1] must be a finite number > upperBounds[0]=0.2, got 0.1",
      });
      assert.throws(() => bucketsFromObservations([Infinity], [0.1]), {
        name: "TypeError", message: "slo.bucketsFromObservations: observations[0] must be a finite number, got Infinity",
      });
    });
  });
});
