/**
 * Storage line items: TB × $ per GB-month by tier, after compression, with
 * volume bands (S3 Standard's first 50 TB / next 450 TB / over 500 TB), and
 * a lifecycle policy that moves each month's data between tiers as it ages.
 */
import { array, finite, integer, nonEmptyString, object, oneOf } from "../internal/errors";
import { lineItem, sumUsd, type LineItem } from "./money";
import { priceBook, STORAGE_TIERS, type PriceBook, type StorageTier, type VolumeBand } from "./pricing";

/** The part of a volume that falls in one price band. */
export interface BandCharge {
  readonly fromTb: number;
  /** Upper bound of the band (`null`: open-ended). */
  readonly toTb: number | null;
  /** TB of the volume inside this band. */
  readonly tb: number;
  readonly usdPerGbMonth: number;
  readonly usdPerMonth: number;
}

/**
 * Splits `tb` over volume bands and prices each part (internal; bands are
 * validated by the caller).
 */
export function bandCharges(tb: number, bands: readonly VolumeBand[], gbPerTb: number): BandCharge[] {
  const out: BandCharge[] = [];
  let from = 0;
  for (const band of bands) {
    if (tb <= from) break;
    const to = band.upToTb;
    const inBand = (to === null ? tb : Math.min(tb, to)) - from;
    out.push({ fromTb: from, toTb: to, tb: inBand, usdPerGbMonth: band.usdPerGbMonth, usdPerMonth: inBand * gbPerTb * band.usdPerGbMonth });
    if (to === null) break;
    from = to;
  }
  return out;
}

/** Options of {@link storage}. */
export interface StorageOptions {
  readonly label?: string;
  /** Data before compression, TB >= 0 (1 TB = `prices.gbPerTb` GB). */
  readonly tb: number;
  readonly tier: StorageTier;
  /** Raw size / stored size, >= 1 (Parquet + Snappy: the course says 3). Defaults to 1. */
  readonly compressionRatio?: number;
  /** Defaults to {@link prices}() (hot = S3 Standard, warm = Standard-IA, …). */
  readonly prices?: PriceBook;
}

/**
 * Monthly storage cost of `tb` TB in one tier: stored TB = tb /
 * compressionRatio, priced band by band at $ per GB-month.
 * @param options see {@link StorageOptions}
 * @returns one storage {@link LineItem} per volume band used (quantity in GB-month)
 * @throws TypeError/RangeError when an input is outside its range
 * @example storage({ tb: 500, tier: "hot" }).map((i) => i.usdPerMonth) // => [1150, 9900] (S3 Standard bands)
 */
export function storage(options: StorageOptions): LineItem[] {
  const where = "cost.storage";
  object(where, "options", options);
  const book = priceBook(where, "prices", options.prices);
  const tb = finite(where, "tb", options.tb, { min: 0 });
  const tier = oneOf(where, "tier", options.tier, STORAGE_TIERS);
  const ratio = options.compressionRatio === undefined ? 1 : finite(where, "compressionRatio", options.compressionRatio, { min: 1 });
  const label = options.label === undefined ? `${tier} storage` : nonEmptyString(where, "label", options.label);
  return tierItems(label, tier, tb / ratio, book, ratio);
}

function tierItems(label: string, tier: StorageTier, storedTb: number, book: PriceBook, ratio = 1): LineItem[] {
  const cls = book.storage[tier];
  const charges = bandCharges(storedTb, cls.bands, book.gbPerTb);
  const banded = cls.bands.length > 1;
  return charges.map((c) =>
    lineItem(
      "storage",
      banded ? `${label} (${bandName(c)})` : label,
      { amount: c.tb * book.gbPerTb, unit: "GB-month" },
      { usd: c.usdPerGbMonth, per: "GB-month" },
      { note: `${cls.name}${ratio === 1 ? "" : `, compression ${ratio}:1`}${cls.verified ? "" : " (price unverified)"}` },
    ),
  );
}

function bandName(c: BandCharge): string {
  if (c.toTb === null) return `over ${c.fromTb} TB`;
  return c.fromTb === 0 ? `first ${c.toTb} TB` : `${c.fromTb}–${c.toTb} TB`;
}

/** A lifecycle rule: data of age >= `fromMonth` months moves to `tier`. */
export interface LifecycleRule {
  readonly tier: StorageTier;
  /** Age in whole months at which data enters the tier, integer >= 0. */
  readonly fromMonth: number;
}

/** Options of {@link lifecycle}. */
export interface LifecycleOptions {
  /** Months to simulate, integer in [1, 1200]. */
  readonly months: number;
  /** New data each month before compression, TB >= 0. */
  readonly ingestTbPerMonth: number;
  /** Rules in increasing `fromMonth`; the first must start at month 0. */
  readonly rules: readonly LifecycleRule[];
  /** Data older than this many months is deleted (integer >= 1); default: kept. */
  readonly deleteAfterMonths?: number;
  /** Raw / stored size, >= 1; defaults to 1. */
  readonly compressionRatio?: number;
  readonly prices?: PriceBook;
}

/** One simulated month of a lifecycle policy. */
export interface LifecycleMonth {
  /** 1-based month. */
  readonly month: number;
  /** Stored (compressed) TB in each tier at this month. */
  readonly tbByTier: Readonly<Record<StorageTier, number>>;
  readonly usdByTier: Readonly<Record<StorageTier, number>>;
  readonly usdPerMonth: number;
}

/** Result of {@link lifecycle}. */
export interface LifecycleResult {
  readonly months: readonly LifecycleMonth[];
  /** Sum over all simulated months, USD. */
  readonly totalUsd: number;
  /** The last month's line items (one per tier band). */
  readonly lastMonthItems: readonly LineItem[];
}

const MAX_MONTHS = 1200;

/**
 * Month-by-month storage bill under a lifecycle policy. Each month's
 * ingest is a cohort; in month k a cohort ingested in month m has age
 * k − m months and sits in the tier of the last rule with `fromMonth <=
 * age` (deleted once age >= `deleteAfterMonths`). Each tier's total is
 * priced with its volume bands. Early-deletion minimums and transition
 * request fees are not modelled.
 * @param options see {@link LifecycleOptions}
 * @returns the bill for each month and the total
 * @throws TypeError/RangeError when an input is outside its range or rules are out of order
 * @example lifecycle({ months: 3, ingestTbPerMonth: 10, rules: [{ tier: "hot", fromMonth: 0 }, { tier: "warm", fromMonth: 1 }] })
 *   .months[2].tbByTier // => { hot: 10, warm: 20, cold: 0, archive: 0 }
 */
export function lifecycle(options: LifecycleOptions): LifecycleResult {
  const where = "cost.lifecycle";
  object(where, "options", options);
  const book = priceBook(where, "prices", options.prices);
  const months = integer(where, "months", options.months, { min: 1, max: MAX_MONTHS });
  const ingest = finite(where, "ingestTbPerMonth", options.ingestTbPerMonth, { min: 0 });
  const ratio = options.compressionRatio === undefined ? 1 : finite(where, "compressionRatio", options.compressionRatio, { min: 1 });
  const deleteAfter =
    options.deleteAfterMonths === undefined ? Infinity : integer(where, "deleteAfterMonths", options.deleteAfterMonths, { min: 1 });
  const rules = array<LifecycleRule>(where, "rules", options.rules).map((r, i) => {
    object(where, `rules[${i}]`, r);
    return { tier: oneOf(where, `rules[${i}].tier`, r.tier, STORAGE_TIERS), fromMonth: r.fromMonth };
  });
  rules.forEach((r, i) => {
    if (i === 0) integer(where, "rules[0].fromMonth", r.fromMonth, { min: 0, max: 0 });
    else {
      const prev = rules[i - 1].fromMonth;
      integer(where, `rules[${i}].fromMonth`, r.fromMonth, { min: prev + 1, minLabel: `rules[${i - 1}].fromMonth+1=${prev + 1}` });
    }
  });
  const tierAt = (age: number): StorageTier => {
    let tier = rules[0].tier;
    for (const r of rules) if (r.fromMonth <= age) tier = r.tier;
    return tier;
  };
  const stored = ingest / ratio;
  const out: LifecycleMonth[] = [];
  let lastItems: LineItem[] = [];
  for (let k = 1; k <= months; k++) {
    const tbByTier = zeroByTier();
    for (let m = 1; m <= k; m++) {
      const age = k - m;
      if (age >= deleteAfter) continue;
      tbByTier[tierAt(age)] += stored;
    }
    const items = STORAGE_TIERS.flatMap((t) => tierItems(`${t} storage`, t, tbByTier[t], book, ratio));
    const usdByTier = zeroByTier();
    for (const t of STORAGE_TIERS) usdByTier[t] = sumUsd(items.filter((i) => i.label.startsWith(`${t} `)).map((i) => i.usdPerMonth));
    out.push({ month: k, tbByTier, usdByTier, usdPerMonth: sumUsd(items.map((i) => i.usdPerMonth)) });
    lastItems = items;
  }
  return { months: out, totalUsd: sumUsd(out.map((m) => m.usdPerMonth)), lastMonthItems: lastItems };
}

function zeroByTier(): Record<StorageTier, number> {
  return { hot: 0, warm: 0, cold: 0, archive: 0 };
}
