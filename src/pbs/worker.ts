/**
 * Entry of a PBS worker thread (internal; started by `workerPool.ts`).
 * Each message asks for a range of blocks of one run; the trials go
 * straight into the run's shared arrays, and the reply carries the range's
 * counts.
 */
import { parentPort } from "node:worker_threads";
import { simulateBlocks } from "./engine";
import type { BlockJob, BlockReply } from "./workerPool";

const port = parentPort;
if (!port) throw new Error("pbs worker: started outside a worker thread");

port.on("message", (job: BlockJob) => {
  let reply: BlockReply;
  try {
    const out = {
      tStar: new Float64Array(job.tStar, 0, job.model.trials),
      readLatency: new Float64Array(job.readLatency, 0, job.model.trials),
      writeLatency: new Float64Array(job.writeLatency, 0, job.model.trials),
    };
    const counts = simulateBlocks(job.model, job.firstBlock, job.endBlock, out);
    reply = { id: job.id, counts };
    port.postMessage(reply, [counts.thresholds.buffer, counts.buckets.buffer]);
  } catch (error) {
    reply = { id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    port.postMessage(reply);
  }
});
