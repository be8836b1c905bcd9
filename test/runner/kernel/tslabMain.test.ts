/**
 * The project's tslab entry point (src/runner/kernel/tslabMain.ts): its
 * publisher fix on real zeromq sockets, and on the real kernel, where a
 * cell's large output arrives whole. The same cell on tslab as shipped
 * loses its output past about 500 lines, and the run reports that as lost
 * output naming the cell (through the API and the CLI, exact message).
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXIT_FAILED } from "../../../src/cli";
import { LostOutputError } from "../../../src/runner/errors";
import { executeNotebook, executeNotebookObject } from "../../../src/runner/execute";
import { resolveKernelSpec, tslabDir, tslabMainPath } from "../../../src/runner/kernel/kernelspec";
import { coalescedExecute, coalescedStdout, exitOnInitFailure, LOSSLESS_PUBLISHER, losslessPublisher } from "../../../src/runner/kernel/tslabMain";
import { findJupyter } from "../../../kernel-setup/jupyter";
import { installKernelSpec } from "../../../kernel-setup/kernelspec";
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

  it("coalescedStdout() sends a write after a quiet spell at once, joins a burst into one message (in order with stderr), and flushes at the size limit, after liveMs and after the current microtasks", async () => {
    const sent: [string, string][] = [];
    let clock = 1000;
    const s = coalescedStdout((name, text) => sent.push([name, text]), 10, 50, () => clock);
    s.write("stdout", "a\n"); // quiet before: at once
    s.write("stdout", "b\n");
    s.write("stdout", "c\n");
    assert.deepEqual(sent, [["stdout", "a\n"]]);
    s.write("stderr", "E\n");
    assert.deepEqual(sent.slice(1), [["stdout", "b\nc\n"], ["stderr", "E\n"]]);
    s.write("stdout", "0123456789\n"); // over the size limit
    s.write("stdout", "d\n");
    clock += 50;
    s.write("stdout", "e\n"); // 50 ms after the last message
    assert.deepEqual(sent.slice(3), [["stdout", "0123456789\n"], ["stdout", "d\ne\n"]]);
    s.write("stdout", "f\n");
    assert.equal(sent.length, 5);
    await Promise.resolve();
    assert.deepEqual(sent.at(-1), ["stdout", "f\n"]);
    s.flush();
    assert.equal(sent.length, 6, "an empty buffer sends nothing");
  });

  it("coalescedExecute() flushes stdout before a display and before the handler returns (so before the reply and idle); twice is once", async () => {
    const sent: string[] = [];
    class Handler {
      async handleExecute(_req: unknown, writeStream: (n: string, t: string) => void, writeDisplayData: (d: unknown, u: boolean) => void): Promise<string> {
        writeStream("stdout", "1");
        writeDisplayData("D", false);
        writeStream("stdout", "2");
        writeStream("stdout", "3");
        return "reply";
      }
    }
    const jupyter = { JupyterHandlerImpl: Handler as never };
    coalescedExecute(jupyter);
    const once = Handler.prototype.handleExecute;
    coalescedExecute(jupyter);
    assert.equal(Handler.prototype.handleExecute, once);
    const reply = await new Handler().handleExecute({}, (n, t) => sent.push(`${n}:${t}`), (d) => sent.push(`display:${String(d)}`));
    sent.push(reply);
    assert.deepEqual(sent, ["stdout:1", "display:D", "stdout:23", "reply"]);
  });

  it("nbconvert --execute on the kernel.json npm start registers gets all 20,000 lines of a cell (tslab as shipped lost all but ~500)", function () {
    const found = findJupyter().found;
    if (found === undefined) {
      if (process.env.CI === "true") throw new Error("Jupyter (nbconvert) is missing (CI=true: failing instead of skipping)");
      this.skip();
    }
    const data = join(dir, "jupyter-data");
    installKernelSpec({ dataDir: data });
    const input = join(dir, "nbconvert.ipynb");
    writeFileSync(input, JSON.stringify(printing(20_000)));
    const run = spawnSync(found.python, ["-m", "nbconvert", "--to", "notebook", "--execute", input, "--output", "nbconvert.out.ipynb"], {
      env: { ...process.env, JUPYTER_PATH: data },
      encoding: "utf8",
      timeout: 120_000,
    });
    assert.equal(run.status, 0, run.stderr);
    assert.ok(!run.stderr.includes("Timeout waiting for IOPub output"), run.stderr);
    const cells = (JSON.parse(readFileSync(join(dir, "nbconvert.out.ipynb"), "utf8")) as { cells: { outputs: { text?: string[] }[] }[] }).cells;
    const text = (cells[0]?.outputs ?? []).flatMap((o) => o.text ?? []).join("");
    assert.equal(text.split("\n").length, 20_001);
    assert.ok(text.endsWith("line 19999\n"));
    assert.equal((cells[1]?.outputs ?? []).flatMap((o) => o.text ?? []).join(""), "after\n");
  });

  it("exitOnInitFailure: a server whose init rejects ends the process with code 1; one that starts does not; applying it twice changes nothing", async () => {
    class ZmqServer {
      constructor(readonly fails: boolean) {}
      init(): Promise<string> {
        return this.fails ? Promise.reject(new Error("Address already in use")) : Promise.resolve("serving");
      }
    }
    const exits: number[] = [];
    const fake = { ZmqServer } as unknown as Parameters<typeof exitOnInitFailure>[0];
    exitOnInitFailure(fake, (code) => exits.push(code));
    exitOnInitFailure(fake, (code) => exits.push(code + 100));
    assert.equal(await (new ZmqServer(false) as unknown as { init(): Promise<string> }).init(), "serving");
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(exits, []);
    await assert.rejects((new ZmqServer(true) as unknown as { init(): Promise<string> }).init(), /Address already in use/);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(exits, [1]);
  });

  it("the built-in tslab kernel runs through the entry point in dist/", () => {
    const argv = resolveKernelSpec("tslab").argv;
    assert.deepEqual(argv.slice(-5, -3), [tslabMainPath(), join(tslabDir(), "bin", "tslab")]);
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
