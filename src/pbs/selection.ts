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
 * quickselect finds each rank among them. Ties and narrow ranges need no
 * fallback: at worst one bucket holds everything. Bucket counts add up, so
 * threads can count their own trials and the sums serve the whole run.
 */

/** Buckets of the first pass: values with the same top 16 bits. */
export const BUCKETS = 65_536;
/** Below this length selectRanks runs quickselect on the data directly. */
const SMALL = 4096;
/** Index of a double's high 32-bit word within its pair of words (platform byte order). */
const HIGH_WORD = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1 ? 1 : 0;

/** Reused by every call: selection is synchronous. */
let slotOf: Int32Array | undefined;

/**
 * Adds the values data[start..end) to `counts` (at least {@link BUCKETS}
 * long) by bucket.
 */
export function countBuckets(data: Float64Array, start: number, end: number, counts: Uint32Array): void {
  const words = new Uint32Array(data.buffer, data.byteOffset, 2 * data.length);
  for (let i = 2 * start + HIGH_WORD; i < 2 * end; i += 2) {
    const h = words[i];
    // Negative: flip every bit (larger magnitude sorts lower); non-negative: set the sign bit.
    counts[(h ^ ((h >> 31) | 0x80000000)) >>> 16]++;
  }
}

/**
 * Values at the given 0-based ranks of `data` as if it were sorted (exact
 * order statistics). `counts`, when given, are the bucket counts of all of
 * `data` (from {@link countBuckets}); otherwise the first pass computes
 * them. Short arrays go to quickselect, which may reorder `data`.
 */
export function selectRanks(data: Float64Array, ranks: readonly number[], counts?: Uint32Array): number[] {
  const n = data.length;
  if (n < SMALL && !counts) return ranks.map((k) => quickselect(data, k, 0, n - 1));
  if (!counts) {
    counts = new Uint32Array(BUCKETS);
    countBuckets(data, 0, n, counts);
  }
  slotOf ??= new Int32Array(BUCKETS).fill(-1);
  const slots = slotOf;
  // Each rank's bucket, and its rank inside the bucket.
  const order = ranks.map((rank, i) => ({ rank, i })).sort((x, y) => x.rank - y.rank);
  const wanted: { bucket: number; size: number }[] = [];
  const placed = new Array<{ slot: number; k: number }>(ranks.length);
  let bucket = 0;
  let below = 0;
  for (const { rank, i } of order) {
    while (below + counts[bucket] <= rank) below += counts[bucket++];
    if (slots[bucket] < 0) {
      slots[bucket] = wanted.length;
      wanted.push({ bucket, size: counts[bucket] });
    }
    placed[i] = { slot: slots[bucket], k: rank - below };
  }
  const starts = new Int32Array(wanted.length + 1);
  wanted.forEach((b, j) => (starts[j + 1] = starts[j] + b.size));
  const next = starts.slice(0, wanted.length);
  const picked = new Float64Array(starts[wanted.length]);
  const words = new Uint32Array(data.buffer, data.byteOffset, 2 * n);
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + HIGH_WORD];
    const slot = slots[(h ^ ((h >> 31) | 0x80000000)) >>> 16];
    if (slot >= 0) picked[next[slot]++] = data[i];
  }
  for (const b of wanted) slots[b.bucket] = -1;
  return placed.map(({ slot, k }) => quickselect(picked, starts[slot] + k, starts[slot], starts[slot + 1] - 1));
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
