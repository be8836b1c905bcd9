import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KernelStartupError } from "../../../src/runner/errors";
import { stopsRunning } from "../processes";
import { KernelProcess, kernelSearchPath, liveKernelPids, resolveKernelSpec } from "../../../src/runner/kernel/launch";

describe("runner/kernel/launch", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "launch-test-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('resolveKernelSpec("tslab") is the project\'s own tslab, run by this node', () => {
    const spec = resolveKernelSpec("tslab");
    assert.equal(spec.argv[0], process.execPath);
    assert.equal(spec.argv[1], join(__dirname, "..", "..", "..", "node_modules", "tslab", "bin", "tslab"));
    assert.deepEqual(spec.argv.slice(2), ["kernel", "--config-path", "{connection_file}"]);
    assert.equal(spec.interrupt_mode, "signal");
  });

  it("resolveKernelSpec(path to kernel.json or its folder) reads that spec", () => {
    const file = join(dir, "kernel.json");
    writeFileSync(file, JSON.stringify({ argv: ["echo", "{connection_file}"], display_name: "Echo", interrupt_mode: "message" }));
    assert.deepEqual(resolveKernelSpec(file).argv, ["echo", "{connection_file}"]);
    assert.equal(resolveKernelSpec(dir).interrupt_mode, "message");
  });

  it("resolveKernelSpec(name) finds <JUPYTER_PATH>/kernels/<name>/kernel.json", () => {
    const saved = process.env.JUPYTER_PATH;
    process.env.JUPYTER_PATH = dir;
    try {
      const specDir = join(dir, "kernels", "fake");
      mkdirSync(specDir, { recursive: true });
      writeFileSync(join(specDir, "kernel.json"), JSON.stringify({ argv: ["fake-kernel", "{connection_file}"] }));
      assert.deepEqual(resolveKernelSpec("fake").argv, ["fake-kernel", "{connection_file}"]);
      assert.equal(kernelSearchPath()[0], join(dir, "kernels"));
    } finally {
      if (saved === undefined) delete process.env.JUPYTER_PATH;
      else process.env.JUPYTER_PATH = saved;
    }
  });

  it("resolveKernelSpec(unknown name) throws KernelStartupError naming where it looked", () => {
    assert.throws(
      () => resolveKernelSpec("no-such-kernel"),
      (e: unknown) => e instanceof KernelStartupError && /^runner: no kernel named "no-such-kernel"; looked for kernel.json in .*no-such-kernel/.test(e.message),
    );
  });

  it("resolveKernelSpec(kernel.json without argv) throws KernelStartupError", () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ display_name: "x" }));
    assert.throws(() => resolveKernelSpec(file), { message: `runner: kernelspec ${file} must have a non-empty argv list of strings` });
  });

  it("KernelProcess.start() of a missing program throws KernelStartupError and records nothing", async () => {
    await assert.rejects(
      KernelProcess.start({ name: "ghost", argv: [join(dir, "missing-program")] }, "x.json", dir),
      (e: unknown) => e instanceof KernelStartupError && e.message.startsWith('runner: cannot start kernel "ghost"'),
    );
    assert.deepEqual(liveKernelPids(), []);
  });

  it("KernelProcess.stop() kills the whole process group, grandchildren included", async () => {
    const script = `const c = require("child_process").spawn(process.execPath, ["-e", "setInterval(()=>{},1000)"], { stdio: "ignore" });
      console.log(c.pid); process.on("SIGTERM", () => {}); setInterval(() => {}, 1000);`;
    const kernel = await KernelProcess.start({ name: "group", argv: [process.execPath, "-e", script] }, "x.json", dir);
    for (let i = 0; i < 100 && !/\d+\n/.test(kernel.log); i++) await new Promise((r) => setTimeout(r, 20));
    const grandchild = Number(kernel.log.trim());
    assert.ok(grandchild > 0);
    assert.deepEqual(liveKernelPids(), [kernel.pid]);
    await kernel.stop(50);
    assert.equal(kernel.alive, false);
    assert.deepEqual(liveKernelPids(), []);
    for (const pid of [kernel.pid, grandchild]) assert.equal(await stopsRunning(pid), true, `process ${pid} is still running`);
  });
});
