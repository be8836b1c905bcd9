/**
 * Bills: line items, totals by category, and the saving between two
 * architectures.
 */
import { array, finite, nonEmptyString, object, oneOf, rangeError, typeError, finiteResult } from "../internal/errors";
import { CATEGORIES, lineItem, sumUsd, type Category, type LineItem } from "./money";

/** A priced architecture: its line items and totals, USD per month, unrounded. */
export interface Bill {
  readonly name: string;
  readonly items: readonly LineItem[];
  /** Sum of the items' `usdPerMonth`. */
  readonly usdPerMonth: number;
  readonly byCategory: Readonly<Record<Category, number>>;
}

/** Options of {@link lumpSum}. */
export interface FixedOptions {
  readonly category: Category;
  readonly label: string;
  /** USD per month, finite (negative for a credit). */
  readonly usdPerMonth: number;
  readonly note?: string;
}

/**
 * A lump-sum monthly line item, for figures given without their inputs
 * (the course's "$2K network", "$1K query engine").
 * @throws TypeError/RangeError when an input is outside its range
 * @example lumpSum({ category: "network", label: "network", usdPerMonth: 2000 }).usdPerMonth // => 2000
 */
export function lumpSum(options: FixedOptions): LineItem {
  const where = "cost.lumpSum";
  object(where, "options", options);
  const category = oneOf(where, "category", options.category, CATEGORIES);
  const label = nonEmptyString(where, "label", options.label);
  const usd = finite(where, "usdPerMonth", options.usdPerMonth);
  return lineItem(category, label, { amount: 1, unit: "month" }, { usd, per: "month" }, options.note === undefined ? {} : { note: options.note });
}

/**
 * Totals a list of line items (or lists of them, as `storage` and
 * `network` return) into a {@link Bill}. The total is the sum of the items,
 * never rounded.
 * @param name the architecture's name, non-empty
 * @param items line items or arrays of line items
 * @throws TypeError/RangeError when an item's quantity, rate or `usdPerMonth` is not finite, its
 *   `usdPerMonth` is not quantity × usdPerUnit, or the total overflows
 * @example bill("x", [lumpSum({ category: "other", label: "a", usdPerMonth: 1 })]).usdPerMonth // => 1
 */
export function bill(name: string, items: readonly (LineItem | readonly LineItem[])[]): Bill {
  const where = "cost.bill";
  nonEmptyString(where, "name", name);
  array(where, "items", items, { min: 0 });
  const given = items.flat() as LineItem[];
  // Copies with only a line item's fields: extra keys a caller added are not carried into the bill.
  const flat: LineItem[] = given.map((item, i) => {
    object(where, `items[${i}]`, item);
    const { category, label, quantity, unit, usdPerUnit, usdPerMonth, rangeUsdPerMonth, note } = item;
    nonEmptyString(where, `items[${i}].unit`, unit);
    if (note !== undefined && typeof note !== "string") throw typeError(where, `items[${i}].note`, "a string or undefined", note);
    let range: readonly [number, number] | undefined;
    if (rangeUsdPerMonth !== undefined) {
      const r = array<unknown>(where, `items[${i}].rangeUsdPerMonth`, rangeUsdPerMonth, { min: 2, max: 2 });
      range = [finite(where, `items[${i}].rangeUsdPerMonth[0]`, r[0]), finite(where, `items[${i}].rangeUsdPerMonth[1]`, r[1])];
    }
    return { category, label, quantity, unit, usdPerUnit, usdPerMonth, ...(range === undefined ? {} : { rangeUsdPerMonth: range }), ...(note === undefined ? {} : { note }) };
  });
  flat.forEach((item, i) => {
    oneOf(where, `items[${i}].category`, item.category, CATEGORIES);
    nonEmptyString(where, `items[${i}].label`, item.label);
    const quantity = finite(where, `items[${i}].quantity`, item.quantity, { min: 0 });
    const rate = finite(where, `items[${i}].usdPerUnit`, item.usdPerUnit);
    const usd = finite(where, `items[${i}].usdPerMonth`, item.usdPerMonth);
    // A hand-edited item whose total disagrees with its quantity would put a wrong figure on the bill.
    const expected = quantity * rate;
    if (!(Math.abs(usd - expected) <= 1e-9 * Math.max(1, Math.abs(expected)))) {
      throw rangeError(where, `items[${i}].usdPerMonth`, `quantity × usdPerUnit = ${expected}`, usd);
    }
  });
  let plainSum = 0;
  for (const item of flat) plainSum += Math.abs(item.usdPerMonth);
  if (!Number.isFinite(plainSum)) throw rangeError(where, "the sum of |items[].usdPerMonth|", "a finite number of USD", plainSum);
  const byCategory = { compute: 0, storage: 0, network: 0, query: 0, other: 0 };
  for (const c of CATEGORIES) byCategory[c] = sumUsd(flat.filter((i) => i.category === c).map((i) => i.usdPerMonth));
  return { name, items: flat, usdPerMonth: sumUsd(flat.map((i) => i.usdPerMonth)), byCategory };
}

/** What an architecture change saves. */
export interface Saving {
  /** before − after, USD per month. */
  readonly usdPerMonth: number;
  /** 1 − after / before (0.913 is a 91.3% saving; negative when it costs more). */
  readonly fraction: number;
}

/**
 * The saving from `before` to `after`: the dollar difference and
 * 1 − after/before.
 * @param before a bill or a monthly total, USD > 0
 * @param after a bill or a monthly total, USD >= 0
 * @throws TypeError/RangeError when a total is outside its range
 * @example saving(303500, 26540).fraction // => 0.91255… (the course's "91% savings")
 */
export function saving(before: Bill | number, after: Bill | number): Saving {
  const where = "cost.saving";
  const b = finite(where, "before", typeof before === "number" ? before : object<Bill>(where, "before", before).usdPerMonth, { min: 0, minExclusive: true });
  const a = finite(where, "after", typeof after === "number" ? after : object<Bill>(where, "after", after).usdPerMonth, { min: 0 });
  return finiteResult(where, { usdPerMonth: b - a, fraction: 1 - a / b });
}
