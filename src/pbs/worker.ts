/**
 * Entry of a PBS worker thread (internal; started by `workerPool.ts`).
 * A message asks either to simulate a range of blocks of one run (the
 * trials go straight into the run's shared arrays, and the reply carries
 * the range's counts) or, once every range is counted, to compact a range
 * of trials for the run's rank plans (the reply says what each array kept).
 */
import { parentPort } from "node:worker_threads";
import { compactTrials, simulateBlocks, type TrialArrays } from "./engine";
import type { BlockJob, CompactJob, JobReply } from "./workerPool";

const port = parentPort;
if (!port) throw new Error("pbs worker: started outside a worker thread");

port.on("message", (job: BlockJob | CompactJob) => {
  let reply: JobReply;
  try {
    const out: TrialArrays = {
      tStar: new Float64Array(job.tStar, 0, job.trials),
      readLatency: new Float64Array(job.readLatency, 0, job.trials),
      writeLatency: new Float64Array(job.writeLatency, 0, job.trials),
    };
    if (job.kind === "compact") {
      reply = { id: job.id, result: compactTrials(out, job.start, job.end, job.plans) };
      port.postMessage(reply);
      return;
    }
    const counts = simulateBlocks(job.model, job.firstBlock, job.endBlock, out);
    reply = { id: job.id, result: counts };
    port.postMessage(reply, [counts.thresholds.buffer, counts.buckets.buffer]);
  } catch (error) {
    reply = { id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    port.postMessage(reply);
  }
});
