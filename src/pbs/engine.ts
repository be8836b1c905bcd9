/**
 * The WARS Monte Carlo engine behind `pbs.tVisibility` and
 * `pbs.tVisibilityParallel` (internal: not re-exported).
 *
 * Trials are cut into fixed-size blocks of {@link BLOCK_TRIALS}. Block b
 * draws from its own random stream (stream b of the seed: the seed's
 * xoshiro128** state jumped b × 2^64 steps), and writes its trials at their
 * global positions. Any thread can therefore simulate any range of blocks,
 * and the answer for a seed is the same however the blocks are shared out.
 *
 * Inside a block, trials go in chunks of {@link CHUNK_TRIALS}: each delay
 * (W, A, R, S) is drawn as one column of n × chunk values (see
 * `fillDelays`), then one pass over the trials takes the order statistics.
 * Only W + A and R + S matter besides W and R, so A and S are drawn
 * straight onto W and R into columns of sums (in a WAN, each term first
 * gets its hop, so there the sums are a pass of their own).
 */
import { jump, streamState, fillUint32 } from "../internal/random";
import { compile, fillDelays, samplerScratch, type LatencyProfile } from "./distributions";
import { BUCKETS, compactWanted, countBuckets, type RankPlan } from "./selection";

/** Trials per random stream: the unit of work a thread takes. */
export const BLOCK_TRIALS = 16_384;
/** Trials per column fill: n × 1024 doubles per delay stay in the L2 cache. */
const CHUNK_TRIALS = 1024;
const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

/** A validated simulation: what every thread needs to simulate any block. */
export interface Model {
  readonly n: number;
  readonly r: number;
  readonly w: number;
  readonly seed: number;
  readonly trials: number;
  readonly profile: LatencyProfile;
  /** The t values, ms, ascending. */
  readonly sortedT: readonly number[];
}

/** Per-trial results, indexed by the trial's global number. */
export interface TrialArrays {
  /** The smallest t at which the trial's read is consistent, ms (may be negative). */
  readonly tStar: Float64Array;
  /** The R-th fastest R[i] + S[i], ms. */
  readonly readLatency: Float64Array;
  /** The commit time: the W-th fastest W[i] + A[i], ms. */
  readonly writeLatency: Float64Array;
}

/** Number of blocks for `trials` trials. */
export function blockCount(trials: number): number {
  return Math.ceil(trials / BLOCK_TRIALS);
}

/** What a range of blocks adds to the run's totals; every count adds up across ranges. */
export interface BlockCounts {
  /**
   * Trials per interval of the sorted t list: thresholds[j] trials have
   * sortedT[j − 1] < t* <= sortedT[j] (thresholds[0]: t* <= sortedT[0]; the
   * last entry: t* above every t).
   */
  readonly thresholds: Float64Array;
  /** Bucket counts (see `countBuckets`) of t*, read latency and write latency, {@link BUCKETS} each, in that order. */
  readonly buckets: Uint32Array;
}

/** Sums counts from several ranges of blocks. */
export function addCounts(parts: readonly BlockCounts[]): BlockCounts {
  const thresholds = new Float64Array(parts[0].thresholds.length);
  const buckets = new Uint32Array(3 * BUCKETS);
  for (const part of parts) {
    for (let j = 0; j < thresholds.length; j++) thresholds[j] += part.thresholds[j];
    for (let j = 0; j < buckets.length; j++) buckets[j] += part.buckets[j];
  }
  return { thresholds, buckets };
}

/**
 * Simulates blocks [firstBlock, endBlock) into `out` and counts their
 * trials by threshold and by bucket, while each chunk is still in cache.
 */
export function simulateBlocks(model: Model, firstBlock: number, endBlock: number, out: TrialArrays): BlockCounts {
  const { n, r, w, trials, profile } = model;
  const cw = compile(profile.w);
  const ca = compile(profile.a);
  const cr = compile(profile.r);
  const cs = compile(profile.s);
  const wan = profile.wan;
  const cells = n * CHUNK_TRIALS;
  const W = new Float64Array(cells);
  const R = new Float64Array(cells);
  // A and S as columns of their own: only a WAN needs them.
  const wanColumns = wan ? { A: new Float64Array(cells), S: new Float64Array(cells) } : undefined;
  const acks = new Float64Array(cells); // W[i] + A[i]
  const responses = new Float64Array(cells); // R[i] + S[i]
  const clients = new Uint32Array(2 * CHUNK_TRIALS);
  const scratch = samplerScratch(cells);
  const sortedT = Float64Array.from(model.sortedT);
  const thresholds = new Float64Array(sortedT.length + 1);
  const buckets = new Uint32Array(3 * BUCKETS);
  const tStarBuckets = buckets.subarray(0, BUCKETS);
  const readBuckets = buckets.subarray(BUCKETS, 2 * BUCKETS);
  const writeBuckets = buckets.subarray(2 * BUCKETS);
  const blockState = streamState(model.seed, firstBlock);
  const state = new Int32Array(4);
  for (let block = firstBlock; block < endBlock; block++) {
    state.set(blockState);
    const end = Math.min(trials, (block + 1) * BLOCK_TRIALS);
    for (let start = block * BLOCK_TRIALS; start < end; start += CHUNK_TRIALS) {
      const m = Math.min(CHUNK_TRIALS, end - start);
      const randomClients = wan !== undefined && wan.clients !== "colocated";
      if (randomClients) fillUint32(state, clients, 2 * m);
      const { zeros } = scratch;
      if (wan && wanColumns) {
        const { A, S } = wanColumns;
        fillDelays(cw, state, W, n * m, scratch, zeros);
        fillDelays(ca, state, A, n * m, scratch, zeros);
        fillDelays(cr, state, R, n * m, scratch, zeros);
        fillDelays(cs, state, S, n * m, scratch, zeros);
        addWanHops(n, m, wan.remoteDelayMs, randomClients ? clients : undefined, W, A, R, S);
        for (let i = 0; i < n * m; i++) {
          acks[i] = W[i] + A[i];
          responses[i] = R[i] + S[i];
        }
      } else {
        fillDelays(cw, state, W, n * m, scratch, zeros);
        fillDelays(ca, state, acks, n * m, scratch, W);
        fillDelays(cr, state, R, n * m, scratch, zeros);
        fillDelays(cs, state, responses, n * m, scratch, R);
      }
      if (r === 1 && w === 1) fastestOne(n, m, W, R, acks, responses, out, start);
      else orderStatistics(n, r, w, m, W, R, acks, responses, out, start);
      countThresholds(out.tStar, start, start + m, sortedT, thresholds);
      countBuckets(out.tStar, start, start + m, tStarBuckets);
      countBuckets(out.readLatency, start, start + m, readBuckets);
      countBuckets(out.writeLatency, start, start + m, writeBuckets);
    }
    if (block + 1 < endBlock) jump(blockState);
  }
  return { thresholds, buckets };
}

/**
 * The last pass over trials [start, end): in each per-trial array (t*,
 * read latency, write latency, in that order), moves the values that its
 * plan wants to the front of the range (see `compactWanted`). Returns how
 * many each array kept. Any thread can compact any range.
 */
export function compactTrials(out: TrialArrays, start: number, end: number, plans: readonly RankPlan[]): number[] {
  return [out.tStar, out.readLatency, out.writeLatency].map((data, j) => compactWanted(data, start, end, plans[j]));
}

/**
 * WAN placement: each replica is in its own datacenter; a message to or
 * from a replica outside the client's datacenter takes `hop` ms more. The
 * writer's and the reader's datacenters are ⌊U·n⌋ from two uniforms per
 * trial, or replica 0 for both when `clients` is undefined (colocated).
 */
function addWanHops(
  n: number,
  m: number,
  hop: number,
  clients: Uint32Array | undefined,
  W: Float64Array,
  A: Float64Array,
  R: Float64Array,
  S: Float64Array,
): void {
  for (let t = 0; t < m; t++) {
    const writer = clients ? Math.floor((clients[2 * t] + 0.5) * TWO_POW_MINUS_32 * n) : 0;
    const reader = clients ? Math.floor((clients[2 * t + 1] + 0.5) * TWO_POW_MINUS_32 * n) : 0;
    const base = t * n;
    for (let i = 0; i < n; i++) {
      if (i !== writer) {
        W[base + i] += hop;
        A[base + i] += hop;
      }
      if (i !== reader) {
        R[base + i] += hop;
        S[base + i] += hop;
      }
    }
  }
}

/**
 * R = W = 1: the commit is the fastest W[i] + A[i] (`acks`), the read goes
 * to the fastest R[i] + S[i] (`responses`; lowest index on ties). The
 * argmins select indexes with integer masks instead of branches: the
 * comparisons are coin flips, and a mispredicted branch per comparison cost
 * more than the rest of the pass (23 ns a trial at N = 3 against 10 ns).
 */
export function fastestOne(
  n: number,
  m: number,
  W: Float64Array,
  R: Float64Array,
  acks: Float64Array,
  responses: Float64Array,
  out: TrialArrays,
  offset: number,
): void {
  const { tStar, readLatency, writeLatency } = out;
  for (let t = 0; t < m; t++) {
    const base = t * n;
    let commit = base;
    let read = base;
    for (let i = base + 1; i < base + n; i++) {
      // -(x < y) is -1 (every bit set) when x < y, else 0: keep i or the index so far.
      commit ^= (commit ^ i) & -(acks[i] < acks[commit]);
      read ^= (read ^ i) & -(responses[i] < responses[read]);
    }
    const commitMs = acks[commit];
    tStar[offset + t] = W[read] - R[read] - commitMs;
    readLatency[offset + t] = responses[read];
    writeLatency[offset + t] = commitMs;
  }
}

/**
 * Any R and W: the W-th smallest commit time and the R fastest readers are
 * kept by insertion into small sorted buffers (a partial insertion sort:
 * for the small N of a quorum it beats any general selection). A trial is
 * consistent from t* = min over the R readers of (W[i] − R[i]) − commit.
 */
export function orderStatistics(
  n: number,
  r: number,
  w: number,
  m: number,
  W: Float64Array,
  R: Float64Array,
  acks: Float64Array,
  responses: Float64Array,
  out: TrialArrays,
  offset: number,
): void {
  const { tStar, readLatency, writeLatency } = out;
  const commitBuf = new Float64Array(w); // the w smallest W[i] + A[i], ascending
  const readBuf = new Float64Array(r); // the r smallest R[i] + S[i], ascending
  const readIdx = new Int32Array(r); // their cells
  for (let t = 0; t < m; t++) {
    const base = t * n;
    let commits = 0;
    let reads = 0;
    for (let i = base; i < base + n; i++) {
      const ack = acks[i];
      if (commits < w || ack < commitBuf[w - 1]) {
        let j = commits < w ? commits++ : w - 1;
        while (j > 0 && commitBuf[j - 1] > ack) {
          commitBuf[j] = commitBuf[j - 1];
          j--;
        }
        commitBuf[j] = ack;
      }
      // Stable on ties: the lower replica index first.
      const response = responses[i];
      if (reads < r || response < readBuf[r - 1]) {
        let j = reads < r ? reads++ : r - 1;
        while (j > 0 && readBuf[j - 1] > response) {
          readBuf[j] = readBuf[j - 1];
          readIdx[j] = readIdx[j - 1];
          j--;
        }
        readBuf[j] = response;
        readIdx[j] = i;
      }
    }
    const commit = commitBuf[w - 1];
    let threshold = Infinity;
    for (let j = 0; j < r; j++) {
      const k = readIdx[j];
      const d = W[k] - R[k];
      if (d < threshold) threshold = d;
    }
    tStar[offset + t] = threshold - commit;
    readLatency[offset + t] = readBuf[r - 1];
    writeLatency[offset + t] = commit;
  }
}

/** Adds the trials [start, end) to `counts` by their t* against the ascending t list. */
function countThresholds(tStar: Float64Array, start: number, end: number, sortedT: Float64Array, counts: Float64Array): void {
  const last = sortedT.length;
  if (last <= 4) {
    // Few t values: count the trials with t* <= each t without a branch (1 ms per million trials at one t, against 4 for the scan).
    let below = 0;
    for (let j = 0; j < last; j++) {
      const t = sortedT[j];
      let atOrBelow = 0;
      for (let i = start; i < end; i++) atOrBelow += +(tStar[i] <= t);
      counts[j] += atOrBelow - below;
      below = atOrBelow;
    }
    counts[last] += end - start - below;
    return;
  }
  // A linear scan from the smallest t: most trials settle at the first t or two.
  for (let i = start; i < end; i++) {
    const star = tStar[i];
    let bin = 0;
    while (bin < last && sortedT[bin] < star) bin++;
    counts[bin]++;
  }
}
