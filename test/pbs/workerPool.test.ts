import { strict as assert } from "node:assert";
import { exponentialProfile } from "../../src/pbs";
import { BLOCK_TRIALS, compactTrials, simulateBlocks, type Model } from "../../src/pbs/engine";
import { BUCKETS, planRanks } from "../../src/pbs/selection";
import { runOnWorkers } from "../../src/pbs/workerPool";

const shared = (trials: number) => ({
  trials,
  tStar: new SharedArrayBuffer(8 * trials),
  readLatency: new SharedArrayBuffer(8 * trials),
  writeLatency: new SharedArrayBuffer(8 * trials),
});

describe("pbs/workerPool", () => {
  it("runOnWorkers() simulates each job's blocks on a worker thread, in the shared arrays", async () => {
    const model: Model = { n: 3, r: 1, w: 1, seed: 3, trials: 2 * BLOCK_TRIALS, profile: exponentialProfile(0.1), sortedT: [0] };
    const buffers = shared(model.trials);
    const [first, second] = await runOnWorkers([
      { kind: "simulate", model, firstBlock: 0, endBlock: 1, ...buffers },
      { kind: "simulate", model, firstBlock: 1, endBlock: 2, ...buffers },
    ]);
    const here = { tStar: new Float64Array(model.trials), readLatency: new Float64Array(model.trials), writeLatency: new Float64Array(model.trials) };
    assert.deepEqual(first, simulateBlocks(model, 0, 1, here));
    assert.deepEqual(second, simulateBlocks(model, 1, 2, here));
    assert.deepEqual(new Float64Array(buffers.tStar), here.tStar);
    assert.deepEqual(new Float64Array(buffers.writeLatency), here.writeLatency);
  });
  it("runOnWorkers() rejects with the worker's error when a job fails, and the pool keeps working", async () => {
    const broken = { n: 3, r: 1, w: 1, seed: 3, trials: 10, profile: undefined, sortedT: [0] } as unknown as Model;
    await assert.rejects(runOnWorkers([{ kind: "simulate", model: broken, firstBlock: 0, endBlock: 1, ...shared(10) }]), /^Error: pbs worker failed: TypeError: Cannot read properties of undefined/);
    const model: Model = { n: 2, r: 1, w: 1, seed: 1, trials: 10, profile: exponentialProfile(1), sortedT: [0] };
    const [counts] = await runOnWorkers([{ kind: "simulate", model, firstBlock: 0, endBlock: 1, ...shared(10) }]);
    assert.equal(counts.thresholds.reduce((s, c) => s + c, 0), 10);
  });
  it("runOnWorkers() compacts each job's range of trials for the rank plans, as compactTrials() does here", async () => {
    const model: Model = { n: 3, r: 1, w: 1, seed: 8, trials: 2 * BLOCK_TRIALS, profile: exponentialProfile(0.1), sortedT: [0] };
    const buffers = shared(model.trials);
    const arrays = () => ({
      tStar: new Float64Array(buffers.tStar),
      readLatency: new Float64Array(buffers.readLatency),
      writeLatency: new Float64Array(buffers.writeLatency),
    });
    const counts = simulateBlocks(model, 0, 2, arrays());
    const plans = [0, 1, 2].map((a) => planRanks([100, 16_000, 30_000], counts.buckets.subarray(a * BUCKETS, (a + 1) * BUCKETS), model.trials));
    const here = arrays();
    const copy = { tStar: here.tStar.slice(), readLatency: here.readLatency.slice(), writeLatency: here.writeLatency.slice() };
    const [kept] = await runOnWorkers([{ kind: "compact", start: 5, end: BLOCK_TRIALS + 7, plans, ...buffers }]);
    assert.deepEqual(kept, compactTrials(copy, 5, BLOCK_TRIALS + 7, plans));
    assert.ok(kept.every((k) => k > 0 && k < BLOCK_TRIALS), `kept ${kept}`);
    assert.deepEqual(arrays(), copy);
  });
});
