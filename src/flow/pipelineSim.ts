/**
 * A seeded discrete-event simulation of a producer → queue → consumer(s)
 * pipeline under bursts, to compare what a system does with more work than
 * it can serve:
 *
 * - `"unbounded"`: every item is queued. During overload the queue, its
 *   memory and every item's latency grow without limit.
 * - `"block"`: a bounded queue that blocks the producer when full
 *   (backpressure). Nothing is lost; the producer is slowed, and the report
 *   says for how long it was blocked. The waiting moves upstream.
 * - `"shed"`: a bounded queue that drops arrivals when full (load
 *   shedding). Latency stays bounded; the report counts the drops.
 * - `"tokenBucket"`: a token-bucket rate limiter at the entrance rejects
 *   what exceeds its rate and burst; admitted items wait in an unbounded
 *   queue behind it.
 *
 * The producer emits a Poisson stream whose rate is piecewise constant: a
 * base rate, replaced during each burst by the burst's rate (a step burst;
 * {@link onOffBursts} builds a periodic on/off pattern). Each consumer
 * serves one item at a time with exponential service times. With one
 * consumer and no bursts, `"unbounded"` is the M/M/1 queue and `"shed"`
 * with `queueCapacity = K − 1` is the M/M/1/K queue, which the tests use to
 * validate the simulator against theory (see queueing.ts).
 *
 * The event list is a binary heap (eventQueue.ts); ties fire in scheduling
 * order, and arrivals and service times come from two seeded xoshiro128**
 * streams, so a run is a pure function of its options. Units: seconds.
 */
import { array, finite, integer, object, oneOf, rangeError } from "../internal/errors";
import { createRandom } from "../internal/random";
import { EventQueue, exponential } from "../internal/eventQueue";
import { summarizeSorted, type SampleSummary } from "../internal/statistics";
import { fullBucket, takeToken, type TokenBucketConfig, type TokenBucketState } from "./tokenBucket";

/** What the pipeline does with an item that arrives when it has no room. */
export type PipelinePolicy = "unbounded" | "block" | "shed" | "tokenBucket";

/** The four policies, in the order the comparisons report them. */
export const PIPELINE_POLICIES: readonly PipelinePolicy[] = ["unbounded", "block", "shed", "tokenBucket"];

/** A period during which the producer's Poisson rate is `arrivalRatePerSecond` instead of the base rate. */
export interface Burst {
  /** When the burst starts, seconds, >= 0. */
  readonly startSeconds: number;
  /** How long it lasts, seconds, > 0. */
  readonly durationSeconds: number;
  /** Poisson arrival rate during the burst, per second, >= 0. */
  readonly arrivalRatePerSecond: number;
}

/** Options of {@link simulatePipeline}. */
export interface PipelineOptions {
  /** What to do with work that does not fit. */
  readonly policy: PipelinePolicy;
  /** Base Poisson arrival rate outside bursts, per second, >= 0. */
  readonly arrivalRatePerSecond: number;
  /** Step bursts, non-overlapping (any order). Default none. */
  readonly bursts?: readonly Burst[];
  /** Exponential service rate of each consumer, per second, > 0. */
  readonly serviceRatePerSecond: number;
  /** Number of consumers serving the queue in parallel, integer in [1, 1000]. Default 1. */
  readonly consumers?: number;
  /**
   * Waiting slots (items not in service), integer in [0, 1e7]. Required for
   * "block" and "shed"; ignored by "unbounded" and "tokenBucket". With one
   * consumer the system holds at most K = queueCapacity + 1 items.
   */
  readonly queueCapacity?: number;
  /** The limiter for "tokenBucket": `ratePerSecond` > 0, `burstSize` >= 1. Required for that policy. */
  readonly tokenBucket?: TokenBucketConfig;
  /** Simulated time, seconds, > 0. The run stops at this time; items still inside are "in flight". */
  readonly durationSeconds: number;
  /** Statistics (latency, time averages, throughput) ignore [0, warmupSeconds). In [0, durationSeconds). Default 0. */
  readonly warmupSeconds?: number;
  /** Spacing of the queue-depth time series, seconds, > 0, at most 1e6 samples. Default durationSeconds / 200. */
  readonly sampleIntervalSeconds?: number;
  /** Seed of the pseudo-random streams, an integer. */
  readonly seed: number;
}

/** Latency of completed items, seconds, from the moment the producer created them. */
export interface LatencySummary extends SampleSummary {
  /** Items measured: created at or after the warm-up and completed by the end. */
  readonly count: number;
}

/** The queue sampled at regular times: for charts. */
export interface QueueDepthSeries {
  /** Sample times, seconds: 0, Δ, 2Δ, … up to the duration. */
  readonly timeSeconds: readonly number[];
  /** Items waiting (not in service) at each sample time. */
  readonly queueDepth: readonly number[];
  /** Items in the system (waiting plus in service) at each sample time. */
  readonly inSystem: readonly number[];
}

/** What a pipeline run produced. */
export interface PipelineResult {
  readonly policy: PipelinePolicy;
  /** Items the producer created over the whole run. */
  readonly generated: number;
  /** Items that entered the queue or went straight to a consumer. */
  readonly admitted: number;
  /** Items served to completion by the end. */
  readonly completed: number;
  /** Items dropped because the queue was full ("shed"). */
  readonly dropped: number;
  /** Items rejected by the token bucket ("tokenBucket"). */
  readonly rejected: number;
  /**
   * Items still inside at the end: waiting, in service, or held by a blocked
   * producer. generated = completed + dropped + rejected + inFlightAtEnd.
   */
  readonly inFlightAtEnd: number;
  /** Total time the producer spent blocked on a full queue ("block"), seconds. */
  readonly producerBlockedSeconds: number;
  /** Latency percentiles, or null when no item created after the warm-up completed. */
  readonly latency: LatencySummary | null;
  /** Completions per second over [warmupSeconds, durationSeconds]. */
  readonly throughputPerSecond: number;
  /** Fraction of consumer time spent serving over [warmup, duration], in [0, 1]. */
  readonly utilization: number;
  /** Time-averaged number waiting over [warmup, duration]. */
  readonly meanQueueDepth: number;
  /** Time-averaged number in the system over [warmup, duration]. */
  readonly meanInSystem: number;
  /** Most items ever waiting at once: the queue's memory high-water mark, in items. */
  readonly maxQueueDepth: number;
  /** Most items ever in the system at once. */
  readonly maxInSystem: number;
  /** The queue sampled at regular times. */
  readonly series: QueueDepthSeries;
  /** Events (arrivals and departures) the simulator processed. */
  readonly events: number;
}

/** Largest expected number of arrivals a run may have, to bound time and memory. */
const MAX_EXPECTED_ARRIVALS = 2e7;

interface Segment {
  readonly end: number;
  readonly rate: number;
}

interface CheckedOptions {
  readonly policy: PipelinePolicy;
  readonly segments: readonly Segment[];
  readonly serviceRate: number;
  readonly consumers: number;
  readonly queueCapacity: number;
  readonly tokenBucket: TokenBucketConfig | undefined;
  readonly duration: number;
  readonly warmup: number;
  readonly sampleInterval: number;
  readonly seed: number;
}

function checkBursts(where: string, value: unknown): Burst[] {
  const bursts = array<Burst>(where, "bursts", value, { min: 0, max: 1e6 }).map((burst, i) => {
    object(where, `bursts[${i}]`, burst);
    return {
      startSeconds: finite(where, `bursts[${i}].startSeconds`, burst.startSeconds, { min: 0 }),
      durationSeconds: finite(where, `bursts[${i}].durationSeconds`, burst.durationSeconds, { min: 0, minExclusive: true }),
      arrivalRatePerSecond: finite(where, `bursts[${i}].arrivalRatePerSecond`, burst.arrivalRatePerSecond, { min: 0 }),
    };
  });
  const sorted = [...bursts].sort((a, b) => a.startSeconds - b.startSeconds);
  for (let i = 1; i < sorted.length; i++) {
    const previousEnd = sorted[i - 1].startSeconds + sorted[i - 1].durationSeconds;
    if (sorted[i].startSeconds < previousEnd) {
      throw rangeError(
        where,
        "bursts",
        `non-overlapping (a burst starts at ${sorted[i].startSeconds} s, before the previous one ends at ${previousEnd} s)`,
        value,
      );
    }
  }
  return sorted;
}

/** Piecewise-constant arrival rate on [0, ∞) as consecutive segments; the last one never ends. */
function rateSegments(baseRate: number, bursts: readonly Burst[]): Segment[] {
  const segments: Segment[] = [];
  let cursor = 0;
  for (const burst of bursts) {
    if (burst.startSeconds > cursor) segments.push({ end: burst.startSeconds, rate: baseRate });
    cursor = burst.startSeconds + burst.durationSeconds;
    segments.push({ end: cursor, rate: burst.arrivalRatePerSecond });
  }
  segments.push({ end: Infinity, rate: baseRate });
  return segments;
}

function expectedArrivals(segments: readonly Segment[], duration: number): number {
  let start = 0;
  let total = 0;
  for (const segment of segments) {
    const end = Math.min(segment.end, duration);
    if (end > start) total += segment.rate * (end - start);
    start = segment.end;
    if (start >= duration) break;
  }
  return total;
}

function checkPipeline(where: string, options: PipelineOptions, policy: PipelinePolicy): CheckedOptions {
  const baseRate = finite(where, "arrivalRatePerSecond", options.arrivalRatePerSecond, { min: 0 });
  const bursts = options.bursts === undefined ? [] : checkBursts(where, options.bursts);
  const serviceRate = finite(where, "serviceRatePerSecond", options.serviceRatePerSecond, { min: 0, minExclusive: true });
  const consumers = options.consumers === undefined ? 1 : integer(where, "consumers", options.consumers, { min: 1, max: 1000 });
  let queueCapacity = Infinity;
  if (policy === "block" || policy === "shed") {
    queueCapacity = integer(where, "queueCapacity", options.queueCapacity, { min: 0, max: 1e7 });
  }
  let tokenBucket: TokenBucketConfig | undefined;
  if (policy === "tokenBucket") {
    const config = object<TokenBucketConfig>(where, "tokenBucket", options.tokenBucket);
    tokenBucket = {
      ratePerSecond: finite(where, "tokenBucket.ratePerSecond", config.ratePerSecond, { min: 0, minExclusive: true }),
      burstSize: finite(where, "tokenBucket.burstSize", config.burstSize, { min: 1 }),
    };
  }
  const duration = finite(where, "durationSeconds", options.durationSeconds, { min: 0, minExclusive: true });
  const warmup =
    options.warmupSeconds === undefined
      ? 0
      : finite(where, "warmupSeconds", options.warmupSeconds, {
          min: 0,
          max: duration,
          maxExclusive: true,
          maxLabel: `durationSeconds=${duration}`,
        });
  const sampleInterval =
    options.sampleIntervalSeconds === undefined
      ? duration / 200
      : finite(where, "sampleIntervalSeconds", options.sampleIntervalSeconds, {
          min: duration / 1e6,
          minLabel: `durationSeconds/1e6=${duration / 1e6}`,
        });
  const seed = integer(where, "seed", options.seed);
  const segments = rateSegments(baseRate, bursts);
  const expected = expectedArrivals(segments, duration);
  if (expected > MAX_EXPECTED_ARRIVALS) {
    throw rangeError(where, "the expected number of arrivals", `<= ${MAX_EXPECTED_ARRIVALS} (shorten durationSeconds)`, expected);
  }
  return { policy, segments, serviceRate, consumers, queueCapacity, tokenBucket, duration, warmup, sampleInterval, seed };
}

/** A FIFO of item creation times with O(1) amortised push and shift. */
class TimeQueue {
  private items: number[] = [];
  private head = 0;
  get length(): number {
    return this.items.length - this.head;
  }
  push(value: number): void {
    this.items.push(value);
  }
  shift(): number {
    const value = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return value;
  }
}

/** Payload of an arrival event; departures carry the item's creation time (>= 0). */
const ARRIVAL = -1;

function run(options: CheckedOptions): PipelineResult {
  const { policy, segments, serviceRate, consumers, queueCapacity, duration, warmup, sampleInterval } = options;
  const arrivalsRandom = createRandom(options.seed);
  const serviceRandom = createRandom(options.seed ^ 0x5bd1e995);
  const events = new EventQueue<number>();
  const queue = new TimeQueue();
  let segmentIndex = 0;

  // Next arrival after `from` of the piecewise-constant Poisson process, or
  // Infinity past the end. Memorylessness lets us redraw at each rate change.
  const nextArrival = (from: number): number => {
    let t = from;
    for (;;) {
      while (segments[segmentIndex].end <= t) segmentIndex++;
      const { end, rate } = segments[segmentIndex];
      if (rate > 0) {
        const candidate = t + exponential(arrivalsRandom.next(), rate);
        if (candidate < end) return candidate < duration ? candidate : Infinity;
      }
      if (end >= duration) return Infinity;
      t = end;
    }
  };
  const scheduleArrival = (from: number): void => {
    const at = nextArrival(from);
    if (at < Infinity) events.push(at, ARRIVAL);
  };

  let busy = 0;
  let generated = 0;
  let admitted = 0;
  let completed = 0;
  let completedInWindow = 0;
  let dropped = 0;
  let rejected = 0;
  let blockedSince = -1;
  let heldCreatedAt = 0;
  let blockedSeconds = 0;
  let maxQueueDepth = 0;
  let maxInSystem = 0;
  let bucket: TokenBucketState | undefined = options.tokenBucket ? fullBucket(options.tokenBucket) : undefined;
  const latencies: number[] = [];

  // Time integrals over [warmup, duration] and the sampled series.
  let lastTime = 0;
  let queueArea = 0;
  let systemArea = 0;
  let busyArea = 0;
  const sampleTimes: number[] = [];
  const sampleDepth: number[] = [];
  const sampleSystem: number[] = [];
  const sampleCount = Math.floor(duration / sampleInterval + 1e-9) + 1;
  let nextSample = 0;
  const advance = (to: number): void => {
    while (nextSample < sampleCount && nextSample * sampleInterval <= to) {
      sampleTimes.push(nextSample * sampleInterval);
      sampleDepth.push(queue.length);
      sampleSystem.push(queue.length + busy);
      nextSample++;
    }
    const from = Math.max(lastTime, warmup);
    if (to > from) {
      const dt = to - from;
      queueArea += queue.length * dt;
      systemArea += (queue.length + busy) * dt;
      busyArea += busy * dt;
    }
    lastTime = to;
  };

  const startService = (createdAt: number, now: number): void => {
    busy++;
    events.push(now + exponential(serviceRandom.next(), serviceRate), createdAt);
  };
  // Places an item that is known to fit: straight to a free consumer, else into the queue.
  const place = (createdAt: number, now: number): void => {
    admitted++;
    if (busy < consumers) startService(createdAt, now);
    else {
      queue.push(createdAt);
      if (queue.length > maxQueueDepth) maxQueueDepth = queue.length;
    }
    if (queue.length + busy > maxInSystem) maxInSystem = queue.length + busy;
  };

  let processed = 0;
  scheduleArrival(0);
  for (;;) {
    const next = events.peekTime();
    if (next === undefined || next > duration) break;
    const event = events.pop() as { time: number; payload: number };
    const now = event.time;
    advance(now);
    processed++;
    if (event.payload === ARRIVAL) {
      generated++;
      if (bucket !== undefined) {
        const decision = takeToken(bucket, now, options.tokenBucket as TokenBucketConfig);
        bucket = decision.state;
        if (!decision.admitted) {
          rejected++;
          scheduleArrival(now);
          continue;
        }
      }
      if (busy < consumers || queue.length < queueCapacity) {
        place(now, now);
      } else if (policy === "shed") {
        dropped++;
      } else {
        // "block": the producer holds this item and makes nothing more until a slot frees.
        blockedSince = now;
        heldCreatedAt = now;
        continue;
      }
      scheduleArrival(now);
    } else {
      const createdAt = event.payload;
      busy--;
      completed++;
      if (now >= warmup) completedInWindow++;
      if (createdAt >= warmup) latencies.push(now - createdAt);
      if (queue.length > 0) startService(queue.shift(), now);
      if (blockedSince >= 0) {
        blockedSeconds += now - blockedSince;
        blockedSince = -1;
        place(heldCreatedAt, now);
        scheduleArrival(now);
      }
    }
  }
  advance(duration);
  const heldAtEnd = blockedSince >= 0 ? 1 : 0;
  if (heldAtEnd) blockedSeconds += duration - blockedSince;

  const window = duration - warmup;
  latencies.sort((a, b) => a - b);
  let latency: LatencySummary | null = null;
  if (latencies.length > 0) {
    latency = { count: latencies.length, ...summarizeSorted(latencies) };
  }
  return {
    policy,
    generated,
    admitted,
    completed,
    dropped,
    rejected,
    inFlightAtEnd: queue.length + busy + heldAtEnd,
    producerBlockedSeconds: blockedSeconds,
    latency,
    throughputPerSecond: completedInWindow / window,
    utilization: busyArea / (consumers * window),
    meanQueueDepth: queueArea / window,
    meanInSystem: systemArea / window,
    maxQueueDepth,
    maxInSystem,
    series: { timeSeconds: sampleTimes, queueDepth: sampleDepth, inSystem: sampleSystem },
    events: processed,
  };
}

/**
 * Simulates a producer → queue → consumer(s) pipeline for `durationSeconds`
 * under one overload policy and reports latency percentiles, drops,
 * rejections, producer blocking, queue depth over time, the high-water mark
 * and throughput. Deterministic for a given seed.
 *
 * Counts (generated, dropped, rejected, completed) cover the whole run;
 * latency, time averages, utilization and throughput cover
 * [warmupSeconds, durationSeconds]. Latency runs from the item's creation
 * by the producer to the end of its service, so under "block" it includes
 * the time the producer held the item while blocked. Only completed items
 * have a latency: under sustained overload the unbounded queue's
 * percentiles understate the damage, and `inFlightAtEnd` and
 * `maxQueueDepth` show the rest.
 * @param options see {@link PipelineOptions}: rates per second, times in seconds
 * @returns the run's figures; `latency` is null when nothing measurable completed
 * @throws TypeError when a value has the wrong type, or is NaN or infinite
 * @throws RangeError when a value is out of range, bursts overlap, a policy's
 *   required option is missing, or the run would exceed 2e7 expected arrivals
 * @example const run = simulatePipeline({ policy: "shed", arrivalRatePerSecond: 8, serviceRatePerSecond: 10,
 *   queueCapacity: 1, durationSeconds: 20000, seed: 1 });
 * run.dropped / run.generated // => 0.26… (M/M/1/2 theory: 16/61 = 0.262)
 * run.latency.meanSeconds // => 0.14…
 */
export function simulatePipeline(options: PipelineOptions): PipelineResult {
  const where = "flow.simulatePipeline";
  object(where, "options", options);
  const policy = oneOf(where, "policy", options.policy, PIPELINE_POLICIES);
  return run(checkPipeline(where, options, policy));
}

/** Options of {@link comparePipelinePolicies}: a pipeline without a policy; both bounded-queue and token-bucket settings are required. */
export type ComparePipelineOptions = Omit<PipelineOptions, "policy" | "queueCapacity" | "tokenBucket"> & {
  readonly queueCapacity: number;
  readonly tokenBucket: TokenBucketConfig;
};

/**
 * Runs the same pipeline, arrivals and seed under all four policies
 * ("unbounded", "block", "shed", "tokenBucket") for a side-by-side table.
 * @param options as {@link simulatePipeline} without `policy`; `queueCapacity` and `tokenBucket` are required
 * @returns one result per policy, in the order unbounded, block, shed, tokenBucket
 * @throws TypeError or RangeError as {@link simulatePipeline}, naming `flow.comparePipelinePolicies`
 * @example comparePipelinePolicies({ arrivalRatePerSecond: 5, serviceRatePerSecond: 10,
 *   bursts: [{ startSeconds: 10, durationSeconds: 10, arrivalRatePerSecond: 20 }],
 *   queueCapacity: 20, tokenBucket: { ratePerSecond: 9, burstSize: 20 }, durationSeconds: 60, seed: 7 })
 *   .map((r) => r.maxQueueDepth)
 * // => [95, 20, 20, 22]: only the unbounded queue grows with the burst
 */
export function comparePipelinePolicies(options: ComparePipelineOptions): PipelineResult[] {
  const where = "flow.comparePipelinePolicies";
  object(where, "options", options);
  const checked = PIPELINE_POLICIES.map((policy) => checkPipeline(where, { ...options, policy }, policy));
  return checked.map(run);
}

/** Options of {@link onOffBursts}. */
export interface OnOffBurstOptions {
  /** Start of the first burst, seconds, >= 0. Default 0. */
  readonly firstStartSeconds?: number;
  /** Length of each burst, seconds, > 0. */
  readonly onSeconds: number;
  /** Quiet time between bursts, seconds, >= 0. */
  readonly offSeconds: number;
  /** Arrival rate during each burst, per second, >= 0. */
  readonly arrivalRatePerSecond: number;
  /** No burst starts at or after this time, seconds, > firstStartSeconds. At most 1e6 bursts. */
  readonly untilSeconds: number;
}

/**
 * A periodic on/off burst pattern (an interrupted Poisson process when used
 * with a base rate of 0) as a list of step bursts for {@link simulatePipeline}.
 * @param options `onSeconds` > 0, `offSeconds` >= 0, rate >= 0 per second, `untilSeconds` > `firstStartSeconds`
 * @returns bursts starting at firstStart, firstStart + on + off, … before untilSeconds
 * @throws TypeError when a value is not a finite number
 * @throws RangeError when a value is out of range or the pattern has more than 1e6 bursts
 * @example onOffBursts({ onSeconds: 2, offSeconds: 8, arrivalRatePerSecond: 30, untilSeconds: 20 })
 * // => [{ startSeconds: 0, durationSeconds: 2, arrivalRatePerSecond: 30 },
 * //     { startSeconds: 10, durationSeconds: 2, arrivalRatePerSecond: 30 }]
 */
export function onOffBursts(options: OnOffBurstOptions): Burst[] {
  const where = "flow.onOffBursts";
  object(where, "options", options);
  const first = options.firstStartSeconds === undefined ? 0 : finite(where, "firstStartSeconds", options.firstStartSeconds, { min: 0 });
  const on = finite(where, "onSeconds", options.onSeconds, { min: 0, minExclusive: true });
  const off = finite(where, "offSeconds", options.offSeconds, { min: 0 });
  const rate = finite(where, "arrivalRatePerSecond", options.arrivalRatePerSecond, { min: 0 });
  const until = finite(where, "untilSeconds", options.untilSeconds, {
    min: first,
    minExclusive: true,
    minLabel: `firstStartSeconds=${first}`,
  });
  const count = Math.ceil((until - first) / (on + off));
  if (count > 1e6) throw rangeError(where, "the number of bursts", "<= 1e6", count);
  const bursts: Burst[] = [];
  for (let i = 0; i < count; i++) {
    const start = first + i * (on + off);
    if (start >= until) break;
    bursts.push({ startSeconds: start, durationSeconds: on, arrivalRatePerSecond: rate });
  }
  return bursts;
}
