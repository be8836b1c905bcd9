/**
 * The future-event list of a discrete-event simulation: a binary min-heap
 * ordered by event time, ties broken by insertion order so that a run is
 * deterministic for a seed (two events at the same instant always fire in
 * the order they were scheduled).
 *
 * Internal to the library's simulations (flow and healing); not exported
 * from `src/index.ts`. Times are plain numbers in whatever unit the
 * simulation uses.
 */

/** One scheduled event: when it fires and what it carries. */
export interface ScheduledEvent<T> {
  readonly time: number;
  readonly payload: T;
}

/** A binary min-heap of events keyed by (time, insertion sequence). */
export class EventQueue<T> {
  private times: number[] = [];
  private seqs: number[] = [];
  private payloads: T[] = [];
  private nextSeq = 0;

  /** Number of events still scheduled. */
  get size(): number {
    return this.times.length;
  }

  /** Schedules `payload` at `time`. O(log n). */
  push(time: number, payload: T): void {
    this.times.push(time);
    this.seqs.push(this.nextSeq++);
    this.payloads.push(payload);
    this.siftUp(this.times.length - 1);
  }

  /** Time of the earliest event, or undefined when empty. O(1). */
  peekTime(): number | undefined {
    return this.times.length > 0 ? this.times[0] : undefined;
  }

  /** Removes and returns the earliest event, or undefined when empty. O(log n). */
  pop(): ScheduledEvent<T> | undefined {
    const n = this.times.length;
    if (n === 0) return undefined;
    const time = this.times[0];
    const payload = this.payloads[0];
    const lastTime = this.times.pop() as number;
    const lastSeq = this.seqs.pop() as number;
    const lastPayload = this.payloads.pop() as T;
    if (n > 1) {
      this.times[0] = lastTime;
      this.seqs[0] = lastSeq;
      this.payloads[0] = lastPayload;
      this.siftDown(0);
    }
    return { time, payload };
  }

  private less(i: number, j: number): boolean {
    const ti = this.times[i];
    const tj = this.times[j];
    return ti < tj || (ti === tj && this.seqs[i] < this.seqs[j]);
  }

  private swap(i: number, j: number): void {
    const t = this.times[i];
    this.times[i] = this.times[j];
    this.times[j] = t;
    const s = this.seqs[i];
    this.seqs[i] = this.seqs[j];
    this.seqs[j] = s;
    const p = this.payloads[i];
    this.payloads[i] = this.payloads[j];
    this.payloads[j] = p;
  }

  private siftUp(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(index: number): void {
    const n = this.times.length;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < n && this.less(left, smallest)) smallest = left;
      if (right < n && this.less(right, smallest)) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}

/** Exponential variate with the given rate (mean 1/rate), from a uniform in [0, 1). */
export function exponential(uniform: number, rate: number): number {
  // log1p(−u) is finite for u in [0, 1), exact near 0, and gives +0 (not −0) at u = 0.
  return -Math.log1p(-uniform) / rate;
}
