/** Shared timing helpers for benchmarks. */
import { readdirSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { cpuSeconds } from "../dist/runner/kernel/processes";

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

/** The pids of a process's children (every thread's), from /proc/<pid>/task/<tid>/children. */
function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8")
        .split(" ")
        .filter((x) => x !== "")
        .map(Number),
    );
  } catch {
    return [];
  }
}

/**
 * CPU time of this process's descendants (kernels; the CLI and its
 * kernels), load-independent where wall times are not: their /proc times
 * are polled every `everyMs` and each one's last reading kept, so a
 * process that exits between two polls loses at most `everyMs` of CPU
 * time. Linux only; elsewhere it reads 0.
 * @example const cpu = startCpuSampler(); await run(); cpu.stop() // => 3.21 (seconds)
 */
export function startCpuSampler(everyMs = 25): { stop(): number } {
  const last = new Map<number, number>();
  const poll = (): void => {
    const queue = childrenOf(process.pid);
    for (let pid = queue.pop(); pid !== undefined; pid = queue.pop()) {
      const cpu = cpuSeconds(pid);
      if (cpu !== undefined) last.set(pid, Math.max(cpu, last.get(pid) ?? 0));
      queue.push(...childrenOf(pid));
    }
  };
  poll();
  const timer = setInterval(poll, everyMs);
  return {
    stop(): number {
      clearInterval(timer);
      poll();
      return [...last.values()].reduce((a, b) => a + b, 0);
    },
  };
}
