/**
 * The project's tslab entry point (src/runner/kernel/tslabMain.ts): its
 * publisher fix on real zeromq sockets, and on the real kernel, where a
 * cell's large output arrives whole. The same cell on tslab as shipped
 * loses its output past about 500 lines, and the run reports that as lost
 * output naming the cell (through the API and the CLI, exact message).
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXIT_FAILED } from "../../../src/cli";
import { LostOutputError } from "../../../src/runner/errors";
import { executeNotebook, executeNotebookObject } from "../../../src/runner/execute";
import { resolveKernelSpec, tslabDir, tslabMainPath } from "../../../src/runner/kernel/kernelspec";
import { LOSSLESS_PUBLISHER, losslessPublisher } from "../../../src/runner/kernel/tslabMain";
import { liveKernelPids } from "../../../src/runner/kernel/launch";
import { readNotebook, type Notebook } from "../../../src/runner/notebook";
import { cli } from "../../cli/helpers";

/** A notebook whose first cell prints `lines` lines without yielding, and a second cell. */
function printing(lines: number): Notebook {
  const code = (id: string, source: string) => ({ cell_type: "code" as const, id, metadata: {}, source, outputs: [], execution_count: null });
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", language: "typescript", display_name: "TypeScript" } },
    cells: [code("loud", `for (let i = 0; i < ${lines}; i++) console.log("line " + i);`), code("after", 'console.log("after");')],
  };
}

describe("runner/kernel/tslabMain", function () {
  this.timeout(90_000);
  let dir: string;
  /** A kernel.json that runs tslab as shipped, without the entry point. */
  let shipped: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "tslab-main-"));
    shipped = join(dir, "shipped.kernel.json");
    writeFileSync(shipped, JSON.stringify({ argv: [process.execPath, join(tslabDir(), "bin", "tslab"), "kernel", "--config-path", "{connection_file}"], language: "typescript" }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("losslessPublisher() makes zeromq's Publisher send at once and queue without limit; the caller's options still win; twice is once", () => {
    // A copy of the module object, so this process's zeromq is left as it is.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const zmq = { ...(require("zeromq") as typeof import("zeromq")) };
    const Original = zmq.Publisher;
    losslessPublisher(zmq);
    assert.notEqual(zmq.Publisher, Original);
    const Patched = zmq.Publisher;
    losslessPublisher(zmq);
    assert.equal(zmq.Publisher, Patched);
    const plain = new Original();
    const fixed = new zmq.Publisher();
    const chosen = new zmq.Publisher({ sendHighWaterMark: 7 });
    try {
      assert.deepEqual([plain.sendTimeout, plain.sendHighWaterMark], [-1, 1000]);
      assert.deepEqual([fixed.sendTimeout, fixed.sendHighWaterMark], [LOSSLESS_PUBLISHER.sendTimeout, LOSSLESS_PUBLISHER.sendHighWaterMark]);
      assert.deepEqual([chosen.sendTimeout, chosen.sendHighWaterMark], [0, 7]);
      assert.ok(fixed instanceof Original);
    } finally {
      for (const s of [plain, fixed, chosen]) s.close();
    }
  });

  it("the built-in tslab kernel runs through the entry point in dist/", () => {
    const argv = resolveKernelSpec("tslab").argv;
    assert.deepEqual(argv.slice(3, 5), [tslabMainPath(), join(tslabDir(), "bin", "tslab")]);
    assert.match(tslabMainPath(), /\/dist\/runner\/kernel\/tslabMain\.js$/);
  });

  it("a cell printing 20,000 lines without yielding (real kernel): every line arrives, then idle, and the next cell runs", async () => {
    const result = await executeNotebookObject(printing(20_000), { cwd: dir, iopubTimeoutMs: 2_000 });
    assert.equal(result.ok, true, result.error?.message);
    const lines = result.cell("loud").stdout().split("\n");
    assert.equal(lines.length, 20_001);
    assert.equal(lines[0], "line 0");
    assert.equal(lines[19_999], "line 19999");
    assert.equal(result.cell("after").stdout(), "after\n");
    assert.deepEqual(liveKernelPids(), []);
  });

  it("the same cell on tslab as shipped: LostOutputError naming the cell, with the lines that did arrive, not a timeout", async () => {
    const out = join(dir, "lost.ipynb");
    const input = join(dir, "loud.ipynb");
    writeFileSync(input, JSON.stringify(printing(2_000)));
    const result = await executeNotebook(input, { kernel: shipped, iopubTimeoutMs: 500, outputPath: out });
    assert.equal(result.ok, false);
    const error = result.error as LostOutputError;
    assert.ok(error instanceof LostOutputError, String(error));
    const arrived = result.cell("loud").stdout().split("\n").length - 1;
    assert.ok(arrived > 100 && arrived < 2_000, `${arrived} lines arrived`);
    assert.equal(error.cellIndex, 0);
    assert.equal(error.timeoutMs, 500);
    assert.equal(
      error.message,
      `cell 0 (id "loud") failed: LostOutputError: lost output: the kernel's execute_reply arrived on shell, but its iopub output stopped without the final idle status ` +
        `(${error.messages} iopub messages and ${arrived} lines of output arrived, then nothing for 500 ms); whatever the cell printed or displayed after that is missing\n` +
        `  | for (let i = 0; i < 2000; i++) console.log("line " + i);`,
    );
    // The written notebook keeps what arrived and says what is missing.
    const written = readNotebook(out).cells.find((c) => c.id === "loud");
    assert.equal(written?.cell_type, "code");
    const outputs = written?.cell_type === "code" ? written.outputs : [];
    assert.equal(outputs.at(-1)?.output_type, "error");
    assert.deepEqual(liveKernelPids(), []);
  });

  it("CLI: run <that notebook> --kernel <tslab as shipped> exits 1 with the lost-output message naming the cell", async () => {
    const input = join(dir, "loud-cli.ipynb");
    const out = join(dir, "loud-cli.out.ipynb");
    writeFileSync(input, JSON.stringify(printing(2_000)));
    const { code, err } = await cli("run", input, out, "--kernel", shipped, "--iopub-timeout", "0.5", "--no-images");
    assert.equal(code, EXIT_FAILED);
    const cell = readNotebook(out).cells.find((c) => c.id === "loud");
    const text = cell?.cell_type === "code" ? cell.outputs.flatMap((o) => (o.output_type === "stream" ? [[o.text].flat().join("")] : [])).join("") : "";
    const arrived = text.split("\n").length - 1;
    const messages = /\((\d+) iopub messages/.exec(err)?.[1];
    assert.equal(
      err.split("\n").filter((l) => l.startsWith("FAILED") || l.startsWith("  ")).join("\n"),
      `FAILED ${input}: cell 0 (id "loud") failed: LostOutputError: lost output: the kernel's execute_reply arrived on shell, but its iopub output stopped without the final idle status ` +
        `(${messages} iopub messages and ${arrived} lines of output arrived, then nothing for 500 ms); whatever the cell printed or displayed after that is missing\n` +
        `  | for (let i = 0; i < 2000; i++) console.log("line " + i);\n` +
        `  the executed notebook, with an error banner, is in ${out}`,
    );
    assert.ok(arrived > 100 && arrived < 2_000, `${arrived} lines arrived`);
  });
});
