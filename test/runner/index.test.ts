import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import * as lab from "../../src/tools";

describe("runner (its surface in tradeoff-lab/tools)", () => {
  it('the "runner" namespace exports the contract: executeNotebook, executeNotebookObject, readNotebook, writeNotebookAtomic, notebookParameters', () => {
    for (const name of ["executeNotebook", "executeNotebookObject", "readNotebook", "writeNotebookAtomic", "notebookParameters"] as const) {
      assert.equal(typeof lab.runner[name], "function", name);
    }
    assert.ok(new lab.runner.CellTimeoutError({ cellIndex: 0, cellId: "a", source: "", evalue: "", traceback: [] }, 1, true, false) instanceof lab.runner.RunnerError);
  });

  it('loading "tradeoff-lab/tools" does not load zeromq either: sockets open only when a notebook runs', () => {
    const root = join(__dirname, "..", "..");
    const loaded = execFileSync(
      process.execPath,
      ["--require", require.resolve("tsx/cjs"), "-e", `require(${JSON.stringify(join(root, "src", "tools.ts"))}); console.log(Object.keys(require.cache).filter((k) => k.includes("/zeromq/")).length)`],
      { encoding: "utf8" },
    );
    assert.equal(loaded.trim(), "0");
  });
});
