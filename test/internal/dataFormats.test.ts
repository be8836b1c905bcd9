import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { csvRows, decimalCell, parseJsonText, readDataFile, withinFile } from "../../src/internal/dataFormats";
import { finite } from "../../src/internal/errors";

const root = join(__dirname, "..", "..");

describe("internal/dataFormats", () => {
  it("parseJsonText() names the file, line and column of a syntax error", () => {
    assert.throws(() => parseJsonText("f.g", '{\n  "a": 1,\n}', "x.json"), {
      name: "RangeError",
      message: 'f.g: x.json line 3 column 1 must be valid JSON, got "Expected double-quoted property name in JSON at position 12"',
    });
    assert.throws(() => parseJsonText("f.g", "[1,\n", "x.json"), { name: "RangeError", message: 'f.g: x.json line 2 column 1 must be valid JSON, got "Unexpected end of JSON input"' });
    assert.deepEqual(parseJsonText("f.g", '{"a": [1]}', "x.json"), { a: [1] });
  });
  it("readDataFile() names an unreadable path", () => {
    assert.throws(() => readDataFile("f.g", "/nonexistent/x.csv"), { name: "RangeError", message: 'f.g: path must be a readable file, got "/nonexistent/x.csv"' });
  });
  it("csvRows() knows each row's line (blank lines and quoted newlines counted) and names cells by column", () => {
    const rows = csvRows("f.g", 'id,note\nA,"two\nlines"\n\nB,x\n', ["id"], "t.csv");
    assert.deepEqual(rows.map((r) => [r.line, r.cell("id"), r.cell("note")]), [[3, "A", "two\nlines"], [5, "B", "x"]]);
    assert.equal(rows[1].at("note"), 'column "note" at t.csv line 5');
    assert.throws(() => csvRows("f.g", "id\n", ["id", "x"], "t.csv"), { message: 'f.g: the header of t.csv must be a row naming the columns id, x, got "missing column x"' });
    assert.throws(() => csvRows("f.g", 'id\n"A\n', ["id"], "t.csv"), { name: "RangeError", message: /^f\.g: the CSV text of t\.csv must be well-formed CSV, got "Quote Not Closed/ });
  });
  it("decimalCell() reads plain decimals only and hands anything else back as text", () => {
    assert.deepEqual(["1", "-2.5", ".5", "1e3", "+4."].map(decimalCell), [1, -2.5, 0.5, 1000, 4]);
    assert.deepEqual(["0x40", "", " ", "Infinity", "1_000", "0b1", "NaN"].map(decimalCell), ["0x40", "", " ", "Infinity", "1_000", "0b1", "NaN"]);
  });
  it("withinFile() puts the file name into the house-style messages of its function only", () => {
    assert.throws(() => withinFile("f.g", "a.json", () => finite("f.g", "x.y", NaN)), { name: "TypeError", message: "f.g: a.json x.y must be a finite number, got NaN" });
    assert.throws(() => withinFile("f.g", "a.json", () => finite("other.h", "x", NaN)), { message: "other.h: x must be a finite number, got NaN" });
  });

  // The built package, copied with every data file damaged: require() must still work, and each
  // function that reads a file must name it.
  it("require('tradeoff-lab') works with every data file broken; each use names its file", function () {
    this.timeout(60_000);
    const dir = mkdtempSync(join(tmpdir(), "broken-data-"));
    try {
      for (const part of ["dist", "data", "package.json"]) cpSync(join(root, part), join(dir, part), { recursive: true });
      symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
      for (const f of ["region-rtt.json", "prices-aws-us-east-1.json", "dr-strategies.json", "pbs-profiles.json"]) {
        writeFileSync(join(dir, "data", f), '{ "a": 1,\n broken\n');
      }
      const edit = (f: string, from: RegExp, to: string) => {
        const lines = readFileSync(join(dir, "data", f), "utf8").split("\n");
        lines[2] = lines[2].replace(from, to);
        writeFileSync(join(dir, "data", f), lines.join("\n"));
      };
      edit("architectures.csv", /,\d+,/, ",high,");
      edit("incidents.csv", /,SEV\d,/, ",P1,");
      edit("systems.csv", /,(AP|CP),(P[AC]\/E[LC]),/, ",XP,$2,");
      const script = `
        const lib = require(${JSON.stringify(join(dir, "dist", "index.js"))});
        const calls = {
          "region-rtt.json": () => lib.multiRegion.rttMs({ from: "us-east-1", to: "eu-west-1" }),
          "prices-aws-us-east-1.json": () => lib.cost.prices(),
          "dr-strategies.json": () => lib.dr.strategies(),
          "pbs-profiles.json": () => lib.pbs.profile("YMMR"),
          "systems.csv": () => lib.pacelc.filter({}),
          "incidents.csv": () => lib.slo.loadIncidents(),
          "architectures.csv": () => lib.exercises.grade("01.5", { latency: 1, consistency: 1, availability: 1, cost: 1, simplicity: 1 }).hint,
        };
        const out = {};
        for (const [file, call] of Object.entries(calls)) {
          try { out[file] = "returned " + call(); } catch (e) { out[file] = e.name + ": " + e.message; }
        }
        console.log(JSON.stringify(out));`;
      const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as Record<string, string>;
      const json = (where: string, file: string) =>
        `RangeError: ${where}: ${file} line 2 column 2 must be valid JSON, got "Expected double-quoted property name in JSON at position 11"`;
      assert.equal(out["region-rtt.json"], json("multiRegion.regionRttMatrix", "region-rtt.json"));
      assert.equal(out["prices-aws-us-east-1.json"], json("cost.loadPrices", "prices-aws-us-east-1.json"));
      assert.equal(out["dr-strategies.json"], json("dr.loadStrategies", "dr-strategies.json"));
      assert.equal(out["pbs-profiles.json"], json("pbs.profile", "pbs-profiles.json"));
      assert.match(out["systems.csv"], /^RangeError: pacelc\.loadCatalog: column "cap" at systems\.csv line 3 must be one of "CP", "AP", .*got "XP"$/);
      assert.equal(out["incidents.csv"], 'RangeError: slo.loadIncidents: column "severity" at incidents.csv line 3 must be one of "SEV1", "SEV2", "SEV3", got "P1"');
      assert.match(out["architectures.csv"], /exercises\.check: column "\w+" at architectures\.csv line 3 must be a finite number, got "high"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
