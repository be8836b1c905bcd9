import { strict as assert } from "node:assert";
import fc from "fast-check";
import { courseOptimizedInputs, courseOptimizedModel } from "../../src/cost/courseScenario";
import { reservedBreakEven, reservedVsOnDemand, tornado, spotEffectivePrice, spotInterruptionOverhead } from "../../src/cost/whatIf";

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${a} ≉ ${b}`);

describe("cost/whatIf", () => {
  it("tornado(course optimized, ±10%) puts vCPUs per node first: it moves spot and reserved ($2,024 each way)", () => {
    const s = tornado({ model: courseOptimizedModel, inputs: courseOptimizedInputs });
    close(s.baseUsd, 26_540);
    assert.equal(s.rows[0].input, "vcpusPerNode");
    close(s.rows[0].swingUsd, 2 * (1_440 + 584));
    const spotNodes = s.rows.find((r) => r.input === "spotNodes")!;
    close(spotNodes.swingUsd, 2_880);
    const query = s.rows.find((r) => r.input === "queryUsdPerMonth")!;
    close(query.swingUsd, 200);
    assert.equal(s.rows.length, Object.keys(courseOptimizedInputs).length);
  });
  it("tornado() rows are sorted by swing (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), (a, b, change) => {
        const s = tornado({ model: (x) => 3 * x.a + x.b * x.b, inputs: { a, b }, change });
        assert.ok(s.rows[0].swingUsd >= s.rows[1].swingUsd);
      }),
    );
  });
  it("reservedBreakEven({0.5, 0.2}) is 40% utilization (course's reserved $0.20 vs on-demand $0.50)", () => {
    const r = reservedBreakEven({ onDemandUsdPerHour: 0.5, reservedUsdPerHour: 0.2 });
    close(r.breakEvenUtilization, 0.4);
    assert.equal(r.reservedEverCheaper, true);
    assert.equal(reservedBreakEven({ onDemandUsdPerHour: 0.5, reservedUsdPerHour: 0.6 }).reservedEverCheaper, false);
  });
  it("reservedVsOnDemand() flips exactly at the break-even utilization (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 10, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (od, frac, u) => {
        const r = od * frac;
        const be = reservedBreakEven({ onDemandUsdPerHour: od, reservedUsdPerHour: r }).breakEvenUtilization;
        fc.pre(Math.abs(u - be) > 1e-9);
        const cmp = reservedVsOnDemand({ onDemandUsdPerHour: od, reservedUsdPerHour: r, utilization: u });
        assert.equal(cmp.cheaper, u > be ? "reserved" : "on-demand");
      }),
    );
  });
  it("reservedVsOnDemand({0.5, 0.2, 33%, 40 vCPUs}) is $4,818 on demand vs $5,840 reserved", () => {
    const r = reservedVsOnDemand({ onDemandUsdPerHour: 0.5, reservedUsdPerHour: 0.2, utilization: 0.33, units: 40 });
    close(r.onDemandUsdPerMonth, 4_818);
    close(r.reservedUsdPerMonth, 5_840);
    assert.equal(r.cheaper, "on-demand");
  });
  it("spotEffectivePrice({0.15, rerun 10%, checkpoint 5%, od 0.5}) is $0.175/h, a 65% discount, break-even rerun 68.5%", () => {
    const s = spotEffectivePrice({ spotUsdPerHour: 0.15, rerunFraction: 0.1, checkpointOverhead: 0.05, onDemandUsdPerHour: 0.5 });
    close(s.effectiveUsdPerHour, 0.175);
    close(s.effectiveDiscount!, 0.65);
    close(s.breakEvenRerunFraction!, 0.685);
    // at the break-even rerun fraction spot costs exactly on-demand
    close(spotEffectivePrice({ spotUsdPerHour: 0.15, rerunFraction: 0.685, checkpointOverhead: 0.05 }).effectiveUsdPerHour, 0.5);
  });
  it("spotEffectivePrice() never falls as interruptions or checkpoint overhead grow (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.98, noNaN: true }), fc.double({ min: 0, max: 0.98, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (r1, r2, c) => {
        const [lo, hi] = r1 <= r2 ? [r1, r2] : [r2, r1];
        const a = spotEffectivePrice({ spotUsdPerHour: 0.15, rerunFraction: lo, checkpointOverhead: c }).effectiveUsdPerHour;
        const b = spotEffectivePrice({ spotUsdPerHour: 0.15, rerunFraction: hi, checkpointOverhead: c }).effectiveUsdPerHour;
        assert.ok(a <= b && a >= 0.15);
      }),
    );
  });
  it("spotInterruptionOverhead({0.05/h, 1 h interval, 3 min checkpoint}) loses 2.5% and spends 5%; Young's interval √2 h", () => {
    const o = spotInterruptionOverhead({ interruptionsPerHour: 0.05, checkpointIntervalHours: 1, checkpointHours: 0.05 });
    close(o.rerunFraction, 0.025);
    close(o.checkpointOverhead, 0.05);
    close(o.optimalCheckpointIntervalHours!, Math.SQRT2);
    assert.equal(spotInterruptionOverhead({ interruptionsPerHour: 0, checkpointIntervalHours: 1, checkpointHours: 0 }).optimalCheckpointIntervalHours, null);
  });
  it("what-if helpers reject bad input with the exact message", () => {
    assert.throws(() => tornado({ model: () => NaN, inputs: { a: 1 } }), { name: "TypeError", message: "cost.tornado: model(inputs) must be a finite number, got NaN" });
    assert.throws(() => tornado({ model: (x) => x.a, inputs: { a: 1 }, change: 0 }), { message: "cost.tornado: change must be a finite number in (0, 1], got 0" });
    assert.throws(() => tornado({ model: (x) => x.a, inputs: { a: Infinity } }), { message: "cost.tornado: inputs.a must be a finite number, got Infinity" });
    assert.throws(() => tornado({ model: 3 as never, inputs: {} }), { message: "cost.tornado: model must be a function, got 3" });
    assert.throws(() => reservedBreakEven({ onDemandUsdPerHour: 0, reservedUsdPerHour: 0.2 }), { message: "cost.reservedBreakEven: onDemandUsdPerHour must be a finite number > 0, got 0" });
    assert.throws(() => reservedVsOnDemand({ onDemandUsdPerHour: 1, reservedUsdPerHour: 0.2, utilization: 1.5 }), {
      message: "cost.reservedVsOnDemand: utilization must be a finite number in [0, 1], got 1.5",
    });
    assert.throws(() => spotEffectivePrice({ spotUsdPerHour: 0.15, rerunFraction: 1 }), { message: "cost.spotEffectivePrice: rerunFraction must be a finite number in [0, 1), got 1" });
    assert.throws(() => spotInterruptionOverhead({ interruptionsPerHour: 3, checkpointIntervalHours: 1, checkpointHours: 0 }), {
      message: "cost.spotInterruptionOverhead: interruptionsPerHour must be < 1 / (checkpointIntervalHours / 2 + restartHours) = 2, got 3",
    });
    assert.throws(() => spotInterruptionOverhead({ interruptionsPerHour: 0.1, checkpointIntervalHours: 0, checkpointHours: 0 }), {
      message: "cost.spotInterruptionOverhead: checkpointIntervalHours must be a finite number > 0, got 0",
    });
  });
});
