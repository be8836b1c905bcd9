import { strict as assert } from "node:assert";
import fc from "fast-check";
import { type AlertFiring, type AlertRule, burnRateSeries, evaluateAlerts, multiwindowRule, workbookAlertRules } from "../../src/slo/alerting";
import { detectionTimeMinutes } from "../../src/slo/burnRate";

/**
 * The O(n·w) reference: every window re-summed with a loop, the firing
 * periods derived from the per-minute verdicts. Written independently of the
 * prefix-sum implementation; only the comparison form (bad > limit × total)
 * is shared, so that float rounding of a division cannot make the two disagree.
 */
function bruteForce(good: number[], total: number[], rule: AlertRule, slo: number): { firing: number[]; firings: AlertFiring[] } {
  const budget = Number((1 - slo).toFixed(12));
  const limit = rule.burnRateThreshold * budget;
  const windowExceeds = (t: number, w: number): boolean => {
    let bad = 0;
    let all = 0;
    for (let i = Math.max(0, t - w + 1); i <= t; i++) {
      bad += total[i] - good[i];
      all += total[i];
    }
    return all > 0 && bad > limit * all;
  };
  const firing = total.map((_, t) => (windowExceeds(t, rule.longWindowMinutes) && windowExceeds(t, rule.shortWindowMinutes) ? 1 : 0));
  const firings: AlertFiring[] = [];
  for (let t = 0; t < firing.length; t++) {
    if (firing[t] === 1 && (t === 0 || firing[t - 1] === 0)) {
      let end = t;
      while (end < firing.length && firing[end] === 1) end++;
      firings.push({ startMinute: t, endMinute: end, ongoing: end === firing.length });
    }
  }
  return { firing, firings };
}

/** Steady traffic with a constant error ratio during [start, start + duration). */
function steadySeries(minutes: number, perMinute: number, incident: { start: number; duration: number; badPerMinute: number }): { good: number[]; total: number[] } {
  const total = new Array<number>(minutes).fill(perMinute);
  const good = total.map((t, i) => (i >= incident.start && i < incident.start + incident.duration ? t - incident.badPerMinute : t));
  return { good, total };
}

describe("slo/alerting", () => {
  describe("workbookAlertRules", () => {
    // SRE Workbook, "Alerting on SLOs", recommended parameters for a 99.9% SLO.
    it("workbookAlertRules() is page 1h/5m @14.4, page 6h/30m @6, ticket 3d/6h @1 (SRE Workbook)", () => {
      assert.deepEqual(
        workbookAlertRules().map((r) => [r.severity, r.longWindowMinutes, r.shortWindowMinutes, r.burnRateThreshold]),
        [["page", 60, 5, 14.4], ["page", 360, 30, 6], ["ticket", 4320, 360, 1]],
      );
    });
    it("workbookAlertRules() short windows are 1/12 of the long ones", () => {
      for (const r of workbookAlertRules()) assert.equal(r.shortWindowMinutes * 12, r.longWindowMinutes);
    });
    it("workbookAlertRules() rejects a period shorter than the ticket window", () => {
      assert.throws(() => workbookAlertRules(2), { name: "RangeError", message: "slo.workbookAlertRules: periodDays must be a finite number >= 3 (the ticket rule's 3-day window), got 2" });
    });
  });

  describe("multiwindowRule", () => {
    it("multiwindowRule({page, 2%, 60 min}) is the Workbook's 1h/5m @14.4 rule", () => {
      assert.deepEqual(multiwindowRule({ severity: "page", fractionOfBudget: 0.02, longWindowMinutes: 60 }), {
        name: "page 1h/5m @14.4", severity: "page", longWindowMinutes: 60, shortWindowMinutes: 5, burnRateThreshold: 14.4,
      });
    });
    it("multiwindowRule({page, 5%, 60 min}) has the Workbook's burn rate 36", () => {
      assert.equal(multiwindowRule({ severity: "page", fractionOfBudget: 0.05, longWindowMinutes: 60 }).burnRateThreshold, 36);
    });
    it("multiwindowRule() rejects a short window longer than the long one and an unknown severity", () => {
      assert.throws(() => multiwindowRule({ severity: "page", fractionOfBudget: 0.02, longWindowMinutes: 60, shortWindowMinutes: 61 }), {
        name: "RangeError", message: "slo.multiwindowRule: shortWindowMinutes must be an integer in [1, longWindowMinutes=60], got 61",
      });
      assert.throws(() => multiwindowRule({ severity: "sms" as never, fractionOfBudget: 0.02, longWindowMinutes: 60 }), {
        name: "RangeError", message: 'slo.multiwindowRule: severity must be one of "page", "ticket", got "sms"',
      });
    });
  });

  describe("evaluateAlerts", () => {
    // A 100% outage at 99.9%, steady 1000 requests/min, three days of clean history first.
    // Workbook detection times: 0.864, 2.16, 4.32 min of full errors → per-minute evaluation fires after 1, 3, 5 minutes.
    const outage = steadySeries(6000, 1000, { start: 5000, duration: 60, badPerMinute: 1000 });
    const report = evaluateAlerts({ series: outage, slo: 0.999, incidents: [{ startMinute: 5000, durationMinutes: 60 }] });

    it("evaluateAlerts() detects a 100% outage after 1, 3 and 5 minutes (Workbook: 0.864, 2.16, 4.32 min)", () => {
      assert.deepEqual(report.rules.map((r) => r.detections[0].detectionDelayMinutes), [1, 3, 5]);
      assert.deepEqual(report.rules.map((r) => r.detections[0].detectedMinute), [5000, 5002, 5004]);
    });
    it("evaluateAlerts() reports the budget spent at detection: 1, 3 and 5 minutes of a 43.2-minute budget", () => {
      const spent = report.rules.map((r) => r.detections[0].incidentBudgetSpent as number);
      [1, 3, 5].forEach((m, i) => assert.ok(Math.abs(spent[i] - m / 43.2) < 1e-12, `${spent[i]} vs ${m / 43.2}`));
    });
    it("evaluateAlerts() resets each rule once its short window holds no bad minute (1h/5m: 5 minutes after the outage)", () => {
      assert.deepEqual(report.rules.map((r) => r.firings), [
        [{ startMinute: 5000, endMinute: 5064, ongoing: false }],
        [{ startMinute: 5002, endMinute: 5089, ongoing: false }],
        [{ startMinute: 5004, endMinute: 5419, ongoing: false }],
      ]);
      assert.deepEqual(report.rules.map((r) => r.firingMinutes), [64, 87, 415]);
    });
    it("evaluateAlerts() detects a 10% partial outage after 9, 22 and 44 minutes (Workbook: 8.64, 21.6, 43.2 min)", () => {
      const partial = steadySeries(10_000, 1000, { start: 5000, duration: 100, badPerMinute: 100 });
      const r = evaluateAlerts({ series: partial, slo: 0.999, incidents: [{ startMinute: 5000, durationMinutes: 100 }] });
      assert.deepEqual(r.rules.map((x) => x.detections[0].detectionDelayMinutes), [9, 22, 44]);
    });
    it("evaluateAlerts() detection delay is the Workbook's detection time rounded up to the next whole minute (property)", () => {
      const rules = workbookAlertRules();
      fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), (badPerMinute) => {
        const series = steadySeries(4320 + 1500, 1000, { start: 4320, duration: 1500, badPerMinute });
        const r = evaluateAlerts({ series, slo: 0.999, incidents: [{ startMinute: 4320, durationMinutes: 1500 }] });
        rules.forEach((rule, i) => {
          const x = detectionTimeMinutes({ errorRatio: badPerMinute / 1000, slo: 0.999, windowMinutes: rule.longWindowMinutes, burnRateThreshold: rule.burnRateThreshold });
          fc.pre(Math.abs(x - Math.round(x)) > 1e-9);
          const expected = x < 1500 ? Math.floor(x) + 1 : null;
          assert.equal(r.rules[i].detections[0].detectionDelayMinutes, expected);
        });
      }), { numRuns: 40 });
    });
    it("evaluateAlerts() equals the O(n·w) brute force on random small series (property)", () => {
      const series = fc.integer({ min: 1, max: 200 }).chain((n) => fc.tuple(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: n, maxLength: n }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
      ));
      const rule = fc.integer({ min: 1, max: 40 }).chain((long) => fc.record({
        long: fc.constant(long),
        short: fc.integer({ min: 1, max: long }),
        threshold: fc.constantFrom(0.5, 1, 6, 14.4, 36, 100),
      }));
      fc.assert(fc.property(series, fc.array(rule, { minLength: 1, maxLength: 3 }), fc.constantFrom(0.9, 0.99, 0.999), ([totals, badShares], specs, slo) => {
        const total = totals;
        const good = totals.map((t, i) => t - Math.floor(t * badShares[i] * badShares[i]));
        const rules: AlertRule[] = specs.map((s, i) => ({ name: `r${i}`, severity: "page", longWindowMinutes: s.long, shortWindowMinutes: s.short, burnRateThreshold: s.threshold }));
        const fast = evaluateAlerts({ series: { good, total }, slo, rules });
        rules.forEach((rule, i) => {
          const slow = bruteForce(good, total, rule, slo);
          assert.deepEqual(Array.from(fast.rules[i].firing), slow.firing);
          assert.deepEqual(fast.rules[i].firings, slow.firings);
        });
      }), { numRuns: 200 });
    });
    it("evaluateAlerts() never fires on windows without traffic", () => {
      const r = evaluateAlerts({ series: { good: [0, 0, 0], total: [0, 0, 0] }, slo: 0.999 });
      assert.deepEqual(r.rules.map((x) => x.firings.length), [0, 0, 0]);
    });
    it("evaluateAlerts() clips windows at the series start: a bad first minute fires every rule at minute 0", () => {
      const r = evaluateAlerts({ series: { good: [0, 100, 100], total: [100, 100, 100] }, slo: 0.999 });
      assert.deepEqual(r.rules.map((x) => x.firings[0]), [
        { startMinute: 0, endMinute: 3, ongoing: true },
        { startMinute: 0, endMinute: 3, ongoing: true },
        { startMinute: 0, endMinute: 3, ongoing: true },
      ]);
    });
    it("evaluateAlerts() reports an incident no rule fired on as missed (null), and a late alert is not a detection", () => {
      // 1% errors for 30 minutes: burn 10 < 14.4 for the 1 h rule; the 6 h rule needs 216 min; the ticket rule 432 min.
      const slowBurn = steadySeries(5000, 1000, { start: 4400, duration: 30, badPerMinute: 10 });
      const r = evaluateAlerts({ series: slowBurn, slo: 0.999, incidents: [{ startMinute: 4400, durationMinutes: 30 }] });
      assert.deepEqual(r.rules.map((x) => x.detections[0].detectedMinute), [null, null, null]);
      assert.deepEqual(r.rules[0].detections[0], {
        incidentStartMinute: 4400, incidentEndMinute: 4430, detectedMinute: null, detectionDelayMinutes: null, incidentBudgetSpent: null, periodBudgetSpent: null,
      });
    });
    it("evaluateAlerts() accepts typed arrays", () => {
      const r = evaluateAlerts({ series: { good: Float64Array.from(outage.good), total: Float64Array.from(outage.total) }, slo: 0.999 });
      assert.deepEqual(r.rules.map((x) => x.firings), report.rules.map((x) => x.firings));
    });
    it("evaluateAlerts() rejects mismatched lengths, good > total, NaN and an incident outside the series", () => {
      const where = "slo.evaluateAlerts";
      assert.throws(() => evaluateAlerts({ series: { good: [1], total: [1, 2] }, slo: 0.999 }), {
        name: "RangeError", message: `${where}: series.good must be an array of the same length as series.total (2), got an array of length 1`,
      });
      assert.throws(() => evaluateAlerts({ series: { good: [1, 3], total: [1, 2] }, slo: 0.999 }), {
        name: "RangeError", message: `${where}: series.good[1] must be a finite number in [0, total[1]=2], got 3`,
      });
      assert.throws(() => evaluateAlerts({ series: { good: [1, 1], total: [1, NaN] }, slo: 0.999 }), {
        name: "TypeError", message: `${where}: series.total[1] must be a finite number >= 0, got NaN`,
      });
      assert.throws(() => evaluateAlerts({ series: { good: [], total: [] }, slo: 0.999 }), {
        name: "RangeError", message: `${where}: series.total must be an array with length >= 1, got an array of length 0`,
      });
      assert.throws(() => evaluateAlerts({ series: { good: [1], total: [1] }, slo: 0.999, incidents: [{ startMinute: 1, durationMinutes: 1 }] }), {
        name: "RangeError", message: `${where}: incidents[0].startMinute must be an integer in [0, 0 (the last minute)], got 1`,
      });
      assert.throws(() => evaluateAlerts({ series: { good: [1], total: [1] }, slo: 0.999, periodDays: 1 }), {
        name: "RangeError", message: `${where}: periodDays must be a finite number >= 3 with the default rules (the ticket rule's 3-day window), got 1`,
      });
      assert.throws(() => evaluateAlerts({ series: { good: [1], total: [1] }, slo: 0.999, rules: [{ name: "x", severity: "page", longWindowMinutes: 5, shortWindowMinutes: 6, burnRateThreshold: 1 }] }), {
        name: "RangeError", message: `${where}: rules[0].shortWindowMinutes must be an integer in [1, longWindowMinutes=5], got 6`,
      });
    });
  });

  describe("burnRateSeries", () => {
    it("burnRateSeries() over 2 minutes with 1% errors in the second is [0, 5]", () => {
      assert.deepEqual(Array.from(burnRateSeries({ series: { good: [1000, 990], total: [1000, 1000] }, slo: 0.999, windowMinutes: 2 })), [0, 5]);
    });
    it("burnRateSeries() is the windowed error ratio over (1 − slo), recomputed by brute force (property)", () => {
      fc.assert(fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 100 }),
        fc.integer({ min: 1, max: 30 }),
        (rows, w) => {
          const total = rows.map(([t]) => t);
          const good = rows.map(([t, share]) => t - Math.floor(t * share));
          const fast = burnRateSeries({ series: { good, total }, slo: 0.99, windowMinutes: w });
          total.forEach((_, t) => {
            let bad = 0;
            let all = 0;
            for (let i = Math.max(0, t - w + 1); i <= t; i++) {
              bad += total[i] - good[i];
              all += total[i];
            }
            const expected = all > 0 ? bad / all / 0.01 : 0;
            assert.ok(Math.abs(fast[t] - expected) <= 1e-9 * Math.max(1, expected));
          });
        },
      ));
    });
    it("burnRateSeries() rejects a window of 0", () => {
      assert.throws(() => burnRateSeries({ series: { good: [1], total: [1] }, slo: 0.999, windowMinutes: 0 }), {
        name: "RangeError", message: "slo.burnRateSeries: windowMinutes must be an integer >= 1, got 0",
      });
    });
  });
});
