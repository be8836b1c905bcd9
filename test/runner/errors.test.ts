import { strict as assert } from "node:assert";
import {
  CellExecutionError,
  CellRunFailure,
  CellTimeoutError,
  ERROR_ANCHOR,
  ERROR_CELL_TAG,
  errorCells,
  ExecutionAbortedError,
  IopubTimeoutError,
  LostOutputError,
  KernelDiedError,
  KernelLostError,
  KernelProtocolError,
  RunnerError,
  SignatureError,
  sourceExcerpt,
  UncaughtAsyncError,
  withoutErrorCells,
} from "../../src/runner/errors";

describe("runner/errors", () => {
  it("CellExecutionError's message names the cell index, id, error, line and first lines of source", () => {
    const e = new CellExecutionError({
      cellIndex: 4,
      cellId: "abc",
      source: "const s: string = 1;\nline 2\nline 3\nline 4\n",
      ename: "TypeScriptError",
      evalue: "Type 'number' is not assignable to type 'string'.",
      traceback: [],
      line: 1,
      column: 7,
    });
    assert.equal(
      e.message,
      [
        `cell 4 (id "abc") failed: TypeScriptError: Type 'number' is not assignable to type 'string'. (line 1, column 7)`,
        "  | const s: string = 1;",
        "  | line 2",
        "  | line 3",
        "  | ... (1 more lines)",
      ].join("\n"),
    );
    assert.ok(e instanceof RunnerError);
    assert.equal(e.name, "CellExecutionError");
  });

  it("CellTimeoutError and KernelDiedError are CellExecutionErrors with their own ename and data", () => {
    const base = { cellIndex: 0, cellId: "a", source: "x", evalue: "v", traceback: [] };
    const t = new CellTimeoutError(base, 1000, false, true);
    assert.ok(t instanceof CellExecutionError);
    assert.deepEqual([t.ename, t.timeoutMs, t.interrupted, t.restarted], ["CellTimeoutError", 1000, false, true]);
    const d = new KernelDiedError(base, 3, null);
    assert.deepEqual([d.ename, d.exitCode, d.signal, d.name], ["KernelDiedError", 3, null, "KernelDiedError"]);
  });

  it("LostOutputError carries the silence and the messages that arrived; IopubTimeoutError is its deprecated alias", () => {
    const e = new LostOutputError({ cellIndex: 2, cellId: "c", source: "x", evalue: "lost output: …", traceback: [] }, 300, 7);
    assert.deepEqual([e.name, e.ename, e.timeoutMs, e.messages, e.raisedByCell, e.kernelLost], ["LostOutputError", "LostOutputError", 300, 7, false, false]);
    assert.equal(IopubTimeoutError, LostOutputError);
  });

  it("each failure says by its class whether the cell's code raised it and whether the kernel is lost", () => {
    const ref = { cellIndex: 0, cellId: "a", source: "x" };
    const failure = { ...ref, evalue: "v", traceback: [] };
    const cases: [CellExecutionError, boolean, boolean][] = [
      [new CellExecutionError({ ...failure, ename: "RangeError" }), true, false],
      [new CellTimeoutError(failure, 1000, true, false), false, false],
      [new LostOutputError(failure, 300, 2), false, false],
      [new ExecutionAbortedError(ref), false, false],
      [new UncaughtAsyncError(failure, "unhandledRejection", true), false, false],
      [new KernelDiedError(failure, 1, null), false, true],
      [new KernelProtocolError(ref, new SignatureError("runner: bad signature", "shell")), false, true],
    ];
    assert.deepEqual(
      cases.map(([e]) => [e.name, e.raisedByCell, e.kernelLost]),
      cases.map(([e, raised, lost]) => [e.name, raised, lost]),
    );
    // The flags follow the class tree: run failures are CellRunFailures, lost kernels KernelLostErrors.
    assert.deepEqual(
      cases.map(([e]) => [e instanceof CellRunFailure, e instanceof KernelLostError]),
      cases.map(([, raised, lost]) => [!raised, lost]),
    );
  });

  it("KernelProtocolError carries its cause; its ename is the cause's class", () => {
    const cause = new SignatureError("runner: rejected a message on shell", "shell");
    const e = new KernelProtocolError({ cellIndex: 3, cellId: "c", source: "1" }, cause);
    assert.deepEqual([e.ename, e.evalue, e.cause, e instanceof CellExecutionError], ["SignatureError", cause.message, cause, true]);
  });

  it("sourceExcerpt() shows at most three lines", () => {
    assert.equal(sourceExcerpt("a\nb"), "  | a\n  | b");
  });

  it("errorCells() makes a banner linking to the marker before the failing cell (papermill), HTML-escaped", () => {
    const e = new CellExecutionError({ cellIndex: 2, cellId: "c", source: "", ename: "Error", evalue: "<script>", traceback: [] });
    const [banner, marker] = errorCells(e, { banner: "b1", marker: "m1" });
    assert.match(String(banner.source), new RegExp(`href="#${ERROR_ANCHOR}">cell 2</a>: Error: &lt;script&gt;`));
    assert.match(String(marker.source), new RegExp(`id="${ERROR_ANCHOR}"`));
    assert.deepEqual(banner.metadata.tags, [ERROR_CELL_TAG]);
    assert.deepEqual(withoutErrorCells([banner, marker]), []);
  });

  it("withoutErrorCells() keeps an author's markdown cell that merely carries the runner-error tag", () => {
    const mine = { cell_type: "markdown" as const, id: "x", metadata: { tags: [ERROR_CELL_TAG] }, source: "# Errors I expect" };
    assert.deepEqual(withoutErrorCells([mine]), [mine]);
  });
});
