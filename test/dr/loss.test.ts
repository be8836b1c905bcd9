import { strict as assert } from "node:assert";
import fc from "fast-check";
import { expectedAnnualLoss } from "../../src/dr/loss";

describe("dr/loss", () => {
  it("expectedAnnualLoss({0.5/yr, $10K/h down, $50K/h data, RTO 4 h, RPO 1 h}) is $20K + $25K = $45K", () => {
    assert.deepEqual(
      expectedAnnualLoss({ incidentsPerYear: 0.5, downtimeUsdPerHour: 10_000, dataLossUsdPerHour: 50_000, rtoMinutes: 240, rpoMinutes: 60 }),
      { downtimeUsd: 20_000, dataLossUsd: 25_000, totalUsd: 45_000 },
    );
  });
  it("expectedAnnualLoss() is monotone in RTO and in RPO (property)", () => {
    const d = fc.double({ min: 0, max: 1e4, noNaN: true });
    fc.assert(
      fc.property(d, d, d, d, d, fc.double({ min: 0, max: 10, noNaN: true }), (rto1, rto2, rpo1, rpo2, cost, rate) => {
        const f = (rto: number, rpo: number) =>
          expectedAnnualLoss({ incidentsPerYear: rate, downtimeUsdPerHour: cost, dataLossUsdPerHour: cost * 2, rtoMinutes: rto, rpoMinutes: rpo }).totalUsd;
        const [a, b] = rto1 <= rto2 ? [rto1, rto2] : [rto2, rto1];
        const [c, e] = rpo1 <= rpo2 ? [rpo1, rpo2] : [rpo2, rpo1];
        assert.ok(f(a, c) <= f(b, c) && f(a, c) <= f(a, e));
      }),
    );
  });
  it("expectedAnnualLoss() rejects bad input with the exact message", () => {
    const ok = { incidentsPerYear: 1, downtimeUsdPerHour: 1, dataLossUsdPerHour: 1, rtoMinutes: 1, rpoMinutes: 1 };
    assert.throws(() => expectedAnnualLoss({ ...ok, incidentsPerYear: -1 }), { name: "RangeError", message: "dr.expectedAnnualLoss: incidentsPerYear must be a finite number >= 0, got -1" });
    assert.throws(() => expectedAnnualLoss({ ...ok, rpoMinutes: NaN }), { name: "TypeError", message: "dr.expectedAnnualLoss: rpoMinutes must be a finite number >= 0, got NaN" });
  });
});
