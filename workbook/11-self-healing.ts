// %% [markdown]
// # 11 · Self-healing systems
// A self-healing system notices a failure, contains it, and recovers without a human. This notebook models three
// mechanisms and puts numbers on them: **retries** with exponential backoff and jitter (and the retry storm they
// cause when done naively), the **circuit breaker** (which stops callers from waiting on a dependency that is
// down), and **health-check failover** (the course's `health_check()`, and whether its "RTO: 5 minutes" holds).
//
// The course lists "Build self-healing systems" as a learning outcome and gives one piece of code for it, the
// gold tier's `health_check()` in section 7. Sources: Marc Brooker, "Exponential Backoff And Jitter" (AWS
// Architecture Blog, 2015); Michael Nygard, *Release It!* (2nd ed., 2018), ch. 5; the Amazon Route 53 Developer
// Guide and API Reference (health checks and failover records).

// %% tags=["parameters"]
// What-if parameters: change them and Run All. They drive the charts and tables, not the exercises.
const clients: number = 1000; // integer in [1, 100000]: clients that each need one successful call after the outage
const outageMs: number = 1000; // ms, >= 0: the dependency fails every call before this time
const capacityPerTick: number = 10; // integer >= 1: calls the recovered dependency serves per 10 ms tick (1,000/s)
const baseMs: number = 100; // ms, > 0: base backoff delay
const capMs: number = 10000; // ms, >= baseMs: cap on a backoff delay
const maxAttempts: number = 10; // integer in [1, 1000]: calls a client makes at most (first try + retries)
const seed: number = 1; // integer: seed of the simulations
const breakerFailureThreshold: number = 5; // integer >= 1: consecutive failures that open the breaker
const breakerOpenTimeoutMs: number = 5000; // ms, > 0: how long the breaker stays open before a trial call
const requestIntervalMs: number = 100; // ms, > 0: one request every this many ms to the failing dependency
const breakerOutageMs: number = 20000; // ms, >= 0: how long the dependency is down in the breaker simulation
const callTimeoutMs: number = 1000; // ms, > 0: how long a failing call holds its caller (timeout)
const healthCheckIntervalSeconds: number = 30; // seconds, > 0: 30 (Route 53 standard) or 10 (fast)
const failureThreshold: number = 3; // integer in [1, 10]: consecutive failed checks before failover (Route 53 default 3)
const promotionSeconds: number = 60; // s, >= 0: time to promote the secondary
const dnsTtlSeconds: number = 60; // s, >= 0: TTL of the failover DNS record (Route 53 recommends <= 60 with health checks)
const ttlIgnoringFraction: number = 0.02; // ratio in [0, 1]: share of clients that cache DNS longer than the TTL
const ttlIgnoringStaleSeconds: number = 600; // s, >= 0: how long those clients keep the old address

// %%
import { healing, display, exercises } from "tradeoff-lab";
display.plotlyInit();

// %% [markdown]
// ## 1. Retries: exponential backoff and jitter
//
// A retry turns a transient failure into a success, and turns an overloaded dependency into a more overloaded
// one. Exponential backoff spaces the retries out; jitter de-synchronises clients. Brooker's formulas, with
// `attempt` the number of retries already made:
//
// | strategy | delay before the next try |
// |---|---|
// | exponential (no jitter) | min(cap, base·2^attempt) |
// | full jitter | random(0, min(cap, base·2^attempt)) |
// | equal jitter | t/2 + random(0, t/2), with t = min(cap, base·2^attempt) |
// | decorrelated jitter | min(cap, random(base, previous·3)) |
//
// The table shows one client's first eight delays under each strategy (seeded, so they are reproducible).

// %%
const strategies = healing.BACKOFF_STRATEGIES;
const schedules = strategies.map((strategy) => healing.backoffSchedule({ strategy, retries: 8, baseMs: baseMs, capMs: capMs, seed: seed }));
const scheduleRows = Array.from({ length: 8 }, (_, retry) => ({
  retry: retry + 1,
  ...Object.fromEntries(strategies.map((strategy, i) => [strategy, schedules[i]![retry]!])),
}));
display.show(
  display.table(scheduleRows, {
    units: Object.fromEntries(strategies.map((s) => [s, "ms" as const])),
    caption: `Backoff delays before each retry, base ${baseMs} ms, cap ${capMs} ms (Brooker 2015)`,
  }),
);

// %% [exercise] id="11.1" points=3
// **Exercise 11.1** — Implement full jitter: `fullJitterMs(attempt, baseMs, capMs, uniform)` returns the delay
// before the next try, where `attempt` is the number of retries already made (0 before the first retry) and
// `uniform` is a random draw in [0, 1) (passed in so the function is testable).
// BEGIN SOLUTION
const fullJitterMs = (attempt: number, baseMs: number, capMs: number, uniform: number): number => uniform * Math.min(capMs, baseMs * 2 ** attempt);
// END SOLUTION
// BEGIN STUB
const fullJitterMs: ((attempt: number, baseMs: number, capMs: number, uniform: number) => number) | undefined = undefined;
// END STUB
// BEGIN WRONG
const fullJitterMs = (attempt: number, baseMs: number, capMs: number, uniform: number): number => uniform * baseMs * 2 ** attempt;
// END WRONG

// %%
exercises.check("11.1", fullJitterMs);

// %% [markdown]
// ## 2. The retry storm
//
// `healing.compareRetryStrategies` sends `clients` clients at a dependency that fails everything until
// `outageMs` and then serves `capacityPerTick` calls per 10 ms tick, failing the excess. Without jitter, the
// clients that failed together retry together: every retry wave lands in a single tick, the dependency serves
// one tick's capacity and fails the rest, and many clients run out of attempts. With jitter the waves spread
// out, more retries find spare capacity, and everyone finishes sooner with fewer calls (Brooker's result).
// In the chart (log scale) the no-jitter herd shows up as isolated dots far above capacity: each is a whole
// retry wave landing in one instant, at base·(2^k − 1) after the first try, until the cap spaces them evenly.

// %%
const storms = healing.compareRetryStrategies({ clients: clients, outageMs: outageMs, capacityPerTick: capacityPerTick, baseMs: baseMs, capMs: capMs, maxAttempts: maxAttempts, seed: seed });
const stormRows = storms.map((r) => ({
  strategy: r.strategy,
  totalCalls: r.totalCalls,
  callsPerClient: r.callsPerClient,
  gaveUp: r.gaveUpClients,
  peakLoadFactor: r.peakLoadFactor,
  completionMs: r.completionMs,
}));
display.show(
  display.table(stormRows, {
    units: { totalCalls: "count", callsPerClient: "number", gaveUp: "count", peakLoadFactor: "number", completionMs: "duration:ms" },
    labels: { peakLoadFactor: "peak load ÷ capacity", completionMs: "all clients done" },
    caption: `${clients} clients, outage until ${outageMs} ms, capacity ${capacityPerTick} calls per 10 ms, at most ${maxAttempts} calls each`,
  }),
);

// %%
const binMs = 100; // chart bins: calls per 100 ms
const ticksPerBin = binMs / storms[0]!.tickMs;
const bins = Math.ceil(Math.max(...storms.map((r) => r.callsPerTick.length)) / ticksPerBin);
const perBin = (ticks: readonly number[]) =>
  Array.from({ length: bins }, (_, b) => ticks.slice(b * ticksPerBin, (b + 1) * ticksPerBin).reduce((sum, x) => sum + x, 0) || null); // a log axis has no 0: a gap
display.show(
  display.lineChart({
    title: `Load on the dependency after an outage (calls per ${binMs} ms)`,
    x: Array.from({ length: bins }, (_, b) => (b * binMs) / 1000),
    series: [
      ...storms.map((r) => ({ name: r.strategy, y: perBin(r.callsPerTick) })),
      { name: "capacity", y: Array.from({ length: bins }, () => capacityPerTick * ticksPerBin), dash: "dash" as const },
    ],
    xTitle: "time",
    xUnit: "duration:s",
    yTitle: `calls per ${binMs} ms`,
    logY: true,
    markers: true,
  }),
);

// %% [exercise] id="11.2" points=1
// **Exercise 11.2** — In the simulation, plain exponential backoff (no jitter) makes far more calls and leaves
// many clients giving up, although its delays grow just as fast. Why? Answer "a", "b", "c" or "d".
// - a. Its delays are too short; a larger base delay alone would fix it.
// - b. Clients that failed together compute the same delays, so every retry wave of the whole herd hits the dependency in the same instant and mostly fails again.
// - c. Exponential backoff raises the call rate compared with immediate retries.
// - d. Jitter cuts the number of calls each client needs to one.
// BEGIN SOLUTION
const answer112 = "b";
// END SOLUTION
// BEGIN STUB
const answer112: string | undefined = undefined; // "a", "b", "c" or "d"
// END STUB
// BEGIN WRONG
const answer112 = "a";
// END WRONG

// %%
exercises.check("11.2", answer112);

// %% [markdown]
// ## 3. The circuit breaker
//
// Retries help with brief failures; for a dependency that is *down*, every call waits for its timeout and ties
// up a thread, which is how one failure cascades through a call chain. A circuit breaker (Nygard) watches the
// outcomes and has three states:
//
// - **closed**: calls pass; after `consecutiveFailureThreshold` failures in a row (or a failure rate over a
//   window) it **opens**;
// - **open**: calls are rejected at once ("short-circuited"), with no waiting; after `openTimeoutMs` the next
//   request goes through as a trial: **half-open**;
// - **half-open**: if the trial calls succeed it **closes**; if one fails it opens again and the timeout restarts.
//
// `healing.breakerTransition` is the state machine itself, pure and testable. Here it is, step by step:

// %%
const breakerConfig = { consecutiveFailureThreshold: 3, openTimeoutMs: 1000, halfOpenTrials: 1 };
const script: { type: "request" | "success" | "failure"; atMs: number }[] = [
  { type: "failure", atMs: 0 },
  { type: "failure", atMs: 100 },
  { type: "failure", atMs: 200 },
  { type: "request", atMs: 500 },
  { type: "request", atMs: 1200 },
  { type: "failure", atMs: 1300 },
  { type: "request", atMs: 2400 },
  { type: "success", atMs: 2450 },
];
let breakerState = healing.CLOSED_BREAKER;
const steps = script.map((event) => {
  const before = breakerState.mode;
  const permitted = event.type === "request" ? healing.requestBreakerPermission(breakerState, event.atMs, breakerConfig).permitted : undefined;
  breakerState = healing.breakerTransition(breakerState, event, breakerConfig);
  return { atMs: event.atMs, event: event.type, before, after: breakerState.mode, requestPermitted: permitted === undefined ? "" : permitted ? "yes" : "no (short-circuited)" };
});
display.show(display.table(steps, { units: { atMs: "ms" }, caption: "threshold 3 failures, open for 1,000 ms, 1 half-open trial" }));

// %% [markdown]
// Now a 60-second run: a request every `requestIntervalMs`, the dependency down for `breakerOutageMs` from
// t = 10 s, and a failing call holding its caller for `callTimeoutMs`. The breaker saves the callers' time (the
// short-circuited requests fail in microseconds instead of after a timeout) and gives the dependency room to
// recover. It costs recovery time: after the dependency is back, callers are rejected until the next trial,
// up to `openTimeoutMs` later.

// %%
const breakerRun = {
  requestIntervalMs: requestIntervalMs,
  durationMs: 60000,
  outageStartMs: 10000,
  outageEndMs: 10000 + breakerOutageMs,
  callLatencyMs: 20,
  failureLatencyMs: callTimeoutMs,
  seed: seed,
};
const withBreaker = healing.simulateBreaker({ ...breakerRun, breaker: { consecutiveFailureThreshold: breakerFailureThreshold, openTimeoutMs: breakerOpenTimeoutMs, halfOpenTrials: 1 } });
const withoutBreaker = healing.simulateBreaker({ ...breakerRun, breaker: null });
display.show(
  display.table(
    [
      { setup: "no breaker", ...withoutBreaker, recoveryMs: withoutBreaker.recoveryMs ?? 0 },
      { setup: "circuit breaker", ...withBreaker, recoveryMs: withBreaker.recoveryMs ?? 0 },
    ],
    {
      columns: ["setup", "requests", "callsToDependency", "shortCircuited", "failedCalls", "timeWaitingOnFailuresMs", "recoveryMs"],
      units: { requests: "count", callsToDependency: "count", shortCircuited: "count", failedCalls: "count", timeWaitingOnFailuresMs: "duration:ms", recoveryMs: "duration:ms" },
      labels: { timeWaitingOnFailuresMs: "callers' time lost to timeouts", recoveryMs: "served again after the outage" },
    },
  ),
);

// %%
const modeLevel = { closed: 0, halfOpen: 1, open: 2 } as const;
const timeGridSeconds = Array.from({ length: 601 }, (_, i) => i / 10);
const stateAt = (seconds: number): number => {
  const last = withBreaker.stateChanges.filter((c) => c.atMs <= seconds * 1000).pop();
  return last === undefined ? 0 : modeLevel[last.mode];
};
display.show(
  display.lineChart({
    title: `Breaker state (0 closed, 1 half-open, 2 open); the dependency is down from ${breakerRun.outageStartMs / 1000} s to ${breakerRun.outageEndMs / 1000} s`,
    x: timeGridSeconds,
    series: [{ name: "breaker state", y: timeGridSeconds.map(stateAt) }],
    xTitle: "time",
    xUnit: "duration:s",
    yTitle: "state",
  }),
);

// %% [exercise] id="11.3" points=2
// **Exercise 11.3** — Requests arrive every 100 ms. The dependency fails every call from t = 10 s to t = 30 s, and
// a failing call returns its error after a 1 s timeout (successes take 20 ms). A breaker opens after 5
// consecutive failures, stays open 5 s, and closes after 1 successful trial. How many calls reach the dependency
// and fail, over a 60 s run? Reason it out first (when does the 5th failure come back? what is in flight by
// then?), then check with `healing.simulateBreaker` (seed 1).
// BEGIN SOLUTION
const answer113 = healing.simulateBreaker({
  breaker: { consecutiveFailureThreshold: 5, openTimeoutMs: 5000, halfOpenTrials: 1 },
  requestIntervalMs: 100,
  durationMs: 60000,
  outageStartMs: 10000,
  outageEndMs: 30000,
  callLatencyMs: 20,
  failureLatencyMs: 1000,
  seed: 1,
}).failedCalls;
// END SOLUTION
// BEGIN STUB
const answer113: number | undefined = undefined; // replace undefined with your answer (calls)
// END STUB
// BEGIN WRONG
const answer113 = 5 + 3;
// END WRONG

// %%
exercises.check("11.3", answer113);

// %% [markdown]
// ## 4. Health-check failover: is "RTO: 5 minutes" right?
//
// The course's gold tier fails over with:
//
// ```python
// def health_check():
//     if not primary_db.is_healthy():
//         secondary_db.promote_to_primary()
//         update_dns(primary='eu-west-1')
//         page_oncall('Primary region down, failed over to eu-west-1')
// # RTO: 5 minutes (automatic failover)
// ```
//
// The outage a client sees is the sum of three stages (`healing.failoverRto`):
//
// 1. **Detection.** Route 53 checks from several locations whose checkers "don't coordinate with one another".
//    Each checks every *i* seconds and declares the primary down after *k* consecutive failures (defaults:
//    *i* = 30 s, *k* = 3); against a dead primary each failed check takes the **4 s** Route 53 allows for the
//    TCP connection. Route 53 marks the endpoint unhealthy only when "18% of health checkers or fewer report
//    that an endpoint is healthy" (Developer Guide, "How Amazon Route 53 determines whether a health check is
//    healthy"). With *M* checkers that is the verdict of the *m*-th to fail, *m* = *M* − ⌊0.18·*M*⌋; with the
//    checkers' phases uniform, the *m*-th first failed check comes on average *m*/(*M* + 1) of an interval
//    after the failure. Route 53 does not document *M*; `healing.failoverRto` assumes 8 (one per default
//    checker region, `healthCheckers`), so 7 must fail: detection takes (k − 1)·i + 4 to k·i + 4, that is
//    64–94 s, 87.3 s on average (2 + 7/9 intervals + 4 s). With a single idealised checker and no timeout it
//    would be 60–90 s, 75 s on average.
// 2. **Promotion and the DNS update** (`promotionSeconds`).
// 3. **Client caches.** A resolver that cached the old address keeps it for the rest of the TTL: 0 to TTL,
//    TTL/2 on average. Clients that ignore the TTL keep it longer.
//
// **What the course gets right and wrong.** With Route 53 defaults, a 60 s promotion (an assumption: no source
// gives it) and a 60 s TTL, the RTO is 124–214 s (177 s on average), so "5 minutes" holds, but it is a budget to
// check, not a property of "automatic failover": a 300 s TTL alone pushes the worst case to 454 s, and a
// promotion slower than about 146 s breaks it. And the code as written fails over on
// a *single* failed check (Route 53 uses 3 in a row, to avoid flapping on one lost packet), does not fence the
// old primary (if it is alive but unreachable from the checker, two primaries accept writes: split brain), and
// "promotes a secondary", which is active-passive, not the "Active-Active" the tier's title says (notebook 07).
// AWS's own ladder (Well-Architected REL13-BP02) puts warm standby at "RTO in minutes" and multi-site
// active/active at "potentially zero".

// %%
const rtoOptions = {
  healthCheckIntervalSeconds: healthCheckIntervalSeconds,
  failureThreshold: failureThreshold,
  promotionSeconds: promotionSeconds,
  dnsTtlSeconds: dnsTtlSeconds,
  ttlIgnoringFraction: ttlIgnoringFraction,
  ttlIgnoringStaleSeconds: ttlIgnoringStaleSeconds,
};
const rto = healing.failoverRto(rtoOptions);
const simulated = healing.simulateFailover({ ...rtoOptions, trials: 20000, seed: seed });
display.show(
  display.waterfall({
    title: "Expected recovery time, stage by stage",
    steps: [
      { label: "detection", amount: rto.detection.expectedSeconds },
      { label: "promotion + DNS update", amount: rto.promotionAndDnsUpdateSeconds },
      { label: "client DNS caches", amount: rto.clientCache.expectedSeconds },
    ],
    totalLabel: "expected RTO",
    unit: "duration:s",
    increaseIsBad: true,
  }),
  display.explain({
    subject: `Checks every ${healthCheckIntervalSeconds} s × ${failureThreshold}, promotion ${promotionSeconds} s, TTL ${dnsTtlSeconds} s`,
    verdict: `RTO ${rto.rto.bestSeconds.toFixed(0)}–${rto.rto.worstSeconds.toFixed(0)} s, ${rto.rto.expectedSeconds.toFixed(0)} s expected; p99 ${simulated.p99Seconds.toFixed(0)} s simulated`,
    reason: `${display.formatPercent(simulated.fractionWithinCourseClaim, 1)} of simulated failovers finish within the course's 300 s`,
    tone: rto.meetsCourseClaim.worst ? "good" : "warn",
    source: "Route 53 API Reference, HealthCheckConfig (defaults); Developer Guide, failover records (TTL <= 60 s)",
  }),
);

// %%
const ttls = [0, 10, 30, 60, 120, 180, 300, 600];
const rtoAtTtl = ttls.map((ttl) => healing.failoverRto({ ...rtoOptions, dnsTtlSeconds: ttl }).rto);
display.show(
  display.lineChart({
    title: "Failover RTO vs the DNS record's TTL",
    x: ttls,
    series: [
      { name: "worst", y: rtoAtTtl.map((r) => r.worstSeconds) },
      { name: "expected", y: rtoAtTtl.map((r) => r.expectedSeconds) },
      { name: "best", y: rtoAtTtl.map((r) => r.bestSeconds) },
      { name: "course's claim (300 s)", y: ttls.map(() => healing.COURSE_CLAIMED_RTO_SECONDS), dash: "dash" },
    ],
    xTitle: "DNS TTL",
    xUnit: "duration:s",
    yTitle: "RTO",
    yUnit: "duration:s",
    markers: true,
  }),
);

// %% [exercise] id="11.4" points=2
// **Exercise 11.4** — With Route 53's default health checks (every 30 s, 3 consecutive failures, a 4 s connect
// timeout, 8 checkers of which 7 must fail), a 60 s promotion, no DNS propagation delay and a 60 s TTL that every
// client honours, what is the expected recovery time, averaged over when the failure happens and over clients?
// Answer a number in seconds.
// BEGIN SOLUTION
const answer114 = healing.failoverRto({ promotionSeconds: 60, dnsTtlSeconds: 60 }).rto.expectedSeconds;
// END SOLUTION
// BEGIN STUB
const answer114: number | undefined = undefined; // replace undefined with your answer (seconds)
// END STUB
// BEGIN WRONG
const answer114 = healing.failoverRto({ promotionSeconds: 60, dnsTtlSeconds: 60 }).rto.worstSeconds;
// END WRONG

// %%
exercises.check("11.4", answer114);

// %% [exercise] id="11.5" points=2
// **Exercise 11.5** — Promotion takes 20 s. Choose `healthCheckIntervalSeconds` (Route 53 offers 10 or 30),
// `failureThreshold` (at least 2, so one lost packet cannot trigger a failover) and `dnsTtlSeconds` so that the
// **worst-case** RTO is at most 90 s. Test candidates with `healing.failoverRto`.
// BEGIN SOLUTION
const answer115 = { healthCheckIntervalSeconds: 10, failureThreshold: 3, dnsTtlSeconds: 30 };
// END SOLUTION
// BEGIN STUB
const answer115: { healthCheckIntervalSeconds: number; failureThreshold: number; dnsTtlSeconds: number } | undefined = undefined;
// END STUB
// BEGIN WRONG
const answer115 = { healthCheckIntervalSeconds: 30, failureThreshold: 3, dnsTtlSeconds: 60 };
// END WRONG

// %%
exercises.check("11.5", answer115);

// %% [markdown]
// ## Summary
// - Retry with capped exponential backoff **and jitter**; without jitter, a herd of clients retries in lockstep
//   and re-creates the overload at every wave. Cap the attempts, and retry only idempotent operations.
// - A circuit breaker turns slow failures into fast ones and gives the dependency room to recover; the price is
//   up to one open timeout of extra recovery time. Calls already in flight when it opens still fail.
// - Failover RTO = detection + promotion + DNS caches. Budget each term: the course's "5 minutes" holds with
//   Route 53 defaults and a 60 s TTL, not with a 300 s TTL or clients that ignore it. Require several failed
//   checks, and fence the old primary before promoting a new one.

// %% [markdown]
// ## Explore: retries and jitter
// Pick the backoff and its parameters: the load on the dependency after the outage, per 100 ms against
// its capacity, recomputes in the page (1,000 clients, outage until 1 s, 10 calls per 10 ms, seed 1).

// %%
display.show(
  display.whatIf({
    title: "Retry storm after an outage",
    key: "retries",
    controls: {
      strategy: { type: "string", allowed: ["exponential", "full", "equal", "decorrelated"], description: "backoff" },
      baseMs: { type: "integer", min: 10, max: 1000, step: 10, unit: "ms", description: "base delay" },
      capMs: { type: "select", allowed: [1000, 2000, 5000, 10000], unit: "ms", description: "cap" },
      maxAttempts: { type: "integer", min: 1, max: 20, description: "attempts at most" },
    },
    values: { strategy: "full", baseMs: Math.min(1000, Math.max(10, Math.round(baseMs / 10) * 10)), capMs: [1000, 2000, 5000, 10000].includes(capMs) ? capMs : 10000, maxAttempts: Math.min(20, maxAttempts) },
    view: (lib, v) => {
      const storm = lib.healing.simulateRetryStorm({
        strategy: v.strategy as healing.BackoffStrategy, clients: 1000, outageMs: 1000, capacityPerTick: 10,
        baseMs: v.baseMs, capMs: Math.max(Number(v.capMs), v.baseMs), maxAttempts: v.maxAttempts, seed: 1,
      });
      const ticksPerBin = 100 / storm.tickMs;
      const bins = Math.ceil(storm.callsPerTick.length / ticksPerBin);
      const perBin = Array.from({ length: bins }, (_, b) => storm.callsPerTick.slice(b * ticksPerBin, (b + 1) * ticksPerBin).reduce((s, x) => s + x, 0));
      return [
        lib.display.explain({
          subject: `${v.strategy} backoff, base ${v.baseMs} ms, cap ${v.capMs} ms, ${v.maxAttempts} attempts`,
          verdict: `peak ${storm.peakLoadFactor.toFixed(1)}× capacity, ${storm.callsPerClient.toFixed(2)} calls per client`,
          reason: `${storm.gaveUpClients} of 1000 clients gave up; the last finished at ${lib.display.formatDuration(storm.completionMs, "ms")}`,
          tone: storm.gaveUpClients === 0 && storm.peakLoadFactor <= 2 ? "good" : "warn",
          source: "AWS Architecture Blog, 'Exponential Backoff And Jitter' (2015)",
        }),
        lib.display.lineChart({
          title: "Calls per 100 ms after the outage",
          x: perBin.map((_, b) => b / 10),
          series: [
            { name: "calls", y: perBin },
            { name: "capacity", y: perBin.map(() => 10 * ticksPerBin), dash: "dash" },
          ],
          xTitle: "time (s)",
          yTitle: "calls per 100 ms",
        }),
      ];
    },
  }),
);

// %%
exercises.progress("11");
