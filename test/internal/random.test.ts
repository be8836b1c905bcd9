import { strict as assert } from "node:assert";
import { createRandom, createUniformBlocks } from "../../src/internal/random";

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
  it("createUniformBlocks(seed).fill() continues exactly the stream of createRandom(seed).next()", () => {
    for (const seed of [0, 1, 42, -7, 2 ** 32 + 1, 123456789012]) {
      const rng = createRandom(seed);
      const blocks = createUniformBlocks(seed);
      // Uneven block sizes, including a partial fill, must still continue one stream.
      for (const size of [1, 7, 1000, 3]) {
        const out = new Float64Array(size + 2);
        blocks.fill(out, size);
        for (let i = 0; i < size; i++) assert.equal(out[i], rng.next(), `seed ${seed}`);
        assert.equal(out[size], 0);
      }
    }
  });
  it("createUniformBlocks(seed).fillUint32() gives the integers behind the same stream", () => {
    const rng = createRandom(77);
    const blocks = createUniformBlocks(77);
    const ints = new Uint32Array(500);
    const floats = new Float64Array(300);
    blocks.fillUint32(ints, 200);
    blocks.fill(floats);
    blocks.fillUint32(ints.subarray(200));
    const expected = Array.from({ length: 800 }, () => rng.next());
    const got = [...Array.from(ints.subarray(0, 200), (x) => x / 2 ** 32), ...floats, ...Array.from(ints.subarray(200), (x) => x / 2 ** 32)];
    assert.deepEqual(got, expected);
  });
});
