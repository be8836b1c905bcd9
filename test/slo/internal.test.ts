import { strict as assert } from "node:assert";
import { seriesPrefixSums } from "../../src/slo/internal";

describe("slo/internal", () => {
  it("seriesPrefixSums() accumulates bad = total − good from 0", () => {
    const p = seriesPrefixSums("f", { good: [9, 10, 5], total: [10, 10, 10] });
    assert.deepEqual(Array.from(p.bad), [0, 1, 1, 6]);
    assert.deepEqual(Array.from(p.total), [0, 10, 20, 30]);
  });
  it("seriesPrefixSums() rejects strings, which JavaScript would otherwise compare as numbers", () => {
    assert.throws(() => seriesPrefixSums("f", { good: ["1"], total: [2] }), { name: "TypeError", message: 'f: series.good[0] must be a finite number in [0, total[0]=2], got "1"' });
    assert.throws(() => seriesPrefixSums("f", { good: [1], total: [-2] }), { name: "RangeError", message: "f: series.total[0] must be a finite number >= 0, got -2" });
    assert.throws(() => seriesPrefixSums("f", [1, 2]), { name: "TypeError", message: "f: series must be an object with good and total arrays, got an array of length 2" });
  });
});
