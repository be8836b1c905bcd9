/**
 * Checks the course's cost arithmetic ("The $100K/Month Data Pipeline") and
 * reports what holds and what does not, each with the corrected figure.
 */
import { compute } from "./compute";
import { courseArchitectures, courseInputs, coursePrices } from "./courseScenario";
import { formatUsd, sumUsd } from "./money";
import { count, percent } from "../internal/format";
import { saving } from "./pipeline";
import { priceBook, prices, type PriceBook } from "./pricing";
import { storage } from "./storage";
import { reservedBreakEven } from "./whatIf";

/** How much a finding matters: "ok" means the course's figure checks out. */
export type Severity = "ok" | "note" | "warning" | "error";

/** One checked statement of the course. */
export interface CourseFinding {
  readonly id: string;
  /** What the course says, quoted or paraphrased. */
  readonly courseSays: string;
  /** The course's figure. */
  readonly courseFigure: number;
  /** The figure recomputed from the course's own inputs (or the snapshot, where said). */
  readonly recomputedFigure: number;
  /** Unit of both figures: "USD/month", "TB", "USD/GB-month", "hours", "fraction", "ratio", "nodes". */
  readonly unit: string;
  readonly severity: Severity;
  /** What is right or wrong, and the corrected figure. */
  readonly explanation: string;
}

const pct = (x: number): string => percent(x, 1);
const usd = formatUsd;

/**
 * Every number in the course's cost example, checked: the headings against
 * the items, the storage volumes against the compression claim, the
 * implied per-GB rates against the price snapshot, the batch hours, the
 * spot and reserved discounts. Findings with severity "ok" are checks that
 * pass, so a reader can see they were made.
 * @param book snapshot to compare the course's rates with; defaults to {@link prices}()
 * @throws TypeError when `book` is not an object
 * @returns findings in the order of the course text
 * @example courseFindings().find((f) => f.id === "inefficient-heading")
 *   // => { courseFigure: 100000, recomputedFigure: 303500, severity: "error", … }
 */
export function courseFindings(book: PriceBook = prices()): CourseFinding[] {
  priceBook("cost.courseFindings", "book", book);
  const { inefficient, optimized, saving: courseSaving } = courseArchitectures();
  const course = coursePrices();
  const c = courseInputs;
  const s = c.optimized.storage;
  const sp = c.optimized.spot;
  const r = c.optimized.reserved;
  const gb = book.gbPerTb;
  const sum = (items: { usdPerMonth: number }[]) => sumUsd(items.map((i) => i.usdPerMonth));
  const line = (label: string) => sumUsd(optimized.items.filter((i) => i.label.startsWith(label)).map((i) => i.usdPerMonth));

  const pricedTb = s.hotTb + s.warmTb + s.coldTb;
  const hotBanded100 = sum(storage({ tb: s.hotTb, tier: "hot", prices: book }));
  const hotBanded500 = sum(storage({ tb: c.inefficient.storageTb, tier: "hot", prices: book }));
  const warmSnapshot = sum(storage({ tb: s.warmTb, tier: "warm", prices: book }));
  const coldSnapshot = sum(storage({ tb: s.coldTb, tier: "cold", prices: book }));
  const archiveSnapshot = sum(storage({ tb: s.coldTb, tier: "archive", prices: book }));
  const onlyCompressed = sum(storage({ tb: s.hotTb, tier: "hot", prices: course })) + sum(storage({ tb: s.warmTb, tier: "warm", prices: course }));
  const totalIfOnlyCompressed = optimized.usdPerMonth - line("cold storage");
  const calendarBatchHours = sp.batchHoursPerDay * (book.hoursPerMonth / 24);
  const spotOnCalendar = sp.pricedNodes * sp.vcpusPerNode * sp.usdPerVcpuHour * calendarBatchHours;
  const midpoint = (sp.minNodes + sp.maxNodes) / 2;
  const spotAtMidpoint = compute({
    nodes: { min: sp.minNodes, max: sp.maxNodes },
    vcpusPerNode: sp.vcpusPerNode,
    usdPerVcpuHour: sp.usdPerVcpuHour,
    hoursPerDay: sp.batchHoursPerDay,
    daysPerMonth: sp.daysPerMonth,
    prices: course,
  });
  const spotDiscount = 1 - sp.usdPerVcpuHour / c.inefficient.onDemandUsdPerVcpuHour;
  const reservedDiscount = 1 - r.usdPerVcpuHour / c.inefficient.onDemandUsdPerVcpuHour;
  const breakEven = reservedBreakEven({ onDemandUsdPerHour: c.inefficient.onDemandUsdPerVcpuHour, reservedUsdPerHour: r.usdPerVcpuHour });
  const queryHours = c.optimized.queryHoursPerDay * (book.hoursPerMonth / 24);
  const headingsSaving = saving(c.headings.inefficientUsdPerMonth, c.headings.optimizedUsdPerMonth).fraction;
  const spotAtMax = c.inefficient.onDemandUsdPerVcpuHour * (1 - book.spotMaxDiscount);

  return [
    {
      id: "inefficient-heading",
      courseSays: 'Heading "The $100K/Month Data Pipeline" and "Inefficient Architecture (Cost: $100K/month)"',
      courseFigure: c.headings.inefficientUsdPerMonth,
      recomputedFigure: inefficient.usdPerMonth,
      unit: "USD/month",
      severity: "error",
      explanation: `The box's own items sum to ${usd(inefficient.byCategory.compute)} + ${usd(inefficient.byCategory.storage)} = ${usd(inefficient.usdPerMonth)}/month, ${(inefficient.usdPerMonth / c.headings.inefficientUsdPerMonth).toFixed(2)}× the heading. Read the heading as $303.5K/month.`,
    },
    {
      id: "inefficient-compute",
      courseSays: "100 × 8 × $0.50 × 730 = $292K/month",
      courseFigure: c.inefficient.statedComputeUsd,
      recomputedFigure: inefficient.byCategory.compute,
      unit: "USD/month",
      severity: "ok",
      explanation: `100 nodes × 8 vCPU × $0.50/vCPU-hour × 730 h = ${usd(inefficient.byCategory.compute)}. Correct.`,
    },
    {
      id: "inefficient-storage",
      courseSays: "500 TB × $0.023/GB = $11.5K/month",
      courseFigure: c.inefficient.statedStorageUsd,
      recomputedFigure: inefficient.byCategory.storage,
      unit: "USD/month",
      severity: "ok",
      explanation: `Correct with 1 TB = 1000 GB and a flat rate (the rate is per GB-month). S3 Standard's volume bands (breaks at 50 and 500 TB) would give ${usd(hotBanded500)}/month for 500 TB.`,
    },
    {
      id: "inefficient-total",
      courseSays: "Total: $292K + $11.5K = $303.5K/month",
      courseFigure: c.inefficient.statedTotalUsd,
      recomputedFigure: inefficient.usdPerMonth,
      unit: "USD/month",
      severity: "ok",
      explanation: "The sum of the items is right; it is the heading ($100K) that disagrees with it.",
    },
    {
      id: "optimized-heading",
      courseSays: '"Optimized Architecture (Cost: $30K/month)"',
      courseFigure: c.headings.optimizedUsdPerMonth,
      recomputedFigure: optimized.usdPerMonth,
      unit: "USD/month",
      severity: "warning",
      explanation: `The items sum to ${usd(optimized.usdPerMonth)}/month (the box rounds it to $26.5K), not $30K.`,
    },
    {
      id: "spot-compute",
      courseSays: "50 × 8 × $0.15 × 240 = $14.4K/month",
      courseFigure: sp.statedUsd,
      recomputedFigure: line("spot batch cluster"),
      unit: "USD/month",
      severity: "ok",
      explanation: `50 nodes × 8 vCPU × $0.15/vCPU-hour × 240 h = ${usd(line("spot batch cluster"))}. Correct.`,
    },
    {
      id: "batch-hours",
      courseSays: '"Run only during batch window (8 hours/day)" priced at 240 hours',
      courseFigure: sp.batchHoursPerDay * sp.daysPerMonth,
      recomputedFigure: calendarBatchHours,
      unit: "hours",
      severity: "note",
      explanation: `240 h = 8 h/day × 30 days. The reserved line bills a 730-hour month (30.42 days); on that calendar the window is ${calendarBatchHours.toFixed(1)} h and the spot line ${usd(spotOnCalendar)}.`,
    },
    {
      id: "autoscaling-average",
      courseSays: '"10-100 nodes (autoscale based on load)" priced at 50 nodes',
      courseFigure: sp.pricedNodes,
      recomputedFigure: midpoint,
      unit: "nodes",
      severity: "note",
      explanation: `50 nodes is an assumed average load, not the midpoint (${midpoint}) of the range; at the midpoint the spot line is ${usd(spotAtMidpoint.usdPerMonth)}, and the range spans ${usd(spotAtMidpoint.rangeUsdPerMonth?.[0] ?? 0)} to ${usd(spotAtMidpoint.rangeUsdPerMonth?.[1] ?? 0)}.`,
    },
    {
      id: "spot-discount",
      courseSays: '"Spot pricing (70% discount)" at $0.15 against $0.50',
      courseFigure: sp.statedDiscount,
      recomputedFigure: spotDiscount,
      unit: "fraction",
      severity: "ok",
      explanation: `$0.15 = $0.50 × (1 − 0.70): consistent. AWS advertises "up to ${pct(book.spotMaxDiscount)}" off, which would be ${usd(spotAtMax)}; neither is guaranteed, and interruptions add re-run cost (see cost.spotEffectivePrice).`,
    },
    {
      id: "compression-ratio",
      courseSays: '"500 TB compressed to 150 TB (Parquet snappy)" and "Parquet with Snappy: 3x compression"',
      courseFigure: s.statedCompressedTb,
      recomputedFigure: s.rawTb / s.statedCompressionRatio,
      unit: "TB",
      severity: "warning",
      explanation: `3× compression of 500 TB gives ${(s.rawTb / s.statedCompressionRatio).toFixed(1)} TB; 150 TB is a ${(s.rawTb / s.statedCompressedTb).toFixed(2)}× ratio.`,
    },
    {
      id: "tiered-volume",
      courseSays: '"500 TB compressed to 150 TB" then 100 TB hot + 50 TB warm + 400 TB cold',
      courseFigure: s.statedCompressedTb,
      recomputedFigure: pricedTb,
      unit: "TB",
      severity: "error",
      explanation: `The tiers price ${pricedTb} TB: ${(pricedTb / s.statedCompressedTb).toFixed(2)}× the stated 150 TB and more than the uncompressed 500 TB. If only the 150 TB compressed copy is kept (100 hot + 50 warm), storage is ${usd(onlyCompressed)} and the total ${usd(totalIfOnlyCompressed)}/month.`,
    },
    {
      id: "hot-rate",
      courseSays: "100 TB hot (frequent access): $2.3K/month",
      courseFigure: s.statedHotUsd,
      recomputedFigure: hotBanded100,
      unit: "USD/month",
      severity: "note",
      explanation: `Implies $0.023/GB-month flat (S3 Standard's first-50-TB rate). With the snapshot's bands (${book.storage.hot.name}: first 50 TB at ${usd(book.storage.hot.bands[0].usdPerGbMonth)}, next at ${usd(book.storage.hot.bands[1]?.usdPerGbMonth ?? book.storage.hot.bands[0].usdPerGbMonth)}) 100 TB costs ${usd(hotBanded100)}.`,
    },
    {
      id: "warm-rate",
      courseSays: "50 TB warm (S3-IA): $0.6K/month",
      courseFigure: s.statedWarmUsd,
      recomputedFigure: warmSnapshot,
      unit: "USD/month",
      severity: "warning",
      explanation: `Implies ${usd(s.statedWarmUsd / (s.warmTb * gb))}/GB-month; ${book.storage.warm.name} is ${usd(book.storage.warm.bands[0].usdPerGbMonth)}, so 50 TB costs ${usd(warmSnapshot)}.`,
    },
    {
      id: "cold-rate",
      courseSays: "400 TB cold (Glacier): $0.4K/month",
      courseFigure: s.statedColdUsd,
      recomputedFigure: coldSnapshot,
      unit: "USD/month",
      severity: "warning",
      explanation: `Implies ${usd(s.statedColdUsd / (s.coldTb * gb))}/GB-month, which matches ${book.storage.archive.name} (${usd(book.storage.archive.bands[0].usdPerGbMonth)} → ${usd(archiveSnapshot)}), not ${book.storage.cold.name} (${usd(book.storage.cold.bands[0].usdPerGbMonth)} → ${usd(coldSnapshot)}). "Glacier" needs its class named; these Glacier prices are third-party and unverified.`,
    },
    {
      id: "storage-total",
      courseSays: "Total storage: $3.3K/month (2.3 + 0.6 + 0.4)",
      courseFigure: s.statedTotalUsd,
      recomputedFigure: optimized.byCategory.storage,
      unit: "USD/month",
      severity: "ok",
      explanation: `The three lines add up to ${usd(optimized.byCategory.storage)} at the course's implied rates (but see tiered-volume).`,
    },
    {
      id: "reserved-compute",
      courseSays: "5 × 8 × $0.20 × 730 = $5.8K/month",
      courseFigure: r.statedUsd,
      recomputedFigure: line("reserved baseline"),
      unit: "USD/month",
      severity: "ok",
      explanation: `Exactly ${usd(line("reserved baseline"))}, rounded to $5.8K for display; the total keeps the $40.`,
    },
    {
      id: "reserved-discount",
      courseSays: '"Reserved Instances (1-year)" at $0.20 against $0.50 on demand',
      courseFigure: r.usdPerVcpuHour,
      recomputedFigure: reservedDiscount,
      unit: "fraction",
      severity: "note",
      explanation: `$0.20 is a ${pct(reservedDiscount)} discount (not stated by the course). Reserved beats on-demand only above ${pct(breakEven.breakEvenUtilization)} utilization; the baseline nodes are always on, so it holds.`,
    },
    {
      id: "network-lump",
      courseSays: '"Network Transfer (optimized) … Cost: $2K/month"',
      courseFigure: c.optimized.networkUsdPerMonth,
      recomputedFigure: c.optimized.networkUsdPerMonth,
      unit: "USD/month",
      severity: "note",
      explanation: `Given without volumes. $2K buys ${count(Math.round(c.optimized.networkUsdPerMonth / c.natGatewayUsdPerGb))} GB through a NAT gateway at $0.045/GB or ${Math.round(c.optimized.networkUsdPerMonth / c.crossRegionUsdPerGb).toLocaleString("en-US")} GB cross-region at $0.02/GB; model it with cost.network.`,
    },
    {
      id: "query-lump",
      courseSays: '"Query Engine (Presto on EMR): On-demand cluster (1 hour/day) … $1K/month"',
      courseFigure: c.optimized.queryUsdPerMonth,
      recomputedFigure: c.optimized.queryUsdPerMonth / queryHours,
      unit: "USD/hour",
      severity: "note",
      explanation: `Given without a rate: 1 h/day is ${queryHours.toFixed(1)} h/month, so $1K implies a cluster at ${usd(c.optimized.queryUsdPerMonth / queryHours)}/hour; model it with cost.queryEngine.`,
    },
    {
      id: "optimized-total",
      courseSays: "Total: $14.4K + $3.3K + $5.8K + $2K + $1K = $26.5K/month",
      courseFigure: c.optimized.statedTotalUsd,
      recomputedFigure: optimized.usdPerMonth,
      unit: "USD/month",
      severity: "ok",
      explanation: `${usd(optimized.usdPerMonth)} exactly; $26.5K is its display rounding.`,
    },
    {
      id: "saving",
      courseSays: '"(91% savings!)"',
      courseFigure: c.optimized.statedSavingPercent / 100,
      recomputedFigure: courseSaving.fraction,
      unit: "fraction",
      severity: "ok",
      explanation: `1 − 26.54/303.5 = ${pct(courseSaving.fraction)}: right for the items. The headings ($100K → $30K) would imply only ${pct(headingsSaving)}.`,
    },
  ];
}
