import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
  budgetConsumption, consumptionFromCounts, courseWeeklyExample, errorBudget, remainingBudget,
} from "../../src/slo/errorBudget";

const close = (actual: number, expected: number, tol = 1e-12): void =>
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} is not within ${tol} of ${expected}`);

describe("slo/errorBudget", () => {
  describe("errorBudget", () => {
    // Google SRE book, Appendix A (30-day month): 99.9% → 43.2 min, 99.95% → 21.6 min, 99.99% → 4.32 min, 99% → 7.2 h.
    it("errorBudget({slo:0.999}) is 43.2 minutes per 30 days (SRE book App. A)", () => {
      const b = errorBudget({ slo: 0.999 });
      assert.equal(b.budgetMinutes, 43.2);
      assert.equal(b.budgetFraction, 0.001);
      assert.equal(b.periodMinutes, 43_200);
    });
    it("errorBudget() matches the SRE book's monthly column for 99%, 99.95%, 99.99%", () => {
      assert.equal(errorBudget({ slo: 0.99 }).budgetMinutes, 7.2 * 60);
      assert.equal(errorBudget({ slo: 0.9995 }).budgetMinutes, 21.6);
      assert.equal(errorBudget({ slo: 0.9999 }).budgetMinutes, 4.32);
    });
    it("errorBudget({slo:0.999, periodDays:1}) is 1.44 minutes (SRE book App. A, per day)", () => {
      assert.equal(errorBudget({ slo: 0.999, periodDays: 1 }).budgetMinutes, 1.44);
    });
    it("errorBudget() rejects an slo of 1, NaN and a period of 0", () => {
      assert.throws(() => errorBudget({ slo: 1 }), { name: "RangeError", message: "slo.errorBudget: slo must be a finite number in (0, 1), got 1" });
      assert.throws(() => errorBudget({ slo: NaN }), { name: "TypeError", message: "slo.errorBudget: slo must be a finite number in (0, 1), got NaN" });
      assert.throws(() => errorBudget({ slo: 0.999, periodDays: 0 }), { message: "slo.errorBudget: periodDays must be a finite number in (0, 36525], got 0" });
      // 1e308 days would overflow the minutes to Infinity.
      assert.throws(() => errorBudget({ slo: 0.999, periodDays: 1e308 }), {
        name: "RangeError",
        message: "slo.errorBudget: periodDays must be a finite number in (0, 36525], got 1e+308",
      });
      assert.throws(() => errorBudget(null as never), { name: "TypeError", message: "slo.errorBudget: options must be an object, got null" });
    });
  });

  describe("budgetConsumption", () => {
    it("budgetConsumption([10,5,15,0] at 99.9%) consumes 30/43.2 = 69.4% (course §5 weekly example)", () => {
      const c = budgetConsumption({ slo: 0.999, downtimeMinutes: [10, 5, 15, 0] });
      assert.deepEqual(c.perEvent, [10 / 43.2, 5 / 43.2, 15 / 43.2, 0]);
      assert.equal(c.consumed, 30 / 43.2);
      close(c.remaining, 1 - 30 / 43.2);
      assert.equal(c.downtimeMinutes, 30);
    });
    it("budgetConsumption() with no events consumes nothing", () => {
      assert.equal(budgetConsumption({ slo: 0.999, downtimeMinutes: [] }).consumed, 0);
    });
    it("budgetConsumption() is additive over events and remaining = 1 − consumed (property)", () => {
      fc.assert(fc.property(
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { maxLength: 20 }),
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { maxLength: 20 }),
        fc.constantFrom(0.99, 0.999, 0.9995, 0.9999),
        (a, b, slo) => {
          const ca = budgetConsumption({ slo, downtimeMinutes: a }).consumed;
          const cb = budgetConsumption({ slo, downtimeMinutes: b }).consumed;
          const both = budgetConsumption({ slo, downtimeMinutes: [...a, ...b] });
          close(both.consumed, ca + cb, 1e-9);
          close(both.perEvent.reduce((s, x) => s + x, 0), both.consumed, 1e-9);
          assert.equal(both.remaining, 1 - both.consumed);
        },
      ));
    });
    it("budgetConsumption() names the bad event", () => {
      assert.throws(() => budgetConsumption({ slo: 0.999, downtimeMinutes: [1, -2] }), {
        name: "RangeError", message: "slo.budgetConsumption: downtimeMinutes[1] must be a finite number >= 0, got -2",
      });
      assert.throws(() => budgetConsumption({ slo: 0.999, downtimeMinutes: 5 as never }), {
        name: "TypeError", message: "slo.budgetConsumption: downtimeMinutes must be an array with length >= 0, got 5",
      });
    });
  });

  describe("consumptionFromCounts", () => {
    it("consumptionFromCounts({slo:0.999, good:999500, total:1e6}) consumes half the budget", () => {
      const c = consumptionFromCounts({ slo: 0.999, good: 999_500, total: 1_000_000 });
      assert.equal(c.badEvents, 500);
      assert.equal(c.allowedBadEvents, 1000);
      assert.equal(c.consumed, 0.5);
      assert.equal(c.remaining, 0.5);
      assert.equal(c.errorRatio, 0.0005);
    });
    it("consumptionFromCounts() with no events consumes nothing (never NaN)", () => {
      const c = consumptionFromCounts({ slo: 0.999, good: 0, total: 0 });
      assert.equal(c.consumed, 0);
      assert.equal(c.errorRatio, 0);
    });
    it("consumptionFromCounts() agrees with budgetConsumption() for one request per minute (property)", () => {
      fc.assert(fc.property(fc.integer({ min: 0, max: 43_200 }), (downMinutes) => {
        const fromCounts = consumptionFromCounts({ slo: 0.999, good: 43_200 - downMinutes, total: 43_200 }).consumed;
        const fromTime = budgetConsumption({ slo: 0.999, downtimeMinutes: [downMinutes] }).consumed;
        close(fromCounts, fromTime, 1e-9);
      }));
    });
    it("consumptionFromCounts() rejects good > total", () => {
      assert.throws(() => consumptionFromCounts({ slo: 0.999, good: 11, total: 10 }), {
        name: "RangeError", message: "slo.consumptionFromCounts: good must be a finite number in [0, total=10], got 11",
      });
    });
  });

  describe("remainingBudget", () => {
    it("remainingBudget(0.7) is 0.3 and remainingBudget(1.25) is −0.25 (overspent)", () => {
      close(remainingBudget(0.7), 0.3);
      assert.equal(remainingBudget(1.25), -0.25);
    });
    it("remainingBudget() rejects a negative consumption", () => {
      assert.throws(() => remainingBudget(-0.1), { name: "RangeError", message: "slo.remainingBudget: consumedFraction must be a finite number >= 0, got -0.1" });
    });
  });

  describe("courseWeeklyExample", () => {
    // Course §5: "10/43 = 23%", "5/43 = 12%", "15/43 = 35%", "0%", "Total: 30/43 = 70%".
    it("courseWeeklyExample() reproduces the course's 23%, 12%, 35%, 0% and 70%", () => {
      const rows = courseWeeklyExample();
      assert.deepEqual(rows.map((r) => r.coursePercent), [23, 12, 35, 0, 70]);
      assert.equal(rows[4].courseFraction, 30 / 43);
    });
    it("courseWeeklyExample() with the exact 43.2-minute budget rounds to the same weeks but 69% in total", () => {
      const rows = courseWeeklyExample();
      assert.deepEqual(rows.map((r) => r.exactPercent), [23, 12, 35, 0, 69]);
      assert.deepEqual(rows.map((r) => r.roundedDiffers), [false, false, false, false, true]);
      close(rows[4].exactFraction, 0.69444444444, 1e-10);
    });
    it("courseWeeklyExample() rejects a negative week", () => {
      assert.throws(() => courseWeeklyExample([1, -1]), { message: "slo.courseWeeklyExample: downtimeMinutes[1] must be a finite number >= 0, got -1" });
    });
  });
});
