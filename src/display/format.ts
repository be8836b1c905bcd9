/**
 * Number formatting by unit, for tables, hover text and explained results.
 * The formatters here check their input and delegate to the one formatting
 * layer (`src/internal/format.ts`), which every namespace shares: the same
 * amount prints the same way in a table, a chart, `cost.formatUsd` and
 * `availability.allowedDowntime`. Every formatter uses the en-US locale so
 * output is the same on every machine.
 */
import { finite, oneOf, integer, object } from "../internal/errors";
import * as format from "../internal/format";
import { DURATION_UNITS, type DurationUnit } from "../internal/format";

export type { DurationUnit } from "../internal/format";

/**
 * How a column or value is shown:
 * - `money`: US dollars, `$1,234.56` (`$0.0125` below one dollar);
 * - `percent`: a fraction shown as a percentage, 0.999 → `99.9%`;
 * - `count`: a grouped number, `12,345`;
 * - `ms`: a latency in milliseconds, `12.3 ms`;
 * - `duration:<unit>`: a duration given in `<unit>`, shown in the largest
 *   human unit that keeps it at or above 1 (2592 s → `43.2 min`);
 * - `number`: four significant digits, scientific below 0.001;
 * - `text`: the value as a string.
 */
export type Unit =
  | "money"
  | "percent"
  | "count"
  | "ms"
  | "number"
  | "text"
  | "duration:ms"
  | "duration:s"
  | "duration:min"
  | "duration:h"
  | "duration:d";

/** Every accepted {@link Unit}, in the order the docs list them. */
export const UNITS: readonly Unit[] = [
  "money",
  "percent",
  "count",
  "ms",
  "number",
  "text",
  "duration:ms",
  "duration:s",
  "duration:min",
  "duration:h",
  "duration:d",
];

/** Shown for a missing value (null, undefined, NaN) in a table cell. */
export const MISSING = "—";

/**
 * Formats US dollars: up to four significant digits below one dollar (so
 * unit prices such as $0.0125 per GB-month keep their meaning), to the
 * cent from one dollar without ".00" for whole amounts, and in thousands
 * from $10,000, as the course writes bills. The same text as `cost.formatUsd`.
 * @param usd amount in US dollars, any finite number
 * @throws TypeError when `usd` is not a finite number
 * @example formatMoney(1234.5) // => "$1,234.50"
 * @example formatMoney(0.00099) // => "$0.00099"
 * @example formatMoney(26540) // => "$26.54K"
 */
export function formatMoney(usd: number): string {
  finite("display.formatMoney", "usd", usd);
  return format.money(usd);
}

/**
 * Formats a fraction as a percentage, trimming trailing zeros.
 * @param fraction the value as a fraction (0.999 is 99.9%), any finite number
 * @param decimals most digits after the decimal point, integer in [0, 10]; default 3
 * @throws TypeError when `fraction` is not a finite number
 * @throws RangeError when `decimals` is outside [0, 10]
 * @example formatPercent(0.999) // => "99.9%"
 * @example formatPercent(1 / 3, 1) // => "33.3%"
 */
export function formatPercent(fraction: number, decimals = 3): string {
  finite("display.formatPercent", "fraction", fraction);
  integer("display.formatPercent", "decimals", decimals, { min: 0, max: 10 });
  return format.percent(fraction, decimals);
}

/**
 * Formats a count with thousands separators and at most two decimals.
 * @param count any finite number (averages such as 2.5 are allowed)
 * @throws TypeError when `count` is not a finite number
 * @example formatCount(1234567) // => "1,234,567"
 */
export function formatCount(count: number): string {
  finite("display.formatCount", "count", count);
  return format.count(count);
}

/**
 * Formats a latency in milliseconds with three significant digits
 * (whole milliseconds from 1,000 ms up).
 * @param ms milliseconds, any finite number
 * @throws TypeError when `ms` is not a finite number
 * @example formatMs(12.345) // => "12.3 ms"
 */
export function formatMs(ms: number): string {
  finite("display.formatMs", "ms", ms);
  return format.milliseconds(ms);
}

/**
 * Formats a plain number with four significant digits, in scientific
 * notation when it is below 0.001 in magnitude (but not zero).
 * @param value any finite number
 * @throws TypeError when `value` is not a finite number
 * @example formatNumber(1.8797e-6) // => "1.88e-6"
 * @example formatNumber(0.55555) // => "0.5556"
 * @example formatNumber(123456.7) // => "123,457"
 */
export function formatNumber(value: number): string {
  finite("display.formatNumber", "value", value);
  return format.plainNumber(value);
}

/** Options for {@link formatDuration}. */
export interface DurationFormatOptions {
  /** Show in this unit instead of choosing one. */
  readonly to?: DurationUnit;
  /** Significant digits, integer in [1, 10]; default 3. */
  readonly digits?: number;
}

/**
 * Formats a duration in a human unit (converted as mathjs's units do). The
 * unit is the largest of d, h, min, s, ms in which the rounded value is at
 * least 1, unless `options.to` names one. Durations follow the Google SRE
 * book's availability table: 99.9% of a 30-day month is 2592 s, "43.2 min".
 * @param value the duration, any finite number, in unit `from`
 * @param from unit of `value`: "ms", "s", "min", "h" or "d"
 * @param options `to` (a fixed unit) and `digits` (significant digits, default 3)
 * @throws TypeError when `value` is not a finite number
 * @throws RangeError when `from`, `options.to` or `options.digits` is not allowed
 * @example formatDuration(2592, "s") // => "43.2 min"
 * @example formatDuration(60.48, "s", { to: "s" }) // => "60.5 s"
 */
export function formatDuration(value: number, from: DurationUnit, options: DurationFormatOptions = {}): string {
  const where = "display.formatDuration";
  finite(where, "value", value);
  oneOf(where, "from", from, DURATION_UNITS);
  object(where, "options", options);
  const digits = options.digits === undefined ? 3 : integer(where, "digits", options.digits, { min: 1, max: 10 });
  const to = options.to === undefined ? undefined : oneOf(where, "to", options.to, DURATION_UNITS);
  return format.duration(value, from, to, digits);
}

function isUnit(value: unknown): value is Unit {
  return typeof value === "string" && (UNITS as readonly string[]).includes(value);
}

/**
 * Formats one value for display by unit. Missing values (null, undefined,
 * NaN) show as "—", ±Infinity as "∞"/"-∞", strings as themselves, dates
 * as ISO 8601, and numbers by `unit` (default "number").
 * @param value any value, typically a table cell
 * @param unit how to show a number; see {@link Unit}
 * @throws RangeError when `unit` is not a known unit
 * @example formatValue(0.9995, "percent") // => "99.95%"
 * @example formatValue(null, "money") // => "—"
 */
export function formatValue(value: unknown, unit: Unit = "number"): string {
  if (!isUnit(unit)) oneOf("display.formatValue", "unit", unit, UNITS);
  if (value === null || value === undefined || (typeof value === "number" && Number.isNaN(value))) return MISSING;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return value > 0 ? "∞" : "-∞";
    switch (unit) {
      case "money":
        return formatMoney(value);
      case "percent":
        return formatPercent(value);
      case "count":
        return formatCount(value);
      case "ms":
        return formatMs(value);
      case "text":
        return String(value);
      case "number":
        return formatNumber(value);
      default:
        return formatDuration(value, unit.slice("duration:".length) as DurationUnit);
    }
  }
  if (typeof value === "string") return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? MISSING : value.toISOString();
  if (typeof value === "bigint") return value.toLocaleString("en-US");
  if (typeof value === "boolean") return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // A cycle, a BigInt inside, or an object without toString (Object.create(null)).
    return Array.isArray(value) ? `[array of ${value.length}]` : typeof value === "symbol" ? value.toString() : "[object]";
  }
}

/**
 * The d3-format string Plotly should use for axes and hover of a unit, or
 * undefined when Plotly's default is right. Internal to the display stage.
 */
export function plotlyFormat(unit: Unit | undefined): string | undefined {
  switch (unit) {
    case "money":
      return "$,.2f";
    case "percent":
      return ".3~%";
    case "count":
      return ",.2~f";
    default:
      return undefined;
  }
}

/**
 * A Plotly hovertemplate field showing coordinate `axis` in `unit` with a
 * d3 format close to {@link formatValue}'s, or undefined for duration units
 * (which need text computed per point). Internal to the display stage.
 */
export function hoverField(axis: "x" | "y", unit: Unit): string | undefined {
  switch (unit) {
    case "money":
      return `%{${axis}:$,.2f}`;
    case "percent":
      return `%{${axis}:.3~%}`;
    case "count":
      return `%{${axis}:,.2~f}`;
    case "ms":
      return `%{${axis}:,.3~r} ms`;
    case "number":
      return `%{${axis}:.4~r}`;
    case "text":
      return `%{${axis}}`;
    default:
      return undefined;
  }
}

/** A short axis suffix for a unit: " (%)", " ($)", " (ms)", "" otherwise. Internal. */
export function unitSuffix(unit: Unit | undefined): string {
  if (unit === undefined) return "";
  if (unit === "money") return " ($)";
  if (unit === "percent") return " (%)";
  if (unit === "ms") return " (ms)";
  if (unit.startsWith("duration:")) return ` (${unit.slice("duration:".length)})`;
  return "";
}

/** Validates a unit at a public boundary. Internal. */
export function checkUnit(where: string, name: string, value: unknown): Unit {
  return oneOf(where, name, value, UNITS);
}
