import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:net";
import { alive, descendants, freePort, portFree, portOpen, processTable, signal, waitFor } from "../../kernel-setup/processes";

function listen(port = 0): Promise<Server & { port: number }> {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.listen({ host: "127.0.0.1", port }, () => {
      const address = server.address();
      resolvePromise(Object.assign(server, { port: typeof address === "object" && address ? address.port : 0 }));
    });
  });
}

describe("kernel-setup/processes", function () {
  this.timeout(20_000);

  it("descendants(pid) finds a child and its grandchild; alive/signal end them", async () => {
    // sh -c 'sleep 30 & wait': the shell is the child, sleep the grandchild.
    const child = spawn("sh", ["-c", "sleep 30 & wait"], { stdio: "ignore", detached: true });
    const pid = child.pid as number;
    try {
      assert.ok(await waitFor(() => descendants(pid).length === 1, 5000), "the grandchild appears");
      const [grandchild] = descendants(pid) as [number];
      assert.equal(processTable().get(grandchild), pid);
      assert.ok(descendants(process.pid).includes(pid) && descendants(process.pid).includes(grandchild));
      assert.equal(alive(-pid), true);
      signal(-pid, "SIGKILL");
      assert.ok(await waitFor(() => !alive(grandchild), 5000));
      assert.ok(await waitFor(() => !alive(-pid), 5000));
      signal(-pid, "SIGKILL"); // ESRCH is ignored
    } finally {
      if (alive(-pid)) process.kill(-pid, "SIGKILL");
    }
  });

  it("alive(pid) is false for an exited (reaped) child", async () => {
    const child = spawn("true", { stdio: "ignore" });
    await new Promise((r) => child.once("exit", r));
    assert.equal(alive(child.pid as number), false);
    assert.equal(alive(process.pid), true);
  });

  it("portOpen / portFree see a listening server, and freePort skips it", async () => {
    const server = await listen();
    try {
      assert.equal(await portOpen(server.port), true);
      assert.equal(await portFree(server.port), false);
      const free = await freePort(server.port);
      assert.notEqual(free, server.port);
      assert.equal(await portFree(free), true);
    } finally {
      await new Promise((r) => server.close(r));
    }
    assert.equal(await portOpen(server.port), false);
  });

  it("waitFor resolves false when the condition never holds", async () => {
    assert.equal(await waitFor(() => false, 50, 10), false);
    assert.equal(await waitFor(() => true, 50, 10), true);
  });

  it("bad inputs pin the messages", async () => {
    assert.throws(() => descendants(0), { name: "RangeError", message: "processes.descendants: pid must be an integer >= 1, got 0" });
    assert.throws(() => portOpen(70000), { name: "RangeError", message: "processes.portOpen: port must be an integer in [1, 65535], got 70000" });
    assert.throws(() => portFree(Number.NaN), { name: "TypeError", message: "processes.portFree: port must be an integer in [1, 65535], got NaN" });
    await assert.rejects(freePort(0), { name: "RangeError", message: "processes.freePort: from must be an integer in [1, 65535], got 0" });
  });
});
