import { strict as assert } from "node:assert";
import fc from "fast-check";
import { mm1, mm1k, mm1ResponseTimePercentile } from "../../src/flow/queueing";
import {
  comparePipelinePolicies,
  onOffBursts,
  simulatePipeline,
  type PipelineOptions,
  type PipelineResult,
} from "../../src/flow/pipelineSim";

const within = (actual: number, expected: number, relative: number, what: string): void =>
  assert.ok(Math.abs(actual / expected - 1) <= relative, `${what}: ${actual} vs theory ${expected} (±${relative * 100}%)`);

function assertNoNaN(value: unknown, path = "result"): void {
  if (typeof value === "number") assert.ok(!Number.isNaN(value), `${path} is NaN`);
  else if (Array.isArray(value)) value.forEach((v, i) => assertNoNaN(v, `${path}[${i}]`));
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) assertNoNaN(v, `${path}.${k}`);
  }
}

const burstScenario = {
  arrivalRatePerSecond: 5,
  serviceRatePerSecond: 10,
  bursts: [{ startSeconds: 10, durationSeconds: 10, arrivalRatePerSecond: 20 }],
  queueCapacity: 20,
  tokenBucket: { ratePerSecond: 9, burstSize: 20 },
  durationSeconds: 60,
  seed: 7,
};

describe("flow.simulatePipeline against queueing theory", () => {
  // Long runs with a fixed seed. Tolerances were set from seeds 1–20: the
  // largest error seen is below each tolerance (M/M/1 at ρ=0.5: W 2.3%,
  // L 2.8%, p99 3.7%; at ρ=0.8, whose queue relaxes slowly: W 6.8%, L 7.1%,
  // p99 9.7%; M/M/1/2 blocking ±0.0025 absolute; Erlang B ±0.0034).
  it("unbounded, λ=5, μ=10, 20000 s matches M/M/1: W=0.2 s (±4%), L=1 (±4%), p99 (±6%), ρ=0.5 (±2%)", () => {
    const r = simulatePipeline({ policy: "unbounded", arrivalRatePerSecond: 5, serviceRatePerSecond: 10, durationSeconds: 20000, seed: 1 });
    const theory = mm1({ arrivalRatePerSecond: 5, serviceRatePerSecond: 10 });
    assert.ok(r.latency);
    within(r.latency.meanSeconds, theory.meanTimeInSystemSeconds, 0.04, "W");
    within(r.meanInSystem, theory.meanInSystem, 0.04, "L");
    within(r.meanQueueDepth, theory.meanInQueue, 0.06, "Lq");
    within(r.utilization, theory.utilization, 0.02, "ρ");
    within(r.throughputPerSecond, 5, 0.02, "throughput");
    const p99 = mm1ResponseTimePercentile({ arrivalRatePerSecond: 5, serviceRatePerSecond: 10, percentile: 0.99 });
    within(r.latency.p99Seconds, p99, 0.06, "p99");
    // Little's law holds on the simulated averages too.
    within(r.meanInSystem, r.throughputPerSecond * r.latency.meanSeconds, 0.02, "L = λW");
  });

  it("unbounded, λ=8, μ=10, 20000 s matches M/M/1: W=0.5 s (±10%), L=4 (±10%), p99=2.30 s (±12%)", () => {
    const r = simulatePipeline({ policy: "unbounded", arrivalRatePerSecond: 8, serviceRatePerSecond: 10, durationSeconds: 20000, seed: 1 });
    assert.ok(r.latency);
    within(r.latency.meanSeconds, 0.5, 0.1, "W");
    within(r.meanInSystem, 4, 0.1, "L");
    within(r.latency.p99Seconds, Math.log(100) / 2, 0.12, "p99");
  });

  it("shed with queueCapacity=1 (K=2), λ=8, μ=10 matches M/M/1/2: drops 16/61 (±0.005), W=0.1444 s (±2%)", () => {
    const r = simulatePipeline({
      policy: "shed",
      arrivalRatePerSecond: 8,
      serviceRatePerSecond: 10,
      queueCapacity: 1,
      durationSeconds: 20000,
      seed: 1,
    });
    const theory = mm1k({ arrivalRatePerSecond: 8, serviceRatePerSecond: 10, capacity: 2 });
    assert.ok(Math.abs(r.dropped / r.generated - theory.blockingProbability) <= 0.005);
    assert.ok(r.latency);
    within(r.latency.meanSeconds, theory.meanTimeInSystemSeconds, 0.02, "W");
    within(r.throughputPerSecond, theory.throughputPerSecond, 0.02, "throughput");
    assert.ok(r.maxInSystem <= 2);
  });

  it("shed with 2 consumers and no waiting room matches Erlang B: B(2 servers, 2 Erlangs) = 0.4 (±0.01)", () => {
    // Erlang B: B = (a^c/c!) / Σ_{k<=c} a^k/k! = 2 / (1 + 2 + 2) = 0.4 for a = λ/μ = 2, c = 2.
    const r = simulatePipeline({
      policy: "shed",
      arrivalRatePerSecond: 20,
      serviceRatePerSecond: 10,
      consumers: 2,
      queueCapacity: 0,
      durationSeconds: 5000,
      seed: 3,
    });
    assert.ok(Math.abs(r.dropped / r.generated - 0.4) <= 0.01);
    assert.equal(r.maxQueueDepth, 0);
  });
});

describe("flow.simulatePipeline under a burst", () => {
  const results = comparePipelinePolicies(burstScenario);
  const [unbounded, block, shed, bucket] = results;

  it("comparePipelinePolicies returns unbounded, block, shed, tokenBucket in order", () => {
    assert.deepEqual(
      results.map((r) => r.policy),
      ["unbounded", "block", "shed", "tokenBucket"],
    );
  });
  it("unbounded: nothing is lost, but the queue and the p99 grow far beyond the bounded policies", () => {
    assert.equal(unbounded.dropped + unbounded.rejected, 0);
    assert.ok(unbounded.maxQueueDepth > 3 * burstScenario.queueCapacity, `max depth ${unbounded.maxQueueDepth}`);
    assert.ok(unbounded.latency && shed.latency && unbounded.latency.p99Seconds > 2 * shed.latency.p99Seconds);
  });
  it("unbounded: a longer burst leaves a deeper queue (latency and memory grow without limit)", () => {
    const longer = simulatePipeline({
      ...burstScenario,
      policy: "unbounded",
      bursts: [{ startSeconds: 10, durationSeconds: 30, arrivalRatePerSecond: 20 }],
    });
    assert.ok(longer.maxQueueDepth > 2 * unbounded.maxQueueDepth);
    assert.ok(longer.latency && unbounded.latency && longer.latency.maxSeconds > unbounded.latency.maxSeconds);
  });
  it("block: no drops or rejections, the producer is blocked and makes fewer items", () => {
    assert.equal(block.dropped + block.rejected, 0);
    assert.ok(block.producerBlockedSeconds > 1, `blocked ${block.producerBlockedSeconds} s`);
    assert.ok(block.generated < unbounded.generated);
    assert.ok(block.maxQueueDepth <= burstScenario.queueCapacity);
  });
  it("shed: the queue never exceeds its capacity and the excess is dropped", () => {
    assert.ok(shed.dropped > 0);
    assert.equal(shed.rejected, 0);
    assert.equal(shed.producerBlockedSeconds, 0);
    assert.ok(shed.maxQueueDepth <= burstScenario.queueCapacity);
  });
  it("tokenBucket: rejects at the entrance, admitting at most burst + rate·T", () => {
    assert.ok(bucket.rejected > 0);
    assert.equal(bucket.dropped, 0);
    assert.ok(bucket.admitted <= 20 + 9 * 60);
  });
  it("the queue-depth series has 201 samples over [0, 60] s and peaks between 10 s and 25 s (the burst is 10–20 s)", () => {
    const { timeSeconds, queueDepth } = unbounded.series;
    assert.equal(timeSeconds.length, 201);
    assert.equal(timeSeconds[0], 0);
    assert.ok(Math.abs(timeSeconds[200] - 60) < 1e-9);
    const peakIndex = queueDepth.indexOf(Math.max(...queueDepth));
    assert.ok(timeSeconds[peakIndex] >= 10 && timeSeconds[peakIndex] <= 25, `peak at ${timeSeconds[peakIndex]} s`);
  });
});

describe("flow.simulatePipeline laws", () => {
  const policies = fc.constantFrom("unbounded" as const, "block" as const, "shed" as const, "tokenBucket" as const);
  const small = fc.record({
    policy: policies,
    arrivalRatePerSecond: fc.double({ min: 0, max: 50, noNaN: true }),
    serviceRatePerSecond: fc.double({ min: 0.5, max: 30, noNaN: true }),
    consumers: fc.integer({ min: 1, max: 4 }),
    queueCapacity: fc.integer({ min: 0, max: 10 }),
    burstRate: fc.double({ min: 0, max: 100, noNaN: true }),
    seed: fc.integer(),
  });
  const options = (o: {
    policy: PipelineOptions["policy"];
    arrivalRatePerSecond: number;
    serviceRatePerSecond: number;
    consumers: number;
    queueCapacity: number;
    burstRate: number;
    seed: number;
  }): PipelineOptions => ({
    policy: o.policy,
    arrivalRatePerSecond: o.arrivalRatePerSecond,
    serviceRatePerSecond: o.serviceRatePerSecond,
    consumers: o.consumers,
    queueCapacity: o.queueCapacity,
    tokenBucket: { ratePerSecond: 5, burstSize: 3 },
    bursts: [{ startSeconds: 5, durationSeconds: 5, arrivalRatePerSecond: o.burstRate }],
    durationSeconds: 30,
    warmupSeconds: 2,
    seed: o.seed,
  });

  it("conservation: generated = completed + dropped + rejected + inFlightAtEnd; admitted = completed + in flight (minus a held item)", () => {
    fc.assert(
      fc.property(small, (o) => {
        const r = simulatePipeline(options(o));
        assert.equal(r.generated, r.completed + r.dropped + r.rejected + r.inFlightAtEnd);
        assert.ok(r.admitted >= r.completed && r.admitted <= r.completed + r.inFlightAtEnd);
        assertNoNaN(r);
      }),
      { numRuns: 60 },
    );
  });
  it("each policy loses work only in its own way, and bounded queues stay bounded", () => {
    fc.assert(
      fc.property(small, (o) => {
        const r: PipelineResult = simulatePipeline(options(o));
        if (r.policy !== "shed") assert.equal(r.dropped, 0);
        if (r.policy !== "tokenBucket") assert.equal(r.rejected, 0);
        if (r.policy !== "block") assert.equal(r.producerBlockedSeconds, 0);
        if (r.policy === "block" || r.policy === "shed") assert.ok(r.maxQueueDepth <= o.queueCapacity);
        if (r.policy === "tokenBucket") assert.ok(r.admitted <= 3 + 5 * 30);
        assert.ok(r.utilization >= 0 && r.utilization <= 1 + 1e-12);
      }),
      { numRuns: 60 },
    );
  });
  it("is deterministic for a seed, and the seed matters", () => {
    const a = simulatePipeline({ ...burstScenario, policy: "shed" });
    const b = simulatePipeline({ ...burstScenario, policy: "shed" });
    const c = simulatePipeline({ ...burstScenario, policy: "shed", seed: 8 });
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.series.queueDepth, c.series.queueDepth);
  });
  it("with no arrivals at all, latency is null and every figure is a number (no NaN)", () => {
    const r = simulatePipeline({ policy: "unbounded", arrivalRatePerSecond: 0, serviceRatePerSecond: 1, durationSeconds: 10, seed: 1 });
    assert.equal(r.latency, null);
    assert.equal(r.generated, 0);
    assert.equal(r.throughputPerSecond, 0);
    assertNoNaN(r);
  });
});

describe("flow.onOffBursts", () => {
  it("onOffBursts({on 2 s, off 8 s, 30/s, until 20 s}) is bursts at 0 s and 10 s", () => {
    assert.deepEqual(onOffBursts({ onSeconds: 2, offSeconds: 8, arrivalRatePerSecond: 30, untilSeconds: 20 }), [
      { startSeconds: 0, durationSeconds: 2, arrivalRatePerSecond: 30 },
      { startSeconds: 10, durationSeconds: 2, arrivalRatePerSecond: 30 },
    ]);
  });
  it("onOffBursts feeds simulatePipeline (bursts never overlap)", () => {
    const bursts = onOffBursts({ firstStartSeconds: 1, onSeconds: 1, offSeconds: 0, arrivalRatePerSecond: 10, untilSeconds: 30 });
    assert.equal(bursts.length, 29);
    const r = simulatePipeline({ policy: "unbounded", arrivalRatePerSecond: 0, bursts, serviceRatePerSecond: 20, durationSeconds: 40, seed: 2 });
    assert.ok(r.generated > 200 && r.generated < 400, `generated ${r.generated}`);
  });
  it("onOffBursts rejects bad input", () => {
    assert.throws(() => onOffBursts({ onSeconds: 0, offSeconds: 1, arrivalRatePerSecond: 1, untilSeconds: 10 }), {
      name: "RangeError",
      message: "flow.onOffBursts: onSeconds must be a finite number > 0, got 0",
    });
    assert.throws(() => onOffBursts({ firstStartSeconds: 5, onSeconds: 1, offSeconds: 1, arrivalRatePerSecond: 1, untilSeconds: 5 }), {
      message: "flow.onOffBursts: untilSeconds must be a finite number > firstStartSeconds=5, got 5",
    });
    assert.throws(() => onOffBursts({ onSeconds: 1e-6, offSeconds: 0, arrivalRatePerSecond: 1, untilSeconds: 10 }), {
      message: "flow.onOffBursts: the number of bursts must be <= 1e6, got 10000000",
    });
  });
});

describe("flow.simulatePipeline bad input", () => {
  const base: PipelineOptions = { policy: "shed", arrivalRatePerSecond: 1, serviceRatePerSecond: 1, queueCapacity: 1, durationSeconds: 10, seed: 1 };
  it("names the function, the parameter, the range and the value", () => {
    assert.throws(() => simulatePipeline({ ...base, policy: "drop" as never }), {
      name: "RangeError",
      message: 'flow.simulatePipeline: policy must be one of "unbounded", "block", "shed", "tokenBucket", got "drop"',
    });
    assert.throws(() => simulatePipeline({ ...base, queueCapacity: undefined as never }), {
      name: "TypeError",
      message: "flow.simulatePipeline: queueCapacity must be an integer in [0, 10000000], got undefined",
    });
    assert.throws(() => simulatePipeline({ ...base, policy: "tokenBucket" }), {
      name: "TypeError",
      message: "flow.simulatePipeline: tokenBucket must be an object, got undefined",
    });
    assert.throws(() => simulatePipeline({ ...base, serviceRatePerSecond: 0 }), {
      message: "flow.simulatePipeline: serviceRatePerSecond must be a finite number > 0, got 0",
    });
    assert.throws(() => simulatePipeline({ ...base, consumers: 0 }), {
      message: "flow.simulatePipeline: consumers must be an integer in [1, 1000], got 0",
    });
    assert.throws(() => simulatePipeline({ ...base, warmupSeconds: 10 }), {
      message: "flow.simulatePipeline: warmupSeconds must be a finite number in [0, durationSeconds=10), got 10",
    });
    assert.throws(() => simulatePipeline({ ...base, seed: 1.5 }), {
      message: "flow.simulatePipeline: seed must be an integer, got 1.5",
    });
    assert.throws(() => simulatePipeline({ ...base, durationSeconds: NaN }), {
      name: "TypeError",
      message: "flow.simulatePipeline: durationSeconds must be a finite number > 0, got NaN",
    });
  });
  it("rejects overlapping bursts, bad burst fields and runs that are too long", () => {
    assert.throws(
      () =>
        simulatePipeline({
          ...base,
          bursts: [
            { startSeconds: 0, durationSeconds: 5, arrivalRatePerSecond: 1 },
            { startSeconds: 4, durationSeconds: 5, arrivalRatePerSecond: 1 },
          ],
        }),
      {
        name: "RangeError",
        message:
          "flow.simulatePipeline: bursts must be non-overlapping (a burst starts at 4 s, before the previous one ends at 5 s), got an array of length 2",
      },
    );
    assert.throws(() => simulatePipeline({ ...base, bursts: [{ startSeconds: -1, durationSeconds: 5, arrivalRatePerSecond: 1 }] }), {
      message: "flow.simulatePipeline: bursts[0].startSeconds must be a finite number >= 0, got -1",
    });
    assert.throws(() => simulatePipeline({ ...base, arrivalRatePerSecond: 1e6, durationSeconds: 1e3 }), {
      name: "RangeError",
      message: "flow.simulatePipeline: the expected number of arrivals must be <= 20000000 (shorten durationSeconds), got 1000000000",
    });
  });
  it("comparePipelinePolicies names itself", () => {
    assert.throws(() => comparePipelinePolicies({ ...burstScenario, queueCapacity: -1 }), {
      message: "flow.comparePipelinePolicies: queueCapacity must be an integer in [0, 10000000], got -1",
    });
  });
});
