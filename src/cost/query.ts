/** Query-engine hours (Presto/Trino on EMR, Athena-style clusters). */
import { finite, nonEmptyString, object } from "../internal/errors";
import { lineItem, type LineItem } from "./money";
import { priceBook, type PriceBook } from "./pricing";
import { billedHours, type Schedule } from "./schedule";

/** Options of {@link queryEngine}. */
export interface QueryEngineOptions extends Schedule {
  readonly label?: string;
  /** The cluster's price per hour while running, USD >= 0. */
  readonly usdPerHour: number;
  readonly prices?: PriceBook;
}

/**
 * Monthly cost of a query engine that runs on a schedule: hours × $ per
 * cluster-hour.
 * @param options `usdPerHour` plus a {@link Schedule} (e.g. `hoursPerDay: 1`)
 * @returns a query {@link LineItem} (quantity in hours)
 * @throws TypeError/RangeError when an input is outside its range
 * @example queryEngine({ usdPerHour: 40, hoursPerDay: 1, daysPerMonth: 30 }).usdPerMonth // => 1200
 */
export function queryEngine(options: QueryEngineOptions): LineItem {
  const where = "cost.queryEngine";
  object(where, "options", options);
  const book = priceBook(where, "prices", options.prices);
  const rate = finite(where, "usdPerHour", options.usdPerHour, { min: 0 });
  const hours = billedHours(where, options, book);
  const label = options.label === undefined ? "query engine" : nonEmptyString(where, "label", options.label);
  return lineItem("query", label, { amount: hours, unit: "hour" }, { usd: rate, per: "hour" });
}
