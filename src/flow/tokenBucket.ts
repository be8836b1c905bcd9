/**
 * Token-bucket rate limiting at a system's entrance.
 *
 * A bucket holds at most `burstSize` tokens and gains `ratePerSecond`
 * tokens per second, continuously. A request that finds at least one token
 * takes it and is admitted; otherwise it is rejected at once (HTTP 429),
 * never queued. Over any interval of length T the bucket admits at most
 * `burstSize + ratePerSecond·T` requests. This is the policer of RFC 2697
 * §1 (one bucket, committed rate and burst size) and the algorithm behind
 * e.g. Amazon API Gateway's rate and burst throttling.
 *
 * Units: seconds and requests per second.
 */
import { array, finite, object } from "../internal/errors";

/** Parameters of a token bucket. */
export interface TokenBucketConfig {
  /** Refill rate, tokens (requests) per second, > 0. */
  readonly ratePerSecond: number;
  /** Bucket size: the largest burst admitted at once, tokens, >= 1. */
  readonly burstSize: number;
}

/** The state of a bucket: tokens held, as of a time. */
export interface TokenBucketState {
  /** Tokens in the bucket at `atSeconds`, in [0, burstSize]. */
  readonly tokens: number;
  /** Time of the last update, seconds. */
  readonly atSeconds: number;
}

/** Result of offering one request to a bucket. */
export interface TokenBucketDecision {
  /** true when a token was taken and the request admitted. */
  readonly admitted: boolean;
  /** The bucket after the decision. */
  readonly state: TokenBucketState;
}

/** A full bucket at time 0 (or at `atSeconds`). */
export function fullBucket(config: TokenBucketConfig, atSeconds = 0): TokenBucketState {
  return { tokens: config.burstSize, atSeconds };
}

/** Unchecked decision used by the simulator's inner loop. */
export function takeToken(state: TokenBucketState, atSeconds: number, config: TokenBucketConfig): TokenBucketDecision {
  const elapsed = Math.max(0, atSeconds - state.atSeconds);
  const tokens = Math.min(config.burstSize, state.tokens + elapsed * config.ratePerSecond);
  const now = Math.max(atSeconds, state.atSeconds);
  if (tokens >= 1) return { admitted: true, state: { tokens: tokens - 1, atSeconds: now } };
  return { admitted: false, state: { tokens, atSeconds: now } };
}

function checkConfig(where: string, config: TokenBucketConfig): TokenBucketConfig {
  object(where, "config", config);
  const ratePerSecond = finite(where, "ratePerSecond", config.ratePerSecond, { min: 0, minExclusive: true });
  const burstSize = finite(where, "burstSize", config.burstSize, { min: 1 });
  return { ratePerSecond, burstSize };
}

/**
 * Offers one request, arriving at `atSeconds`, to a token bucket: a pure
 * step that returns the decision and the new state. Refill is lazy: the
 * bucket gains `ratePerSecond·(atSeconds − state.atSeconds)` tokens, capped
 * at `burstSize`. A time earlier than the state's is treated as "no time
 * has passed" (requests are expected in time order).
 * @param state tokens in [0, burstSize] as of `state.atSeconds` (seconds, finite)
 * @param atSeconds arrival time of the request, seconds, finite
 * @param config `ratePerSecond` > 0 and `burstSize` >= 1
 * @returns whether the request is admitted, and the bucket afterwards
 * @throws TypeError when a value is not a finite number or an argument is not an object
 * @throws RangeError when the rate is <= 0, the burst < 1, or the tokens outside [0, burstSize]
 * @example tokenBucketTake({ tokens: 0.5, atSeconds: 0 }, 0.25, { ratePerSecond: 2, burstSize: 3 })
 * // => { admitted: true, state: { tokens: 0, atSeconds: 0.25 } }
 */
export function tokenBucketTake(
  state: TokenBucketState,
  atSeconds: number,
  config: TokenBucketConfig,
): TokenBucketDecision {
  const where = "flow.tokenBucketTake";
  const checked = checkConfig(where, config);
  object(where, "state", state);
  finite(where, "tokens", state.tokens, { min: 0, max: checked.burstSize, maxLabel: `burstSize=${checked.burstSize}` });
  finite(where, "state.atSeconds", state.atSeconds);
  finite(where, "atSeconds", atSeconds);
  return takeToken(state, atSeconds, checked);
}

/** Options of {@link tokenBucketFilter}. */
export interface TokenBucketFilterOptions extends TokenBucketConfig {
  /** Arrival times, seconds, finite and non-decreasing. The bucket starts full at the first arrival. */
  readonly arrivalTimesSeconds: readonly number[];
}

/** What a token bucket did to a stream of arrivals. */
export interface TokenBucketFilterResult {
  /** admitted[i] is true when arrival i was admitted. */
  readonly admitted: readonly boolean[];
  readonly admittedCount: number;
  readonly rejectedCount: number;
}

/**
 * Runs a stream of arrivals through a token bucket that starts full, and
 * says which were admitted.
 * @param options `ratePerSecond` > 0, `burstSize` >= 1, `arrivalTimesSeconds` finite, non-decreasing (may be empty)
 * @returns per-arrival decisions and the counts admitted and rejected
 * @throws TypeError when a value is not a finite number or the times are not an array
 * @throws RangeError when the rate is <= 0, the burst < 1, or the times decrease
 * @example tokenBucketFilter({ ratePerSecond: 1, burstSize: 2, arrivalTimesSeconds: [0, 0, 0, 0.5, 1] }).admitted
 * // => [true, true, false, false, true]
 */
export function tokenBucketFilter(options: TokenBucketFilterOptions): TokenBucketFilterResult {
  const where = "flow.tokenBucketFilter";
  const config = checkConfig(where, options);
  const times = array<number>(where, "arrivalTimesSeconds", options.arrivalTimesSeconds, { min: 0 });
  const admitted: boolean[] = [];
  let admittedCount = 0;
  let state: TokenBucketState | undefined;
  for (let i = 0; i < times.length; i++) {
    const previous = i > 0 ? times[i - 1] : undefined;
    const t = finite(
      where,
      `arrivalTimesSeconds[${i}]`,
      times[i],
      previous === undefined ? {} : { min: previous, minLabel: `arrivalTimesSeconds[${i - 1}]=${previous}` },
    );
    state ??= fullBucket(config, t);
    const decision = takeToken(state, t, config);
    state = decision.state;
    admitted.push(decision.admitted);
    if (decision.admitted) admittedCount++;
  }
  return { admitted, admittedCount, rejectedCount: times.length - admittedCount };
}
