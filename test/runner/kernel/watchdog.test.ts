/**
 * The kernel watchdog (src/runner/kernel/watchdog.ts) on real processes:
 * the runner SIGKILLed while its tslab kernel is blocked in a cell, with a
 * detached child and a double-forked child of that cell; a run that ends
 * normally; a kernel whose starter died before the watchdog loaded.
 * "Gone within 5 s" is polled (not timed): the bar for orphans.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { executeNotebookObject } from "../../../src/runner/execute";
import { watchdogPreload } from "../../../src/runner/kernel/kernelspec";
import { alive, signal } from "../../../src/runner/kernel/processes";
import { connectionFileOf, removeConnectionFile } from "../../../src/runner/kernel/watchdog";
import type { CodeCell, Notebook } from "../../../src/runner/notebook";

const ROOT = join(__dirname, "..", "..", "..");

/** Polls up to `ms` for `check()`; resolves whether it held. */
async function within(ms: number, check: () => boolean): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

function notebook(...sources: string[]): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
    cells: sources.map((source, i): CodeCell => ({ cell_type: "code", id: `c${i}`, metadata: {}, source, execution_count: null, outputs: [] })),
  };
}

/** A cell that starts a detached child and a double-forked `sleep`, and writes the pids and its connection file to `file`. */
const spawnChildren = (file: string) => `import * as fs from "fs";
import { spawn, execSync } from "child_process";
const detached = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { detached: true, stdio: "ignore" });
detached.unref();
const orphan = Number(execSync("setsid sh -c 'sleep 300 >/dev/null 2>&1 & echo $!'", { encoding: "utf8" }).trim());
fs.writeFileSync(${JSON.stringify(file)}, JSON.stringify({ kernel: process.pid, connection: process.argv[process.argv.indexOf("--config-path") + 1], children: [detached.pid, orphan] }));`;

interface Started {
  kernel: number;
  connection: string;
  children: number[];
}

describe("runner/kernel/watchdog", function () {
  this.timeout(90_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "watchdog-test-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("connectionFileOf() reads --config-path (and -f, --config-path=) from a kernel's argv", () => {
    assert.equal(connectionFileOf(["node", "--require", "p.js", "tslab", "kernel", "--config-path", "/k/c.json"]), "/k/c.json");
    assert.equal(connectionFileOf(["python", "-m", "ipykernel_launcher", "-f", "/r/kernel-1.json"]), "/r/kernel-1.json");
    assert.equal(connectionFileOf(["tslab", "kernel", "--config-path=/k/c.json"]), "/k/c.json");
    assert.equal(connectionFileOf(["node", "script.js"]), undefined);
  });

  it("removeConnectionFile() removes the runner's private folder with the file, and only the file elsewhere", () => {
    const privateDir = mkdtempSync(join(dir, "tradeoff-lab-kernel-"));
    writeFileSync(join(privateDir, "connection.json"), "{}");
    removeConnectionFile(join(privateDir, "connection.json"));
    assert.equal(existsSync(privateDir), false);
    writeFileSync(join(dir, "kernel-1.json"), "{}");
    writeFileSync(join(dir, "other.json"), "{}");
    removeConnectionFile(join(dir, "kernel-1.json"));
    assert.deepEqual([existsSync(join(dir, "kernel-1.json")), existsSync(join(dir, "other.json"))], [false, true]);
  });

  it("SIGKILL of the runner (CLI) while its kernel is blocked in a cell: the kernel, a detached child and a double-forked child end, and the connection folder is removed, within 5 s", async () => {
    const input = join(dir, "killed.ipynb");
    const pids = join(dir, "killed.json");
    writeFileSync(input, JSON.stringify(notebook(spawnChildren(pids), 'require("child_process").execSync("sleep 60");')));
    const runner = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src", "cli", "index.ts"), "run", input, join(dir, "killed.out.ipynb")], { cwd: ROOT, stdio: "ignore", detached: true });
    let started: Started | undefined;
    try {
      assert.ok(await within(60_000, () => existsSync(pids) && readFileSync(pids, "utf8") !== ""), "the first cell ran");
      started = JSON.parse(readFileSync(pids, "utf8")) as Started;
      assert.ok(existsSync(started.connection) && dirname(started.connection).includes("tradeoff-lab-kernel-"));
      await new Promise((r) => setTimeout(r, 300)); // the second cell (execSync) is now blocking the kernel's event loop
      process.kill(runner.pid as number, "SIGKILL");
      const all = [started.kernel, ...started.children];
      assert.ok(await within(5_000, () => all.every((p) => !alive(p))), `still running after 5 s: ${all.filter((p) => alive(p)).join(", ")}`);
      assert.ok(await within(5_000, () => !existsSync(dirname(started?.connection as string))), "the connection folder is gone");
    } finally {
      signal(-(runner.pid as number), "SIGKILL");
      for (const p of started ? [started.kernel, ...started.children] : []) signal(p, "SIGKILL");
    }
  });

  it("a run that ends normally leaves no child of a cell behind, detached or double-forked", async () => {
    const pids = join(dir, "normal.json");
    const result = await executeNotebookObject(notebook(spawnChildren(pids), '"done"'), { cwd: dir });
    assert.equal(result.ok, true, String(result.error));
    const started = JSON.parse(readFileSync(pids, "utf8")) as Started;
    try {
      assert.ok(await within(5_000, () => [started.kernel, ...started.children].every((p) => !alive(p))), "all gone");
      assert.equal(existsSync(started.connection), false);
    } finally {
      for (const p of [started.kernel, ...started.children]) signal(p, "SIGKILL");
    }
  });

  it("a kernel whose runner died before the watchdog loaded (TRADEOFF_LAB_KERNEL_PARENT is not its parent) exits at once and removes its connection file", async () => {
    const privateDir = mkdtempSync(join(dir, "tradeoff-lab-kernel-"));
    const file = join(privateDir, "connection.json");
    writeFileSync(file, "{}");
    const kernel = spawn(process.execPath, ["--require", watchdogPreload(), "-e", "setInterval(() => {}, 1000)", "--", "--config-path", file], {
      env: { ...process.env, TRADEOFF_LAB_KERNEL_PARENT: "1", TRADEOFF_LAB_KERNEL_ID: "0123456789abcdef" },
      stdio: "ignore",
    });
    const [code, sig] = await new Promise<[number | null, string | null]>((r) => kernel.once("exit", (c, s) => r([c, s])));
    assert.deepEqual([code, sig], [null, "SIGKILL"], "the watchdog ended it");
    assert.equal(existsSync(privateDir), false);
  });

  it("a kernel started with the preload keeps running while its parent lives, and gives its children a fresh marker when none was handed to it", async () => {
    const kernel = spawn(process.execPath, ["--require", watchdogPreload(), "-e", "console.log(process.env.TRADEOFF_LAB_KERNEL_ID); setTimeout(() => {}, 1500)"], { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    kernel.stdout?.setEncoding("utf8").on("data", (s: string) => (out += s));
    const code = await new Promise<number | null>((r) => kernel.once("exit", (c) => r(c)));
    assert.equal(code, 0, "it ran to its own end");
    assert.match(out.trim(), /^[0-9a-f]{16}$/);
  });
});
