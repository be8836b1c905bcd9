/** Shared timing helpers for benchmarks. */
import { cpus, loadavg } from "node:os";

/** Best-of-N wall time in milliseconds. */
export function bestOf(runs: number, body: () => void): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    body();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (ms < best) best = ms;
  }
  return best;
}

/** Wall time of one call, in milliseconds (awaited when it returns a promise). */
export async function timeOnce(body: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await body();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The median (the upper one of an even count). */
export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** "load average 1.23 / 1.10 / 0.98 on 2 cores": how busy the machine was (1, 5 and 15 minutes). */
export function loadLine(): string {
  return `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" / ")} on ${cpus().length} cores`;
}

/** "1.71×": how many times faster ours is than the reference. */
export function ratio(referenceMs: number, oursMs: number): string {
  return `${(referenceMs / oursMs).toFixed(2)}×`;
}
