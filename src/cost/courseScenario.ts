/**
 * The course's two pipeline architectures, rebuilt from the course's own
 * inputs ("production-data-systems-intermediate", §4 "The $100K/Month Data
 * Pipeline"). These are the course's figures, not prices: they live here,
 * apart from the dated AWS snapshot, and `courseFindings` checks them.
 */
import { finite, object } from "../internal/errors";
import { compute } from "./compute";
import type { LineItem } from "./money";
import { bill, lumpSum, saving, type Bill, type Saving } from "./pipeline";
import { priceBook, prices, type PriceBook, type StorageClassPrice } from "./pricing";
import { MAX_HOURS_PER_MONTH } from "./schedule";
import { storage } from "./storage";

/** Everything the course states for its two architectures (USD, TB, hours). */
export const courseInputs = Object.freeze({
  headings: Object.freeze({ inefficientUsdPerMonth: 100_000, optimizedUsdPerMonth: 30_000 }),
  inefficient: Object.freeze({
    nodes: 100,
    vcpusPerNode: 8,
    onDemandUsdPerVcpuHour: 0.5,
    /** "Running 24/7": the 730-hour month. */
    hoursPerMonth: 730,
    storageTb: 500,
    hotUsdPerGbMonth: 0.023,
    statedComputeUsd: 292_000,
    statedStorageUsd: 11_500,
    statedTotalUsd: 303_500,
  }),
  optimized: Object.freeze({
    spot: Object.freeze({
      minNodes: 10,
      maxNodes: 100,
      pricedNodes: 50,
      vcpusPerNode: 8,
      usdPerVcpuHour: 0.15,
      statedDiscount: 0.7,
      batchHoursPerDay: 8,
      /** 240 h = 8 h × 30 days, the course's figure. */
      daysPerMonth: 30,
      statedUsd: 14_400,
    }),
    storage: Object.freeze({
      rawTb: 500,
      statedCompressedTb: 150,
      statedCompressionRatio: 3,
      hotTb: 100,
      warmTb: 50,
      coldTb: 400,
      statedHotUsd: 2_300,
      statedWarmUsd: 600,
      statedColdUsd: 400,
      statedTotalUsd: 3_300,
    }),
    reserved: Object.freeze({ nodes: 5, vcpusPerNode: 8, usdPerVcpuHour: 0.2, statedUsd: 5_800 }),
    networkUsdPerMonth: 2_000,
    queryUsdPerMonth: 1_000,
    queryHoursPerDay: 1,
    statedTotalUsd: 26_500,
    statedSavingPercent: 91,
  }),
  /** Rates quoted in the course's "Cost Optimization Strategies" list. */
  natGatewayUsdPerGb: 0.045,
  crossRegionUsdPerGb: 0.02,
});

function flat(name: string, usdPerGbMonth: number, source: string): StorageClassPrice {
  return Object.freeze({ name, bands: Object.freeze([{ upToTb: null, usdPerGbMonth }]), source, verified: false });
}

const o = courseInputs.optimized.storage;

/**
 * The rates the course's arithmetic implies: hot $0.023 flat (no S3 volume
 * bands), warm $600 / 50 TB = $0.012, cold $400 / 400 TB = $0.001 per
 * GB-month; archive (not priced by the course) and the calendar come from
 * the snapshot.
 * @example coursePrices().storage.warm.bands[0].usdPerGbMonth // => 0.012
 */
export function coursePrices(): PriceBook {
  const snapshot = prices();
  const gb = snapshot.gbPerTb;
  return Object.freeze({
    ...snapshot,
    name: "course text (implied rates)",
    storage: Object.freeze({
      hot: flat("hot (course: S3, $0.023/GB)", courseInputs.inefficient.hotUsdPerGbMonth, "course §4: 500 TB × $0.023/GB"),
      warm: flat("warm (course: S3-IA)", o.statedWarmUsd / (o.warmTb * gb), "course §4: 50 TB warm = $0.6K/month"),
      cold: flat("cold (course: Glacier)", o.statedColdUsd / (o.coldTb * gb), "course §4: 400 TB cold = $0.4K/month"),
      archive: snapshot.storage.archive,
    }),
    network: Object.freeze({
      ...snapshot.network,
      natGatewayUsdPerGb: courseInputs.natGatewayUsdPerGb,
      crossRegionUsdPerGb: courseInputs.crossRegionUsdPerGb,
    }),
  });
}

/** The course's optimized architecture as flat, named inputs (for {@link courseOptimizedModel}). */
export interface CourseOptimizedInputs {
  spotNodes: number;
  vcpusPerNode: number;
  spotUsdPerVcpuHour: number;
  /** Spot hours billed in the month (course: 8 h/day × 30 days = 240). */
  batchHoursPerMonth: number;
  hotTb: number;
  warmTb: number;
  coldTb: number;
  reservedNodes: number;
  reservedUsdPerVcpuHour: number;
  networkUsdPerMonth: number;
  queryUsdPerMonth: number;
}

/** Every input of the optimized model is a finite number >= 0, checked under the caller's name. */
function checkOptimizedInputs(where: string, inputs: unknown): void {
  const given = object<Record<string, unknown>>(where, "inputs", inputs);
  for (const key of Object.keys(courseOptimizedInputs)) finite(where, `inputs.${key}`, given[key], { min: 0 });
  // What the line-item builders would refuse, named here by the inputs' own names.
  finite(where, "inputs.batchHoursPerMonth", given.batchHoursPerMonth, { max: MAX_HOURS_PER_MONTH });
  finite(where, "inputs.vcpusPerNode", given.vcpusPerNode, { min: 0, minExclusive: true });
}

/** The course's optimized inputs: 50 spot nodes × 8 vCPU × $0.15 × 240 h, … */
export const courseOptimizedInputs: Readonly<CourseOptimizedInputs> = Object.freeze({
  spotNodes: courseInputs.optimized.spot.pricedNodes,
  vcpusPerNode: courseInputs.optimized.spot.vcpusPerNode,
  spotUsdPerVcpuHour: courseInputs.optimized.spot.usdPerVcpuHour,
  batchHoursPerMonth: courseInputs.optimized.spot.batchHoursPerDay * courseInputs.optimized.spot.daysPerMonth,
  hotTb: o.hotTb,
  warmTb: o.warmTb,
  coldTb: o.coldTb,
  reservedNodes: courseInputs.optimized.reserved.nodes,
  reservedUsdPerVcpuHour: courseInputs.optimized.reserved.usdPerVcpuHour,
  networkUsdPerMonth: courseInputs.optimized.networkUsdPerMonth,
  queryUsdPerMonth: courseInputs.optimized.queryUsdPerMonth,
});

/**
 * The optimized architecture's bill for any set of {@link CourseOptimizedInputs}
 * (priced with `book`, default {@link coursePrices}).
 * @throws TypeError/RangeError (from the line-item builders) when an input is outside its range
 * @example courseOptimizedBill(courseOptimizedInputs).usdPerMonth // => 26540
 */
export function courseOptimizedBill(inputs: Readonly<CourseOptimizedInputs>, book: PriceBook = coursePrices()): Bill {
  checkOptimizedInputs("cost.courseOptimizedBill", inputs);
  priceBook("cost.courseOptimizedBill", "book", book);
  const spot = courseInputs.optimized.spot;
  const items: (LineItem | LineItem[])[] = [
    compute({
      label: "spot batch cluster",
      nodes: { min: Math.min(spot.minNodes, inputs.spotNodes), max: Math.max(spot.maxNodes, inputs.spotNodes), average: inputs.spotNodes },
      vcpusPerNode: inputs.vcpusPerNode,
      usdPerVcpuHour: inputs.spotUsdPerVcpuHour,
      purchase: "spot",
      hoursPerMonth: inputs.batchHoursPerMonth,
      prices: book,
    }),
    storage({ label: "hot storage", tb: inputs.hotTb, tier: "hot", prices: book }),
    storage({ label: "warm storage", tb: inputs.warmTb, tier: "warm", prices: book }),
    storage({ label: "cold storage", tb: inputs.coldTb, tier: "cold", prices: book }),
    compute({
      label: "reserved baseline",
      nodes: inputs.reservedNodes,
      vcpusPerNode: inputs.vcpusPerNode,
      usdPerVcpuHour: inputs.reservedUsdPerVcpuHour,
      purchase: "reserved",
      prices: book,
    }),
    lumpSum({ category: "network", label: "network transfer (course lump sum)", usdPerMonth: inputs.networkUsdPerMonth }),
    lumpSum({ category: "query", label: "query engine (course lump sum)", usdPerMonth: inputs.queryUsdPerMonth }),
  ];
  return bill("course: optimized", items);
}

/**
 * {@link courseOptimizedBill}'s total, as a model for `sensitivity`.
 * @throws TypeError/RangeError when an input is outside its range
 * @example courseOptimizedModel(courseOptimizedInputs) // => 26540
 */
export function courseOptimizedModel(inputs: Readonly<CourseOptimizedInputs>): number {
  checkOptimizedInputs("cost.courseOptimizedModel", inputs);
  return courseOptimizedBill(inputs).usdPerMonth;
}

/** Both course architectures and the saving between them. */
export interface CourseArchitectures {
  readonly inefficient: Bill;
  readonly optimized: Bill;
  readonly saving: Saving;
}

/**
 * Rebuilds the course's two architectures exactly from its own inputs:
 * inefficient 100 × 8 × $0.50 × 730 = $292,000 + 500 TB × $0.023/GB =
 * $11,500 → $303,500/month; optimized $14,400 + $3,300 + $5,840 + $2,000
 * + $1,000 = $26,540/month, a 91.3% saving.
 * @example courseArchitectures().optimized.usdPerMonth // => 26540
 */
export function courseArchitectures(): CourseArchitectures {
  const book = coursePrices();
  const i = courseInputs.inefficient;
  const inefficient = bill("course: inefficient", [
    compute({ label: "Spark cluster, 24/7", nodes: i.nodes, vcpusPerNode: i.vcpusPerNode, usdPerVcpuHour: i.onDemandUsdPerVcpuHour, hoursPerMonth: i.hoursPerMonth, prices: book }),
    storage({ label: "S3, no lifecycle", tb: i.storageTb, tier: "hot", prices: book }),
  ]);
  const optimized = courseOptimizedBill(courseOptimizedInputs, book);
  return { inefficient, optimized, saving: saving(inefficient, optimized) };
}
