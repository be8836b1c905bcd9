/**
 * Retries with exponential backoff and jitter, and what they do to a
 * dependency that is recovering from an outage.
 *
 * The delay formulas are exactly those of Marc Brooker, "Exponential
 * Backoff And Jitter", AWS Architecture Blog, 4 March 2015
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/),
 * where `attempt` counts the retries already made (0 for the first retry):
 *
 * - exponential (no jitter): sleep = min(cap, base·2^attempt)
 * - full jitter:             sleep = random_between(0, min(cap, base·2^attempt))
 * - equal jitter:            temp = min(cap, base·2^attempt); sleep = temp/2 + random_between(0, temp/2)
 * - decorrelated jitter:     sleep = min(cap, random_between(base, previous·3)), previous starting at base
 *
 * Units: milliseconds throughout (`baseMs`, `capMs`, `...Ms`).
 */
import { finite, integer, object, oneOf, rangeError } from "../internal/errors";
import { createRandom } from "../internal/random";
import { EventQueue } from "../internal/eventQueue";

/** A backoff strategy: "exponential" has no jitter; the others are Brooker's three jitters. */
export type BackoffStrategy = "exponential" | "full" | "equal" | "decorrelated";

/** The four strategies, in the order the comparisons report them. */
export const BACKOFF_STRATEGIES: readonly BackoffStrategy[] = ["exponential", "full", "equal", "decorrelated"];

/** Options of {@link backoffDelayMs}. */
export interface BackoffDelayOptions {
  readonly strategy: BackoffStrategy;
  /** Retries already made: 0 before the first retry. Integer in [0, 1000]. */
  readonly attempt: number;
  /** Base delay, milliseconds, > 0. */
  readonly baseMs: number;
  /** Cap on any delay, milliseconds, >= baseMs. */
  readonly capMs: number;
  /** The previous delay, for "decorrelated" only, milliseconds, in [baseMs, capMs]. Default baseMs. */
  readonly previousDelayMs?: number;
  /** A uniform draw in [0, 1) supplying the randomness (ignored by "exponential"). */
  readonly uniform: number;
}

interface Backoff {
  readonly strategy: BackoffStrategy;
  readonly baseMs: number;
  readonly capMs: number;
}

/** Unchecked delay; `random_between(a, b)` is a + u·(b − a). */
function delay(backoff: Backoff, attempt: number, previousMs: number, uniform: number): number {
  const { baseMs, capMs } = backoff;
  if (backoff.strategy === "decorrelated") return Math.min(capMs, baseMs + uniform * (previousMs * 3 - baseMs));
  const temp = Math.min(capMs, baseMs * 2 ** attempt);
  switch (backoff.strategy) {
    case "exponential":
      return temp;
    case "full":
      return uniform * temp;
    case "equal":
      return temp / 2 + uniform * (temp / 2);
  }
}

function checkBackoff(where: string, options: { strategy: unknown; baseMs: unknown; capMs: unknown }): Backoff {
  const strategy = oneOf(where, "strategy", options.strategy, BACKOFF_STRATEGIES);
  const baseMs = finite(where, "baseMs", options.baseMs, { min: 0, minExclusive: true });
  const capMs = finite(where, "capMs", options.capMs, { min: baseMs, minLabel: `baseMs=${baseMs}` });
  return { strategy, baseMs, capMs };
}

/**
 * One backoff delay, computed from a uniform draw you supply, so the
 * function is pure (Brooker 2015; see the module comment for the formulas).
 * @param options strategy, `attempt` (retries already made, integer in [0, 1000]),
 *   `baseMs` > 0, `capMs` >= baseMs, `previousDelayMs` in [baseMs, capMs] (decorrelated only),
 *   `uniform` in [0, 1)
 * @returns the delay before the next try, milliseconds, in [0, capMs]
 * @throws TypeError when a value has the wrong type, or is NaN or infinite
 * @throws RangeError when a value is outside its range
 * @example backoffDelayMs({ strategy: "equal", attempt: 3, baseMs: 100, capMs: 10000, uniform: 0.5 })
 * // => 600 (temp = 800; 400 + 0.5·400)
 */
export function backoffDelayMs(options: BackoffDelayOptions): number {
  const where = "healing.backoffDelayMs";
  object(where, "options", options);
  const backoff = checkBackoff(where, options);
  const attempt = integer(where, "attempt", options.attempt, { min: 0, max: 1000 });
  const previous =
    options.previousDelayMs === undefined
      ? backoff.baseMs
      : finite(where, "previousDelayMs", options.previousDelayMs, {
          min: backoff.baseMs,
          max: backoff.capMs,
          minLabel: `baseMs=${backoff.baseMs}`,
          maxLabel: `capMs=${backoff.capMs}`,
        });
  const uniform = finite(where, "uniform", options.uniform, { min: 0, max: 1, maxExclusive: true });
  return delay(backoff, attempt, previous, uniform);
}

/** Options of {@link backoffSchedule}. */
export interface BackoffScheduleOptions {
  readonly strategy: BackoffStrategy;
  /** Number of retries to plan, integer in [0, 1000]. */
  readonly retries: number;
  /** Base delay, milliseconds, > 0. */
  readonly baseMs: number;
  /** Cap on any delay, milliseconds, >= baseMs. */
  readonly capMs: number;
  /** Seed of the jitter's pseudo-random stream, an integer. */
  readonly seed: number;
}

/**
 * The delays one client sleeps before each of its retries, drawn from a
 * seeded stream (decorrelated jitter feeds each delay into the next).
 * @param options strategy, `retries` integer in [0, 1000], `baseMs` > 0, `capMs` >= baseMs, integer `seed`
 * @returns `retries` delays, milliseconds
 * @throws TypeError when a value has the wrong type, or is NaN or infinite
 * @throws RangeError when a value is outside its range
 * @example backoffSchedule({ strategy: "exponential", retries: 6, baseMs: 100, capMs: 2000, seed: 1 })
 * // => [100, 200, 400, 800, 1600, 2000]
 */
export function backoffSchedule(options: BackoffScheduleOptions): number[] {
  const where = "healing.backoffSchedule";
  object(where, "options", options);
  const backoff = checkBackoff(where, options);
  const retries = integer(where, "retries", options.retries, { min: 0, max: 1000 });
  const random = createRandom(integer(where, "seed", options.seed));
  const delays: number[] = [];
  let previous = backoff.baseMs;
  for (let attempt = 0; attempt < retries; attempt++) {
    previous = delay(backoff, attempt, previous, random.next());
    delays.push(previous);
  }
  return delays;
}

/** Options of {@link simulateRetryStorm}. */
export interface RetryStormOptions {
  readonly strategy: BackoffStrategy;
  /** Clients that each need one successful call, integer in [1, 1e6]. */
  readonly clients: number;
  /** Clients make their first call at uniform times in [0, startWindowMs), milliseconds, >= 0. 0 (default): all at once. */
  readonly startWindowMs?: number;
  /** The dependency fails every call made before this time, milliseconds, >= 0. */
  readonly outageMs: number;
  /**
   * After the outage the dependency serves at most this many calls per
   * `tickMs` and fails the excess (overload), integer >= 1.
   */
  readonly capacityPerTick: number;
  /** Length of a capacity tick, milliseconds, > 0. Default 10. */
  readonly tickMs?: number;
  /** Base backoff delay, milliseconds, > 0. */
  readonly baseMs: number;
  /** Cap on a backoff delay, milliseconds, >= baseMs. */
  readonly capMs: number;
  /** Calls a client makes at most (first call plus retries) before giving up, integer in [1, 1000]. */
  readonly maxAttempts: number;
  /** Seed of the pseudo-random streams, an integer. */
  readonly seed: number;
}

/** What a retry storm did to the dependency. */
export interface RetryStormResult {
  readonly strategy: BackoffStrategy;
  /** Calls the dependency received, first tries and retries. */
  readonly totalCalls: number;
  /** Calls that failed (during the outage or over capacity). */
  readonly failedCalls: number;
  /** Clients that eventually succeeded. */
  readonly succeededClients: number;
  /** Clients that ran out of attempts. */
  readonly gaveUpClients: number;
  /** Calls per client, on average (1 is the ideal). */
  readonly callsPerClient: number;
  /** Most calls that landed in one tick after the outage. */
  readonly peakCallsPerTick: number;
  /** peakCallsPerTick / capacityPerTick: how far above capacity the worst tick was. */
  readonly peakLoadFactor: number;
  /** Time the last client succeeded or gave up, milliseconds. */
  readonly completionMs: number;
  /** Time the last successful client succeeded, or null when none did, milliseconds. */
  readonly lastSuccessMs: number | null;
  /** Calls per tick for charts: callsPerTick[i] is the count in [i·tickMs, (i+1)·tickMs). */
  readonly callsPerTick: readonly number[];
  /** The tick length used, milliseconds. */
  readonly tickMs: number;
}

/** Longest simulated span, in ticks, to keep the per-tick arrays small. */
const MAX_TICKS = 5e6;

/**
 * Many clients hit a dependency that fails until `outageMs` and then serves
 * at most `capacityPerTick` calls per tick, failing the excess; each client
 * retries with the given backoff until it succeeds or has made
 * `maxAttempts` calls. Calls take no time; a failure is known at once.
 *
 * Without jitter, clients that failed together retry together, so the
 * dependency sees the whole herd in one tick at every retry, serves a
 * capacity's worth and fails the rest: the retry storm. Jitter spreads the
 * retries so more of them land in ticks with spare capacity (Brooker 2015
 * shows the same effect on total calls and completion time). Seeded: the
 * same options give the same result.
 * @param options see {@link RetryStormOptions}; times in milliseconds
 * @returns total calls, peak load, completion time and the calls-per-tick series
 * @throws TypeError when a value has the wrong type, or is NaN or infinite
 * @throws RangeError when a value is outside its range or the run could span more than 5e6 ticks
 * @example simulateRetryStorm({ strategy: "exponential", clients: 1000, outageMs: 1000,
 *   capacityPerTick: 10, baseMs: 100, capMs: 10000, maxAttempts: 10, seed: 1 }).peakCallsPerTick
 * // => 1000: every retry of the herd lands in one tick
 */
export function simulateRetryStorm(options: RetryStormOptions): RetryStormResult {
  const where = "healing.simulateRetryStorm";
  object(where, "options", options);
  return runStorm(checkStorm(where, options, options.strategy));
}

function checkStorm(where: string, options: CompareRetryOptions, strategy: unknown): StormConfig {
  const backoff = checkBackoff(where, { strategy, baseMs: options.baseMs, capMs: options.capMs });
  const clients = integer(where, "clients", options.clients, { min: 1, max: 1e6 });
  const startWindowMs = options.startWindowMs === undefined ? 0 : finite(where, "startWindowMs", options.startWindowMs, { min: 0 });
  const outageMs = finite(where, "outageMs", options.outageMs, { min: 0 });
  const capacityPerTick = integer(where, "capacityPerTick", options.capacityPerTick, { min: 1 });
  const tickMs = options.tickMs === undefined ? 10 : finite(where, "tickMs", options.tickMs, { min: 0, minExclusive: true });
  const maxAttempts = integer(where, "maxAttempts", options.maxAttempts, { min: 1, max: 1000 });
  const seed = integer(where, "seed", options.seed);
  // The last call is at most startWindowMs + (maxAttempts − 1)·capMs: that bounds the per-tick arrays.
  const ticks = (startWindowMs + maxAttempts * backoff.capMs) / tickMs;
  if (ticks > MAX_TICKS) throw rangeError(where, "(startWindowMs + maxAttempts·capMs) / tickMs", `<= ${MAX_TICKS}`, ticks);
  return { ...backoff, clients, startWindowMs, outageMs, capacityPerTick, tickMs, maxAttempts, seed };
}

interface StormConfig extends Backoff {
  readonly clients: number;
  readonly startWindowMs: number;
  readonly outageMs: number;
  readonly capacityPerTick: number;
  readonly tickMs: number;
  readonly maxAttempts: number;
  readonly seed: number;
}

function runStorm(config: StormConfig): RetryStormResult {
  const { clients, startWindowMs, outageMs, capacityPerTick, tickMs, maxAttempts } = config;
  const random = createRandom(config.seed);
  const attempts = new Int32Array(clients);
  const previousDelay = new Float64Array(clients).fill(config.baseMs);
  const callsPerTick: number[] = [];
  const servedPerTick: number[] = [];
  const events = new EventQueue<number>();
  for (let client = 0; client < clients; client++) {
    events.push(startWindowMs > 0 ? random.next() * startWindowMs : 0, client);
  }
  let totalCalls = 0;
  let failedCalls = 0;
  let succeeded = 0;
  let gaveUp = 0;
  let completionMs = 0;
  let lastSuccessMs: number | null = null;
  let peak = 0;
  for (;;) {
    const event = events.pop();
    if (event === undefined) break;
    const { time, payload: client } = event;
    const tick = Math.floor(time / tickMs);
    while (callsPerTick.length <= tick) {
      callsPerTick.push(0);
      servedPerTick.push(0);
    }
    callsPerTick[tick]++;
    totalCalls++;
    attempts[client]++;
    if (time >= outageMs && callsPerTick[tick] > peak) peak = callsPerTick[tick];
    if (time >= outageMs && servedPerTick[tick] < capacityPerTick) {
      servedPerTick[tick]++;
      succeeded++;
      completionMs = time;
      lastSuccessMs = time;
      continue;
    }
    failedCalls++;
    if (attempts[client] >= maxAttempts) {
      gaveUp++;
      completionMs = time;
      continue;
    }
    const sleep = delay(config, attempts[client] - 1, previousDelay[client], random.next());
    previousDelay[client] = sleep;
    events.push(time + sleep, client);
  }
  return {
    strategy: config.strategy,
    totalCalls,
    failedCalls,
    succeededClients: succeeded,
    gaveUpClients: gaveUp,
    callsPerClient: totalCalls / clients,
    peakCallsPerTick: peak,
    peakLoadFactor: peak / capacityPerTick,
    completionMs,
    lastSuccessMs,
    callsPerTick,
    tickMs,
  };
}

/** Options of {@link compareRetryStrategies}: a storm without a strategy. */
export type CompareRetryOptions = Omit<RetryStormOptions, "strategy">;

/**
 * Runs the same retry storm (same clients, outage, capacity and seed) under
 * each strategy: no jitter, full, equal and decorrelated jitter.
 * @param options as {@link simulateRetryStorm} without `strategy`
 * @returns one result per strategy, in the order exponential, full, equal, decorrelated
 * @throws TypeError or RangeError as {@link simulateRetryStorm}, naming `healing.compareRetryStrategies`
 * @example compareRetryStrategies({ clients: 1000, outageMs: 1000, capacityPerTick: 10,
 *   baseMs: 100, capMs: 10000, maxAttempts: 10, seed: 1 }).map((r) => r.totalCalls)
 * // => [9850, 6062, 5626, 4984]: without jitter 940 of the 1000 clients give up after 10 calls each
 */
export function compareRetryStrategies(options: CompareRetryOptions): RetryStormResult[] {
  const where = "healing.compareRetryStrategies";
  object(where, "options", options);
  const checked = BACKOFF_STRATEGIES.map((strategy) => checkStorm(where, options, strategy));
  return checked.map(runStorm);
}
