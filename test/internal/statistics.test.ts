import { strict as assert } from "node:assert";
import { percentileSorted, summarizeSorted } from "../../src/internal/statistics";

describe("internal/statistics", () => {
  it("percentileSorted is nearest-rank: p50 of [1..10] is 5, p95 is 10", () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    assert.equal(percentileSorted(xs, 0.5), 5);
    assert.equal(percentileSorted(xs, 0.95), 10);
    assert.equal(percentileSorted(xs, 0), 1);
  });
  it("summarizeSorted gives mean, nearest-rank p50/p95/p99 and max; a given sum is used as is", () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    assert.deepEqual(summarizeSorted(xs), { meanSeconds: 5.5, p50Seconds: 5, p95Seconds: 10, p99Seconds: 10, maxSeconds: 10 });
    assert.equal(summarizeSorted(xs, 100).meanSeconds, 10);
    assert.equal(summarizeSorted(new Float64Array([7])).p99Seconds, 7);
  });
});
