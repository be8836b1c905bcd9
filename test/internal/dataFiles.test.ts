import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { dataPath, readText } from "../../src/internal/dataFiles";

describe("internal/dataFiles", () => {
  it("dataPath(\"systems.csv\") is the shipped file in data/, and readText reads it", () => {
    const path = dataPath("systems.csv");
    assert.equal(path, join(__dirname, "..", "..", "data", "systems.csv"));
    assert.equal(readText(path), readFileSync(join(__dirname, "..", "..", "data", "systems.csv"), "utf8"));
  });

  it("readText(a missing file) throws", () => {
    assert.throws(() => readText(dataPath("no-such-file.json")), { code: "ENOENT" });
  });
});
