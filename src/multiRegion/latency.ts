/**
 * Write and read latency across regions from a round-trip-time matrix.
 *
 * The model counts round trips, nothing else (no queueing, no disk):
 * - a client pays one RTT to the region that serves it: the matrix's
 *   inter-region RTT, or, when it is in that region, one inter-AZ round trip
 *   ({@link INTER_AZ_RTT_MS} by default, the `interAzRttMs` option), which is
 *   also what a local multi-AZ commit costs. The matrix's diagonal is not
 *   used: cloudping.co's diagonal times a TCP connection from a Lambda to its
 *   own region's public DynamoDB endpoint, not a round trip between
 *   availability zones;
 * - a synchronously replicated write then waits for `acks` remote replicas:
 *   the acks-th smallest RTT from the coordinator (all replicas → the
 *   largest; a quorum → a middle one);
 * - an asynchronous write waits for none, but until the change arrives
 *   (one-way delay, RTT/2, plus any replication lag) a regional failure
 *   loses it: that is the RPO window.
 *
 * The default matrix is data/region-rtt.json (cloudping.co p50 via
 * libp2p/jvm-libp2p; see data/region-rtt.md).
 */
import { readJsonFile, withinFile } from "../internal/dataFormats";
import { array, finite, integer, nonEmptyString, object, oneOf, rangeError, typeError } from "../internal/errors";
import { dataPath } from "../internal/dataFiles";

/** A square matrix of round-trip times between named regions, in ms. */
export interface RttMatrix {
  readonly regions: readonly string[];
  /**
   * rttMs[i][j]: RTT from regions[i] to regions[j]. The diagonal is kept as
   * measured but not used: within a region the model uses an inter-AZ RTT.
   */
  readonly rttMs: readonly (readonly number[])[];
}

/**
 * Round trip between two availability zones of one AWS region, in ms, used
 * for a client in the serving region and for a local multi-AZ commit.
 * AWS: Availability Zones are "close enough to use synchronous replication
 * with single-digit millisecond latency" (AWS Fault Isolation Boundaries
 * whitepaper, "Availability Zones"); measured inter-AZ round trips run from
 * about 0.25 ms (aps1-az1) to 3.37 ms (sae1-az3 ↔ sae1-az2), best of 50 pings
 * (Kyle Anderson, "Measuring AWS Region and AZ Latency", xkyle.com). 1 ms is
 * an assumption inside that range; pass `interAzRttMs` to change it.
 */
export const INTER_AZ_RTT_MS = 1;

/** RTT between two matrix indices: the matrix off the diagonal, the inter-AZ RTT on it. */
export function pairRttMs(matrix: RttMatrix, from: number, to: number, interAzRttMs: number = INTER_AZ_RTT_MS): number {
  return from === to ? interAzRttMs : matrix.rttMs[from][to];
}

/** Validates an `interAzRttMs` option (default {@link INTER_AZ_RTT_MS}). */
export function checkInterAz(where: string, value: unknown): number {
  return value === undefined ? INTER_AZ_RTT_MS : finite(where, "interAzRttMs", value, { min: 0, max: 100 });
}

let cached: RttMatrix | undefined;

/** The bundled matrix's file: src/multiRegion and dist/multiRegion are both two levels below the package root. */
const RTT_PATH = dataPath("region-rtt.json");

/**
 * The bundled inter-region RTT matrix (data/region-rtt.json: 21 AWS
 * regions, p50 ms, cloudping.co via libp2p/jvm-libp2p; see data/region-rtt.md).
 * Read and checked on first use, not when the library loads, so a bad
 * edit to the file fails the cells that use it, naming the file.
 * @returns the matrix, shared and frozen: do not mutate
 * @throws RangeError/TypeError naming region-rtt.json (and the line and column of a JSON syntax error, or the bad field)
 * @example regionRttMatrix().rttMs[regionRttMatrix().regions.indexOf("us-east-1")][regionRttMatrix().regions.indexOf("eu-west-1")] // => 70
 */
export function regionRttMatrix(): RttMatrix {
  if (!cached) {
    const where = "multiRegion.regionRttMatrix";
    const json = readJsonFile(where, RTT_PATH);
    const m = withinFile(where, "region-rtt.json", () => validMatrix(where, "", object(where, "the file", json)));
    cached = Object.freeze({
      regions: Object.freeze(m.regions.slice()),
      rttMs: Object.freeze(m.rttMs.map((row) => Object.freeze(row.slice()))),
    });
  }
  return cached;
}

/** Validates a caller's matrix (or returns the bundled one). */
export function checkMatrix(where: string, value: unknown): RttMatrix {
  if (value === undefined) return regionRttMatrix();
  return validMatrix(where, "matrix.", object<RttMatrix>(where, "matrix", value));
}

/** The checks of a matrix; `prefix` is how messages name its fields (`matrix.` or nothing). */
function validMatrix(where: string, prefix: string, m: RttMatrix): RttMatrix {
  const regions = array<string>(where, `${prefix}regions`, m.regions);
  const seen = new Set<string>();
  regions.forEach((r, i) => {
    nonEmptyString(where, `${prefix}regions[${i}]`, r);
    if (seen.has(r)) throw rangeError(where, `${prefix}regions[${i}]`, "a region named once", r);
    seen.add(r);
  });
  const size = { min: regions.length, max: regions.length, minLabel: `regions.length=${regions.length}`, maxLabel: `regions.length=${regions.length}` };
  const rows = array<readonly number[]>(where, `${prefix}rttMs`, m.rttMs, size);
  rows.forEach((row, i) => {
    array<number>(where, `${prefix}rttMs[${i}]`, row, size);
    row.forEach((x, j) => finite(where, `${prefix}rttMs[${i}][${j}]`, x, { min: 0 }));
  });
  return m;
}

/** Index of a region in the matrix, with a clear error. */
export function regionIndex(where: string, name: string, matrix: RttMatrix, region: unknown): number {
  if (typeof region !== "string") throw typeError(where, name, "a region name (string)", region);
  const i = matrix.regions.indexOf(region);
  if (i < 0) throw rangeError(where, name, `a region of the matrix (${matrix.regions.length} regions, e.g. "${matrix.regions[0]}")`, region);
  return i;
}

/**
 * Round-trip time between two regions; within one region, the inter-AZ RTT.
 * @param options.from source region, a name in the matrix (e.g. "us-east-1")
 * @param options.to destination region, a name in the matrix
 * @param options.matrix RTT matrix; default {@link regionRttMatrix}
 * @param options.interAzRttMs RTT when `from` equals `to`, ms in [0, 100]; default {@link INTER_AZ_RTT_MS}
 * @returns RTT in milliseconds, >= 0
 * @throws TypeError when a region is not a string or the matrix is malformed; RangeError when a region is not in the matrix
 * @example rttMs({ from: "us-east-1", to: "eu-west-1" }) // => 70
 * @example rttMs({ from: "us-east-1", to: "us-east-1" }) // => 1 (INTER_AZ_RTT_MS, not the matrix's diagonal)
 */
export function rttMs(options: { from: string; to: string; matrix?: RttMatrix; interAzRttMs?: number }): number {
  const where = "multiRegion.rttMs";
  object(where, "options", options);
  const m = checkMatrix(where, options.matrix);
  const interAz = checkInterAz(where, options.interAzRttMs);
  return pairRttMs(m, regionIndex(where, "from", m, options.from), regionIndex(where, "to", m, options.to), interAz);
}

/** How a write is replicated. */
export type Replication = "sync" | "async";
const REPLICATIONS: readonly Replication[] = ["sync", "async"];

/** Options of {@link writeLatency}. */
export interface WriteLatencyOptions {
  /** Region that accepts the write (the leader, or the client's nearest region in active-active). */
  readonly coordinator: string;
  /** Other regions holding a copy (the coordinator is ignored if listed); may be empty. */
  readonly replicas: readonly string[];
  /** "sync": wait for `acks` replicas; "async": wait for none. */
  readonly replication: Replication;
  /** Sync only: remote acknowledgements to wait for, integer in [0, replicas]; default all replicas. */
  readonly acks?: number;
  /** Region of the client; default the coordinator's own region (one inter-AZ round trip). */
  readonly client?: string;
  /** Async only: extra lag before a change is shipped (batching, queueing), ms >= 0; default 0. */
  readonly replicationLagMs?: number;
  /** RTT matrix; default {@link regionRttMatrix}. */
  readonly matrix?: RttMatrix;
  /** Round trip between availability zones of one region, ms in [0, 100]; default {@link INTER_AZ_RTT_MS}. */
  readonly interAzRttMs?: number;
}

/** What {@link writeLatency} computed, in ms. */
export interface WriteLatency {
  /** Client to coordinator and back. */
  readonly clientRttMs: number;
  /** Time spent waiting for remote acknowledgements (0 when async). */
  readonly replicationWaitMs: number;
  /** clientRttMs + replicationWaitMs: what the client sees. */
  readonly totalMs: number;
  /** Writes acknowledged but not yet on every replica when the coordinator's region fails: 0 when sync, else the slowest replica's RTT/2 + lag. */
  readonly rpoWindowMs: number;
  /** The replicas waited for, nearest first. */
  readonly waitedFor: string[];
}

/**
 * Latency of one write: the client's round trip to the coordinator plus,
 * for synchronous replication, the acks-th smallest coordinator → replica
 * RTT (wait for all: the farthest replica; a quorum: the k-th nearest).
 * Asynchronous writes return after the local commit but leave an RPO window.
 * @param options.coordinator region accepting the write
 * @param options.replicas remote replica regions, 0 to 100 names
 * @param options.replication "sync" or "async"
 * @param options.acks sync only: integer in [0, number of remote replicas]; default all
 * @param options.client client region; default the coordinator
 * @param options.replicationLagMs async only: extra lag in ms, finite >= 0; default 0
 * @param options.matrix RTT matrix; default the bundled one
 * @param options.interAzRttMs local (same-region) round trip, ms in [0, 100]; default {@link INTER_AZ_RTT_MS}
 * @returns client RTT, replication wait, total and RPO window, all in ms
 * @throws TypeError on a wrong type; RangeError on an unknown region or `acks` out of range
 * @example writeLatency({ coordinator: "us-east-1", replicas: ["eu-west-1", "ap-south-1"], replication: "sync" }).totalMs // => 187 (1 inter-AZ + 186)
 */
export function writeLatency(options: WriteLatencyOptions): WriteLatency {
  return writeLatencyAt("multiRegion.writeLatency", options);
}

/** {@link writeLatency}, with errors reported as coming from `where`. */
export function writeLatencyAt(where: string, options: WriteLatencyOptions): WriteLatency {
  object(where, "options", options);
  const m = checkMatrix(where, options.matrix);
  const c = regionIndex(where, "coordinator", m, options.coordinator);
  const replicaNames = array<string>(where, "replicas", options.replicas, { min: 0, max: 100 });
  const remotes = replicaNames
    .map((r, i) => regionIndex(where, `replicas[${i}]`, m, r))
    .filter((r, i, all) => r !== c && all.indexOf(r) === i);
  const replication = oneOf(where, "replication", options.replication, REPLICATIONS);
  const acks =
    options.acks === undefined
      ? remotes.length
      : integer(where, "acks", options.acks, { min: 0, max: remotes.length, maxLabel: `remote replicas=${remotes.length}` });
  const client = options.client === undefined ? c : regionIndex(where, "client", m, options.client);
  const lag = options.replicationLagMs === undefined ? 0 : finite(where, "replicationLagMs", options.replicationLagMs, { min: 0 });
  const clientRtt = pairRttMs(m, client, c, checkInterAz(where, options.interAzRttMs));
  const byRtt = remotes.slice().sort((a, b) => m.rttMs[c][a] - m.rttMs[c][b] || a - b);
  if (replication === "async") {
    const slowest = byRtt.length === 0 ? 0 : m.rttMs[c][byRtt[byRtt.length - 1]] / 2 + lag;
    return { clientRttMs: clientRtt, replicationWaitMs: 0, totalMs: clientRtt, rpoWindowMs: slowest, waitedFor: [] };
  }
  const wait = acks === 0 ? 0 : m.rttMs[c][byRtt[acks - 1]];
  return {
    clientRttMs: clientRtt,
    replicationWaitMs: wait,
    totalMs: clientRtt + wait,
    // With acks < all, failover must pick an acknowledged replica for RPO 0.
    rpoWindowMs: acks === 0 && byRtt.length > 0 ? m.rttMs[c][byRtt[byRtt.length - 1]] / 2 + lag : 0,
    waitedFor: byRtt.slice(0, acks).map((i) => m.regions[i]),
  };
}

/** Options of {@link readLatency}. */
export interface ReadLatencyOptions {
  /** Region of the client. */
  readonly client: string;
  /** Regions holding a copy, at least one. */
  readonly replicas: readonly string[];
  /**
   * "nearest": any replica may answer (fast, possibly stale);
   * "leader": only `leader` answers (linearizable with a leader);
   * "quorum": the nearest replica coordinates and waits for `quorum` replies, itself included.
   */
  readonly consistency: "nearest" | "leader" | "quorum";
  /** Leader region for "leader" reads; default replicas[0]. */
  readonly leader?: string;
  /** Replies needed for "quorum" reads, integer in [1, replicas]; default a majority. */
  readonly quorum?: number;
  readonly matrix?: RttMatrix;
  /** Round trip between availability zones of one region, ms in [0, 100]; default {@link INTER_AZ_RTT_MS}. */
  readonly interAzRttMs?: number;
}

/**
 * Latency of one read, in ms: to the nearest replica, to the leader, or to
 * the nearest replica plus the wait for a read quorum (the (q−1)-th
 * smallest RTT from it to the other replicas).
 * @param options.client client region
 * @param options.replicas replica regions, 1 to 100 names
 * @param options.consistency "nearest", "leader" or "quorum"
 * @param options.leader "leader" reads: a region; default replicas[0]
 * @param options.quorum "quorum" reads: integer in [1, replicas]; default floor(n/2) + 1
 * @param options.matrix RTT matrix; default the bundled one
 * @param options.interAzRttMs local (same-region) round trip, ms in [0, 100]; default {@link INTER_AZ_RTT_MS}
 * @returns read latency in ms
 * @throws TypeError on a wrong type; RangeError on an unknown region or `quorum` out of range
 * @example readLatency({ client: "eu-west-1", replicas: ["us-east-1", "eu-west-1"], consistency: "nearest" }) // => 1 (one inter-AZ round trip)
 */
export function readLatency(options: ReadLatencyOptions): number {
  const where = "multiRegion.readLatency";
  object(where, "options", options);
  const m = checkMatrix(where, options.matrix);
  const client = regionIndex(where, "client", m, options.client);
  const replicas = array<string>(where, "replicas", options.replicas, { min: 1, max: 100 })
    .map((r, i) => regionIndex(where, `replicas[${i}]`, m, r))
    .filter((r, i, all) => all.indexOf(r) === i);
  const consistency = oneOf(where, "consistency", options.consistency, ["nearest", "leader", "quorum"] as const);
  const interAz = checkInterAz(where, options.interAzRttMs);
  const rtt = (from: number, to: number): number => pairRttMs(m, from, to, interAz);
  if (consistency === "leader") {
    const leader = options.leader === undefined ? replicas[0] : regionIndex(where, "leader", m, options.leader);
    return rtt(client, leader);
  }
  const nearest = replicas.slice().sort((a, b) => rtt(client, a) - rtt(client, b) || a - b)[0];
  const toNearest = rtt(client, nearest);
  if (consistency === "nearest") return toNearest;
  const n = replicas.length;
  const q =
    options.quorum === undefined
      ? Math.floor(n / 2) + 1
      : integer(where, "quorum", options.quorum, { min: 1, max: n, maxLabel: `replicas=${n}` });
  const others = replicas.filter((r) => r !== nearest).map((r) => m.rttMs[nearest][r]).sort((a, b) => a - b);
  return toNearest + (q <= 1 ? 0 : others[q - 2]);
}

/** Options of {@link syncReplicationSlowdown}. */
export interface SyncSlowdownOptions {
  /** Region taking writes. */
  readonly primary: string;
  /** Remote replica regions, at least one. */
  readonly replicas: readonly string[];
  /** Remote acknowledgements a sync write waits for; default all. */
  readonly acks?: number;
  readonly matrix?: RttMatrix;
  /** Local multi-AZ commit, ms in [0, 100]; default {@link INTER_AZ_RTT_MS}. */
  readonly interAzRttMs?: number;
}

/**
 * "How much slower are writes with synchronous replication?": a write from
 * a client in the primary region, asynchronous versus synchronous.
 * @param options.primary region taking writes
 * @param options.replicas remote replicas, 1 to 100 names
 * @param options.acks remote acks to wait for, integer in [0, replicas]; default all
 * @param options.matrix RTT matrix; default the bundled one
 * @param options.interAzRttMs local multi-AZ commit, ms in [0, 100]; default {@link INTER_AZ_RTT_MS}
 * @returns async and sync write latency (ms), the extra ms, their ratio (Infinity only with a
 *   0 ms local commit), and the async RPO window (ms)
 * @throws TypeError on a wrong type; RangeError on an unknown region or `acks` out of range
 * @example syncReplicationSlowdown({ primary: "us-east-1", replicas: ["eu-west-1", "ap-south-1"] }).extraMs // => 186
 */
export function syncReplicationSlowdown(options: SyncSlowdownOptions): {
  asyncWriteMs: number;
  syncWriteMs: number;
  extraMs: number;
  ratio: number;
  asyncRpoWindowMs: number;
} {
  const where = "multiRegion.syncReplicationSlowdown";
  object(where, "options", options);
  regionIndex(where, "primary", checkMatrix(where, options.matrix), options.primary);
  array(where, "replicas", options.replicas, { min: 1, max: 100 });
  const base = {
    coordinator: options.primary,
    replicas: options.replicas,
    ...(options.matrix ? { matrix: options.matrix } : {}),
    ...(options.interAzRttMs === undefined ? {} : { interAzRttMs: options.interAzRttMs }),
  };
  const asyncWrite = writeLatencyAt(where, { ...base, replication: "async" });
  const syncWrite = writeLatencyAt(where, { ...base, replication: "sync", ...(options.acks === undefined ? {} : { acks: options.acks }) });
  return {
    asyncWriteMs: asyncWrite.totalMs,
    syncWriteMs: syncWrite.totalMs,
    extraMs: syncWrite.totalMs - asyncWrite.totalMs,
    // A zero-latency local commit (interAzRttMs 0) has no finite ratio.
    ratio: asyncWrite.totalMs > 0 ? syncWrite.totalMs / asyncWrite.totalMs : syncWrite.totalMs > 0 ? Infinity : 1,
    asyncRpoWindowMs: asyncWrite.rpoWindowMs,
  };
}
