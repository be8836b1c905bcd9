/** Shared timing helper for benchmarks: best-of-N wall time in milliseconds. */
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
