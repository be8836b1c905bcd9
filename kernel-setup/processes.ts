/**
 * Small process and port helpers for `npm start` and its tests: who are a
 * process's descendants, is a pid or process group alive, is a port free.
 *
 * Jupyter starts each kernel in a new session (jupyter_client's
 * `start_new_session=True`), so killing Jupyter's process group does not
 * reach its kernels. `npm start` therefore notes Jupyter's descendants
 * before stopping it and ends any that outlive it.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer, createConnection } from "node:net";
import { integer } from "../src/internal/errors";

/** pid → parent pid for every process visible to this user. */
export function processTable(): Map<number, number> {
  const table = new Map<number, number>();
  if (process.platform === "linux") {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        table.set(Number(entry), ppid);
      } catch {
        // The process ended while we looked.
      }
    }
    return table;
  }
  const ps = spawnSync("ps", ["-A", "-o", "pid=", "-o", "ppid="], { encoding: "utf8" });
  for (const line of (ps.stdout ?? "").split("\n")) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (pid !== undefined && ppid !== undefined && Number.isInteger(pid) && Number.isInteger(ppid)) table.set(pid, ppid);
  }
  return table;
}

/**
 * Every descendant of `pid` (children, their children, ...), now.
 * @throws RangeError when `pid` is not a positive integer
 * @example descendants(process.pid) // => [] (when this process has no children)
 */
export function descendants(pid: number): number[] {
  integer("processes.descendants", "pid", pid, { min: 1 });
  const table = processTable();
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift() as number;
    for (const [child, ppid] of table) {
      if (ppid === parent && !out.includes(child)) {
        out.push(child);
        queue.push(child);
      }
    }
  }
  return out;
}

/** True when a process (or, for a negative number, a process group) exists. Zombies count as gone. */
export function alive(pidOrGroup: number): boolean {
  try {
    process.kill(pidOrGroup, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  if (pidOrGroup > 0 && process.platform === "linux") {
    try {
      const stat = readFileSync(`/proc/${pidOrGroup}/stat`, "utf8");
      return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
    } catch {
      return false;
    }
  }
  return true;
}

/** Sends a signal, ignoring "no such process". */
export function signal(pidOrGroup: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pidOrGroup, sig);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
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
