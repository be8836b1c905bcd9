/**
 * PBS delay distributions: exponential, Pareto, constant, shifted (fixed
 * offsets such as a WAN hop) and mixtures; the paper's fitted production
 * profiles from `data/pbs-profiles.json`; and the compiled samplers the
 * simulation's hot loop uses (internal: only the builders, `profile`,
 * `profileNames` and `sample` are re-exported by `pbs`).
 */
import { readJsonFile } from "../internal/dataFormats";
import { array, finite, integer, object, oneOf, rangeError } from "../internal/errors";
import { fillExponential, fillUint32, streamState, type StreamState } from "../internal/random";
import { dataPath } from "../internal/dataFiles";

/** Exponential delay with `rate` λ per ms (mean 1/λ ms). */
export interface ExponentialDistribution {
  readonly type: "exponential";
  /** λ, per ms, in [1e-9, 1e9]. */
  readonly rate: number;
}

/** Pareto delay: scale x_m ms (the minimum) and shape α; P(X > x) = (x_m / x)^α. */
export interface ParetoDistribution {
  readonly type: "pareto";
  /** x_m, ms, in (0, 1e9]. */
  readonly scale: number;
  /** α, in [0.1, 1e6] (the mean is finite only for α > 1). */
  readonly shape: number;
}

/** A fixed delay. */
export interface ConstantDistribution {
  readonly type: "constant";
  /** ms, in [0, 1e9]. */
  readonly valueMs: number;
}

/** Another distribution plus a fixed offset (e.g. a WAN hop). */
export interface ShiftedDistribution {
  readonly type: "shifted";
  /** ms added to every draw, in [0, 1e9]. */
  readonly offsetMs: number;
  readonly distribution: Distribution;
}

/** One component of a {@link MixtureDistribution}. */
export interface MixtureComponent {
  /** Probability of drawing from this component, in (0, 1]; the weights sum to 1. */
  readonly weight: number;
  readonly distribution: Distribution;
}

/** A draw from component i with probability weight i. */
export interface MixtureDistribution {
  readonly type: "mixture";
  readonly components: readonly MixtureComponent[];
}

/** A one-way message delay distribution, in ms. */
export type Distribution =
  | ExponentialDistribution
  | ParetoDistribution
  | ConstantDistribution
  | ShiftedDistribution
  | MixtureDistribution;

/** Replicas spread over datacenters, one per datacenter. */
export interface WanPlacement {
  /** ms added to each one-way message to or from a replica outside the client's datacenter, in [0, 1e9]. */
  readonly remoteDelayMs: number;
  /**
   * Where the writer and the reader are: `"random"` (default) draws each
   * one's datacenter independently and uniformly in every trial, as the
   * paper's simulator does; `"colocated"` puts both beside replica 0.
   */
  readonly clients?: "random" | "colocated";
}

/** The four WARS delay distributions, and optionally a WAN placement. */
export interface LatencyProfile {
  readonly name?: string;
  readonly description?: string;
  /** Write request, coordinator → replica. */
  readonly w: Distribution;
  /** Write acknowledgement, replica → coordinator. */
  readonly a: Distribution;
  /** Read request, coordinator → replica. */
  readonly r: Distribution;
  /** Read response, replica → coordinator. */
  readonly s: Distribution;
  readonly wan?: WanPlacement;
}

/** The paper's fitted production profiles, shipped in `data/pbs-profiles.json`. */
export type ProfileName = "LNKD-SSD" | "LNKD-DISK" | "YMMR" | "WAN";

export const PROFILE_NAMES: readonly ProfileName[] = ["LNKD-SSD", "LNKD-DISK", "YMMR", "WAN"];
const TYPES: readonly Distribution["type"][] = ["exponential", "pareto", "constant", "shifted", "mixture"];
const MAX_DEPTH = 8;

// ---------------------------------------------------------------- validation

// Bounds that keep every draw finite: Exp(1) variates stay below 31 (see
// `fillExponential`), a Pareto draw is at most x_m·e^(31/α), so with these limits
// no delay, sum or difference can overflow to Infinity or NaN.
const RATE = { min: 1e-9, max: 1e9 };
const SCALE = { min: 0, max: 1e9, minExclusive: true };
const SHAPE = { min: 0.1, max: 1e6 };
const MILLISECONDS = { min: 0, max: 1e9 };

/** Validates a distribution (recursively), naming the failing part by its path. */
export function distribution(where: string, name: string, value: unknown, depth = 0): Distribution {
  const d = object<Record<string, unknown>>(where, name, value);
  const type = oneOf(where, `${name}.type`, d.type, TYPES);
  switch (type) {
    case "exponential":
      return { type, rate: finite(where, `${name}.rate`, d.rate, RATE) };
    case "pareto":
      return {
        type,
        scale: finite(where, `${name}.scale`, d.scale, SCALE),
        shape: finite(where, `${name}.shape`, d.shape, SHAPE),
      };
    case "constant":
      return { type, valueMs: finite(where, `${name}.valueMs`, d.valueMs, MILLISECONDS) };
    case "shifted":
      if (depth >= MAX_DEPTH) throw rangeError(where, name, `nested at most ${MAX_DEPTH} deep`, value);
      return {
        type,
        offsetMs: finite(where, `${name}.offsetMs`, d.offsetMs, MILLISECONDS),
        distribution: distribution(where, `${name}.distribution`, d.distribution, depth + 1),
      };
    case "mixture":
      if (depth >= MAX_DEPTH) throw rangeError(where, name, `nested at most ${MAX_DEPTH} deep`, value);
      return { type, components: mixtureComponents(where, `${name}.components`, d.components, depth + 1) };
  }
}

function mixtureComponents(where: string, name: string, value: unknown, depth: number): MixtureComponent[] {
  const list = array<unknown>(where, name, value);
  const components = list.map((c, i) => {
    const path = `${name}[${i}]`;
    const component = object<Record<string, unknown>>(where, path, c);
    return {
      weight: finite(where, `${path}.weight`, component.weight, { min: 0, max: 1, minExclusive: true }),
      distribution: distribution(where, `${path}.distribution`, component.distribution, depth),
    };
  });
  const sum = components.reduce((s, c) => s + c.weight, 0);
  if (Math.abs(sum - 1) > 1e-9) {
    throw rangeError(where, `the sum of ${name}[].weight`, "1 (within 1e-9)", sum);
  }
  return components;
}

/** Validates a latency profile, naming the failing part by its path. */
export function latencyProfile(where: string, name: string, value: unknown): LatencyProfile {
  const p = object<Record<string, unknown>>(where, name, value);
  const profile: {
    name?: string;
    description?: string;
    w: Distribution;
    a: Distribution;
    r: Distribution;
    s: Distribution;
    wan?: WanPlacement;
  } = {
    w: distribution(where, `${name}.w`, p.w),
    a: distribution(where, `${name}.a`, p.a),
    r: distribution(where, `${name}.r`, p.r),
    s: distribution(where, `${name}.s`, p.s),
  };
  if (typeof p.name === "string") profile.name = p.name;
  if (typeof p.description === "string") profile.description = p.description;
  if (p.wan !== undefined) {
    const wan = object<Record<string, unknown>>(where, `${name}.wan`, p.wan);
    profile.wan = {
      remoteDelayMs: finite(where, `${name}.wan.remoteDelayMs`, wan.remoteDelayMs, MILLISECONDS),
      clients: oneOf(where, `${name}.wan.clients`, wan.clients ?? "random", ["random", "colocated"] as const),
    };
  }
  return profile;
}

// ---------------------------------------------------------------- builders

/**
 * Exponential delay distribution: P(X > x) = e^(−λx).
 * @param rate λ per ms, in [1e-9, 1e9] (mean 1/λ ms); the PBS demo uses 0.1
 * @returns the distribution
 * @throws TypeError when `rate` is not a finite number; RangeError when it is out of range
 * @example exponential(0.1) // => { type: "exponential", rate: 0.1 } (mean 10 ms)
 */
export function exponential(rate: number): ExponentialDistribution {
  return { type: "exponential", rate: finite("pbs.exponential", "rate", rate, RATE) };
}

/**
 * Pareto delay distribution: P(X > x) = (x_m / x)^α for x >= x_m.
 * @param scale x_m, ms, in (0, 1e9] (the smallest possible delay)
 * @param shape α, in [0.1, 1e6] (heavier tail when smaller; infinite mean when <= 1)
 * @returns the distribution
 * @throws TypeError when a value is not a finite number; RangeError when it is out of range
 * @example pareto(1.05, 1.51) // => { type: "pareto", scale: 1.05, shape: 1.51 } (LNKD-DISK writes' Pareto part)
 */
export function pareto(scale: number, shape: number): ParetoDistribution {
  const where = "pbs.pareto";
  return {
    type: "pareto",
    scale: finite(where, "scale", scale, SCALE),
    shape: finite(where, "shape", shape, SHAPE),
  };
}

/**
 * A fixed delay.
 * @param valueMs ms, in [0, 1e9]
 * @returns the distribution
 * @throws TypeError when not a finite number; RangeError when out of range
 * @example constantDelay(75) // => { type: "constant", valueMs: 75 }
 */
export function constantDelay(valueMs: number): ConstantDistribution {
  return { type: "constant", valueMs: finite("pbs.constantDelay", "valueMs", valueMs, MILLISECONDS) };
}

/**
 * A distribution plus a fixed offset, e.g. a WAN hop on top of a local delay.
 * @param offsetMs ms added to every draw, in [0, 1e9]
 * @param base the distribution to shift
 * @returns the distribution
 * @throws TypeError or RangeError when the offset is negative or `base` is not a valid distribution
 * @example shifted(75, exponential(0.1)) // => { type: "shifted", offsetMs: 75, distribution: { type: "exponential", rate: 0.1 } }
 */
export function shifted(offsetMs: number, base: Distribution): ShiftedDistribution {
  const where = "pbs.shifted";
  return {
    type: "shifted",
    offsetMs: finite(where, "offsetMs", offsetMs, MILLISECONDS),
    distribution: distribution(where, "base", base, 1),
  };
}

/**
 * A mixture: each draw comes from component i with probability weight i.
 * @param components `{ weight, distribution }` pairs; weights in (0, 1] summing to 1 (within 1e-9)
 * @returns the distribution
 * @throws TypeError or RangeError when a weight or distribution is invalid or the weights do not sum to 1
 * @example mixture([{ weight: 0.38, distribution: pareto(1.05, 1.51) }, { weight: 0.62, distribution: exponential(0.183) }]) // LNKD-DISK writes
 */
export function mixture(components: readonly MixtureComponent[]): MixtureDistribution {
  return { type: "mixture", components: mixtureComponents("pbs.mixture", "components", components, 1) };
}

/**
 * A profile whose four delays are all exponential with the same rate, as in
 * the PBS demo (λ = 0.1 per ms by default).
 * @param rate λ per ms, in [1e-9, 1e9]; default 0.1
 * @returns the profile, named `exponential(λ=…/ms)`
 * @throws TypeError when `rate` is not a finite number; RangeError when it is out of range
 * @example exponentialProfile().w // => { type: "exponential", rate: 0.1 }
 */
export function exponentialProfile(rate = 0.1): LatencyProfile {
  const d: ExponentialDistribution = {
    type: "exponential",
    rate: finite("pbs.exponentialProfile", "rate", rate, RATE),
  };
  return { name: `exponential(λ=${rate}/ms)`, w: d, a: d, r: d, s: d };
}

let shipped: Readonly<Record<ProfileName, LatencyProfile>> | undefined;

/** Path of the shipped profiles: `data/` beside both `src/` and `dist/` (this file is in `src/pbs/`). */
const PROFILES_PATH = dataPath("pbs-profiles.json");

function shippedProfiles(): Readonly<Record<ProfileName, LatencyProfile>> {
  if (shipped) return shipped;
  const json = object<Record<string, unknown>>("pbs.profile", "data/pbs-profiles.json", readJsonFile("pbs.profile", PROFILES_PATH));
  const all = object<Record<string, unknown>>("pbs.profile", "data/pbs-profiles.json profiles", json.profiles);
  const loaded = {} as Record<ProfileName, LatencyProfile>;
  for (const name of PROFILE_NAMES) {
    loaded[name] = { ...latencyProfile("pbs.profile", `data/pbs-profiles.json ${name}`, all[name]), name };
  }
  shipped = loaded;
  return loaded;
}

/**
 * One of the paper's fitted production latency profiles (Bailis et al.,
 * VLDB 2012, §5.2), read from `data/pbs-profiles.json`: LNKD-SSD and
 * LNKD-DISK (LinkedIn Voldemort), YMMR (Yammer Riak), and WAN (LNKD-DISK
 * with 75 ms added to each message to a remote replica).
 * @param name "LNKD-SSD", "LNKD-DISK", "YMMR" or "WAN"
 * @returns the profile's four delay distributions (and WAN placement)
 * @throws RangeError or TypeError when `name` is not one of these, or when the data file is invalid
 * @example profile("LNKD-DISK").w.type // => "mixture"
 */
export function profile(name: ProfileName): LatencyProfile {
  const n = oneOf("pbs.profile", "name", name, PROFILE_NAMES);
  return structuredClone(shippedProfiles()[n]); // a copy, so an edit in a notebook cannot change the cache
}

/**
 * Names of the shipped profiles.
 * @returns ["LNKD-SSD", "LNKD-DISK", "YMMR", "WAN"]
 * @example profileNames() // => ["LNKD-SSD", "LNKD-DISK", "YMMR", "WAN"]
 */
export function profileNames(): ProfileName[] {
  return [...PROFILE_NAMES];
}

// ---------------------------------------------------------------- compiled samplers

const EXP = 0;
const PARETO = 1;
const CONST = 2;

/**
 * A distribution flattened to a list of simple components, each with its
 * cumulative weight and total offset.
 */
export interface Compiled {
  readonly count: number;
  readonly cumulative: Float64Array;
  readonly kind: Int32Array;
  /** exp: mean 1/λ; pareto: x_m; constant: the value. */
  readonly p1: Float64Array;
  /** pareto: 1/α. */
  readonly p2: Float64Array;
  readonly offset: Float64Array;
  /** True when the distribution is one exponential (plus an offset): the hot loop's fast path. */
  readonly singleExponential: boolean;
  /** For a single exponential: its mean 1/λ and offset, as plain numbers. */
  readonly mean: number;
  readonly shift: number;
}

/** Flattens a validated distribution (mixtures of mixtures, nested shifts) into components. */
export function compile(d: Distribution): Compiled {
  const parts: { weight: number; kind: number; p1: number; p2: number; offset: number }[] = [];
  const walk = (x: Distribution, weight: number, offset: number): void => {
    switch (x.type) {
      case "exponential":
        parts.push({ weight, kind: EXP, p1: 1 / x.rate, p2: 0, offset });
        return;
      case "pareto":
        parts.push({ weight, kind: PARETO, p1: x.scale, p2: 1 / x.shape, offset });
        return;
      case "constant":
        parts.push({ weight, kind: CONST, p1: x.valueMs, p2: 0, offset });
        return;
      case "shifted":
        walk(x.distribution, weight, offset + x.offsetMs);
        return;
      case "mixture":
        for (const c of x.components) walk(c.distribution, weight * c.weight, offset);
        return;
    }
  };
  walk(d, 1, 0);
  const total = parts.reduce((s, p) => s + p.weight, 0);
  const count = parts.length;
  const only = parts[0];
  const single = count === 1 && only !== undefined && only.kind === EXP;
  const compiled: Compiled = {
    count,
    singleExponential: single,
    mean: single ? only.p1 : 0,
    shift: single ? only.offset : 0,
    cumulative: new Float64Array(count),
    kind: new Int32Array(count),
    p1: new Float64Array(count),
    p2: new Float64Array(count),
    offset: new Float64Array(count),
  };
  let running = 0;
  parts.forEach((p, i) => {
    running += p.weight / total;
    compiled.cumulative[i] = i === count - 1 ? 1 : running;
    compiled.kind[i] = p.kind;
    compiled.p1[i] = p.p1;
    compiled.p2[i] = p.p2;
    compiled.offset[i] = p.offset;
  });
  return compiled;
}

const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

/** Scratch arrays for {@link fillDelays}; one per thread, reused across calls. */
export interface SamplerScratch {
  /** At least the largest `count` passed. */
  readonly uniforms: Uint32Array;
  /** At least twice the largest `count` passed. */
  readonly rejects: Int32Array;
  /** At least twice the largest `count` passed: the delays of each of two components, by index. */
  readonly members: Int32Array;
  /** At least the largest `count` passed, all zero: the `base` of a fill of bare delays. */
  readonly zeros: Float64Array;
}

/** Scratch for fills of up to `count` delays. */
export function samplerScratch(count: number): SamplerScratch {
  return {
    uniforms: new Uint32Array(count),
    rejects: new Int32Array(2 * count),
    members: new Int32Array(2 * count),
    zeros: new Float64Array(count),
  };
}

/**
 * Fills `out[0..count)` with `base[i]` plus a delay from a compiled
 * distribution, drawing from `state` (`scratch.zeros` as `base` for the
 * delays themselves; a column of write delays as `base` gives write + ack
 * sums in the same pass). A column at a time, like numpy, so that each loop does one
 * thing: Exp(1) variates by the ziggurat (see `fillExponential`), then, for
 * a mixture, one uniform per delay picks the component. Exponential delays
 * are Exp(1)/λ; Pareto delays x_m·e^(Exp(1)/α), the same law as
 * x_m·U^(−1/α) without a `Math.pow`. Every delay is finite: Exp(1) variates
 * stay below 31, and the validated bounds (α >= 0.1, x_m and offsets <= 1e9
 * ms) keep e^(31/α) far from overflow.
 *
 * A two-part mixture (every shipped profile's) sorts its delays by part
 * first, without a branch, and then finishes each part in a loop of its
 * own: which part a delay takes is a coin flip, and branching on it
 * mispredicted often enough to cost more than the e^x (LNKD-DISK writes:
 * 7.8 → 3.2 ns a delay). The delays are the same, bit for bit.
 */
export function fillDelays(
  c: Compiled,
  state: StreamState,
  out: Float64Array,
  count: number,
  scratch: SamplerScratch,
  base: Float64Array,
): void {
  if (c.singleExponential) {
    fillExponential(state, out, count, c.mean, c.shift, scratch.rejects, base);
    return;
  }
  if (c.count === 1 && c.kind[0] === CONST) {
    const value = c.p1[0] + c.offset[0];
    for (let i = 0; i < count; i++) out[i] = base[i] + value;
    return;
  }
  const uniforms = scratch.uniforms;
  if (c.count > 1) fillUint32(state, uniforms, count);
  fillExponential(state, out, count, 1, 0, scratch.rejects, scratch.zeros);
  if (c.count === 2) {
    fillTwoParts(c, out, count, uniforms, scratch.members, base);
    return;
  }
  const last = c.count - 1;
  const { cumulative, kind, p1, p2, offset } = c;
  for (let i = 0; i < count; i++) {
    let k = 0;
    if (last > 0) {
      const u = uniforms[i] * TWO_POW_MINUS_32;
      while (k < last && u >= cumulative[k]) k++;
    }
    out[i] = base[i] + componentDelay(kind[k], p1[k], p2[k], offset[k], out[i]);
  }
}

/** One component's delay from its Exp(1) variate `e`, ms. */
function componentDelay(type: number, p1: number, p2: number, offset: number, e: number): number {
  return (type === EXP ? e * p1 : type === PARETO ? p1 * Math.exp(e * p2) : p1) + offset;
}

/**
 * The two-part mixture of {@link fillDelays}: out[i] holds Exp(1) variates
 * on entry and base[i] + a delay on exit. Delay i is in part 0 when its uniform is
 * below the first cumulative weight. Each index is written to the next slot
 * of both lists (`members[0..)` for part 0, `members[count..)` for part 1),
 * and only its own list's length grows.
 */
function fillTwoParts(c: Compiled, out: Float64Array, count: number, uniforms: Uint32Array, members: Int32Array, base: Float64Array): void {
  const split = c.cumulative[0];
  let first = 0;
  let second = count;
  for (let i = 0; i < count; i++) {
    const inSecond = +(uniforms[i] * TWO_POW_MINUS_32 >= split);
    members[first] = i;
    members[second] = i;
    first += 1 - inSecond;
    second += inSecond;
  }
  finishPart(c, 0, out, members, 0, first, base);
  finishPart(c, 1, out, members, count, second, base);
}

/** Turns the Exp(1) variates at out[members[from..to)] into base plus delays of component k, one loop per kind. */
function finishPart(c: Compiled, k: number, out: Float64Array, members: Int32Array, from: number, to: number, base: Float64Array): void {
  const p1 = c.p1[k];
  const p2 = c.p2[k];
  const offset = c.offset[k];
  switch (c.kind[k]) {
    case EXP:
      for (let j = from; j < to; j++) {
        const i = members[j];
        out[i] = base[i] + (out[i] * p1 + offset);
      }
      return;
    case PARETO:
      for (let j = from; j < to; j++) {
        const i = members[j];
        out[i] = base[i] + (p1 * Math.exp(out[i] * p2) + offset);
      }
      return;
    default:
      for (let j = from; j < to; j++) {
        const i = members[j];
        out[i] = base[i] + (p1 + offset);
      }
  }
}

/** Options of {@link sampleDelays}. */
export interface SampleOptions {
  /** The distribution to draw from. */
  readonly distribution: Distribution;
  /** Number of draws, integer in [1, 10000000]. */
  readonly count: number;
  /** Integer seed; the same seed gives the same draws. */
  readonly seed: number;
}

/**
 * Draws delays from a distribution, for plotting or checking it.
 * @param options.distribution the distribution to draw from
 * @param options.count number of draws, integer in [1, 10000000]
 * @param options.seed integer seed; the same seed gives the same draws
 * @returns `count` delays in ms, each finite and >= 0
 * @throws TypeError or RangeError when a value is invalid
 * @example sampleDelays({ distribution: constantDelay(5), count: 2, seed: 1 }) // => [5, 5]
 */
export function sampleDelays(options: SampleOptions): number[] {
  const where = "pbs.sampleDelays";
  object(where, "options", options);
  const d = distribution(where, "distribution", options.distribution);
  const count = integer(where, "count", options.count, { min: 1, max: 10_000_000 });
  const seed = integer(where, "seed", options.seed, { min: -(2 ** 53) + 1, max: 2 ** 53 - 1 });
  const c = compile(d);
  const state = streamState(seed, 0);
  const chunk = Math.min(count, 65_536);
  const scratch = samplerScratch(chunk);
  const column = new Float64Array(chunk);
  const out = new Array<number>(count);
  for (let start = 0; start < count; start += chunk) {
    const size = Math.min(chunk, count - start);
    fillDelays(c, state, column, size, scratch, scratch.zeros);
    for (let i = 0; i < size; i++) out[start + i] = column[i];
  }
  return out;
}

