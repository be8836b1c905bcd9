import { strict as assert } from "node:assert";
import fc from "fast-check";
import { compute, discounted } from "../../src/cost/compute";

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${a} ≉ ${b}`);

describe("cost/compute", () => {
  // Golden values: course §4 "The $100K/Month Data Pipeline".
  it("compute({nodes:100, vcpusPerNode:8, usdPerVcpuHour:0.5}) always on is $292,000 (course)", () => {
    const item = compute({ nodes: 100, vcpusPerNode: 8, usdPerVcpuHour: 0.5 });
    assert.equal(item.quantity, 584_000);
    assert.equal(item.unit, "vCPU-hour");
    close(item.usdPerMonth, 292_000);
  });
  it("compute() spot 10–100 nodes at 50 × 8 × $0.15 × 8 h × 30 d is $14,400 with range $2,880–$28,800 (course)", () => {
    const item = compute({ nodes: { min: 10, max: 100, average: 50 }, vcpusPerNode: 8, usdPerVcpuHour: 0.15, purchase: "spot", hoursPerDay: 8, daysPerMonth: 30 });
    close(item.usdPerMonth, 14_400);
    close(item.rangeUsdPerMonth![0], 2_880);
    close(item.rangeUsdPerMonth![1], 28_800);
  });
  it("compute() reserved 5 × 8 × $0.20 × 730 is $5,840 (course's $5.8K)", () => {
    close(compute({ nodes: 5, vcpusPerNode: 8, usdPerVcpuHour: 0.2, purchase: "reserved" }).usdPerMonth, 5_840);
  });
  it("compute() defaults an autoscaling average to the midpoint and a window's days to 730/24", () => {
    close(compute({ nodes: { min: 10, max: 100 }, vcpusPerNode: 1, usdPerVcpuHour: 1, hoursPerMonth: 1 }).usdPerMonth, 55);
    close(compute({ nodes: 1, vcpusPerNode: 1, usdPerVcpuHour: 1, hoursPerDay: 24 }).usdPerMonth, 730);
  });
  it("discounted(0.5, 0.7) is the course's $0.15 spot price and discounted(0.5, 0.9) AWS's best case $0.05", () => {
    close(discounted(0.5, 0.7), 0.15);
    close(discounted(0.5, 0.9), 0.05);
  });
  it("compute() cheaper inputs never increase the bill (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 730, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (nodes, price, hours, cut) => {
          const a = compute({ nodes, vcpusPerNode: 8, usdPerVcpuHour: price, hoursPerMonth: hours }).usdPerMonth;
          const b = compute({ nodes, vcpusPerNode: 8, usdPerVcpuHour: price * cut, hoursPerMonth: hours }).usdPerMonth;
          const c = compute({ nodes: nodes * cut, vcpusPerNode: 8, usdPerVcpuHour: price, hoursPerMonth: hours }).usdPerMonth;
          assert.ok(b <= a && c <= a);
        },
      ),
    );
  });
  it("compute() rejects bad input with the exact message", () => {
    assert.throws(() => compute({ nodes: -1, vcpusPerNode: 8, usdPerVcpuHour: 0.5 }), { name: "RangeError", message: "cost.compute: nodes must be a finite number >= 0, got -1" });
    assert.throws(() => compute({ nodes: 1, vcpusPerNode: 8, usdPerVcpuHour: NaN }), { name: "TypeError", message: "cost.compute: usdPerVcpuHour must be a finite number >= 0, got NaN" });
    assert.throws(() => compute({ nodes: { min: 10, max: 5 }, vcpusPerNode: 8, usdPerVcpuHour: 0.5 }), { message: "cost.compute: nodes.max must be a finite number >= min=10, got 5" });
    assert.throws(() => compute({ nodes: 1, vcpusPerNode: 8, usdPerVcpuHour: 0.5, hoursPerDay: 25 }), { message: "cost.compute: hoursPerDay must be a finite number in [0, 24], got 25" });
    assert.throws(() => compute({ nodes: 1, vcpusPerNode: 8, usdPerVcpuHour: 0.2, purchase: "reserved", hoursPerDay: 8 }), {
      message: "cost.compute: hoursPerDay must be undefined for reserved capacity (billed every hour of the month), got 8",
    });
    assert.throws(() => compute({ nodes: 1, vcpusPerNode: 8, usdPerVcpuHour: 0.5, purchase: "preemptible" as "spot" }), {
      message: 'cost.compute: purchase must be one of "on-demand", "spot", "reserved", got "preemptible"',
    });
    assert.throws(() => compute({ nodes: 1, vcpusPerNode: 8, usdPerVcpuHour: 0.5, hoursPerMonth: 100, hoursPerDay: 3 }), {
      message: "cost.compute: hoursPerDay must be undefined when hoursPerMonth is given, got 3",
    });
    assert.throws(() => compute(null as never), { name: "TypeError", message: "cost.compute: options must be an object, got null" });
  });
  it("discounted() rejects a discount above 1", () => {
    assert.throws(() => discounted(0.5, 1.2), { name: "RangeError", message: "cost.discounted: discount must be a finite number in [0, 1], got 1.2" });
    assert.throws(() => discounted(-1, 0.5), { message: "cost.discounted: onDemandUsdPerHour must be a finite number >= 0, got -1" });
  });
});
