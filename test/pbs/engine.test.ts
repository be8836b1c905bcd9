import { strict as assert } from "node:assert";
import fc from "fast-check";
import { exponentialProfile, profile } from "../../src/pbs";
import {
  BLOCK_TRIALS,
  addCounts,
  blockCount,
  fastestOne,
  orderStatistics,
  simulateBlocks,
  type Model,
  type TrialArrays,
} from "../../src/pbs/engine";

const arrays = (trials: number): TrialArrays => ({
  tStar: new Float64Array(trials),
  readLatency: new Float64Array(trials),
  writeLatency: new Float64Array(trials),
});

describe("pbs/engine", () => {
  it("blockCount() cuts trials into blocks of BLOCK_TRIALS, the last one partial", () => {
    assert.equal(blockCount(1), 1);
    assert.equal(blockCount(BLOCK_TRIALS), 1);
    assert.equal(blockCount(BLOCK_TRIALS + 1), 2);
    assert.equal(blockCount(10 * BLOCK_TRIALS - 5), 10);
  });
  it("simulateBlocks() gives the same trials and counts whether the blocks run in one range or in several", () => {
    for (const model of [
      { n: 3, r: 1, w: 1, seed: 4, trials: 3 * BLOCK_TRIALS + 100, profile: exponentialProfile(0.1), sortedT: [0, 5] },
      { n: 5, r: 2, w: 2, seed: -9, trials: 4 * BLOCK_TRIALS - 7, profile: profile("WAN"), sortedT: [0, 10, 100] },
    ] satisfies Model[]) {
      const whole = arrays(model.trials);
      const all = simulateBlocks(model, 0, 4, whole);
      const parts = arrays(model.trials);
      // Out of order, as threads may finish.
      const counts = addCounts([simulateBlocks(model, 3, 4, parts), simulateBlocks(model, 0, 1, parts), simulateBlocks(model, 1, 3, parts)]);
      assert.deepEqual(parts, whole);
      assert.deepEqual(counts, all);
      assert.equal(
        all.thresholds.reduce((s, c) => s + c, 0),
        model.trials,
      );
      for (let k = 0; k < 3; k++) {
        assert.equal(
          all.buckets.subarray(k * 65_536, (k + 1) * 65_536).reduce((s, c) => s + c, 0),
          model.trials,
        );
      }
      // Blocks draw from different streams: no block repeats another.
      assert.notDeepEqual(whole.tStar.subarray(0, 100), whole.tStar.subarray(BLOCK_TRIALS, BLOCK_TRIALS + 100));
    }
  });
  it("fastestOne() (branch-free, R = W = 1) gives bit for bit what orderStatistics() gives at R = W = 1, ties included (property)", () => {
    // Delays from a handful of values, so that equal sums (ties) are common.
    const delay = fc.constantFrom(0, 0.5, 1, 1.5, 2, 7.25, 1e-300, 1e9);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 40 }), fc.infiniteStream(delay), (n, m, draws) => {
        const column = (): Float64Array => Float64Array.from({ length: n * m }, () => draws.next().value);
        const [W, A, R, S] = [column(), column(), column(), column()];
        const acks = W.map((x, i) => x + A[i]);
        const responses = R.map((x, i) => x + S[i]);
        const fast = arrays(m + 3);
        fastestOne(n, m, W, R, acks, responses, fast, 3);
        const general = arrays(m + 3);
        orderStatistics(n, 1, 1, m, W, R, acks, responses, general, 3);
        assert.deepEqual(fast, general);
      }),
      { numRuns: 300 },
    );
  });
});
