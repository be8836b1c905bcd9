/**
 * The worker threads behind `pbs.tVisibilityParallel` (internal).
 *
 * Workers start on first use and stay for later runs (starting one costs
 * tens of milliseconds). An idle worker is unref'd, so it never keeps a
 * script or a test run alive; a busy one is ref'd until it replies. A worker
 * that fails or exits is dropped and its run rejected.
 *
 * The built library starts `dist/pbs/worker.js`. Under tsx (the tests run
 * `src/`), the worker first registers tsx, then loads `worker.ts`.
 */
import { Worker } from "node:worker_threads";
import { join } from "node:path";
import type { BlockCounts, Model } from "./engine";

/** One range of blocks of a run, for one worker. */
export interface BlockJob {
  readonly id: number;
  readonly model: Model;
  readonly firstBlock: number;
  readonly endBlock: number;
  /** The run's per-trial arrays, shared: the worker writes its blocks' trials in place. */
  readonly tStar: SharedArrayBuffer;
  readonly readLatency: SharedArrayBuffer;
  readonly writeLatency: SharedArrayBuffer;
}

/** A worker's answer to a {@link BlockJob}. */
export type BlockReply = { readonly id: number; readonly counts: BlockCounts } | { readonly id: number; readonly error: string };

interface Pending {
  resolve(counts: BlockCounts): void;
  reject(error: Error): void;
}

interface PooledWorker {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  failed: boolean;
}

const idle: PooledWorker[] = [];
let nextId = 0;

function spawn(): PooledWorker {
  const script = join(__dirname, `worker${__filename.slice(__filename.lastIndexOf("."))}`);
  const worker = script.endsWith(".ts")
    ? new Worker(`require(${JSON.stringify(require.resolve("tsx/cjs"))}); require(${JSON.stringify(script)});`, { eval: true })
    : new Worker(script);
  const entry: PooledWorker = { worker, pending: new Map(), failed: false };
  const fail = (error: Error): void => {
    entry.failed = true;
    const index = idle.indexOf(entry);
    if (index >= 0) idle.splice(index, 1);
    for (const p of entry.pending.values()) p.reject(error);
    entry.pending.clear();
  };
  worker.on("message", (reply: BlockReply) => {
    const p = entry.pending.get(reply.id);
    if (!p) return;
    entry.pending.delete(reply.id);
    if (entry.pending.size === 0 && !entry.failed) {
      worker.unref();
      idle.push(entry); // back for the next run
    }
    if ("error" in reply) p.reject(new Error(`pbs worker failed: ${reply.error}`));
    else p.resolve(reply.counts);
  });
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`pbs worker exited with code ${code}`)));
  worker.unref();
  return entry;
}

/**
 * Runs each job on its own worker (starting workers as needed) and
 * resolves to their counts, in the jobs' order.
 */
export function runOnWorkers(jobs: readonly Omit<BlockJob, "id">[]): Promise<BlockCounts[]> {
  return Promise.all(
    jobs.map(
      (job) =>
        new Promise<BlockCounts>((resolve, reject) => {
          const entry = idle.pop() ?? spawn();
          const id = nextId++;
          entry.pending.set(id, { resolve, reject });
          entry.worker.ref();
          entry.worker.postMessage({ ...job, id });
        }),
    ),
  );
}
