/**
 * flow: discrete-event simulation throughput (events per second) of the
 * pipeline simulator and the retry-storm simulator.
 */
import { simulatePipeline, type PipelinePolicy } from "../dist/flow";
import { simulateRetryStorm } from "../dist/healing";
import { bestOf } from "./timing";

function rate(events: number, ms: number): string {
  return `${((events / ms) * 1000 / 1e6).toFixed(2)} M events/s`;
}

export function run(): void {
  const policies: PipelinePolicy[] = ["unbounded", "block", "shed", "tokenBucket"];
  for (const policy of policies) {
    let events = 0;
    const ms = bestOf(3, () => {
      events = simulatePipeline({
        policy,
        arrivalRatePerSecond: 8,
        serviceRatePerSecond: 10,
        consumers: 1,
        queueCapacity: 50,
        tokenBucket: { ratePerSecond: 9, burstSize: 50 },
        bursts: [{ startSeconds: 20000, durationSeconds: 1000, arrivalRatePerSecond: 20 }],
        durationSeconds: 100000,
        seed: 1,
      }).events;
    });
    console.log(`pipeline ${policy.padEnd(11)} λ=8/s μ=10/s, 100000 s: ${events} events in ${ms.toFixed(0)} ms = ${rate(events, ms)}`);
  }
  let events = 0;
  const ms = bestOf(3, () => {
    events = simulateRetryStorm({
      strategy: "full",
      clients: 100000,
      outageMs: 5000,
      capacityPerTick: 100,
      baseMs: 100,
      capMs: 20000,
      maxAttempts: 10,
      seed: 1,
    }).totalCalls;
  });
  console.log(`retry storm (full jitter), 100000 clients: ${events} calls in ${ms.toFixed(0)} ms = ${rate(events, ms)}`);
}
