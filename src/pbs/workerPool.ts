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
import type { RankPlan } from "./selection";

/** The run's per-trial arrays, shared with every worker. */
interface SharedTrials {
  readonly trials: number;
  readonly tStar: SharedArrayBuffer;
  readonly readLatency: SharedArrayBuffer;
  readonly writeLatency: SharedArrayBuffer;
}

/** Simulate one range of blocks of a run, writing its trials in place; the reply carries the range's counts. */
export interface BlockJob extends SharedTrials {
  readonly kind: "simulate";
  readonly id: number;
  readonly model: Model;
  readonly firstBlock: number;
  readonly endBlock: number;
}

/** Compact trials [start, end) of a run for its rank plans (see `compactTrials`); the reply carries what each array kept. */
export interface CompactJob extends SharedTrials {
  readonly kind: "compact";
  readonly id: number;
  readonly start: number;
  readonly end: number;
  readonly plans: readonly RankPlan[];
}

/** What a worker answers to each kind of job. */
export interface JobResults {
  simulate: BlockCounts;
  compact: number[];
}

/** A worker's answer to a job. */
export type JobReply =
  | { readonly id: number; readonly result: JobResults[keyof JobResults] }
  | { readonly id: number; readonly error: string };

interface Pending {
  resolve(result: JobResults[keyof JobResults]): void;
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
  worker.on("message", (reply: JobReply) => {
    const p = entry.pending.get(reply.id);
    if (!p) return;
    entry.pending.delete(reply.id);
    if (entry.pending.size === 0 && !entry.failed) {
      worker.unref();
      idle.push(entry); // back for the next run
    }
    if ("error" in reply) p.reject(new Error(`pbs worker failed: ${reply.error}`));
    else p.resolve(reply.result);
  });
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`pbs worker exited with code ${code}`)));
  worker.unref();
  return entry;
}

/**
 * Runs each job on its own worker (starting workers as needed) and
 * resolves to their results, in the jobs' order. Jobs of one call are of
 * one kind.
 */
export function runOnWorkers(jobs: readonly Omit<BlockJob, "id">[]): Promise<JobResults["simulate"][]>;
export function runOnWorkers(jobs: readonly Omit<CompactJob, "id">[]): Promise<JobResults["compact"][]>;
export function runOnWorkers(jobs: readonly (Omit<BlockJob, "id"> | Omit<CompactJob, "id">)[]): Promise<JobResults[keyof JobResults][]> {
  return Promise.all(
    jobs.map(
      (job) =>
        new Promise<JobResults[keyof JobResults]>((resolve, reject) => {
          const entry = idle.pop() ?? spawn();
          const id = nextId++;
          entry.pending.set(id, { resolve, reject });
          entry.worker.ref();
          entry.worker.postMessage({ ...job, id });
        }),
    ),
  );
}
