/**
 * A circuit breaker as a pure state machine, and a simulation of a failing
 * dependency behind one.
 *
 * States and transitions (Nygard, "Release It!", 2nd ed., 2018, ch. 5
 * "Circuit Breaker"; the same three states as Resilience4j's
 * CircuitBreaker and Martin Fowler's "CircuitBreaker" bliki, 2014):
 *
 * - closed → open: after `consecutiveFailureThreshold` failures in a row,
 *   or when the last `windowSize` calls have a failure rate >=
 *   `failureRateThreshold` (when both are set, either trips it).
 * - open → half-open: on the first request at least `openTimeoutMs` after
 *   the breaker opened. Before that every request is short-circuited
 *   (rejected without calling the dependency).
 * - half-open → closed: after `halfOpenTrials` trial calls succeed. Only
 *   that many trial requests are let through.
 * - half-open → open: on any trial failure (the timeout starts again).
 *
 * There is no other transition: closed never goes to half-open, and open
 * never goes straight to closed. Units: milliseconds.
 */
import { array, boolean, finite, integer, object, oneOf, probability, rangeError } from "../internal/errors";
import { createRandom } from "../internal/random";
import { EventQueue } from "../internal/eventQueue";

/** Thresholds of a breaker. */
export interface BreakerConfig {
  /** Open after this many consecutive failures while closed, integer >= 1. Omit to use only the failure rate. */
  readonly consecutiveFailureThreshold?: number;
  /** Open when the failure rate over the last `windowSize` calls reaches this, in (0, 1]. Needs `windowSize`. */
  readonly failureRateThreshold?: number;
  /** Calls in the sliding window for the failure rate, integer in [1, 10000]. */
  readonly windowSize?: number;
  /** Time the breaker stays open before it lets a trial through, milliseconds, >= 0. */
  readonly openTimeoutMs: number;
  /** Successful trial calls needed to close again, integer >= 1. */
  readonly halfOpenTrials: number;
}

/** A breaker's state: closed (counting), open (since when), or half-open (trials so far). */
export type BreakerState =
  | {
      readonly mode: "closed";
      /** Failures in a row since the last success. */
      readonly consecutiveFailures: number;
      /** Outcomes of the last calls, oldest first (true = failure), at most windowSize long. */
      readonly recentFailures: readonly boolean[];
    }
  | { readonly mode: "open"; readonly openedAtMs: number }
  | {
      readonly mode: "halfOpen";
      /** Trial requests let through so far. */
      readonly trialsStarted: number;
      /** Trial calls that succeeded so far. */
      readonly trialSuccesses: number;
    };

/** What happens to a breaker: a request asks to pass; a call's outcome is reported. */
export interface BreakerEvent {
  readonly type: "request" | "success" | "failure";
  /** When it happens, milliseconds, finite. */
  readonly atMs: number;
}

/** A new, closed breaker. */
export const CLOSED_BREAKER: BreakerState = { mode: "closed", consecutiveFailures: 0, recentFailures: [] };

const MODES = ["closed", "open", "halfOpen"] as const;
const EVENT_TYPES = ["request", "success", "failure"] as const;

interface CheckedConfig {
  readonly consecutiveFailureThreshold: number | undefined;
  readonly failureRateThreshold: number | undefined;
  readonly windowSize: number;
  readonly openTimeoutMs: number;
  readonly halfOpenTrials: number;
}

function checkConfig(where: string, config: BreakerConfig): CheckedConfig {
  object(where, "config", config);
  const consecutiveFailureThreshold =
    config.consecutiveFailureThreshold === undefined
      ? undefined
      : integer(where, "consecutiveFailureThreshold", config.consecutiveFailureThreshold, { min: 1 });
  const failureRateThreshold =
    config.failureRateThreshold === undefined
      ? undefined
      : probability(where, "failureRateThreshold", config.failureRateThreshold, { min: 0, max: 1, minExclusive: true });
  const windowSize =
    failureRateThreshold === undefined && config.windowSize === undefined
      ? 0
      : integer(where, "windowSize", config.windowSize, { min: 1, max: 10000 });
  if (consecutiveFailureThreshold === undefined && failureRateThreshold === undefined) {
    // Neither trip condition: name the one most people mean.
    integer(where, "consecutiveFailureThreshold", config.consecutiveFailureThreshold, { min: 1 });
  }
  const openTimeoutMs = finite(where, "openTimeoutMs", config.openTimeoutMs, { min: 0 });
  const halfOpenTrials = integer(where, "halfOpenTrials", config.halfOpenTrials, { min: 1 });
  return { consecutiveFailureThreshold, failureRateThreshold, windowSize, openTimeoutMs, halfOpenTrials };
}

/** The state checked, as a fresh object with only its mode's fields (extra keys a caller added are not carried into results). */
function checkState(where: string, state: BreakerState): BreakerState {
  object(where, "state", state);
  const mode = oneOf(where, "state.mode", state.mode, MODES);
  if (mode === "open") return { mode, openedAtMs: finite(where, "state.openedAtMs", (state as { openedAtMs: unknown }).openedAtMs) };
  if (mode === "closed") {
    const s = state as { consecutiveFailures: unknown; recentFailures: unknown };
    const consecutiveFailures = integer(where, "state.consecutiveFailures", s.consecutiveFailures, { min: 0 });
    const recent = array<unknown>(where, "state.recentFailures", s.recentFailures, { min: 0 });
    const recentFailures: boolean[] = [];
    for (let i = 0; i < recent.length; i++) recentFailures.push(boolean(where, `state.recentFailures[${i}]`, recent[i]));
    return { mode, consecutiveFailures, recentFailures };
  }
  const s = state as { trialsStarted: unknown; trialSuccesses: unknown };
  return {
    mode,
    trialsStarted: integer(where, "state.trialsStarted", s.trialsStarted, { min: 0 }),
    trialSuccesses: integer(where, "state.trialSuccesses", s.trialSuccesses, { min: 0 }),
  };
}

/** Unchecked transition used by the simulation's inner loop. */
function step(state: BreakerState, type: BreakerEvent["type"], atMs: number, config: CheckedConfig): BreakerState {
  switch (state.mode) {
    case "closed": {
      if (type === "request") return state;
      const failed = type === "failure";
      const consecutiveFailures = failed ? state.consecutiveFailures + 1 : 0;
      let recentFailures = state.recentFailures;
      if (config.windowSize > 0) {
        recentFailures = [...state.recentFailures, failed];
        if (recentFailures.length > config.windowSize) recentFailures = recentFailures.slice(recentFailures.length - config.windowSize);
      }
      const byCount =
        config.consecutiveFailureThreshold !== undefined && consecutiveFailures >= config.consecutiveFailureThreshold;
      let byRate = false;
      if (config.failureRateThreshold !== undefined && failed && recentFailures.length >= config.windowSize) {
        let failures = 0;
        for (const f of recentFailures) if (f) failures++;
        byRate = failures / recentFailures.length >= config.failureRateThreshold;
      }
      if (byCount || byRate) return { mode: "open", openedAtMs: atMs };
      return { mode: "closed", consecutiveFailures, recentFailures };
    }
    case "open":
      if (type === "request" && atMs - state.openedAtMs >= config.openTimeoutMs) {
        return { mode: "halfOpen", trialsStarted: 1, trialSuccesses: 0 };
      }
      // Outcomes of calls made before the breaker opened change nothing.
      return state;
    case "halfOpen":
      if (type === "request") {
        return state.trialsStarted < config.halfOpenTrials ? { ...state, trialsStarted: state.trialsStarted + 1 } : state;
      }
      if (type === "failure") return { mode: "open", openedAtMs: atMs };
      if (state.trialSuccesses + 1 >= config.halfOpenTrials) return CLOSED_BREAKER;
      return { ...state, trialSuccesses: state.trialSuccesses + 1 };
  }
}

function permitted(before: BreakerState, after: BreakerState): boolean {
  if (after.mode === "closed") return true;
  if (after.mode === "open") return false;
  return before.mode === "open" || (before.mode === "halfOpen" && after.trialsStarted > before.trialsStarted);
}

/**
 * The breaker's transition function: the state after `event`, given the
 * thresholds. Pure; see the module comment for the transitions. A
 * "request" event in the open state moves to half-open once
 * `openTimeoutMs` has passed (that request is the first trial); in
 * half-open it takes a trial slot if one is free. Use {@link requestBreakerPermission}
 * to know whether a request may call the dependency.
 * @param state the current state (start from `CLOSED_BREAKER`)
 * @param event `type` "request" | "success" | "failure", `atMs` milliseconds (finite)
 * @param config thresholds; at least one of `consecutiveFailureThreshold` (integer >= 1) and
 *   `failureRateThreshold` (in (0, 1], with `windowSize` integer in [1, 10000]);
 *   `openTimeoutMs` >= 0; `halfOpenTrials` integer >= 1
 * @returns the next state
 * @throws TypeError when an argument has the wrong type, or a number is NaN or infinite
 * @throws RangeError when a value is outside its range
 * @example breakerTransition({ mode: "closed", consecutiveFailures: 2, recentFailures: [] },
 *   { type: "failure", atMs: 500 }, { consecutiveFailureThreshold: 3, openTimeoutMs: 1000, halfOpenTrials: 1 })
 * // => { mode: "open", openedAtMs: 500 }
 */
export function breakerTransition(state: BreakerState, event: BreakerEvent, config: BreakerConfig): BreakerState {
  const where = "healing.breakerTransition";
  const checked = checkConfig(where, config);
  const current = checkState(where, state);
  object(where, "event", event);
  const type = oneOf(where, "event.type", event.type, EVENT_TYPES);
  const atMs = finite(where, "event.atMs", event.atMs);
  return step(current, type, atMs, checked);
}

/**
 * Asks the breaker whether a request at `atMs` may call the dependency:
 * always when closed; never when open before the timeout; when the timeout
 * has passed, yes, as the first half-open trial; in half-open, only while
 * trial slots remain.
 * @param state the current state
 * @param atMs time of the request, milliseconds, finite
 * @param config thresholds, as for {@link breakerTransition}
 * @returns `permitted` and the state after the request
 * @throws TypeError or RangeError as {@link breakerTransition}
 * @example requestBreakerPermission({ mode: "open", openedAtMs: 0 }, 999,
 *   { consecutiveFailureThreshold: 3, openTimeoutMs: 1000, halfOpenTrials: 1 }).permitted
 * // => false (short-circuited: 1 ms before the timeout)
 */
export function requestBreakerPermission(
  state: BreakerState,
  atMs: number,
  config: BreakerConfig,
): { readonly permitted: boolean; readonly state: BreakerState } {
  const where = "healing.requestBreakerPermission";
  const checked = checkConfig(where, config);
  const current = checkState(where, state);
  const time = finite(where, "atMs", atMs);
  const next = step(current, "request", time, checked);
  return { permitted: permitted(current, next), state: next };
}

/** Options of {@link simulateBreaker}. */
export interface BreakerSimulationOptions {
  /** Thresholds, or null to simulate the same traffic with no breaker. */
  readonly breaker: BreakerConfig | null;
  /** Requests arrive every this many milliseconds, > 0. */
  readonly requestIntervalMs: number;
  /** Simulated time, milliseconds, > 0; at most 1e6 requests. */
  readonly durationMs: number;
  /** The outage starts at this time, milliseconds, >= 0. */
  readonly outageStartMs: number;
  /** The dependency is healthy again from this time, milliseconds, >= outageStartMs. */
  readonly outageEndMs: number;
  /** Probability a call fails during the outage, in [0, 1]. Default 1. */
  readonly failureProbabilityDuringOutage?: number;
  /** Probability a call fails outside the outage, in [0, 1]. Default 0. */
  readonly baselineFailureProbability?: number;
  /** Time a successful call takes, milliseconds, >= 0. */
  readonly callLatencyMs: number;
  /** Time a failing call takes before the caller sees the error (a timeout), milliseconds, >= 0. */
  readonly failureLatencyMs: number;
  /** Seed of the failure draws, an integer. */
  readonly seed: number;
}

/** A state change, for charts. */
export interface BreakerStateChange {
  readonly atMs: number;
  readonly mode: BreakerState["mode"];
}

/** What the breaker did over a simulated outage. */
export interface BreakerSimulationResult {
  /** Requests made by callers. */
  readonly requests: number;
  /** Requests that reached the dependency. */
  readonly callsToDependency: number;
  /** Requests rejected at once by the open breaker: failures avoided. */
  readonly shortCircuited: number;
  /** Calls that reached the dependency and failed. */
  readonly failedCalls: number;
  /** Calls that succeeded. */
  readonly successfulCalls: number;
  /** Time callers spent waiting on calls that failed (failureLatencyMs each), milliseconds. */
  readonly timeWaitingOnFailuresMs: number;
  /**
   * From outageEndMs to the first successful call after it, i.e. when
   * callers are served again, milliseconds; null if that never happened.
   */
  readonly recoveryMs: number | null;
  /** From outageEndMs to the breaker closing again, milliseconds; null without a breaker or if it did not close. */
  readonly closedAfterOutageMs: number | null;
  /** Every change of the breaker's mode (empty without a breaker). */
  readonly stateChanges: readonly BreakerStateChange[];
}

/**
 * Simulates requests at a fixed interval to a dependency that fails during
 * [outageStartMs, outageEndMs), with or without a circuit breaker in front,
 * and reports the failed calls the breaker avoided (short-circuited) and the
 * time until callers are served again after the dependency recovers. A
 * failing call holds its caller for `failureLatencyMs` (a timeout), which is
 * what the breaker saves. Outcomes reach the breaker when the call ends, so
 * calls already in flight when it opens still complete. Seeded.
 * @param options see {@link BreakerSimulationOptions}; times in milliseconds
 * @returns counts, time spent waiting on failures, recovery time and the state changes
 * @throws TypeError when a value has the wrong type, or is NaN or infinite
 * @throws RangeError when a value is outside its range or the run has more than 1e6 requests
 * @example simulateBreaker({ breaker: { consecutiveFailureThreshold: 5, openTimeoutMs: 5000, halfOpenTrials: 1 },
 *   requestIntervalMs: 100, durationMs: 60000, outageStartMs: 10000, outageEndMs: 30000,
 *   callLatencyMs: 20, failureLatencyMs: 1000, seed: 1 }).shortCircuited
 * // => 226: requests rejected at once instead of waiting 1 s for a timeout (only 18 calls fail,
 * //    against 200 without a breaker); recoveryMs is 4420 against 20 without one
 */
export function simulateBreaker(options: BreakerSimulationOptions): BreakerSimulationResult {
  const where = "healing.simulateBreaker";
  object(where, "options", options);
  const config = options.breaker === null ? null : checkConfig(where, options.breaker);
  const interval = finite(where, "requestIntervalMs", options.requestIntervalMs, { min: 0, minExclusive: true });
  const duration = finite(where, "durationMs", options.durationMs, { min: 0, minExclusive: true });
  if (duration / interval > 1e6) throw rangeError(where, "durationMs / requestIntervalMs", "<= 1e6", duration / interval);
  const outageStart = finite(where, "outageStartMs", options.outageStartMs, { min: 0 });
  const outageEnd = finite(where, "outageEndMs", options.outageEndMs, { min: outageStart, minLabel: `outageStartMs=${outageStart}` });
  const pOutage =
    options.failureProbabilityDuringOutage === undefined
      ? 1
      : probability(where, "failureProbabilityDuringOutage", options.failureProbabilityDuringOutage);
  const pBaseline =
    options.baselineFailureProbability === undefined ? 0 : probability(where, "baselineFailureProbability", options.baselineFailureProbability);
  const callLatency = finite(where, "callLatencyMs", options.callLatencyMs, { min: 0 });
  const failureLatency = finite(where, "failureLatencyMs", options.failureLatencyMs, { min: 0 });
  const random = createRandom(integer(where, "seed", options.seed));

  // Payload: 0 = request; 1 = a call ends in success; 2 = a call ends in failure.
  const events = new EventQueue<0 | 1 | 2>();
  for (let i = 0; i * interval < duration; i++) events.push(i * interval, 0);
  let state: BreakerState = CLOSED_BREAKER;
  const changes: BreakerStateChange[] = [];
  let requests = 0;
  let calls = 0;
  let shortCircuited = 0;
  let failed = 0;
  let succeeded = 0;
  let waitingOnFailures = 0;
  let recoveryMs: number | null = null;
  let closedAfterOutageMs: number | null = null;
  const apply = (type: BreakerEvent["type"], at: number): boolean => {
    if (config === null) return true;
    const before = state;
    state = step(state, type, at, config);
    if (state.mode !== before.mode) {
      changes.push({ atMs: at, mode: state.mode });
      if (state.mode === "closed" && at >= outageEnd && closedAfterOutageMs === null) closedAfterOutageMs = at - outageEnd;
    }
    return type !== "request" || permitted(before, state);
  };
  for (;;) {
    const event = events.pop();
    if (event === undefined) break;
    const { time, payload } = event;
    if (payload === 0) {
      requests++;
      if (!apply("request", time)) {
        shortCircuited++;
        continue;
      }
      calls++;
      const inOutage = time >= outageStart && time < outageEnd;
      const fails = random.next() < (inOutage ? pOutage : pBaseline);
      if (fails) {
        failed++;
        waitingOnFailures += failureLatency;
        events.push(time + failureLatency, 2);
      } else {
        succeeded++;
        events.push(time + callLatency, 1);
      }
    } else {
      if (payload === 1 && time >= outageEnd && recoveryMs === null) recoveryMs = time - outageEnd;
      apply(payload === 1 ? "success" : "failure", time);
    }
  }
  return {
    requests,
    callsToDependency: calls,
    shortCircuited,
    failedCalls: failed,
    successfulCalls: succeeded,
    timeWaitingOnFailuresMs: waitingOnFailures,
    recoveryMs,
    closedAfterOutageMs: config === null ? null : closedAfterOutageMs,
    stateChanges: changes,
  };
}
