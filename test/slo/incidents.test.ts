import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
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
    it("loadIncidents() reports a missing file by name", () => {
      assert.throws(() => loadIncidents("/nonexistent/incidents.csv"), {
        name: "RangeError", message: 'slo.loadIncidents: path must be a readable file, got "/nonexistent/incidents.csv"',
      });
      assert.throws(() => loadIncidents(""), { name: "RangeError", message: 'slo.loadIncidents: path must be a non-empty string, got ""' });
    });
    it("loadIncidents() of an edited copy names the file, line and column of the bad cell", () => {
      const dir = mkdtempSync(join(tmpdir(), "incidents-"));
      const path = join(dir, "incidents.csv");
      const shipped = readFileSync(join(__dirname, "..", "..", "data", "incidents.csv"), "utf8").split("\n");
      try {
        writeFileSync(path, [shipped[0], shipped[1], shipped[2].replace(/,\d+,(\d+),/, ",0x40,$1,"), ...shipped.slice(3)].join("\n"));
        assert.throws(() => loadIncidents(path), { name: "TypeError", message: 'slo.loadIncidents: column "duration_minutes" at incidents.csv line 3 must be a finite number >= 0, got "0x40"' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe("parseIncidents", () => {
    it("parseIncidents() reads quoted summaries with commas", () => {
      const [inc] = parseIncidents(`${header}\nA,2025-01-01T00:00:00Z,10,5,0.5,SEV1,api,"down, then up"\n`);
      assert.deepEqual(inc, { id: "A", startUtc: "2025-01-01T00:00:00Z", durationMinutes: 10, impactMinutes: 5, errorRatio: 0.5, severity: "SEV1", service: "api", summary: "down, then up" });
    });
    it("parseIncidents() names the file, line and column of a bad field", () => {
      assert.throws(() => parseIncidents(`${header}\nA,2025-01-01T00:00:00Z,10,5,1.5,SEV1,api,x\n`, "incidents.csv"), {
        name: "RangeError", message: 'slo.parseIncidents: column "error_ratio" at incidents.csv line 2 must be a probability in [0, 1], got 1.5',
      });
      assert.throws(() => parseIncidents(`${header}\nA,2025-01-01T00:00:00Z,,5,0.5,SEV1,api,x\n`), {
        name: "TypeError", message: 'slo.parseIncidents: column "duration_minutes" at incident log line 2 must be a finite number >= 0, got ""',
      });
      assert.throws(() => parseIncidents(`${header}\nA,yesterday,10,5,0.5,SEV1,api,x\n`), {
        name: "RangeError", message: 'slo.parseIncidents: column "start_utc" at incident log line 2 must be a real ISO 8601 UTC time like 2025-03-04T14:10:00Z, got "yesterday"',
      });
      assert.throws(() => parseIncidents(`${header}\nA,2025-01-01T00:00:00Z,10,5,0.5,P1,api,x\n`), {
        name: "RangeError", message: 'slo.parseIncidents: column "severity" at incident log line 2 must be one of "SEV1", "SEV2", "SEV3", got "P1"',
      });
      assert.throws(() => parseIncidents(`${header}\nA,2025-01-01T00:00:00Z,10,20,0.5,SEV1,api,x\n`), {
        name: "RangeError", message: 'slo.parseIncidents: column "impact_minutes" at incident log line 2 must be a finite number in [0, duration_minutes=10], got 20',
      });
    });
    it("parseIncidents() refuses impossible dates, non-decimal numbers and duplicate ids", () => {
      assert.throws(() => parseIncidents(`${header}\nA,2025-02-30T10:00:00Z,10,5,0.5,SEV1,api,x\n`), {
        name: "RangeError", message: 'slo.parseIncidents: column "start_utc" at incident log line 2 must be a real ISO 8601 UTC time like 2025-03-04T14:10:00Z, got "2025-02-30T10:00:00Z"',
      });
      assert.throws(() => parseIncidents(`${header}\nA,2025-01-01T24:00:00Z,10,5,0.5,SEV1,api,x\n`), { message: /start_utc" at incident log line 2/ });
      for (const text of ["0x40", "1e", "Infinity", "1_0"]) {
        assert.throws(() => parseIncidents(`${header}\nA,2025-01-01T00:00:00Z,${text},5,0.5,SEV1,api,x\n`), {
          name: "TypeError", message: `slo.parseIncidents: column "duration_minutes" at incident log line 2 must be a finite number >= 0, got "${text}"`,
        });
      }
      assert.throws(() => parseIncidents(`${header}\nA,2025-01-01T00:00:00Z,10,5,0.5,SEV1,api,x\n\nA,2025-01-02T00:00:00Z,10,5,0.5,SEV1,api,y\n`), {
        name: "RangeError", message: 'slo.parseIncidents: column "id" at incident log line 4 must be unique (it is already used at line 2), got "A"',
      });
      assert.equal(parseIncidents(`${header}\nA,2025-01-01T00:00:00Z,1.5e1,5,.5,SEV1,api,x\n`)[0].durationMinutes, 15);
    });
    it("parseIncidents() rejects a CSV without the required columns", () => {
      assert.throws(() => parseIncidents("id,start\nA,B\n"), {
        name: "RangeError", message: 'slo.parseIncidents: the header of incident log must be a row naming the columns id, start_utc, duration_minutes, impact_minutes, error_ratio, severity, service, summary, got "missing column start_utc"',
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
