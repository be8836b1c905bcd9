import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli";
import { CellTimeoutError, KernelDiedError, KernelStartupError, LostOutputError } from "../../src/runner/errors";
import { executeNotebook, type ExecuteOptions } from "../../src/runner/execute";
import { liveKernelPids } from "../../src/runner/kernel/launch";
import { readNotebook } from "../../src/runner/notebook";
import { stopsRunning } from "./processes";

// The scripted fake kernel (test/runner/fake-kernel.ts) misbehaves on purpose.
// Every fault must give a clear error, leave no process behind (the kernel
// AND the child it starts in its process group) and leave the input untouched.
const FAKE = join(__dirname, "fake-kernel.ts");
const NOTEBOOK = join(__dirname, "fixtures", "two-cells.ipynb");
const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("runner faults (scripted fake kernel)", function () {
  this.timeout(30_000);
  let dir: string;
  let input: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), "faults-test-"));
    input = sha(NOTEBOOK);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => {
    assert.equal(sha(NOTEBOOK), input, "the input notebook is untouched");
    assert.deepEqual(liveKernelPids(), [], "no kernel is still recorded as live");
  });

  /** A kernelspec that starts the fake kernel in `mode`; returns its path and pid file. */
  function fakeKernel(mode: string): { spec: string; pidFile: string } {
    const pidFile = join(dir, `${mode}.pids.json`);
    const spec = join(dir, `${mode}.kernel.json`);
    writeFileSync(
      spec,
      JSON.stringify({
        argv: [process.execPath, "--require", require.resolve("tsx/cjs"), FAKE, "{connection_file}"],
        display_name: `fake (${mode})`,
        env: { FAKE_KERNEL_MODE: mode, FAKE_KERNEL_PIDFILE: pidFile },
      }),
    );
    return { spec, pidFile };
  }

  /** Asserts that the kernel and the child it started are no longer running. */
  async function assertNoOrphans(pidFile: string): Promise<void> {
    const { pid, child } = JSON.parse(readFileSync(pidFile, "utf8")) as { pid: number; child: number };
    for (const p of [pid, child]) assert.equal(await stopsRunning(p), true, `process ${p} is still running`);
  }

  async function run(mode: string, options: ExecuteOptions = {}) {
    const { spec, pidFile } = fakeKernel(mode);
    const outputPath = join(dir, `${mode}.out.ipynb`);
    const result = await executeNotebook(NOTEBOOK, { kernel: spec, outputPath, ...options });
    await assertNoOrphans(pidFile);
    return { result, outputPath };
  }

  it("ok mode: both cells run and the kernel is shut down (sanity check of the fake)", async () => {
    const { result } = await run("ok");
    assert.equal(result.ok, true);
    assert.deepEqual(result.cells.map((c) => c.stdout()), ["ran: print one\n", "ran: print two\n"]);
  });

  it("dies mid-cell: KernelDiedError at once, with the exit code and the output so far", async () => {
    const started = performance.now();
    const { result, outputPath } = await run("die-mid-cell", { cellTimeoutMs: 20_000 });
    assert.ok(performance.now() - started < 10_000, "detected at once, not after the cell timeout");
    const e = result.error as KernelDiedError;
    assert.ok(e instanceof KernelDiedError);
    assert.deepEqual([e.cellIndex, e.cellId, e.exitCode, e.signal], [0, "one", 3, null]);
    assert.match(e.message, /^cell 0 \(id "one"\) failed: KernelDiedError: the kernel died while this cell ran \(exit code 3, signal null\)/);
    assert.equal(result.cell("one").stdout(), "about to die\n");
    assert.deepEqual(result.cell("two").outputs, [], "nothing runs after the kernel died");
    assert.match(String(readNotebook(outputPath).cells[0]?.source), /KernelDiedError/);
  });

  it("never replies: timeout, interrupt, no answer, so the kernel is killed: CellTimeoutError", async () => {
    const { result } = await run("never-reply", { cellTimeoutMs: 500, interruptGraceMs: 300 });
    const e = result.error as CellTimeoutError;
    assert.ok(e instanceof CellTimeoutError);
    assert.deepEqual([e.cellId, e.interrupted, e.restarted], ["one", false, true]);
    assert.equal(
      e.evalue,
      "the cell did not finish within the timeout of 500 ms; the kernel did not answer the interrupt within 300 ms, so it was killed (later cells, if the run continues, get a fresh kernel)",
    );
  });

  it("never replies, with allowErrors: the next cell gets a fresh kernel", async () => {
    const { result } = await run("never-reply", { cellTimeoutMs: 400, interruptGraceMs: 200, allowErrors: true });
    assert.ok(result.error instanceof CellTimeoutError);
    const two = result.cell("two").outputs[0];
    assert.deepEqual(two?.output_type === "error" && [two.ename, two.evalue.slice(0, 47)], ["CellTimeoutError", "the cell did not finish within the timeout of 4"]);
  });

  it("answers SIGINT: timeout, interrupt, answered: CellTimeoutError with interrupted=true", async () => {
    const { result } = await run("interruptible", { cellTimeoutMs: 500 });
    const e = result.error as CellTimeoutError;
    assert.deepEqual([e.interrupted, e.restarted], [true, false]);
    assert.deepEqual(e.traceback, ["Error: Interrupted asynchronously"]);
  });

  it("sends a reply with a bad signature: rejected and reported as SignatureError, without waiting for the timeout", async () => {
    const started = performance.now();
    const { result } = await run("bad-signature", { cellTimeoutMs: 20_000 });
    assert.ok(performance.now() - started < 10_000);
    assert.equal(result.error?.ename, "SignatureError");
    assert.equal(
      result.error?.evalue,
      "runner: rejected a message on shell with an invalid HMAC-SHA256 signature (it was not signed with this session's key)",
    );
    assert.deepEqual(result.cell("two").outputs, []);
  });

  it("never reaches idle: LostOutputError once iopub was silent for iopubTimeoutMs, outputs kept", async () => {
    const { result } = await run("never-idle", { iopubTimeoutMs: 300 });
    const e = result.error as LostOutputError;
    assert.ok(e instanceof LostOutputError);
    assert.equal(
      e.evalue,
      "lost output: the kernel's execute_reply arrived on shell, but its iopub output stopped without the final idle status (3 iopub messages and 1 line of output arrived, then nothing for 300 ms); whatever the cell printed or displayed after that is missing",
    );
    assert.equal(result.cell("one").stdout(), "ran: print one\n");
  });

  it("never answers kernel_info: KernelStartupError after startupTimeoutMs, with what the kernel printed, nothing written", async () => {
    const { spec, pidFile } = fakeKernel("never-start");
    const outputPath = join(dir, "never-start.out.ipynb");
    await assert.rejects(
      executeNotebook(NOTEBOOK, { kernel: spec, outputPath, startupTimeoutMs: 1500 }),
      (e: unknown) =>
        e instanceof KernelStartupError &&
        e.message === `runner: kernel ${JSON.stringify(spec)} did not answer kernel_info_request within the startup timeout of 1500 ms; its output so far:\nfake kernel: not answering kernel_info_request`,
    );
    await assertNoOrphans(pidFile);
    assert.equal(existsSync(outputPath), false);
  });

  it("CLI: a dying kernel gives exit code 1 and a message naming the cell, its first lines and the error", async () => {
    const { spec, pidFile } = fakeKernel("die-mid-cell");
    let err = "";
    const code = await main(["node", "tradeoff-lab", "run", NOTEBOOK, join(dir, "cli.out.ipynb"), "--kernel", spec], {
      out: () => undefined,
      err: (t) => (err += t),
      isTTY: false,
    });
    await assertNoOrphans(pidFile);
    assert.equal(code, 1);
    assert.match(err, /FAILED .*two-cells\.ipynb: cell 0 \(id "one"\) failed: KernelDiedError: the kernel died while this cell ran \(exit code 3, signal null\)/);
    assert.match(err, /\n {2}\| print one\n/);
    assert.match(err, /the executed notebook, with an error banner, is in .*cli\.out\.ipynb/);
  });
});
