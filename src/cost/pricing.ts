/**
 * Price books: the rates every cost formula reads.
 *
 * Prices never appear as literals inside formulas. They come from a
 * {@link PriceBook}: either the dated AWS snapshot in
 * `data/prices-aws-us-east-1.json` ({@link prices}) or a scenario's own book
 * (the course's implied rates live in `courseScenario.ts`).
 */
import { fileNameOf, readJsonFile, withinFile } from "../internal/dataFormats";
import { array, finite, nonEmptyString, object, oneOf, rangeError } from "../internal/errors";
import { dataPath } from "../internal/dataFiles";

/** Storage temperature, from most to least frequently accessed. */
export type StorageTier = "hot" | "warm" | "cold" | "archive";

/** The storage tiers, hottest first. */
export const STORAGE_TIERS: readonly StorageTier[] = ["hot", "warm", "cold", "archive"];

/**
 * One volume band of a storage price: data up to `upToTb` (cumulative, over
 * the previous band's bound) costs `usdPerGbMonth`; `null` means "and above".
 */
export interface VolumeBand {
  readonly upToTb: number | null;
  readonly usdPerGbMonth: number;
}

/** A storage class (S3 Standard, Glacier, …) and its volume bands. */
export interface StorageClassPrice {
  readonly name: string;
  readonly bands: readonly VolumeBand[];
  readonly source: string;
  /** false when the price comes from third-party listings and needs checking. */
  readonly verified: boolean;
}

/** Network prices, USD. */
export interface NetworkPrices {
  readonly natGatewayUsdPerHour: number;
  readonly natGatewayUsdPerGb: number;
  readonly crossRegionUsdPerGb: number;
  readonly gatewayEndpointUsdPerGb: number;
  readonly interfaceEndpointUsdPerAzHour: number;
  readonly interfaceEndpointUsdPerGb: number;
}

/** Every rate a cost formula may read, with its calendar conventions. */
export interface PriceBook {
  readonly name: string;
  /** ISO date the prices were read, when known. */
  readonly asOf: string;
  readonly region: string;
  /** Billing hours in a month (AWS: 730). */
  readonly hoursPerMonth: number;
  /** GB in a TB for storage arithmetic (the course and this snapshot: 1000). */
  readonly gbPerTb: number;
  /** The storage class priced for each tier. */
  readonly storage: Readonly<Record<StorageTier, StorageClassPrice>>;
  readonly network: NetworkPrices;
  /** The largest spot discount the provider advertises, in [0, 1). */
  readonly spotMaxDiscount: number;
}

const NETWORK_KEYS: readonly (keyof NetworkPrices)[] = [
  "natGatewayUsdPerHour",
  "natGatewayUsdPerGb",
  "crossRegionUsdPerGb",
  "gatewayEndpointUsdPerGb",
  "interfaceEndpointUsdPerAzHour",
  "interfaceEndpointUsdPerGb",
];

/** The default snapshot, next to the package's `data/` folder. */
export const DEFAULT_PRICES_PATH = dataPath("prices-aws-us-east-1.json");

interface Sourced {
  value: unknown;
}

function sourcedValue(where: string, raw: unknown, name: string): number {
  const entry = object<Sourced>(where, name, raw);
  return finite(where, `${name}.value`, entry.value, { min: 0 });
}

/**
 * Validates volume bands: non-empty, rates >= 0, bounds strictly
 * increasing, and only the last band open-ended (`upToTb: null`).
 */
export function checkBands(where: string, name: string, raw: unknown): VolumeBand[] {
  const bands = array<unknown>(where, name, raw);
  let previous = 0;
  return bands.map((b, i) => {
    const band = object<{ upToTb?: unknown; usdPerGbMonth?: unknown }>(where, `${name}[${i}]`, b);
    const usdPerGbMonth = finite(where, `${name}[${i}].usdPerGbMonth`, band.usdPerGbMonth, { min: 0 });
    const last = i === bands.length - 1;
    if (band.upToTb === null) {
      if (!last) throw rangeError(where, `${name}[${i}].upToTb`, "a number (only the last band may be null)", null);
      return { upToTb: null, usdPerGbMonth };
    }
    const upToTb = finite(where, `${name}[${i}].upToTb`, band.upToTb, {
      min: previous,
      minExclusive: true,
      minLabel: String(previous),
    });
    previous = upToTb;
    if (last) throw rangeError(where, `${name}[${i}].upToTb`, "null (the last band is open-ended)", upToTb);
    return { upToTb, usdPerGbMonth };
  });
}

/**
 * Reads and validates a price snapshot in the format of
 * `data/prices-aws-us-east-1.json` (each price carries its `source`).
 * @param path JSON file; defaults to the bundled us-east-1 snapshot
 * @returns a frozen {@link PriceBook}
 * @throws RangeError naming the file when it cannot be read or is not JSON (with the line and column);
 *   TypeError/RangeError naming the file and the offending field when a value is malformed
 * @example loadPrices().storage.hot.bands[0] // => { upToTb: 50, usdPerGbMonth: 0.023 }
 */
export function loadPrices(path: string = DEFAULT_PRICES_PATH): PriceBook {
  const where = "cost.loadPrices";
  nonEmptyString(where, "path", path);
  const json = readJsonFile(where, path);
  return withinFile(where, fileNameOf(path), () => parseSnapshot(where, json));
}

/**
 * Validates an already-parsed snapshot object (see {@link loadPrices}).
 * @throws TypeError/RangeError naming the offending field
 * @example parsePrices(JSON.parse(require("node:fs").readFileSync(DEFAULT_PRICES_PATH, "utf8"))).hoursPerMonth // => 730
 */
export function parsePrices(json: unknown): PriceBook {
  return parseSnapshot("cost.parsePrices", json);
}

/** The checks of {@link parsePrices}, with messages naming the public function called. */
function parseSnapshot(where: string, json: unknown): PriceBook {
  const root = object<Record<string, unknown>>(where, "snapshot", json);
  const billing = object<Record<string, unknown>>(where, "billing", root.billing);
  const storage = object<Record<string, unknown>>(where, "storage", root.storage);
  const classes = object<Record<string, unknown>>(where, "storage.classes", storage.classes);
  const tiers = object<Record<string, unknown>>(where, "storage.tiers", storage.tiers);
  const network = object<Record<string, unknown>>(where, "network", root.network);
  const compute = object<Record<string, unknown>>(where, "compute", root.compute);
  const classNames = Object.keys(classes);

  const priced: Partial<Record<StorageTier, StorageClassPrice>> = {};
  for (const tier of STORAGE_TIERS) {
    const id = oneOf(where, `storage.tiers.${tier}`, tiers[tier], classNames);
    const cls = object<Record<string, unknown>>(where, `storage.classes.${id}`, classes[id]);
    priced[tier] = Object.freeze({
      name: nonEmptyString(where, `storage.classes.${id}.name`, cls.name),
      bands: Object.freeze(checkBands(where, `storage.classes.${id}.bands`, cls.bands)),
      source: nonEmptyString(where, `storage.classes.${id}.source`, cls.source),
      verified: cls.verified === true,
    });
  }
  const net = {} as Record<keyof NetworkPrices, number>;
  for (const key of NETWORK_KEYS) net[key] = sourcedValue(where, network[key], `network.${key}`);
  const spotMaxDiscount = sourcedValue(where, compute.spotMaxDiscount, "compute.spotMaxDiscount");
  finite(where, "compute.spotMaxDiscount.value", spotMaxDiscount, { min: 0, max: 1, maxExclusive: true });
  return Object.freeze({
    name: nonEmptyString(where, "name", root.name),
    asOf: nonEmptyString(where, "asOf", root.asOf),
    region: nonEmptyString(where, "region", root.region),
    hoursPerMonth: finite(where, "billing.hoursPerMonth.value", sourcedValue(where, billing.hoursPerMonth, "billing.hoursPerMonth"), HOURS_PER_MONTH),
    gbPerTb: finite(where, "billing.gbPerTb.value", sourcedValue(where, billing.gbPerTb, "billing.gbPerTb"), GB_PER_TB),
    storage: Object.freeze(priced as Record<StorageTier, StorageClassPrice>),
    network: Object.freeze(net),
    spotMaxDiscount,
  });
}

/** Hours in a billing month: 28 to 31 days (AWS bills 730, the 365-day average). */
const HOURS_PER_MONTH = { min: 24 * 28, max: 24 * 31 } as const;
/** GB in a TB: 1000 (decimal, as AWS prices) to 1024 (binary). */
const GB_PER_TB = { min: 1000, max: 1024 } as const;

/**
 * The price book a cost function was given, checked as {@link parsePrices}
 * checks a snapshot (a hand-edited copy such as `{ ...prices(), hoursPerMonth: NaN }`
 * would otherwise turn every charge into NaN), or {@link prices}() when none was given.
 */
export function priceBook(where: string, name: string, value: unknown): PriceBook {
  if (value === undefined) return prices();
  const book = object<Record<string, unknown>>(where, name, value);
  finite(where, `${name}.hoursPerMonth`, book.hoursPerMonth, HOURS_PER_MONTH);
  finite(where, `${name}.gbPerTb`, book.gbPerTb, GB_PER_TB);
  const storage = object<Record<string, unknown>>(where, `${name}.storage`, book.storage);
  for (const tier of STORAGE_TIERS) {
    const cls = object<Record<string, unknown>>(where, `${name}.storage.${tier}`, storage[tier]);
    nonEmptyString(where, `${name}.storage.${tier}.name`, cls.name);
    checkBands(where, `${name}.storage.${tier}.bands`, cls.bands);
  }
  const network = object<Record<string, unknown>>(where, `${name}.network`, book.network);
  for (const key of NETWORK_KEYS) finite(where, `${name}.network.${key}`, network[key], { min: 0 });
  finite(where, `${name}.spotMaxDiscount`, book.spotMaxDiscount, { min: 0, max: 1, maxExclusive: true });
  return value as PriceBook;
}

let cached: PriceBook | undefined;

/**
 * The bundled AWS us-east-1 snapshot (`data/prices-aws-us-east-1.json`),
 * read once. See `data/prices-aws-us-east-1.md` for its sources and date.
 * @example prices().network.natGatewayUsdPerGb // => 0.045
 */
export function prices(): PriceBook {
  cached ??= loadPrices();
  return cached;
}
