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
import {
  PROFILE_NAMES,
  Draws,
  compile,
  draw,
  exponentialProfile,
  latencyProfile,
  profile,
  type LatencyProfile,
  type ProfileName,
} from "./distributions";

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

/**
 * Monte Carlo t-visibility in the WARS model (Bailis et al., VLDB 2012,
 * §4.2): the probability that a read started t ms after a write commits
 * returns that write, for each t asked, plus read and write latency
 * percentiles from the same trials. With R + W > N every trial is
 * consistent at every t >= 0.
 *
 * Each trial draws 4N delays (plus two uniforms for the WAN client
 * placement) from one seeded xoshiro128** stream (exponential parts by the
 * ziggurat method, Pareto parts as x_m·e^(Exp(1)/α)), so the same options
 * give the same answer on every machine. Memory: 24 bytes per trial.
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
 * // => [{ tMs: 0, probability: 0.43592, standardError: 0.00156… }, { tMs: 10, probability: 0.92515, standardError: 0.00083… }]
 * // (Bailis et al. report about 43.9% and 92.5%)
 */
export function tVisibility(options: TVisibilityOptions): TVisibilityResult {
  const where = "pbs.tVisibility";
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

  const run = simulate({ n, r, w, trials, seed, profile: p });

  // P(consistent at t) = share of trials with t* <= t; count t* against the sorted t list.
  const order = tMs.map((t, i) => ({ t, i })).sort((x, y) => x.t - y.t);
  const sortedT = Float64Array.from(order, (o) => o.t);
  const bins = new Float64Array(sortedT.length + 1);
  const stars = run.tStar;
  // A linear scan from the smallest t: most trials settle at the first t or two.
  const last = sortedT.length;
  for (let i = 0; i < trials; i++) {
    const star = stars[i];
    let bin = 0;
    while (bin < last && sortedT[bin] < star) bin++;
    bins[bin]++;
  }
  const curve = new Array<VisibilityPoint>(tMs.length);
  let consistent = 0;
  order.forEach((o, j) => {
    consistent += bins[j];
    const prob = consistent / trials;
    curve[o.i] = { tMs: o.t, probability: prob, standardError: Math.sqrt((prob * (1 - prob)) / trials) };
  });

  const ranksOf = (ps: readonly number[]): number[] => ps.map((q) => Math.max(0, Math.ceil((q / 100) * trials - 1e-9) - 1));
  const waits = selectRanks(stars, ranksOf(targets.map((q) => q * 100)));
  const reads = selectRanks(run.readLatency, ranksOf(percentiles));
  const writes = selectRanks(run.writeLatency, ranksOf(percentiles));
  return {
    n,
    r,
    w,
    trials,
    seed,
    profile: p.name ?? "custom",
    curve,
    timeToConsistency: targets.map((q, i) => ({ probability: q, tMs: Math.max(0, waits[i]) })),
    readLatencyMs: percentiles.map((q, i) => ({ percentile: q, ms: reads[i] })),
    writeLatencyMs: percentiles.map((q, i) => ({ percentile: q, ms: writes[i] })),
  };
}

interface RawRun {
  /** Per trial: the smallest t at which the read is consistent (may be negative). */
  readonly tStar: Float64Array;
  readonly readLatency: Float64Array;
  readonly writeLatency: Float64Array;
}

/** Per-trial results of up to this many trials reuse one set of buffers (24 MiB). */
const REUSE_LIMIT = 1 << 20;
let reusable: RawRun | undefined;

/**
 * Three per-trial arrays. Runs of up to 2^20 trials share module-level
 * buffers: allocating (and zeroing) 24 MB per call cost more than a tenth of
 * a million-trial run. tVisibility is synchronous and copies its answers
 * out, so no caller ever sees the buffers.
 */
function trialBuffers(trials: number): RawRun {
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

/**
 * The hot loop. No allocation per trial: delays live in preallocated
 * Float64Arrays, the W-th smallest commit time and the R fastest readers are
 * kept by insertion into small sorted buffers.
 */
function simulate(o: { n: number; r: number; w: number; trials: number; seed: number; profile: LatencyProfile }): RawRun {
  const { n, r, w, trials } = o;
  const cw = compile(o.profile.w);
  const ca = compile(o.profile.a);
  const cr = compile(o.profile.r);
  const cs = compile(o.profile.s);
  const wan = o.profile.wan;
  const remoteDelay = wan ? wan.remoteDelayMs : 0;
  const randomClients = wan !== undefined && wan.clients !== "colocated";

  const draws = new Draws(o.seed);

  const writeArrival = new Float64Array(n);
  const readArrival = new Float64Array(n);
  const commitBuf = new Float64Array(w); // the w smallest W[i] + A[i], ascending
  const readBuf = new Float64Array(r); // the r smallest R[i] + S[i], ascending
  const readIdx = new Int32Array(r); // their replicas
  const { tStar, readLatency, writeLatency } = trialBuffers(trials);

  for (let trial = 0; trial < trials; trial++) {
    let writerDc = 0;
    let readerDc = 0;
    if (randomClients) {
      writerDc = Math.floor(draws.openUniform() * n);
      readerDc = Math.floor(draws.openUniform() * n);
    }
    let commits = 0;
    let reads = 0;
    for (let i = 0; i < n; i++) {
      const wHop = wan && i !== writerDc ? remoteDelay : 0;
      const rHop = wan && i !== readerDc ? remoteDelay : 0;
      // Single exponentials (the PBS demo's default) skip the general sampler.
      const wi = (cw.singleExponential ? draws.exp1() * cw.mean + cw.shift : draw(cw, draws)) + wHop;
      const ack = wi + ((ca.singleExponential ? draws.exp1() * ca.mean + ca.shift : draw(ca, draws)) + wHop);
      const ri = (cr.singleExponential ? draws.exp1() * cr.mean + cr.shift : draw(cr, draws)) + rHop;
      const resp = ri + ((cs.singleExponential ? draws.exp1() * cs.mean + cs.shift : draw(cs, draws)) + rHop);
      writeArrival[i] = wi;
      readArrival[i] = ri;
      // Keep the w smallest commit times.
      if (commits < w || ack < commitBuf[w - 1]) {
        let j = commits < w ? commits++ : w - 1;
        while (j > 0 && commitBuf[j - 1] > ack) {
          commitBuf[j] = commitBuf[j - 1];
          j--;
        }
        commitBuf[j] = ack;
      }
      // Keep the r fastest readers (stable on ties: lower replica index first).
      if (reads < r || resp < readBuf[r - 1]) {
        let j = reads < r ? reads++ : r - 1;
        while (j > 0 && readBuf[j - 1] > resp) {
          readBuf[j] = readBuf[j - 1];
          readIdx[j] = readIdx[j - 1];
          j--;
        }
        readBuf[j] = resp;
        readIdx[j] = i;
      }
    }
    const commit = commitBuf[w - 1];
    let threshold = Infinity;
    for (let j = 0; j < r; j++) {
      const k = readIdx[j];
      const d = writeArrival[k] - readArrival[k];
      if (d < threshold) threshold = d;
    }
    tStar[trial] = threshold - commit;
    readLatency[trial] = readBuf[r - 1];
    writeLatency[trial] = commit;
  }
  return { tStar, readLatency, writeLatency };
}

/**
 * Values at the given 0-based ranks of `data` as if it were sorted (exact
 * order statistics). Large arrays use one pass bracketed by a sample
 * (Floyd–Rivest's idea): sort a strided sample, take for each rank a
 * window of sample values that holds it with overwhelming probability,
 * count the elements below the window and collect those inside, then
 * select within the few collected. The trials are i.i.d., so a strided
 * sample is a random one. If a window misses (or ties overflow it), that
 * rank falls back to quickselect. May reorder `data`.
 */
export function selectRanks(data: Float64Array, ranks: readonly number[]): number[] {
  const n = data.length;
  const out = new Array<number>(ranks.length);
  if (n < 50_000) {
    ranks.forEach((k, i) => (out[i] = quickselect(data, k, 0, n - 1)));
    return out;
  }
  const sampleSize = 8192;
  const stride = n / sampleSize;
  const sample = new Float64Array(sampleSize);
  for (let i = 0; i < sampleSize; i++) sample[i] = data[Math.floor(i * stride)];
  sample.sort();
  // A window [lo, hi] of values per rank, by sample position ± six standard
  // deviations of the sample rank of the wanted element; overlapping windows merge.
  const windows = ranks
    .map((rank) => {
      const q = (rank + 0.5) / n;
      const position = q * sampleSize;
      const margin = 6 * Math.sqrt(sampleSize * q * (1 - q)) + 3;
      const lo = position - margin < 0 ? -Infinity : sample[Math.floor(position - margin)];
      const hi = position + margin > sampleSize - 1 ? Infinity : sample[Math.ceil(position + margin)];
      return { lo, hi, expected: (2 * margin * n) / sampleSize };
    })
    .sort((a, b) => a.lo - b.lo);
  const merged: { lo: number; hi: number; expected: number }[] = [];
  for (const w of windows) {
    const last = merged[merged.length - 1];
    if (last && w.lo <= last.hi) {
      last.hi = Math.max(last.hi, w.hi);
      last.expected += w.expected;
    } else merged.push({ ...w });
  }
  const m = merged.length;
  const lo = Float64Array.from(merged, (w) => w.lo);
  const hi = Float64Array.from(merged, (w) => w.hi);
  const buffers = merged.map((w) => new Float64Array(Math.ceil(2 * w.expected) + 1024));
  const inside = new Int32Array(m);
  const overflow = new Uint8Array(m);
  // gaps[g]: elements between window g − 1 and window g (gaps[0]: below all; gaps[m]: above all).
  const gaps = new Float64Array(m + 1);
  for (let i = 0; i < n; i++) {
    const x = data[i];
    let g = 0;
    while (g < m && x > hi[g]) g++;
    if (g < m && x >= lo[g]) {
      if (inside[g] < buffers[g].length) buffers[g][inside[g]++] = x;
      else overflow[g] = 1;
    } else gaps[g]++;
  }
  // The buffers are copies, so a fallback quickselect reordering `data` cannot disturb them.
  ranks.forEach((rank, j) => {
    let below = 0;
    let g = 0;
    for (; g < m; g++) {
      below += gaps[g];
      if (rank < below + inside[g] || g === m - 1) break;
      below += inside[g];
    }
    const k = rank - below;
    const bracketed = overflow[g] === 0 && k >= 0 && k < inside[g];
    out[j] = bracketed ? quickselect(buffers[g], k, 0, inside[g] - 1) : quickselect(data, rank, 0, n - 1);
  });
  return out;
}

function quickselect(a: Float64Array, k: number, left: number, right: number): number {
  let lo = left;
  let hi = right;
  while (hi > lo) {
    // Median of three as pivot.
    const mid = (lo + hi) >>> 1;
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
