/**
 * Exercises of notebook 11 · Self-healing systems. Expected answers come
 * from `healing`: Brooker's backoff formulas (AWS Architecture Blog, 2015),
 * the circuit-breaker simulation (Nygard, "Release It!", 2nd ed., ch. 5) and
 * the health-check failover RTO (Route 53 defaults: 30 s interval, threshold 3,
 * 4 s connect timeout, unhealthy when 18% or fewer of the checkers say healthy).
 */
import { backoffDelayMs, failoverRto, simulateBreaker, type BreakerSimulationOptions } from "../../healing";
import { choiceAnswer, functionAnswer, numberAnswer, ruleAnswer, type Exercise } from "../check";

/** 11.4: Route 53 defaults, 60 s promotion, 60 s TTL. */
const defaultRto = failoverRto({ promotionSeconds: 60, dnsTtlSeconds: 60 });

/** 11.5: promotion takes 20 s; worst-case RTO at most 90 s. */
const CHOICE = { promotionSeconds: 20, maxWorstRtoSeconds: 90 } as const;

function gradeHealthCheck(answer: unknown): string | undefined {
  if (typeof answer !== "object" || answer === null) {
    return "answer an object { healthCheckIntervalSeconds, failureThreshold, dnsTtlSeconds }";
  }
  const { healthCheckIntervalSeconds: interval, failureThreshold: threshold, dnsTtlSeconds: ttl } = answer as Record<string, unknown>;
  if (interval !== 10 && interval !== 30) {
    return `Route 53 health checks run every 10 s ("fast") or 30 s (standard): healthCheckIntervalSeconds must be 10 or 30, got ${JSON.stringify(interval)}`;
  }
  if (typeof threshold !== "number" || !Number.isInteger(threshold) || threshold < 1 || threshold > 10) {
    return `failureThreshold must be an integer in [1, 10], got ${JSON.stringify(threshold)}`;
  }
  if (threshold < 2) {
    return "a threshold of 1 fails over on a single failed check: one dropped packet or slow response flips the primary (flapping); require at least 2";
  }
  if (typeof ttl !== "number" || !Number.isFinite(ttl) || ttl < 0) return `dnsTtlSeconds must be a number >= 0, got ${JSON.stringify(ttl)}`;
  const rto = failoverRto({ healthCheckIntervalSeconds: interval, failureThreshold: threshold, dnsTtlSeconds: ttl, promotionSeconds: CHOICE.promotionSeconds });
  if (rto.rto.worstSeconds > CHOICE.maxWorstRtoSeconds) {
    return `worst-case RTO is ${rto.rto.worstSeconds} s (detection ${rto.detection.worstSeconds} s + promotion 20 s + TTL ${ttl} s) > 90 s: detect faster or shorten the TTL`;
  }
  return undefined;
}

/** 11.3: requests every 100 ms; the dependency fails for 20 s; a failing call holds its caller 1 s (timeout). */
const BREAKER_RUN: BreakerSimulationOptions = {
  breaker: { consecutiveFailureThreshold: 5, openTimeoutMs: 5000, halfOpenTrials: 1 },
  requestIntervalMs: 100,
  durationMs: 60_000,
  outageStartMs: 10_000,
  outageEndMs: 30_000,
  callLatencyMs: 20,
  failureLatencyMs: 1000,
  seed: 1,
};
const withBreaker = simulateBreaker(BREAKER_RUN);
const withoutBreaker = simulateBreaker({ ...BREAKER_RUN, breaker: null });

export const exercises: Exercise[] = [
  {
    id: "11.1",
    title: "implement full-jitter backoff (Brooker 2015)",
    kind: "implement",
    grade: functionAnswer(
      [
        [0, 100, 10_000, 0.5],
        [3, 100, 10_000, 0.5],
        [10, 100, 10_000, 0.25],
        [2, 100, 10_000, 0],
        [20, 50, 5000, 0.99],
      ].map(([attempt, baseMs, capMs, uniform]) => ({
        args: [attempt, baseMs, capMs, uniform],
        expected: backoffDelayMs({ strategy: "full", attempt: attempt!, baseMs: baseMs!, capMs: capMs!, uniform: uniform! }),
        tolerance: 1e-9,
      })),
    ),
  },
  {
    id: "11.2",
    title: "why exponential backoff without jitter still causes a retry storm",
    kind: "explain",
    grade: choiceAnswer("b", {
      a: "the delays do grow (100, 200, 400 ms …); the problem is not their length but that every client has the same ones",
      b: "right: clients that failed together compute identical delays, so each retry wave of the whole herd lands in the same instant, overloads the dependency again, and fails together",
      c: "backoff lowers the call rate compared with immediate retries; the storm comes from synchronisation, not from backoff",
      d: "jitter does not change how many calls a client needs at best (one); it spreads them so that more land in ticks with spare capacity",
    }),
  },
  {
    id: "11.3",
    title: "failed calls during a 20 s outage behind a circuit breaker (5 failures, 5 s open, 1 trial)",
    kind: "compute",
    grade: numberAnswer(withBreaker.failedCalls, {
      absoluteTolerance: 0.5,
      mistakes: [
        { value: withoutBreaker.failedCalls, hint: "that is without a breaker (every request during the outage fails after its 1 s timeout)" },
        { value: 5, hint: "the breaker opens when the 5th failure is *reported*, 1 s after its call: by then the calls made in that second are in flight too" },
        { value: 5 + 3, hint: "count the calls in flight: with a 1 s timeout and a request every 100 ms, 10 more calls were made before the 5th failure came back" },
        { value: 15, hint: "after opening, the breaker lets one trial call through every 5 s (half-open); those fail too while the outage lasts" },
      ],
    }),
  },
  {
    id: "11.4",
    title: "expected RTO of health-check failover with Route 53 defaults, 60 s promotion and a 60 s TTL",
    kind: "compute",
    grade: numberAnswer(defaultRto.rto.expectedSeconds, {
      mistakes: [
        { value: defaultRto.rto.bestSeconds, hint: "that is the best case; the failure lands at a random point between checks (half an interval on average) and a client's cached answer has, on average, half its TTL left" },
        { value: defaultRto.rto.worstSeconds, hint: "that is the worst case; the question asks for the average over failure times and clients" },
        { value: defaultRto.detection.expectedSeconds + defaultRto.promotionAndDnsUpdateSeconds, hint: "you left out the clients' DNS caches: they keep the old address for the rest of the TTL (30 s on average)" },
        {
          value: failoverRto({ promotionSeconds: 60, dnsTtlSeconds: 60, failureThreshold: 1 }).rto.expectedSeconds,
          hint: "one failed check is not enough: Route 53 waits for 3 in a row (the threshold), 87 s on average with 30 s checks",
        },
        {
          value: failoverRto({ promotionSeconds: 60, dnsTtlSeconds: 60, healthCheckers: 1, checkTimeoutSeconds: 0 }).rto.expectedSeconds,
          hint: "that is one idealised checker: Route 53's checkers do not coordinate, and it waits until only 18% or fewer still report healthy (7 of the 8 assumed checkers have failed, on average 7/9 of an interval after the first failed check), and each failed check takes the 4 s connect timeout",
        },
      ],
    }),
  },
  {
    id: "11.5",
    title: "choose a health-check interval, threshold and DNS TTL for a worst-case RTO of at most 90 s",
    kind: "choose",
    grade: ruleAnswer(gradeHealthCheck),
  },
];
