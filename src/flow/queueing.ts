/**
 * Queueing theory for flow control: Little's law, the M/M/1 queue and the
 * M/M/1/K queue (one server, room for K jobs in total, arrivals beyond that
 * dropped).
 *
 * Formulas follow Mor Harchol-Balter, "Performance Modeling and Design of
 * Computer Systems" (Cambridge University Press, 2013): Little's law in
 * ch. 6 and M/M/1 in ch. 13 (its ch. 14 is the M/M/k server farm, not
 * M/M/1/K). M/M/1 is also Kleinrock, "Queueing Systems, Volume 1" (1975),
 * §3.2, and the M/M/1/K queue (finite storage) is Kleinrock §3.6.
 *
 * Units: rates are per second and times are in seconds. Any consistent
 * unit works for the formulas; the names say seconds so a notebook cannot
 * mix milliseconds with per-second rates by accident.
 */
import { finite, integer, object, probability, rangeError, finiteResult } from "../internal/errors";

/** The three quantities of Little's law, all > 0. */
export interface LittlesLawQuantities {
  /** L: mean number of items in the system (jobs, requests, messages). */
  readonly meanInSystem: number;
  /** λ: mean arrival rate (= throughput in steady state), per second. */
  readonly arrivalRatePerSecond: number;
  /** W: mean time an item spends in the system, seconds. */
  readonly meanTimeInSystemSeconds: number;
}

/**
 * Little's law, L = λ·W: give any two of the three quantities and get all
 * three back. It holds for any stable system in steady state, whatever the
 * arrival and service distributions (Little, Operations Research 9(3),
 * 1961; Harchol-Balter ch. 6).
 * @param options exactly two of `meanInSystem` (items, > 0),
 *   `arrivalRatePerSecond` (per second, > 0) and `meanTimeInSystemSeconds`
 *   (seconds, > 0)
 * @returns all three quantities
 * @throws TypeError when options is not an object or a given value is not a finite number
 * @throws RangeError when not exactly two quantities are given, or one is <= 0
 * @example littlesLaw({ arrivalRatePerSecond: 8, meanTimeInSystemSeconds: 0.5 })
 * // => { meanInSystem: 4, arrivalRatePerSecond: 8, meanTimeInSystemSeconds: 0.5 }
 */
export function littlesLaw(options: Partial<LittlesLawQuantities>): LittlesLawQuantities {
  const where = "flow.littlesLaw";
  object(where, "options", options);
  const positive = { min: 0, minExclusive: true } as const;
  const given = (["meanInSystem", "arrivalRatePerSecond", "meanTimeInSystemSeconds"] as const).filter(
    (key) => options[key] !== undefined,
  );
  if (given.length !== 2) {
    throw rangeError(
      where,
      "the number of known quantities",
      "exactly 2 of meanInSystem, arrivalRatePerSecond, meanTimeInSystemSeconds",
      given.length,
    );
  }
  const L = options.meanInSystem === undefined ? undefined : finite(where, "meanInSystem", options.meanInSystem, positive);
  const lambda =
    options.arrivalRatePerSecond === undefined
      ? undefined
      : finite(where, "arrivalRatePerSecond", options.arrivalRatePerSecond, positive);
  const W =
    options.meanTimeInSystemSeconds === undefined
      ? undefined
      : finite(where, "meanTimeInSystemSeconds", options.meanTimeInSystemSeconds, positive);
  if (L === undefined) {
    return finiteResult(where, { meanInSystem: (lambda as number) * (W as number), arrivalRatePerSecond: lambda as number, meanTimeInSystemSeconds: W as number });
  }
  if (lambda === undefined) {
    return finiteResult(where, { meanInSystem: L, arrivalRatePerSecond: L / (W as number), meanTimeInSystemSeconds: W as number });
  }
  return finiteResult(where, { meanInSystem: L, arrivalRatePerSecond: lambda, meanTimeInSystemSeconds: L / lambda });
}

/** Options of {@link mm1}. */
export interface MM1Options {
  /** λ: Poisson arrival rate, per second, > 0 and < serviceRatePerSecond. */
  readonly arrivalRatePerSecond: number;
  /** μ: exponential service rate of the single server, per second, > 0. */
  readonly serviceRatePerSecond: number;
}

/** Steady-state figures of an M/M/1 queue. */
export interface MM1Result {
  /** ρ = λ/μ, the fraction of time the server is busy, in (0, 1). */
  readonly utilization: number;
  /** P(system empty) = 1 − ρ. */
  readonly probabilityEmpty: number;
  /** L = ρ/(1 − ρ): mean number in the system, waiting plus in service. */
  readonly meanInSystem: number;
  /** Lq = ρ²/(1 − ρ): mean number waiting (not in service). */
  readonly meanInQueue: number;
  /** W = 1/(μ − λ): mean time in the system (response time), seconds. */
  readonly meanTimeInSystemSeconds: number;
  /** Wq = ρ/(μ − λ): mean time waiting before service starts, seconds. */
  readonly meanWaitInQueueSeconds: number;
}

/**
 * The M/M/1 queue: Poisson arrivals at rate λ, one server with exponential
 * service at rate μ, unlimited waiting room, first come first served
 * (Harchol-Balter ch. 13; Kleinrock §3.2).
 *
 * Decision on overload: an M/M/1 queue with ρ = λ/μ >= 1 has no steady
 * state (the queue grows without bound), so this function throws a
 * RangeError rather than return Infinity or a negative length. Use
 * {@link mm1k} for a bounded queue, which is defined at any load.
 * @param options `arrivalRatePerSecond` λ in (0, μ) and `serviceRatePerSecond` μ > 0, per second
 * @returns utilization, mean numbers and mean times (seconds)
 * @throws TypeError when a rate is not a finite number
 * @throws RangeError when μ <= 0, λ <= 0, or λ >= μ (unstable: ρ >= 1)
 * @example mm1({ arrivalRatePerSecond: 8, serviceRatePerSecond: 10 })
 * // => { utilization: 0.8, probabilityEmpty: 0.2000…, meanInSystem: 4.000…, meanInQueue: 3.200…,
 * //      meanTimeInSystemSeconds: 0.5, meanWaitInQueueSeconds: 0.4 } (0.2, 4 and 3.2 up to float rounding)
 */
export function mm1(options: MM1Options): MM1Result {
  const where = "flow.mm1";
  const { lambda, mu } = stableRates(where, options);
  const rho = lambda / mu;
  return {
    utilization: rho,
    probabilityEmpty: 1 - rho,
    meanInSystem: rho / (1 - rho),
    meanInQueue: (rho * rho) / (1 - rho),
    meanTimeInSystemSeconds: 1 / (mu - lambda),
    meanWaitInQueueSeconds: rho / (mu - lambda),
  };
}

/** Options of {@link mm1ResponseTimePercentile}. */
export interface MM1PercentileOptions extends MM1Options {
  /** The percentile as a probability in (0, 1), e.g. 0.99 for p99. */
  readonly percentile: number;
}

/**
 * A percentile of the M/M/1 response time (time in system) under FCFS. The
 * response time is exponential with rate μ − λ (Harchol-Balter ch. 13,
 * Kleinrock §3.2), so its p-quantile is −ln(1 − p)/(μ − λ).
 * @param options λ in (0, μ), μ > 0 (per second), `percentile` in (0, 1)
 * @returns the response time, seconds, that a fraction `percentile` of jobs do not exceed
 * @throws TypeError when a value is not a finite number
 * @throws RangeError when the queue is unstable (λ >= μ) or `percentile` is outside (0, 1)
 * @example mm1ResponseTimePercentile({ arrivalRatePerSecond: 8, serviceRatePerSecond: 10, percentile: 0.99 })
 * // => 2.3025… (ln 100 / 2)
 */
export function mm1ResponseTimePercentile(options: MM1PercentileOptions): number {
  const where = "flow.mm1ResponseTimePercentile";
  const { lambda, mu } = stableRates(where, options);
  const p = probability(where, "percentile", options.percentile, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
  return -Math.log1p(-p) / (mu - lambda);
}

function stableRates(where: string, options: MM1Options): { lambda: number; mu: number } {
  object(where, "options", options);
  const mu = finite(where, "serviceRatePerSecond", options.serviceRatePerSecond, { min: 0, minExclusive: true });
  const lambda = finite(where, "arrivalRatePerSecond", options.arrivalRatePerSecond, {
    min: 0,
    minExclusive: true,
    max: mu,
    maxExclusive: true,
    maxLabel: `serviceRatePerSecond=${mu}`,
  });
  return { lambda, mu };
}

/** Options of {@link mm1k}. */
export interface MM1KOptions {
  /** λ: Poisson arrival rate offered to the queue, per second, > 0 (any load, even λ >= μ). */
  readonly arrivalRatePerSecond: number;
  /** μ: exponential service rate, per second, > 0. */
  readonly serviceRatePerSecond: number;
  /** K: the most jobs the system holds, in service plus waiting, integer in [1, 1e6]. */
  readonly capacity: number;
}

/** Steady-state figures of an M/M/1/K queue. */
export interface MM1KResult {
  /** ρ = λ/μ, the offered load; may be >= 1. */
  readonly offeredLoad: number;
  /** P(n jobs in system) for n = 0..K (sums to 1). */
  readonly stateProbabilities: readonly number[];
  /** P(an arrival finds the system full and is dropped) = p_K (PASTA). */
  readonly blockingProbability: number;
  /** λ(1 − p_K): rate of accepted arrivals, which equals the departure rate, per second. */
  readonly throughputPerSecond: number;
  /** 1 − p_0: the fraction of time the server is busy, in [0, 1). */
  readonly utilization: number;
  /** L = Σ n·p_n: mean number in the system. */
  readonly meanInSystem: number;
  /** Lq = L − (1 − p_0): mean number waiting. */
  readonly meanInQueue: number;
  /** W = L / λ_eff (Little's law with the accepted rate), seconds. */
  readonly meanTimeInSystemSeconds: number;
  /** Wq = Lq / λ_eff, seconds. */
  readonly meanWaitInQueueSeconds: number;
}

/**
 * The M/M/1/K queue: an M/M/1 queue that holds at most K jobs (one in
 * service, K − 1 waiting) and drops arrivals that find it full
 * (Kleinrock, "Queueing Systems, Volume 1", §3.6). p_n = ρⁿ(1 − ρ)/(1 − ρ^(K+1)),
 * and p_n = 1/(K + 1) when ρ = 1 exactly.
 *
 * The probabilities are computed by normalising the weights ρⁿ (scaled by
 * ρ^(−K) when ρ > 1), which is exact at ρ = 1, accurate near it (the closed
 * form cancels catastrophically there) and cannot overflow at high load.
 * @param options λ > 0 and μ > 0 (per second), `capacity` K integer in [1, 1e6]
 * @returns state probabilities, drop probability, throughput, mean numbers and times (seconds)
 * @throws TypeError when a value is not a finite number
 * @throws RangeError when a rate is <= 0, the offered load λ/μ is outside [1e-9, 1e9], or the
 *   capacity is not an integer in [1, 1e6]
 * @example mm1k({ arrivalRatePerSecond: 8, serviceRatePerSecond: 10, capacity: 2 }).blockingProbability
 * // => 0.26229… (16/61)
 */
export function mm1k(options: MM1KOptions): MM1KResult {
  const where = "flow.mm1k";
  object(where, "options", options);
  const positive = { min: 0, minExclusive: true } as const;
  const lambda = finite(where, "arrivalRatePerSecond", options.arrivalRatePerSecond, positive);
  const mu = finite(where, "serviceRatePerSecond", options.serviceRatePerSecond, positive);
  const K = integer(where, "capacity", options.capacity, { min: 1, max: 1e6 });
  const rho = lambda / mu;
  if (!(rho >= 1e-9 && rho <= 1e9)) {
    throw rangeError(where, "arrivalRatePerSecond/serviceRatePerSecond", "in [1e-9, 1e9]", rho);
  }
  // Weights relative to the largest one, so nothing overflows: ρⁿ when ρ <= 1, ρ^(n−K) when ρ > 1.
  const weights = new Array<number>(K + 1);
  if (rho <= 1) {
    weights[0] = 1;
    for (let n = 1; n <= K; n++) weights[n] = weights[n - 1] * rho;
  } else {
    weights[K] = 1;
    for (let n = K - 1; n >= 0; n--) weights[n] = weights[n + 1] / rho;
  }
  let total = 0;
  for (let n = 0; n <= K; n++) total += weights[n];
  const probabilities = weights.map((w) => w / total);
  let L = 0;
  let notFull = 0; // 1 − p_K, summed directly so that it does not cancel to 0 at high load
  let busy = 0; // 1 − p_0, likewise at low load
  for (let n = 0; n <= K; n++) {
    L += n * probabilities[n];
    if (n < K) notFull += probabilities[n];
    if (n > 0) busy += probabilities[n];
  }
  const throughput = lambda * notFull;
  const Lq = Math.max(0, L - busy);
  return {
    offeredLoad: rho,
    stateProbabilities: probabilities,
    blockingProbability: probabilities[K],
    throughputPerSecond: throughput,
    utilization: busy,
    meanInSystem: L,
    meanInQueue: Lq,
    meanTimeInSystemSeconds: L / throughput,
    meanWaitInQueueSeconds: Lq / throughput,
  };
}
