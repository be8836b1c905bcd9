/**
 * The kernel's own watchdog, so that no kernel outlives whoever started it,
 * whatever killed them (SIGKILL included). It runs inside the kernel
 * process, loaded before tslab with `node --require …/preload.js` (the
 * argv of `tslabArgv` in `kernelspec.ts`, for the runner's kernels and for
 * the kernelspec `npm start` registers, so Jupyter's kernels have it too):
 *
 * - **parent death**: it notes its parent pid at start and checks every
 *   `everyMs` (500 ms) whether it changed, which happens when the parent
 *   dies and the kernel is re-parented (to PID 1 or a subreaper). Then it
 *   ends the kernel's children, removes the connection file (and the
 *   runner's private folder around it), and SIGKILLs the kernel. The check
 *   runs in a worker thread, so a cell that blocks the kernel's event loop
 *   (a busy loop, an `execSync` that never returns) does not stop it. A
 *   parent that died before the watchdog started is caught too: the runner
 *   names itself in `TRADEOFF_LAB_KERNEL_PARENT`;
 * - **children started by cells**: every process started from the kernel
 *   inherits `TRADEOFF_LAB_KERNEL_ID=<id>` (the runner's id, or a fresh one
 *   under Jupyter), also those that left with `setsid` or `detached: true`
 *   or were re-parented by a double fork; when the kernel ends (shutdown,
 *   SIGTERM, SIGHUP or parent death) they are SIGKILLed, with what is left
 *   in the kernel's process group. A kernel that is itself SIGKILLed cannot
 *   do this: its starter does (the runner's `KernelProcess.stop`, `npm
 *   start`'s marker scan).
 *
 * The connection file is removed on every exit the kernel sees (not on
 * its own SIGKILL): its starter may die right after (Jupyter under SIGTERM
 * did not always get to it). A Jupyter restart is not hurt: jupyter_client
 * writes the file again when it is missing (`write_connection_file`).
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { basename, dirname } from "node:path";
import { isMainThread, Worker, workerData } from "node:worker_threads";
import { killMarked, processStat } from "./processes";

/** The marker every process started from a kernel inherits. */
export const KERNEL_ID_VARIABLE = "TRADEOFF_LAB_KERNEL_ID";
/** The pid of the runner that started the kernel, so its id is taken only from it. */
export const KERNEL_PARENT_VARIABLE = "TRADEOFF_LAB_KERNEL_PARENT";
/** The prefix of the runner's private connection folders (see `connection.ts`). */
export const CONNECTION_DIR_PREFIX = "tradeoff-lab-kernel-";

/** A running watchdog. */
export interface Watchdog {
  /** The marker value of this kernel's processes. */
  readonly id: string;
  /** The parent pid it watches. */
  readonly parent: number;
  /** Stops watching (the exit and signal handlers stay). */
  stop(): void;
}

/**
 * The `--config-path` (or `-f`) argument of a kernel's command line, if any.
 * @example connectionFileOf(["node", "tslab", "kernel", "--config-path", "/tmp/k/connection.json"]) // => "/tmp/k/connection.json"
 */
export function connectionFileOf(argv: readonly string[]): string | undefined {
  for (const [i, arg] of argv.entries()) {
    if (arg === "--config-path" || arg === "-f") return argv[i + 1];
    if (arg.startsWith("--config-path=")) return arg.slice("--config-path=".length);
  }
  return undefined;
}

/** Removes a connection file, and the runner's private folder when it is in one. */
export function removeConnectionFile(file: string): void {
  rmSync(file, { force: true });
  if (basename(dirname(file)).startsWith(CONNECTION_DIR_PREFIX)) rmSync(dirname(file), { recursive: true, force: true });
}

function leadsOwnGroup(): boolean {
  return Number(processStat("self")?.fields[2]) === process.pid;
}

/** What the watching thread needs. */
interface WatchJob {
  readonly watchdog: true;
  readonly id: string;
  readonly parent: number;
  readonly declared: string | undefined;
  readonly group: number | undefined;
  readonly connectionFile: string | undefined;
  readonly everyMs: number;
}

/** True when the kernel has lost the parent that started it. */
function orphaned(job: WatchJob): boolean {
  return process.ppid !== job.parent || (job.declared !== undefined && job.declared !== String(job.parent));
}

/** Ends the kernel's processes and connection file, then the kernel itself. */
function endOrphan(job: WatchJob): void {
  killMarked(KERNEL_ID_VARIABLE, job.id, job.group);
  if (job.connectionFile !== undefined) removeConnectionFile(job.connectionFile);
  process.kill(process.pid, "SIGKILL");
}

/**
 * Starts watching (see the module comment). Called once, by `preload.ts`,
 * in the kernel process; the parent check runs in a worker thread of this
 * module (compiled JavaScript: the preload is always `dist/`'s).
 * @param everyMs how often the parent is checked, in milliseconds
 */
export function startWatchdog(everyMs = 500): Watchdog {
  const env = process.env;
  const parent = process.ppid;
  const declared = env[KERNEL_PARENT_VARIABLE];
  const given = env[KERNEL_ID_VARIABLE];
  // Take the runner's id only from the runner itself, never from an ancestor further up.
  const id = given && declared === String(parent) ? given : randomBytes(8).toString("hex");
  env[KERNEL_ID_VARIABLE] = id;
  delete env[KERNEL_PARENT_VARIABLE];
  const group = leadsOwnGroup() ? process.pid : undefined;
  const job: WatchJob = { watchdog: true, id, parent, declared, group, connectionFile: connectionFileOf(process.argv), everyMs };
  if (orphaned(job)) endOrphan(job);

  const end = () => {
    killMarked(KERNEL_ID_VARIABLE, id, group);
    if (job.connectionFile !== undefined) removeConnectionFile(job.connectionFile);
  };
  process.on("exit", end);
  for (const sig of ["SIGTERM", "SIGHUP"] as const) {
    process.once(sig, () => {
      end();
      // Then end as the signal would have ended us.
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    });
  }
  // execArgv: [] so that the thread does not preload the watchdog again.
  const worker = new Worker(__filename, { workerData: job, execArgv: [], env: {}, stdout: true, stderr: true });
  worker.unref();
  return { id, parent, stop: () => void worker.terminate() };
}

if (!isMainThread && (workerData as Partial<WatchJob> | null)?.watchdog === true) {
  const job = workerData as WatchJob;
  setInterval(() => {
    if (orphaned(job)) endOrphan(job);
  }, job.everyMs);
}
