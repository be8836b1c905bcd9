/**
 * A synthetic per-minute SLI series (good and total request counts), made
 * deterministically from a seed, for alerting experiments: a year is 525,600
 * minutes.
 *
 * Model (all draws from the seeded xoshiro128** generator):
 * - traffic: λ(t) = requestsPerMinute × (1 + trafficDailyAmplitude × sin(2π(t − 8 h)/24 h)),
 *   peaking at 14:00 and lowest at 02:00; total(t) ~ Poisson(λ(t)) (normal
 *   approximation, λ is large);
 * - background errors: ratio p(t) = baseErrorRatio × (1 + errorDailyAmplitude × the same
 *   sine), so errors rise with load; during an incident p(t) is the incident's
 *   error ratio (the larger, where incidents overlap). baseErrorRatio is the
 *   time average; since errors and traffic peak together, the share of failed
 *   requests is larger, baseErrorRatio × (1 + trafficDailyAmplitude × errorDailyAmplitude / 2)
 *   (1.125 × base with the defaults);
 * - bad(t) ~ Binomial(total(t), p(t)), exact by inversion when the mean is
 *   below 30, normal approximation above; good = total − bad;
 * - incidents, when not given, arrive as a Poisson process of
 *   `incidentsPerYear`, each one of three kinds, equally likely: an outage
 *   (error ratio 1, 5–30 min), a partial failure (5–30% errors, 15–120 min) or
 *   a slow burn (0.2–1% errors, 6–48 h).
 */
import { array, finite, integer, object, oneOf } from "../internal/errors";
import { createRandom, type Random } from "../internal/random";
import { MINUTES_PER_DAY, orDefault } from "./internal";

/** The kinds of injected incident. */
export type IncidentKind = "outage" | "partial" | "slow-burn";

/** An incident injected into a synthetic series. */
export interface SyntheticIncident {
  readonly kind: IncidentKind;
  /** First affected minute (0-based). */
  readonly startMinute: number;
  /** Affected minutes, >= 1. */
  readonly durationMinutes: number;
  /** Fraction of requests failing while it lasts, in [0, 1]. */
  readonly errorRatio: number;
}

/** A generated series. */
export interface SyntheticSeries {
  readonly seed: number;
  readonly days: number;
  /** Good requests per minute. */
  readonly good: Float64Array;
  /** All requests per minute. */
  readonly total: Float64Array;
  /** The incidents injected, sorted by start. */
  readonly incidents: readonly SyntheticIncident[];
}

/** Options of {@link syntheticSeries}. */
export interface SyntheticSeriesOptions {
  /** Seed, a safe integer. */
  readonly seed: number;
  /** Length in days, integer in [1, 3660]; default 365. */
  readonly days?: number;
  /** Mean requests per minute, finite, >= 1; default 1000. */
  readonly requestsPerMinute?: number;
  /** Daily swing of traffic, in [0, 1); default 0.5. */
  readonly trafficDailyAmplitude?: number;
  /** Time-averaged background error ratio, in [0, 1]; default 0.0002 (burn rate 0.2 at 99.9%). */
  readonly baseErrorRatio?: number;
  /** Daily swing of the background error ratio, in [0, 1]; default 0.5. */
  readonly errorDailyAmplitude?: number;
  /** Incidents to inject; when absent they are drawn from the seed. */
  readonly incidents?: readonly SyntheticIncident[];
  /** Mean number of random incidents per 365 days, in [0, 100000]; default 12. Ignored when `incidents` is given. */
  readonly incidentsPerYear?: number;
}

/**
 * Above about eleven incidents an hour the series is all incident; the cap
 * also keeps a typo such as 1e9 from drawing a billion incidents (out of memory).
 */
const MAX_INCIDENTS_PER_YEAR = 100_000;

/**
 * Generates a per-minute good/total series with daily seasonality and
 * injected incidents. The same options always give the same series.
 * @param options see {@link SyntheticSeriesOptions}; only `seed` is required
 * @throws TypeError/RangeError for any option outside its range, or an
 *   incident that starts outside the series
 * @example syntheticSeries({ seed: 1, days: 365 }).total.length // => 525600
 */
export function syntheticSeries(options: SyntheticSeriesOptions): SyntheticSeries {
  const where = "slo.syntheticSeries";
  object(where, "options", options);
  const seed = integer(where, "seed", options.seed, { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
  const days = integer(where, "days", orDefault(options.days, 365), { min: 1, max: 3660 });
  const rpm = finite(where, "requestsPerMinute", orDefault(options.requestsPerMinute, 1000), { min: 1 });
  const trafficAmp = finite(where, "trafficDailyAmplitude", orDefault(options.trafficDailyAmplitude, 0.5), { min: 0, max: 1, maxExclusive: true });
  const baseError = finite(where, "baseErrorRatio", orDefault(options.baseErrorRatio, 0.0002), { min: 0, max: 1 });
  const errorAmp = finite(where, "errorDailyAmplitude", orDefault(options.errorDailyAmplitude, 0.5), { min: 0, max: 1 });
  const n = days * MINUTES_PER_DAY;
  const given = options.incidents === undefined
    ? undefined
    : array<SyntheticIncident>(where, "incidents", options.incidents, { min: 0 }).map((inc, i) => checkSyntheticIncident(where, inc, i, n));
  const perYear = given === undefined ? finite(where, "incidentsPerYear", orDefault(options.incidentsPerYear, 12), { min: 0, max: MAX_INCIDENTS_PER_YEAR }) : undefined;
  const key = JSON.stringify([seed, days, rpm, trafficAmp, baseError, errorAmp, perYear, given]);
  const cached = recentSeries.get(key);
  if (cached !== undefined) return copySeries(cached);
  const rng = createRandom(seed);
  const incidents = given ?? randomIncidents(rng, n, (perYear as number) * (days / 365));
  incidents.sort((a, b) => a.startMinute - b.startMinute);

  const incidentRatio = new Float64Array(n).fill(-1);
  for (const inc of incidents) {
    const end = Math.min(n, inc.startMinute + inc.durationMinutes);
    for (let t = inc.startMinute; t < end; t++) {
      if (inc.errorRatio > incidentRatio[t]) incidentRatio[t] = inc.errorRatio;
    }
  }
  const good = new Float64Array(n);
  const total = new Float64Array(n);
  const daily = new Float64Array(MINUTES_PER_DAY);
  for (let m = 0; m < MINUTES_PER_DAY; m++) daily[m] = Math.sin((2 * Math.PI * (m - 480)) / MINUTES_PER_DAY);
  for (let t = 0; t < n; t++) {
    const season = daily[t % MINUTES_PER_DAY];
    const lambda = rpm * (1 + trafficAmp * season);
    const requests = Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal(rng)));
    const p = incidentRatio[t] >= 0 ? incidentRatio[t] : Math.min(1, baseError * (1 + errorAmp * season));
    const bad = binomial(rng, requests, p);
    total[t] = requests;
    good[t] = requests - bad;
  }
  const series = { seed, days, good, total, incidents };
  remember(key, series);
  return copySeries(series);
}

/**
 * The last series generated, by their validated options: a what-if that
 * moves only the SLO target redraws without drawing the series again
 * (about 50 ms for 30 days in Chromium). At most {@link RECENT_MINUTES}
 * minutes are kept (16 MB); callers get copies, so the cache cannot be edited.
 */
const recentSeries = new Map<string, SyntheticSeries>();
const RECENT_MINUTES = 2 * 365 * MINUTES_PER_DAY;

function remember(key: string, series: SyntheticSeries): void {
  if (series.total.length > RECENT_MINUTES) return; // longer than the whole budget: not kept
  recentSeries.set(key, series);
  let kept = 0;
  for (const [k, s] of [...recentSeries].reverse()) {
    kept += s.total.length;
    if (kept > RECENT_MINUTES && k !== key) recentSeries.delete(k);
  }
}

function copySeries(series: SyntheticSeries): SyntheticSeries {
  return { ...series, good: series.good.slice(), total: series.total.slice(), incidents: series.incidents.map((i) => ({ ...i })) };
}

function randomIncidents(rng: Random, minutes: number, expected: number): SyntheticIncident[] {
  const count = poisson(rng, expected);
  const kinds: IncidentKind[] = ["outage", "partial", "slow-burn"];
  const out: SyntheticIncident[] = [];
  for (let i = 0; i < count; i++) {
    const kind = kinds[rng.int(3)];
    const between = (lo: number, hi: number): number => lo + (hi - lo) * rng.next();
    const [durationMinutes, errorRatio] =
      kind === "outage" ? [Math.round(between(5, 30)), 1]
        : kind === "partial" ? [Math.round(between(15, 120)), between(0.05, 0.3)]
          : [Math.round(between(360, 2880)), between(0.002, 0.01)];
    const duration = Math.min(durationMinutes, minutes);
    out.push({ kind, startMinute: rng.int(minutes - duration + 1), durationMinutes: duration, errorRatio });
  }
  return out;
}

function checkSyntheticIncident(where: string, value: unknown, i: number, minutes: number): SyntheticIncident {
  const inc = object<SyntheticIncident>(where, `incidents[${i}]`, value);
  const kind = oneOf(where, `incidents[${i}].kind`, inc.kind, ["outage", "partial", "slow-burn"] as const);
  const startMinute = integer(where, `incidents[${i}].startMinute`, inc.startMinute, { min: 0, max: minutes - 1, maxLabel: `${minutes - 1} (the last minute)` });
  const durationMinutes = integer(where, `incidents[${i}].durationMinutes`, inc.durationMinutes, { min: 1 });
  const errorRatio = finite(where, `incidents[${i}].errorRatio`, inc.errorRatio, { min: 0, max: 1 });
  return { kind, startMinute, durationMinutes, errorRatio };
}

/** Standard normal draw (Box–Muller). */
function normal(rng: Random): number {
  const u = 1 - rng.next(); // (0, 1]: log never sees 0
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

function poisson(rng: Random, mean: number): number {
  if (mean > 500) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(rng)));
  const limit = Math.exp(-mean);
  let k = 0;
  let product = rng.next();
  while (product > limit) {
    k++;
    product *= rng.next();
  }
  return k;
}

/** Binomial(n, p): exact inversion for a small mean, normal approximation otherwise. */
function binomial(rng: Random, n: number, p: number): number {
  if (n === 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rng, n, 1 - p);
  const mean = n * p;
  if (mean >= 30) {
    const draw = Math.round(mean + Math.sqrt(mean * (1 - p)) * normal(rng));
    return Math.min(n, Math.max(0, draw));
  }
  const u = rng.next();
  const odds = p / (1 - p);
  let pmf = Math.pow(1 - p, n);
  let cdf = pmf;
  let k = 0;
  while (u >= cdf && k < n) {
    pmf *= ((n - k) / (k + 1)) * odds;
    k++;
    cdf += pmf;
  }
  return k;
}
