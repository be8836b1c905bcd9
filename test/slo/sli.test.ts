import { strict as assert } from "node:assert";
import fc from "fast-check";
import { COURSE_SLIS, checkCompliance, courseCheckCompliance, defineSli, explainComplianceBug } from "../../src/slo/sli";

describe("slo/sli", () => {
  describe("COURSE_SLIS", () => {
    // Course §5 "Real-World SLOs": the pipeline SLOs dictionary, and "Error rate < 0.1%" from the SLO examples.
    it("COURSE_SLIS has the course's targets, units and a direction for each", () => {
      const rows = Object.values(COURSE_SLIS).map((s) => [s.name, s.target, s.unit, s.direction]);
      assert.deepEqual(rows, [
        ["latency_p50", 60, "seconds", "lower-is-better"],
        ["latency_p95", 300, "seconds", "lower-is-better"],
        ["availability", 0.999, "ratio", "higher-is-better"],
        ["freshness", 900, "seconds", "lower-is-better"],
        ["throughput", 10_000, "records_per_second", "higher-is-better"],
        ["error_rate", 0.001, "ratio", "lower-is-better"],
      ]);
    });
  });

  describe("checkCompliance", () => {
    it("checkCompliance(throughput, 12000) is compliant with a margin of 2000 records/s", () => {
      const r = checkCompliance(COURSE_SLIS.throughput, 12_000);
      assert.equal(r.compliant, true);
      assert.equal(r.margin, 2000);
    });
    it("checkCompliance(throughput, 8000) is a violation", () => {
      assert.equal(checkCompliance(COURSE_SLIS.throughput, 8000).compliant, false);
    });
    it("checkCompliance(latency_p95, 301) is a violation and 300 (on the target) complies", () => {
      assert.equal(checkCompliance(COURSE_SLIS.latency_p95, 301).compliant, false);
      assert.equal(checkCompliance(COURSE_SLIS.latency_p95, 300).compliant, true);
    });
    it("checkCompliance(availability, 0.9985) is a violation by 0.0005", () => {
      const r = checkCompliance(COURSE_SLIS.availability, 0.9985);
      assert.equal(r.compliant, false);
      assert.ok(Math.abs(r.margin + 0.0005) < 1e-12);
    });
    it("checkCompliance() is monotone in the SLI's direction (property)", () => {
      fc.assert(fc.property(
        fc.constantFrom(...Object.values(COURSE_SLIS)),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (sli, value, step) => {
          const better = sli.direction === "higher-is-better" ? value + step : value - step;
          if (checkCompliance(sli, value).compliant) assert.equal(checkCompliance(sli, better).compliant, true);
        },
      ));
    });
    it("checkCompliance() rejects NaN and a definition without a direction", () => {
      assert.throws(() => checkCompliance(COURSE_SLIS.throughput, NaN), { name: "TypeError", message: "slo.checkCompliance: value must be a finite number, got NaN" });
      assert.throws(() => checkCompliance({ ...COURSE_SLIS.throughput, direction: "up" as never }, 1), {
        name: "RangeError", message: 'slo.checkCompliance: sli.direction must be one of "higher-is-better", "lower-is-better", got "up"',
      });
    });
  });

  describe("courseCheckCompliance", () => {
    // The course's check_slo_compliance: `compliant = current_value <= target` for every SLI but availability.
    it("courseCheckCompliance(throughput, 12000) is false — the course's bug — while checkCompliance says true", () => {
      assert.equal(courseCheckCompliance(COURSE_SLIS.throughput, 12_000), false);
      assert.equal(checkCompliance(COURSE_SLIS.throughput, 12_000).compliant, true);
    });
    it("courseCheckCompliance(throughput, 8000) is true: the bug also passes a pipeline below its throughput target", () => {
      assert.equal(courseCheckCompliance(COURSE_SLIS.throughput, 8000), true);
    });
    it("courseCheckCompliance() agrees with checkCompliance() on every lower-is-better SLI and on availability (property)", () => {
      const agreeing = Object.values(COURSE_SLIS).filter((s) => s.direction === "lower-is-better" || s.name === "availability");
      fc.assert(fc.property(fc.constantFrom(...agreeing), fc.double({ min: -1e6, max: 1e6, noNaN: true }), (sli, value) => {
        assert.equal(courseCheckCompliance(sli, value), checkCompliance(sli, value).compliant);
      }));
    });
    it("courseCheckCompliance() rejects Infinity", () => {
      assert.throws(() => courseCheckCompliance(COURSE_SLIS.freshness, Infinity), { name: "TypeError", message: "slo.courseCheckCompliance: value must be a finite number, got Infinity" });
    });
  });

  describe("explainComplianceBug", () => {
    it("explainComplianceBug() flags throughput, and only throughput, on the course's SLIs", () => {
      const rows = explainComplianceBug();
      assert.deepEqual(rows.filter((r) => r.differs).map((r) => r.sli), ["throughput"]);
      const throughput = rows.find((r) => r.sli === "throughput");
      assert.equal(throughput?.courseSays, false);
      assert.equal(throughput?.correct, true);
      assert.match(throughput?.explanation ?? "", /12000 records_per_second against 10000 is called a violation/);
    });
    it("explainComplianceBug() on a custom higher-is-better SLI shows the bug too", () => {
      const uptime = defineSli({ name: "uptime", query: "avg(up)", target: 0.99, unit: "ratio", direction: "higher-is-better" });
      const [row] = explainComplianceBug([{ sli: uptime, value: 0.995 }]);
      assert.deepEqual([row.courseSays, row.correct, row.differs], [false, true, true]);
    });
    it("explainComplianceBug() rejects a measurement without a value", () => {
      assert.throws(() => explainComplianceBug([{ sli: COURSE_SLIS.throughput } as never]), {
        name: "TypeError", message: "slo.explainComplianceBug: measurements[0].value must be a finite number, got undefined",
      });
    });
  });

  describe("defineSli", () => {
    it("defineSli() keeps the fields and defaults the source to \"user\"", () => {
      const s = defineSli({ name: "p99", query: "histogram_quantile(0.99, x)", target: 1, unit: "seconds", direction: "lower-is-better" });
      assert.deepEqual(s, { name: "p99", query: "histogram_quantile(0.99, x)", target: 1, unit: "seconds", direction: "lower-is-better", source: "user" });
    });
    it("defineSli() rejects an unknown direction and a ratio target above 1", () => {
      assert.throws(() => defineSli({ name: "a", query: "q", target: 1, unit: "s", direction: "bigger" as never }), {
        name: "RangeError", message: 'slo.defineSli: direction must be one of "higher-is-better", "lower-is-better", got "bigger"',
      });
      assert.throws(() => defineSli({ name: "a", query: "q", target: 99.9, unit: "ratio", direction: "higher-is-better" }), {
        name: "RangeError", message: "slo.defineSli: target must be a finite number in [0, 1], got 99.9",
      });
      assert.throws(() => defineSli({ name: "", query: "q", target: 1, unit: "s", direction: "higher-is-better" }), {
        name: "RangeError", message: 'slo.defineSli: name must be a non-empty string, got ""',
      });
    });
  });
});
