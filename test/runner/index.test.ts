import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import * as lab from "../../src";

describe("runner (public surface)", () => {
  it('the "runner" namespace exports the contract: executeNotebook, executeNotebookObject, readNotebook, writeNotebookAtomic, notebookParameters', () => {
    for (const name of ["executeNotebook", "executeNotebookObject", "readNotebook", "writeNotebookAtomic", "notebookParameters"] as const) {
      assert.equal(typeof lab.runner[name], "function", name);
    }
    assert.ok(new lab.runner.CellTimeoutError({ cellIndex: 0, cellId: "a", source: "", evalue: "", traceback: [] }, 1, true, false) instanceof lab.runner.RunnerError);
  });

  it('loading "tradeoff-lab" does not load zeromq (a notebook must stay light)', () => {
    const root = join(__dirname, "..", "..");
    const loaded = execFileSync(
      process.execPath,
      ["--require", require.resolve("tsx/cjs"), "-e", `require(${JSON.stringify(join(root, "src", "index.ts"))}); console.log(Object.keys(require.cache).filter((k) => k.includes("/zeromq/")).length)`],
      { encoding: "utf8" },
    );
    assert.equal(loaded.trim(), "0");
  });
});
