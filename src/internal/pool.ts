/**
 * Runs `work` over `items`, at most `jobs` at a time, in order of start
 * (the notebook runner's and the grader's `--jobs`).
 * @param items the work items
 * @param jobs how many run at once, >= 1
 * @param work the job; a rejection rejects the pool
 * @example await pool(["a.ipynb", "b.ipynb"], 2, run) // both run at once
 */
export async function pool<T>(items: readonly T[], jobs: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
}
