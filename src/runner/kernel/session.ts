/**
 * One kernel's whole lifetime in one object: connection file, process,
 * sockets. `start` waits for the kernel to answer `kernel_info_request`
 * AND for iopub to deliver (ZeroMQ's slow-joiner problem: a SUB socket
 * misses what is published before it has connected), and `shutdown`
 * always removes everything, in every path, as nbclient's
 * `async_setup_kernel` context manager does.
 */
import { KernelStartupError, SignatureError } from "../errors";
import { KernelClient } from "./client";
import { createConnection, freePorts, type Connection } from "./connection";
import { resolveKernelSpec, type KernelSpec } from "./kernelspec";
import { KernelProcess, type KernelExit } from "./launch";
import type { Message } from "./wire";

/** A started kernel with a connected client. */
export class KernelSession {
  private constructor(
    readonly spec: KernelSpec,
    readonly connection: Connection,
    readonly process: KernelProcess,
    readonly client: KernelClient,
    /** The kernel's `kernel_info_reply` content. */
    readonly info: Record<string, unknown>,
    /** Milliseconds from spawning the process to the first reply. */
    readonly startupMs: number,
  ) {}

  /**
   * Starts a kernel and waits until it is ready. The ports are picked free
   * just before the kernel starts, but another program can take one before
   * the kernel binds it (two kernels starting at once, as in a parallel test
   * run). tslab as shipped then answers on shell and never publishes on
   * iopub, and only its log says "Address already in use"; the project's
   * kernel entry makes it exit with that log (`exitOnInitFailure` in
   * tslabMain.ts), as jupyter_client's KernelRestarter expects of a kernel
   * it should restart on new random ports (`random_ports_until_alive`).
   * Either way the log is read first: such a start is stopped and made
   * again on fresh ports, up to {@link PORT_ATTEMPTS} times, within the one
   * startup timeout. So is a start that receives a message signed with
   * another key before the first reply: one of its ports was another
   * kernel's (the message is rejected, never read).
   * @param kernel a kernel name or kernelspec path (see `resolveKernelSpec`)
   * @param cwd the kernel's working directory
   * @param startupTimeoutMs how long to wait for the first reply, all attempts together
   * @param pickPorts how the five ports are picked (tests inject taken ports)
   * @throws KernelStartupError on a missing kernelspec, a failed spawn, an early exit, ports taken at every attempt, or a timeout
   */
  static async start(
    kernel: string,
    cwd: string,
    startupTimeoutMs: number,
    pickPorts: (count: number) => Promise<number[]> = freePorts,
  ): Promise<KernelSession> {
    const spec = resolveKernelSpec(kernel);
    const deadline = performance.now() + startupTimeoutMs;
    for (let attempt = 1; ; attempt++) {
      const connection = await createConnection(spec.name, pickPorts);
      let proc: KernelProcess | undefined;
      let client: KernelClient | undefined;
      try {
        const started = performance.now();
        proc = await KernelProcess.start(spec, connection.file, cwd, connection.remove);
        client = KernelClient.connect(connection.info);
        const info = await waitReady(client, proc, deadline, startupTimeoutMs, spec.name);
        return new KernelSession(spec, connection, proc, client, info, performance.now() - started);
      } catch (error) {
        client?.close();
        await proc?.stop(0);
        connection.remove();
        // A message signed with another key before the kernel answered: one of its ports was another kernel's, which
        // got it between its choice and this kernel's start (this kernel then fails to bind it). Start again, as for a taken port.
        if (error instanceof SignatureError && attempt < PORT_ATTEMPTS && performance.now() < deadline) continue;
        if (!(error instanceof PortTakenError)) throw error;
        if (attempt >= PORT_ATTEMPTS || performance.now() >= deadline) {
          throw new KernelStartupError(
            `runner: kernel ${JSON.stringify(spec.name)} could not bind its ports ${attempt} times in a row: ${error.address} was already in use (another program took a port between its choice and the kernel's start)`,
          );
        }
      }
    }
  }

  /** Resolves with the exit status when the kernel process ends. */
  get exited(): Promise<KernelExit> {
    return this.process.exited;
  }

  /**
   * Interrupts the running cell: SIGINT to the kernel's process group, or an
   * `interrupt_request` on control for kernelspecs with `interrupt_mode: "message"`.
   */
  interrupt(): void {
    if (this.spec.interrupt_mode === "message") {
      const { msgId } = this.client.request("control", "interrupt_request", {});
      setTimeout(() => this.client.unlisten(msgId), 5000).unref();
    } else {
      this.process.interrupt();
    }
  }

  /**
   * Asks the kernel to shut down, then makes sure it did: the process group
   * is killed after `graceMs`, the sockets closed, the connection file removed.
   */
  async shutdown(graceMs = 500): Promise<void> {
    try {
      if (this.process.alive) this.client.request("control", "shutdown_request", { restart: false });
      await this.process.stop(graceMs);
    } finally {
      this.client.close();
      this.connection.remove();
    }
  }
}

/** How often startup re-sends kernel_info_request, ms. */
const REASK_MS = 250;
/** Starts made at most when the kernel finds a port taken. */
export const PORT_ATTEMPTS = 3;

/** The kernel's log says one of its ports was taken (by another program). */
class PortTakenError extends Error {
  constructor(readonly address: string) {
    super(`port taken: ${address}`);
  }
}

/** The address a kernel's log reports as already in use ("a port" when it names none), or undefined. */
export function takenAddress(log: string): string | undefined {
  if (!/EADDRINUSE|Address already in use/.test(log)) return undefined;
  return /address: '([^']+)'/.exec(log)?.[1] ?? /(tcp:\/\/[\w.:[\]-]+)/.exec(log)?.[1] ?? "a port";
}

async function waitReady(client: KernelClient, proc: KernelProcess, deadline: number, timeoutMs: number, name: string): Promise<Record<string, unknown>> {
  let sawIopub = false;
  const stopWatching = client.onAnyIopub(() => {
    sawIopub = true;
  });
  let reply: Message | undefined;
  const sent: string[] = [];
  const replies: Promise<Message>[] = [];
  try {
    while (performance.now() < deadline) {
      // Re-ask every 250 ms until the kernel is up, and take the first reply
      // to any of the requests: a request sent while the kernel was still
      // loading is answered late, not lost.
      const request = client.request("shell", "kernel_info_request", {});
      sent.push(request.msgId);
      replies.push(request.reply);
      const waitMs = Math.min(REASK_MS, Math.max(1, deadline - performance.now()));
      const outcome = await Promise.race([
        ...replies,
        proc.exited.then((exit) => exit),
        client.failure,
        new Promise<"wait">((r) => setTimeout(() => r("wait"), waitMs)),
      ]);
      const taken = takenAddress(proc.log);
      if (taken !== undefined) throw new PortTakenError(taken);
      if (outcome !== "wait" && "header" in outcome) reply = outcome;
      else if (outcome !== "wait") {
        const log = proc.log.trim();
        throw new KernelStartupError(
          `runner: kernel ${JSON.stringify(name)} exited during startup (code ${outcome.code}, signal ${outcome.signal})${log ? `; its output:\n${log.slice(-2000)}` : ""}`,
        );
      }
      if (reply) {
        // The reply came; make sure iopub is connected too (it is when the status for our request arrived).
        // A SUB socket that joined late missed that status: ask again soon, since each request publishes one.
        for (let i = 0; i < 5 && !sawIopub && performance.now() < deadline; i++) await new Promise((r) => setTimeout(r, 20));
        if (sawIopub) return reply.content;
      }
    }
  } finally {
    stopWatching();
    for (const id of sent) client.unlisten(id);
  }
  const log = proc.log.trim();
  throw new KernelStartupError(
    `runner: kernel ${JSON.stringify(name)} did not ${reply ? "publish on iopub" : "answer kernel_info_request"} within the startup timeout of ${timeoutMs} ms${log ? `; its output so far:\n${log.slice(-2000)}` : " (it printed nothing)"}`,
  );
}
