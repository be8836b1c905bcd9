import { strict as assert } from "node:assert";
import fc from "fast-check";
import { syntheticSeries } from "../../src/slo/series";
import { evaluateAlerts } from "../../src/slo/alerting";

const sum = (xs: ArrayLike<number>, from = 0, to = xs.length): number => {
  let s = 0;
  for (let i = from; i < to; i++) s += xs[i];
  return s;
};

describe("slo/series", () => {
  describe("syntheticSeries", () => {
    it("syntheticSeries() of the same options again is equal, and editing a result does not change the next one (recent series are cached as copies)", () => {
      const options = { seed: 11, days: 2, incidentsPerYear: 400 };
      const first = syntheticSeries(options);
      const pristine = { good: first.good.slice(), total: first.total.slice(), incidents: first.incidents.map((i) => ({ ...i })) };
      first.good.fill(0);
      first.total[0] = -1;
      (first.incidents as unknown as { startMinute: number }[]).forEach((i) => (i.startMinute = 0));
      const again = syntheticSeries(options);
      assert.deepEqual(again.good, pristine.good);
      assert.deepEqual(again.total, pristine.total);
      assert.deepEqual(again.incidents, pristine.incidents);
      assert.notDeepEqual(syntheticSeries({ ...options, requestsPerMinute: 999 }).total, pristine.total);
      assert.throws(() => syntheticSeries({ ...options, days: 0 }), RangeError);
    });

    it("syntheticSeries({seed:1}) is a year of minutes: 525,600 points", () => {
      const s = syntheticSeries({ seed: 1 });
      assert.equal(s.total.length, 525_600);
      assert.equal(s.good.length, 525_600);
    });
    it("syntheticSeries({seed:2025}) is pinned: the series data/sli-series.md documents (first minutes, 18 incidents)", () => {
      const s = syntheticSeries({ seed: 2025 });
      assert.deepEqual(Array.from(s.total.subarray(0, 4)), [534, 549, 505, 609]);
      assert.deepEqual(Array.from(s.good.subarray(0, 4)), [534, 549, 504, 608]);
      assert.equal(s.incidents.length, 18);
      assert.deepEqual([s.incidents[0].kind, s.incidents[0].startMinute, s.incidents[0].durationMinutes], ["slow-burn", 19605, 1991]);
    });
    it("syntheticSeries() gives the same series for the same seed and a different one for another seed", () => {
      const a = syntheticSeries({ seed: 42, days: 3 });
      const b = syntheticSeries({ seed: 42, days: 3 });
      const c = syntheticSeries({ seed: 43, days: 3 });
      assert.deepEqual(a.good, b.good);
      assert.deepEqual(a.total, b.total);
      assert.deepEqual(a.incidents, b.incidents);
      assert.notDeepEqual(a.total, c.total);
    });
    it("syntheticSeries() counts are whole numbers with 0 <= good <= total (property over seeds)", () => {
      fc.assert(fc.property(fc.integer(), (seed) => {
        const s = syntheticSeries({ seed, days: 1, incidentsPerYear: 2000 });
        for (let i = 0; i < s.total.length; i++) {
          assert.ok(Number.isInteger(s.total[i]) && Number.isInteger(s.good[i]));
          assert.ok(s.good[i] >= 0 && s.good[i] <= s.total[i]);
        }
      }), { numRuns: 10 });
    });
    it("syntheticSeries() without incidents has the requested mean traffic (±1%) and error ratio × (1 + 0.5·0.5/2) (±5%)", () => {
      const s = syntheticSeries({ seed: 7, days: 30, incidents: [], requestsPerMinute: 1000, baseErrorRatio: 0.0002 });
      const total = sum(s.total);
      assert.ok(Math.abs(total / s.total.length / 1000 - 1) < 0.01, `mean ${total / s.total.length}`);
      const errorRatio = (total - sum(s.good)) / total;
      // Errors and traffic peak together, so the request-weighted ratio is base × (1 + trafficAmp × errorAmp × E[sin²]) = 1.125 × base.
      assert.ok(Math.abs(errorRatio / (0.0002 * 1.125) - 1) < 0.05, `error ratio ${errorRatio}`);
    });
    it("syntheticSeries() has daily seasonality: more traffic at 14:00 than at 02:00", () => {
      const s = syntheticSeries({ seed: 3, days: 7, incidents: [] });
      let peak = 0;
      let trough = 0;
      for (let d = 0; d < 7; d++) {
        peak += sum(s.total, d * 1440 + 14 * 60 - 30, d * 1440 + 14 * 60 + 30);
        trough += sum(s.total, d * 1440 + 2 * 60 - 30, d * 1440 + 2 * 60 + 30);
      }
      assert.ok(peak / trough > 2.5, `peak/trough ${peak / trough}`); // (1 + 0.5) / (1 − 0.5) = 3 at the extremes
    });
    it("syntheticSeries() injects a given outage: every request fails during it and the 1h/5m rule detects it in a minute", () => {
      const s = syntheticSeries({ seed: 5, days: 4, incidents: [{ kind: "outage", startMinute: 4500, durationMinutes: 20, errorRatio: 1 }] });
      for (let t = 4500; t < 4520; t++) assert.equal(s.good[t], 0);
      const r = evaluateAlerts({ series: s, slo: 0.999, incidents: s.incidents });
      assert.equal(r.rules[0].detections[0].detectionDelayMinutes, 1);
    });
    it("syntheticSeries() draws about incidentsPerYear incidents, all inside the series", () => {
      const counts = [1, 2, 3, 4, 5].map((seed) => syntheticSeries({ seed, days: 365, incidentsPerYear: 12, baseErrorRatio: 0 }).incidents);
      const mean = counts.reduce((s, c) => s + c.length, 0) / counts.length;
      assert.ok(mean > 6 && mean < 18, `mean ${mean}`);
      for (const incidents of counts) {
        for (const inc of incidents) assert.ok(inc.startMinute >= 0 && inc.startMinute + inc.durationMinutes <= 525_600);
      }
    });
    it("syntheticSeries() rejects a missing seed, a zero-length series and an incident outside it", () => {
      assert.throws(() => syntheticSeries({} as never), { name: "TypeError", message: "slo.syntheticSeries: seed must be an integer in [-9007199254740991, 9007199254740991], got undefined" });
      assert.throws(() => syntheticSeries({ seed: 1, days: 0 }), { name: "RangeError", message: "slo.syntheticSeries: days must be an integer in [1, 3660], got 0" });
      assert.throws(() => syntheticSeries({ seed: 1, days: 1, incidents: [{ kind: "outage", startMinute: 1440, durationMinutes: 5, errorRatio: 1 }] }), {
        name: "RangeError", message: "slo.syntheticSeries: incidents[0].startMinute must be an integer in [0, 1439 (the last minute)], got 1440",
      });
      assert.throws(() => syntheticSeries({ seed: 1, trafficDailyAmplitude: 1 }), {
        name: "RangeError", message: "slo.syntheticSeries: trafficDailyAmplitude must be a finite number in [0, 1), got 1",
      });
      // Uncapped, 1e9 a year over the default 365 days drew a billion incident objects (out of memory).
      assert.throws(() => syntheticSeries({ seed: 1, days: 1, incidentsPerYear: 1e9 }), {
        name: "RangeError", message: "slo.syntheticSeries: incidentsPerYear must be a finite number in [0, 100000], got 1000000000",
      });
    });
  });
});
