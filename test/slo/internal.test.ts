import { strict as assert } from "node:assert";
import fc from "fast-check";
import { budgetFractionOf, seriesPrefixSums } from "../../src/slo/internal";

describe("slo/internal", () => {
  it("budgetFractionOf() subtracts the SLO as written: 0.999 → 0.001, 0.9995 → 0.0005, 0.99999 → 0.00001", () => {
    assert.equal(budgetFractionOf(0.999), 0.001);
    assert.equal(budgetFractionOf(0.9995), 0.0005);
    assert.equal(budgetFractionOf(0.99999), 0.00001);
    assert.notEqual(1 - 0.999, 0.001); // the binary noise this removes
  });
  it("budgetFractionOf() differs from the binary 1 − slo by at most slo's own representation error, 2^-53 (property)", () => {
    fc.assert(fc.property(fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }), (slo) => {
      assert.ok(Math.abs(budgetFractionOf(slo) - (1 - slo)) <= 2 ** -53, `${slo}`);
      assert.ok(budgetFractionOf(slo) > 0);
    }));
  });
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
