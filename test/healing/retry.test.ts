import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
  backoffDelayMs,
  backoffSchedule,
  compareRetryStrategies,
  simulateRetryStorm,
  type BackoffStrategy,
  type RetryStormOptions,
} from "../../src/healing/retry";

// Formulas: Marc Brooker, "Exponential Backoff And Jitter", AWS Architecture
// Blog, 2015. Values below worked by hand from those formulas.

describe("healing.backoffDelayMs", () => {
  const common = { baseMs: 100, capMs: 10000 };
  it("exponential (no jitter): min(cap, base·2^attempt) — attempt 3 is 800 ms, attempt 10 is capped at 10000 ms", () => {
    assert.equal(backoffDelayMs({ ...common, strategy: "exponential", attempt: 3, uniform: 0.9 }), 800);
    assert.equal(backoffDelayMs({ ...common, strategy: "exponential", attempt: 10, uniform: 0 }), 10000);
    assert.equal(backoffDelayMs({ ...common, strategy: "exponential", attempt: 0, uniform: 0 }), 100);
  });
  it("full jitter: random(0, min(cap, base·2^n)) — attempt 3, u=0.5 is 400 ms", () => {
    assert.equal(backoffDelayMs({ ...common, strategy: "full", attempt: 3, uniform: 0.5 }), 400);
    assert.equal(backoffDelayMs({ ...common, strategy: "full", attempt: 3, uniform: 0 }), 0);
  });
  it("equal jitter: temp/2 + random(0, temp/2) — attempt 3, u=0.5 is 600 ms, u=0 is 400 ms", () => {
    assert.equal(backoffDelayMs({ ...common, strategy: "equal", attempt: 3, uniform: 0.5 }), 600);
    assert.equal(backoffDelayMs({ ...common, strategy: "equal", attempt: 3, uniform: 0 }), 400);
  });
  it("decorrelated jitter: min(cap, random(base, prev·3)) — prev 300, u=0.5 is 500 ms; prev 5000, u=0.9 is capped", () => {
    assert.equal(backoffDelayMs({ ...common, strategy: "decorrelated", attempt: 4, previousDelayMs: 300, uniform: 0.5 }), 500);
    assert.equal(backoffDelayMs({ ...common, strategy: "decorrelated", attempt: 0, previousDelayMs: 5000, uniform: 0.9 }), 10000);
    // The first sleep starts from prev = base: random(100, 300).
    assert.equal(backoffDelayMs({ ...common, strategy: "decorrelated", attempt: 0, uniform: 0.5 }), 200);
  });
  it("every strategy stays within its documented interval and under the cap", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<BackoffStrategy>("exponential", "full", "equal", "decorrelated"),
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 1, max: 1000, noNaN: true }),
        fc.double({ min: 1, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (strategy, attempt, baseMs, capFactor, uniform, previousFraction) => {
          const capMs = baseMs * capFactor;
          const previousDelayMs = baseMs + previousFraction * (capMs - baseMs);
          const d = backoffDelayMs({ strategy, attempt, baseMs, capMs, previousDelayMs, uniform });
          const temp = Math.min(capMs, baseMs * 2 ** attempt);
          assert.ok(d >= 0 && d <= capMs * (1 + 1e-12));
          if (strategy === "exponential") assert.equal(d, temp);
          if (strategy === "full") assert.ok(d <= temp);
          if (strategy === "equal") assert.ok(d >= temp / 2 && d <= temp);
          if (strategy === "decorrelated") assert.ok(d >= Math.min(baseMs, capMs) - 1e-9 && d <= Math.min(capMs, 3 * previousDelayMs) + 1e-9);
        },
      ),
    );
  });
  it("backoffDelayMs rejects bad input with the house message", () => {
    assert.throws(() => backoffDelayMs({ ...common, strategy: "linear" as never, attempt: 0, uniform: 0 }), {
      name: "RangeError",
      message: 'healing.backoffDelayMs: strategy must be one of "exponential", "full", "equal", "decorrelated", got "linear"',
    });
    assert.throws(() => backoffDelayMs({ strategy: "full", baseMs: 100, capMs: 50, attempt: 0, uniform: 0 }), {
      message: "healing.backoffDelayMs: capMs must be a finite number >= baseMs=100, got 50",
    });
    assert.throws(() => backoffDelayMs({ ...common, strategy: "full", attempt: -1, uniform: 0 }), {
      message: "healing.backoffDelayMs: attempt must be an integer in [0, 1000], got -1",
    });
    assert.throws(() => backoffDelayMs({ ...common, strategy: "full", attempt: 0, uniform: 1 }), {
      message: "healing.backoffDelayMs: uniform must be a finite number in [0, 1), got 1",
    });
    assert.throws(() => backoffDelayMs({ ...common, strategy: "decorrelated", attempt: 0, previousDelayMs: 50, uniform: 0 }), {
      message: "healing.backoffDelayMs: previousDelayMs must be a finite number in [baseMs=100, capMs=10000], got 50",
    });
  });
});

describe("healing.backoffSchedule", () => {
  it("backoffSchedule(exponential, 6 retries, base 100 ms, cap 2000 ms) is [100, 200, 400, 800, 1600, 2000]", () => {
    assert.deepEqual(backoffSchedule({ strategy: "exponential", retries: 6, baseMs: 100, capMs: 2000, seed: 1 }), [
      100, 200, 400, 800, 1600, 2000,
    ]);
  });
  it("backoffSchedule(decorrelated) feeds each delay into the next: d[i] <= 3·d[i−1]", () => {
    const d = backoffSchedule({ strategy: "decorrelated", retries: 50, baseMs: 10, capMs: 5000, seed: 3 });
    for (let i = 1; i < d.length; i++) assert.ok(d[i] >= 10 && d[i] <= Math.min(5000, 3 * d[i - 1]));
  });
  it("backoffSchedule is deterministic for a seed", () => {
    const o = { strategy: "full" as const, retries: 10, baseMs: 10, capMs: 5000, seed: 9 };
    assert.deepEqual(backoffSchedule(o), backoffSchedule(o));
    assert.notDeepEqual(backoffSchedule(o), backoffSchedule({ ...o, seed: 10 }));
  });
  it("backoffSchedule rejects bad input", () => {
    assert.throws(() => backoffSchedule({ strategy: "full", retries: 1.5, baseMs: 10, capMs: 50, seed: 1 }), {
      message: "healing.backoffSchedule: retries must be an integer in [0, 1000], got 1.5",
    });
    assert.throws(() => backoffSchedule({ strategy: "full", retries: 1, baseMs: 0, capMs: 50, seed: 1 }), {
      message: "healing.backoffSchedule: baseMs must be a finite number > 0, got 0",
    });
  });
});

describe("healing.simulateRetryStorm", () => {
  const storm: Omit<RetryStormOptions, "strategy"> = {
    clients: 1000,
    outageMs: 1000,
    capacityPerTick: 10,
    baseMs: 100,
    capMs: 10000,
    maxAttempts: 10,
    seed: 1,
  };
  const [none, full, equal, decorrelated] = compareRetryStrategies(storm);

  it("without jitter the whole herd retries in one tick: peak = 1000 calls for a capacity of 10", () => {
    assert.equal(none.strategy, "exponential");
    assert.equal(none.peakCallsPerTick, 1000);
    assert.equal(none.peakLoadFactor, 100);
    // Each synchronized retry serves only a capacity's worth; most clients give up.
    assert.ok(none.gaveUpClients > none.succeededClients);
  });
  it("without jitter the last attempt is at 100+200+…+6400+10000+10000 = 32700 ms (hand sum)", () => {
    assert.equal(none.completionMs, 32700);
  });
  it("every jitter spreads the retries: lower peak, fewer calls, everybody served", () => {
    for (const r of [full, equal, decorrelated]) {
      assert.ok(r.peakCallsPerTick < none.peakCallsPerTick / 10, `${r.strategy} peak ${r.peakCallsPerTick}`);
      assert.ok(r.totalCalls < none.totalCalls, `${r.strategy} calls ${r.totalCalls}`);
      assert.equal(r.succeededClients, 1000);
      assert.ok(r.completionMs < none.completionMs);
    }
  });
  it("conservation: calls = failures + successes, successes + give-ups = clients, the series sums to the calls", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<BackoffStrategy>("exponential", "full", "equal", "decorrelated"),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer(),
        (strategy, clients, capacityPerTick, outageMs, maxAttempts, seed) => {
          const r = simulateRetryStorm({ strategy, clients, capacityPerTick, outageMs, maxAttempts, seed, baseMs: 50, capMs: 2000, startWindowMs: 100 });
          assert.equal(r.totalCalls, r.failedCalls + r.succeededClients);
          assert.equal(r.succeededClients + r.gaveUpClients, clients);
          assert.equal(r.callsPerTick.reduce((s, x) => s + x, 0), r.totalCalls);
          assert.ok(r.totalCalls <= clients * maxAttempts);
        },
      ),
      { numRuns: 60 },
    );
  });
  it("with no outage and ample capacity every client succeeds on its first call", () => {
    const r = simulateRetryStorm({ ...storm, strategy: "full", outageMs: 0, capacityPerTick: 1000 });
    assert.equal(r.totalCalls, 1000);
    assert.equal(r.callsPerClient, 1);
    assert.equal(r.lastSuccessMs, 0);
  });
  it("when nobody succeeds lastSuccessMs is null, not NaN", () => {
    const r = simulateRetryStorm({ ...storm, strategy: "full", outageMs: 1e6, maxAttempts: 2 });
    assert.equal(r.lastSuccessMs, null);
    assert.equal(r.gaveUpClients, 1000);
  });
  it("is deterministic for a seed", () => {
    assert.deepEqual(simulateRetryStorm({ ...storm, strategy: "decorrelated" }), decorrelated);
  });
  it("simulateRetryStorm and compareRetryStrategies reject bad input, each naming itself", () => {
    assert.throws(() => simulateRetryStorm({ ...storm, strategy: "full", clients: 0 }), {
      name: "RangeError",
      message: "healing.simulateRetryStorm: clients must be an integer in [1, 1000000], got 0",
    });
    assert.throws(() => simulateRetryStorm({ ...storm, strategy: "full", capacityPerTick: 0.5 }), {
      message: "healing.simulateRetryStorm: capacityPerTick must be an integer >= 1, got 0.5",
    });
    assert.throws(() => simulateRetryStorm({ ...storm, strategy: "full", tickMs: 0.001 }), {
      message: "healing.simulateRetryStorm: (startWindowMs + maxAttempts·capMs) / tickMs must be <= 5000000, got 100000000",
    });
    assert.throws(() => compareRetryStrategies({ ...storm, maxAttempts: 0 }), {
      message: "healing.compareRetryStrategies: maxAttempts must be an integer in [1, 1000], got 0",
    });
  });
});
