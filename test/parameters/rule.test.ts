import { strict as assert } from "node:assert";
import fc from "fast-check";
import { describeConstraints, parseRule } from "../../src/parameters/rule";

describe("parameters/rule", () => {
  it('parseRule("integer in [1, 9]: N, replicas of each key") reads the constraints and the description', () => {
    assert.deepEqual(parseRule("integer in [1, 9]: N, replicas of each key"), { integer: true, min: 1, max: 9, description: "N, replicas of each key" });
  });

  it("parseRule() reads units, comparisons, open intervals, ratio and percent", () => {
    assert.deepEqual(parseRule("ms, > 0.1: the chart spans 0.1 ms .. horizonMs"), { unit: "ms", min: 0.1, minExclusive: true, description: "the chart spans 0.1 ms .. horizonMs" });
    assert.deepEqual(parseRule("ratio in (0, 1): availability SLO"), { scale: "ratio", min: 0, max: 1, minExclusive: true, maxExclusive: true, description: "availability SLO" });
    assert.deepEqual(parseRule("percent in (0, 100]"), { scale: "percent", min: 0, max: 100, minExclusive: true });
    assert.deepEqual(parseRule("USD per month, >= 0: the bill"), { unit: "USD per month", min: 0, description: "the bill" });
    assert.deepEqual(parseRule("< 1e5"), { max: 100000, maxExclusive: true });
  });

  it("parseRule() reads allowed values, bounds naming other parameters, array lengths and `each`", () => {
    assert.deepEqual(parseRule('"LNKD-SSD" | "LNKD-DISK" | \'YMMR\': PBS profile'), { choices: ["LNKD-SSD", "LNKD-DISK", "YMMR"], description: "PBS profile" });
    assert.deepEqual(parseRule("integer in [1, replicationFactor]: R"), { integer: true, min: 1, max: "replicationFactor", description: "R" });
    assert.deepEqual(parseRule("ratio, each in [0, 1], length [2, 5]: shares"), { scale: "ratio", min: 0, max: 1, lengthMin: 2, lengthMax: 5, description: "shares" });
    assert.deepEqual(parseRule("length (0, 4)"), { lengthMin: 1, lengthMax: 3 });
  });

  it("parseRule() keeps a comment without constraints, or with a malformed one, as the description", () => {
    assert.deepEqual(parseRule("Gold tier: the primary region (course: us-east-1)"), { description: "Gold tier: the primary region (course: us-east-1)" });
    assert.deepEqual(parseRule("30 (Route 53 standard) or 10 (fast)"), { description: "30 (Route 53 standard) or 10 (fast)" });
    assert.deepEqual(parseRule("integer in [1, 9: broken"), { description: "integer in [1, 9: broken" });
    assert.deepEqual(parseRule(""), {});
  });

  it("describeConstraints() writes the constraints back in the grammar", () => {
    assert.equal(describeConstraints(parseRule("integer in [1, replicationFactor]: R")), "integer in [1, replicationFactor]");
    assert.equal(describeConstraints(parseRule("ratio in (0, 1)")), "ratio in (0, 1)");
    assert.equal(describeConstraints(parseRule('"a" | "b", length >= 1')), '"a" | "b", length >= 1');
    assert.equal(describeConstraints(parseRule("just words")), "");
  });

  it("property: parseRule(describeConstraints(rule)) gives the rule back for any interval", () => {
    const bound = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.constantFrom("n", "replicationFactor"));
    fc.assert(
      fc.property(fc.boolean(), bound, bound, fc.boolean(), fc.boolean(), (integer, min, max, minExclusive, maxExclusive) => {
        const text = `${integer ? "integer " : ""}in ${minExclusive ? "(" : "["}${min}, ${max}${maxExclusive ? ")" : "]"}`;
        const rule = parseRule(text);
        assert.equal(describeConstraints(rule), text);
      }),
    );
  });
});
