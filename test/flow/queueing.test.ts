import { strict as assert } from "node:assert";
import fc from "fast-check";
import { littlesLaw, mm1, mm1k, mm1ResponseTimePercentile } from "../../src/flow/queueing";

// Golden values are textbook formulas (Harchol-Balter, "Performance Modeling
// and Design of Computer Systems", 2013, ch. 6, 13, 14; Kleinrock, "Queueing
// Systems, Vol. 1", 1975, §3.2, §3.6), evaluated by hand in the comments.

const close = (actual: number, expected: number, tolerance = 1e-12): void =>
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${actual} ≉ ${expected}`);

describe("flow.littlesLaw", () => {
  it("littlesLaw({arrivalRatePerSecond:8, meanTimeInSystemSeconds:0.5}) is L = 4", () => {
    assert.deepEqual(littlesLaw({ arrivalRatePerSecond: 8, meanTimeInSystemSeconds: 0.5 }), {
      meanInSystem: 4,
      arrivalRatePerSecond: 8,
      meanTimeInSystemSeconds: 0.5,
    });
  });
  it("littlesLaw solves for λ and for W", () => {
    assert.equal(littlesLaw({ meanInSystem: 4, meanTimeInSystemSeconds: 0.5 }).arrivalRatePerSecond, 8);
    assert.equal(littlesLaw({ meanInSystem: 4, arrivalRatePerSecond: 8 }).meanTimeInSystemSeconds, 0.5);
  });
  it("littlesLaw: solving for any one quantity recovers it (L = λW)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (lambda, w) => {
        const { meanInSystem } = littlesLaw({ arrivalRatePerSecond: lambda, meanTimeInSystemSeconds: w });
        close(littlesLaw({ meanInSystem, meanTimeInSystemSeconds: w }).arrivalRatePerSecond, lambda, 1e-12);
        close(littlesLaw({ meanInSystem, arrivalRatePerSecond: lambda }).meanTimeInSystemSeconds, w, 1e-12);
      }),
    );
  });
  it("littlesLaw rejects anything but exactly two positive quantities", () => {
    assert.throws(() => littlesLaw({ meanInSystem: 4, arrivalRatePerSecond: 8, meanTimeInSystemSeconds: 0.5 }), {
      name: "RangeError",
      message:
        "flow.littlesLaw: the number of known quantities must be exactly 2 of meanInSystem, arrivalRatePerSecond, meanTimeInSystemSeconds, got 3",
    });
    assert.throws(() => littlesLaw({ meanInSystem: 4 }), { message: /must be exactly 2 .*, got 1$/ });
    assert.throws(() => littlesLaw({ meanInSystem: 4, arrivalRatePerSecond: 0 }), {
      name: "RangeError",
      message: "flow.littlesLaw: arrivalRatePerSecond must be a finite number > 0, got 0",
    });
    assert.throws(() => littlesLaw({ meanInSystem: NaN, arrivalRatePerSecond: 1 }), {
      name: "TypeError",
      message: "flow.littlesLaw: meanInSystem must be a finite number > 0, got NaN",
    });
    assert.throws(() => littlesLaw(null as never), { name: "TypeError", message: "flow.littlesLaw: options must be an object, got null" });
  });
});

describe("flow.mm1", () => {
  it("mm1({λ:8, μ:10}) is ρ=0.8, L=4, Lq=3.2, W=0.5 s, Wq=0.4 s (Harchol-Balter ch. 13)", () => {
    // ρ = 8/10; L = ρ/(1−ρ) = 4; Lq = ρ²/(1−ρ) = 3.2; W = 1/(μ−λ) = 0.5; Wq = ρ/(μ−λ) = 0.4.
    const r = mm1({ arrivalRatePerSecond: 8, serviceRatePerSecond: 10 });
    close(r.utilization, 0.8);
    close(r.probabilityEmpty, 0.2);
    close(r.meanInSystem, 4);
    close(r.meanInQueue, 3.2);
    close(r.meanTimeInSystemSeconds, 0.5);
    close(r.meanWaitInQueueSeconds, 0.4);
  });
  it("mm1({λ:1, μ:2}) is ρ=0.5, L=1, W=1 s", () => {
    const r = mm1({ arrivalRatePerSecond: 1, serviceRatePerSecond: 2 });
    close(r.meanInSystem, 1);
    close(r.meanTimeInSystemSeconds, 1);
  });
  it("mm1 obeys Little's law (L = λW, Lq = λWq) and W = Wq + 1/μ", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1000, noNaN: true }), fc.double({ min: 0.001, max: 0.999, noNaN: true }), (mu, rho) => {
        const lambda = rho * mu;
        fc.pre(lambda > 0 && lambda < mu);
        const r = mm1({ arrivalRatePerSecond: lambda, serviceRatePerSecond: mu });
        close(r.meanInSystem, lambda * r.meanTimeInSystemSeconds, 1e-9);
        close(r.meanInQueue, lambda * r.meanWaitInQueueSeconds, 1e-9);
        close(r.meanTimeInSystemSeconds, r.meanWaitInQueueSeconds + 1 / mu, 1e-9);
      }),
    );
  });
  it("mm1 throws a RangeError when ρ >= 1 (no steady state), never Infinity", () => {
    assert.throws(() => mm1({ arrivalRatePerSecond: 10, serviceRatePerSecond: 10 }), {
      name: "RangeError",
      message: "flow.mm1: arrivalRatePerSecond must be a finite number in (0, serviceRatePerSecond=10), got 10",
    });
    assert.throws(() => mm1({ arrivalRatePerSecond: 1, serviceRatePerSecond: 0 }), {
      name: "RangeError",
      message: "flow.mm1: serviceRatePerSecond must be a finite number > 0, got 0",
    });
    assert.throws(() => mm1({ arrivalRatePerSecond: Infinity, serviceRatePerSecond: 1 }), { name: "TypeError" });
  });
});

describe("flow.mm1ResponseTimePercentile", () => {
  it("mm1ResponseTimePercentile({λ:8, μ:10, percentile:0.99}) is ln(100)/2 = 2.3026 s", () => {
    // The M/M/1 FCFS response time is exponential with rate μ − λ = 2.
    close(mm1ResponseTimePercentile({ arrivalRatePerSecond: 8, serviceRatePerSecond: 10, percentile: 0.99 }), Math.log(100) / 2);
    close(mm1ResponseTimePercentile({ arrivalRatePerSecond: 8, serviceRatePerSecond: 10, percentile: 0.5 }), Math.LN2 / 2);
  });
  it("mm1ResponseTimePercentile rejects percentiles outside (0, 1) and unstable queues", () => {
    assert.throws(() => mm1ResponseTimePercentile({ arrivalRatePerSecond: 8, serviceRatePerSecond: 10, percentile: 1 }), {
      name: "RangeError",
      message: "flow.mm1ResponseTimePercentile: percentile must be a probability in (0, 1), got 1",
    });
    assert.throws(() => mm1ResponseTimePercentile({ arrivalRatePerSecond: 11, serviceRatePerSecond: 10, percentile: 0.5 }), {
      message: "flow.mm1ResponseTimePercentile: arrivalRatePerSecond must be a finite number in (0, serviceRatePerSecond=10), got 11",
    });
  });
});

describe("flow.mm1k", () => {
  it("mm1k({λ:8, μ:10, K:2}) drops 16/61 of arrivals (worked by hand)", () => {
    // ρ = 0.8; weights 1, 0.8, 0.64 sum to 2.44, so p = (25/61, 20/61, 16/61).
    // Blocking p_2 = 16/61 = 0.26230; λ_eff = 8·45/61 = 360/61 = 5.9016 /s.
    // L = (0.8 + 2·0.64)/2.44 = 52/61 = 0.85246; W = L/λ_eff = 52/360 = 0.14444 s.
    // Lq = L − (1 − p_0) = 52/61 − 36/61 = 16/61; Wq = 16/360 s.
    const r = mm1k({ arrivalRatePerSecond: 8, serviceRatePerSecond: 10, capacity: 2 });
    close(r.stateProbabilities[0], 25 / 61);
    close(r.stateProbabilities[1], 20 / 61);
    close(r.blockingProbability, 16 / 61);
    close(r.throughputPerSecond, 360 / 61);
    close(r.utilization, 36 / 61);
    close(r.meanInSystem, 52 / 61);
    close(r.meanInQueue, 16 / 61);
    close(r.meanTimeInSystemSeconds, 52 / 360);
    close(r.meanWaitInQueueSeconds, 16 / 360);
  });
  it("mm1k at ρ = 1 exactly: p_n = 1/(K+1), L = K/2 (λ = μ = 5, K = 4)", () => {
    const r = mm1k({ arrivalRatePerSecond: 5, serviceRatePerSecond: 5, capacity: 4 });
    for (const p of r.stateProbabilities) assert.equal(p, 0.2);
    close(r.meanInSystem, 2);
    close(r.throughputPerSecond, 4);
    close(r.meanTimeInSystemSeconds, 0.5);
  });
  it("mm1k is continuous through ρ = 1 (no cancellation near 1)", () => {
    const at1 = mm1k({ arrivalRatePerSecond: 1, serviceRatePerSecond: 1, capacity: 50 });
    const near = mm1k({ arrivalRatePerSecond: 1 + 1e-12, serviceRatePerSecond: 1, capacity: 50 });
    close(near.blockingProbability, at1.blockingProbability, 1e-9);
    close(near.meanInSystem, at1.meanInSystem, 1e-9);
  });
  it("mm1k with K = 1 is the Erlang B loss formula for one server: ρ/(1+ρ)", () => {
    close(mm1k({ arrivalRatePerSecond: 3, serviceRatePerSecond: 1, capacity: 1 }).blockingProbability, 0.75);
  });
  it("mm1k drop probability decreases as K grows (strictly while the difference is representable)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 5, noNaN: true }), fc.integer({ min: 1, max: 200 }), (rho, K) => {
        const a = mm1k({ arrivalRatePerSecond: rho, serviceRatePerSecond: 1, capacity: K });
        const b = mm1k({ arrivalRatePerSecond: rho, serviceRatePerSecond: 1, capacity: K + 1 });
        assert.ok(b.blockingProbability <= a.blockingProbability);
        if (K <= 10) assert.ok(b.blockingProbability < a.blockingProbability);
      }),
    );
  });
  it("mm1k tends to M/M/1 as K → ∞ when ρ < 1", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.9, noNaN: true }), (rho) => {
        const finite = mm1k({ arrivalRatePerSecond: rho, serviceRatePerSecond: 1, capacity: 2000 });
        const infinite = mm1({ arrivalRatePerSecond: rho, serviceRatePerSecond: 1 });
        close(finite.meanInSystem, infinite.meanInSystem, 1e-9);
        close(finite.meanTimeInSystemSeconds, infinite.meanTimeInSystemSeconds, 1e-9);
        assert.ok(finite.blockingProbability < 1e-9);
      }),
    );
  });
  it("mm1k: probabilities sum to 1, L = λ_eff·W, throughput <= min(λ, μ), at any load", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.integer({ min: 1, max: 500 }),
        (lambda, mu, K) => {
          const r = mm1k({ arrivalRatePerSecond: lambda, serviceRatePerSecond: mu, capacity: K });
          close(r.stateProbabilities.reduce((s, p) => s + p, 0), 1, 1e-9);
          close(r.meanInSystem, r.throughputPerSecond * r.meanTimeInSystemSeconds, 1e-9);
          close(r.throughputPerSecond, mu * r.utilization, 1e-9);
          assert.ok(r.throughputPerSecond <= Math.min(lambda, mu) * (1 + 1e-12));
          assert.ok(r.meanInSystem >= 0 && r.meanInSystem <= K);
        },
      ),
    );
  });
  it("mm1k at extreme overload (ρ = 1e9) returns finite figures: throughput ≈ μ", () => {
    const r = mm1k({ arrivalRatePerSecond: 1e9, serviceRatePerSecond: 1, capacity: 1000 });
    close(r.throughputPerSecond, 1, 1e-6);
    assert.ok(Number.isFinite(r.meanTimeInSystemSeconds));
    close(r.meanTimeInSystemSeconds, 1000, 1e-6);
  });
  it("mm1k rejects bad capacities, rates and loads", () => {
    assert.throws(() => mm1k({ arrivalRatePerSecond: 1, serviceRatePerSecond: 1, capacity: 0 }), {
      name: "RangeError",
      message: "flow.mm1k: capacity must be an integer in [1, 1000000], got 0",
    });
    assert.throws(() => mm1k({ arrivalRatePerSecond: 1, serviceRatePerSecond: 1, capacity: 2.5 }), {
      message: "flow.mm1k: capacity must be an integer in [1, 1000000], got 2.5",
    });
    assert.throws(() => mm1k({ arrivalRatePerSecond: -1, serviceRatePerSecond: 1, capacity: 3 }), {
      message: "flow.mm1k: arrivalRatePerSecond must be a finite number > 0, got -1",
    });
    assert.throws(() => mm1k({ arrivalRatePerSecond: 1e300, serviceRatePerSecond: 1e-10, capacity: 3 }), {
      name: "RangeError",
      message: "flow.mm1k: arrivalRatePerSecond/serviceRatePerSecond must be in [1e-9, 1e9], got 1e+310".replace("1e+310", String(1e300 / 1e-10)),
    });
  });
});
