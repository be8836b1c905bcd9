import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KernelStartupError } from "../../../src/runner/errors";
import { stopsRunning } from "../processes";
import { KernelProcess, kernelEnvironment, liveKernelPids, redactSecrets } from "../../../src/runner/kernel/launch";

describe("runner/kernel/launch", () => {
  it("redactSecrets() removes HMAC-shaped hex runs and UUIDs (tslab logs the expected signature of a forged message)", () => {
    const hmac = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    assert.equal(redactSecrets(`Invalid signature: expected ${hmac}, got deadbeef`), "Invalid signature: expected [redacted], got deadbeef");
    assert.equal(redactSecrets("key 1b4e28ba-2fa1-11d2-883f-0016d3cca427 used"), "key [redacted] used");
  });
  it("kernelEnvironment() drops JUPYTER_TOKEN and other secrets of ours, keeps PATH and the kernelspec's variables", () => {
    const env = kernelEnvironment({ PATH: "/bin", HOME: "/h", JUPYTER_TOKEN: "t", JUPYTERHUB_API_TOKEN: "h", AWS_SECRET_ACCESS_KEY: "s", MY_PASSWORD: "p" }, { TSLAB_X: "1" });
    assert.deepEqual(env, { PATH: "/bin", HOME: "/h", TSLAB_X: "1" });
  });

  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "launch-test-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

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

  it("KernelProcess.stop() also kills a child that left the group (detached, its own session), found by the kernel's marker", async () => {
    const script = `const c = require("child_process").spawn(process.execPath, ["-e", "setInterval(()=>{},1000)"], { stdio: "ignore", detached: true });
      c.unref(); console.log(c.pid + " " + process.env.TRADEOFF_LAB_KERNEL_ID + " " + process.env.TRADEOFF_LAB_KERNEL_PARENT); setInterval(() => {}, 1000);`;
    const kernel = await KernelProcess.start({ name: "setsid", argv: [process.execPath, "-e", script] }, "x.json", dir);
    for (let i = 0; i < 100 && !/\n/.test(kernel.log); i++) await new Promise((r) => setTimeout(r, 20));
    const [child, marker, parent] = kernel.log.trim().split(" ");
    assert.deepEqual([marker, parent], [kernel.marker, String(process.pid)], "the kernel gets its marker and its parent's pid");
    assert.match(kernel.marker, /^[0-9a-f]{16}$/);
    await kernel.stop(50);
    assert.equal(await stopsRunning(Number(child)), true, `the detached child ${child} is still running`);
  });
});
