import { strict as assert } from "node:assert";
import fc from "fast-check";
import { COURSE_CLAIMED_RTO_SECONDS, failoverRto, simulateFailover } from "../../src/healing/failover";

// Route 53 defaults: RequestInterval 30 s (10 s fast), FailureThreshold 3
// (Amazon Route 53 API Reference, HealthCheckConfig). Recommended TTL with
// health checks: 60 s or less (Route 53 Developer Guide, "Values specific
// for failover records"). Unhealthy when "18% of health checkers or fewer
// report that an endpoint is healthy"; an HTTP check must connect "within
// four seconds" (Developer Guide, "How Amazon Route 53 determines whether a
// health check is healthy"). Course claim: "RTO: 5 minutes (automatic failover)".
// Defaults here: 8 checkers (an assumption), so 8 − ⌊0.18·8⌋ = 7 must fail.

describe("healing.failoverRto", () => {
  it("failoverRto({promotionSeconds:60}) with Route 53 defaults: detection 64/87.3/94 s, RTO 124/177.3/214 s, inside the course's 5 min", () => {
    // Detection: 7 of 8 uncoordinated checkers must fail 3 checks in a row, each failing after the 4 s
    // connect timeout: (3−1)·30 + 4 = 64 best, (2 + 7/9)·30 + 4 = 87.33 expected, 3·30 + 4 = 94 worst.
    // Client cache with a 60 s TTL: 0 / 30 / 60. RTO = detection + 60 + cache.
    const r = failoverRto({ promotionSeconds: 60 });
    assert.equal(r.detection.bestSeconds, 64);
    assert.ok(Math.abs(r.detection.expectedSeconds - (60 + (7 / 9) * 30 + 4)) < 1e-9);
    assert.equal(r.detection.worstSeconds, 94);
    assert.deepEqual(r.clientCache, { bestSeconds: 0, expectedSeconds: 30, worstSeconds: 60 });
    assert.equal(r.rto.bestSeconds, 124);
    assert.ok(Math.abs(r.rto.expectedSeconds - 177.3333333333) < 1e-6);
    assert.equal(r.rto.worstSeconds, 214);
    assert.equal(r.courseClaimSeconds, 300);
    assert.deepEqual(r.meetsCourseClaim, { expected: true, worst: true });
  });
  it("failoverRto with one checker and no timeout is the idealised model: detection 60/75/90 s, RTO 120/165/210 s", () => {
    const r = failoverRto({ promotionSeconds: 60, healthCheckers: 1, checkTimeoutSeconds: 0 });
    assert.deepEqual(r.detection, { bestSeconds: 60, expectedSeconds: 75, worstSeconds: 90 });
    assert.deepEqual(r.rto, { bestSeconds: 120, expectedSeconds: 165, worstSeconds: 210 });
  });
  it("failoverRto: the 18% rule — more checkers push the expected detection towards the worst case", () => {
    const expected = (healthCheckers: number): number => failoverRto({ promotionSeconds: 0, healthCheckers, checkTimeoutSeconds: 0 }).detection.expectedSeconds;
    // 5 checkers: 5 − ⌊0.9⌋ = 5 must fail → 5/6 of an interval; 16: 16 − ⌊2.88⌋ = 14 → 14/17.
    assert.ok(Math.abs(expected(5) - (60 + (5 / 6) * 30)) < 1e-9);
    assert.ok(Math.abs(expected(16) - (60 + (14 / 17) * 30)) < 1e-9);
    assert.ok(expected(8) > expected(1));
    assert.throws(() => failoverRto({ promotionSeconds: 1, healthCheckers: 0 }), {
      name: "RangeError",
      message: "healing.failoverRto: healthCheckers must be an integer in [1, 64], got 0",
    });
    assert.throws(() => failoverRto({ promotionSeconds: 1, healthyCheckerShare: 1 }), {
      name: "RangeError",
      message: "healing.failoverRto: healthyCheckerShare must be a finite number in [0, 1), got 1",
    });
  });
  it("failoverRto with Route 53 fast checks (10 s interval): detection 24/31.8/34 s", () => {
    const d = failoverRto({ promotionSeconds: 0, healthCheckIntervalSeconds: 10 }).detection;
    assert.equal(d.bestSeconds, 24);
    assert.ok(Math.abs(d.expectedSeconds - (20 + 70 / 9 + 4)) < 1e-9);
    assert.equal(d.worstSeconds, 34);
  });
  it("failoverRto with a 300 s TTL misses the course's 5-minute claim in the worst case: 94 + 60 + 300 = 454 s", () => {
    const r = failoverRto({ promotionSeconds: 60, dnsTtlSeconds: 300 });
    assert.equal(r.rto.worstSeconds, 454);
    assert.ok(Math.abs(r.rto.expectedSeconds - (87.3333333333 + 60 + 150)) < 1e-6);
    assert.deepEqual(r.meetsCourseClaim, { expected: true, worst: false });
  });
  it("failoverRto with 10% of clients ignoring the TTL for 900 s: expected 75+60+0.9·30+0.1·900 = 252 s (one idealised checker), worst 1050 s", () => {
    const r = failoverRto({ promotionSeconds: 60, ttlIgnoringFraction: 0.1, ttlIgnoringStaleSeconds: 900, healthCheckers: 1, checkTimeoutSeconds: 0 });
    assert.ok(Math.abs(r.rto.expectedSeconds - 252) < 1e-9);
    assert.equal(r.rto.worstSeconds, 1050);
  });
  it("failoverRto adds the check timeout and the DNS update time", () => {
    const r = failoverRto({ promotionSeconds: 30, checkTimeoutSeconds: 4, dnsUpdateSeconds: 60, dnsTtlSeconds: 0, healthCheckers: 1 });
    assert.deepEqual(r.rto, { bestSeconds: 60 + 4 + 90, expectedSeconds: 75 + 4 + 90, worstSeconds: 90 + 4 + 90 });
    assert.equal(r.promotionAndDnsUpdateSeconds, 90);
  });
  it("failoverRto: best <= expected <= worst, and the RTO grows with interval, threshold and TTL", () => {
    const arb = fc.record({
      healthCheckIntervalSeconds: fc.double({ min: 1, max: 120, noNaN: true }),
      failureThreshold: fc.integer({ min: 1, max: 9 }),
      promotionSeconds: fc.double({ min: 0, max: 600, noNaN: true }),
      dnsTtlSeconds: fc.double({ min: 0, max: 3600, noNaN: true }),
      ttlIgnoringFraction: fc.double({ min: 0, max: 1, noNaN: true }),
      ttlIgnoringStaleSeconds: fc.double({ min: 0, max: 3600, noNaN: true }),
    });
    fc.assert(
      fc.property(arb, (o) => {
        const r = failoverRto(o).rto;
        assert.ok(r.bestSeconds <= r.expectedSeconds + 1e-9 && r.expectedSeconds <= r.worstSeconds + 1e-9);
        const slower = failoverRto({ ...o, failureThreshold: o.failureThreshold + 1 }).rto;
        assert.ok(slower.expectedSeconds > r.expectedSeconds && slower.worstSeconds > r.worstSeconds);
        const longerInterval = failoverRto({ ...o, healthCheckIntervalSeconds: o.healthCheckIntervalSeconds * 2 }).rto;
        assert.ok(longerInterval.worstSeconds > r.worstSeconds);
        const longerTtl = failoverRto({ ...o, dnsTtlSeconds: o.dnsTtlSeconds + 10 }).rto;
        assert.ok(longerTtl.expectedSeconds >= r.expectedSeconds);
      }),
    );
  });
  it("failoverRto rejects bad input with the house message", () => {
    assert.throws(() => failoverRto({ promotionSeconds: -1 }), {
      name: "RangeError",
      message: "healing.failoverRto: promotionSeconds must be a finite number >= 0, got -1",
    });
    assert.throws(() => failoverRto({ promotionSeconds: 1, failureThreshold: 11 }), {
      message: "healing.failoverRto: failureThreshold must be an integer in [1, 10], got 11",
    });
    assert.throws(() => failoverRto({ promotionSeconds: 1, healthCheckIntervalSeconds: 0 }), {
      message: "healing.failoverRto: healthCheckIntervalSeconds must be a finite number > 0, got 0",
    });
    assert.throws(() => failoverRto({ promotionSeconds: 1, ttlIgnoringFraction: 0.1 }), {
      name: "TypeError",
      message: "healing.failoverRto: ttlIgnoringStaleSeconds must be a finite number >= 0, got undefined",
    });
    assert.throws(() => failoverRto({ promotionSeconds: 1, ttlIgnoringFraction: 1.5, ttlIgnoringStaleSeconds: 1 }), {
      message: "healing.failoverRto: ttlIgnoringFraction must be a probability in [0, 1], got 1.5",
    });
  });
});

describe("healing.simulateFailover", () => {
  it("simulateFailover's mean matches failoverRto's expected value (Route 53 defaults, 20000 trials, ±1%)", () => {
    // Standard error ≈ 19.4 s / √20000 ≈ 0.14 s, so ±1.65 s is about 12 standard errors.
    const sim = simulateFailover({ promotionSeconds: 60, trials: 20000, seed: 1 });
    const expected = failoverRto({ promotionSeconds: 60 }).rto.expectedSeconds;
    assert.ok(Math.abs(sim.meanSeconds / expected - 1) < 0.01, `${sim.meanSeconds}`);
    assert.ok(sim.maxSeconds <= 214 && sim.p50Seconds >= 124);
    assert.equal(sim.fractionWithinCourseClaim, 1);
  });
  it("simulateFailover stays within [best, worst] of failoverRto", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.double({ min: 1, max: 60, noNaN: true }),
        fc.double({ min: 0, max: 600, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer(),
        (failureThreshold, healthCheckIntervalSeconds, dnsTtlSeconds, ttlIgnoringFraction, seed) => {
          const o = { failureThreshold, healthCheckIntervalSeconds, dnsTtlSeconds, ttlIgnoringFraction, ttlIgnoringStaleSeconds: 700, promotionSeconds: 30 };
          const { rto } = failoverRto(o);
          const sim = simulateFailover({ ...o, trials: 200, seed });
          assert.ok(sim.maxSeconds <= rto.worstSeconds + 1e-9);
          assert.ok(sim.p50Seconds >= rto.bestSeconds - 1e-9);
          assert.ok(sim.p50Seconds <= sim.p95Seconds && sim.p95Seconds <= sim.p99Seconds && sim.p99Seconds <= sim.maxSeconds);
        },
      ),
      { numRuns: 50 },
    );
  });
  it("simulateFailover with a 300 s TTL: only part of the outages fit the course's 300 s", () => {
    const sim = simulateFailover({ promotionSeconds: 60, dnsTtlSeconds: 300, trials: 20000, seed: 2 });
    // P(detection + 60 + cache <= 300), detection ≈ 87 s (64–94), cache ~ U(0, 300): ≈ 0.51.
    assert.ok(sim.fractionWithinCourseClaim > 0.46 && sim.fractionWithinCourseClaim < 0.56, `${sim.fractionWithinCourseClaim}`);
    assert.ok(COURSE_CLAIMED_RTO_SECONDS === 300);
  });
  it("simulateFailover rejects bad input", () => {
    assert.throws(() => simulateFailover({ promotionSeconds: 60, trials: 0, seed: 1 }), {
      name: "RangeError",
      message: "healing.simulateFailover: trials must be an integer in [1, 1000000], got 0",
    });
    assert.throws(() => simulateFailover({ promotionSeconds: NaN, trials: 10, seed: 1 }), {
      name: "TypeError",
      message: "healing.simulateFailover: promotionSeconds must be a finite number >= 0, got NaN",
    });
  });
});
