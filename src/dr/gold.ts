/**
 * The course's Gold-tier example ("Example: Gold-Tier DR"): synchronous
 * replication from us-east-1 to eu-west-1 and ap-south-1, automatic
 * failover, "RTO 5 minutes, RPO 0". What it costs in money and in write
 * latency, and what its RTO is made of.
 */
import { array, finite, integer, nonEmptyString, object, recordOf } from "../internal/errors";
import { money } from "../internal/format";
import { prices } from "../cost/pricing";
import { failoverRto, type FailoverOptions, type FailoverRto } from "../healing/failover";
import { INTER_AZ_RTT_MS, regionIndex, regionRttMatrix, rttMs } from "../multiRegion/latency";
import { quorumLatency } from "../quorum";

/** Promotion time assumed when none is given, seconds (an assumption to replace). */
const DEFAULT_PROMOTION_SECONDS = 60;

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
 * slowest). Replication requests go out in parallel, so this is the k-th
 * order statistic of the RTTs ({@link quorumLatency}).
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
  return k === 0 ? local : local + quorumLatency({ latencies: rtts, r: k });
}

/** Options of {@link goldTierExample}. */
export interface GoldTierOptions extends Omit<FailoverOptions, "promotionSeconds"> {
  /** Time to promote a replica to primary, seconds >= 0; default 60 (an assumption). */
  readonly promotionSeconds?: number;
  /** Default "us-east-1". */
  readonly primaryRegion?: string;
  /** Default ["eu-west-1", "ap-south-1"], as in the course. */
  readonly replicaRegions?: readonly string[];
  /** RTT from the primary to each replica region, ms; default from data/region-rtt.json (multiRegion.rttMs). */
  readonly rttMs?: Readonly<Record<string, number>>;
  /** Local (multi-AZ) commit time, ms >= 0; default one inter-AZ round trip, multiRegion.INTER_AZ_RTT_MS (1 ms, an assumption; see its sources). */
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
  /** The automatic failover's RTO, best/expected/worst, against the course's 5 minutes ({@link failoverRto}). */
  readonly rto: FailoverRto;
  readonly rpoSeconds: number;
  readonly notes: readonly string[];
}

/**
 * Models the course's Gold tier: every region holds a full copy (compute ×
 * regions, storage × regions), each write crosses to every replica
 * (writeGb × replicas × $/GB), a synchronous write waits for the slowest
 * replica's round trip, and the RTO is detection + promotion + DNS TTL
 * (healing.failoverRto) rather than a flat "5 minutes".
 * @param options see {@link GoldTierOptions}
 * @throws TypeError/RangeError when an input is outside its range, or when a
 *   region's RTT is neither given nor in data/region-rtt.json
 * @example const gold = goldTierExample({ singleRegionComputeUsdPerMonth: 20000, singleRegionStorageUsdPerMonth: 3000, writeGbPerMonth: 10000 });
 * gold.money.totalUsdPerMonth // => 69400 (3 × 23000 + 2 × 10000 GB × $0.02)
 * gold.latency.syncAllWriteMs // => 187 (1 ms multi-AZ commit + 186 ms to ap-south-1)
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
  const replicaRttMs = new Map<string, number>();
  const matrix = regionRttMatrix();
  const fromMatrix = (to: string, name: string): number => {
    regionIndex(where, "primaryRegion", matrix, primary);
    regionIndex(where, name, matrix, to);
    return rttMs({ from: primary, to, matrix });
  };
  replicas.forEach((r, i) => {
    replicaRttMs.set(r, Object.prototype.hasOwnProperty.call(given, r) ? finite(where, `rttMs["${r}"]`, given[r], { min: 0 }) : fromMatrix(r, `replicaRegions[${i}]`));
  });
  const localCommitMs =
    options.localCommitMs === undefined ? INTER_AZ_RTT_MS : finite(where, "localCommitMs", options.localCommitMs, { min: 0 });
  const rtts = replicas.map((r) => replicaRttMs.get(r) as number);
  const regions = [primary, ...replicas];
  const copies = regions.length;
  const computeUsdPerMonth = compute * copies;
  const storageUsdPerMonth = storageUsd * copies;
  const transferUsdPerMonth = writeGb * replicas.length * perGb;
  const totalUsdPerMonth = computeUsdPerMonth + storageUsdPerMonth + transferUsdPerMonth;
  const single = compute + storageUsd;
  const slowestReplica = replicas.reduce((a, r) => ((replicaRttMs.get(r) ?? 0) > (replicaRttMs.get(a) ?? 0) ? r : a), replicas[0] ?? primary);
  const majorityAcks = Math.floor(copies / 2);
  const syncAllWriteMs = syncWriteLatency({ localCommitMs, replicaRttMs: rtts });
  const { primaryRegion: _p, replicaRegions: _r, rttMs: _t, localCommitMs: _l, singleRegionComputeUsdPerMonth: _c, singleRegionStorageUsdPerMonth: _s, writeGbPerMonth: _w, crossRegionUsdPerGb: _g, ...failover } = options;
  const rto = failoverRto({ ...failover, promotionSeconds: options.promotionSeconds ?? DEFAULT_PROMOTION_SECONDS });
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
      replicaRttMs: recordOf(replicaRttMs),
      slowestReplica,
      syncAllWriteMs,
      majorityWriteMs: syncWriteLatency({ localCommitMs, replicaRttMs: rtts, acksRequired: majorityAcks }),
      asyncWriteMs: localCommitMs,
    },
    rto,
    rpoSeconds: 0,
    notes: [
      `Every write waits for ${slowestReplica} (${replicaRttMs.get(slowestReplica) ?? 0} ms RTT): ${syncAllWriteMs} ms per write instead of ${localCommitMs} ms async, and at most ${syncAllWriteMs > 0 ? Math.floor(1000 / syncAllWriteMs) : "unbounded"} sequential writes a second per client.`,
      `Waiting for all replicas also means a write fails or blocks whenever any one region is unreachable, so the Gold tier's write availability is lower than one region's until a failed replica is dropped from the set; a majority quorum (${majorityAcks} remote ack${majorityAcks === 1 ? "" : "s"}) keeps RPO 0 for the quorum and waits ${syncWriteLatency({ localCommitMs, replicaRttMs: rtts, acksRequired: majorityAcks })} ms.`,
      `"RTO 5 minutes" is detection (up to ${rto.detection.worstSeconds} s: Route 53's uncoordinated checkers, 18% rule and 4 s connect timeout) + promotion and DNS update (${rto.promotionAndDnsUpdateSeconds} s, an assumption to replace with a measured drill) + client DNS caches (up to ${rto.clientCache.worstSeconds} s) = ${rto.rto.worstSeconds} s at worst (${Math.round(rto.rto.expectedSeconds)} s expected); clients that cache DNS beyond the TTL take longer.`,
      `The course's code makes both us-east-1 and eu-west-1 read-write with synchronous replication; concurrent writes in two regions still need conflict handling or a single leader per key.`,
      `Cross-region transfer is priced at one rate (${money(perGb)}/GB); real rates differ by source region.`,
    ],
  };
}
