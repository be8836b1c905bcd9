import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
  budgetSpentAtBurnRate, burnRate, burnRateThreshold, detectionTimeMinutes, timeToExhaustionMinutes,
} from "../../src/slo/burnRate";

const close = (actual: number, expected: number, tol = 1e-9): void =>
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${actual} is not close to ${expected}`);

describe("slo/burnRate", () => {
  describe("burnRate", () => {
    it("burnRate({errorRatio:0.01, slo:0.999}) is 10", () => {
      assert.equal(burnRate({ errorRatio: 0.01, slo: 0.999 }), 10);
    });
    it("burnRate({errorRatio:0.001, slo:0.999}) is exactly 1 (spends the budget over the period)", () => {
      assert.equal(burnRate({ errorRatio: 0.001, slo: 0.999 }), 1);
    });
    it("burnRate() rejects an error ratio above 1", () => {
      assert.throws(() => burnRate({ errorRatio: 1.5, slo: 0.999 }), { name: "RangeError", message: "slo.burnRate: errorRatio must be a probability in [0, 1], got 1.5" });
    });
  });

  describe("timeToExhaustionMinutes", () => {
    // SRE Workbook, "Alerting on SLOs", 99.9% over 30 days: burn 1 → 30 d, 2 → 15 d, 10 → 3 d, 1000 → 43 min (43.2).
    it("timeToExhaustionMinutes() at burn 1, 2, 10, 1000 is 30 d, 15 d, 3 d, 43.2 min (SRE Workbook)", () => {
      assert.equal(timeToExhaustionMinutes({ burnRate: 1 }), 30 * 1440);
      assert.equal(timeToExhaustionMinutes({ burnRate: 2 }), 15 * 1440);
      assert.equal(timeToExhaustionMinutes({ burnRate: 10 }), 3 * 1440);
      assert.equal(timeToExhaustionMinutes({ burnRate: 1000 }), 43.2);
    });
    it("timeToExhaustionMinutes({burnRate:0}) is Infinity, not NaN", () => {
      assert.equal(timeToExhaustionMinutes({ burnRate: 0 }), Infinity);
    });
    it("timeToExhaustionMinutes() × burnRate is the period (burn rate and exhaustion are inverse; property)", () => {
      fc.assert(fc.property(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 365 }), (rate, days) => {
        close(timeToExhaustionMinutes({ burnRate: rate, periodDays: days }) * rate, days * 1440);
      }));
    });
    it("timeToExhaustionMinutes() of burnRate(errorRatio) is the budget minutes over the error ratio (property)", () => {
      fc.assert(fc.property(fc.double({ min: 1e-6, max: 1, noNaN: true }), (ratio) => {
        const rate = burnRate({ errorRatio: ratio, slo: 0.999 });
        close(timeToExhaustionMinutes({ burnRate: rate }), 43.2 / ratio);
      }));
    });
    it("timeToExhaustionMinutes() rejects a negative burn rate", () => {
      assert.throws(() => timeToExhaustionMinutes({ burnRate: -1 }), { name: "RangeError", message: "slo.timeToExhaustionMinutes: burnRate must be a finite number >= 0, got -1" });
    });
  });

  describe("burnRateThreshold", () => {
    // SRE Workbook, "Alerting on SLOs": 2% in 1 h → 14.4; 5% in 6 h → 6; 10% in 3 d → 1; 5% in 1 h → 36.
    it("burnRateThreshold() gives the Workbook's 14.4, 6, 1 and 36", () => {
      assert.equal(burnRateThreshold({ fractionOfBudget: 0.02, windowMinutes: 60 }), 14.4);
      assert.equal(burnRateThreshold({ fractionOfBudget: 0.05, windowMinutes: 360 }), 6);
      assert.equal(burnRateThreshold({ fractionOfBudget: 0.1, windowMinutes: 3 * 1440 }), 1);
      assert.equal(burnRateThreshold({ fractionOfBudget: 0.05, windowMinutes: 60 }), 36);
    });
    it("budgetSpentAtBurnRate() inverts burnRateThreshold() (property)", () => {
      fc.assert(fc.property(
        fc.double({ min: 1e-4, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 43_200 }),
        (fraction, window) => {
          const threshold = burnRateThreshold({ fractionOfBudget: fraction, windowMinutes: window });
          close(budgetSpentAtBurnRate({ burnRate: threshold, windowMinutes: window }), fraction);
        },
      ));
    });
    it("burnRateThreshold() rejects a window longer than the period", () => {
      assert.throws(() => burnRateThreshold({ fractionOfBudget: 0.1, windowMinutes: 50_000 }), {
        name: "RangeError", message: "slo.burnRateThreshold: windowMinutes must be a finite number in (0, period=43200], got 50000",
      });
      assert.throws(() => burnRateThreshold({ fractionOfBudget: 0, windowMinutes: 60 }), {
        name: "RangeError", message: "slo.burnRateThreshold: fractionOfBudget must be a finite number in (0, 1], got 0",
      });
    });
  });

  describe("budgetSpentAtBurnRate", () => {
    it("budgetSpentAtBurnRate({burnRate:14.4, windowMinutes:60}) is 2% (SRE Workbook)", () => {
      close(budgetSpentAtBurnRate({ burnRate: 14.4, windowMinutes: 60 }), 0.02);
    });
    it("budgetSpentAtBurnRate() rejects NaN", () => {
      assert.throws(() => budgetSpentAtBurnRate({ burnRate: NaN, windowMinutes: 60 }), {
        name: "TypeError", message: "slo.budgetSpentAtBurnRate: burnRate must be a finite number >= 0, got NaN",
      });
    });
  });

  describe("detectionTimeMinutes", () => {
    // SRE Workbook: at a 100% error ratio the 1 h/14.4 alert needs 0.864 min; 6 h/6 needs 2.16 min; 3 d/1 needs 4.32 min.
    it("detectionTimeMinutes() for a 100% outage at 99.9% is 0.864, 2.16 and 4.32 min (SRE Workbook)", () => {
      close(detectionTimeMinutes({ errorRatio: 1, slo: 0.999, windowMinutes: 60, burnRateThreshold: 14.4 }), 0.864);
      close(detectionTimeMinutes({ errorRatio: 1, slo: 0.999, windowMinutes: 360, burnRateThreshold: 6 }), 2.16);
      close(detectionTimeMinutes({ errorRatio: 1, slo: 0.999, windowMinutes: 4320, burnRateThreshold: 1 }), 4.32);
    });
    it("detectionTimeMinutes() is Infinity when the burn rate never exceeds the threshold", () => {
      assert.equal(detectionTimeMinutes({ errorRatio: 0.0144, slo: 0.999, windowMinutes: 60, burnRateThreshold: 14.4 }), Infinity);
    });
    it("detectionTimeMinutes() rejects an error ratio of 0", () => {
      assert.throws(() => detectionTimeMinutes({ errorRatio: 0, slo: 0.999, windowMinutes: 60, burnRateThreshold: 14.4 }), {
        name: "RangeError", message: "slo.detectionTimeMinutes: errorRatio must be a probability in (0, 1], got 0",
      });
    });
  });
});
