/**
 * Health-check-driven failover: how long clients are down when the primary
 * fails and the course's `health_check()` promotes the secondary and
 * updates DNS (course, "Example: Gold-Tier DR", which claims "RTO: 5
 * minutes (automatic failover)").
 *
 * The outage a client sees is the sum of three stages, in the course's
 * order:
 *
 * 1. Detection. Route 53 runs its checks from `healthCheckers` checkers in
 *    several locations that "don't coordinate with one another"; each checks
 *    every `healthCheckIntervalSeconds` at its own phase and declares the
 *    primary unhealthy after `failureThreshold` consecutive failed checks,
 *    each failed check taking `checkTimeoutSeconds` to fail (an HTTP check
 *    must connect "within four seconds" and get a status "within two seconds
 *    after connecting", so a primary that drops packets costs the full 4 s).
 *    Route 53 then marks the endpoint unhealthy only when "18% of health
 *    checkers or fewer report that an endpoint is healthy" (Developer Guide,
 *    "How Amazon Route 53 determines whether a health check is healthy"):
 *    detection is the k-th earliest checker's verdict, k = M − ⌊0.18·M⌋ of M
 *    checkers. With the phases uniform, that checker's phase has expectation
 *    k/(M + 1) of an interval, so detection takes between (threshold − 1)
 *    and threshold intervals plus the timeout, expected (threshold − 1 +
 *    k/(M + 1))·interval + timeout. Route 53's defaults are a 30 s interval
 *    (10 s for "fast" checks) and a threshold of 3 (Amazon Route 53 API
 *    Reference, HealthCheckConfig: RequestInterval "default value is 30
 *    seconds", FailureThreshold "default value is three health checks").
 *    The number of checkers is not documented; the default 8 assumes one per
 *    default checker region (HealthCheckConfig Regions lists eight).
 * 2. Promotion of the secondary (`promotionSeconds`), then the DNS change
 *    reaching the authoritative servers (`dnsUpdateSeconds`).
 * 3. Client caches. A resolver that cached the old answer keeps it for the
 *    rest of its TTL: uniformly between 0 and `dnsTtlSeconds` for a client
 *    whose last lookup was at a random time. Route 53 recommends a TTL of
 *    60 s or less for records tied to health checks (Developer Guide,
 *    "Values specific for failover records"). Clients that ignore the TTL
 *    (`ttlIgnoringFraction`) keep the old address for
 *    `ttlIgnoringStaleSeconds` instead.
 *
 * Assumptions, stated: the primary fails outright (no flapping), checker
 * phases are independent and uniform, every checker sees the failure, and
 * promotion takes a fixed `promotionSeconds` (the Gold-tier example assumes
 * 60 s; no source gives it). Units: seconds.
 */
import { finite, integer, object, probability } from "../internal/errors";
import { createRandom } from "../internal/random";
import { summarizeSorted, type SampleSummary } from "../internal/statistics";

/** The course's claimed recovery time for its automatic failover ("RTO: 5 minutes"), seconds. */
export const COURSE_CLAIMED_RTO_SECONDS = 300;

/** Route 53's default health-check interval, seconds (10 s for fast checks). */
export const ROUTE53_DEFAULT_INTERVAL_SECONDS = 30;

/** Route 53's default failure threshold, consecutive failed checks. */
export const ROUTE53_DEFAULT_FAILURE_THRESHOLD = 3;

/** Route 53 marks an endpoint unhealthy when this share of its checkers, or fewer, report it healthy. */
export const ROUTE53_HEALTHY_CHECKER_SHARE = 0.18;

/** An HTTP(S) check's time to fail against a dead primary: the 4 s TCP connection timeout, seconds. */
export const ROUTE53_HTTP_CONNECT_TIMEOUT_SECONDS = 4;

/** Checkers assumed per health check: one per default checker region (Route 53 does not document the count). */
export const DEFAULT_HEALTH_CHECKERS = 8;

/** Options of {@link failoverRto} and {@link simulateFailover}. */
export interface FailoverOptions {
  /** Time between health checks, seconds, > 0. Default 30 (Route 53's default; 10 for fast checks). */
  readonly healthCheckIntervalSeconds?: number;
  /** Consecutive failed checks before the primary is declared down, integer in [1, 10]. Default 3 (Route 53). */
  readonly failureThreshold?: number;
  /** Time a check against a dead primary takes to fail (its timeout), seconds, >= 0. Default 4 (Route 53's HTTP TCP-connect timeout; 0 for a primary that refuses connections at once). */
  readonly checkTimeoutSeconds?: number;
  /** Independent health checkers, integer in [1, 64]. Default 8 (an assumption: one per default Route 53 checker region). */
  readonly healthCheckers?: number;
  /** The endpoint is declared down when this share of checkers or fewer still report it healthy, in [0, 1). Default 0.18 (Route 53). */
  readonly healthyCheckerShare?: number;
  /** Time to promote the secondary to primary, seconds, >= 0. */
  readonly promotionSeconds: number;
  /** Time for the DNS change to reach every authoritative server, seconds, >= 0. Default 0. */
  readonly dnsUpdateSeconds?: number;
  /** TTL of the DNS record, seconds, >= 0. Default 60 (Route 53's recommended maximum with health checks). */
  readonly dnsTtlSeconds?: number;
  /** Fraction of clients that ignore the TTL, in [0, 1]. Default 0. */
  readonly ttlIgnoringFraction?: number;
  /** How long TTL-ignoring clients keep the old address, seconds, >= 0. Required when the fraction is > 0. */
  readonly ttlIgnoringStaleSeconds?: number;
}

/** Best, expected and worst case of a duration, seconds. */
export interface DurationRange {
  readonly bestSeconds: number;
  readonly expectedSeconds: number;
  readonly worstSeconds: number;
}

/** The recovery time of a health-check-driven failover, stage by stage. */
export interface FailoverRto {
  /** From the primary's failure to the health check declaring it down. */
  readonly detection: DurationRange;
  /** Promotion plus the DNS update, the same in every case. */
  readonly promotionAndDnsUpdateSeconds: number;
  /** Time a client keeps using the old address after the DNS update. */
  readonly clientCache: DurationRange;
  /** Total: from failure until a client reaches the new primary. Expected is over failure times and clients. */
  readonly rto: DurationRange;
  /** The course's claim, 300 s. */
  readonly courseClaimSeconds: number;
  /** Whether the expected and the worst case meet the course's 5-minute claim. */
  readonly meetsCourseClaim: { readonly expected: boolean; readonly worst: boolean };
}

interface Checked {
  readonly interval: number;
  readonly threshold: number;
  readonly checkTimeout: number;
  readonly checkers: number;
  /** Checkers that must have declared the primary down: M − ⌊share·M⌋. */
  readonly needed: number;
  readonly promotion: number;
  readonly dnsUpdate: number;
  readonly ttl: number;
  readonly ignoringFraction: number;
  readonly stale: number;
}

function check(where: string, options: FailoverOptions): Checked {
  object(where, "options", options);
  const interval =
    options.healthCheckIntervalSeconds === undefined
      ? ROUTE53_DEFAULT_INTERVAL_SECONDS
      : finite(where, "healthCheckIntervalSeconds", options.healthCheckIntervalSeconds, { min: 0, minExclusive: true });
  const threshold =
    options.failureThreshold === undefined
      ? ROUTE53_DEFAULT_FAILURE_THRESHOLD
      : integer(where, "failureThreshold", options.failureThreshold, { min: 1, max: 10 });
  const nonNegative = { min: 0 } as const;
  const checkTimeout =
    options.checkTimeoutSeconds === undefined
      ? ROUTE53_HTTP_CONNECT_TIMEOUT_SECONDS
      : finite(where, "checkTimeoutSeconds", options.checkTimeoutSeconds, nonNegative);
  const checkers =
    options.healthCheckers === undefined ? DEFAULT_HEALTH_CHECKERS : integer(where, "healthCheckers", options.healthCheckers, { min: 1, max: 64 });
  const share =
    options.healthyCheckerShare === undefined
      ? ROUTE53_HEALTHY_CHECKER_SHARE
      : finite(where, "healthyCheckerShare", options.healthyCheckerShare, { min: 0, max: 1, maxExclusive: true });
  const needed = checkers - Math.floor(share * checkers + 1e-9);
  const promotion = finite(where, "promotionSeconds", options.promotionSeconds, nonNegative);
  const dnsUpdate = options.dnsUpdateSeconds === undefined ? 0 : finite(where, "dnsUpdateSeconds", options.dnsUpdateSeconds, nonNegative);
  const ttl = options.dnsTtlSeconds === undefined ? 60 : finite(where, "dnsTtlSeconds", options.dnsTtlSeconds, nonNegative);
  const ignoringFraction =
    options.ttlIgnoringFraction === undefined ? 0 : probability(where, "ttlIgnoringFraction", options.ttlIgnoringFraction);
  const stale =
    ignoringFraction > 0 || options.ttlIgnoringStaleSeconds !== undefined
      ? finite(where, "ttlIgnoringStaleSeconds", options.ttlIgnoringStaleSeconds, nonNegative)
      : 0;
  return { interval, threshold, checkTimeout, checkers, needed, promotion, dnsUpdate, ttl, ignoringFraction, stale };
}

/**
 * The recovery time objective a health-check-driven failover can promise:
 * detection + promotion + DNS update + client caches, in the best, expected
 * and worst case, compared with the course's "RTO: 5 minutes".
 *
 * With Route 53's defaults (30 s interval, threshold 3, 4 s to fail a check,
 * 7 of 8 checkers needed), detection alone takes 64–94 s (87.3 s expected);
 * with a 60 s TTL the caches add 0–60 s.
 * @param options see {@link FailoverOptions}; all times in seconds
 * @returns each stage's best/expected/worst and the total, seconds
 * @throws TypeError when a value is not a finite number (including a missing
 *   `ttlIgnoringStaleSeconds` while `ttlIgnoringFraction` > 0) or options is not an object
 * @throws RangeError when a value is outside its range
 * @example failoverRto({ promotionSeconds: 60 }).rto
 * // => { bestSeconds: 124, expectedSeconds: 177.33…, worstSeconds: 214 } (30 s × 3 checks + 4 s timeout, 7 of 8 checkers, 60 s TTL)
 * @example failoverRto({ promotionSeconds: 60, healthCheckers: 1, checkTimeoutSeconds: 0 }).rto
 * // => { bestSeconds: 120, expectedSeconds: 165, worstSeconds: 210 } (the idealised single checker)
 */
export function failoverRto(options: FailoverOptions): FailoverRto {
  const c = check("healing.failoverRto", options);
  // The needed-th earliest of M uniform phases has expectation needed / (M + 1) of an interval.
  const detection: DurationRange = {
    bestSeconds: (c.threshold - 1) * c.interval + c.checkTimeout,
    expectedSeconds: (c.threshold - 1 + c.needed / (c.checkers + 1)) * c.interval + c.checkTimeout,
    worstSeconds: c.threshold * c.interval + c.checkTimeout,
  };
  const fixed = c.promotion + c.dnsUpdate;
  const clientCache: DurationRange = {
    bestSeconds: c.ignoringFraction === 1 ? c.stale : 0,
    expectedSeconds: (1 - c.ignoringFraction) * (c.ttl / 2) + c.ignoringFraction * c.stale,
    worstSeconds: c.ignoringFraction > 0 ? (c.ignoringFraction === 1 ? c.stale : Math.max(c.ttl, c.stale)) : c.ttl,
  };
  const rto: DurationRange = {
    bestSeconds: detection.bestSeconds + fixed + clientCache.bestSeconds,
    expectedSeconds: detection.expectedSeconds + fixed + clientCache.expectedSeconds,
    worstSeconds: detection.worstSeconds + fixed + clientCache.worstSeconds,
  };
  return {
    detection,
    promotionAndDnsUpdateSeconds: fixed,
    clientCache,
    rto,
    courseClaimSeconds: COURSE_CLAIMED_RTO_SECONDS,
    meetsCourseClaim: {
      expected: rto.expectedSeconds <= COURSE_CLAIMED_RTO_SECONDS,
      worst: rto.worstSeconds <= COURSE_CLAIMED_RTO_SECONDS,
    },
  };
}

/** Options of {@link simulateFailover}. */
export interface FailoverSimulationOptions extends FailoverOptions {
  /** Failures simulated, each with one client, integer in [1, 1e6]. */
  readonly trials: number;
  /** Seed of the pseudo-random stream, an integer. */
  readonly seed: number;
}

/** Distribution of the simulated outage a client sees, seconds. */
export interface FailoverSimulationResult extends SampleSummary {
  readonly trials: number;
  /** Fraction of trials whose outage was within the course's 300 s. */
  readonly fractionWithinCourseClaim: number;
}

/**
 * A seeded Monte Carlo run of the course's `health_check()` loop: the
 * primary fails at a random point between checks, the loop counts
 * consecutive failed checks, promotes and updates DNS, and a client whose
 * cached answer has a random remaining TTL (or who ignores the TTL)
 * reconnects. It checks {@link failoverRto}'s expected value and gives the
 * percentiles the closed form does not.
 * @param options as {@link failoverRto}, plus `trials` (integer in [1, 1e6]) and an integer `seed`
 * @returns mean, percentiles and maximum of the outage, seconds, and the fraction within 300 s
 * @throws TypeError or RangeError as {@link failoverRto}, naming `healing.simulateFailover`
 * @example simulateFailover({ promotionSeconds: 60, trials: 10000, seed: 1 }).meanSeconds
 * // => 177.3… (failoverRto's expected value)
 */
export function simulateFailover(options: FailoverSimulationOptions): FailoverSimulationResult {
  const where = "healing.simulateFailover";
  const c = check(where, options);
  const trials = integer(where, "trials", options.trials, { min: 1, max: 1e6 });
  const random = createRandom(integer(where, "seed", options.seed));
  const outages = new Float64Array(trials);
  const phases = new Float64Array(c.checkers);
  let sum = 0;
  let within = 0;
  for (let i = 0; i < trials; i++) {
    // Each checker's first check after the failure comes a uniform phase
    // later; it then needs threshold − 1 more failed checks in a row. The
    // endpoint is down once `needed` checkers have said so.
    for (let k = 0; k < c.checkers; k++) phases[k] = random.next() * c.interval;
    phases.sort();
    const phase = phases[c.needed - 1];
    const detected = phase + (c.threshold - 1) * c.interval + c.checkTimeout;
    const ignoresTtl = random.next() < c.ignoringFraction;
    const cache = ignoresTtl ? c.stale : random.next() * c.ttl;
    const outage = detected + c.promotion + c.dnsUpdate + cache;
    outages[i] = outage;
    sum += outage;
    if (outage <= COURSE_CLAIMED_RTO_SECONDS) within++;
  }
  outages.sort();
  return {
    trials,
    ...summarizeSorted(outages, sum),
    fractionWithinCourseClaim: within / trials,
  };
}
