// %% [markdown]
// # 10 · Backpressure and flow control
// What should a system do with more work than it can serve? This notebook answers with queueing theory and a
// simulation: Little's law, the M/M/1 queue and its "hockey stick" (latency explodes as utilization nears 100%),
// the bounded M/M/1/K queue (drops instead of delay), and a producer → queue → consumer pipeline under a burst,
// run four ways: an unbounded queue, a bounded queue that blocks the producer (backpressure), one that drops
// (load shedding) and a token-bucket rate limiter at the door.
//
// The course names "Implement backpressure and flow control" as a learning outcome and "Build self-healing
// systems with backpressure" in its checklist, but has no section on it; this notebook is that section. The
// formulas follow Harchol-Balter, *Performance Modeling and Design of Computer Systems* (2013), ch. 6
// (Little's law), 13 (M/M/1) and 14 (M/M/1/K); the token bucket is RFC 2697's.

// %% tags=["parameters"]
// What-if parameters: change them and Run All. They drive the charts and tables, not the exercises.
const serviceRatePerSecond: number = 10; // per second, > 0: μ, items the consumer finishes (mean service time 1/μ)
const baseArrivalRatePerSecond: number = 8; // per second, >= 0: λ outside the burst
const burstArrivalRatePerSecond: number = 20; // per second, >= 0: λ during the burst
const burstStartSeconds: number = 20; // s, >= 0: when the burst starts
const burstDurationSeconds: number = 10; // s, > 0: how long it lasts
const queueCapacity: number = 20; // integer >= 0: waiting slots of the bounded queues ("block" and "shed")
const tokenRatePerSecond: number = 9; // per second, > 0: token-bucket refill rate (keep it below μ for headroom)
const tokenBurstSize: number = 20; // >= 1: token-bucket size, the largest burst admitted at once
const durationSeconds: number = 90; // s, > 0: simulated time (keep it small: the whole notebook runs in seconds)
const seed: number = 1; // integer: seed of the simulation (same seed, same run)
const maxUtilization: number = 0.98; // ratio in (0, 1): right end of the hockey-stick chart

// %%
import { flow, display, exercises } from "tradeoff-lab";
display.plotlyInit();

// %% [markdown]
// ## 1. Little's law: L = λ·W
//
// In any stable system, the mean number of items inside (L) equals the arrival rate (λ) times the mean time each
// item spends inside (W). It holds whatever the arrival and service distributions are (Little, *Operations
// Research* 9(3), 1961). It is the analyst's pocket calculator: a Kafka consumer group 12,000 messages behind that
// consumes 400 messages per second is 30 seconds behind; a service handling 2,000 requests per second at 50 ms
// holds 100 requests in flight, so a pool of 64 connections is too small.

// %%
const inFlight = flow.littlesLaw({ arrivalRatePerSecond: 2000, meanTimeInSystemSeconds: 0.05 });
display.show(
  display.explain({
    subject: "2,000 requests/s at 50 ms each",
    verdict: `${inFlight.meanInSystem} requests in flight on average`,
    reason: "L = λ·W = 2000/s × 0.05 s; size connection pools and worker counts above this, with headroom",
    source: "Little (1961); Harchol-Balter (2013) ch. 6",
  }),
);

// %% [exercise] id="10.1" points=2
// **Exercise 10.1** — A consumer group is 12,000 messages behind (messages in the system) and, in steady state,
// consumes 400 messages per second. How many seconds does a message spend between being produced and being
// consumed, on average? Answer a number in seconds.
// BEGIN SOLUTION
const answer101 = flow.littlesLaw({ meanInSystem: 12_000, arrivalRatePerSecond: 400 }).meanTimeInSystemSeconds;
// END SOLUTION
// BEGIN STUB
const answer101: number | undefined = undefined; // replace undefined with your answer (seconds)
// END STUB
// BEGIN WRONG
const answer101 = 400 / 12_000;
// END WRONG

// %%
exercises.check("10.1", answer101);

// %% [markdown]
// ## 2. The hockey stick: M/M/1
//
// One server, Poisson arrivals at rate λ, exponential service at rate μ, unlimited queue. With utilization
// ρ = λ/μ < 1:
//
// $$W = \frac{1}{\mu - \lambda} = \frac{1/\mu}{1 - \rho},\qquad W_q = \frac{\rho}{\mu - \lambda},\qquad P(T > t) = e^{-(\mu - \lambda)t}$$
//
// The response time is the service time divided by the idle fraction. At 50% busy a request takes twice its
// service time, at 90% ten times, at 99% a hundred times: that is the hockey stick. The p99 is
// ln(100) ≈ 4.6 times the mean. This is why capacity plans aim for 60–80% utilization, not 100%. At ρ ≥ 1
// there is no steady state at all: the queue grows forever (`flow.mm1` refuses, rather than return a number).
//
// The dashed line is the bounded M/M/1/K queue with K = `queueCapacity` + 1: an accepted request has at most
// K − 1 requests ahead of it, so its mean latency stays below K service times at any load. The price is that
// arrivals finding the queue full are dropped (section 3).

// %%
const serviceTimeMs = 1000 / serviceRatePerSecond;
const utilizations = Array.from({ length: 50 }, (_, i) => (maxUtilization * (i + 1)) / 50);
const mm1At = (rho: number) => flow.mm1({ arrivalRatePerSecond: rho * serviceRatePerSecond, serviceRatePerSecond: serviceRatePerSecond });
display.show(
  display.lineChart({
    title: `Response time vs utilization (mean service time ${serviceTimeMs.toFixed(0)} ms)`,
    x: utilizations,
    series: [
      { name: "M/M/1 mean", y: utilizations.map((rho) => mm1At(rho).meanTimeInSystemSeconds * 1000) },
      {
        name: "M/M/1 p99",
        y: utilizations.map((rho) => flow.mm1ResponseTimePercentile({ arrivalRatePerSecond: rho * serviceRatePerSecond, serviceRatePerSecond: serviceRatePerSecond, percentile: 0.99 }) * 1000),
      },
      {
        name: `M/M/1/K mean, K = ${queueCapacity + 1}`,
        y: utilizations.map((rho) => flow.mm1k({ arrivalRatePerSecond: rho * serviceRatePerSecond, serviceRatePerSecond: serviceRatePerSecond, capacity: queueCapacity + 1 }).meanTimeInSystemSeconds * 1000),
        dash: "dash",
      },
    ],
    xTitle: "utilization ρ = λ/μ",
    xUnit: "percent",
    yTitle: "response time",
    yUnit: "ms",
  }),
);

// %% [exercise] id="10.2" points=2
// **Exercise 10.2** — A single-threaded consumer serves 100 requests per second on average (exponential service
// times) and receives 90 per second (Poisson). What is the mean response time (queueing plus service)? Answer a
// number in milliseconds.
// BEGIN SOLUTION
const answer102 = flow.mm1({ arrivalRatePerSecond: 90, serviceRatePerSecond: 100 }).meanTimeInSystemSeconds * 1000;
// END SOLUTION
// BEGIN STUB
const answer102: number | undefined = undefined; // replace undefined with your answer (ms)
// END STUB
// BEGIN WRONG
const answer102 = flow.mm1({ arrivalRatePerSecond: 90, serviceRatePerSecond: 100 }).meanWaitInQueueSeconds * 1000;
// END WRONG

// %%
exercises.check("10.2", answer102);

// %% [exercise] id="10.3" points=3
// **Exercise 10.3** — Implement `meanResponseMs(utilization, serviceTimeMs)`: the M/M/1 mean response time in ms
// for a utilization ρ and a mean service time in ms. When ρ ≥ 1 the queue has no steady state: return `Infinity`.
// BEGIN SOLUTION
const meanResponseMs = (utilization: number, serviceTimeMs: number): number => (utilization >= 1 ? Infinity : serviceTimeMs / (1 - utilization));
// END SOLUTION
// BEGIN STUB
const meanResponseMs: ((utilization: number, serviceTimeMs: number) => number) | undefined = undefined;
// END STUB
// BEGIN WRONG
const meanResponseMs = (utilization: number, serviceTimeMs: number): number => serviceTimeMs / (1 - utilization);
// END WRONG

// %%
exercises.check("10.3", meanResponseMs);

// %% [markdown]
// ## 3. A bound on the queue: M/M/1/K trades delay for drops
//
// Give the queue room for K requests in total (one in service, K − 1 waiting) and reject arrivals that find it
// full. Then p_n = ρⁿ(1 − ρ)/(1 − ρ^(K+1)), the drop probability is p_K, and the queue is stable at any load,
// even ρ > 1. The chart shows both sides of the choice at 90% utilization, one point per K: a short queue drops
// often but answers fast, a long queue rarely drops but every accepted request waits longer. Choosing K is choosing the worst
// latency you are willing to serve.

// %%
const capacities = Array.from({ length: 60 }, (_, i) => i + 1);
const atNinety = capacities.map((capacity) => flow.mm1k({ arrivalRatePerSecond: 0.9 * serviceRatePerSecond, serviceRatePerSecond: serviceRatePerSecond, capacity }));
display.show(
  display.lineChart({
    title: `M/M/1/K at ρ = 0.9: each point is a capacity K from 1 to ${capacities.length}`,
    x: atNinety.map((r) => r.meanTimeInSystemSeconds),
    series: [{ name: "share of arrivals dropped", y: atNinety.map((r) => r.blockingProbability) }],
    xTitle: "mean time in system (longer queue →)",
    xUnit: "duration:s",
    yTitle: "dropped",
    yUnit: "percent",
    markers: true,
  }),
);

// %%
const kRows = [1, 2, 5, 10, 20, 50].map((capacity) => {
  const r = flow.mm1k({ arrivalRatePerSecond: 0.9 * serviceRatePerSecond, serviceRatePerSecond: serviceRatePerSecond, capacity });
  return { capacity, dropped: r.blockingProbability, throughputPerSecond: r.throughputPerSecond, meanInSystem: r.meanInSystem, meanTimeSeconds: r.meanTimeInSystemSeconds };
});
display.show(
  display.table(kRows, {
    units: { capacity: "count", dropped: "percent", throughputPerSecond: "number", meanInSystem: "number", meanTimeSeconds: "duration:s" },
    caption: `M/M/1/K with λ = ${0.9 * serviceRatePerSecond}/s, μ = ${serviceRatePerSecond}/s`,
  }),
);

// %% [exercise] id="10.4" points=2
// **Exercise 10.4** — A service receives λ = 9 requests/s and serves μ = 10/s (M/M/1/K). Choose its capacity K
// (requests in service plus waiting; arrivals beyond K are rejected) so that at most 2% of requests are dropped
// and the mean time in the system is at most 0.7 s. Test candidates with `flow.mm1k`. Answer an integer.
// BEGIN SOLUTION
const answer104 = [...Array(100).keys()]
  .map((i) => i + 1)
  .find((capacity) => flow.mm1k({ arrivalRatePerSecond: 9, serviceRatePerSecond: 10, capacity }).blockingProbability <= 0.02);
// END SOLUTION
// BEGIN STUB
const answer104: number | undefined = undefined; // an integer K
// END STUB
// BEGIN WRONG
const answer104 = 100;
// END WRONG

// %%
exercises.check("10.4", answer104);

// %% [markdown]
// ## 4. The pipeline under a burst: four policies
//
// `flow.comparePipelinePolicies` runs the same seeded arrivals (base rate, then a burst above μ) through four
// policies:
//
// | policy | what happens to the excess | who pays |
// |---|---|---|
// | unbounded | queued | every later request, in latency; the process, in memory |
// | block (backpressure) | the producer waits for a free slot | the producer: it is slowed, so the delay moves upstream |
// | shed | dropped when the queue is full | the dropped requests (retry or fail fast); the rest stay fast |
// | token bucket | rejected at the door above rate + burst (HTTP 429) | the rejected clients, told at once |
//
// Backpressure is the only one that loses nothing and keeps the queue bounded, but it only works when the
// producer *can* slow down (a Kafka consumer, a TCP sender, a reactive stream). A public API cannot slow its
// users, so it sheds or rate-limits, and says so with 429/503 and `Retry-After`.

// %%
const bursts = [{ startSeconds: burstStartSeconds, durationSeconds: burstDurationSeconds, arrivalRatePerSecond: burstArrivalRatePerSecond }];
const runs = flow.comparePipelinePolicies({
  arrivalRatePerSecond: baseArrivalRatePerSecond,
  bursts: bursts,
  serviceRatePerSecond: serviceRatePerSecond,
  queueCapacity: queueCapacity,
  tokenBucket: { ratePerSecond: tokenRatePerSecond, burstSize: tokenBurstSize },
  durationSeconds: durationSeconds,
  sampleIntervalSeconds: durationSeconds / 300,
  seed: seed,
});
display.show(
  display.lineChart({
    title: `Items in the system, burst of ${burstArrivalRatePerSecond}/s from ${burstStartSeconds} s to ${burstStartSeconds + burstDurationSeconds} s (μ = ${serviceRatePerSecond}/s)`,
    x: runs[0]!.series.timeSeconds,
    series: runs.map((r) => ({ name: r.policy, y: r.series.inSystem })),
    xTitle: "time",
    xUnit: "duration:s",
    yTitle: "items waiting + in service",
  }),
);

// %%
const policyRows = runs.map((r) => ({
  policy: r.policy,
  generated: r.generated,
  completed: r.completed,
  droppedOrRejected: r.dropped + r.rejected,
  producerBlockedSeconds: r.producerBlockedSeconds,
  maxQueueDepth: r.maxQueueDepth,
  p50Seconds: r.latency?.p50Seconds ?? 0,
  p99Seconds: r.latency?.p99Seconds ?? 0,
  maxSeconds: r.latency?.maxSeconds ?? 0,
  throughputPerSecond: r.throughputPerSecond,
}));
display.show(
  display.table(policyRows, {
    units: {
      generated: "count",
      completed: "count",
      droppedOrRejected: "count",
      producerBlockedSeconds: "duration:s",
      maxQueueDepth: "count",
      p50Seconds: "duration:s",
      p99Seconds: "duration:s",
      maxSeconds: "duration:s",
      throughputPerSecond: "number",
    },
    caption: `Latency from creation to completion; seed ${seed}, ${durationSeconds} s simulated`,
  }),
);

// %% [markdown]
// Read the table row by row. The unbounded queue completes everything, but its p99 is several seconds, and its
// high-water mark is a memory bill. Blocking keeps the queue at `queueCapacity`, and the producer was blocked
// for the time shown: the producer generated fewer items, because the waiting moved upstream. Shedding and
// the token bucket keep p99 near the bounded queue's drain time, and pay in dropped or rejected requests. A
// token bucket with a rate below μ also keeps headroom, so the queue behind it stays short.

// %% [markdown]
// ## 5. What happens to latency when a queue has no bound?
//
// While arrivals exceed service (λ > μ), the backlog grows by λ − μ items every second, and an item arriving
// after T seconds of overload waits about (λ − μ)·T/μ seconds (the *fluid approximation*). Latency grows
// linearly with the length of the overload, and nothing in the queue pushes back. The chart sweeps the burst's
// length: the unbounded queue's p99 and worst latency follow the fluid line; the shedding queue's stay flat.

// %%
const burstLengths = [2, 5, 10, 20, 30, 40];
// Run long enough after the burst for the unbounded backlog to drain, so its late items are measured too.
const drainSeconds = (length: number): number =>
  baseArrivalRatePerSecond < serviceRatePerSecond
    ? Math.min(600, (Math.max(0, burstArrivalRatePerSecond - serviceRatePerSecond) * length) / (serviceRatePerSecond - baseArrivalRatePerSecond)) + 30
    : 120;
const sweep = burstLengths.map((length) =>
  flow.comparePipelinePolicies({
    arrivalRatePerSecond: baseArrivalRatePerSecond,
    bursts: [{ startSeconds: burstStartSeconds, durationSeconds: length, arrivalRatePerSecond: burstArrivalRatePerSecond }],
    serviceRatePerSecond: serviceRatePerSecond,
    queueCapacity: queueCapacity,
    tokenBucket: { ratePerSecond: tokenRatePerSecond, burstSize: tokenBurstSize },
    durationSeconds: burstStartSeconds + length + drainSeconds(length),
    seed: seed,
  }),
);
display.show(
  display.lineChart({
    title: "Worst latency vs length of the overload",
    x: burstLengths,
    series: [
      { name: "unbounded: max latency", y: sweep.map((runsAtLength) => runsAtLength[0]!.latency?.maxSeconds ?? null) },
      { name: "unbounded: p99", y: sweep.map((runsAtLength) => runsAtLength[0]!.latency?.p99Seconds ?? null) },
      { name: "fluid approximation (λ − μ)·T/μ", y: burstLengths.map((t) => Math.max(0, burstArrivalRatePerSecond - serviceRatePerSecond) * t / serviceRatePerSecond), dash: "dot" },
      { name: "shed: max latency", y: sweep.map((runsAtLength) => runsAtLength[2]!.latency?.maxSeconds ?? null), dash: "dash" },
    ],
    xTitle: "burst length T",
    xUnit: "duration:s",
    yTitle: "latency",
    yUnit: "duration:s",
    markers: true,
  }),
);

// %% [exercise] id="10.5" points=1
// **Exercise 10.5** — A queue has no bound, and arrivals outpace the consumer (λ > μ) for a while. What happens
// to latency? Answer "a", "b", "c" or "d".
// - a. It rises to a plateau set by the queue's memory and stays there.
// - b. It grows for as long as the overload lasts: the backlog grows by λ − μ per second and each new item waits backlog/μ.
// - c. It stays flat: the queue absorbs the excess and the consumer speeds up to match.
// - d. It stays flat, because the unbounded queue drops the excess.
// BEGIN SOLUTION
const answer105 = "b";
// END SOLUTION
// BEGIN STUB
const answer105: string | undefined = undefined; // "a", "b", "c" or "d"
// END STUB
// BEGIN WRONG
const answer105 = "a";
// END WRONG

// %%
exercises.check("10.5", answer105);

// %% [exercise] id="10.6" points=2
// **Exercise 10.6** — A consumer serves 10 items/s. Its queue is empty when a burst of 25 items/s arrives for 8
// seconds. With the fluid approximation, how long does the item that arrives at the end of the burst wait?
// Answer a number in seconds.
// BEGIN SOLUTION
const answer106 = ((25 - 10) * 8) / 10;
// END SOLUTION
// BEGIN STUB
const answer106: number | undefined = undefined; // replace undefined with your answer (seconds)
// END STUB
// BEGIN WRONG
const answer106 = (25 * 8) / 10;
// END WRONG

// %%
exercises.check("10.6", answer106);

// %% [markdown]
// ## Summary
// - Little's law (L = λW) turns a backlog into a delay and a throughput into a concurrency.
// - Latency is service time ÷ (1 − ρ): plan for 60–80% utilization; at ρ ≥ 1 an unbounded queue never settles.
// - A bound turns unbounded delay into a choice between drops and latency (M/M/1/K); pick K from the latency
//   you are willing to serve.
// - Under a burst: backpressure (block) loses nothing but moves the wait upstream; shedding and rate limiting
//   keep latency bounded and reject early, which is also what lets a retrying client back off (notebook 11).

// %% [markdown]
// ## Explore: arrival rate and policy
// Change the burst, the consumer's rate and the queue bound: the four policies' latency and drops, and
// the chosen policy's backlog over time, recompute in the page (60 simulated seconds, seed 1).

// %%
display.show(
  display.whatIf({
    title: "A burst through four flow-control policies",
    key: "flow",
    controls: {
      burst: { type: "integer", min: 5, max: 40, unit: "/s", description: "burst arrival rate" },
      service: { type: "integer", min: 5, max: 20, unit: "/s", description: "service rate μ" },
      capacity: { type: "integer", min: 0, max: 100, step: 5, description: "queue bound" },
      policy: { type: "string", allowed: ["unbounded", "block", "shed", "tokenBucket"], description: "policy charted" },
    },
    values: { burst: Math.min(40, Math.max(5, Math.round(burstArrivalRatePerSecond))), service: Math.min(20, Math.max(5, Math.round(serviceRatePerSecond))), capacity: Math.min(100, Math.round(queueCapacity / 5) * 5), policy: "unbounded" },
    view: (lib, v) => {
      const runs = lib.flow.comparePipelinePolicies({
        arrivalRatePerSecond: 8,
        bursts: [{ startSeconds: 20, durationSeconds: 10, arrivalRatePerSecond: v.burst }],
        serviceRatePerSecond: v.service,
        queueCapacity: v.capacity,
        tokenBucket: { ratePerSecond: Math.max(1, v.service - 1), burstSize: 20 },
        durationSeconds: 60,
        sampleIntervalSeconds: 0.25,
        seed: 1,
      });
      const chosen = runs.find((r) => r.policy === v.policy) ?? runs[0];
      return [
        lib.display.table(
          runs.map((r) => ({ policy: r.policy, completed: r.completed, dropped: r.dropped + r.rejected, p99Seconds: r.latency?.p99Seconds ?? 0, maxQueue: r.maxQueueDepth })),
          { units: { completed: "count", dropped: "count", p99Seconds: "duration:s", maxQueue: "count" }, labels: { dropped: "dropped or rejected", p99Seconds: "p99 latency" } },
        ),
        lib.display.lineChart({
          title: `${chosen.policy}: items in the system (burst ${v.burst}/s, μ = ${v.service}/s)`,
          x: chosen.series.timeSeconds,
          series: [{ name: chosen.policy, y: chosen.series.inSystem }],
          xTitle: "time",
          xUnit: "duration:s",
          yTitle: "items waiting + in service",
        }),
      ];
    },
  }),
);

// %%
exercises.progress("10");
