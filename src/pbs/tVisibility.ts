/**
 * Probabilistically Bounded Staleness: Monte Carlo t-visibility in the WARS
 * model (Bailis, Venkataraman, Franklin, Hellerstein and Stoica,
 * "Probabilistically Bounded Staleness for Practical Partial Quorums",
 * VLDB 2012, §4–5).
 *
 * A trial draws, for each of the N replicas, the write's delay to it (W),
 * the ack's delay back (A), the read request's delay (R) and the response's
 * delay (S). The write commits at w_t, the W-th smallest W[i] + A[i]. A read
 * starts t ms later and is answered by the first R replicas in order of
 * R[i] + S[i]; it is consistent if one of them had the write when the read
 * reached it: W[i] <= w_t + t + R[i].
 *
 * That condition is t >= W[i] − R[i] − w_t, so each trial has a threshold
 * t* = min over the R responders of (W[i] − R[i] − w_t) and is consistent at
 * every t >= t*. One trial therefore answers every t at once, and
 * P(consistent at t) is the share of trials with t* <= t.
 */
import { array, finite, integer, object, oneOf, probability, typeError } from "../internal/errors";
import { PROFILE_NAMES, exponentialProfile, latencyProfile, profile, type LatencyProfile, type ProfileName } from "./distributions";
import { availableParallelism } from "node:os";
import { BLOCK_TRIALS, addCounts, blockCount, compactTrials, simulateBlocks, type BlockCounts, type Model, type TrialArrays } from "./engine";
import { runOnWorkers } from "./workerPool";
import { BUCKETS, finishRanks, planRanks, type RankPlan } from "./selection";

/** Options of {@link tVisibility}. */
export interface TVisibilityOptions {
  /** Replicas, integer in [1, 100]. */
  readonly n: number;
  /** Read quorum, integer in [1, n]. */
  readonly r: number;
  /** Write quorum, integer in [1, n]. */
  readonly w: number;
  /** A shipped profile's name or a profile; default: every delay exponential with λ = 0.1/ms (the PBS demo). */
  readonly profile?: ProfileName | LatencyProfile;
  /** Times after commit at which to report P(consistent), ms, each finite >= 0; default [0, 1, 2, 5, 10, 20, 50, 100]. */
  readonly tMs?: readonly number[];
  /** Trials, integer in [1, 10000000]; default 10000. */
  readonly trials?: number;
  /** Integer seed; default 1. The same seed and options give the same result. */
  readonly seed?: number;
  /** Latency percentiles to report, each in (0, 100]; default [50, 90, 99, 99.9]. */
  readonly percentiles?: readonly number[];
  /** Probabilities of consistency for which to report the wait needed, each in (0, 1]; default [0.9, 0.99, 0.999]. */
  readonly targets?: readonly number[];
}

/** P(consistent) at one t. */
export interface VisibilityPoint {
  /** ms after the write committed. */
  readonly tMs: number;
  /** Share of trials whose read returned the write (or a newer one). */
  readonly probability: number;
  /** Monte Carlo standard error of `probability`: √(p(1 − p) / trials). */
  readonly standardError: number;
}

/** A latency percentile. */
export interface LatencyPercentile {
  /** In (0, 100]. */
  readonly percentile: number;
  /** ms (nearest-rank). */
  readonly ms: number;
}

/** The wait after commit needed for a probability of consistent reads. */
export interface TimeToConsistency {
  /** Target probability, in (0, 1]. */
  readonly probability: number;
  /** Smallest t >= 0, ms, at which at least that share of trials is consistent. */
  readonly tMs: number;
}

/** The answer of {@link tVisibility}. */
export interface TVisibilityResult {
  readonly n: number;
  readonly r: number;
  readonly w: number;
  readonly trials: number;
  readonly seed: number;
  /** The profile's name, or "custom". */
  readonly profile: string;
  /** P(consistent) at each requested t, in the order given. */
  readonly curve: readonly VisibilityPoint[];
  /** The wait needed for each target probability (t-visibility), in the order given. */
  readonly timeToConsistency: readonly TimeToConsistency[];
  /** Read latency (the R-th fastest R[i] + S[i]) percentiles from the same trials. */
  readonly readLatencyMs: readonly LatencyPercentile[];
  /** Write latency (commit time w_t, the W-th fastest W[i] + A[i]) percentiles from the same trials. */
  readonly writeLatencyMs: readonly LatencyPercentile[];
}

const DEFAULT_T = [0, 1, 2, 5, 10, 20, 50, 100];
const DEFAULT_PERCENTILES = [50, 90, 99, 99.9];
const DEFAULT_TARGETS = [0.9, 0.99, 0.999];

function numberList(
  where: string,
  name: string,
  value: unknown,
  check: (x: unknown, label: string) => number,
): number[] {
  const list = array<unknown>(where, name, value, { min: 1, max: 1000 });
  return list.map((x, i) => check(x, `${name}[${i}]`));
}

/** Validates the options into the engine's model plus what the summary needs. */
function prepare(where: string, options: TVisibilityOptions): Prepared {
  object(where, "options", options);
  const n = integer(where, "n", options.n, { min: 1, max: 100 });
  const bounds = { min: 1, max: n, maxLabel: `n=${n}` };
  const r = integer(where, "r", options.r, bounds);
  const w = integer(where, "w", options.w, bounds);
  const trials = integer(where, "trials", options.trials ?? 10_000, { min: 1, max: 10_000_000 });
  const seed = integer(where, "seed", options.seed ?? 1, { min: -(2 ** 53) + 1, max: 2 ** 53 - 1 });
  const tMs = numberList(where, "tMs", options.tMs ?? DEFAULT_T, (x, label) => finite(where, label, x, { min: 0 }));
  const percentiles = numberList(where, "percentiles", options.percentiles ?? DEFAULT_PERCENTILES, (x, label) =>
    finite(where, label, x, { min: 0, max: 100, minExclusive: true }),
  );
  const targets = numberList(where, "targets", options.targets ?? DEFAULT_TARGETS, (x, label) =>
    probability(where, label, x, { min: 0, max: 1, minExclusive: true }),
  );
  const chosen = options.profile ?? exponentialProfile(0.1);
  let p: LatencyProfile;
  if (typeof chosen === "string") {
    p = profile(oneOf(where, "profile", chosen, PROFILE_NAMES));
  } else if (typeof chosen === "object" && chosen !== null) {
    p = latencyProfile(where, "profile", chosen);
  } else {
    throw typeError(where, "profile", `one of ${PROFILE_NAMES.map((x) => JSON.stringify(x)).join(", ")} or a profile object`, chosen);
  }
  const sortedT = [...tMs].sort((x, y) => x - y);
  return { model: { n, r, w, trials, seed, profile: p, sortedT }, tMs, percentiles, targets };
}

interface Prepared {
  readonly model: Model;
  readonly tMs: readonly number[];
  readonly percentiles: readonly number[];
  readonly targets: readonly number[];
}

/**
 * Monte Carlo t-visibility in the WARS model (Bailis et al., VLDB 2012,
 * §4.2): the probability that a read started t ms after a write commits
 * returns that write, for each t asked, plus read and write latency
 * percentiles from the same trials. With R + W > N every trial is
 * consistent at every t >= 0. Runs on the calling thread; for millions of
 * trials, {@link tVisibilityParallel} gives the same answer on every core.
 *
 * Each trial draws 4N delays (plus two uniforms for the WAN client
 * placement) from seeded xoshiro128** streams, one per block of 16,384
 * trials (exponential parts by the ziggurat method, Pareto parts as
 * x_m·e^(Exp(1)/α)), so the same options give the same answer on every
 * machine and with any number of workers. Memory: 24 bytes per trial.
 * @param options.n replicas, integer in [1, 100]
 * @param options.r read quorum, integer in [1, n]
 * @param options.w write quorum, integer in [1, n]
 * @param options.profile "LNKD-SSD", "LNKD-DISK", "YMMR", "WAN" or a {@link LatencyProfile}; default exponential λ = 0.1/ms
 * @param options.tMs times after commit, ms, finite >= 0 (1 to 1000 of them); default [0, 1, 2, 5, 10, 20, 50, 100]
 * @param options.trials integer in [1, 10000000]; default 10000 (standard error <= 0.005)
 * @param options.seed integer; default 1
 * @param options.percentiles latency percentiles, each in (0, 100]; default [50, 90, 99, 99.9]
 * @param options.targets consistency probabilities for the wait needed, each in (0, 1]; default [0.9, 0.99, 0.999]
 * @returns the t-visibility curve, the waits for the targets, and read and write latency percentiles
 * @throws TypeError or RangeError when an option is invalid
 * @example tVisibility({ n: 3, r: 1, w: 1, profile: "LNKD-DISK", tMs: [0, 10], trials: 100000, seed: 7 }).curve
 * // => [{ tMs: 0, probability: 0.43712, standardError: 0.00156… }, { tMs: 10, probability: 0.9264, standardError: 0.00082… }]
 * // (Bailis et al. report about 43.9% and 92.5%)
 */
export function tVisibility(options: TVisibilityOptions): TVisibilityResult {
  return simulateHere(prepare("pbs.tVisibility", options));
}

/** The whole run on the calling thread. */
function simulateHere(prepared: Prepared): TVisibilityResult {
  const { trials } = prepared.model;
  const out = trialBuffers(trials);
  const counts = simulateBlocks(prepared.model, 0, blockCount(trials), out);
  const plans = rankPlans(prepared, counts);
  return summarize(prepared, counts, plans, keptValues(out, [0], [compactTrials(out, 0, trials, plans)]));
}

/** Options of {@link tVisibilityParallel}: those of {@link tVisibility} and a thread count. */
export interface TVisibilityParallelOptions extends TVisibilityOptions {
  /** Threads that simulate, the calling thread included, integer in [1, 64]; default: the machine's cores, at most 8. */
  readonly workers?: number;
}

/** More threads than this by default gain little on a Monte Carlo of 24 bytes per trial. */
const MAX_DEFAULT_WORKERS = 8;

/**
 * {@link tVisibility} on several threads: the same options, the same
 * answer for the same seed whatever the number of workers (each block of
 * 16,384 trials has its own random stream, whichever thread runs it), in a
 * fraction of the time for millions of trials. The calling thread
 * simulates its share too; worker threads start on the first call (tens of
 * ms each) and are kept for the next. A run of a single block (up to 16,384
 * trials) stays on the calling thread. Runs queue: one at a time.
 *
 * In a notebook cell: `const result = await pbs.tVisibilityParallel({ ... })`.
 * @param options the options of {@link tVisibility}, and `workers`: threads
 *   that simulate, the calling thread included, integer in [1, 64];
 *   default: the machine's cores (`os.availableParallelism()`), at most 8
 * @returns a promise of the same result as {@link tVisibility}
 * @throws TypeError or RangeError (as a rejected promise) when an option is invalid
 * @example
 * const result = await tVisibilityParallel({ n: 3, r: 1, w: 1, trials: 2_000_000, workers: 2 });
 * // the answer of tVisibility({ n: 3, r: 1, w: 1, trials: 2_000_000 }), about twice as fast on 2 cores
 */
export async function tVisibilityParallel(options: TVisibilityParallelOptions): Promise<TVisibilityResult> {
  const where = "pbs.tVisibilityParallel";
  const prepared = prepare(where, options);
  const workers = integer(where, "workers", options.workers ?? Math.min(availableParallelism(), MAX_DEFAULT_WORKERS), {
    min: 1,
    max: 64,
  });
  const threads = Math.min(workers, blockCount(prepared.model.trials));
  if (threads === 1) return simulateHere(prepared);
  const run = queue.then(() => simulateShared(prepared, threads));
  queue = run.catch(() => undefined);
  return run;
}

/** The tail of the run queue: parallel runs share their arrays, so they go one at a time. */
let queue: Promise<unknown> = Promise.resolve();
let shared: { readonly tStar: SharedArrayBuffer; readonly readLatency: SharedArrayBuffer; readonly writeLatency: SharedArrayBuffer } | undefined;

/** Splits the blocks into `threads` contiguous ranges: the calling thread takes the first, workers the others. */
async function simulateShared(prepared: Prepared, threads: number): Promise<TVisibilityResult> {
  const { model } = prepared;
  const { trials } = model;
  const bytes = 8 * trials;
  let buffers = shared;
  if (!buffers || buffers.tStar.byteLength < bytes) {
    const size = Math.max(bytes, 8 * Math.min(REUSE_LIMIT, Math.max(trials, 1 << 16)));
    const fresh = { tStar: new SharedArrayBuffer(size), readLatency: new SharedArrayBuffer(size), writeLatency: new SharedArrayBuffer(size) };
    if (trials <= REUSE_LIMIT) shared = fresh;
    buffers = fresh;
  }
  const { tStar, readLatency, writeLatency } = buffers;
  const out: TrialArrays = {
    tStar: new Float64Array(tStar, 0, trials),
    readLatency: new Float64Array(readLatency, 0, trials),
    writeLatency: new Float64Array(writeLatency, 0, trials),
  };
  const blocks = blockCount(trials);
  const boundary = (j: number): number => Math.floor((j * blocks) / threads);
  const arrays = { trials, tStar, readLatency, writeLatency };
  const theirs = runOnWorkers(
    Array.from({ length: threads - 1 }, (_, j) => ({ kind: "simulate" as const, model, firstBlock: boundary(j + 1), endBlock: boundary(j + 2), ...arrays })),
  );
  const mine = simulateBlocks(model, 0, boundary(1), out);
  const counts = addCounts([mine, ...(await theirs)]);
  // The last pass over the trials is shared out too: each thread compacts its own range for the rank plans.
  const plans = rankPlans(prepared, counts);
  const firstTrial = (j: number): number => Math.min(trials, boundary(j) * BLOCK_TRIALS);
  const compacted = runOnWorkers(
    Array.from({ length: threads - 1 }, (_, j) => ({ kind: "compact" as const, start: firstTrial(j + 1), end: firstTrial(j + 2), plans, ...arrays })),
  );
  const kept = [compactTrials(out, 0, firstTrial(1), plans), ...(await compacted)];
  return summarize(prepared, counts, plans, keptValues(out, kept.map((_, j) => firstTrial(j)), kept));
}

/**
 * For t*, read and write latency in turn, the values each range kept
 * (range j starts at trial `starts[j]` and kept `kept[j][a]` values of
 * array a at its front).
 */
function keptValues(out: TrialArrays, starts: readonly number[], kept: readonly (readonly number[])[]): Float64Array[][] {
  return [out.tStar, out.readLatency, out.writeLatency].map((data, a) => kept.map((byArray, j) => data.subarray(starts[j], starts[j] + byArray[a])));
}

/** Ranks of the targets' waits (t*) and of the read and write latency percentiles, nearest-rank, 0-based. */
function rankPlans(prepared: Prepared, counts: BlockCounts): RankPlan[] {
  const { model, percentiles, targets } = prepared;
  const ranksOf = (ps: readonly number[]): number[] => ps.map((q) => Math.max(0, Math.ceil((q / 100) * model.trials - 1e-9) - 1));
  const { buckets } = counts;
  return [
    planRanks(ranksOf(targets.map((q) => q * 100)), buckets.subarray(0, BUCKETS), model.trials),
    planRanks(ranksOf(percentiles), buckets.subarray(BUCKETS, 2 * BUCKETS), model.trials),
    planRanks(ranksOf(percentiles), buckets.subarray(2 * BUCKETS), model.trials),
  ];
}

/**
 * The answer from the counts of every block and, for t*, read and write
 * latency in turn, the values each thread's range kept for its plan.
 */
function summarize(prepared: Prepared, counts: BlockCounts, plans: readonly RankPlan[], parts: readonly (readonly Float64Array[])[]): TVisibilityResult {
  const { model, tMs, percentiles, targets } = prepared;
  const { n, r, w, trials, seed } = model;
  // P(consistent at t) = share of trials with t* <= t; counts are per interval of the sorted t list.
  const order = tMs.map((t, i) => ({ t, i })).sort((x, y) => x.t - y.t);
  const curve = new Array<VisibilityPoint>(tMs.length);
  let consistent = 0;
  order.forEach((o, j) => {
    consistent += counts.thresholds[j];
    const prob = consistent / trials;
    curve[o.i] = { tMs: o.t, probability: prob, standardError: Math.sqrt((prob * (1 - prob)) / trials) };
  });
  const [waits, reads, writes] = plans.map((plan, a) => finishRanks(plan, parts[a]));
  return {
    n,
    r,
    w,
    trials,
    seed,
    profile: model.profile.name ?? "custom",
    curve,
    timeToConsistency: targets.map((q, i) => ({ probability: q, tMs: Math.max(0, waits[i]) })),
    readLatencyMs: percentiles.map((q, i) => ({ percentile: q, ms: reads[i] })),
    writeLatencyMs: percentiles.map((q, i) => ({ percentile: q, ms: writes[i] })),
  };
}

/** Per-trial results of up to this many trials reuse one set of buffers (24 MiB). */
const REUSE_LIMIT = 1 << 20;
let reusable: TrialArrays | undefined;

/**
 * Three per-trial arrays. Runs of up to 2^20 trials share module-level
 * buffers: allocating (and zeroing) 24 MB per call cost more than a tenth of
 * a million-trial run. tVisibility is synchronous and copies its answers
 * out, so no caller ever sees the buffers.
 */
function trialBuffers(trials: number): TrialArrays {
  if (trials > REUSE_LIMIT) {
    return { tStar: new Float64Array(trials), readLatency: new Float64Array(trials), writeLatency: new Float64Array(trials) };
  }
  if (!reusable || reusable.tStar.length < trials) {
    const size = Math.min(REUSE_LIMIT, Math.max(trials, 1 << 16));
    reusable = { tStar: new Float64Array(size), readLatency: new Float64Array(size), writeLatency: new Float64Array(size) };
  }
  return {
    tStar: reusable.tStar.subarray(0, trials),
    readLatency: reusable.readLatency.subarray(0, trials),
    writeLatency: reusable.writeLatency.subarray(0, trials),
  };
}
