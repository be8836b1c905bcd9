/**
 * The shared process helpers: the marker scan and process groups, on real
 * processes (Linux /proc). descendants/alive/signal are also covered
 * through kernel-setup/processes.ts's re-export (test/kernel-setup/processes.test.ts).
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpuSeconds, groupMembers, killMarked, processesWithMarker, processStat } from "../../../src/runner/kernel/processes";
import { stopsRunning } from "../processes";

describe("runner/kernel/processes", function () {
  this.timeout(20_000);
  const idle = ["-e", "setInterval(() => {}, 1000)"];

  it("processesWithMarker() finds a process by NAME=value in its environment, wherever it went (its own session), and nothing for another value", async function () {
    if (process.platform !== "linux") this.skip();
    const value = randomBytes(8).toString("hex");
    const child = spawn(process.execPath, idle, { env: { ...process.env, TEST_MARKER: value }, detached: true, stdio: "ignore" });
    try {
      await new Promise((r) => child.once("spawn", r));
      assert.deepEqual(processesWithMarker("TEST_MARKER", value), [child.pid]);
      assert.deepEqual(processesWithMarker("TEST_MARKER", value.slice(1)), [], "a different value is not a match");
      assert.deepEqual(processesWithMarker("MARKER", value), [], "nor a name that only ends the same");
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("killMarked() SIGKILLs the marked processes and the members of a process group, never this process", async function () {
    if (process.platform !== "linux") this.skip();
    const value = randomBytes(8).toString("hex");
    const marked = spawn(process.execPath, idle, { env: { ...process.env, TEST_MARKER: value }, detached: true, stdio: "ignore" });
    const leader = spawn(process.execPath, ["-e", `require("child_process").spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" }); setInterval(() => {}, 1000)`], { detached: true, stdio: "ignore" });
    try {
      await new Promise((r) => setTimeout(r, 500));
      const members = groupMembers(leader.pid as number);
      assert.equal(members.length, 2, "the leader and its child");
      const killed = killMarked("TEST_MARKER", value, leader.pid as number);
      assert.deepEqual(killed.sort(), [marked.pid as number, ...members].sort());
      for (const pid of killed) assert.equal(await stopsRunning(pid, 2000), true, `${pid} still runs`);
      assert.ok(!killed.includes(process.pid));
    } finally {
      marked.kill("SIGKILL");
      try {
        process.kill(-(leader.pid as number), "SIGKILL");
      } catch {
        // already gone
      }
    }
  });

  it("processStat() reads a process's name and fields (a name with spaces and parentheses included); cpuSeconds() its CPU time; both undefined once it is gone", async function () {
    if (process.platform !== "linux") this.skip();
    const self = processStat("self");
    assert.equal(self?.fields[1], String(process.ppid));
    assert.equal(processStat(process.pid)?.name, self?.name);
    const odd = spawn(process.execPath, ["-e", 'process.title = "a (b) c"; let x = 0; const end = Date.now() + 300; while (Date.now() < end) x++; setTimeout(() => {}, 5000);'], { stdio: "ignore" });
    try {
      await new Promise((r) => setTimeout(r, 600));
      const pid = odd.pid as number;
      assert.equal(processStat(pid)?.name, "a (b) c");
      assert.equal(processStat(pid)?.fields[1], String(process.pid));
      const cpu = cpuSeconds(pid) as number;
      assert.ok(cpu >= 0.1 && cpu < 5, `cpu ${cpu}`);
    } finally {
      const reaped = new Promise((r) => odd.once("exit", r)); // Node reaps the child before "exit": no zombie left in /proc
      odd.kill("SIGKILL");
      await reaped;
    }
    assert.equal(processStat(odd.pid as number), undefined);
    assert.equal(cpuSeconds(odd.pid as number), undefined);
  });
  it("bad inputs pin the messages", () => {
    assert.throws(() => processesWithMarker("", "x"), { name: "RangeError", message: 'processes.processesWithMarker: name must be a non-empty string, got ""' });
    assert.throws(() => groupMembers(0), { name: "RangeError", message: "processes.groupMembers: pgid must be an integer >= 1, got 0" });
  });
});
