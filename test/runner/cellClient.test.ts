/**
 * The per-cell client on its own, against the scripted fake kernel
 * (test/runner/fake-kernel.ts): what one cell's run leaves in the cell, and
 * which typed failure each fault gives. The whole run is test/runner/execute.test.ts
 * and test/runner/faults.test.ts.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CellClient, type ClientSettings } from "../../src/runner/cellClient";
import { KernelDiedError, KernelProtocolError, UncaughtAsyncError } from "../../src/runner/errors";
import { liveKernelPids } from "../../src/runner/kernel/launch";
import type { CodeCell } from "../../src/runner/notebook";

const FAKE = join(__dirname, "fake-kernel.ts");

describe("runner/cellClient (scripted fake kernel)", function () {
  this.timeout(30_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "cell-client-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function client(mode: string, iopubTimeoutMs = 2_000): CellClient {
    const spec = join(dir, `${mode}.kernel.json`);
    writeFileSync(spec, JSON.stringify({ argv: [process.execPath, "--require", require.resolve("tsx/cjs"), FAKE, "{connection_file}"], env: { FAKE_KERNEL_MODE: mode } }));
    const settings: ClientSettings = { cellTimeoutMs: 10_000, startupTimeoutMs: 20_000, iopubTimeoutMs, interruptGraceMs: 1_000, kernel: spec, allowErrors: false, cwd: dir };
    return new CellClient(settings);
  }
  const cell = (source: string, tags: string[] = []): CodeCell => ({ cell_type: "code", id: "c1", source, metadata: { tags }, execution_count: null, outputs: [{ output_type: "stream", name: "stdout", text: "stale\n" }] });

  it("runCell() on a working kernel replaces the old outputs, sets the count and nbclient's timing, status ok", async () => {
    const c = client("ok");
    try {
      const target = cell("hello");
      assert.equal(await c.runCell(target, 4), undefined);
      assert.deepEqual(target.outputs, [{ output_type: "stream", name: "stdout", text: ["ran: hello\n"] }]);
      assert.equal(typeof target.execution_count, "number");
      assert.deepEqual(Object.keys(target.metadata.execution ?? {}).sort(), ["iopub.execute_input", "iopub.status.busy", "iopub.status.idle", "shell.execute_reply"]);
      assert.equal((target.metadata["tradeoff-lab"] as { status: string }).status, "ok");
    } finally {
      await c.stopKernel();
    }
    assert.deepEqual(liveKernelPids(), []);
  });

  it("runCell() when the kernel signs with another key: a KernelProtocolError (kernel lost) and an error output", async () => {
    const c = client("bad-signature");
    try {
      const target = cell("x", ["raises-exception"]);
      const failure = await c.runCell(target, 0);
      assert.ok(failure instanceof KernelProtocolError, String(failure));
      assert.deepEqual([failure.ename, failure.raisedByCell, failure.kernelLost], ["SignatureError", false, true]);
      assert.equal((target.metadata["tradeoff-lab"] as { status: string }).status, "failed", "raises-exception does not excuse a protocol failure");
      assert.deepEqual(target.outputs.map((o) => o.output_type), ["error"]);
    } finally {
      await c.stopKernel();
    }
  });

  it("runCell() when output keeps arriving after the reply for longer than the iopub timeout: waits for it, no lost output", async () => {
    const c = client("trickle", 300);
    try {
      const target = cell("x");
      assert.equal(await c.runCell(target, 0), undefined);
      assert.deepEqual(target.outputs, [{ output_type: "stream", name: "stdout", text: ["late 0\n", "late 1\n", "late 2\n", "late 3\n"] }]);
    } finally {
      await c.stopKernel();
    }
  });

  it("runCell() when the kernel dies: a KernelDiedError with its exit code", async () => {
    const c = client("die-mid-cell");
    try {
      const failure = await c.runCell(cell("x"), 0);
      assert.ok(failure instanceof KernelDiedError, String(failure));
      assert.equal(failure.exitCode, 3);
      assert.equal(failure.kernelLost, true);
    } finally {
      await c.stopKernel();
    }
  });

  it("lateFailures() after drain(): an uncaught error reported under a finished cell's request fails that cell, once", async () => {
    const c = client("uncaught-after-idle");
    try {
      const target = cell("a");
      assert.equal(await c.runCell(target, 2), undefined, "the cell itself finished ok");
      assert.deepEqual(c.lateFailures(), [], "nothing reported yet");
      await c.drain();
      const late = c.lateFailures();
      assert.equal(late.length, 1);
      const failure = late[0] as UncaughtAsyncError;
      assert.ok(failure instanceof UncaughtAsyncError);
      assert.deepEqual([failure.cellIndex, failure.cellId, failure.event, failure.afterCell, failure.raisedByCell, failure.kernelLost], [2, "c1", "uncaughtException", true, false, false]);
      assert.equal(failure.message, 'cell 2 (id "c1") failed: UncaughtAsyncError: an exception thrown in a callback (a timer, an event) was not caught; it reached the kernel after this cell had finished: Error: late a\n  | a');
      assert.deepEqual(target.outputs, [
        { output_type: "stream", name: "stdout", text: ["ran: a\n"] },
        { output_type: "error", ename: "UncaughtAsyncError", evalue: failure.evalue, traceback: ["Error: late a", "    at Timeout._onTimeout (evalmachine.<anonymous>:1:1)"] },
      ]);
      assert.equal((target.metadata["tradeoff-lab"] as { status: string }).status, "failed");
      assert.deepEqual(c.lateFailures(), [], "each failure is returned once");
    } finally {
      await c.stopKernel();
    }
  });
});
