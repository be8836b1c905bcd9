/**
 * The graders of notebooks 09–11: hints that must name the learner's actual
 * mistake, and rule graders that must reject out-of-range answers with the
 * range, not with an unrelated explanation.
 */
import { strict as assert } from "node:assert";
import { exercises as nb09 } from "../../../src/exercises/catalog/09-partitioning-and-sharding";
import { exercises as nb10 } from "../../../src/exercises/catalog/10-backpressure-and-flow-control";
import { exercises as nb11 } from "../../../src/exercises/catalog/11-self-healing";
import { gradersOf } from "./grading";

const { grade, passes, failsWith } = gradersOf([...nb09, ...nb10, ...nb11]);

describe("workbook exercises 09–11", () => {
  it("09.1 (mod N, 8 → 9 shards) passes 8/9 and answers 1/9 and 8/72 (the same number) with the stays-vs-moves hint", () => {
    passes("09.1", 8 / 9);
    failsWith("09.1", 1 / 9, /fraction mod N keeps.*asks how many move/);
    failsWith("09.1", 8 / 72, /fraction mod N keeps.*asks how many move/);
  });

  it("10.4 (M/M/1/K, λ=9, μ=10) passes K=17 and K=18 only (drop <= 2%, mean time <= 0.7 s)", () => {
    const passing = Array.from({ length: 40 }, (_, i) => i + 1).filter((k) => grade("10.4", k).status === "pass");
    assert.deepEqual(passing, [17, 18]);
  });

  it("11.5 rejects failureThreshold 0 or negative with the allowed range, not the flapping hint for 1", () => {
    const base = { healthCheckIntervalSeconds: 10, dnsTtlSeconds: 30 };
    failsWith("11.5", { ...base, failureThreshold: 0 }, /^failureThreshold must be an integer in \[1, 10\], got 0$/);
    failsWith("11.5", { ...base, failureThreshold: -3 }, /^failureThreshold must be an integer in \[1, 10\], got -3$/);
    failsWith("11.5", { ...base, failureThreshold: 1 }, /threshold of 1 .*flapping/);
    passes("11.5", { ...base, failureThreshold: 3 });
  });
});
