/**
 * Quorum arithmetic for Dynamo-style replicated stores: majority sizes,
 * Cassandra consistency levels, when R + W > N makes reads strong, exact
 * k-staleness (Bailis et al., "Probabilistically Bounded Staleness for
 * Practical Partial Quorums", VLDB 2012), quorum availability and quorum
 * latency as an order statistic.
 */
import { atLeast } from "./availability";
import { array, finite, integer, object, oneOf, probability, rangeError, recordOf, typeError } from "./internal/errors";
import { bitLength, gcd, ratioToNumber } from "./internal/exact";

/** Largest replica count the exact combinatorics accept. */
const MAX_N = 1000;

/**
 * Majority quorum of `replicationFactor` replicas: floor(n / 2) + 1, the
 * smallest set that any two such sets share a replica.
 * @param replicationFactor replicas, integer in [1, 1000]
 * @returns replicas in a majority, integer in [1, replicationFactor]
 * @throws TypeError when not a finite number; RangeError when not an integer in range
 * @example quorumSize(3) // => 2
 * @example quorumSize(6) // => 4
 */
export function quorumSize(replicationFactor: number): number {
  const n = integer("quorum.quorumSize", "replicationFactor", replicationFactor, { min: 1, max: MAX_N });
  return Math.floor(n / 2) + 1;
}

/** Cassandra consistency levels that name a replica count. */
export type ConsistencyLevel =
  | "ONE"
  | "TWO"
  | "THREE"
  | "LOCAL_ONE"
  | "QUORUM"
  | "LOCAL_QUORUM"
  | "EACH_QUORUM"
  | "ALL";

const LEVELS: readonly ConsistencyLevel[] = [
  "ONE",
  "TWO",
  "THREE",
  "LOCAL_ONE",
  "QUORUM",
  "LOCAL_QUORUM",
  "EACH_QUORUM",
  "ALL",
];

/** Options of {@link replicasRequired}. */
export interface ReplicasRequiredOptions {
  /** The consistency level of the read or write. */
  readonly level: ConsistencyLevel;
  /**
   * Replication factor per datacenter, e.g. `{ us: 3, eu: 3 }`, or a single
   * number for one datacenter (named `"dc1"`).
   */
  readonly replicationFactors: number | Readonly<Record<string, number>>;
  /** The coordinator's datacenter, for LOCAL_*; defaults to the first one listed. */
  readonly localDatacenter?: string;
}

/** How many replicas a consistency level waits for, and where. */
export interface ReplicasRequired {
  readonly level: ConsistencyLevel;
  /** Replicas that must acknowledge, in total. */
  readonly total: number;
  /**
   * Acknowledgements each datacenter must contribute, or `null` when any
   * replicas in any datacenters will do (ONE, TWO, THREE, QUORUM, ALL count globally).
   */
  readonly perDatacenter: Readonly<Record<string, number>> | null;
  /** One sentence saying how the number was found. */
  readonly reason: string;
}

/**
 * Replicas a Cassandra consistency level waits for, following the DataStax
 * documentation ("How is the consistency level configured?"): QUORUM is
 * floor(sum of replication factors / 2) + 1 across all datacenters,
 * LOCAL_QUORUM a majority of the coordinator's datacenter, EACH_QUORUM a
 * majority in every datacenter.
 * @param options.level "ONE", "TWO", "THREE", "LOCAL_ONE", "QUORUM", "LOCAL_QUORUM", "EACH_QUORUM" or "ALL"
 * @param options.replicationFactors replicas per datacenter (integers in [1, 1000]), or one number
 * @param options.localDatacenter name of the coordinator's datacenter (LOCAL_* levels)
 * @returns total acknowledgements, the per-datacenter split when the level fixes one, and a reason
 * @throws TypeError or RangeError when the level is unknown, a replication factor is not a
 *   positive integer, the local datacenter is not listed, or the level needs more replicas than exist
 * @example replicasRequired({ level: "QUORUM", replicationFactors: { us: 3, eu: 3 } }).total // => 4
 * @example replicasRequired({ level: "EACH_QUORUM", replicationFactors: { us: 3, eu: 3 } }).perDatacenter // => { us: 2, eu: 2 }
 */
export function replicasRequired(options: ReplicasRequiredOptions): ReplicasRequired {
  const where = "quorum.replicasRequired";
  object(where, "options", options);
  const level = oneOf(where, "level", options.level, LEVELS);
  const factors = datacenterFactors(where, options.replicationFactors);
  const names = Object.keys(factors);
  const sum = names.reduce((s, dc) => s + factors[dc], 0);
  const local = options.localDatacenter ?? names[0];
  // Own keys only: `in` would accept inherited names such as "toString" and compute NaN.
  if (level.startsWith("LOCAL_") && !(typeof local === "string" && Object.prototype.hasOwnProperty.call(factors, local))) {
    throw rangeError(where, "localDatacenter", `one of ${names.map((d) => JSON.stringify(d)).join(", ")}`, local);
  }
  const result = (total: number, perDatacenter: Record<string, number> | null, reason: string): ReplicasRequired => {
    if (total > sum) {
      throw rangeError(where, "level", `a level the replicas can satisfy (${sum} in total)`, level);
    }
    return { level, total, perDatacenter, reason };
  };
  switch (level) {
    case "ONE":
    case "TWO":
    case "THREE": {
      const count = level === "ONE" ? 1 : level === "TWO" ? 2 : 3;
      return result(count, null, `${level} waits for ${count} replica(s) in any datacenter.`);
    }
    case "LOCAL_ONE":
      return result(1, recordOf([[local, 1]]), `LOCAL_ONE waits for 1 replica in the local datacenter ${local}.`);
    case "QUORUM": {
      const q = Math.floor(sum / 2) + 1;
      return result(q, null, `QUORUM is floor(${sum} / 2) + 1 = ${q} of the ${sum} replicas, in any datacenters.`);
    }
    case "LOCAL_QUORUM": {
      const q = Math.floor(factors[local] / 2) + 1;
      return result(
        q,
        recordOf([[local, q]]),
        `LOCAL_QUORUM is floor(${factors[local]} / 2) + 1 = ${q} replicas in the local datacenter ${local}.`,
      );
    }
    case "EACH_QUORUM": {
      const per = recordOf(names.map((dc) => [dc, Math.floor(factors[dc] / 2) + 1] as const));
      const total = names.reduce((s, dc) => s + per[dc], 0);
      const parts = names.map((dc) => `${dc}: ${per[dc]} of ${factors[dc]}`).join(", ");
      return result(total, per, `EACH_QUORUM needs a majority in every datacenter (${parts}), ${total} in total.`);
    }
    case "ALL":
      return result(sum, { ...factors }, `ALL waits for every one of the ${sum} replicas.`);
  }
}

function datacenterFactors(where: string, value: unknown): Record<string, number> {
  if (typeof value === "number") {
    return { dc1: integer(where, "replicationFactors", value, { min: 1, max: MAX_N }) };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw typeError(where, "replicationFactors", "a number or an object of datacenter replication factors", value);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) {
    throw rangeError(where, "replicationFactors", "an object with at least one datacenter", value);
  }
  // Datacenter names are the caller's: built as own properties, so "__proto__" is a name like any other.
  return recordOf(entries.map(([dc, rf]) => [dc, integer(where, `replicationFactors.${dc}`, rf, { min: 1, max: MAX_N })] as const));
}

/** N, R and W of a partial-quorum configuration. */
export interface QuorumConfig {
  /** Replicas, integer in [1, 1000]. */
  readonly n: number;
  /** Read quorum: replicas a read waits for, integer in [1, n]. */
  readonly r: number;
  /** Write quorum: replicas a write waits for, integer in [1, n]. */
  readonly w: number;
}

function config(where: string, options: unknown): QuorumConfig {
  const o = object<Record<string, unknown>>(where, "options", options);
  const n = integer(where, "n", o.n, { min: 1, max: MAX_N });
  const bounds = { min: 1, max: n, maxLabel: `n=${n}` };
  const r = integer(where, "r", o.r, bounds);
  const w = integer(where, "w", o.w, bounds);
  return { n, r, w };
}

/**
 * Whether every read quorum meets every write quorum, R + W > N, so that a
 * read sees the latest completed write (Bailis et al., VLDB 2012, §2).
 * @param options.n replicas, integer in [1, 1000]
 * @param options.r read quorum, integer in [1, n]
 * @param options.w write quorum, integer in [1, n]
 * @returns true when R + W > N
 * @throws TypeError or RangeError when a size is not an integer in range
 * @example strongReads({ n: 3, r: 2, w: 2 }) // => true
 * @example strongReads({ n: 3, r: 1, w: 1 }) // => false
 */
export function strongReads(options: QuorumConfig): boolean {
  const { n, r, w } = config("quorum.strongReads", options);
  return r + w > n;
}

/**
 * Whether any two write quorums share a replica, W > N / 2, so that
 * concurrent writes are seen and ordered by at least one replica.
 * @param options.n replicas, integer in [1, 1000]
 * @param options.r read quorum, integer in [1, n] (validated, not used)
 * @param options.w write quorum, integer in [1, n]
 * @returns true when 2W > N
 * @throws TypeError or RangeError when a size is not an integer in range
 * @example writeQuorumsIntersect({ n: 3, r: 1, w: 2 }) // => true
 * @example writeQuorumsIntersect({ n: 4, r: 3, w: 2 }) // => false
 */
export function writeQuorumsIntersect(options: QuorumConfig): boolean {
  const { n, w } = config("quorum.writeQuorumsIntersect", options);
  return 2 * w > n;
}

/** The answer of {@link explainConsistency}. */
export interface ConsistencyExplanation {
  /** R + W > N and W > N / 2: reads see the latest write and writes are ordered. */
  readonly strong: boolean;
  /** R + W > N. */
  readonly readsSeeLatestWrite: boolean;
  /** W > N / 2. */
  readonly concurrentWritesOrdered: boolean;
  /** The configuration's staleness: P(a read misses the latest write), exact for R + W <= N. */
  readonly staleReadProbability: number;
  /** Plain-English reasons, one sentence per rule, with the conditions below when R + W > N. */
  readonly reason: string;
  /**
   * What R + W > N does not promise: the conditions under which overlapping
   * quorums give a read the latest acknowledged write. Empty when R + W <= N.
   */
  readonly conditions: string;
}

/**
 * The limits of R + W > N. Bailis et al. (VLDB 2012, §2) credit strict
 * quorums with regular semantics (a read returns the last write that
 * completed before it began, or a concurrent one), not linearizability, and
 * only in failure-free operation without sloppy quorums; and with
 * last-writer-wins on skewed clocks a later acknowledged write can lose to an
 * earlier one (notebook 07, `multiRegion.lwwSkewLoss`).
 */
export const STRICT_QUORUM_CONDITIONS =
  "That holds only with strict quorums in failure-free operation: a sloppy quorum (hinted handoff) can take a write on replicas outside the read set, and a failed write can linger on some replicas (Bailis et al., VLDB 2012, §2). Even then it gives regular semantics (the last write acknowledged before the read began, or one concurrent with it), not linearizability, and with last-writer-wins on skewed clocks a later acknowledged write can lose to an earlier one.";

/**
 * Explains whether a configuration is strongly consistent: reads must meet
 * the latest write quorum (R + W > N) and write quorums must meet each other
 * so concurrent writes are ordered (W > N / 2) (Bailis et al., VLDB 2012).
 * "Strong" here is the quorum rules' promise and no more: regular semantics
 * with strict quorums in failure-free operation ({@link STRICT_QUORUM_CONDITIONS}).
 * @param options.n replicas, integer in [1, 1000]
 * @param options.r read quorum, integer in [1, n]
 * @param options.w write quorum, integer in [1, n]
 * @returns both rules' verdicts, the stale-read probability, a reason and the conditions
 * @throws TypeError or RangeError when a size is not an integer in range
 * @example explainConsistency({ n: 3, r: 2, w: 2 }).strong // => true
 * @example explainConsistency({ n: 3, r: 1, w: 1 }).reason
 * // => "R + W = 2 <= N = 3: the 1 replica(s) a read asks can all be outside the 1 that took the latest write (probability 2/3). W = 1 <= N/2 = 1.5: two concurrent writes can land on disjoint replicas."
 */
export function explainConsistency(options: QuorumConfig): ConsistencyExplanation {
  const { n, r, w } = config("quorum.explainConsistency", options);
  const readsSeeLatestWrite = r + w > n;
  const concurrentWritesOrdered = 2 * w > n;
  const stale = staleFraction(n, r, w);
  const readPart = readsSeeLatestWrite
    ? `R + W = ${r + w} > N = ${n}: every read quorum overlaps every write quorum, so a read that starts after a write was acknowledged reaches a replica holding it.`
    : `R + W = ${r + w} <= N = ${n}: the ${r} replica(s) a read asks can all be outside the ${w} that took the latest write (probability ${fractionText(stale.a, stale.b)}).`;
  const writePart = concurrentWritesOrdered
    ? `W = ${w} > N/2 = ${n / 2}: any two write quorums share a replica, so concurrent writes are ordered.`
    : `W = ${w} <= N/2 = ${n / 2}: two concurrent writes can land on disjoint replicas.`;
  return {
    strong: readsSeeLatestWrite && concurrentWritesOrdered,
    readsSeeLatestWrite,
    concurrentWritesOrdered,
    staleReadProbability: ratioToNumber(stale.a, stale.b),
    reason: readsSeeLatestWrite ? `${readPart} ${writePart} ${STRICT_QUORUM_CONDITIONS}` : `${readPart} ${writePart}`,
    conditions: readsSeeLatestWrite ? STRICT_QUORUM_CONDITIONS : "",
  };
}

function binomial(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  const kk = Math.min(k, n - k);
  let c = 1n;
  for (let i = 1; i <= kk; i++) c = (c * BigInt(n - kk + i)) / BigInt(i);
  return c;
}

/** p_s = C(N−W, R) / C(N, R) as a fraction a / b in lowest terms. */
function staleFraction(n: number, r: number, w: number): { a: bigint; b: bigint } {
  const num = binomial(n - w, r);
  const den = binomial(n, r);
  const g = gcd(num, den);
  return { a: num / g, b: den / g };
}

/** A fraction a / b in lowest terms as text: "2/3", or "0" and "1" for whole numbers. */
function fractionText(a: bigint, b: bigint): string {
  return b === 1n ? `${a}` : `${a}/${b}`;
}

/**
 * Probability that a read misses the latest write under a partial quorum:
 * p_s = C(N−W, R) / C(N, R), the chance that the R replicas read are all
 * outside the W that took the write (Bailis et al., VLDB 2012, §3.1).
 * Computed exactly with fractions and rounded once.
 * @param options.n replicas, integer in [1, 1000]
 * @param options.r read quorum, integer in [1, n]
 * @param options.w write quorum, integer in [1, n]
 * @returns probability in [0, 1]; 0 when R + W > N
 * @throws TypeError or RangeError when a size is not an integer in range
 * @example staleReadProbability({ n: 3, r: 1, w: 1 }) // => 0.6666666666666666 (2/3)
 * @example staleReadProbability({ n: 100, r: 30, w: 30 }) // => 1.88…e-6
 */
export function staleReadProbability(options: QuorumConfig): number {
  const { n, r, w } = config("quorum.staleReadProbability", options);
  const { a, b } = staleFraction(n, r, w);
  return ratioToNumber(a, b);
}

/** N, R, W and the tolerated staleness k. */
export interface KStalenessOptions extends QuorumConfig {
  /** Versions of tolerated staleness: the read may return any of the last k, integer in [1, 1000]. */
  readonly k: number;
}

/** An exact probability and the fraction it came from. */
export interface ExactProbability {
  /** The probability rounded once to the nearest double. */
  readonly probability: number;
  /** The exact value as a reduced fraction, `"5/9"`. */
  readonly fraction: string;
}

function kStalenessOptions(where: string, options: unknown): { n: number; r: number; w: number; k: number } {
  const { n, r, w } = config(where, options);
  const k = integer(where, "k", (options as Record<string, unknown>).k, { min: 1, max: 1000 });
  return { n, r, w, k };
}

/** Exact 1 − (a/b)^k = (b^k − a^k) / b^k, already in lowest terms because gcd(a, b) = 1. */
function oneMinusPower(a: bigint, b: bigint, k: number): { num: bigint; den: bigint } {
  const den = b ** BigInt(k);
  return { num: den - a ** BigInt(k), den };
}

/** 1 − p_s^k as a double, for real k >= 1. Exact and rounded once while the numbers stay small. */
function oneMinusStalePower(a: bigint, b: bigint, k: number): number {
  if (a === 0n) return 1;
  if (Number.isInteger(k) && bitLength(b) * k <= 4096) {
    const { num, den } = oneMinusPower(a, b, k);
    return ratioToNumber(num, den);
  }
  // −expm1(k ln p_s), taking ln p_s from whichever of p_s and 1 − p_s keeps its digits.
  const ps = ratioToNumber(a, b);
  const logPs = ps < 0.5 ? Math.log(ps) : Math.log1p(-ratioToNumber(b - a, b));
  return -Math.expm1(k * logPs);
}

/**
 * Probability that a read returns one of the last k committed versions
 * under a partial quorum: 1 − p_s^k with p_s = C(N−W, R) / C(N, R)
 * (Bailis et al., VLDB 2012, k-staleness). p_s is exact; the power is
 * exact and rounded once while it fits in 4096 bits, and otherwise
 * −expm1(k ln p_s), accurate to a few ulps.
 * @param options.n replicas, integer in [1, 1000]
 * @param options.r read quorum, integer in [1, n]
 * @param options.w write quorum, integer in [1, n]
 * @param options.k versions of tolerated staleness, integer in [1, 1000]
 * @returns probability in [0, 1]; 1 when R + W > N
 * @throws TypeError or RangeError when a value is not an integer in range
 * @example kStaleness({ n: 3, r: 1, w: 1, k: 2 }) // => 0.5555555555555556 (5/9)
 */
export function kStaleness(options: KStalenessOptions): number {
  const { n, r, w, k } = kStalenessOptions("quorum.kStaleness", options);
  const { a, b } = staleFraction(n, r, w);
  return oneMinusStalePower(a, b, k);
}

/**
 * {@link kStaleness} with its exact value as a fraction string. The string
 * can be long: its denominator is C(N, R)^k in lowest terms.
 * @param options.n replicas, integer in [1, 1000]
 * @param options.r read quorum, integer in [1, n]
 * @param options.w write quorum, integer in [1, n]
 * @param options.k versions of tolerated staleness, integer in [1, 1000]
 * @returns the probability rounded once, and the reduced fraction it equals
 * @throws TypeError or RangeError when a value is not an integer in range
 * @example kStalenessExact({ n: 3, r: 1, w: 1, k: 3 }) // => { probability: 0.7037037037037037, fraction: "19/27" }
 */
export function kStalenessExact(options: KStalenessOptions): ExactProbability {
  const { n, r, w, k } = kStalenessOptions("quorum.kStalenessExact", options);
  const { a, b } = staleFraction(n, r, w);
  const { num, den } = oneMinusPower(a, b, k);
  return { probability: ratioToNumber(num, den), fraction: fractionText(num, den) };
}

/** Options of {@link monotonicReads}. */
export interface MonotonicReadsOptions extends QuorumConfig {
  /** Writes per second to the key from all clients (γ_gw), finite, >= 0. */
  readonly globalWriteRate: number;
  /** Reads per second of the key by this client (γ_cr), finite, > 0. */
  readonly clientReadRate: number;
}

/** The answer of {@link monotonicReads}. */
export interface MonotonicReadsResult {
  /** Equivalent staleness tolerance k = 1 + γ_gw / γ_cr (versions). */
  readonly k: number;
  /** Probability that a read is at least as new as the client's previous read. */
  readonly probability: number;
}

/**
 * Probability of monotonic reads under a partial quorum, as k-staleness
 * with k = 1 + γ_gw / γ_cr: between two reads by one client, about
 * γ_gw / γ_cr new versions are written (Bailis et al., VLDB 2012, §3.2).
 * k may be fractional; P = 1 − p_s^k.
 * @param options.n replicas, integer in [1, 1000]
 * @param options.r read quorum, integer in [1, n]
 * @param options.w write quorum, integer in [1, n]
 * @param options.globalWriteRate writes per second to the key, all clients, finite >= 0
 * @param options.clientReadRate reads per second of the key by the client, finite > 0
 * @returns k and the probability in [0, 1]
 * @throws TypeError or RangeError when a value is out of range
 * @example monotonicReads({ n: 3, r: 1, w: 1, globalWriteRate: 1, clientReadRate: 1 }) // => { k: 2, probability: 0.5555555555555556 }
 */
export function monotonicReads(options: MonotonicReadsOptions): MonotonicReadsResult {
  const where = "quorum.monotonicReads";
  const { n, r, w } = config(where, options);
  const o = options as unknown as Record<string, unknown>;
  const writes = finite(where, "globalWriteRate", o.globalWriteRate, { min: 0 });
  const reads = finite(where, "clientReadRate", o.clientReadRate, { min: 0, minExclusive: true });
  const k = 1 + writes / reads;
  if (!Number.isFinite(k)) {
    throw rangeError(where, "globalWriteRate / clientReadRate", "a finite ratio", writes / reads);
  }
  const { a, b } = staleFraction(n, r, w);
  return { k, probability: oneMinusStalePower(a, b, k) };
}

/** Options of {@link quorumAvailability}. */
export interface QuorumAvailabilityOptions {
  /** Replicas, integer in [1, 1000]. */
  readonly n: number;
  /** Replicas the operation needs (R for reads, W for writes), integer in [1, n]. */
  readonly size: number;
  /** Probability each replica is up, independently, in [0, 1]. */
  readonly replicaAvailability: number;
}

/**
 * Availability of a read or write quorum: the probability that at least
 * `size` of `n` replicas are up when each is up independently with
 * probability p (binomial upper tail).
 * @param options.n replicas, integer in [1, 1000]
 * @param options.size quorum size (R or W), integer in [1, n]
 * @param options.replicaAvailability each replica's availability, in [0, 1]
 * @returns probability in [0, 1]
 * @throws TypeError or RangeError when a value is out of range
 * @example quorumAvailability({ n: 3, size: 2, replicaAvailability: 0.99 }) // => 0.999702
 */
export function quorumAvailability(options: QuorumAvailabilityOptions): number {
  const where = "quorum.quorumAvailability";
  object(where, "options", options);
  const n = integer(where, "n", options.n, { min: 1, max: MAX_N });
  const size = integer(where, "size", options.size, { min: 1, max: n, maxLabel: `n=${n}` });
  const p = probability(where, "replicaAvailability", options.replicaAvailability);
  return atLeast({ required: size, total: n, availability: p });
}

function latencyList(where: string, name: string, value: unknown, minLength: number): readonly number[] {
  const list = array<number>(where, name, value, { min: minLength });
  list.forEach((x, i) => finite(where, `${name}[${i}]`, x, { min: 0 }));
  return list;
}

/** Options of {@link quorumLatency}. */
export interface QuorumLatencyOptions {
  /** Each replica's response time for one request, ms, finite >= 0; one entry per replica. */
  readonly latencies: readonly number[];
  /** Responses the coordinator waits for, integer in [1, latencies.length]. */
  readonly r: number;
}

/**
 * Latency of one quorum operation: the coordinator answers when the R-th
 * fastest replica responds, so the latency is the R-th smallest of the
 * replicas' latencies (the R-th order statistic).
 * @param options.latencies response time of each replica, ms, finite >= 0
 * @param options.r responses waited for, integer in [1, latencies.length]
 * @returns the R-th smallest latency, ms
 * @throws TypeError or RangeError when a value is out of range
 * @example quorumLatency({ latencies: [12, 3, 40], r: 2 }) // => 12
 */
export function quorumLatency(options: QuorumLatencyOptions): number {
  const where = "quorum.quorumLatency";
  object(where, "options", options);
  const latencies = latencyList(where, "latencies", options.latencies, 1);
  const r = integer(where, "r", options.r, { min: 1, max: latencies.length, maxLabel: `n=${latencies.length}` });
  return [...latencies].sort((a, b) => a - b)[r - 1];
}

/** Options of {@link quorumLatencyQuantile}. */
export interface QuorumLatencyQuantileOptions {
  /** Observed single-replica latencies, ms, finite >= 0: the empirical distribution each replica follows. */
  readonly samples: readonly number[];
  /** Replicas contacted, integer in [1, 1000]. */
  readonly n: number;
  /** Responses waited for, integer in [1, n]. */
  readonly r: number;
  /** Quantile wanted, in [0, 1] (0.99 for p99). */
  readonly quantile: number;
}

/**
 * Quantile of quorum latency when the N replicas' latencies are independent
 * draws from the empirical distribution of `samples`. The R-th order
 * statistic of N draws has CDF Σ_{j=R}^{N} C(N, j) F(x)^j (1 − F(x))^(N−j),
 * where F is the samples' empirical CDF; the answer is the smallest sample
 * whose CDF reaches the quantile. Exact for that model, no simulation.
 * @param options.samples single-replica latencies, ms, finite >= 0, at least one
 * @param options.n replicas contacted, integer in [1, 1000]
 * @param options.r responses waited for, integer in [1, n]
 * @param options.quantile the quantile, in [0, 1]
 * @returns a latency from `samples`, ms
 * @throws TypeError or RangeError when a value is out of range
 * @example quorumLatencyQuantile({ samples: [1, 2, 3, 4], n: 3, r: 1, quantile: 0.5 }) // => 1
 */
export function quorumLatencyQuantile(options: QuorumLatencyQuantileOptions): number {
  const where = "quorum.quorumLatencyQuantile";
  object(where, "options", options);
  const samples = latencyList(where, "samples", options.samples, 1);
  const n = integer(where, "n", options.n, { min: 1, max: MAX_N });
  const r = integer(where, "r", options.r, { min: 1, max: n, maxLabel: `n=${n}` });
  const q = probability(where, "quantile", options.quantile);
  const sorted = [...samples].sort((a, b) => a - b);
  const m = sorted.length;
  // Smallest index i whose value x = sorted[i] has P(X_(r) <= x) >= q; F(x) counts ties.
  let lo = 0;
  let hi = m - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    let last = mid;
    while (last + 1 < m && sorted[last + 1] === sorted[mid]) last++;
    const cdf = atLeast({ required: r, total: n, availability: (last + 1) / m });
    if (cdf >= q) hi = mid;
    else lo = last + 1;
  }
  return sorted[lo];
}
