/**
 * Finding processes on this machine: a process's descendants, whether a
 * pid or process group is alive, the members of a process group, and the
 * processes that carry a marker in their environment. The runner, the
 * kernel watchdog, `npm start` and the hub share these.
 *
 * A marker (`NAME=<random id>` in a process's environment) follows every
 * process started from it, also those that left its process group or
 * session (`setsid`, `detached: true`) or were re-parented to PID 1 after a
 * double fork, so a scan of `/proc/<pid>/environ` finds them all. Only a
 * child started with an environment of its own (`env: {}`) escapes it.
 * Linux only: elsewhere the marker scan and group listing find nothing.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { integer, nonEmptyString } from "../../internal/errors";

/** Linux's clock ticks per second for `/proc/<pid>/stat` times (USER_HZ, 100 on every common build). */
const TICKS_PER_SECOND = 100;

/**
 * A process's `/proc/<pid>/stat` (Linux): its command name (at most 15
 * characters) and the fields after it (0 state, 1 ppid, 2 pgrp, ... 11
 * utime, 12 stime); undefined when it is gone or there is no `/proc`.
 * @example processStat("self")?.fields[1] === String(process.ppid) // => true
 */
export function processStat(pid: number | "self"): { readonly name: string; readonly fields: readonly string[] } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after the last ')'.
    return { name: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")), fields: stat.slice(stat.lastIndexOf(")") + 2).split(" ") };
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) a process has used so far, from `/proc`; undefined once it is gone. */
export function cpuSeconds(pid: number): number | undefined {
  const fields = processStat(pid)?.fields;
  return fields === undefined ? undefined : (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

function procPids(): number[] {
  return readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .map(Number);
}

/** pid → parent pid for every process visible to this user. */
export function processTable(): Map<number, number> {
  const table = new Map<number, number>();
  if (process.platform === "linux") {
    for (const pid of procPids()) {
      const fields = processStat(pid)?.fields;
      if (fields) table.set(pid, Number(fields[1]));
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
    const fields = processStat(pidOrGroup)?.fields;
    return fields !== undefined && fields[0] !== "Z";
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

/**
 * The live processes of process group `pgid` other than this one (Linux; elsewhere []).
 * @throws RangeError when `pgid` is not a positive integer
 * @example groupMembers(process.pid) // => [] (when this process leads no group with others in it)
 */
export function groupMembers(pgid: number): number[] {
  integer("processes.groupMembers", "pgid", pgid, { min: 1 });
  if (process.platform !== "linux") return [];
  return procPids().filter((pid) => {
    const fields = processStat(pid)?.fields;
    return pid !== process.pid && fields !== undefined && fields[0] !== "Z" && Number(fields[2]) === pgid;
  });
}

/**
 * The live processes other than this one whose environment holds
 * `name=value` (Linux; elsewhere []). Only this user's processes can be read.
 * @throws RangeError when `name` or `value` is empty
 * @example processesWithMarker("TRADEOFF_LAB_KERNEL_ID", "0123456789abcdef") // => [] (when no process carries it)
 */
export function processesWithMarker(name: string, value: string): number[] {
  nonEmptyString("processes.processesWithMarker", "name", name);
  nonEmptyString("processes.processesWithMarker", "value", value);
  if (process.platform !== "linux") return [];
  const entry = Buffer.from(`${name}=${value}\0`);
  const inside = Buffer.from(`\0${name}=${value}\0`);
  const out: number[] = [];
  for (const pid of procPids()) {
    if (pid === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${pid}/environ`);
      // An entry starts the buffer or follows a NUL.
      const found = environ.subarray(0, entry.length).equals(entry) || environ.includes(inside);
      if (found && alive(pid)) out.push(pid);
    } catch {
      // Gone, or not ours to read.
    }
  }
  return out;
}

/**
 * SIGKILLs every live process that carries the marker `name=value` or is
 * in process group `pgid` (when given), other than this one.
 * @returns the pids signalled
 */
export function killMarked(name: string, value: string, pgid?: number): number[] {
  const targets = new Set([...processesWithMarker(name, value), ...(pgid === undefined ? [] : groupMembers(pgid))]);
  for (const pid of targets) signal(pid, "SIGKILL");
  return [...targets];
}
