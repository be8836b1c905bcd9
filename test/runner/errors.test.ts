import { strict as assert } from "node:assert";
import {
  CellExecutionError,
  CellTimeoutError,
  ERROR_ANCHOR,
  ERROR_CELL_TAG,
  errorCells,
  isDiagnostic,
  KernelDiedError,
  parseKernelError,
  RunnerError,
  sourceExcerpt,
  withoutErrorCells,
} from "../../src/runner/errors";

// Verbatim stderr of tslab 1.0.22 on this machine (see test/runner/execute.test.ts for the live check).
const TYPE_ERROR = "1:7 - Type 'number' is not assignable to type 'string'.\n";
const RUNTIME_ERROR = [
  "evalmachine.<anonymous>:2",
  "throw new RangeError('boom');",
  "^",
  "",
  "RangeError: boom",
  "    at evalmachine.<anonymous>:2:7",
  "    at evalmachine.<anonymous>:4:3",
  "    at sigintHandlersWrap (node:vm:280:12)",
  "    at Script.runInThisContext (node:vm:135:14)",
  "    at Object.execute (/work/main/node_modules/tslab/dist/executor.js:160:38)",
  "",
].join("\n");

describe("runner/errors", () => {
  it("parseKernelError(tslab type error) is a TypeScriptError at line 1, column 7", () => {
    assert.deepEqual(parseKernelError(TYPE_ERROR), {
      ename: "TypeScriptError",
      evalue: "Type 'number' is not assignable to type 'string'.",
      traceback: ["1:7 - Type 'number' is not assignable to type 'string'."],
      line: 1,
      column: 7,
    });
  });

  it("parseKernelError(several diagnostics) reports the first, keeps all in the traceback", () => {
    const parsed = parseKernelError("2:1 - Cannot find name 'x'.\n3:5 - Cannot find name 'y'.\n");
    assert.equal(parsed.evalue, "Cannot find name 'x'.");
    assert.equal(parsed.line, 2);
    assert.equal(parsed.traceback.length, 2);
  });

  it("parseKernelError(runtime error from vm) drops node's source header and tslab's own frames", () => {
    assert.deepEqual(parseKernelError(RUNTIME_ERROR), {
      ename: "RangeError",
      evalue: "boom",
      traceback: ["RangeError: boom", "    at evalmachine.<anonymous>:2:7", "    at evalmachine.<anonymous>:4:3"],
    });
  });

  it("parseKernelError(a subclass printed as 'Name [Base]: message') takes the name", () => {
    assert.equal(parseKernelError("ParameterError [Error]: bad\n    at x (y:1:1)\n").ename, "ParameterError");
  });

  it("parseKernelError(a thrown string) is an Error with that text; an empty text says so", () => {
    assert.deepEqual(parseKernelError("just text\n"), { ename: "Error", evalue: "just text", traceback: ["just text"] });
    assert.equal(parseKernelError("").evalue, "the kernel reported an error without a message");
  });

  it("isDiagnostic() tells tslab's `line:col - message` lines from other stderr", () => {
    assert.equal(isDiagnostic(TYPE_ERROR), true);
    assert.equal(isDiagnostic("cell.ts 3:4 - Cannot find name 'x'."), true);
    assert.equal(isDiagnostic("warning: 1:2 maybe"), false);
  });

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

  it("sourceExcerpt() shows at most three lines", () => {
    assert.equal(sourceExcerpt("a\nb"), "  | a\n  | b");
  });

  it("errorCells() makes a banner linking to the marker before the failing cell (papermill), HTML-escaped", () => {
    const e = new CellExecutionError({ cellIndex: 2, cellId: "c", source: "", ename: "Error", evalue: "<script>", traceback: [] });
    const [banner, marker] = errorCells(e, { banner: "b1", marker: "m1" });
    assert.match(String(banner.source), new RegExp(`href="#${ERROR_ANCHOR}">cell 2</a>: Error: &#60;script&#62;`));
    assert.match(String(marker.source), new RegExp(`id="${ERROR_ANCHOR}"`));
    assert.deepEqual(banner.metadata.tags, [ERROR_CELL_TAG]);
    assert.deepEqual(withoutErrorCells([banner, marker]), []);
  });
});
