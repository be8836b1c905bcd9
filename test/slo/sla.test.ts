import { strict as assert } from "node:assert";
import fc from "fast-check";
import { AWS_COMPUTE_OPTIMIZER_SLA, COURSE_SLA, availabilityFromDowntime, slaCredit, sloSlaGap } from "../../src/slo/sla";

describe("slo/sla", () => {
  describe("slaCredit", () => {
    // Course §5: "99.9% uptime (43 minutes downtime/month)", "If violated: 10% refund".
    it("slaCredit({0.998, bill 10000}) under the course SLA is a 10% refund: 1000", () => {
      const c = slaCredit({ measuredAvailability: 0.998, monthlyBill: 10_000 });
      assert.deepEqual(c, { sla: "course example", measuredAvailability: 0.998, met: false, creditPercent: 10, credit: 1000 });
    });
    it("slaCredit() at exactly 99.9% owes nothing (the tier is \"less than\")", () => {
      assert.deepEqual([slaCredit({ measuredAvailability: 0.999 }).met, slaCredit({ measuredAvailability: 0.999 }).creditPercent], [true, 0]);
    });
    it("slaCredit() at 43 minutes of downtime in a 30-day month meets the course SLA, at 44 it does not (budget 43.2 min)", () => {
      assert.equal(slaCredit({ measuredAvailability: availabilityFromDowntime({ downtimeMinutes: 43 }) }).met, true);
      assert.equal(slaCredit({ measuredAvailability: availabilityFromDowntime({ downtimeMinutes: 44 }) }).creditPercent, 10);
    });
    // AWS Compute Optimizer SLA (updated 2022-05-04): < 99.9% → 10%, < 99.0% → 25%, < 95.0% → 100%.
    it("slaCredit() under the AWS Compute Optimizer tiers is 10%, 25% and 100% at 99.5%, 98% and 90%", () => {
      assert.deepEqual([0.995, 0.98, 0.9, 0.9995].map((a) => slaCredit({ measuredAvailability: a, sla: AWS_COMPUTE_OPTIMIZER_SLA }).creditPercent), [10, 25, 100, 0]);
    });
    it("slaCredit() never decreases as availability falls (property)", () => {
      fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const sla = AWS_COMPUTE_OPTIMIZER_SLA;
        assert.ok(slaCredit({ measuredAvailability: lo, sla }).creditPercent >= slaCredit({ measuredAvailability: hi, sla }).creditPercent);
      }));
    });
    it("slaCredit() rejects an availability of 99.9 (a percentage, not a fraction) and a tier above the commitment", () => {
      assert.throws(() => slaCredit({ measuredAvailability: 99.9 }), { name: "RangeError", message: "slo.slaCredit: measuredAvailability must be a finite number in [0, 1], got 99.9" });
      assert.throws(() => slaCredit({ measuredAvailability: 0.9, sla: { ...COURSE_SLA, tiers: [{ availabilityBelow: 0.9999, creditPercent: 5 }] } }), {
        name: "RangeError", message: "slo.slaCredit: sla.tiers must be tiers whose availabilityBelow is <= committedAvailability=0.999, got an array of length 1",
      });
      assert.throws(() => slaCredit({ measuredAvailability: 0.9, monthlyBill: -1 }), { name: "RangeError", message: "slo.slaCredit: monthlyBill must be a finite number >= 0, got -1" });
    });
  });

  describe("availabilityFromDowntime", () => {
    it("availabilityFromDowntime({43.2 min}) is 0.999 over 30 days", () => {
      assert.ok(Math.abs(availabilityFromDowntime({ downtimeMinutes: 43.2 }) - 0.999) < 1e-15);
    });
    it("availabilityFromDowntime() rejects more downtime than the period", () => {
      assert.throws(() => availabilityFromDowntime({ downtimeMinutes: 1441, periodDays: 1 }), {
        name: "RangeError", message: "slo.availabilityFromDowntime: downtimeMinutes must be a finite number in [0, period=1440], got 1441",
      });
    });
  });

  describe("sloSlaGap", () => {
    it("sloSlaGap({slo:0.9995}) leaves 21.6 minutes between the SLO's budget and the course SLA's 43.2", () => {
      assert.deepEqual(sloSlaGap({ slo: 0.9995 }), { sloBudgetMinutes: 21.6, slaBudgetMinutes: 43.2, marginMinutes: 21.6, sloStricterThanSla: true });
    });
    it("sloSlaGap({slo:0.99}) is looser than the SLA: negative margin", () => {
      const g = sloSlaGap({ slo: 0.99 });
      assert.equal(g.sloStricterThanSla, false);
      assert.ok(g.marginMinutes < 0);
    });
    it("sloSlaGap() rejects an slo of 0", () => {
      assert.throws(() => sloSlaGap({ slo: 0 }), { name: "RangeError", message: "slo.sloSlaGap: slo must be a finite number in (0, 1), got 0" });
    });
  });
});
