import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
  CLOSED_BREAKER,
  requestBreakerPermission,
  simulateBreaker,
  breakerTransition,
  type BreakerConfig,
  type BreakerEvent,
  type BreakerState,
} from "../../src/healing/circuitBreaker";

// State machine as in Nygard, "Release It!" (2nd ed.), ch. 5, and Fowler's
// "CircuitBreaker" (2014): closed → open → half-open → closed | open.

const byCount: BreakerConfig = { consecutiveFailureThreshold: 3, openTimeoutMs: 1000, halfOpenTrials: 2 };

function run(events: readonly BreakerEvent[], config: BreakerConfig, start: BreakerState = CLOSED_BREAKER): BreakerState {
  return events.reduce((state, event) => breakerTransition(state, event, config), start);
}

describe("healing.breakerTransition", () => {
  it("breakerTransition: 3 consecutive failures open a closed breaker (threshold 3); a success resets the count", () => {
    const f = (atMs: number): BreakerEvent => ({ type: "failure", atMs });
    assert.equal(run([f(1), f(2)], byCount).mode, "closed");
    assert.deepEqual(run([f(1), f(2), f(3)], byCount), { mode: "open", openedAtMs: 3 });
    assert.equal(run([f(1), f(2), { type: "success", atMs: 3 }, f(4), f(5)], byCount).mode, "closed");
  });
  it("breakerTransition: open stays open until openTimeoutMs, then a request moves it to half-open", () => {
    const open: BreakerState = { mode: "open", openedAtMs: 500 };
    assert.deepEqual(breakerTransition(open, { type: "request", atMs: 1499 }, byCount), open);
    assert.deepEqual(breakerTransition(open, { type: "request", atMs: 1500 }, byCount), { mode: "halfOpen", trialsStarted: 1, trialSuccesses: 0 });
    // Late outcomes of calls made before it opened change nothing.
    assert.deepEqual(breakerTransition(open, { type: "success", atMs: 2000 }, byCount), open);
  });
  it("breakerTransition: half-open closes after halfOpenTrials successes and reopens on a failure", () => {
    const half: BreakerState = { mode: "halfOpen", trialsStarted: 2, trialSuccesses: 0 };
    const one = breakerTransition(half, { type: "success", atMs: 10 }, byCount);
    assert.deepEqual(one, { mode: "halfOpen", trialsStarted: 2, trialSuccesses: 1 });
    assert.deepEqual(breakerTransition(one, { type: "success", atMs: 11 }, byCount), CLOSED_BREAKER);
    assert.deepEqual(breakerTransition(one, { type: "failure", atMs: 12 }, byCount), { mode: "open", openedAtMs: 12 });
  });
  it("breakerTransition: failure-rate threshold 0.5 over a window of 4 opens on [S, F, S, F], not before the window fills", () => {
    const config: BreakerConfig = { failureRateThreshold: 0.5, windowSize: 4, openTimeoutMs: 1000, halfOpenTrials: 1 };
    const s = (atMs: number): BreakerEvent => ({ type: "success", atMs });
    const f = (atMs: number): BreakerEvent => ({ type: "failure", atMs });
    assert.equal(run([f(1), f(2), f(3)], config).mode, "closed"); // 3 calls < window of 4
    assert.equal(run([s(1), f(2), s(3), s(4)], config).mode, "closed"); // 1/4 < 0.5
    assert.deepEqual(run([s(1), f(2), s(3), f(4)], config), { mode: "open", openedAtMs: 4 });
  });
  it("breakerTransition: laws hold on any event sequence", () => {
    const configArb = fc.record({
      consecutiveFailureThreshold: fc.integer({ min: 1, max: 5 }),
      failureRateThreshold: fc.option(fc.double({ min: 0.1, max: 1, noNaN: true }), { nil: undefined }),
      windowSize: fc.integer({ min: 1, max: 8 }),
      openTimeoutMs: fc.integer({ min: 0, max: 50 }),
      halfOpenTrials: fc.integer({ min: 1, max: 3 }),
    });
    const eventsArb = fc.array(fc.tuple(fc.constantFrom("request" as const, "success" as const, "failure" as const), fc.integer({ min: 0, max: 20 })), {
      maxLength: 80,
    });
    fc.assert(
      fc.property(configArb, eventsArb, (rawConfig, raw) => {
        const { failureRateThreshold, windowSize, ...rest } = rawConfig;
        const config: BreakerConfig = failureRateThreshold === undefined ? rest : { ...rest, failureRateThreshold, windowSize };
        let state: BreakerState = CLOSED_BREAKER;
        let now = 0;
        for (const [type, gap] of raw) {
          now += gap;
          const next = breakerTransition(state, { type, atMs: now }, config);
          if (state.mode === "closed") {
            assert.notEqual(next.mode, "halfOpen", "closed never goes to half-open");
            if (next.mode === "open") assert.equal(type, "failure");
          }
          if (state.mode === "open") {
            assert.notEqual(next.mode, "closed", "open never goes straight to closed");
            const due = type === "request" && now - state.openedAtMs >= config.openTimeoutMs;
            assert.equal(next.mode === "halfOpen", due, "open leaves exactly when a request comes after the timeout");
          }
          if (state.mode === "halfOpen") {
            if (next.mode === "open") assert.equal(type, "failure");
            if (next.mode === "closed") assert.equal(type, "success");
          }
          if (next.mode === "halfOpen") assert.ok(next.trialsStarted <= config.halfOpenTrials);
          if (next.mode === "open" && state.mode !== "open") assert.equal(next.openedAtMs, now);
          state = next;
        }
      }),
    );
  });
  it("breakerTransition: from closed, N consecutive failures always open the breaker at the N-th", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), (n) => {
        const config: BreakerConfig = { consecutiveFailureThreshold: n, openTimeoutMs: 10, halfOpenTrials: 1 };
        let state: BreakerState = CLOSED_BREAKER;
        for (let i = 1; i <= n; i++) {
          assert.equal(state.mode, "closed");
          state = breakerTransition(state, { type: "failure", atMs: i }, config);
        }
        assert.deepEqual(state, { mode: "open", openedAtMs: n });
      }),
    );
  });
  it("breakerTransition rejects bad input with the house message", () => {
    assert.throws(() => breakerTransition(CLOSED_BREAKER, { type: "timeout" as never, atMs: 0 }, byCount), {
      name: "RangeError",
      message: 'healing.breakerTransition: event.type must be one of "request", "success", "failure", got "timeout"',
    });
    assert.throws(() => breakerTransition(CLOSED_BREAKER, { type: "failure", atMs: NaN }, byCount), {
      name: "TypeError",
      message: "healing.breakerTransition: event.atMs must be a finite number, got NaN",
    });
    assert.throws(() => breakerTransition({ mode: "ajar" } as never, { type: "failure", atMs: 0 }, byCount), {
      message: 'healing.breakerTransition: state.mode must be one of "closed", "open", "halfOpen", got "ajar"',
    });
    assert.throws(() => breakerTransition(CLOSED_BREAKER, { type: "failure", atMs: 0 }, { openTimeoutMs: 1, halfOpenTrials: 1 }), {
      name: "TypeError",
      message: "healing.breakerTransition: consecutiveFailureThreshold must be an integer >= 1, got undefined",
    });
    assert.throws(() => breakerTransition(CLOSED_BREAKER, { type: "failure", atMs: 0 }, { failureRateThreshold: 0.5, openTimeoutMs: 1, halfOpenTrials: 1 }), {
      message: "healing.breakerTransition: windowSize must be an integer in [1, 10000], got undefined",
    });
    assert.throws(() => breakerTransition(CLOSED_BREAKER, { type: "failure", atMs: 0 }, { ...byCount, halfOpenTrials: 0 }), {
      name: "RangeError",
      message: "healing.breakerTransition: halfOpenTrials must be an integer >= 1, got 0",
    });
    assert.throws(() => breakerTransition(CLOSED_BREAKER, { type: "failure", atMs: 0 }, { ...byCount, openTimeoutMs: -1 }), {
      message: "healing.breakerTransition: openTimeoutMs must be a finite number >= 0, got -1",
    });
  });
});

describe("healing.requestBreakerPermission", () => {
  it("requestBreakerPermission and breakerTransition return a state with only its mode's fields, whatever else the given state carried", () => {
    const odd = JSON.parse('{"mode":"open","openedAtMs":0,"__proto__":[1e400],"extra":{"x":1}}') as BreakerState;
    assert.deepEqual(requestBreakerPermission(odd, 10, byCount), { permitted: false, state: { mode: "open", openedAtMs: 0 } });
    const closed = { ...CLOSED_BREAKER, extra: Number.NaN } as unknown as BreakerState;
    assert.deepEqual(requestBreakerPermission(closed, 10, byCount).state, CLOSED_BREAKER);
    assert.deepEqual(breakerTransition(closed, { type: "request", atMs: 1 }, byCount), CLOSED_BREAKER);
    assert.throws(() => requestBreakerPermission({ ...CLOSED_BREAKER, recentFailures: [true, 1] } as never, 0, byCount), {
      name: "TypeError",
      message: "healing.requestBreakerPermission: state.recentFailures[1] must be a boolean, got 1",
    });
  });

  it("requestBreakerPermission: closed permits; open short-circuits before the timeout; after it, one trial at a time", () => {
    assert.equal(requestBreakerPermission(CLOSED_BREAKER, 0, byCount).permitted, true);
    const open: BreakerState = { mode: "open", openedAtMs: 0 };
    assert.deepEqual(requestBreakerPermission(open, 999, byCount), { permitted: false, state: open });
    const first = requestBreakerPermission(open, 1000, byCount);
    assert.equal(first.permitted, true);
    const second = requestBreakerPermission(first.state, 1001, byCount);
    assert.equal(second.permitted, true); // halfOpenTrials = 2
    const third = requestBreakerPermission(second.state, 1002, byCount);
    assert.equal(third.permitted, false);
  });
  it("requestPermission rejects bad input", () => {
    assert.throws(() => requestBreakerPermission(CLOSED_BREAKER, Infinity, byCount), {
      name: "TypeError",
      message: "healing.requestBreakerPermission: atMs must be a finite number, got Infinity",
    });
  });
});

describe("healing.simulateBreaker", () => {
  const scenario = {
    requestIntervalMs: 100,
    durationMs: 60000,
    outageStartMs: 10000,
    outageEndMs: 30000,
    callLatencyMs: 20,
    failureLatencyMs: 1000,
    seed: 1,
  };
  const breaker: BreakerConfig = { consecutiveFailureThreshold: 5, openTimeoutMs: 5000, halfOpenTrials: 1 };
  const withBreaker = simulateBreaker({ ...scenario, breaker });
  const without = simulateBreaker({ ...scenario, breaker: null });

  it("simulateBreaker: opens at 11400 ms — the 5th failure reported (request at 10400 ms + 1000 ms timeout)", () => {
    assert.deepEqual(withBreaker.stateChanges[0], { atMs: 11400, mode: "open" });
    assert.deepEqual(withBreaker.stateChanges[1], { atMs: 16400, mode: "halfOpen" });
  });
  it("simulateBreaker: short-circuits most outage requests, so far fewer calls fail and wait on the timeout", () => {
    assert.equal(withBreaker.requests, 600);
    assert.equal(withBreaker.callsToDependency + withBreaker.shortCircuited, withBreaker.requests);
    // Without a breaker all 200 outage requests fail, each holding its caller for 1 s.
    assert.equal(without.failedCalls, 200);
    assert.equal(without.timeWaitingOnFailuresMs, 200000);
    // With it: 15 requests before it opens (10000..11400 ms) plus 3 failed trials.
    assert.equal(withBreaker.failedCalls, 18);
    assert.ok(withBreaker.shortCircuited > 180);
  });
  it("simulateBreaker: the price is recovery time — callers wait for a trial after the outage ends", () => {
    assert.equal(without.recoveryMs, 20); // the first call after 30000 ms succeeds in 20 ms
    assert.ok(withBreaker.recoveryMs !== null && withBreaker.recoveryMs > 20 && withBreaker.recoveryMs <= breaker.openTimeoutMs + 20);
    assert.equal(withBreaker.closedAfterOutageMs, withBreaker.recoveryMs);
    assert.equal(withBreaker.stateChanges.at(-1)?.mode, "closed");
    assert.equal(without.closedAfterOutageMs, null);
  });
  it("simulateBreaker is deterministic for a seed with random failures", () => {
    const o = { ...scenario, breaker, failureProbabilityDuringOutage: 0.7, baselineFailureProbability: 0.05 };
    assert.deepEqual(simulateBreaker(o), simulateBreaker(o));
  });
  it("simulateBreaker rejects bad input", () => {
    assert.throws(() => simulateBreaker({ ...scenario, breaker, outageEndMs: 5000 }), {
      name: "RangeError",
      message: "healing.simulateBreaker: outageEndMs must be a finite number >= outageStartMs=10000, got 5000",
    });
    assert.throws(() => simulateBreaker({ ...scenario, breaker, requestIntervalMs: 0 }), {
      message: "healing.simulateBreaker: requestIntervalMs must be a finite number > 0, got 0",
    });
    assert.throws(() => simulateBreaker({ ...scenario, breaker, requestIntervalMs: 0.01 }), {
      message: "healing.simulateBreaker: durationMs / requestIntervalMs must be <= 1e6, got 6000000",
    });
    assert.throws(() => simulateBreaker({ ...scenario, breaker, baselineFailureProbability: 2 }), {
      message: "healing.simulateBreaker: baselineFailureProbability must be a probability in [0, 1], got 2",
    });
    assert.throws(() => simulateBreaker({ ...scenario, breaker: { ...breaker, consecutiveFailureThreshold: 0 } }), {
      message: "healing.simulateBreaker: consecutiveFailureThreshold must be an integer >= 1, got 0",
    });
  });
});
