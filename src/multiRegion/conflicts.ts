/**
 * Conflict resolution after a partition: what each strategy keeps and what
 * it loses.
 * - Last-write-wins (Cassandra, DynamoDB global tables): the highest
 *   timestamp wins and the other write is dropped without a trace. With
 *   clocks skewed by up to s, a causally later write can carry an earlier
 *   timestamp and lose.
 * - Vector clocks (Lamport 1978; Fidge and Mattern 1988; Dynamo, SOSP 2007
 *   §4.4): each replica counts its own updates; comparing two clocks says
 *   whether one write saw the other or they are concurrent. Concurrent
 *   writes are kept as siblings for the application to merge.
 * - Application merges: a set union (Dynamo's shopping cart) keeps every
 *   add; an observed-remove set (add-wins OR-Set, Shapiro et al., "A
 *   comprehensive study of CRDTs", INRIA RR-7506, 2011) also honours removes.
 */
import { array, finite, integer, nonEmptyString, object, ownValue, rangeError, recordOf, typeError } from "../internal/errors";

// ---------------------------------------------------------------- last-write-wins

/** A value written at a replica, stamped with that replica's wall clock. */
export interface TimestampedWrite<T> {
  readonly value: T;
  /** The writer's wall-clock time, ms (any finite number). */
  readonly timestampMs: number;
  /** The replica (region, node) that accepted the write; breaks timestamp ties. */
  readonly replica: string;
}

/** What {@link lastWriteWins} kept and dropped. */
export interface LwwResult<T> {
  readonly winner: TimestampedWrite<T>;
  /** Every other write: gone, with no error and no record. */
  readonly lost: TimestampedWrite<T>[];
}

function checkWrites<T>(where: string, writes: unknown): readonly TimestampedWrite<T>[] {
  const list = array<TimestampedWrite<T>>(where, "writes", writes);
  list.forEach((w, i) => {
    object(where, `writes[${i}]`, w);
    finite(where, `writes[${i}].timestampMs`, w.timestampMs);
    nonEmptyString(where, `writes[${i}].replica`, w.replica);
  });
  return list;
}

/**
 * Last-write-wins: keep the write with the highest timestamp (ties go to
 * the greater replica name, so every replica picks the same winner) and
 * silently drop the rest.
 * @param writes concurrent versions of one key, at least one
 * @returns the winner and the writes lost
 * @throws TypeError when `writes` is not an array of writes; RangeError when it is empty or a replica name is empty
 * @example lastWriteWins([{ value: 20, timestampMs: 1000, replica: "A" }, { value: 30, timestampMs: 1005, replica: "B" }]).lost[0].value // => 20
 */
export function lastWriteWins<T>(writes: readonly TimestampedWrite<T>[]): LwwResult<T> {
  const list = checkWrites<T>("multiRegion.lastWriteWins", writes);
  let winner = list[0];
  for (const w of list) {
    if (w.timestampMs > winner.timestampMs || (w.timestampMs === winner.timestampMs && w.replica > winner.replica)) winner = w;
  }
  return { winner, lost: list.filter((w) => w !== winner) };
}

/** Options of {@link lwwSkewLoss}. */
export interface LwwSkewOptions {
  /** Bound on the offset between the two writers' clocks, ms > 0; the offset is uniform in [−maxSkewMs, maxSkewMs]. */
  readonly maxSkewMs: number;
  /** Real time between a write and a causally later overwrite from another replica, ms >= 0. */
  readonly gapMs: number;
}

/**
 * Clock skew under last-write-wins: a second write made `gapMs` after the
 * first (having seen it) on a replica whose clock is behind by more than
 * `gapMs` gets the smaller timestamp and loses. With the offset uniform
 * in [−s, s], P(loss) = (s − gap) / 2s for gap < s, else 0; the
 * vulnerable window is s.
 * @param options.maxSkewMs skew bound s, finite > 0 (ms)
 * @param options.gapMs real-time gap between the writes, finite >= 0 (ms)
 * @returns the probability the later write is dropped, in [0, 1/2], and the window (ms) within which it can happen
 * @throws TypeError when a value is not a finite number; RangeError when it is out of range
 * @example lwwSkewLoss({ maxSkewMs: 100, gapMs: 20 }).lossProbability // => 0.4
 */
export function lwwSkewLoss(options: LwwSkewOptions): { lossProbability: number; vulnerableWindowMs: number } {
  const where = "multiRegion.lwwSkewLoss";
  object(where, "options", options);
  const s = finite(where, "maxSkewMs", options.maxSkewMs, { min: 0, minExclusive: true });
  const gap = finite(where, "gapMs", options.gapMs, { min: 0 });
  return { lossProbability: gap >= s ? 0 : (s - gap) / (2 * s), vulnerableWindowMs: s };
}

// ---------------------------------------------------------------- vector clocks

/**
 * A vector clock: updates seen from each replica (a missing replica counts 0).
 * Replica names are the clock's own keys only: `constructor`, `toString`
 * and `__proto__` are names like any other.
 */
export type VectorClock = Readonly<Record<string, number>>;

/** How two vector clocks relate. */
export type ClockOrder = "before" | "after" | "equal" | "concurrent";

function checkClock(where: string, name: string, clock: unknown): VectorClock {
  const c = object<Record<string, unknown>>(where, name, clock);
  for (const [replica, count] of Object.entries(c)) {
    if (replica.length === 0) throw rangeError(where, `${name} replica name`, "a non-empty string", replica);
    integer(where, `${name}[${JSON.stringify(replica)}]`, count, { min: 0, max: Number.MAX_SAFE_INTEGER });
  }
  return c as VectorClock;
}

function compareUnchecked(a: VectorClock, b: VectorClock): ClockOrder {
  let less = false;
  let greater = false;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = ownValue(a, k) ?? 0;
    const y = ownValue(b, k) ?? 0;
    if (x < y) less = true;
    if (x > y) greater = true;
  }
  if (less && greater) return "concurrent";
  if (less) return "before";
  if (greater) return "after";
  return "equal";
}

/**
 * Compares two vector clocks: "before" when every entry of a is <= b's and
 * one is smaller (a happened before b), "after" the reverse, "equal", or
 * "concurrent" when each has seen an update the other has not.
 * @param a a vector clock: replica → non-negative integer count
 * @param b a vector clock
 * @returns "before", "after", "equal" or "concurrent"
 * @throws TypeError when a clock is not an object or a count not a finite number; RangeError when a count is negative or fractional
 * @example compareClocks({ A: 2, B: 1 }, { A: 1, B: 2 }) // => "concurrent"
 */
export function compareClocks(a: VectorClock, b: VectorClock): ClockOrder {
  const where = "multiRegion.compareClocks";
  return compareUnchecked(checkClock(where, "a", a), checkClock(where, "b", b));
}

/**
 * Merges two vector clocks: the entry-wise maximum, the least clock that
 * has seen everything either has seen.
 * @param a a vector clock
 * @param b a vector clock
 * @returns a new clock with keys sorted
 * @throws TypeError or RangeError as {@link compareClocks}
 * @example mergeClocks({ A: 2 }, { A: 1, B: 3 }) // => { A: 2, B: 3 }
 */
export function mergeClocks(a: VectorClock, b: VectorClock): VectorClock {
  const where = "multiRegion.mergeClocks";
  checkClock(where, "a", a);
  checkClock(where, "b", b);
  return recordOf(
    [...new Set([...Object.keys(a), ...Object.keys(b)])].sort().map((k) => [k, Math.max(ownValue(a, k) ?? 0, ownValue(b, k) ?? 0)] as const),
  );
}

/**
 * Records one more update at `replica`.
 * @param clock a vector clock
 * @param replica the replica making the update, a non-empty string
 * @returns a new clock with replica's entry one higher
 * @throws TypeError or RangeError on a bad clock or replica name
 * @example incrementClock({ A: 1 }, "B") // => { A: 1, B: 1 }
 */
export function incrementClock(clock: VectorClock, replica: string): VectorClock {
  const where = "multiRegion.incrementClock";
  checkClock(where, "clock", clock);
  nonEmptyString(where, "replica", replica);
  const count = (ownValue(clock, replica) ?? 0) + 1;
  if (count > Number.MAX_SAFE_INTEGER) throw rangeError(where, `clock[${JSON.stringify(replica)}]`, `below ${Number.MAX_SAFE_INTEGER} to be incremented`, count - 1);
  return recordOf([...Object.entries(clock), [replica, count] as const]);
}

/** A value with the vector clock of the write that produced it. */
export interface ClockedValue<T> {
  readonly value: T;
  readonly clock: VectorClock;
}

/**
 * Reconciles versions of one key by vector clock, as Dynamo does on read:
 * versions that another version descends from are discarded; the rest are
 * concurrent siblings, and more than one sibling is a conflict for the
 * application to resolve. Nothing concurrent is dropped.
 * @param versions versions of the key, at least one
 * @returns the surviving siblings (equal clocks collapse to the first) and whether they conflict
 * @throws TypeError when `versions` is not an array of {value, clock}; RangeError when it is empty or a clock is malformed
 * @example reconcileByClock([{ value: 20, clock: { A: 2, B: 1 } }, { value: 30, clock: { A: 1, B: 2 } }]).conflict // => true
 */
export function reconcileByClock<T>(versions: readonly ClockedValue<T>[]): { siblings: ClockedValue<T>[]; conflict: boolean } {
  const where = "multiRegion.reconcileByClock";
  const list = array<ClockedValue<T>>(where, "versions", versions);
  list.forEach((v, i) => {
    object(where, `versions[${i}]`, v);
    checkClock(where, `versions[${i}].clock`, v.clock);
  });
  const siblings = list.filter((v, i) =>
    list.every((w, j) => {
      const order = compareUnchecked(v.clock, w.clock);
      return order !== "before" && !(order === "equal" && j < i);
    }),
  );
  return { siblings, conflict: siblings.length > 1 };
}

// ---------------------------------------------------------------- application merges

/**
 * Set-union merge, the shopping-cart merge of Dynamo (SOSP 2007, §4.4):
 * every item added on any side survives. (Removed items can reappear: use
 * an observed-remove set when removes must stick.)
 * @param carts carts to merge, at least one array of strings
 * @returns the union, in first-seen order
 * @throws TypeError when an item is not a string; RangeError when `carts` is empty
 * @example unionMerge([["book", "pen"], ["pen", "lamp"]]) // => ["book", "pen", "lamp"]
 */
export function unionMerge(carts: readonly (readonly string[])[]): string[] {
  const where = "multiRegion.unionMerge";
  const list = array<readonly string[]>(where, "carts", carts);
  const out = new Set<string>();
  list.forEach((cart, i) => {
    array<string>(where, `carts[${i}]`, cart, { min: 0 });
    cart.forEach((item, j) => {
      if (typeof item !== "string") throw typeError(where, `carts[${i}][${j}]`, "a string", item);
      out.add(item);
    });
  });
  return [...out];
}

/**
 * An observed-remove set (add-wins): each add carries a unique tag; a
 * remove deletes only the tags it has seen, so an add concurrent with a
 * remove survives the merge.
 */
export interface ORSet {
  /** element → tags of the adds not yet removed. */
  readonly adds: Readonly<Record<string, readonly string[]>>;
  /** Tags removed (tombstones). */
  readonly removed: readonly string[];
}

function checkOrSet(where: string, name: string, set: unknown): ORSet {
  const s = object<ORSet>(where, name, set);
  object(where, `${name}.adds`, s.adds);
  for (const [element, tags] of Object.entries(s.adds)) {
    array<unknown>(where, `${name}.adds[${JSON.stringify(element)}]`, tags, { min: 0 }).forEach((tag, i) =>
      nonEmptyString(where, `${name}.adds[${JSON.stringify(element)}][${i}]`, tag),
    );
  }
  array<unknown>(where, `${name}.removed`, s.removed, { min: 0 }).forEach((tag, i) => nonEmptyString(where, `${name}.removed[${i}]`, tag));
  return s;
}

/**
 * An empty observed-remove set.
 * @returns { adds: {}, removed: [] }
 * @example orSetValues(orSetEmpty()) // => []
 */
export function orSetEmpty(): ORSet {
  return { adds: {}, removed: [] };
}

/**
 * Adds an element with a fresh tag (unique per add: e.g. `${replica}:${counter}`).
 * @param set an OR-set
 * @param element the element, a string
 * @param tag a tag never used before, a non-empty string
 * @returns a new set
 * @throws TypeError on a wrong type; RangeError on an empty tag
 * @example orSetValues(orSetAdd(orSetEmpty(), "book", "A:1")) // => ["book"]
 */
export function orSetAdd(set: ORSet, element: string, tag: string): ORSet {
  const where = "multiRegion.orSetAdd";
  checkOrSet(where, "set", set);
  if (typeof element !== "string") throw typeError(where, "element", "a string", element);
  nonEmptyString(where, "tag", tag);
  return { adds: recordOf([...Object.entries(set.adds), [element, [...(ownValue(set.adds, element) ?? []), tag]] as const]), removed: set.removed };
}

/**
 * Removes an element: tombstones the tags this replica has observed for it.
 * @param set an OR-set
 * @param element the element to remove (absent elements are a no-op)
 * @returns a new set
 * @throws TypeError on a wrong type
 * @example orSetValues(orSetRemove(orSetAdd(orSetEmpty(), "book", "A:1"), "book")) // => []
 */
export function orSetRemove(set: ORSet, element: string): ORSet {
  const where = "multiRegion.orSetRemove";
  checkOrSet(where, "set", set);
  if (typeof element !== "string") throw typeError(where, "element", "a string", element);
  const seen = ownValue(set.adds, element) ?? [];
  const rest = recordOf(Object.entries(set.adds).filter(([e]) => e !== element));
  return { adds: rest, removed: [...new Set([...set.removed, ...seen])].sort() };
}

/**
 * Merges two replicas of an OR-set: union of adds and of tombstones, then
 * tombstoned tags dropped. Commutative, associative and idempotent.
 * @param a an OR-set
 * @param b an OR-set
 * @returns the merged set (tags and elements sorted)
 * @throws TypeError when a set is malformed
 * @example orSetValues(orSetMerge(orSetRemove(orSetAdd(orSetEmpty(), "x", "A:1"), "x"), orSetAdd(orSetEmpty(), "x", "B:1"))) // => ["x"] (add wins)
 */
export function orSetMerge(a: ORSet, b: ORSet): ORSet {
  const where = "multiRegion.orSetMerge";
  checkOrSet(where, "a", a);
  checkOrSet(where, "b", b);
  const removed = new Set([...a.removed, ...b.removed]);
  const adds: (readonly [string, string[]])[] = [];
  for (const element of [...new Set([...Object.keys(a.adds), ...Object.keys(b.adds)])].sort()) {
    const tags = [...new Set([...(ownValue(a.adds, element) ?? []), ...(ownValue(b.adds, element) ?? [])])].filter((t) => !removed.has(t)).sort();
    if (tags.length > 0) adds.push([element, tags]);
  }
  return { adds: recordOf(adds), removed: [...removed].sort() };
}

/**
 * The elements present in an OR-set, sorted.
 * @param set an OR-set
 * @returns elements with at least one live tag
 * @throws TypeError when the set is malformed
 * @example orSetValues(orSetAdd(orSetEmpty(), "pen", "A:1")) // => ["pen"]
 */
export function orSetValues(set: ORSet): string[] {
  checkOrSet("multiRegion.orSetValues", "set", set);
  const removed = new Set(set.removed);
  return Object.keys(set.adds)
    .filter((e) => set.adds[e].some((t) => !removed.has(t)))
    .sort();
}

// ---------------------------------------------------------------- the course's scenario

/** Options of {@link partitionScenario}; every field has the course's default. */
export interface PartitionScenarioOptions {
  /** Value both nodes hold before the partition; default 10. */
  readonly initial?: number;
  /** Value written at node A during the partition; default 20. */
  readonly valueA?: number;
  /** Value written at node B during the partition; default 30. */
  readonly valueB?: number;
  /** A's clock reading at its write, ms; default 1000. */
  readonly timestampAMs?: number;
  /** B's clock reading at its write, ms; default 1005 (B writes 5 ms later). */
  readonly timestampBMs?: number;
}

/** The three resolutions of the course's AP partition scenario. */
export interface PartitionScenario {
  readonly lww: { readonly kept: number; readonly lost: number; readonly lostSilently: true };
  readonly vectorClocks: { readonly order: ClockOrder; readonly conflict: boolean; readonly siblings: number[]; readonly mergedClock: VectorClock };
  readonly setUnion: { readonly cartA: string[]; readonly cartB: string[]; readonly merged: string[] };
}

/**
 * The course's AP scenario (§2, "AP Systems"): both nodes hold 10; during
 * a partition A writes 20 and B writes 30; the partition heals.
 * Last-write-wins keeps the later timestamp and silently drops the other
 * write; vector clocks find the writes concurrent and keep both as
 * siblings; a set-union cart (items "10", "20", "30") keeps both adds.
 * @param options.initial / valueA / valueB finite numbers; defaults 10, 20, 30
 * @param options.timestampAMs / timestampBMs the writers' clock readings, finite (ms); defaults 1000 and 1005
 * @returns what each resolution keeps and loses
 * @throws TypeError when a value is not a finite number; RangeError when valueA equals valueB
 * @example partitionScenario().lww // => { kept: 30, lost: 20, lostSilently: true }
 */
export function partitionScenario(options: PartitionScenarioOptions = {}): PartitionScenario {
  const where = "multiRegion.partitionScenario";
  object(where, "options", options);
  const num = (name: keyof PartitionScenarioOptions, fallback: number): number =>
    options[name] === undefined ? fallback : finite(where, name, options[name]);
  const initial = num("initial", 10);
  const valueA = num("valueA", 20);
  const valueB = num("valueB", 30);
  if (valueA === valueB) throw rangeError(where, "valueB", `different from valueA=${valueA}`, valueB);
  const tA = num("timestampAMs", 1000);
  const tB = num("timestampBMs", 1005);

  const lww = lastWriteWins([
    { value: valueA, timestampMs: tA, replica: "A" },
    { value: valueB, timestampMs: tB, replica: "B" },
  ]);
  const base = incrementClock({}, "A"); // the write of `initial`, replicated to both before the partition
  const clockA = incrementClock(base, "A");
  const clockB = incrementClock(base, "B");
  const reconciled = reconcileByClock([
    { value: valueA, clock: clockA },
    { value: valueB, clock: clockB },
  ]);
  const cartA = [String(initial), String(valueA)];
  const cartB = [String(initial), String(valueB)];
  return {
    lww: { kept: lww.winner.value, lost: lww.lost[0].value, lostSilently: true },
    vectorClocks: {
      order: compareClocks(clockA, clockB),
      conflict: reconciled.conflict,
      siblings: reconciled.siblings.map((s) => s.value),
      mergedClock: mergeClocks(clockA, clockB),
    },
    setUnion: { cartA, cartB, merged: unionMerge([cartA, cartB]) },
  };
}
