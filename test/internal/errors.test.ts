import { strict as assert } from "node:assert";
import { inspect } from "node:util";
import { runInThisContext } from "node:vm";
import { array, describeBounds, finite, finiteResult, formatValue, integer, oneOf, ownValue, probability, rangeError, recordOf } from "../../src/internal/errors";
import { saving } from "../../src/cost/pipeline";
import { littlesLaw } from "../../src/flow/queueing";
import { loadImbalance } from "../../src/sharding/analysis";
import { budgetSpentAtBurnRate } from "../../src/slo/burnRate";

describe("internal/errors", () => {
  it("finiteResult() returns a finite result as is, and names the first field that overflowed", () => {
    const ok = { a: 1, b: [2, { c: 3 }], s: "x" };
    assert.equal(finiteResult("ns.fn", ok), ok);
    assert.throws(() => finiteResult("ns.fn", { a: 1, b: [2, { c: Number.POSITIVE_INFINITY }] }), {
      name: "RangeError",
      message: "ns.fn: result.b[1].c must be a finite number (the inputs overflow a double together; use smaller or larger values), got Infinity",
    });
    assert.throws(() => finiteResult("ns.fn", Number.NaN), { name: "RangeError", message: /^ns\.fn: result must be a finite number .*got NaN$/ });
  });

  it("finite inputs that overflow together are refused by the function, not returned as Infinity (deep fuzz cases)", () => {
    assert.throws(() => littlesLaw({ arrivalRatePerSecond: 1e308, meanTimeInSystemSeconds: 19 }), { name: "RangeError", message: /^flow\.littlesLaw: result\.meanInSystem must be a finite number .*got Infinity$/ });
    assert.throws(() => saving(5e-324, 26540), { name: "RangeError", message: /^cost\.saving: result\.fraction must be a finite number .*got -Infinity$/ });
    assert.throws(() => loadImbalance([1, 2, 1e308]), { name: "RangeError", message: /^sharding\.loadImbalance: result\.\w+ must be a finite number/ });
    assert.throws(() => budgetSpentAtBurnRate({ burnRate: 1e308, windowMinutes: 19 }), { name: "RangeError", message: /^slo\.budgetSpentAtBurnRate: result must be a finite number .*got Infinity$/ });
    assert.equal(littlesLaw({ arrivalRatePerSecond: 2, meanTimeInSystemSeconds: 3 }).meanInSystem, 6);
  });

  it("integer() names the function, the parameter, the range and the value", () => {
    assert.throws(
      () => integer("quorum.kStaleness", "r", 4, { min: 1, max: 3, maxLabel: "n=3" }),
      { name: "RangeError", message: "quorum.kStaleness: r must be an integer in [1, n=3], got 4" },
    );
  });
  it("integer() rejects non-integers with a RangeError and NaN with a TypeError", () => {
    assert.throws(() => integer("f", "n", 2.5, { min: 1 }), { name: "RangeError", message: "f: n must be an integer >= 1, got 2.5" });
    assert.throws(() => integer("f", "n", NaN, { min: 1 }), { name: "TypeError", message: "f: n must be an integer >= 1, got NaN" });
    assert.throws(() => integer("f", "n", "3", { min: 1 }), { name: "TypeError", message: 'f: n must be an integer >= 1, got "3"' });
  });
  it("finite() rejects Infinity and honours exclusive bounds", () => {
    assert.throws(() => finite("f", "x", Infinity), { name: "TypeError", message: "f: x must be a finite number, got Infinity" });
    assert.throws(() => finite("f", "x", 0, { min: 0, minExclusive: true }), { message: "f: x must be a finite number > 0, got 0" });
    assert.equal(finite("f", "x", 0.5, { min: 0, max: 1, maxExclusive: true }), 0.5);
  });
  it("probability() allows [0, 1] only", () => {
    assert.equal(probability("f", "p", 1), 1);
    assert.throws(() => probability("f", "p", 1.01), { name: "RangeError", message: "f: p must be a probability in [0, 1], got 1.01" });
  });
  it("oneOf() lists the allowed values", () => {
    assert.throws(() => oneOf("f", "mode", "x", ["a", "b"] as const), { message: 'f: mode must be one of "a", "b", got "x"' });
  });
  it("array() checks the length", () => {
    assert.throws(() => array("f", "xs", []), { name: "RangeError", message: "f: xs must be an array with length >= 1, got an array of length 0" });
  });
  it("array() refuses holes, which loops would read as undefined or skip", () => {
    // eslint-disable-next-line no-sparse-arrays
    assert.throws(() => array("f", "xs", [1, , 3]), { name: "TypeError", message: "f: xs[1] must be a value (the array has a hole here), got undefined" });
    assert.throws(() => array("f", "xs", new Array(2)), { name: "TypeError", message: "f: xs[0] must be a value (the array has a hole here), got undefined" });
    assert.deepEqual(array("f", "xs", [1, undefined]), [1, undefined]);
  });
  it("finite() and integer() refuse BigInt and Symbol values with a TypeError that prints them", () => {
    assert.throws(() => finite("f", "x", 10n), { name: "TypeError", message: "f: x must be a finite number, got 10n" });
    assert.throws(() => integer("f", "n", Symbol("s")), { name: "TypeError", message: "f: n must be an integer, got a symbol" });
    assert.throws(() => oneOf("f", "mode", Symbol("a"), ["a"] as const), { name: "TypeError", message: 'f: mode must be one of "a", got a symbol' });
  });
  it("ownValue() never reads Object.prototype; recordOf() keeps __proto__ as a key", () => {
    assert.equal(ownValue({ A: 1 }, "constructor"), undefined);
    assert.equal(ownValue({ A: 1 }, "toString"), undefined);
    assert.equal(ownValue(JSON.parse('{"constructor": 3}') as Record<string, number>, "constructor"), 3);
    const r = recordOf([["__proto__", 1], ["A", 2]]);
    assert.deepEqual(Object.keys(r), ["__proto__", "A"]);
    assert.equal(ownValue(r, "__proto__"), 1);
    assert.equal(Object.getPrototypeOf(r), Object.prototype);
  });
  it("describeBounds() writes open and closed intervals", () => {
    assert.equal(describeBounds({ min: 0, max: 1, minExclusive: true, maxExclusive: true }), "in (0, 1)");
    assert.equal(describeBounds({ max: 5 }), "<= 5");
  });
  it("formatValue() shows -0, null and objects", () => {
    assert.equal(formatValue(-0), "-0");
    assert.equal(formatValue(null), "null");
    assert.equal(formatValue({}), "an object");
  });

  it("an error thrown through vm (a tslab cell) keeps 'RangeError: …' as its first line; a plain RangeError gets node's source header (so the check can fail)", () => {
    const g = globalThis as unknown as Record<string, unknown>;
    g.__errorsTestLibrary = () => integer("quorum.explainConsistency", "r", 7, { min: 1, max: 3, maxLabel: "n=3" });
    g.__errorsTestPlain = () => {
      throw new RangeError("plain");
    };
    const firstLine = (code: string): string => {
      try {
        runInThisContext(code);
      } catch (error) {
        return inspect(error).split("\n")[0] ?? "";
      }
      return "(nothing thrown)";
    };
    try {
      assert.equal(firstLine("(function () { __errorsTestLibrary(); })()"), "RangeError: quorum.explainConsistency: r must be an integer in [1, n=3], got 7");
      assert.notEqual(firstLine("(function () { __errorsTestPlain(); })()"), "RangeError: plain");
    } finally {
      delete g.__errorsTestLibrary;
      delete g.__errorsTestPlain;
    }
  });

  it("rangeError(): assigning another stack still works (only node's prefix is ignored)", () => {
    const e = rangeError("f", "x", "> 0", -1);
    e.stack = "custom";
    assert.equal(e.stack, "custom");
  });
});
