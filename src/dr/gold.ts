/**
 * The course's Gold-tier example ("Example: Gold-Tier DR"): synchronous
 * replication from us-east-1 to eu-west-1 and ap-south-1, automatic
 * failover, "RTO 5 minutes, RPO 0". What it costs in money and in write
 * latency, and what its RTO is made of.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { array, finite, integer, nonEmptyString, object, rangeError } from "../internal/errors";
import { prices } from "../cost/pricing";

const SECONDS_PER_MINUTE = 60;

/** The bundled inter-region RTT matrix (p50 ms; see data/region-rtt.md). */
export const REGION_RTT_PATH = join(__dirname, "..", "..", "data", "region-rtt.json");

/**
 * RTT in ms between two regions from `data/region-rtt.json`, or null when
 * the file or either region is missing.
 * @example regionRttMs("us-east-1", "ap-south-1") // => 186 (cloudping.co p50)
 */
export function regionRttMs(from: string, to: string, path: string = REGION_RTT_PATH): number | null {
  const where = "dr.regionRttMs";
  nonEmptyString(where, "from", from);
  nonEmptyString(where, "to", to);
  if (!existsSync(path)) return null;
  const json = JSON.parse(readFileSync(path, "utf8")) as { regions?: unknown; rttMs?: unknown };
  if (!Array.isArray(json.regions) || !Array.isArray(json.rttMs)) return null;
  const i = json.regions.indexOf(from);
  const j = json.regions.indexOf(to);
  const row: unknown = i >= 0 ? (json.rttMs as unknown[])[i] : undefined;
  const value: unknown = Array.isArray(row) && j >= 0 ? row[j] : undefined;
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : null;
}

/** Options of {@link syncWriteLatency}. */
export interface SyncWriteOptions {
  /** Time to commit locally (multi-AZ) before or while replicating, ms >= 0. */
  readonly localCommitMs: number;
  /** Round-trip time from the primary to each remote replica, ms >= 0. */
  readonly replicaRttMs: readonly number[];
  /** Remote acknowledgements the write waits for, integer in [0, replicas]; default all. */
  readonly acksRequired?: number;
}

/**
 * Latency of a synchronous write: the local commit plus the round trip to
 * the k-th nearest replica, where k is the number of remote acks required
 * (all of them, as in the course's `wait_for_replication`, means the
 * slowest). Replication requests go out in parallel.
 * @throws TypeError/RangeError when an input is outside its range
 * @example syncWriteLatency({ localCommitMs: 4, replicaRttMs: [70, 186] }) // => 190
 * @example syncWriteLatency({ localCommitMs: 4, replicaRttMs: [70, 186], acksRequired: 1 }) // => 74 (majority of 3)
 */
export function syncWriteLatency(options: SyncWriteOptions): number {
  const where = "dr.syncWriteLatency";
  object(where, "options", options);
  const local = finite(where, "localCommitMs", options.localCommitMs, { min: 0 });
  const rtts = array<unknown>(where, "replicaRttMs", options.replicaRttMs, { min: 0 }).map((x, i) => finite(where, `replicaRttMs[${i}]`, x, { min: 0 }));
  const k =
    options.acksRequired === undefined
      ? rtts.length
      : integer(where, "acksRequired", options.acksRequired, { min: 0, max: rtts.length, maxLabel: `replicas=${rtts.length}` });
  if (k === 0) return local;
  const sorted = [...rtts].sort((a, b) => a - b);
  return local + sorted[k - 1];
}

/** Options of {@link failoverRto}. Defaults are Route 53's health-check defaults plus assumptions. */
export interface FailoverOptions {
  /** Health-check interval, seconds > 0; default 30 (Route 53 standard; 10 for fast checks). */
  readonly healthCheckIntervalSeconds?: number;
  /** Consecutive failures before unhealthy, integer >= 1; default 3 (Route 53 default). */
  readonly failureThreshold?: number;
  /** Time to promote the replica to primary, seconds >= 0; default 60 (assumption). */
  readonly promotionSeconds?: number;
  /** DNS TTL clients may cache the old answer for, seconds >= 0; default 60 (assumption). */
  readonly dnsTtlSeconds?: number;
}

/** The parts of an automatic failover's RTO, seconds. */
export interface FailoverRto {
  readonly detectionSeconds: number;
  readonly promotionSeconds: number;
  readonly dnsTtlSeconds: number;
  readonly totalSeconds: number;
  readonly totalMinutes: number;
}

/**
 * RTO of automatic DNS failover = detection (interval × failure threshold)
 * + promotion + DNS TTL. Route 53 health-check defaults (30 s interval,
 * threshold 3) are from the Route 53 Developer Guide, "Values that you
 * specify when you create or update health checks"; promotion and TTL are
 * assumptions to replace. Clients that cache DNS past the TTL (JVMs, some
 * resolvers) add to it.
 * @throws TypeError/RangeError when an input is outside its range
 * @example failoverRto().totalSeconds // => 210 (90 s detection + 60 s promotion + 60 s TTL)
 */
export function failoverRto(options: FailoverOptions = {}): FailoverRto {
  const where = "dr.failoverRto";
  object(where, "options", options);
  const interval = options.healthCheckIntervalSeconds === undefined ? 30 : finite(where, "healthCheckIntervalSeconds", options.healthCheckIntervalSeconds, { min: 0, minExclusive: true });
  const threshold = options.failureThreshold === undefined ? 3 : integer(where, "failureThreshold", options.failureThreshold, { min: 1 });
  const promotionSeconds = options.promotionSeconds === undefined ? 60 : finite(where, "promotionSeconds", options.promotionSeconds, { min: 0 });
  const dnsTtlSeconds = options.dnsTtlSeconds === undefined ? 60 : finite(where, "dnsTtlSeconds", options.dnsTtlSeconds, { min: 0 });
  const detectionSeconds = interval * threshold;
  const totalSeconds = detectionSeconds + promotionSeconds + dnsTtlSeconds;
  return { detectionSeconds, promotionSeconds, dnsTtlSeconds, totalSeconds, totalMinutes: totalSeconds / SECONDS_PER_MINUTE };
}

/** Options of {@link goldTierExample}. */
export interface GoldTierOptions extends FailoverOptions {
  /** Default "us-east-1". */
  readonly primaryRegion?: string;
  /** Default ["eu-west-1", "ap-south-1"], as in the course. */
  readonly replicaRegions?: readonly string[];
  /** RTT from the primary to each replica region, ms; default from data/region-rtt.json. */
  readonly rttMs?: Readonly<Record<string, number>>;
  /** Local (multi-AZ) commit time, ms >= 0; default the primary's in-region RTT from the matrix, else 0. */
  readonly localCommitMs?: number;
  /** One region's compute bill, USD per month >= 0. */
  readonly singleRegionComputeUsdPerMonth: number;
  /** One region's storage bill, USD per month >= 0. */
  readonly singleRegionStorageUsdPerMonth: number;
  /** Data written per month at the primary (replicated to every replica), GB >= 0. */
  readonly writeGbPerMonth: number;
  /** Default: the snapshot's cross-region rate ($0.02/GB from us-east-1; it varies by source region). */
  readonly crossRegionUsdPerGb?: number;
}

/** Result of {@link goldTierExample}. */
export interface GoldTier {
  readonly regions: readonly string[];
  readonly money: {
    readonly computeUsdPerMonth: number;
    readonly storageUsdPerMonth: number;
    readonly transferUsdPerMonth: number;
    readonly totalUsdPerMonth: number;
    /** total / (one region's compute + storage). */
    readonly multipleOfSingleRegion: number;
  };
  readonly latency: {
    readonly replicaRttMs: Readonly<Record<string, number>>;
    readonly slowestReplica: string;
    /** Sync to all replicas (the course's design). */
    readonly syncAllWriteMs: number;
    /** Sync to a majority of the regions (one remote ack of two). */
    readonly majorityWriteMs: number;
    /** Async replication: local commit only. */
    readonly asyncWriteMs: number;
  };
  readonly rto: FailoverRto & { readonly courseClaimMinutes: number; readonly meetsCourseClaim: boolean };
  readonly rpoSeconds: number;
  readonly notes: readonly string[];
}

const COURSE_GOLD_RTO_MINUTES = 5;

/**
 * Models the course's Gold tier: every region holds a full copy (compute ×
 * regions, storage × regions), each write crosses to every replica
 * (writeGb × replicas × $/GB), a synchronous write waits for the slowest
 * replica's round trip, and the RTO is detection + promotion + DNS TTL
 * rather than a flat "5 minutes".
 * @param options see {@link GoldTierOptions}
 * @throws TypeError/RangeError when an input is outside its range, or when an
 *   RTT is neither given nor in data/region-rtt.json
 * @example goldTierExample({ singleRegionComputeUsdPerMonth: 20000, singleRegionStorageUsdPerMonth: 3000, writeGbPerMonth: 10000 })
 *   // => money.totalUsdPerMonth 69400 (3 × 23000 + 2 × 10000 GB × $0.02), latency.syncAllWriteMs 190
 */
export function goldTierExample(options: GoldTierOptions): GoldTier {
  const where = "dr.goldTierExample";
  object(where, "options", options);
  const primary = options.primaryRegion === undefined ? "us-east-1" : nonEmptyString(where, "primaryRegion", options.primaryRegion);
  const replicas = (options.replicaRegions === undefined ? ["eu-west-1", "ap-south-1"] : array<unknown>(where, "replicaRegions", options.replicaRegions)).map(
    (r, i) => nonEmptyString(where, `replicaRegions[${i}]`, r),
  );
  const compute = finite(where, "singleRegionComputeUsdPerMonth", options.singleRegionComputeUsdPerMonth, { min: 0 });
  const storageUsd = finite(where, "singleRegionStorageUsdPerMonth", options.singleRegionStorageUsdPerMonth, { min: 0 });
  const writeGb = finite(where, "writeGbPerMonth", options.writeGbPerMonth, { min: 0 });
  const perGb =
    options.crossRegionUsdPerGb === undefined ? prices().network.crossRegionUsdPerGb : finite(where, "crossRegionUsdPerGb", options.crossRegionUsdPerGb, { min: 0 });
  const given = options.rttMs === undefined ? {} : object<Record<string, number>>(where, "rttMs", options.rttMs);
  const replicaRttMs: Record<string, number> = {};
  for (const r of replicas) {
    const value = given[r] ?? regionRttMs(primary, r);
    if (value === null || value === undefined) {
      throw rangeError(where, `rttMs["${r}"]`, `a finite number >= 0 (no ${primary}→${r} RTT in data/region-rtt.json)`, value);
    }
    replicaRttMs[r] = finite(where, `rttMs["${r}"]`, value, { min: 0 });
  }
  const localCommitMs =
    options.localCommitMs === undefined ? (regionRttMs(primary, primary) ?? 0) : finite(where, "localCommitMs", options.localCommitMs, { min: 0 });
  const rtts = replicas.map((r) => replicaRttMs[r]);
  const regions = [primary, ...replicas];
  const copies = regions.length;
  const computeUsdPerMonth = compute * copies;
  const storageUsdPerMonth = storageUsd * copies;
  const transferUsdPerMonth = writeGb * replicas.length * perGb;
  const totalUsdPerMonth = computeUsdPerMonth + storageUsdPerMonth + transferUsdPerMonth;
  const single = compute + storageUsd;
  const slowestReplica = replicas.reduce((a, r) => (replicaRttMs[r] > replicaRttMs[a] ? r : a), replicas[0] ?? primary);
  const majorityAcks = Math.floor(copies / 2);
  const syncAllWriteMs = syncWriteLatency({ localCommitMs, replicaRttMs: rtts });
  const rto = failoverRto(options);
  return {
    regions,
    money: {
      computeUsdPerMonth,
      storageUsdPerMonth,
      transferUsdPerMonth,
      totalUsdPerMonth,
      multipleOfSingleRegion: single > 0 ? totalUsdPerMonth / single : copies,
    },
    latency: {
      replicaRttMs,
      slowestReplica,
      syncAllWriteMs,
      majorityWriteMs: syncWriteLatency({ localCommitMs, replicaRttMs: rtts, acksRequired: majorityAcks }),
      asyncWriteMs: localCommitMs,
    },
    rto: { ...rto, courseClaimMinutes: COURSE_GOLD_RTO_MINUTES, meetsCourseClaim: rto.totalMinutes <= COURSE_GOLD_RTO_MINUTES },
    rpoSeconds: 0,
    notes: [
      `Every write waits for ${slowestReplica} (${replicaRttMs[slowestReplica] ?? 0} ms RTT): ${syncAllWriteMs} ms per write instead of ${localCommitMs} ms async, and at most ${syncAllWriteMs > 0 ? Math.floor(1000 / syncAllWriteMs) : "unbounded"} sequential writes a second per client.`,
      `Waiting for all replicas also means a write fails or blocks whenever any one region is unreachable, so the Gold tier's write availability is lower than one region's until a failed replica is dropped from the set; a majority quorum (${majorityAcks} remote ack${majorityAcks === 1 ? "" : "s"}) keeps RPO 0 for the quorum and waits ${syncWriteLatency({ localCommitMs, replicaRttMs: rtts, acksRequired: majorityAcks })} ms.`,
      `"RTO 5 minutes" is detection (${rto.detectionSeconds} s) + promotion (${rto.promotionSeconds} s) + DNS TTL (${rto.dnsTtlSeconds} s) = ${rto.totalSeconds} s here; clients that cache DNS beyond the TTL take longer.`,
      `The course's code makes both us-east-1 and eu-west-1 read-write with synchronous replication; concurrent writes in two regions still need conflict handling or a single leader per key.`,
      `Cross-region transfer is priced at one rate ($${perGb}/GB); real rates differ by source region.`,
    ],
  };
}
