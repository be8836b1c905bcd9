/**
 * Compute line items: nodes × vCPUs × $ per vCPU-hour × hours, bought
 * on demand, as spot capacity or reserved.
 */
import { finite, object, oneOf, rangeError, finiteResult } from "../internal/errors";
import { money } from "../internal/format";
import { lineItem, type LineItem } from "./money";
import { priceBook, type PriceBook } from "./pricing";
import { billedHours, hasSchedule, type Schedule } from "./schedule";

/** How capacity is bought. Reserved capacity is billed every hour of the month. */
export type PurchaseOption = "on-demand" | "spot" | "reserved";

const PURCHASE_OPTIONS: readonly PurchaseOption[] = ["on-demand", "spot", "reserved"];

/** An autoscaling group's node range and the average it is priced at. */
export interface AutoscalingRange {
  /** Fewest nodes, finite >= 0 (not required to be an integer: sensitivity runs scale it). */
  readonly min: number;
  /** Most nodes, finite >= min. */
  readonly max: number;
  /** Average nodes over the billed hours, in [min, max]; defaults to the midpoint. */
  readonly average?: number;
}

/** Options of {@link compute}. */
export interface ComputeOptions extends Schedule {
  readonly label?: string;
  /** A fixed node count (>= 0) or an autoscaling range. */
  readonly nodes: number | AutoscalingRange;
  /** vCPUs (cores) per node, > 0 (fractional for an average over mixed node types). */
  readonly vcpusPerNode: number;
  /** The price paid per vCPU-hour, USD >= 0 (see {@link discounted} for spot/reserved). */
  readonly usdPerVcpuHour: number;
  /** Defaults to "on-demand". */
  readonly purchase?: PurchaseOption;
  /** Calendar (hours in a month); defaults to {@link prices}(). */
  readonly prices?: PriceBook;
}

/**
 * Monthly compute cost: nodes × vCPUs per node × $ per vCPU-hour × billed
 * hours. Billed hours follow the schedule (always on, a daily batch window,
 * or hours per month); reserved capacity is a commitment, billed for every
 * hour of the month, so it takes no schedule. An autoscaling range is priced
 * at its average and also reports the bill at `min` and `max` nodes.
 * @param options see {@link ComputeOptions}
 * @returns a compute {@link LineItem} whose quantity is vCPU-hours
 * @throws TypeError/RangeError when an input is outside its range, or when a
 *   schedule is given for reserved capacity
 * @example compute({ nodes: 100, vcpusPerNode: 8, usdPerVcpuHour: 0.5 }).usdPerMonth // => 292000 (course, 730 h)
 * @example compute({ nodes: { min: 10, max: 100, average: 50 }, vcpusPerNode: 8, usdPerVcpuHour: 0.15,
 *   purchase: "spot", hoursPerDay: 8, daysPerMonth: 30 }).usdPerMonth // => 14400
 */
export function compute(options: ComputeOptions): LineItem {
  const where = "cost.compute";
  object(where, "options", options);
  const book = priceBook(where, "prices", options.prices);
  const purchase = options.purchase === undefined ? "on-demand" : oneOf(where, "purchase", options.purchase, PURCHASE_OPTIONS);
  const vcpus = finite(where, "vcpusPerNode", options.vcpusPerNode, { min: 0, minExclusive: true });
  const rate = finite(where, "usdPerVcpuHour", options.usdPerVcpuHour, { min: 0 });
  if (purchase === "reserved" && hasSchedule(options)) {
    const [name, value] =
      options.hoursPerMonth !== undefined
        ? ["hoursPerMonth", options.hoursPerMonth]
        : options.hoursPerDay !== undefined
          ? ["hoursPerDay", options.hoursPerDay]
          : ["daysPerMonth", options.daysPerMonth];
    throw rangeError(where, name, "undefined for reserved capacity (billed every hour of the month)", value);
  }
  const hours = billedHours(where, options, book);
  const { average, min, max } = nodeRange(where, options.nodes);
  const vcpuHours = (n: number) => n * vcpus * hours;
  const label = options.label ?? `${purchase} compute`;
  const isRange = typeof options.nodes !== "number";
  return finiteResult(where, lineItem(
    "compute",
    label,
    { amount: vcpuHours(average), unit: "vCPU-hour" },
    { usd: rate, per: "vCPU-hour" },
    {
      ...(isRange ? { rangeUsdPerMonth: [vcpuHours(min) * rate, vcpuHours(max) * rate] as const } : {}),
      note: `${average} nodes${isRange ? ` (autoscaling ${min}–${max})` : ""} × ${vcpus} vCPU × ${hours} h × ${money(rate)}/vCPU-hour (${purchase})`,
    },
  ));
}

function nodeRange(where: string, nodes: unknown): { average: number; min: number; max: number } {
  if (typeof nodes === "number") {
    const n = finite(where, "nodes", nodes, { min: 0 });
    return { average: n, min: n, max: n };
  }
  const range = object<AutoscalingRange>(where, "nodes", nodes);
  const min = finite(where, "nodes.min", range.min, { min: 0 });
  const max = finite(where, "nodes.max", range.max, { min, minLabel: `min=${min}` });
  const average =
    range.average === undefined
      ? (min + max) / 2
      : finite(where, "nodes.average", range.average, { min, max, minLabel: `min=${min}`, maxLabel: `max=${max}` });
  return { average, min, max };
}

/**
 * The price after a discount off on-demand: `onDemand × (1 − discount)`.
 * @param onDemandUsdPerHour on-demand price, USD >= 0 (per vCPU-hour or per node-hour)
 * @param discount fraction off, in [0, 1]
 * @throws TypeError/RangeError when an input is outside its range
 * @example discounted(0.5, 0.7) // => 0.15000000000000002 (the course's $0.15 spot price, up to float rounding)
 */
export function discounted(onDemandUsdPerHour: number, discount: number): number {
  const where = "cost.discounted";
  finite(where, "onDemandUsdPerHour", onDemandUsdPerHour, { min: 0 });
  finite(where, "discount", discount, { min: 0, max: 1 });
  return onDemandUsdPerHour * (1 - discount);
}
