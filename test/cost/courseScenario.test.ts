import { strict as assert } from "node:assert";
import fc from "fast-check";
import { courseArchitectures, courseOptimizedBill, courseOptimizedInputs, courseOptimizedModel, coursePrices, type CourseOptimizedInputs } from "../../src/cost/courseScenario";

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${a} ≉ ${b}`);
const line = (items: readonly { label: string; usdPerMonth: number }[], prefix: string) =>
  items.filter((i) => i.label.startsWith(prefix)).reduce((a, i) => a + i.usdPerMonth, 0);

// Golden values: course §4 "The $100K/Month Data Pipeline", from its own inputs.
describe("cost/courseScenario", () => {
  const { inefficient, optimized, saving } = courseArchitectures();
  it("courseArchitectures().inefficient is $292K compute + $11.5K storage = $303.5K/month", () => {
    close(inefficient.byCategory.compute, 292_000);
    close(inefficient.byCategory.storage, 11_500);
    close(inefficient.usdPerMonth, 303_500);
  });
  it("courseArchitectures().optimized is $14.4K + $3.3K + $5.84K + $2K + $1K = $26.54K/month", () => {
    close(line(optimized.items, "spot batch cluster"), 14_400);
    close(optimized.byCategory.storage, 3_300);
    close(line(optimized.items, "hot storage"), 2_300);
    close(line(optimized.items, "warm storage"), 600);
    close(line(optimized.items, "cold storage"), 400);
    close(line(optimized.items, "reserved baseline"), 5_840);
    close(optimized.byCategory.network, 2_000);
    close(optimized.byCategory.query, 1_000);
    close(optimized.usdPerMonth, 26_540);
  });
  it("courseArchitectures().saving is 1 − 26.54/303.5 = 91.3%", () => {
    close(saving.fraction, 1 - 26_540 / 303_500);
    assert.equal(Math.round(saving.fraction * 100), 91);
  });
  it("coursePrices() implies warm $0.012 and cold $0.001 per GB-month (1 TB = 1000 GB)", () => {
    const p = coursePrices();
    close(p.storage.warm.bands[0].usdPerGbMonth, 0.012);
    close(p.storage.cold.bands[0].usdPerGbMonth, 0.001);
    assert.equal(p.gbPerTb, 1000);
  });
  it("courseOptimizedBill() never rises when any input falls (property: cheaper inputs never increase the total)", () => {
    const keys = Object.keys(courseOptimizedInputs) as (keyof CourseOptimizedInputs)[];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.double({ min: 0, max: 1, noNaN: true }), (key, factor) => {
        const lower = { ...courseOptimizedInputs, [key]: courseOptimizedInputs[key] * factor };
        fc.pre(lower.vcpusPerNode > 0);
        assert.ok(courseOptimizedBill(lower).usdPerMonth <= courseOptimizedBill(courseOptimizedInputs).usdPerMonth + 1e-9);
      }),
    );
  });
  it("courseOptimizedBill() rejects bad input with the exact message", () => {
    assert.throws(() => courseOptimizedBill({ ...courseOptimizedInputs, hotTb: -1 }), { name: "RangeError", message: "cost.courseOptimizedBill: inputs.hotTb must be a finite number >= 0, got -1" });
    assert.throws(() => courseOptimizedBill(null as never), { name: "TypeError", message: "cost.courseOptimizedBill: inputs must be an object, got null" });
    assert.throws(() => courseOptimizedModel(undefined as never), { name: "TypeError", message: "cost.courseOptimizedModel: inputs must be an object, got undefined" });
  });
});
