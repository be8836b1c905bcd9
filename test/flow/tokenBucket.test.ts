import { strict as assert } from "node:assert";
import fc from "fast-check";
import { tokenBucketFilter, tokenBucketTake } from "../../src/flow/tokenBucket";

// The token bucket of RFC 2697 §1 (committed rate, burst size): worked by hand.

describe("flow.tokenBucketTake", () => {
  it("tokenBucketTake({tokens:0.5,atSeconds:0}, 0.25, {rate 2/s, burst 3}) admits and leaves 0 tokens", () => {
    // 0.5 + 0.25 s × 2 /s = 1 token: enough for one request.
    assert.deepEqual(tokenBucketTake({ tokens: 0.5, atSeconds: 0 }, 0.25, { ratePerSecond: 2, burstSize: 3 }), {
      admitted: true,
      state: { tokens: 0, atSeconds: 0.25 },
    });
  });
  it("tokenBucketTake rejects with < 1 token and keeps the refill", () => {
    assert.deepEqual(tokenBucketTake({ tokens: 0, atSeconds: 0 }, 0.25, { ratePerSecond: 2, burstSize: 3 }), {
      admitted: false,
      state: { tokens: 0.5, atSeconds: 0.25 },
    });
  });
  it("tokenBucketTake caps the refill at burstSize", () => {
    const { state } = tokenBucketTake({ tokens: 0, atSeconds: 0 }, 1000, { ratePerSecond: 2, burstSize: 3 });
    assert.equal(state.tokens, 2);
  });
  it("tokenBucketTake rejects bad input with the house message", () => {
    assert.throws(() => tokenBucketTake({ tokens: 4, atSeconds: 0 }, 1, { ratePerSecond: 2, burstSize: 3 }), {
      name: "RangeError",
      message: "flow.tokenBucketTake: tokens must be a finite number in [0, burstSize=3], got 4",
    });
    assert.throws(() => tokenBucketTake({ tokens: 1, atSeconds: 0 }, 1, { ratePerSecond: 0, burstSize: 3 }), {
      name: "RangeError",
      message: "flow.tokenBucketTake: ratePerSecond must be a finite number > 0, got 0",
    });
    assert.throws(() => tokenBucketTake({ tokens: 1, atSeconds: 0 }, 1, { ratePerSecond: 1, burstSize: 0.5 }), {
      message: "flow.tokenBucketTake: burstSize must be a finite number >= 1, got 0.5",
    });
    assert.throws(() => tokenBucketTake({ tokens: 1, atSeconds: 0 }, NaN, { ratePerSecond: 1, burstSize: 1 }), {
      name: "TypeError",
      message: "flow.tokenBucketTake: atSeconds must be a finite number, got NaN",
    });
  });
});

describe("flow.tokenBucketFilter", () => {
  it("tokenBucketFilter({rate 1/s, burst 2, arrivals [0,0,0,0.5,1]}) admits [T,T,F,F,T]", () => {
    // Tokens: 2 → 1 → 0 → (0, reject) → 0.5 (reject) → 1.0 (admit).
    const r = tokenBucketFilter({ ratePerSecond: 1, burstSize: 2, arrivalTimesSeconds: [0, 0, 0, 0.5, 1] });
    assert.deepEqual(r.admitted, [true, true, false, false, true]);
    assert.equal(r.admittedCount, 3);
    assert.equal(r.rejectedCount, 2);
  });
  it("tokenBucketFilter of no arrivals admits nothing", () => {
    assert.deepEqual(tokenBucketFilter({ ratePerSecond: 1, burstSize: 1, arrivalTimesSeconds: [] }), {
      admitted: [],
      admittedCount: 0,
      rejectedCount: 0,
    });
  });
  it("tokenBucketFilter admits at most burstSize + rate·T in any window of length T", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.double({ min: 0.1, max: 20, noNaN: true }),
        fc.integer({ min: 1, max: 10 }),
        (raw, rate, burst) => {
          const times = [...raw].sort((a, b) => a - b);
          const { admitted } = tokenBucketFilter({ ratePerSecond: rate, burstSize: burst, arrivalTimesSeconds: times });
          const admittedTimes = times.filter((_, i) => admitted[i]);
          for (let i = 0; i < admittedTimes.length; i++) {
            for (let j = i; j < admittedTimes.length; j++) {
              const window = admittedTimes[j] - admittedTimes[i];
              assert.ok(j - i + 1 <= burst + rate * window + 1e-9);
            }
          }
        },
      ),
      { numRuns: 50 },
    );
  });
  it("tokenBucketFilter admits every arrival spaced at least 1/rate apart", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 100, noNaN: true }), fc.integer({ min: 1, max: 50 }), (rate, n) => {
        const times = Array.from({ length: n }, (_, i) => (i * 1.000001) / rate);
        assert.equal(tokenBucketFilter({ ratePerSecond: rate, burstSize: 1, arrivalTimesSeconds: times }).rejectedCount, 0);
      }),
    );
  });
  it("tokenBucketFilter rejects decreasing times and non-arrays", () => {
    assert.throws(() => tokenBucketFilter({ ratePerSecond: 1, burstSize: 1, arrivalTimesSeconds: [1, 0.5] }), {
      name: "RangeError",
      message: "flow.tokenBucketFilter: arrivalTimesSeconds[1] must be a finite number >= arrivalTimesSeconds[0]=1, got 0.5",
    });
    assert.throws(() => tokenBucketFilter({ ratePerSecond: 1, burstSize: 1, arrivalTimesSeconds: "x" as never }), {
      name: "TypeError",
      message: 'flow.tokenBucketFilter: arrivalTimesSeconds must be an array with length >= 0, got "x"',
    });
  });
});
