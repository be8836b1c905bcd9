/**
 * What-if helpers: which input moves the total most (tornado data), when
 * reserved capacity beats on-demand, and what spot really costs once
 * interruptions are paid for.
 */
import { finite, object, rangeError, typeError, finiteResult } from "../internal/errors";
import { priceBook, type PriceBook } from "./pricing";

/** Options of {@link tornado}. */
export interface SensitivityOptions<K extends string> {
  /** Total USD per month for a set of inputs; must return a finite number. */
  readonly model: (inputs: Readonly<Record<K, number>>) => number;
  /** The baseline inputs, each a finite number. */
  readonly inputs: Readonly<Record<K, number>>;
  /** Relative change applied to each input in turn, in (0, 1]; default 0.1 (±10%). */
  readonly change?: number;
}

/** One bar of a tornado chart. */
export interface SensitivityRow<K extends string = string> {
  readonly input: K;
  readonly baseValue: number;
  readonly lowValue: number;
  readonly highValue: number;
  /** Model total with the input at `lowValue` (others at baseline). */
  readonly lowUsd: number;
  readonly highUsd: number;
  /** |highUsd − lowUsd|: how far this input moves the total. */
  readonly swingUsd: number;
}

/** Result of {@link tornado}. */
export interface Sensitivity<K extends string = string> {
  readonly baseUsd: number;
  /** Largest swing first (ties by input name). */
  readonly rows: readonly SensitivityRow<K>[];
}

/**
 * One-at-a-time sensitivity (tornado data): each input is moved ±`change`
 * (relative) with the others at baseline, and the rows are sorted by how
 * far the total moves.
 * @param options model, baseline inputs and the relative change
 * @returns the baseline total and one row per input, largest swing first
 * @throws TypeError/RangeError when an input or `change` is invalid, or the
 *   model returns a non-finite number
 * @example tornado({ model: (x) => x.a * 2 + x.b, inputs: { a: 10, b: 10 } }).rows[0].input // => "a"
 */
export function tornado<K extends string>(options: SensitivityOptions<K>): Sensitivity<K> {
  const where = "cost.tornado";
  object(where, "options", options);
  if (typeof options.model !== "function") throw typeError(where, "model", "a function", options.model);
  const inputs = object<Record<K, number>>(where, "inputs", options.inputs);
  const change = options.change === undefined ? 0.1 : finite(where, "change", options.change, { min: 0, max: 1, minExclusive: true });
  const keys = Object.keys(inputs) as K[];
  for (const k of keys) finite(where, `inputs.${k}`, inputs[k]);
  const run = (x: Record<K, number>, label: string) => {
    const y = options.model(x);
    if (typeof y !== "number" || !Number.isFinite(y)) throw typeError(where, `model(${label})`, "a finite number", y);
    return y;
  };
  const baseUsd = run({ ...inputs }, "inputs");
  const rows = keys.map((k) => {
    const baseValue = inputs[k];
    const lowValue = baseValue * (1 - change);
    const highValue = baseValue * (1 + change);
    const lowUsd = run({ ...inputs, [k]: lowValue }, `${k}=${lowValue}`);
    const highUsd = run({ ...inputs, [k]: highValue }, `${k}=${highValue}`);
    return { input: k, baseValue, lowValue, highValue, lowUsd, highUsd, swingUsd: Math.abs(highUsd - lowUsd) };
  });
  rows.sort((a, b) => b.swingUsd - a.swingUsd || (a.input < b.input ? -1 : a.input > b.input ? 1 : 0));
  return { baseUsd, rows };
}

/** Result of {@link reservedBreakEven}. */
export interface ReservedBreakEven {
  /**
   * Utilization (fraction of the month the capacity is actually needed)
   * above which reserved is cheaper: reserved / on-demand price. Above 1
   * means reserved is never cheaper.
   */
  readonly breakEvenUtilization: number;
  readonly reservedEverCheaper: boolean;
}

/**
 * Break-even utilization between reserved capacity (billed every hour) and
 * on-demand (billed only when used): on-demand × u × hours = reserved ×
 * hours, so u = reserved / on-demand. Upfront payments should be spread
 * into `reservedUsdPerHour` first.
 * @param options.onDemandUsdPerHour on-demand price, USD > 0
 * @param options.reservedUsdPerHour effective reserved price, USD >= 0
 * @throws TypeError/RangeError when a price is outside its range
 * @example reservedBreakEven({ onDemandUsdPerHour: 0.5, reservedUsdPerHour: 0.2 }).breakEvenUtilization // => 0.4
 */
export function reservedBreakEven(options: { onDemandUsdPerHour: number; reservedUsdPerHour: number }): ReservedBreakEven {
  const where = "cost.reservedBreakEven";
  object(where, "options", options);
  const od = finite(where, "onDemandUsdPerHour", options.onDemandUsdPerHour, { min: 0, minExclusive: true });
  const r = finite(where, "reservedUsdPerHour", options.reservedUsdPerHour, { min: 0 });
  const u = r / od;
  return finiteResult(where, { breakEvenUtilization: u, reservedEverCheaper: u < 1 });
}

/** Options of {@link reservedVsOnDemand}. */
export interface ReservedVsOnDemandOptions {
  /** USD > 0 per hour (per vCPU-hour or per node-hour, the same for both). */
  readonly onDemandUsdPerHour: number;
  /** USD >= 0 per hour. */
  readonly reservedUsdPerHour: number;
  /** Fraction of the month the capacity is needed, in [0, 1]. */
  readonly utilization: number;
  /** Units of capacity (vCPUs or nodes), >= 0; default 1. */
  readonly units?: number;
  readonly prices?: PriceBook;
}

/**
 * Monthly cost of the same capacity bought on demand (paid only while
 * used) or reserved (paid every hour).
 * @throws TypeError/RangeError when an input is outside its range
 * @example reservedVsOnDemand({ onDemandUsdPerHour: 0.5, reservedUsdPerHour: 0.2, utilization: 0.33, units: 40 })
 *   // => { onDemandUsdPerMonth: 4818, reservedUsdPerMonth: 5840, cheaper: "on-demand" }
 */
export function reservedVsOnDemand(options: ReservedVsOnDemandOptions): {
  onDemandUsdPerMonth: number;
  reservedUsdPerMonth: number;
  cheaper: "on-demand" | "reserved" | "equal";
} {
  const where = "cost.reservedVsOnDemand";
  object(where, "options", options);
  const od = finite(where, "onDemandUsdPerHour", options.onDemandUsdPerHour, { min: 0, minExclusive: true });
  const r = finite(where, "reservedUsdPerHour", options.reservedUsdPerHour, { min: 0 });
  const u = finite(where, "utilization", options.utilization, { min: 0, max: 1 });
  const units = options.units === undefined ? 1 : finite(where, "units", options.units, { min: 0 });
  const hours = priceBook(where, "prices", options.prices).hoursPerMonth;
  const onDemandUsdPerMonth = od * u * hours * units;
  const reservedUsdPerMonth = r * hours * units;
  const cheaper = onDemandUsdPerMonth < reservedUsdPerMonth ? "on-demand" : onDemandUsdPerMonth > reservedUsdPerMonth ? "reserved" : "equal";
  return finiteResult(where, { onDemandUsdPerMonth, reservedUsdPerMonth, cheaper });
}

/** Options of {@link spotEffectivePrice}. */
export interface SpotOptions {
  /** Spot price, USD >= 0 per hour. */
  readonly spotUsdPerHour: number;
  /** Fraction of billed spot hours whose work is lost and re-run, in [0, 1). */
  readonly rerunFraction: number;
  /** Extra time spent writing checkpoints, as a fraction of useful work, >= 0; default 0. */
  readonly checkpointOverhead?: number;
  /** On-demand price for comparison, USD > 0 per hour. */
  readonly onDemandUsdPerHour?: number;
}

/** Result of {@link spotEffectivePrice}. */
export interface SpotEffectivePrice {
  /** Price per hour of useful work: spot × (1 + checkpointOverhead) / (1 − rerunFraction). */
  readonly effectiveUsdPerHour: number;
  /** 1 − effective / on-demand (only with `onDemandUsdPerHour`; negative when spot costs more). */
  readonly effectiveDiscount?: number;
  /**
   * Re-run fraction at which spot costs as much as on-demand (only with
   * `onDemandUsdPerHour`); 0 when spot with this checkpoint overhead is never cheaper.
   */
  readonly breakEvenRerunFraction?: number;
}

/**
 * What spot capacity costs per hour of useful work once interruptions are
 * paid for: lost work is re-run, and checkpointing takes time too.
 * @param options see {@link SpotOptions}
 * @throws TypeError/RangeError when an input is outside its range
 * @example spotEffectivePrice({ spotUsdPerHour: 0.15, rerunFraction: 0.1, checkpointOverhead: 0.05, onDemandUsdPerHour: 0.5 })
 *   // => { effectiveUsdPerHour: 0.175, effectiveDiscount: 0.65, breakEvenRerunFraction: 0.685 }
 */
export function spotEffectivePrice(options: SpotOptions): SpotEffectivePrice {
  const where = "cost.spotEffectivePrice";
  object(where, "options", options);
  const spot = finite(where, "spotUsdPerHour", options.spotUsdPerHour, { min: 0 });
  const rerun = finite(where, "rerunFraction", options.rerunFraction, { min: 0, max: 1, maxExclusive: true });
  const overhead = options.checkpointOverhead === undefined ? 0 : finite(where, "checkpointOverhead", options.checkpointOverhead, { min: 0 });
  const effectiveUsdPerHour = (spot * (1 + overhead)) / (1 - rerun);
  if (options.onDemandUsdPerHour === undefined) return { effectiveUsdPerHour };
  const od = finite(where, "onDemandUsdPerHour", options.onDemandUsdPerHour, { min: 0, minExclusive: true });
  return finiteResult(where, {
    effectiveUsdPerHour,
    effectiveDiscount: 1 - effectiveUsdPerHour / od,
    breakEvenRerunFraction: Math.max(0, 1 - (spot * (1 + overhead)) / od),
  });
}

/** Options of {@link spotInterruptionOverhead}. */
export interface SpotInterruptionOptions {
  /** Mean interruptions per billed hour, >= 0. */
  readonly interruptionsPerHour: number;
  /** Time between checkpoints, hours > 0. */
  readonly checkpointIntervalHours: number;
  /** Time to write one checkpoint, hours >= 0. */
  readonly checkpointHours: number;
  /** Time to get a replacement node working after an interruption, hours >= 0; default 0. */
  readonly restartHours?: number;
}

/**
 * Turns an interruption rate and a checkpoint policy into the two inputs of
 * {@link spotEffectivePrice}. Each interruption loses, on average, half a
 * checkpoint interval plus the restart time, so rerunFraction ≈
 * interruptionsPerHour × (interval / 2 + restart); checkpointOverhead =
 * checkpointHours / interval. Also returns Young's optimal interval
 * √(2 × checkpointHours / interruptionsPerHour) (Young, CACM 1974).
 * First-order model: valid while the rerun fraction is well below 1.
 * @throws TypeError/RangeError when an input is outside its range or the
 *   interruption rate leaves no useful work (rerunFraction >= 1)
 * @example spotInterruptionOverhead({ interruptionsPerHour: 0.05, checkpointIntervalHours: 1, checkpointHours: 0.05 })
 *   // => { rerunFraction: 0.025, checkpointOverhead: 0.05, optimalCheckpointIntervalHours: 1.414… }
 */
export function spotInterruptionOverhead(options: SpotInterruptionOptions): {
  rerunFraction: number;
  checkpointOverhead: number;
  optimalCheckpointIntervalHours: number | null;
} {
  const where = "cost.spotInterruptionOverhead";
  object(where, "options", options);
  const rate = finite(where, "interruptionsPerHour", options.interruptionsPerHour, { min: 0 });
  const interval = finite(where, "checkpointIntervalHours", options.checkpointIntervalHours, { min: 0, minExclusive: true });
  const checkpoint = finite(where, "checkpointHours", options.checkpointHours, { min: 0 });
  const restart = options.restartHours === undefined ? 0 : finite(where, "restartHours", options.restartHours, { min: 0 });
  const lostPerInterruption = interval / 2 + restart;
  const rerunFraction = rate * lostPerInterruption;
  if (!(rerunFraction < 1)) {
    const limit = 1 / lostPerInterruption;
    throw rangeError(where, "interruptionsPerHour", `< 1 / (checkpointIntervalHours / 2 + restartHours) = ${limit}`, rate);
  }
  return finiteResult(where, {
    rerunFraction,
    checkpointOverhead: checkpoint / interval,
    optimalCheckpointIntervalHours: rate > 0 ? Math.sqrt((2 * checkpoint) / rate) : null,
  });
}
