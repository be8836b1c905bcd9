/**
 * Money, rates and line items.
 *
 * Representation (a deliberate choice over mathjs units): every amount is a
 * plain `number` of US dollars at full precision, and every rate is a
 * {@link Rate} tagged with the unit it is *per* (`"GB-month"`, `"vCPU-hour"`,
 * `"GB"`, `"hour"`, `"AZ-hour"`). A charge is only ever computed by
 * {@link charge}, whose type parameter forces the quantity and the rate to
 * carry the same unit, so `$/GB-month × vCPU-hours` does not compile. The
 * tags cost nothing at run time and keep formulas as readable as the
 * course's arithmetic; mathjs's `month` (1/12 of a Julian year, 730.5 h)
 * would also disagree with the cloud billing month of 730 h.
 *
 * Money is never rounded here: {@link formatUsd} rounds for display only.
 */
import { finite } from "../internal/errors";
import { money } from "../internal/format";

/** The unit a price is quoted per. */
export type PriceUnit = "vCPU-hour" | "GB-month" | "GB" | "hour" | "AZ-hour" | "month";

/** Where a line item belongs on the bill. */
export type Category = "compute" | "storage" | "network" | "query" | "other";

/** The categories, in bill order. */
export const CATEGORIES: readonly Category[] = ["compute", "storage", "network", "query", "other"];

/** A price: `usd` dollars per one `per`. */
export interface Rate<U extends PriceUnit = PriceUnit> {
  readonly usd: number;
  readonly per: U;
}

/** An amount of something that is billed per `unit`. */
export interface Quantity<U extends PriceUnit = PriceUnit> {
  readonly amount: number;
  readonly unit: U;
}

/** One line of a monthly bill: `quantity × usdPerUnit = usdPerMonth`. */
export interface LineItem {
  readonly category: Category;
  readonly label: string;
  /** How much was billed, in `unit` (e.g. 96,000 vCPU-hours). */
  readonly quantity: number;
  readonly unit: PriceUnit;
  /** The price per one `unit`, in USD. */
  readonly usdPerUnit: number;
  /** `quantity × usdPerUnit`, USD per month, unrounded. */
  readonly usdPerMonth: number;
  /** For ranges (autoscaling): the bill at the low and high end. */
  readonly rangeUsdPerMonth?: readonly [number, number];
  /** Assumptions or caveats behind the figure. */
  readonly note?: string;
}

/** Quantity × rate, in USD. The units must match (checked by the compiler). */
export function charge<U extends PriceUnit>(quantity: Quantity<U>, rate: Rate<U>): number {
  return quantity.amount * rate.usd;
}

/** Builds a line item from a quantity and a rate with the same unit. */
export function lineItem<U extends PriceUnit>(
  category: Category,
  label: string,
  quantity: Quantity<U>,
  rate: Rate<U>,
  extra: { rangeUsdPerMonth?: readonly [number, number]; note?: string } = {},
): LineItem {
  return {
    category,
    label,
    quantity: quantity.amount,
    unit: quantity.unit,
    usdPerUnit: rate.usd,
    usdPerMonth: charge(quantity, rate),
    ...extra,
  };
}

/**
 * Sum of dollar amounts (Neumaier's compensated sum, so long bills do not
 * drift; money is never rounded inside a computation).
 */
export function sumUsd(amounts: readonly number[]): number {
  let sum = 0;
  let compensation = 0;
  for (const x of amounts) {
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + compensation;
}

/**
 * Formats dollars for display, the only place money is rounded: the
 * project's one money format (`display.formatMoney` prints the same).
 * Amounts of $10,000 and more are shown in thousands with up to two
 * decimals, as the course writes them ("$14.4K", "$26.54K"); smaller
 * amounts to the cent, without ".00" for whole dollars; amounts below a
 * dollar with up to four significant digits, so "$0.004" stays "$0.004".
 * @param usd any finite amount of US dollars
 * @throws TypeError when `usd` is not a finite number
 * @example formatUsd(26540) // => "$26.54K"
 * @example formatUsd(5840) // => "$5,840"
 * @example formatUsd(32.876) // => "$32.88"
 * @example formatUsd(0.004) // => "$0.004"
 */
export function formatUsd(usd: number): string {
  finite("cost.formatUsd", "usd", usd);
  return money(usd);
}
