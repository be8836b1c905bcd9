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

/**
 * The `next()` stream of {@link createRandom}, produced in blocks for hot
 * loops (PBS Monte Carlo), with no function call per value. Same seeding,
 * same xoshiro128** steps: `fill(out)` writes the next values that
 * `createRandom(seed).next()` would return, and `fillUint32(out)` writes the
 * same stream as the 32-bit integers behind them (value × 2^32).
 */
export interface UniformBlocks {
  /** Fills `out` (or its first `count` slots) with the stream's next uniforms in [0, 1). */
  fill(out: Float64Array, count?: number): void;
  /** Fills `out` (or its first `count` slots) with the stream's next 32-bit integers. */
  fillUint32(out: Uint32Array, count?: number): void;
}

/**
 * Creates a block generator whose stream equals `createRandom(seed).next()`.
 * @param seed as for {@link createRandom}
 * @example const out = new Float64Array(2); createUniformBlocks(42).fill(out); out[0] === createRandom(42).next() // => true
 */
export function createUniformBlocks(seed: number): UniformBlocks {
  let [a, b, c, d] = initialState(seed);
  // The xoshiro128** step of createRandom, inlined: rotl(b * 5, 7) * 9, then the
  // state update. The loop works on local copies of the state (registers, not
  // closure slots) and store it back at the end.
  const fillUint32 = (out: Uint32Array, count: number = out.length): void => {
    let s0 = a;
    let s1 = b;
    let s2 = c;
    let s3 = d;
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
    a = s0;
    b = s1;
    c = s2;
    d = s3;
  };
  return {
    fill(out: Float64Array, count: number = out.length): void {
      // Not on a hot path (PBS reads fillUint32), so it reuses that loop.
      const ints = new Uint32Array(count);
      fillUint32(ints, count);
      for (let i = 0; i < count; i++) out[i] = ints[i] * 2.3283064365386963e-10; // / 2^32, exact
    },
    fillUint32,
  };
}
