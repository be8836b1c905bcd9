/**
 * Exact order statistics of large Float64Arrays: the percentiles and
 * waits of `pbs.tVisibility` over millions of trials (internal: not
 * re-exported).
 *
 * A radix select in two passes. Each value falls in one of 65,536 buckets
 * by its top 16 bits (sign, exponent and 4 mantissa bits), with the sign
 * folded so that bucket order is numeric order. The first pass counts the
 * values per bucket; the running counts give the bucket of each wanted
 * rank. The second pass copies out the values of those buckets only, and
 * quickselect finds each rank among them. A bucket is 1/16 of a binade
 * wide, so a concentrated distribution can put a third of the values in
 * one (LNKD-DISK's read latency: 324,000 of 1,000,000); such a bucket is
 * split once more by the next 16 bits before quickselect (LNKD-DISK's three
 * selections: 18 → 11 ms).
 * Ties and narrow ranges need no fallback: at worst one bucket holds
 * everything. Bucket counts add up, so threads can count their own trials
 * and the sums serve the whole run.
 */

/** Buckets of the first pass: values with the same top 16 bits. */
export const BUCKETS = 65_536;
/** Below this length selectRanks runs quickselect on the data directly. */
const SMALL = 4096;
/** Index of a double's high 32-bit word within its pair of words (platform byte order). */
const HIGH_WORD = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1 ? 1 : 0;

/**
 * A double's high 32-bit word with the sign folded, so that unsigned order
 * is numeric order: a negative value has every bit flipped (larger
 * magnitude sorts lower), a non-negative one its sign bit set. Its top 16
 * bits are the bucket; the next 16 split a large bucket.
 */
function folded(high: number): number {
  return high ^ ((high >> 31) | 0x80000000);
}

/**
 * Adds the values data[start..end) to `counts` (at least {@link BUCKETS}
 * long) by bucket.
 */
export function countBuckets(data: Float64Array, start: number, end: number, counts: Uint32Array): void {
  const words = new Uint32Array(data.buffer, data.byteOffset, 2 * data.length);
  for (let i = 2 * start + HIGH_WORD; i < 2 * end; i += 2) {
    const h = words[i];
    counts[folded(h) >>> 16]++;
  }
}

/**
 * Where the wanted ranks lie: the buckets that hold them (ascending), and
 * for each rank (in the order asked) the index of its bucket in that list
 * and its rank inside the bucket.
 */
export interface RankPlan {
  readonly buckets: readonly number[];
  /** How many values each of `buckets` holds in the whole data. */
  readonly sizes: readonly number[];
  readonly placed: readonly { readonly bucket: number; readonly k: number }[];
  /** Whether the wanted buckets hold under 1/8 of the values: then a branch per value predicts well. */
  readonly sparse: boolean;
}

/** The plan for `ranks` (0-based) from the bucket counts of the whole data, `total` values. */
export function planRanks(ranks: readonly number[], counts: Uint32Array, total: number): RankPlan {
  const order = ranks.map((rank, i) => ({ rank, i })).sort((x, y) => x.rank - y.rank);
  const buckets: number[] = [];
  const sizes: number[] = [];
  const placed = new Array<{ bucket: number; k: number }>(ranks.length);
  let bucket = 0;
  let below = 0;
  for (const { rank, i } of order) {
    while (below + counts[bucket] <= rank) below += counts[bucket++];
    if (buckets[buckets.length - 1] !== bucket) {
      buckets.push(bucket);
      sizes.push(counts[bucket]);
    }
    placed[i] = { bucket: buckets.length - 1, k: rank - below };
  }
  return { buckets, sizes, placed, sparse: 8 * sizes.reduce((sum, size) => sum + size, 0) < total };
}

/** Reused by every call (selection is synchronous): 1 for each wanted bucket, 0 elsewhere. Bytes, so that it stays in cache. */
let wantedMask: Uint8Array | undefined;
/** Reused likewise: 1 + the plan's index of each wanted bucket, 0 elsewhere. */
let slotOf: Int32Array | undefined;

/**
 * Moves the values of data[start..end) that fall in the plan's buckets to
 * data[start..start + count), in their order, and returns count. The
 * other values of the range are lost: the pass that finds the ranks is
 * also the last use of the data. Threads can compact their own ranges.
 */
export function compactWanted(data: Float64Array, start: number, end: number, plan: RankPlan): number {
  const { buckets } = plan;
  wantedMask ??= new Uint8Array(BUCKETS);
  const wanted = wantedMask;
  for (const b of buckets) wanted[b] = 1;
  const words = new Uint32Array(data.buffer, data.byteOffset, 2 * data.length);
  let kept = start;
  if (plan.sparse) {
    for (let i = start; i < end; i++) {
      const h = words[2 * i + HIGH_WORD];
      if (wanted[folded(h) >>> 16]) data[kept++] = data[i];
    }
  } else {
    for (let i = start; i < end; i++) {
      const h = words[2 * i + HIGH_WORD];
      const x = data[i];
      // Written always, kept only when wanted: no branch on the value, which would mispredict.
      data[kept] = x;
      kept += wanted[folded(h) >>> 16];
    }
  }
  for (const b of buckets) wanted[b] = 0;
  return kept - start;
}

/**
 * The values at the planned ranks, from the wanted values of every range
 * (each `compactWanted`'s kept prefix): grouped by bucket, then each rank
 * found in its own bucket.
 */
export function finishRanks(plan: RankPlan, parts: readonly Float64Array[]): number[] {
  const { buckets, sizes } = plan;
  const starts = new Int32Array(buckets.length + 1);
  sizes.forEach((size, j) => (starts[j + 1] = starts[j] + size));
  const next = starts.slice(0, buckets.length);
  slotOf ??= new Int32Array(BUCKETS);
  const slots = slotOf;
  buckets.forEach((b, j) => (slots[b] = j + 1));
  const grouped = new Float64Array(starts[buckets.length]);
  for (const part of parts) {
    const words = new Uint32Array(part.buffer, part.byteOffset, 2 * part.length);
    for (let i = 0; i < part.length; i++) {
      const h = words[2 * i + HIGH_WORD];
      grouped[next[slots[folded(h) >>> 16] - 1]++] = part[i];
    }
  }
  for (const b of buckets) slots[b] = 0;
  return plan.placed.map(({ bucket, k }) => selectInBucket(grouped.subarray(starts[bucket], starts[bucket + 1]), k));
}

/**
 * Values at the given 0-based ranks of `data` as if it were sorted (exact
 * order statistics). `counts`, when given, are the bucket counts of all of
 * `data` (from {@link countBuckets}); otherwise the first pass computes
 * them. Overwrites `data` (see {@link compactWanted}); short arrays go to
 * quickselect, which reorders it.
 */
export function selectRanks(data: Float64Array, ranks: readonly number[], counts?: Uint32Array): number[] {
  const n = data.length;
  if (n < SMALL && !counts) return ranks.map((k) => quickselect(data, k, 0, n - 1));
  if (!counts) {
    counts = new Uint32Array(BUCKETS);
    countBuckets(data, 0, n, counts);
  }
  const plan = planRanks(ranks, counts, n);
  return finishRanks(plan, [data.subarray(0, compactWanted(data, 0, n, plan))]);
}

/** Reused by every call: selection is synchronous. */
let subCounts: Uint32Array | undefined;

/**
 * The value of rank k among `values`, which share their top 16 bits (one
 * bucket). A large bucket is counted again by the next 16 bits of the
 * folded high word, and quickselect runs on the one sub-bucket that holds
 * rank k. May reorder `values`.
 */
function selectInBucket(values: Float64Array, k: number): number {
  const n = values.length;
  if (n <= SMALL) return quickselect(values, k, 0, n - 1);
  subCounts ??= new Uint32Array(BUCKETS);
  const counts = subCounts;
  counts.fill(0);
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  for (let i = HIGH_WORD; i < 2 * n; i += 2) {
    const h = words[i];
    counts[folded(h) & 0xffff]++;
  }
  let sub = 0;
  let below = 0;
  while (below + counts[sub] <= k) below += counts[sub++];
  const picked = new Float64Array(counts[sub]);
  let next = 0;
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + HIGH_WORD];
    if ((folded(h) & 0xffff) === sub) picked[next++] = values[i];
  }
  return quickselect(picked, k - below, 0, picked.length - 1);
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
