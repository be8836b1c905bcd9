import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { INCIDENT_COLUMNS, badMinutes, loadIncidents, parseIncidents } from "../../src/slo/incidents";

const header = INCIDENT_COLUMNS.join(",");

describe("slo/incidents", () => {
  describe("loadIncidents", () => {
    it("loadIncidents() reads the 14 synthetic incidents of data/incidents.csv, sorted by start", () => {
      const log = loadIncidents();
      assert.equal(log.length, 14);
      assert.equal(log[0].id, "INC-2025-001");
      for (let i = 1; i < log.length; i++) assert.ok(Date.parse(log[i - 1].startUtc) <= Date.parse(log[i].startUtc));
    });
    it("loadIncidents() marks every row of data/incidents.csv as synthetic", () => {
      const lines = readFileSync(join(__dirname, "..", "..", "data", "incidents.csv"), "utf8").trim().split("\n").slice(1);
      assert.ok(lines.every((l) => l.endsWith(",synthetic")));
    });
    it("loadIncidents() reports a missing file", () => {
      assert.throws(() => loadIncidents("/nonexistent/incidents.csv"), /ENOENT/);
      assert.throws(() => loadIncidents(""), { name: "RangeError", message: 'slo.loadIncidents: path must be a non-empty string, got ""' });
    });
  });

  describe("parseIncidents", () => {
    it("parseIncidents() reads quoted summaries with commas", () => {
      const [inc] = parseIncidents(`${header}\nA,2025-01-01T00:00:00Z,10,5,0.5,SEV1,api,"down, then up"\n`);
      assert.deepEqual(inc, { id: "A", startUtc: "2025-01-01T00:00:00Z", durationMinutes: 10, impactMinutes: 5, errorRatio: 0.5, severity: "SEV1", service: "api", summary: "down, then up" });
    });
    it("parseIncidents() names the row and column of a bad field", () => {
      assert.throws(() => parseIncidents(`${header}\nA,2025-01-01T00:00:00Z,10,5,1.5,SEV1,api,x\n`), {
        name: "RangeError", message: "slo.parseIncidents: row 1.errorRatio must be a probability in [0, 1], got 1.5",
      });
      assert.throws(() => parseIncidents(`${header}\nA,2025-01-01T00:00:00Z,,5,0.5,SEV1,api,x\n`), {
        name: "TypeError", message: "slo.parseIncidents: row 1.durationMinutes must be a finite number >= 0, got NaN",
      });
      assert.throws(() => parseIncidents(`${header}\nA,yesterday,10,5,0.5,SEV1,api,x\n`), {
        name: "RangeError", message: 'slo.parseIncidents: row 1.startUtc must be an ISO 8601 UTC time like 2025-03-04T14:10:00Z, got "yesterday"',
      });
      assert.throws(() => parseIncidents(`${header}\nA,2025-01-01T00:00:00Z,10,5,0.5,P1,api,x\n`), {
        name: "RangeError", message: 'slo.parseIncidents: row 1.severity must be one of "SEV1", "SEV2", "SEV3", got "P1"',
      });
    });
    it("parseIncidents() rejects a CSV without the required columns", () => {
      assert.throws(() => parseIncidents("id,start\nA,B\n"), {
        name: "RangeError", message: 'slo.parseIncidents: csvText must be a CSV with a "start_utc" column, got "id,start"',
      });
    });
  });

  describe("badMinutes", () => {
    it("badMinutes() of INC-2025-005 (32 impact minutes at 100%) is 32", () => {
      const inc = loadIncidents().find((i) => i.id === "INC-2025-005");
      assert.equal(inc === undefined ? NaN : badMinutes(inc), 32);
    });
    it("badMinutes() rejects a negative impact", () => {
      assert.throws(() => badMinutes({ id: "a", startUtc: "2025-01-01T00:00:00Z", durationMinutes: 5, impactMinutes: -1, errorRatio: 1, severity: "SEV1", service: "x", summary: "" }), {
        name: "RangeError", message: "slo.badMinutes: incident.impactMinutes must be a finite number in [0, durationMinutes=5], got -1",
      });
    });
  });
});
