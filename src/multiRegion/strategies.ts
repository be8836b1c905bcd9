/**
 * The course's three multi-region strategies (production-data-systems-
 * intermediate, §6 "Multi-Region Replication Strategies"), as numbers:
 * - "active-passive": one primary takes all reads and writes and replicates
 *   to standbys; failover moves traffic to a standby;
 * - "active-active": every region takes reads and writes from its nearby
 *   users and replicates to the others (conflicts are possible);
 * - "active-active-sharded": `user_id % 200` → shard, shards split into
 *   contiguous blocks per region (two regions: 0–99 → A, 100–199 → B); a
 *   user's data lives only in its home region, so there are no conflicts,
 *   but the home region does not follow the user.
 *
 * Availability composes region availabilities with the `availability`
 * module (independent failures): a service that fails over needs one
 * region (parallel); a write that waits for k remote acks needs k + 1
 * regions up (at least k + 1 of n); waiting for all needs all (series).
 */
import { atLeast, parallel, series } from "../availability";
import { array, finite, integer, nonEmptyString, object, oneOf, probability, rangeError } from "../internal/errors";
import { checkMatrix, pairRttMs, regionIndex, writeLatencyAt, type Replication, type RttMatrix } from "./latency";

/** The course's strategies. */
export type StrategyName = "active-passive" | "active-active" | "active-active-sharded";
const STRATEGIES: readonly StrategyName[] = ["active-passive", "active-active", "active-active-sharded"];

/** Shards in the course's mapping (`user_id % 200`). */
export const COURSE_SHARD_COUNT = 200;

/**
 * The course's shard of a user: `user_id % 200`.
 * @param userId user id, a safe integer >= 0
 * @returns shard in [0, 199]
 * @throws TypeError when `userId` is not a finite number; RangeError when it is negative, fractional or unsafe
 * @example shardOfUser(12345) // => 145
 */
export function shardOfUser(userId: number): number {
  const id = integer("multiRegion.shardOfUser", "userId", userId, { min: 0, max: Number.MAX_SAFE_INTEGER });
  return id % COURSE_SHARD_COUNT;
}

function checkRegionNames(where: string, regions: unknown, min: number, max: number = COURSE_SHARD_COUNT): readonly string[] {
  const list = array<string>(where, "regions", regions, { min, max });
  list.forEach((r, i) => {
    nonEmptyString(where, `regions[${i}]`, r);
    if (list.indexOf(r) !== i) throw rangeError(where, `regions[${i}]`, "a region not listed before", r);
  });
  return list;
}

/**
 * The region that owns a shard: the 200 shards are split into equal
 * contiguous blocks, one per region, in order. With two regions this is
 * the course's "shard 0–99 → region A, shard 100–199 → region B".
 * @param shard shard index, integer in [0, 199]
 * @param regions region names, 1 to 200 distinct non-empty strings; default ["A", "B"]
 * @returns the owning region's name
 * @throws TypeError or RangeError when `shard` is out of range or `regions` is malformed
 * @example regionOfShard(99) // => "A"
 * @example regionOfShard(100, ["us-east-1", "eu-west-1"]) // => "eu-west-1"
 */
export function regionOfShard(shard: number, regions: readonly string[] = ["A", "B"]): string {
  const where = "multiRegion.regionOfShard";
  const s = integer(where, "shard", shard, { min: 0, max: COURSE_SHARD_COUNT - 1 });
  const list = checkRegionNames(where, regions, 1);
  return list[Math.floor((s * list.length) / COURSE_SHARD_COUNT)];
}

/**
 * A user's home region under the course's sharded active-active layout:
 * `regionOfShard(user_id % 200, regions)`.
 * @param userId user id, a safe integer >= 0
 * @param regions region names; default ["A", "B"]
 * @returns the home region's name
 * @throws TypeError or RangeError on a bad `userId` or `regions`
 * @example homeRegion(12345) // => "B" (shard 145)
 */
export function homeRegion(userId: number, regions: readonly string[] = ["A", "B"]): string {
  const where = "multiRegion.homeRegion";
  const id = integer(where, "userId", userId, { min: 0, max: Number.MAX_SAFE_INTEGER });
  const list = checkRegionNames(where, regions, 1);
  return list[Math.floor(((id % COURSE_SHARD_COUNT) * list.length) / COURSE_SHARD_COUNT)];
}

/** Where traffic comes from: a region and its share of requests. */
export interface ClientMix {
  readonly region: string;
  /** Share of requests, in [0, 1]; the shares sum to 1. */
  readonly share: number;
}

/** Options of {@link evaluateStrategy}. */
export interface StrategyOptions {
  readonly strategy: StrategyName;
  /** Regions used, 2 to 20 distinct names of the matrix; active-passive's primary is regions[0]. */
  readonly regions: readonly string[];
  /** Where requests come from; default an equal share from each region in `regions`. */
  readonly clients?: readonly ClientMix[];
  /** "sync" or "async" replication between the regions holding a copy. */
  readonly replication: Replication;
  /** Sync only: remote acks a write waits for; default all other copies. */
  readonly acks?: number;
  /** Availability of one region, in [0, 1]; regions fail independently. */
  readonly regionAvailability: number;
  /** Sharded only: regions holding each shard (1 = the course's layout), integer in [1, regions]; default 1. */
  readonly shardCopies?: number;
  /** Single-region monthly compute bill, USD >= 0; default 1 (then costs read as multiples). */
  readonly monthlyComputeUsd?: number;
  /** Single-region monthly storage bill, USD >= 0; default 1. */
  readonly monthlyStorageUsd?: number;
  /** GB written per month (each replicated copy crosses a region boundary), >= 0; default 0. */
  readonly writtenGbPerMonth?: number;
  /** Cross-region transfer price, USD per GB >= 0; default 0.02 (us-east-1 → us-west-2, REFERENCES.md). */
  readonly crossRegionUsdPerGb?: number;
  /** Active-passive only: standby compute as a fraction of the primary's, in [0, 1]; default 1 (course: "3x compute"). */
  readonly standbyComputeFraction?: number;
  readonly matrix?: RttMatrix;
}

/** What {@link evaluateStrategy} computed. */
export interface StrategyEvaluation {
  readonly strategy: StrategyName;
  /** Probability that a write can be accepted (for a given user in the sharded layout). */
  readonly writeAvailability: number;
  /** Probability that a read can be served. */
  readonly readAvailability: number;
  /** Request-weighted mean write latency, ms. */
  readonly meanWriteMs: number;
  /** Slowest client's write latency, ms. */
  readonly worstWriteMs: number;
  /** Request-weighted mean read latency, ms. */
  readonly meanReadMs: number;
  /** Writes at risk when a region fails: the largest async RPO window, ms (0 for sync or a single copy). */
  readonly rpoWindowMs: number;
  /** true when two regions can accept conflicting writes to the same key (active-active). */
  readonly conflictsPossible: boolean;
  /** Monthly cost relative to one region. */
  readonly cost: {
    readonly singleRegionUsd: number;
    readonly computeUsd: number;
    readonly storageUsd: number;
    readonly transferUsd: number;
    readonly totalUsd: number;
    /** totalUsd / singleRegionUsd (1 when the single-region bill is 0 and so is the total). */
    readonly multiplier: number;
  };
}

function nonNegative(where: string, name: string, value: unknown, fallback: number): number {
  return value === undefined ? fallback : finite(where, name, value, { min: 0 });
}

/**
 * Availability, write and read latency, RPO window and cost multiplier of
 * one multi-region strategy, for a traffic mix over the RTT matrix.
 * Latency model: see `writeLatency`; active-passive sends every request to
 * regions[0]; active-active to the client's nearest region; the sharded
 * layout to the user's home region, which for uniformly spread user ids is
 * each shard-owning region with equal probability, wherever the user is.
 * @param options.strategy "active-passive", "active-active" or "active-active-sharded"
 * @param options.regions 2 to 20 distinct regions of the matrix
 * @param options.clients traffic mix, 1 to 100 entries, shares in [0, 1] summing to 1; default equal per region
 * @param options.replication "sync" or "async"
 * @param options.acks sync only: integer in [0, copies − 1]; default copies − 1
 * @param options.regionAvailability one region's availability, in [0, 1]
 * @param options.shardCopies sharded only: integer in [1, regions]; default 1
 * @param options.monthlyComputeUsd / monthlyStorageUsd / writtenGbPerMonth / crossRegionUsdPerGb finite >= 0
 * @param options.standbyComputeFraction active-passive only: in [0, 1]; default 1
 * @param options.matrix RTT matrix; default the bundled one
 * @returns availability, latency (ms), RPO window (ms) and cost
 * @throws TypeError on a wrong type; RangeError when a value is out of range or a region is unknown
 * @example evaluateStrategy({ strategy: "active-passive", regions: ["us-east-1", "eu-west-1"], replication: "async", regionAvailability: 0.999 }).writeAvailability // => 0.999999
 */
export function evaluateStrategy(options: StrategyOptions): StrategyEvaluation {
  const where = "multiRegion.evaluateStrategy";
  object(where, "options", options);
  const strategy = oneOf(where, "strategy", options.strategy, STRATEGIES);
  const m = checkMatrix(where, options.matrix);
  const regions = checkRegionNames(where, options.regions, 2, 20);
  regions.forEach((r, i) => regionIndex(where, `regions[${i}]`, m, r));
  const n = regions.length;
  const clients: readonly ClientMix[] =
    options.clients === undefined ? regions.map((region) => ({ region, share: 1 / n })) : array<ClientMix>(where, "clients", options.clients, { min: 1, max: 100 });
  let shareTotal = 0;
  clients.forEach((c, i) => {
    object(where, `clients[${i}]`, c);
    regionIndex(where, `clients[${i}].region`, m, c.region);
    shareTotal += probability(where, `clients[${i}].share`, c.share);
  });
  if (Math.abs(shareTotal - 1) > 1e-9) throw rangeError(where, "clients", "shares that sum to 1", shareTotal);
  const replication = oneOf(where, "replication", options.replication, ["sync", "async"] as const);
  const a = probability(where, "regionAvailability", options.regionAvailability);
  const copies =
    strategy === "active-active-sharded"
      ? options.shardCopies === undefined
        ? 1
        : integer(where, "shardCopies", options.shardCopies, { min: 1, max: n, maxLabel: `regions=${n}` })
      : n;
  const acks =
    options.acks === undefined ? copies - 1 : integer(where, "acks", options.acks, { min: 0, max: copies - 1, maxLabel: `copies - 1=${copies - 1}` });
  const compute = nonNegative(where, "monthlyComputeUsd", options.monthlyComputeUsd, 1);
  const storage = nonNegative(where, "monthlyStorageUsd", options.monthlyStorageUsd, 1);
  const writtenGb = nonNegative(where, "writtenGbPerMonth", options.writtenGbPerMonth, 0);
  const pricePerGb = nonNegative(where, "crossRegionUsdPerGb", options.crossRegionUsdPerGb, 0.02);
  const standby =
    options.standbyComputeFraction === undefined ? 1 : finite(where, "standbyComputeFraction", options.standbyComputeFraction, { min: 0, max: 1 });

  // Copies of a region's data: the region itself plus the nearest (copies − 1) others.
  const replicasOf = (home: string): string[] => {
    const h = m.regions.indexOf(home);
    return regions
      .filter((r) => r !== home)
      .sort((x, y) => m.rttMs[h][m.regions.indexOf(x)] - m.rttMs[h][m.regions.indexOf(y)])
      .slice(0, copies - 1);
  };
  const write = (client: string, coordinator: string) =>
    writeLatencyAt(where, { coordinator, replicas: replicasOf(coordinator), replication, acks, client, matrix: m });
  const rtt = (x: string, y: string): number => pairRttMs(m, m.regions.indexOf(x), m.regions.indexOf(y));
  const nearest = (client: string): string => regions.slice().sort((x, y) => rtt(client, x) - rtt(client, y))[0];

  let meanWrite = 0;
  let meanRead = 0;
  let worstWrite = 0;
  let rpo = 0;
  for (const c of clients) {
    // Targets and their probabilities for this client's requests.
    const targets: [string, number][] =
      strategy === "active-passive"
        ? [[regions[0], 1]]
        : strategy === "active-active"
          ? [[nearest(c.region), 1]]
          : regions.map((r) => [r, 1 / n] as [string, number]);
    for (const [target, p] of targets) {
      const w = write(c.region, target);
      meanWrite += c.share * p * w.totalMs;
      meanRead += c.share * p * rtt(c.region, target);
      if (c.share * p > 0) {
        worstWrite = Math.max(worstWrite, w.totalMs);
        rpo = Math.max(rpo, w.rpoWindowMs);
      }
    }
  }

  const needed = replication === "async" ? 1 : acks + 1;
  const writeAvailability = needed === copies ? series(new Array<number>(copies).fill(a)) : atLeast({ required: needed, total: copies, availability: a });
  const readAvailability = parallel(new Array<number>(copies).fill(a));

  const single = compute + storage;
  const computeUsd =
    strategy === "active-passive" ? compute * (1 + standby * (n - 1)) : strategy === "active-active" ? compute * n : compute;
  const storageUsd = storage * copies;
  const transferUsd = writtenGb * (copies - 1) * pricePerGb;
  const totalUsd = computeUsd + storageUsd + transferUsd;
  return {
    strategy,
    writeAvailability,
    readAvailability,
    meanWriteMs: meanWrite,
    worstWriteMs: worstWrite,
    meanReadMs: meanRead,
    rpoWindowMs: rpo,
    conflictsPossible: strategy === "active-active",
    cost: {
      singleRegionUsd: single,
      computeUsd,
      storageUsd,
      transferUsd,
      totalUsd,
      multiplier: single > 0 ? totalUsd / single : totalUsd > 0 ? Infinity : 1,
    },
  };
}
