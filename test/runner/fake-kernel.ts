/**
 * A scripted fake Jupyter kernel that speaks the protocol badly ON PURPOSE,
 * for the runner's fault tests. Started by a kernelspec as
 *
 *     node --require <tsx/cjs> test/runner/fake-kernel.ts <connection_file>
 *
 * FAKE_KERNEL_MODE chooses the behaviour of execute_request:
 * - ok            replies properly; prints "ran: <code>"
 * - die-mid-cell  prints a line, then exits with code 3
 * - never-reply   publishes busy and never replies; ignores SIGINT and shutdown
 * - interruptible never replies until SIGINT, then replies with an error
 * - bad-signature signs its execute_reply with the wrong key
 * - never-idle    replies, but never publishes status idle
 * - trickle       replies, then prints 4 more lines 150 ms apart before idle
 * - never-start   never answers kernel_info_request (says so once on stderr)
 * - uncaught-after-idle replies properly; when the next request arrives,
 *                 first reports an uncaught error under the finished one,
 *                 as tslab does (stderr `UncaughtException: Error: late <code>`)
 * FAKE_KERNEL_PIDFILE: where to write {"pid", "child"}; the kernel also
 * starts a child process in its own process group, to check that cleanup
 * kills the whole group.
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import * as zmq from "zeromq";
import type { ConnectionInfo } from "../../src/runner/kernel/connection";
import { createMessage, deserialize, serialize, type Message } from "../../src/runner/kernel/wire";

const mode = process.env.FAKE_KERNEL_MODE ?? "ok";
const info = JSON.parse(readFileSync(process.argv[2] as string, "utf8")) as ConnectionInfo;
const url = (port: number) => `tcp://${info.ip}:${port}`;

const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
if (process.env.FAKE_KERNEL_PIDFILE) {
  writeFileSync(process.env.FAKE_KERNEL_PIDFILE, JSON.stringify({ pid: process.pid, child: child.pid }));
}

let interrupted: (() => void) | undefined;
process.on("SIGINT", () => {
  if (mode === "interruptible") interrupted?.();
  // every other mode ignores SIGINT, as a kernel stuck in native code would
});

const shell = new zmq.Router();
const control = new zmq.Router();
const iopub = new zmq.Publisher();
const stdin = new zmq.Router();
const hb = new zmq.Reply();
let count = 0;
/** uncaught-after-idle: the execute_request whose uncaught error is still to be reported. */
let finished: Message | undefined;

function reply(socket: zmq.Router, parent: Message, msgType: string, content: Record<string, unknown>, key = info.key): Promise<void> {
  const msg = createMessage(msgType, content, parent.header.session, parent.header);
  msg.identities = parent.identities;
  return socket.send(serialize(msg, key));
}

function publish(parent: Message, msgType: string, content: Record<string, unknown>): Promise<void> {
  return iopub.send(serialize(createMessage(msgType, content, parent.header.session, parent.header), info.key));
}

async function onExecute(msg: Message): Promise<void> {
  const code = String(msg.content.code);
  await publish(msg, "status", { execution_state: "busy" });
  count++;
  await publish(msg, "execute_input", { code, execution_count: count });
  switch (mode) {
    case "die-mid-cell":
      await publish(msg, "stream", { name: "stdout", text: "about to die\n" });
      setTimeout(() => process.exit(3), 50);
      return;
    case "never-reply":
      return;
    case "interruptible":
      await new Promise<void>((r) => (interrupted = r));
      await publish(msg, "stream", { name: "stderr", text: "Error: Interrupted asynchronously\n" });
      await reply(shell, msg, "execute_reply", { status: "error", execution_count: count });
      await publish(msg, "status", { execution_state: "idle" });
      return;
    case "bad-signature":
      await reply(shell, msg, "execute_reply", { status: "ok", execution_count: count }, "not-the-key");
      await publish(msg, "status", { execution_state: "idle" });
      return;
    case "never-idle":
      await publish(msg, "stream", { name: "stdout", text: `ran: ${code}\n` });
      await reply(shell, msg, "execute_reply", { status: "ok", execution_count: count });
      return;
    case "trickle":
      await reply(shell, msg, "execute_reply", { status: "ok", execution_count: count });
      for (let i = 0; i < 4; i++) {
        await new Promise((r) => setTimeout(r, 150));
        await publish(msg, "stream", { name: "stdout", text: `late ${i}\n` });
      }
      await publish(msg, "status", { execution_state: "idle" });
      return;
    default:
      await publish(msg, "stream", { name: "stdout", text: `ran: ${code}\n` });
      await reply(shell, msg, "execute_reply", { status: "ok", execution_count: count });
      await publish(msg, "status", { execution_state: "idle" });
      if (mode === "uncaught-after-idle") finished = msg;
  }
}

/** never-start says once, on stderr, that it will not answer. */
let saidNever = false;

async function serve(socket: zmq.Router, name: string): Promise<void> {
  for await (const frames of socket) {
    const msg = deserialize(frames, info.key, name);
    const type = msg.header.msg_type;
    if (finished) {
      await publish(finished, "stream", { name: "stderr", text: `UncaughtException: Error: late ${String(finished.content.code)}\n    at Timeout._onTimeout (evalmachine.<anonymous>:1:1)\n` });
      finished = undefined;
    }
    if (type === "kernel_info_request") {
      if (mode === "never-start") {
        if (!saidNever) process.stderr.write("fake kernel: not answering kernel_info_request\n");
        saidNever = true;
        continue;
      }
      await publish(msg, "status", { execution_state: "busy" });
      await reply(socket, msg, "kernel_info_reply", { status: "ok", protocol_version: "5.3", implementation: "fake", language_info: { name: "typescript" } });
      await publish(msg, "status", { execution_state: "idle" });
    } else if (type === "execute_request") {
      void onExecute(msg);
    } else if (type === "shutdown_request" && mode !== "never-reply") {
      await reply(socket, msg, "shutdown_reply", { status: "ok", restart: false });
      child.kill();
      process.exit(0);
    }
  }
}

async function main(): Promise<void> {
  await Promise.all([
    shell.bind(url(info.shell_port)),
    control.bind(url(info.control_port)),
    iopub.bind(url(info.iopub_port)),
    stdin.bind(url(info.stdin_port)),
    hb.bind(url(info.hb_port)),
  ]);
  void serve(shell, "shell");
  void serve(control, "control");
  for await (const frames of hb) await hb.send(frames);
}

void main();
