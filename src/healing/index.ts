/**
 * healing: self-healing systems.
 *
 * - retries with exponential backoff and jitter, and the retry storm they
 *   cause or prevent against a recovering dependency (retry.ts; milliseconds);
 * - a circuit breaker as a pure state machine plus a failing-dependency
 *   simulation (circuitBreaker.ts; milliseconds);
 * - health-check-driven failover and its RTO (failover.ts; seconds).
 */

// retries, backoff and jitter
export { BACKOFF_STRATEGIES, backoffDelayMs, backoffSchedule, compareRetryStrategies, simulateRetryStorm } from "./retry";
export type {
  BackoffDelayOptions,
  BackoffScheduleOptions,
  BackoffStrategy,
  CompareRetryOptions,
  RetryStormOptions,
  RetryStormResult,
} from "./retry";

// circuit breaker
export { CLOSED_BREAKER, requestBreakerPermission, simulateBreaker, breakerTransition } from "./circuitBreaker";
export type {
  BreakerConfig,
  BreakerEvent,
  BreakerSimulationOptions,
  BreakerSimulationResult,
  BreakerState,
  BreakerStateChange,
} from "./circuitBreaker";

// failover
export {
  COURSE_CLAIMED_RTO_SECONDS,
  ROUTE53_DEFAULT_FAILURE_THRESHOLD,
  ROUTE53_DEFAULT_INTERVAL_SECONDS,
  failoverRto,
  simulateFailover,
} from "./failover";
export type { DurationRange, FailoverOptions, FailoverRto, FailoverSimulationOptions, FailoverSimulationResult } from "./failover";

// Deprecated aliases: the names before issue #10's renames, kept so saved notebook copies keep running.
import { CLOSED_BREAKER, breakerTransition, requestBreakerPermission } from "./circuitBreaker";
/** @deprecated use CLOSED_BREAKER */
export const CLOSED = CLOSED_BREAKER;
/** @deprecated use breakerTransition */
export const transition = breakerTransition;
/** @deprecated use requestBreakerPermission */
export const requestPermission = requestBreakerPermission;
