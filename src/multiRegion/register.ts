/**
 * The CAP theorem as something you can run: a replicated key-value register
 * on `nodes` replicas that a network partition splits into a majority and a
 * minority side for part of the run.
 *
 * The workload is a seeded stream of requests, one per millisecond, each
 * from a client attached to a uniformly chosen node, for a uniformly chosen
 * key, a write with probability `writeFraction`. Outside the partition,
 * writes reach every replica before they are acknowledged.
 *
 * During the partition:
 * - "CP": the majority side still has a quorum and serves everything; the
 *   minority rejects writes, and rejects reads too when they must be
 *   linearizable (else it serves its last-known, possibly stale, value);
 * - "AP": both sides accept reads and writes. When the partition heals,
 *   keys written on both sides are reconciled by last-write-wins (the
 *   writers' clocks, each offset by up to ±clockSkewMs, decide; the other
 *   side's write is lost) or by vector clocks (both kept as siblings: a
 *   conflict for the application, nothing lost).
 *
 * It counts availability (requests served / requests), stale reads (a read
 * that does not return the latest acknowledged write to its key) and lost
 * writes (acknowledged, not overwritten by a write that saw them, yet gone).
 */
import { boolean, finite, integer, object, oneOf, probability } from "../internal/errors";
import { createRandom } from "../internal/random";

/** CP or AP. */
export type CapMode = "CP" | "AP";
/** How AP mode reconciles keys written on both sides. */
export type Reconciliation = "lww" | "vector-clocks";

/** Options of {@link simulateRegister}. */
export interface RegisterSimOptions {
  readonly mode: CapMode;
  /** AP only: "lww" (default) or "vector-clocks". */
  readonly reconcile?: Reconciliation;
  /** CP only: reject minority reads (true, default) or serve them stale (false). */
  readonly linearizableReads?: boolean;
  /** Replicas, integer in [3, 15]; default 5. */
  readonly nodes?: number;
  /** Replicas cut off on the minority side, integer in [1, floor((nodes − 1) / 2)] (always a strict minority); default floor((nodes − 1) / 2). */
  readonly minorityNodes?: number;
  /** Keys, integer in [1, 10 000]; default 20. */
  readonly keys?: number;
  /** Requests (one per ms), integer in [1, 1 000 000]; default 2000. */
  readonly requests?: number;
  /** Share of requests that are writes, in [0, 1]; default 0.5. */
  readonly writeFraction?: number;
  /** Partition start and end as fractions of the run, 0 <= start <= end <= 1; default 0.25 and 0.75. */
  readonly partitionStart?: number;
  readonly partitionEnd?: number;
  /** AP + LWW only: each node's clock is off by a uniform amount in [−clockSkewMs, clockSkewMs]; ms >= 0; default 0. */
  readonly clockSkewMs?: number;
  /** Seed of the workload (and clock offsets); same seed, same result. */
  readonly seed: number;
}

/** What {@link simulateRegister} measured. */
export interface RegisterSimResult {
  readonly mode: CapMode;
  readonly reconcile: Reconciliation | "none";
  readonly requests: number;
  readonly partitionRequests: number;
  /** Requests served / requests. */
  readonly availability: number;
  /** Requests served / requests made during the partition (1 when there were none). */
  readonly partitionAvailability: number;
  readonly writesAccepted: number;
  readonly writesRejected: number;
  readonly readsServed: number;
  readonly readsRejected: number;
  readonly staleReads: number;
  /** staleReads / readsServed (0 when no read was served). */
  readonly staleReadFraction: number;
  readonly lostWrites: number;
  /** lostWrites / writesAccepted (0 when none was accepted). */
  readonly lostWriteFraction: number;
  /** Keys left with concurrent siblings when the partition healed (vector clocks). */
  readonly conflictedKeys: number;
  /** LWW: keys where the write made later in real time lost because of clock skew. */
  readonly laterWriteLost: number;
}

interface Version {
  /** Write id (request index); -1 is the initial value. */
  readonly id: number;
  /** Writer's clock reading, ms. */
  readonly stamp: number;
  readonly node: number;
}

/**
 * Runs the partitioned replicated register once.
 * @param options.mode "CP" or "AP"
 * @param options.reconcile AP only: "lww" (default) or "vector-clocks"
 * @param options.linearizableReads CP only: boolean; default true
 * @param options.nodes integer in [3, 15]; default 5
 * @param options.minorityNodes integer in [1, floor((nodes − 1)/2)]; default floor((nodes − 1)/2)
 * @param options.keys integer in [1, 10 000]; default 20
 * @param options.requests integer in [1, 1 000 000]; default 2000
 * @param options.writeFraction in [0, 1]; default 0.5
 * @param options.partitionStart in [0, 1]; default 0.25
 * @param options.partitionEnd in [partitionStart, 1]; default 0.75
 * @param options.clockSkewMs finite >= 0; default 0
 * @param options.seed an integer
 * @returns availability, stale reads, lost writes and conflicts
 * @throws TypeError on a wrong type; RangeError when a value is out of range
 * @example simulateRegister({ mode: "CP", seed: 1 }).staleReads // => 0
 */
export function simulateRegister(options: RegisterSimOptions): RegisterSimResult {
  return simulateAt("multiRegion.simulateRegister", options);
}

function simulateAt(where: string, options: RegisterSimOptions): RegisterSimResult {
  object(where, "options", options);
  const mode = oneOf(where, "mode", options.mode, ["CP", "AP"] as const);
  const reconcile: Reconciliation =
    options.reconcile === undefined ? "lww" : oneOf(where, "reconcile", options.reconcile, ["lww", "vector-clocks"] as const);
  const linearizable = options.linearizableReads === undefined ? true : boolean(where, "linearizableReads", options.linearizableReads);
  const nodes = options.nodes === undefined ? 5 : integer(where, "nodes", options.nodes, { min: 3, max: 15 });
  const maxMinority = Math.floor((nodes - 1) / 2);
  const minority =
    options.minorityNodes === undefined
      ? maxMinority
      : integer(where, "minorityNodes", options.minorityNodes, { min: 1, max: maxMinority, maxLabel: `floor((nodes - 1) / 2)=${maxMinority}` });
  const keys = options.keys === undefined ? 20 : integer(where, "keys", options.keys, { min: 1, max: 10_000 });
  const requests = options.requests === undefined ? 2000 : integer(where, "requests", options.requests, { min: 1, max: 1_000_000 });
  const writeFraction = options.writeFraction === undefined ? 0.5 : probability(where, "writeFraction", options.writeFraction);
  const start = options.partitionStart === undefined ? 0.25 : finite(where, "partitionStart", options.partitionStart, { min: 0, max: 1 });
  const end =
    options.partitionEnd === undefined
      ? Math.max(0.75, start)
      : finite(where, "partitionEnd", options.partitionEnd, { min: start, max: 1, minLabel: `partitionStart=${start}` });
  const skew = options.clockSkewMs === undefined ? 0 : finite(where, "clockSkewMs", options.clockSkewMs, { min: 0 });
  const seed = integer(where, "seed", options.seed, { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });

  // The workload comes first, so every mode sees the same requests for a seed.
  const rng = createRandom(seed);
  const reqNode = new Int32Array(requests);
  const reqKey = new Int32Array(requests);
  const reqWrite = new Uint8Array(requests);
  for (let t = 0; t < requests; t++) {
    reqNode[t] = rng.int(nodes);
    reqKey[t] = rng.int(keys);
    reqWrite[t] = rng.next() < writeFraction ? 1 : 0;
  }
  const offset = Array.from({ length: nodes }, () => (rng.next() * 2 - 1) * skew);

  const partitionFrom = Math.floor(start * requests);
  const partitionTo = Math.floor(end * requests); // exclusive
  const majorityNodes = nodes - minority;
  const sideOf = (node: number): 0 | 1 => (node < majorityNodes ? 0 : 1);
  const initial: Version = { id: -1, stamp: -Infinity, node: -1 };

  // Connected state: one list of live versions (siblings) per key.
  let state: Version[][] = Array.from({ length: keys }, () => [initial]);
  // During the partition: a copy per side, and which keys each side wrote.
  let sides: Version[][][] = [];
  let wroteOn: boolean[][] = [];
  const truth = new Int32Array(keys).fill(-1); // latest acknowledged write per key

  let served = 0;
  let partitionRequests = 0;
  let partitionServed = 0;
  let writesAccepted = 0;
  let writesRejected = 0;
  let readsServed = 0;
  let readsRejected = 0;
  let staleReads = 0;
  let lostWrites = 0;
  let conflictedKeys = 0;
  let laterWriteLost = 0;

  const heal = (): void => {
    state = Array.from({ length: keys }, (_, k) => {
      const [a, b] = [sides[0][k], sides[1][k]];
      if (!wroteOn[1][k]) return a;
      if (!wroteOn[0][k]) return b;
      if (reconcile === "vector-clocks") {
        conflictedKeys++;
        return [...a, ...b];
      }
      const lastA = a[a.length - 1];
      const lastB = b[b.length - 1];
      const aWins = lastA.stamp > lastB.stamp || (lastA.stamp === lastB.stamp && lastA.node > lastB.node);
      const [winner, loser] = aWins ? [lastA, lastB] : [lastB, lastA];
      lostWrites++;
      if (loser.id > winner.id) laterWriteLost++;
      return [winner];
    });
  };

  for (let t = 0; t < requests; t++) {
    if (t === partitionFrom && partitionFrom < partitionTo) {
      sides = [state.map((v) => v.slice()), state.map((v) => v.slice())];
      wroteOn = [new Array<boolean>(keys).fill(false), new Array<boolean>(keys).fill(false)];
    }
    if (t === partitionTo && partitionFrom < partitionTo) heal();
    const inPartition = t >= partitionFrom && t < partitionTo;
    const node = reqNode[t];
    const key = reqKey[t];
    const isWrite = reqWrite[t] === 1;
    const side = sideOf(node);
    const canServe = !inPartition || mode === "AP" || side === 0 || (!isWrite && !linearizable);
    if (inPartition) partitionRequests++;
    if (!canServe) {
      if (isWrite) writesRejected++;
      else readsRejected++;
      continue;
    }
    served++;
    if (inPartition) partitionServed++;
    const versions = inPartition ? sides[side][key] : state[key];
    if (isWrite) {
      writesAccepted++;
      // A write sees (and supersedes) every sibling it can reach.
      const v: Version = { id: t, stamp: t + offset[node], node };
      if (inPartition) {
        sides[side][key] = [v];
        wroteOn[side][key] = true;
      } else {
        state[key] = [v];
      }
      truth[key] = t;
    } else {
      readsServed++;
      if (!versions.some((v) => v.id === truth[key])) staleReads++;
    }
  }
  if (partitionTo === requests && partitionFrom < partitionTo) heal();

  return {
    mode,
    reconcile: mode === "AP" ? reconcile : "none",
    requests,
    partitionRequests,
    availability: served / requests,
    partitionAvailability: partitionRequests === 0 ? 1 : partitionServed / partitionRequests,
    writesAccepted,
    writesRejected,
    readsServed,
    readsRejected,
    staleReads,
    staleReadFraction: readsServed === 0 ? 0 : staleReads / readsServed,
    lostWrites,
    lostWriteFraction: writesAccepted === 0 ? 0 : lostWrites / writesAccepted,
    conflictedKeys,
    laterWriteLost,
  };
}

/** Options of {@link capComparison}: the workload shared by every row. */
export type CapComparisonOptions = Omit<RegisterSimOptions, "mode" | "reconcile" | "linearizableReads">;

/**
 * The same seeded workload through the four choices: CP with linearizable
 * reads, CP with stale minority reads, AP reconciled by LWW, and AP with
 * vector clocks. CP trades availability for zero stale reads and zero lost
 * writes; AP serves everything and pays in staleness and lost writes (LWW)
 * or conflicts (vector clocks).
 * @param options the workload, as {@link simulateRegister} without mode/reconcile/linearizableReads
 * @returns four {@link RegisterSimResult} rows, in the order above, each with a `label`
 * @throws TypeError on a wrong type; RangeError when a value is out of range
 * @example capComparison({ seed: 7 }).map((r) => r.label) // => ["CP (linearizable reads)", "CP (stale reads allowed)", "AP + LWW", "AP + vector clocks"]
 */
export function capComparison(options: CapComparisonOptions): (RegisterSimResult & { label: string })[] {
  const where = "multiRegion.capComparison";
  object(where, "options", options);
  const run = (label: string, extra: Pick<RegisterSimOptions, "mode" | "reconcile" | "linearizableReads">) => ({
    label,
    ...simulateAt(where, { ...options, ...extra }),
  });
  return [
    run("CP (linearizable reads)", { mode: "CP", linearizableReads: true }),
    run("CP (stale reads allowed)", { mode: "CP", linearizableReads: false }),
    run("AP + LWW", { mode: "AP", reconcile: "lww" }),
    run("AP + vector clocks", { mode: "AP", reconcile: "vector-clocks" }),
  ];
}
