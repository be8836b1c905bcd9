import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CellExecutionError, CellTimeoutError, ParameterError, RunnerError, UncaughtAsyncError } from "../../src/runner/errors";
import { executeNotebook, executeNotebookObject } from "../../src/runner/execute";
import type { ExecutionResult } from "../../src/runner/result";
import { liveKernelPids } from "../../src/runner/kernel/launch";
import { readNotebook, type CodeCell, type Notebook } from "../../src/runner/notebook";

const FIXTURES = join(__dirname, "fixtures");
const LAB = join(FIXTURES, "lab.ipynb");
const ERRORS = join(FIXTURES, "errors.ipynb");
const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

// These run the REAL tslab kernel (node_modules/tslab). The "library" cell
// imports "tradeoff-lab", i.e. dist/: `npm test` builds it first.
describe("runner/execute (real tslab kernel)", function () {
  this.timeout(90_000);
  let dir: string;
  let lab: ExecutionResult;
  let labInput: string;
  const labOut = () => join(dir, "lab.out.ipynb");

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "execute-test-"));
    labInput = sha(LAB);
    lab = await executeNotebook(LAB, { parameters: { replicas: 5, region: "us-east-1" }, outputPath: labOut() });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe("executeNotebook(lab.ipynb, { parameters: { replicas: 5, region: 'us-east-1' } })", () => {
    it("runs every cell: ok, no error, no kernel left", () => {
      assert.equal(lab.ok, true, lab.error?.message);
      assert.equal(lab.error, undefined);
      assert.deepEqual(liveKernelPids(), []);
      assert.ok(lab.durationMs > 0);
    });

    it("injects the parameters as TypeScript literals in a cell tagged injected-parameters after the parameters cell", () => {
      const injected = lab.cell("injected-parameters");
      assert.equal(injected.index, 2);
      assert.equal(injected.source, '// Injected parameters\nconst replicas = 5;\nlet region: string = "us-east-1";\n');
      assert.equal(lab.cell("answer").stdout(), "replicas=5 region=us-east-1 weights=1+2 verbose=false\n10\n");
    });

    it("records the parameters where papermill does, metadata.papermill.parameters, in the written notebook", () => {
      assert.deepEqual(readNotebook(labOut()).metadata["papermill"], { parameters: { replicas: 5, region: "us-east-1" } });
    });

    it("a cell's last expression value arrives on stdout (tslab), as text()", () => {
      assert.equal(lab.cell("answer").text(), "replicas=5 region=us-east-1 weights=1+2 verbose=false\n10\n");
    });

    it('imports "tradeoff-lab" (no runner there) and "tradeoff-lab/tools" in the live kernel, and calls runner.toTypeScriptLiteral', () => {
      assert.equal(lab.cell("library").stdout(), 'false\n{"quorum":[2,2]}\n');
    });

    it("uses danfojs-node: a 3x2 DataFrame whose latencyMs max is 15", () => {
      assert.equal(lab.cell("danfo").stdout(), "shape=3x2 max=15\n");
    });

    it("supports top-level await", () => {
      assert.equal(lab.cell("await").stdout(), "awaited 42\n");
    });

    it("keeps display_data: html() of the display cell", () => {
      assert.deepEqual(lab.cell("display").html(), ["<b>quorum</b>"]);
    });

    it("raises-exception: the error is recorded as an error output and the run continues (tslab's abort window handled)", () => {
      const expected = lab.cell("expected");
      assert.deepEqual(
        expected.outputs.map((o) => (o.output_type === "error" ? [o.ename, o.evalue] : o.output_type)),
        [["RangeError", "expected failure"]],
      );
      assert.equal((lab.notebook.cells.find((c) => c.id === "expected")?.metadata["tradeoff-lab"] as { status: string }).status, "expected-error");
      assert.equal(lab.cell("after").stdout(), "after the expected error\n");
    });

    it("skip-execution: the cell is not run", () => {
      const skipped = lab.notebook.cells.find((c) => c.id === "skipped") as CodeCell;
      assert.deepEqual([skipped.outputs, skipped.execution_count, skipped.metadata["tradeoff-lab"]], [[], null, { status: "skipped" }]);
    });

    it("records nbclient's execution metadata and counts on every run cell", () => {
      const ran = lab.notebook.cells.filter((c): c is CodeCell => c.cell_type === "code" && c.id !== "skipped");
      for (const cell of ran) {
        const t = cell.metadata.execution as Record<string, string>;
        for (const key of ["iopub.status.busy", "iopub.status.idle", "shell.execute_reply"]) assert.ok(!Number.isNaN(Date.parse(t[key] as string)), `${cell.id} ${key}`);
        assert.ok(Date.parse(t["iopub.status.busy"] as string) <= Date.parse(t["iopub.status.idle"] as string));
        assert.equal(typeof cell.execution_count, "number");
      }
      assert.deepEqual(ran.map((c) => c.execution_count), ran.map((_, i) => i + 1));
      const meta = lab.notebook.metadata["tradeoff-lab"] as Record<string, unknown>;
      assert.deepEqual([meta.status, meta.parameters, meta.kernel], ["completed", { replicas: 5, region: "us-east-1" }, "tslab"]);
    });

    it("writes the output atomically and never touches the input", () => {
      assert.deepEqual(readNotebook(labOut()), lab.notebook);
      assert.equal(sha(LAB), labInput);
    });

    it("cell() and cellsByTag() address cells by id or tag, and name what exists when nothing matches", () => {
      assert.equal(lab.cell("params").id, "params");
      assert.equal(lab.cellsByTag("raises-exception").length, 1);
      assert.throws(() => lab.cell("nope"), (e: unknown) => e instanceof RunnerError && e.message.startsWith('runner.ExecutionResult.cell: idOrTag must be the id or tag of a code cell ("params", "parameters",'));
    });
  });

  describe("executeNotebook(errors.ipynb)", () => {
    let result: ExecutionResult;
    let out: string;
    before(async () => {
      out = join(dir, "errors.out.ipynb");
      result = await executeNotebook(ERRORS, { outputPath: out });
    });

    it("a type error stops the run with a CellExecutionError naming cell, id, line and source", () => {
      assert.equal(result.ok, false);
      const e = result.error as CellExecutionError;
      assert.ok(e instanceof CellExecutionError);
      assert.deepEqual([e.cellIndex, e.cellId, e.ename, e.line, e.column], [1, "typo", "TypeScriptError", 1, 7]);
      assert.equal(
        e.message,
        `cell 1 (id "typo") failed: TypeScriptError: Type 'number' is not assignable to type 'string'. (line 1, column 7)\n  | const label: string = 1;`,
      );
      assert.deepEqual(result.cell("typo").outputs, [
        { output_type: "error", ename: "TypeScriptError", evalue: "Type 'number' is not assignable to type 'string'.", traceback: ["1:7 - Type 'number' is not assignable to type 'string'."] },
      ]);
      assert.equal(result.cell("typo").stderr(), "", "the stderr text became the error output");
    });

    it("the cells after the error do not run", () => {
      assert.deepEqual(result.cell("boom").outputs, []);
      assert.deepEqual(result.notebook.cells.find((c) => c.id === "last")?.metadata["tradeoff-lab"], { status: "pending" });
    });

    it("the output starts with a banner linking to a marker just before the failing cell (papermill)", () => {
      const written = readNotebook(out);
      assert.deepEqual(written, result.notebook);
      assert.match(String(written.cells[0]?.source), /An exception stopped this notebook at <a href="#tradeoff-lab-error-cell">cell 1<\/a>: TypeScriptError/);
      const marker = written.cells.findIndex((c) => String(c.source).includes('id="tradeoff-lab-error-cell"'));
      assert.equal(written.cells[marker + 1]?.id, "typo");
      assert.equal((written.metadata["tradeoff-lab"] as { status: string }).status, "failed");
    });
  });

  it("executeNotebookObject(errors, { allowErrors }) runs past errors; a runtime error keeps its class and message", async () => {
    const nb = readNotebook(ERRORS);
    const before = JSON.stringify(nb);
    const result = await executeNotebookObject(nb, { cwd: FIXTURES, allowErrors: true });
    assert.equal(JSON.stringify(nb), before, "the notebook object passed in is not modified");
    assert.equal(result.ok, false);
    assert.equal(result.error?.cellId, "typo", "the first error is reported");
    const boom = result.cell("boom").outputs[0];
    assert.deepEqual(boom?.output_type === "error" && [boom.ename, boom.evalue], ["RangeError", "quorum.kStaleness: r must be an integer in [1, n=3], got 4"]);
    assert.equal(result.cell("last").stdout(), "last\n");
  });

  it("a cell that spins past cellTimeoutMs is interrupted (SIGINT) with a CellTimeoutError; allowErrors continues on the same kernel", async () => {
    const result = await executeNotebook(join(FIXTURES, "spin.ipynb"), { cellTimeoutMs: 1500, allowErrors: true });
    const e = result.error as CellTimeoutError;
    assert.ok(e instanceof CellTimeoutError);
    assert.deepEqual([e.cellId, e.timeoutMs, e.interrupted, e.restarted], ["spin", 1500, true, false]);
    assert.equal(e.evalue, "the cell did not finish within the timeout of 1500 ms; the kernel was interrupted");
    assert.match(e.traceback.join("\n"), /Script execution was interrupted by `SIGINT`/);
    assert.equal(result.cell("spin").stdout(), "spinning\n");
    assert.equal(result.cell("next").stdout(), "after the timeout\n");
    assert.deepEqual(liveKernelPids(), []);
  });

  describe("refusals before anything runs", () => {
    it("a parameter of the wrong type: ParameterError, no kernel, no output, input untouched", async () => {
      const out = join(dir, "refused.ipynb");
      const input = sha(LAB);
      await assert.rejects(executeNotebook(LAB, { parameters: { replicas: "5" }, outputPath: out }), {
        name: "ParameterError",
        message: 'runner.executeNotebook: parameters.replicas must be a finite number, got "5"',
      });
      assert.equal(existsSync(out), false);
      assert.equal(sha(LAB), input);
      assert.deepEqual(liveKernelPids(), []);
    });

    it("an unknown parameter: ParameterError listing the known ones", async () => {
      await assert.rejects(
        executeNotebook(LAB, { parameters: { replica: 5 } }),
        (e: unknown) =>
          e instanceof ParameterError &&
          e.message === 'runner.executeNotebook: parameters.replica must be one of the notebook\'s parameters ("replicas", "region", "weights", "verbose"), got "replica"',
      );
    });

    it("bad options are refused with the house message", async () => {
      await assert.rejects(executeNotebook(LAB, { cellTimeoutMs: -1 }), { name: "RangeError", message: "runner.executeNotebook: cellTimeoutMs must be a finite number in (0, 2147483647 (2^31 − 1 ms, Node's timer limit, about 24.8 days)], got -1" });
      await assert.rejects(executeNotebook(LAB, { iopubTimeoutMs: Number.NaN }), { name: "TypeError", message: "runner.executeNotebook: iopubTimeoutMs must be a finite number in (0, 2147483647 (2^31 − 1 ms, Node's timer limit, about 24.8 days)], got NaN" });
      // 3,000,000 s overflows Node's timer, which then fires after 1 ms: refused, not a cell failed at once.
      await assert.rejects(executeNotebook(LAB, { cellTimeoutMs: 3_000_000_000 }), {
        name: "RangeError",
        message: "runner.executeNotebook: cellTimeoutMs must be a finite number in (0, 2147483647 (2^31 − 1 ms, Node's timer limit, about 24.8 days)], got 3000000000",
      });
      await assert.rejects(executeNotebook(LAB, { kernel: "" }), { name: "RangeError", message: 'runner.executeNotebook: kernel must be a non-empty string, got ""' });
      await assert.rejects(executeNotebook(""), { name: "RangeError", message: 'runner.executeNotebook: path must be a non-empty string, got ""' });
      await assert.rejects(executeNotebook(LAB, { parameters: [] as never }), { name: "TypeError", message: "runner.executeNotebook: parameters must be an object, got an array of length 0" });
      await assert.rejects(executeNotebookObject(readNotebook(LAB), {} as never), { name: "TypeError", message: "runner.executeNotebook: cwd must be a non-empty string, got undefined" });
    });

    it("an outputPath in a missing folder, or that is a folder, is refused before the kernel starts (a kernel that cannot start would say so first)", async () => {
      const never = { kernel: join(dir, "no-such-kernel.json") };
      const missing = join(dir, "missing", "out.ipynb");
      await assert.rejects(executeNotebook(LAB, { ...never, outputPath: missing }), {
        name: "RangeError",
        message: `runner.executeNotebook: outputPath must be a file in an existing folder, got ${JSON.stringify(missing)} (the folder ${join(dir, "missing")} does not exist; create it first)`,
      });
      await assert.rejects(executeNotebook(LAB, { ...never, outputPath: dir }), {
        name: "RangeError",
        message: `runner.executeNotebook: outputPath must be a notebook file, not a folder, got ${JSON.stringify(dir)} (${dir} is a folder; name a file inside it)`,
      });
      await assert.rejects(executeNotebook(LAB, never), { name: "KernelStartupError" });
    });
  });

  describe("uncaught errors from callbacks and unhandled rejections (tslab only prints them)", () => {
    const notebook = (...sources: string[]): Notebook => ({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
      cells: sources.map((source, i): CodeCell => ({ cell_type: "code", id: `c${i}`, metadata: {}, source, execution_count: null, outputs: [] })),
    });

    it("a timer that throws while the next cell runs fails that cell with UncaughtAsyncError; the run stops there", async () => {
      const nb = notebook('setTimeout(() => { throw new RangeError("late boom"); }, 50); "armed"', 'await new Promise((r) => setTimeout(r, 1000)); "waited"', '"never"');
      const result = await executeNotebookObject(nb, { cwd: dir });
      const e = result.error as UncaughtAsyncError;
      assert.ok(e instanceof UncaughtAsyncError, String(e));
      assert.deepEqual([e.cellId, e.event, e.afterCell, e.raisedByCell, e.kernelLost], ["c1", "uncaughtException", false, false, false]);
      assert.equal(e.evalue, "an exception thrown in a callback (a timer, an event) was not caught; it reached the kernel while this cell ran: RangeError: late boom");
      assert.equal(e.traceback[0], "RangeError: late boom");
      const c1 = result.cell("c1");
      assert.equal(c1.stdout(), "waited\n");
      assert.ok(!JSON.stringify(c1.outputs).includes("UncaughtException"), "tslab's text became the error output, not a stream");
      assert.deepEqual(c1.outputs.map((o) => o.output_type), ["stream", "error"]);
      assert.equal((result.notebook.cells.find((c) => c.id === "c2") as CodeCell).execution_count, null, "the run stopped at the failing cell");
      assert.deepEqual(liveKernelPids(), []);
    });

    it("a rejection nobody handles in the last cell fails the run (it arrives during or right after the cell)", async () => {
      const result = await executeNotebookObject(notebook('"first"', 'Promise.reject(new TypeError("nobody caught me")); "last"'), { cwd: dir });
      const e = result.error as UncaughtAsyncError;
      assert.ok(e instanceof UncaughtAsyncError, String(e));
      assert.deepEqual([result.ok, e.cellId, e.event], [false, "c1", "unhandledRejection"]);
      assert.equal(e.evalue, `a promise was rejected and nothing handled the rejection; it reached the kernel ${e.afterCell ? "after this cell had finished" : "while this cell ran"}: TypeError: nobody caught me`);
      assert.equal(result.cell("c1").stdout(), "last\n");
      assert.equal((result.notebook.metadata["tradeoff-lab"] as { status: string }).status, "failed");
    });

    it("a timer that throws right after the last cell (setTimeout 0) fails it, before the kernel is stopped", async () => {
      const result = await executeNotebookObject(notebook('"first"', 'setTimeout(() => { throw new Error("after the last cell"); }, 0); "last"'), { cwd: dir });
      const e = result.error as UncaughtAsyncError;
      assert.ok(e instanceof UncaughtAsyncError, String(e));
      assert.deepEqual([e.cellId, e.event], ["c1", "uncaughtException"]);
      assert.equal(e.evalue, `an exception thrown in a callback (a timer, an event) was not caught; it reached the kernel ${e.afterCell ? "after this cell had finished" : "while this cell ran"}: Error: after the last cell`);
    });

    it("a caught rejection and a timer that does not throw leave the run ok", async () => {
      const result = await executeNotebookObject(notebook('Promise.reject(new Error("handled")).catch(() => undefined); setTimeout(() => console.log("tick"), 0); "a"', 'await new Promise((r) => setTimeout(r, 50)); "b"'), { cwd: dir });
      assert.equal(result.ok, true, String(result.error));
    });
  });
});
