/**
 * Seeded pseudo-random numbers for every simulation in the library.
 *
 * The generator is xoshiro128** (Blackman & Vigna, "Scrambled linear
 * pseudorandom number generators", 2018; https://prng.di.unimi.it/), seeded
 * through splitmix32 so that any 32-bit integer seed gives a well-mixed state.
 * It uses only 32-bit integer arithmetic (`Math.imul`, `>>>`), so the same
 * seed gives the same stream on every platform and Node version, and it is
 * fast enough for tens of millions of draws a second. `Math.random` is never
 * used: a simulation with the same seed must give the same answer.
 *
 * Internal module: notebooks never import it; it is not re-exported.
 */

/** A seeded source of uniform numbers. */
export interface Random {
  /** Uniform in [0, 1), 32 bits of resolution. */
  next(): number;
  /** Uniform integer in [0, bound). `bound` must be a positive integer <= 2^32. */
  int(bound: number): number;
}

function splitmix32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** xoshiro128**'s four state words for a seed, mixed by splitmix32 (never all zero). */
function initialState(seed: number): [number, number, number, number] {
  const mix = splitmix32((seed | 0) ^ Math.floor(seed / 0x100000000));
  const state: [number, number, number, number] = [mix(), mix(), mix(), mix()];
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
  return state;
}

/**
 * Creates a xoshiro128** generator from an integer seed.
 * @param seed any safe integer; only its low 32 bits matter after mixing
 *   with the high bits, so 1 and 2**32+1 give different streams.
 * @example const rng = createRandom(42); rng.next() // same value on every run
 */
export function createRandom(seed: number): Random {
  let [a, b, c, d] = initialState(seed);
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  return {
    next: () => nextUint32() / 0x100000000,
    int: (bound: number) => Math.floor((nextUint32() / 0x100000000) * bound),
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

// ---------------------------------------------------------------- streams for hot loops

/**
 * A xoshiro128** state (four 32-bit words) that block functions advance in
 * place. Monte Carlo engines (PBS) take one independent stream per fixed-size
 * block of trials: stream k is the seed's state jumped k × 2^64 steps ahead,
 * so blocks never overlap, and a block's draws do not depend on which thread
 * simulates it.
 */
export type StreamState = Int32Array;

/**
 * xoshiro128**'s jump polynomial: applying it advances the state by 2^64
 * steps (Blackman & Vigna's reference `jump()`, https://prng.di.unimi.it/xoshiro128starstar.c).
 */
const JUMP = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b];

/**
 * The state of stream `index` for `seed`: stream 0 is the stream of
 * `createRandom(seed)`; stream k starts k × 2^64 draws further on.
 * @param seed as for {@link createRandom}
 * @param index stream number, integer >= 0
 * @example nextUint32(streamState(42, 0)) / 2 ** 32 === createRandom(42).next() // => true
 */
export function streamState(seed: number, index: number): StreamState {
  const state = Int32Array.from(initialState(seed));
  for (let k = 0; k < index; k++) jump(state);
  return state;
}

/** Advances `state` by 2^64 steps in place: from stream k to stream k + 1. */
export function jump(state: StreamState): void {
  let j0 = 0;
  let j1 = 0;
  let j2 = 0;
  let j3 = 0;
  for (const word of JUMP) {
    for (let b = 0; b < 32; b++) {
      if (word & (1 << b)) {
        j0 ^= state[0];
        j1 ^= state[1];
        j2 ^= state[2];
        j3 ^= state[3];
      }
      nextUint32(state);
    }
  }
  state[0] = j0;
  state[1] = j1;
  state[2] = j2;
  state[3] = j3;
}

/** The next 32-bit integer of the stream (unsigned). */
export function nextUint32(state: StreamState): number {
  const s1 = state[1];
  const x = Math.imul(s1, 5);
  const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
  const t = s1 << 9;
  const s2 = state[2] ^ state[0];
  const s3 = state[3] ^ s1;
  state[1] = s1 ^ s2;
  state[0] ^= s3;
  state[2] = s2 ^ t;
  state[3] = (s3 << 11) | (s3 >>> 21);
  return result;
}

/**
 * Fills `out[0..count)` with the stream's next 32-bit integers. The
 * xoshiro128** step is inlined and the state kept in locals (registers)
 * for the loop.
 */
export function fillUint32(state: StreamState, out: Uint32Array, count: number = out.length): void {
  let s0 = state[0];
  let s1 = state[1];
  let s2 = state[2];
  let s3 = state[3];
  for (let i = 0; i < count; i++) {
    const x = Math.imul(s1, 5);
    out[i] = Math.imul((x << 7) | (x >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
}

// Ziggurat tables for Exp(1) with 256 layers (Marsaglia & Tsang, "The Ziggurat
// Method for Generating Random Variables", J. Stat. Software 5(8), 2000,
// REXP/zigset). Unlike the paper, the layer index is the low 8 bits of the
// 32-bit draw and the magnitude the high 24 bits, so the two are independent.
const ZIG_R = 7.697117470131487; // start of the tail
const ZIG_V = 3.949659822581572e-3; // area of each layer
const ZIG_SCALE = 2 ** 24;
/** A magnitude below ZIG_K[layer] lies inside the layer's rectangle: accept. Integers, as magnitudes are. */
const ZIG_K = new Int32Array(256);
const ZIG_W = new Float64Array(256);
const ZIG_F = new Float64Array(256);
{
  let de = ZIG_R;
  let te = de;
  const q = ZIG_V / Math.exp(-de);
  // For an integer magnitude m, m < k ⟺ m < ceil(k).
  ZIG_K[0] = Math.ceil((de / q) * ZIG_SCALE);
  ZIG_K[1] = 0;
  ZIG_W[0] = q / ZIG_SCALE;
  ZIG_W[255] = de / ZIG_SCALE;
  ZIG_F[0] = 1;
  ZIG_F[255] = Math.exp(-de);
  for (let i = 254; i >= 1; i--) {
    de = -Math.log(ZIG_V / de + Math.exp(-de));
    ZIG_K[i + 1] = Math.ceil((de / te) * ZIG_SCALE);
    te = de;
    ZIG_F[i] = Math.exp(-de);
    ZIG_W[i] = de / ZIG_SCALE;
  }
}
const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

/** Uniform in (0, 1), never 0 or 1. */
function openUniform(state: StreamState): number {
  return (nextUint32(state) + 0.5) * TWO_POW_MINUS_32;
}

/** Finishes a ziggurat draw whose first 32 bits fell outside the layer's rectangle. */
function exp1Rejected(state: StreamState, layer: number, magnitude: number): number {
  for (;;) {
    if (layer === 0) return ZIG_R - Math.log(openUniform(state)); // the tail is ZIG_R + Exp(1)
    const x = magnitude * ZIG_W[layer];
    if (ZIG_F[layer] + openUniform(state) * (ZIG_F[layer - 1] - ZIG_F[layer]) < Math.exp(-x)) return x;
    const j = nextUint32(state);
    layer = j & 255;
    magnitude = j >>> 8;
    if (magnitude < ZIG_K[layer]) return magnitude * ZIG_W[layer];
  }
}

/**
 * Fills `out[0..count)` with `base[i] + (mean · X + shift)`, X ~ Exp(1), by
 * the ziggurat method: one 32-bit draw per value about 99% of the time, no
 * logarithm. Pass zeros as `base` for the draws themselves; a column of
 * delays as `base` sums two delays (a write's and its ack's) without a
 * second pass. The draws that miss their layer's rectangle are noted in
 * `rejects` and finished after the loop, from the draws that follow: the
 * loop then has no call in it, and runs about twice as fast. Every draw is
 * finite and below mean · 31 + shift.
 * @param base at least `count` long, and not `out`
 * @param rejects scratch, at least 2 × `count` long (index and draw of each miss)
 */
export function fillExponential(
  state: StreamState,
  out: Float64Array,
  count: number,
  mean: number,
  shift: number,
  rejects: Int32Array,
  base: Float64Array,
): void {
  let s0 = state[0];
  let s1 = state[1];
  let s2 = state[2];
  let s3 = state[3];
  let rejected = 0;
  for (let i = 0; i < count; i++) {
    const x = Math.imul(s1, 5);
    const j = Math.imul((x << 7) | (x >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    const layer = j & 255;
    const magnitude = j >>> 8;
    out[i] = base[i] + (magnitude * ZIG_W[layer] * mean + shift);
    if (magnitude >= ZIG_K[layer]) {
      rejects[rejected++] = i;
      rejects[rejected++] = j;
    }
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
  finishRejected(state, out, rejects, rejected, mean, shift, base);
}

/** The second half of {@link fillExponential}, kept out of it so that its loop stays small. */
function finishRejected(
  state: StreamState,
  out: Float64Array,
  rejects: Int32Array,
  length: number,
  mean: number,
  shift: number,
  base: Float64Array,
): void {
  for (let k = 0; k < length; k += 2) {
    const i = rejects[k];
    const j = rejects[k + 1];
    out[i] = base[i] + (exp1Rejected(state, j & 255, j >>> 8) * mean + shift);
  }
}
