/**
 * Runs `work` over `items`, at most `jobs` at a time (the notebook runner's,
 * the export's and the grader's `--jobs`), and returns the results in the
 * items' order.
 *
 * With `weight`, the heaviest items start first (the longest-processing-time
 * rule): a long notebook started last would leave the other workers idle
 * while it finishes.
 * @param items the work items
 * @param jobs how many run at once, >= 1
 * @param work the job; a rejection rejects the pool
 * @param options weight: an item's expected cost (any unit; ties keep the items' order)
 * @example await pool(["a.ipynb", "b.ipynb"], 2, run) // both run at once
 */
export async function pool<T, R>(items: readonly T[], jobs: number, work: (item: T) => Promise<R>, options: { readonly weight?: (item: T) => number } = {}): Promise<R[]> {
  const results = new Array<R>(items.length);
  const order = items.map((_, i) => i);
  const { weight } = options;
  if (weight !== undefined) {
    const weights = items.map((item) => weight(item));
    order.sort((a, b) => (weights[b] as number) - (weights[a] as number) || a - b);
  }
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < order.length) {
      const i = order[next++] as number;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
  return results;
}
