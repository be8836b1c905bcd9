/**
 * Exercises of notebook 05 (cost optimization): the course's "$100K/Month
 * Data Pipeline" checked, storage classes, which lever matters, spot
 * interruptions and reserved break-even. Expected values come from `cost`.
 */
import {
  compute,
  courseArchitectures,
  courseInputs,
  courseOptimizedInputs,
  courseOptimizedModel,
  formatUsd,
  prices,
  reservedBreakEven,
  reservedVsOnDemand,
  tornado,
  spotEffectivePrice,
  storage,
  type CourseOptimizedInputs,
} from "../../cost";
import { sumUsd } from "../../cost/money";
import type { StorageTier } from "../../cost/pricing";
import { choiceAnswer, functionAnswer, numberAnswer, ruleAnswer, type Exercise } from "../check";

const total = (tb: number, tier: StorageTier, book = prices()): number => sumUsd(storage({ tb, tier, prices: book }).map((i) => i.usdPerMonth));
const flatRate = (tb: number, usdPerGbMonth: number): number => tb * prices().gbPerTb * usdPerGbMonth;

// 05.1: the inefficient architecture with its cluster run only in the batch window
const course = courseArchitectures();
const i = courseInputs.inefficient;
const batchHours = courseOptimizedInputs.batchHoursPerMonth;
const clusterUsd = (hoursPerMonth: number): number =>
  compute({ nodes: i.nodes, vcpusPerNode: i.vcpusPerNode, usdPerVcpuHour: i.onDemandUsdPerVcpuHour, hoursPerMonth }).usdPerMonth;
const batchOnlyUsd = clusterUsd(batchHours) + course.inefficient.byCategory.storage;
const calendarBatchOnlyUsd = clusterUsd((batchHours / courseInputs.optimized.spot.daysPerMonth) * (prices().hoursPerMonth / 24)) + course.inefficient.byCategory.storage;

// 05.2 / 05.3: storage classes priced from the snapshot
const book = prices();
const coldTb = courseOptimizedInputs.coldTb;
const instant400 = flatRate(coldTb, 0.004);
const flexible400 = total(coldTb, "cold");
const deepArchive400 = total(coldTb, "archive");
const ia400 = total(coldTb, "warm");

const { hotTb, warmTb } = courseOptimizedInputs;
const snapshotStorage = total(hotTb, "hot") + total(warmTb, "warm") + total(coldTb, "cold");
const flatHotStorage = flatRate(hotTb, 0.023) + total(warmTb, "warm") + total(coldTb, "cold");
const deepArchiveStorage = total(hotTb, "hot") + total(warmTb, "warm") + total(coldTb, "archive");
const instantStorage = total(hotTb, "hot") + total(warmTb, "warm") + instant400;

// 05.4: tornado on the course's optimized bill
const optimizedTornado = tornado<keyof CourseOptimizedInputs>({ model: courseOptimizedModel, inputs: { ...courseOptimizedInputs } });
const swing = (input: keyof CourseOptimizedInputs): string => formatUsd(optimizedTornado.rows.find((r) => r.input === input)?.swingUsd ?? 0);

// 05.6: how many of 8 nodes to reserve
const ON_DEMAND = 0.5;
const RESERVED = 0.2;
const VCPUS = 8;
/** Fraction of the month each node (busiest first) is needed. */
export const nodeUtilization: readonly number[] = [1, 1, 0.95, 0.8, 0.55, 0.38, 0.2, 0.05];
const breakEven = reservedBreakEven({ onDemandUsdPerHour: ON_DEMAND, reservedUsdPerHour: RESERVED }).breakEvenUtilization;
const nodeCost = (u: number, reserved: boolean): number => {
  const c = reservedVsOnDemand({ onDemandUsdPerHour: ON_DEMAND, reservedUsdPerHour: RESERVED, utilization: u, units: VCPUS });
  return reserved ? c.reservedUsdPerMonth : c.onDemandUsdPerMonth;
};
/** Monthly bill when the `k` busiest nodes are reserved and the rest bought on demand. */
export function reservedPlanUsd(k: number): number {
  return sumUsd(nodeUtilization.map((u, i) => nodeCost(u, i < k)));
}
const plans = nodeUtilization.map((_, k) => reservedPlanUsd(k)).concat(reservedPlanUsd(nodeUtilization.length));
const bestPlan = plans.indexOf(Math.min(...plans));
const pct = (x: number): string => `${Math.round(x * 100)}%`;

export const exercises: readonly Exercise[] = [
  {
    id: "05.1",
    title: "the inefficient architecture with its cluster run only in the 240-hour batch window",
    kind: "compute",
    grade: numberAnswer(batchOnlyUsd, {
      relativeTolerance: 0.001,
      mistakes: [
        { value: clusterUsd(batchHours), hint: "that is the cluster alone; the 500 TB of S3 storage is still billed every month" },
        { value: course.inefficient.usdPerMonth, hint: "that is the 24/7 bill (730 h); run the cluster only 240 h" },
        { value: calendarBatchOnlyUsd, hint: "that is 8 h × 30.42 days of a 730-hour month; the question prices the window as the course does, 240 h" },
        { value: 100_000, hint: "$100K is the course's heading, not a computed figure" },
      ],
      hint: "100 nodes × 8 vCPU × $0.50 × 240 h, plus 500 TB × 1000 GB × $0.023",
    }),
  },
  {
    id: "05.2",
    title: 'which storage class the course\'s "400 TB cold (Glacier): $0.4K/month" is priced at',
    kind: "explain",
    grade: choiceAnswer("c", {
      a: `Glacier Instant Retrieval at $0.004/GB-month would cost ${formatUsd(instant400)} for 400 TB, four times the course's $400`,
      b: `Glacier Flexible Retrieval at ${formatUsd(book.storage.cold.bands[0]!.usdPerGbMonth)}/GB-month costs ${formatUsd(flexible400)} for 400 TB; the course's $400 is about a quarter of that`,
      c: `right: $400 / 400,000 GB = $0.001/GB-month, Deep Archive's price (${formatUsd(deepArchive400)}); the cheapest class, with the slowest restores, so "Glacier" should name its class`,
      d: `Standard-IA at $0.0125/GB-month would cost ${formatUsd(ia400)} for 400 TB`,
    }),
  },
  {
    id: "05.3",
    title: "the optimized storage tiers (100 TB hot, 50 TB warm, 400 TB cold) at the snapshot's list prices",
    kind: "compute",
    grade: numberAnswer(snapshotStorage, {
      relativeTolerance: 0.002,
      mistakes: [
        { value: 3_300, hint: "$3.3K is the course's figure at its implied rates; price the tiers with cost.storage and the snapshot (prices())" },
        { value: flatHotStorage, hint: "S3 Standard has volume bands: the first 50 TB at $0.023, the next 450 TB at $0.022" },
        { value: deepArchiveStorage, hint: "the snapshot's cold tier is Glacier Flexible Retrieval ($0.0036), not Deep Archive (that is the archive tier)" },
        { value: instantStorage, hint: "the snapshot's cold tier is Glacier Flexible Retrieval ($0.0036), not Instant Retrieval ($0.004)" },
      ],
      hint: "sum cost.storage({ tb, tier }) over hot, warm and cold; each returns line items (one per volume band)",
    }),
  },
  {
    id: "05.4",
    title: "which input moves the optimized bill most at ±10% (tornado)",
    kind: "explain",
    grade: choiceAnswer("b", {
      a: `the spot price swings the total by ${swing("spotUsdPerVcpuHour")}: it scales the spot line only`,
      b: `right: vCPUs per node swings it by ${swing("vcpusPerNode")}, because it multiplies both the spot cluster and the reserved baseline; right-sizing nodes is the biggest single lever`,
      c: `hot storage swings it by only ${swing("hotTb")}: storage is an eighth of the optimized bill`,
      d: `the batch window swings it by ${swing("batchHoursPerMonth")}, the same as the spot price and the node count: all three scale the spot line alone`,
    }),
  },
  {
    id: "05.5",
    title: "spot price per hour of useful work, after re-runs and checkpoints",
    kind: "implement",
    grade: functionAnswer(
      [
        [0.15, 0.1, 0.05],
        [0.15, 0, 0],
        [0.05, 0.5, 0.2],
        [0.2, 0.25, 0],
        [0.3, 0.2, 0.1],
      ].map(([spot, rerun, overhead]) => ({
        args: [spot, rerun, overhead],
        expected: spotEffectivePrice({ spotUsdPerHour: spot!, rerunFraction: rerun!, checkpointOverhead: overhead! }).effectiveUsdPerHour,
        tolerance: 1e-9,
      })),
    ),
  },
  {
    id: "05.6",
    title: "how many of 8 nodes to reserve (on-demand $0.50, reserved $0.20 per vCPU-hour)",
    kind: "choose",
    grade: ruleAnswer((answer) => {
      const n = nodeUtilization.length;
      if (typeof answer !== "number" || !Number.isInteger(answer) || answer < 0 || answer > n) {
        return `answer with a whole number of nodes in [0, ${n}], got ${typeof answer === "string" ? JSON.stringify(answer) : String(answer)}`;
      }
      if (answer === bestPlan) return undefined;
      const diff = formatUsd(plans[answer]! - plans[bestPlan]!);
      if (answer < bestPlan) {
        const u = nodeUtilization[answer]!;
        return `node ${answer + 1} is needed ${pct(u)} of the month, above the break-even ${pct(breakEven)} (= $0.20 / $0.50): reserving it is cheaper (you pay ${diff}/month more)`;
      }
      const u = nodeUtilization[answer - 1]!;
      return `node ${answer} is needed only ${pct(u)} of the month, below the break-even ${pct(breakEven)} (= $0.20 / $0.50): on demand it is cheaper (you pay ${diff}/month more)`;
    }),
  },
];
