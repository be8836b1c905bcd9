import { strict as assert } from "node:assert";
import type { Output } from "../../src/runner/notebook";
import { AbortWindow, asyncErrorOf, isDiagnostic, isTslabLogNoise, parseKernelError, takeStderrError, TSLAB_ABORT_WINDOW_MS } from "../../src/runner/tslab";

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

// What tslab prints for an error thrown inside the library (verbatim but for the checkout path).
const LIBRARY_ERROR = [
  "/work/main/dist/internal/errors.js:105",
  "        throw rangeError(where, name, expectation(kind, bounds), value);",
  "        ^",
  "",
  "RangeError: quorum.explainConsistency: r must be an integer in [1, n=3], got 7",
  "    at rangeError (/work/main/dist/internal/errors.js:61:12)",
  "    at Object.explainConsistency (/work/main/dist/quorum.js:174:25)",
  "    at evalmachine.<anonymous>:3:37",
  "    at sigintHandlersWrap (node:vm:280:12)",
  "    at Object.execute (/work/main/node_modules/tslab/dist/executor.js:160:38)",
  "",
].join("\n");

describe("runner/tslab", () => {
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

  it("parseKernelError(an error thrown in the library) keeps its class; the traceback starts with 'RangeError: …', not node's file:line", () => {
    const parsed = parseKernelError(LIBRARY_ERROR);
    assert.equal(parsed.ename, "RangeError");
    assert.equal(parsed.evalue, "quorum.explainConsistency: r must be an integer in [1, n=3], got 7");
    assert.equal(parsed.traceback[0], "RangeError: quorum.explainConsistency: r must be an integer in [1, n=3], got 7");
    assert.equal(parsed.traceback.length, 4, "tslab's and node:vm's frames are dropped");
  });

  it("takeStderrError() cuts the trailing diagnostics out of the outputs, leaving stdout and earlier stderr", () => {
    const outputs: Output[] = [
      { output_type: "stream", name: "stderr", text: "a warning\n" },
      { output_type: "stream", name: "stdout", text: "printed\n" },
      { output_type: "stream", name: "stderr", text: "1:1 - Cannot find name 'x'.\n" },
      { output_type: "stream", name: "stderr", text: "2:1 - Cannot find name 'y'.\n" },
    ];
    assert.equal(takeStderrError(outputs), "1:1 - Cannot find name 'x'.\n2:1 - Cannot find name 'y'.\n");
    assert.deepEqual(outputs.map((o) => o.output_type === "stream" && o.text), ["a warning\n", "printed\n"]);
    assert.equal(takeStderrError([{ output_type: "stream", name: "stdout", text: "ok\n" }]), "");
  });

  it("AbortWindow: after an error the next request waits out tslab's window; an abort is resent only soon after the error", async () => {
    const window = new AbortWindow();
    assert.equal(window.shouldResend("abort"), false, "no error yet: an abort is the kernel's answer");
    window.noteError();
    assert.equal(window.shouldResend("abort"), true);
    assert.equal(window.shouldResend("ok"), false);
    const started = performance.now();
    await window.waitOut();
    assert.ok(performance.now() - started >= TSLAB_ABORT_WINDOW_MS - 5);
  });

  it("isTslabLogNoise() drops tslab's comm_open complaints and nothing else", () => {
    assert.equal(isTslabLogNoise("unknown msg_type: comm_open"), true);
    assert.equal(isTslabLogNoise("[W 21:03:11.123 NotebookApp] unknown msg_type: comm_open\n"), true);
    assert.equal(isTslabLogNoise("unknown msg_type: execute_request"), false);
    assert.equal(isTslabLogNoise("[I 21:03 NotebookApp] Kernel started: 1234"), false);
  });

  it("asyncErrorOf() reads tslab's uncaughtException and unhandledRejection reports, and nothing else", () => {
    // Verbatim iopub stream content from tslab 1.0.22 on this machine.
    const uncaught = { name: "stderr", text: "UncaughtException: Error: late boom\n    at Timeout._onTimeout (evalmachine.<anonymous>:3:26)\n    at listOnTimeout (node:internal/timers:581:17)\n    at process.processTimers (node:internal/timers:519:7)\n" };
    assert.deepEqual(asyncErrorOf(uncaught), { event: "uncaughtException", ename: "Error", evalue: "late boom", traceback: ["Error: late boom", "    at Timeout._onTimeout (evalmachine.<anonymous>:3:26)"] });
    const rejected = { name: "stderr", text: "UnhandledPromiseRejection: TypeError: nobody caught me\n    at evalmachine.<anonymous>:3:16\n    at sigintHandlersWrap (node:vm:280:12)\n" };
    assert.deepEqual(asyncErrorOf(rejected), { event: "unhandledRejection", ename: "TypeError", evalue: "nobody caught me", traceback: ["TypeError: nobody caught me", "    at evalmachine.<anonymous>:3:16"] });
    assert.deepEqual(asyncErrorOf({ name: "stderr", text: "UnhandledPromiseRejection: undefined\n" }), { event: "unhandledRejection", ename: "Error", evalue: "undefined", traceback: ["undefined"] });
    // tslab's own converter throwing from a TypeScript file watcher is not the cell's error: it stays stderr text.
    const internal = {
      name: "stderr",
      text: "UncaughtException: Error: Unexpected pending rebuildTimer\n    at sys.setTimeout (/p/node_modules/tslab/dist/converter.js:111:19)\n    at scheduleProgramUpdate (/p/node_modules/@tslab/typescript-for-tslab/lib/typescript.js:1:1)\n",
    };
    assert.equal(asyncErrorOf(internal), undefined);
    // The same error raised by a cell's callback is one.
    assert.equal(asyncErrorOf({ ...internal, text: internal.text.replace("/p/node_modules/tslab/dist/converter.js", "evalmachine.<anonymous>") })?.evalue, "Unexpected pending rebuildTimer");
    assert.equal(asyncErrorOf({ name: "stdout", text: uncaught.text }), undefined, "stdout is output");
    assert.equal(asyncErrorOf({ name: "stderr", text: "a warning: UncaughtException: x\n" }), undefined, "only at the start of the message");
    assert.equal(asyncErrorOf({ name: "stderr", text: RUNTIME_ERROR }), undefined, "a cell's own error is not asynchronous");
  });
});
