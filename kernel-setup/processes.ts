/**
 * Small process and port helpers for `npm start` and its tests: who are a
 * process's descendants, is a pid or process group alive (these from
 * `src/runner/kernel/processes.ts`), is a port free.
 *
 * Jupyter starts each kernel in a new session (jupyter_client's
 * `start_new_session=True`), so killing Jupyter's process group does not
 * reach its kernels. `npm start` therefore notes Jupyter's descendants
 * before stopping it and ends any that outlive it.
 */
import { createServer, createConnection } from "node:net";
import { integer } from "../src/internal/errors";

// The process helpers are shared with the runner and the kernel watchdog.
import { processStat, processTable } from "../src/runner/kernel/processes";
export { alive, descendants, groupMembers, processesWithMarker, processTable, signal } from "../src/runner/kernel/processes";

/**
 * The processes that launched this one, nearest first, up to and including
 * the `npm`/`npx` that did (an `npm start` is npm → sh → tsx → node); the
 * direct parent alone when no npm is among the nearest five ancestors
 * (Linux; elsewhere the direct parent). Killing any of them should end
 * this process.
 * @example launchers() // => [4242, 4241, 4230] (tsx, sh, npm)
 */
export function launchers(): number[] {
  const chain: number[] = [];
  let pid = process.ppid;
  for (let level = 0; level < 5 && pid > 1; level++) {
    chain.push(pid);
    if (/^(?:npm|npx)\b/.test(processStat(pid)?.name ?? "")) return chain;
    pid = processTable().get(pid) ?? 0;
  }
  return chain.slice(0, 1);
}

/** Waits until `check()` is true, polling every `everyMs`; resolves false on timeout. */
export async function waitFor(check: () => boolean, timeoutMs: number, everyMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return check();
}

/**
 * Whether something accepts TCP connections on 127.0.0.1:`port`.
 * @throws RangeError when `port` is not an integer in [1, 65535]
 */
export function portOpen(port: number, timeoutMs = 1000): Promise<boolean> {
  integer("processes.portOpen", "port", port, { min: 1, max: 65535 });
  return new Promise((resolvePromise) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    const done = (open: boolean) => {
      socket.destroy();
      resolvePromise(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** Whether this process could listen on 127.0.0.1:`port` now. */
export function portFree(port: number): Promise<boolean> {
  integer("processes.portFree", "port", port, { min: 1, max: 65535 });
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.once("error", () => resolvePromise(false));
    server.listen({ host: "127.0.0.1", port, exclusive: true }, () => server.close(() => resolvePromise(true)));
  });
}

/**
 * The first free port on 127.0.0.1 from `from` on (at most 100 tried),
 * else one the system picks.
 * @throws RangeError when `from` is not an integer in [1, 65535]
 * @example await freePort(8888) // => 8888 (when nothing listens there)
 */
export async function freePort(from = 8888): Promise<number> {
  integer("processes.freePort", "from", from, { min: 1, max: 65535 });
  for (let port = from; port < Math.min(from + 100, 65536); port++) {
    if (await portFree(port)) return port;
  }
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ host: "127.0.0.1", port: 0 }, () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolvePromise(port));
    });
  });
}
