import { strict as assert } from "node:assert";
import { createRandom, fillExponential, fillUint32, jump, nextUint32, streamState } from "../../src/internal/random";

describe("internal/random", () => {
  it("createRandom(seed) gives the same stream for the same seed", () => {
    const a = createRandom(42);
    const b = createRandom(42);
    for (let i = 0; i < 100; i++) assert.equal(a.next(), b.next());
  });
  it("createRandom() gives different streams for different seeds", () => {
    assert.notEqual(createRandom(1).next(), createRandom(2).next());
  });
  it("next() stays in [0, 1) and its mean is near 1/2 over 100k draws", () => {
    const rng = createRandom(7);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = rng.next();
      assert.ok(x >= 0 && x < 1);
      sum += x;
    }
    assert.ok(Math.abs(sum / 100_000 - 0.5) < 0.005);
  });
  it("int(bound) covers every value in [0, bound)", () => {
    const rng = createRandom(3);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(rng.int(10));
    assert.deepEqual([...seen].sort((x, y) => x - y), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
  it("streamState(seed, 0) with fillUint32() and nextUint32() continues exactly the stream of createRandom(seed)", () => {
    for (const seed of [0, 1, 42, -7, 2 ** 32 + 1, 123456789012]) {
      const rng = createRandom(seed);
      const state = streamState(seed, 0);
      // Uneven block sizes, including a partial fill, must still continue one stream.
      for (const size of [1, 7, 1000, 3]) {
        const out = new Uint32Array(size + 2);
        fillUint32(state, out, size);
        for (let i = 0; i < size; i++) assert.equal(out[i] / 2 ** 32, rng.next(), `seed ${seed}`);
        assert.equal(out[size], 0);
        assert.equal(nextUint32(state) / 2 ** 32, rng.next());
      }
    }
  });
  it("jump() advances the state by exactly 2^64 steps (the transition matrix raised to 2^64 over GF(2))", () => {
    // xoshiro128**'s state update is linear over GF(2): column b of its 128×128 matrix is the update of
    // the state with only bit b set. Squaring it 64 times gives the matrix of 2^64 steps.
    const step = (s: Int32Array): Int32Array => {
      const t = Int32Array.from(s);
      nextUint32(t);
      return t;
    };
    const apply = (columns: Int32Array[], v: Int32Array): Int32Array => {
      const out = new Int32Array(4);
      for (let b = 0; b < 128; b++) {
        if ((v[b >> 5] >>> (b & 31)) & 1) for (let k = 0; k < 4; k++) out[k] ^= columns[b][k];
      }
      return out;
    };
    let matrix = Array.from({ length: 128 }, (_, b) => {
      const unit = new Int32Array(4);
      unit[b >> 5] = 1 << (b & 31);
      return step(unit);
    });
    for (let i = 0; i < 64; i++) matrix = matrix.map((column) => apply(matrix, column));
    for (const seed of [1, 99]) {
      const state = streamState(seed, 0);
      const expected = apply(matrix, state);
      jump(state);
      assert.deepEqual(state, expected);
      assert.deepEqual(streamState(seed, 1), expected);
      assert.deepEqual(streamState(seed, 2), apply(matrix, expected));
    }
  });
  it("fillExponential() gives mean·Exp(1) + shift everywhere, the tail and the misses included (DKW bound)", () => {
    // The ziggurat sampler (Marsaglia & Tsang 2000) must give the exponential CDF 1 − e^−x.
    // Dvoretzky–Kiefer–Wolfowitz: sup |F_n − F| <= sqrt(ln(2/1e-6) / 2n) with probability 1 − 1e-6.
    const n = 400_000;
    const state = streamState(8, 0);
    const xs = new Float64Array(n);
    // Uneven fills: the misses of each fill are finished from the draws after it.
    const rejects = new Int32Array(2 * n);
    for (let start = 0, size = 1; start < n; start += size, size = 2 * size + 1) {
      size = Math.min(size, n - start);
      fillExponential(state, xs.subarray(start, start + size), size, 2, 5, rejects, new Float64Array(size));
    }
    const e = xs.map((x) => (x - 5) / 2).sort();
    assert.ok(e[0] >= 0 && e[n - 1] < 31);
    const bound = Math.sqrt(Math.log(2 / 1e-6) / (2 * n));
    let worst = 0;
    for (let i = 0; i < n; i += 97) worst = Math.max(worst, Math.abs((i + 1) / n - (1 - Math.exp(-e[i]))));
    assert.ok(worst < bound, `${worst} >= ${bound}`);
    // Beyond the ziggurat's base layer (x > 7.697) the tail is sampled separately: P(X > 8) = e^-8.
    const tail = e.filter((x) => x > 8).length / n;
    assert.ok(Math.abs(tail - Math.exp(-8)) < 1.5e-4, `P(X > 8) = ${tail}`);
  });
  it("fillExponential() with a base gives base[i] + the draw, bit for bit, the misses included", () => {
    const n = 50_000;
    const plain = new Float64Array(n);
    fillExponential(streamState(3, 0), plain, n, 7, 0.5, new Int32Array(2 * n), new Float64Array(n));
    const base = Float64Array.from({ length: n }, (_, i) => (i % 5) * 1.1 + i / 7);
    const summed = new Float64Array(n);
    fillExponential(streamState(3, 0), summed, n, 7, 0.5, new Int32Array(2 * n), base);
    let misses = 0;
    for (let i = 0; i < n; i++) {
      assert.equal(summed[i], base[i] + plain[i], `value ${i}`);
      if ((plain[i] - 0.5) / 7 > 7.697) misses++; // from the tail: a miss of the first draw
    }
    assert.ok(misses > 0, "no draw came from the tail");
  });
});
