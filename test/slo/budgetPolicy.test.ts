import { strict as assert } from "node:assert";
import fc from "fast-check";
import { BUDGET_ACTIONS, budgetAction, evaluateBudgetPolicy, incidentCosts, policyTimeline } from "../../src/slo/budgetPolicy";
import { type Incident, loadIncidents } from "../../src/slo/incidents";

const incident = (id: string, startUtc: string, impactMinutes: number, errorRatio: number): Incident => ({
  id, startUtc, durationMinutes: impactMinutes, impactMinutes, errorRatio, severity: "SEV2", service: "api", summary: "",
});

describe("slo/budgetPolicy", () => {
  describe("budgetAction", () => {
    // Course §5 "Actions based on budget": > 50% aggressive; 20–50% caution; 10–20% reliability; < 10% freeze; 0% emergency.
    it("budgetAction() follows the course table at 0.8, 0.3, 0.15, 0.05 and 0", () => {
      assert.deepEqual([0.8, 0.3, 0.15, 0.05, 0].map((r) => budgetAction(r).band), [
        "ship-aggressively", "ship-with-caution", "focus-on-reliability", "feature-freeze", "emergency",
      ]);
      assert.equal(budgetAction(0.8).action, "Ship new features aggressively");
      assert.equal(budgetAction(0).action, "Emergency: rollback, incident");
    });
    it("budgetAction() at exactly 50%, 20% and 10% is caution, caution and reliability (documented boundaries)", () => {
      assert.deepEqual([0.5, 0.2, 0.1].map((r) => budgetAction(r).band), ["ship-with-caution", "ship-with-caution", "focus-on-reliability"]);
    });
    it("budgetAction(1 − 0.8) is caution although 1 − 0.8 is 0.19999999999999996 in binary", () => {
      assert.equal(budgetAction(1 - 0.8).band, "ship-with-caution");
      assert.equal(budgetAction(1 - 0.9).band, "focus-on-reliability");
    });
    it("budgetAction() of an overspent budget (remaining < 0) is emergency", () => {
      assert.equal(budgetAction(-0.4).band, "emergency");
    });
    it("budgetAction() never moves to a less cautious band as the budget shrinks (property)", () => {
      const order = BUDGET_ACTIONS.map((r) => r.band);
      fc.assert(fc.property(fc.double({ min: -2, max: 1, noNaN: true }), fc.double({ min: -2, max: 1, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        assert.ok(order.indexOf(budgetAction(lo).band) >= order.indexOf(budgetAction(hi).band));
      }));
    });
    it("budgetAction() rejects a remaining budget above 1 and NaN", () => {
      assert.throws(() => budgetAction(1.5), { name: "RangeError", message: "slo.budgetAction: remainingFraction must be a finite number <= 1, got 1.5" });
      assert.throws(() => budgetAction(NaN), { name: "TypeError", message: "slo.budgetAction: remainingFraction must be a finite number <= 1, got NaN" });
    });
  });

  describe("incidentCosts", () => {
    // SRE Workbook App. B: a single incident consuming > 20% of the four-week budget needs a postmortem with a P0 action.
    it("incidentCosts() at 99.9% over 28 days measures against 40.32 minutes: 9 bad minutes = 22.3% → postmortem", () => {
      const [c] = incidentCosts({ incidents: [incident("a", "2025-01-01T00:00:00Z", 90, 0.1)], slo: 0.999 });
      assert.ok(Math.abs(c.badMinutes - 9) < 1e-12);
      assert.ok(Math.abs(c.budgetSpent - 9 / 40.32) < 1e-12);
      assert.equal(c.postmortemRequired, true);
    });
    it("incidentCosts() at exactly 20% of the budget does not require a postmortem (\"more than 20%\")", () => {
      const [c] = incidentCosts({ incidents: [incident("a", "2025-01-01T00:00:00Z", 8.064, 1)], slo: 0.999 });
      assert.equal(c.postmortemRequired, false);
    });
    it("incidentCosts() on data/incidents.csv finds the four incidents over 20%", () => {
      const costs = incidentCosts({ incidents: loadIncidents(), slo: 0.999 });
      assert.deepEqual(costs.filter((c) => c.postmortemRequired).map((c) => c.id), ["INC-2025-002", "INC-2025-005", "INC-2025-006", "INC-2025-011"]);
    });
    it("incidentCosts() rejects an incident with impact longer than its duration", () => {
      assert.throws(() => incidentCosts({ incidents: [{ ...incident("a", "2025-01-01T00:00:00Z", 5, 1), durationMinutes: 4 }], slo: 0.999 }), {
        name: "RangeError", message: "slo.incidentCosts: incidents[0].impactMinutes must be a finite number in [0, durationMinutes=4], got 5",
      });
    });
  });

  describe("evaluateBudgetPolicy", () => {
    it("evaluateBudgetPolicy() on 2025-03-31 finds the March incidents over budget (114%): halt changes", () => {
      const e = evaluateBudgetPolicy({ incidents: loadIncidents(), slo: 0.999, asOfUtc: "2025-03-31T00:00:00Z" });
      assert.deepEqual(e.incidents.map((c) => c.id), ["INC-2025-005", "INC-2025-006", "INC-2025-007"]);
      assert.ok(Math.abs(e.consumed - 46 / 40.32) < 1e-12);
      assert.equal(e.haltChanges, true);
      assert.equal(e.action.band, "emergency");
      assert.deepEqual(e.postmortemsRequired, ["INC-2025-005", "INC-2025-006"]);
    });
    it("evaluateBudgetPolicy() with the budget exactly spent (100%) does not halt: the Workbook says \"exceeded\"", () => {
      const e = evaluateBudgetPolicy({ incidents: [incident("a", "2025-01-10T00:00:00Z", 40.32, 1)], slo: 0.999, asOfUtc: "2025-01-20T00:00:00Z" });
      assert.equal(e.haltChanges, false);
      assert.equal(e.action.band, "emergency");
    });
    it("evaluateBudgetPolicy() counts only incidents in (asOf − 28 d, asOf]", () => {
      const log = [incident("old", "2025-01-01T00:00:00Z", 30, 1), incident("edge", "2025-01-29T00:00:00Z", 1, 1)];
      const e = evaluateBudgetPolicy({ incidents: log, slo: 0.999, asOfUtc: "2025-01-29T00:00:00Z" });
      assert.deepEqual(e.incidents.map((c) => c.id), ["edge"]); // 2025-01-01 is exactly 28 days earlier: outside
    });
    it("evaluateBudgetPolicy() consumption is additive over incidents and remaining = 1 − consumed (property)", () => {
      fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 27 }), fc.double({ min: 0, max: 60, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 10 }), (rows) => {
        const log = rows.map(([day, minutes, ratio], i) => incident(`i${i}`, `2025-02-${String(day + 1).padStart(2, "0")}T12:00:00Z`, minutes, ratio));
        const e = evaluateBudgetPolicy({ incidents: log, slo: 0.999, asOfUtc: "2025-02-28T23:59:00Z" });
        const expected = rows.reduce((s, [, minutes, ratio]) => s + minutes * ratio, 0) / 40.32;
        assert.ok(Math.abs(e.consumed - expected) < 1e-9);
        assert.equal(e.remaining, 1 - e.consumed);
        assert.equal(e.haltChanges, e.consumed > 1);
      }));
    });
    it("evaluateBudgetPolicy() rejects a time that is not ISO 8601 UTC", () => {
      assert.throws(() => evaluateBudgetPolicy({ incidents: [], slo: 0.999, asOfUtc: "31/03/2025" }), {
        name: "RangeError", message: 'slo.evaluateBudgetPolicy: asOfUtc must be an ISO 8601 UTC time like 2025-03-31T00:00:00Z, got "31/03/2025"',
      });
      assert.throws(() => evaluateBudgetPolicy({ incidents: [], slo: 0.999, asOfUtc: 5 as never }), {
        name: "TypeError", message: "slo.evaluateBudgetPolicy: asOfUtc must be an ISO 8601 UTC time like 2025-03-31T00:00:00Z, got 5",
      });
    });
  });

  describe("policyTimeline", () => {
    it("policyTimeline() over H1 2025 has 181 days and halts changes from 2025-03-12 to 2025-04-01", () => {
      const days = policyTimeline({ incidents: loadIncidents(), slo: 0.999, fromUtc: "2025-01-01T00:00:00Z", toUtc: "2025-06-30T00:00:00Z" });
      assert.equal(days.length, 181);
      const halted = days.filter((d) => d.haltChanges).map((d) => d.asOfUtc.slice(0, 10));
      assert.equal(halted[0], "2025-03-12"); // INC-2025-005 (32 min) + INC-2025-006 (9 min, 03-11) = 41 > 40.32
      assert.equal(halted[halted.length - 1], "2025-04-01"); // INC-2025-005 (03-04 14:10) leaves the window on 04-01 14:10
      assert.equal(halted.length, 21);
    });
    it("policyTimeline() rejects a range that runs backwards", () => {
      assert.throws(() => policyTimeline({ incidents: [], slo: 0.999, fromUtc: "2025-02-01T00:00:00Z", toUtc: "2025-01-01T00:00:00Z" }), {
        name: "RangeError", message: 'slo.policyTimeline: toUtc must be a day in [fromUtc, fromUtc + 3660 days] (fromUtc=2025-02-01T00:00:00.000Z), got "2025-01-01T00:00:00Z"',
      });
    });
  });
});
