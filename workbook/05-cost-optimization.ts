// %% [markdown]
// # 05 · Cost optimization
//
// What does the course's data pipeline really cost, where does its arithmetic break, and which change
// saves the most? This notebook rebuilds the course's **"\$100K/Month Data Pipeline"** (section 4)
// line by line, checks every figure against its own inputs and a dated AWS price snapshot, lets you
// price *your* version of the optimized design, and answers the two questions every cost review asks:
// which input matters most (a tornado chart), and when do spot and reserved capacity pay off (a
// break-even chart).
//
// Every figure is computed by the `cost` namespace of the library (typed, tested, with the sources
// in its TSDoc). Money is never rounded inside a computation, only for display.

// %% [markdown]
// ## Parameters
// Change any value and *Run All*. The defaults are the course's figures where it gives one; the
// storage split (hot/warm/cold shares of the *compressed* data) is this notebook's own, because the
// course's split does not add up (section 2).

// %% tags=["parameters"]
const inefficientNodes: number = 100; // >= 0: nodes of the always-on Spark cluster (course: 100)
const vcpusPerNode: number = 8; // > 0: vCPUs per node (course: 8)
const onDemandUsdPerVcpuHour: number = 0.5; // USD per vCPU-hour, > 0: on-demand price (course: $0.50)
const alwaysOnHoursPerMonth: number = 730; // hours, in [0, 744]: hours an always-on node is billed (AWS month: 730)
const rawTb: number = 500; // TB, >= 0: data before compression, 1 TB = 1000 GB (course: 500)
const spotNodesAverage: number = 50; // >= 0: average nodes of the autoscaled batch cluster (course: 50 of 10–100)
const spotDiscount: number = 0.7; // ratio in [0, 1): spot discount off on-demand (course: 0.7; AWS: "up to 0.9")
const batchHoursPerDay: number = 8; // hours, in [0, 24]: batch window per day (course: 8)
const batchDaysPerMonth: number = 30; // days, in [0, 31]: days the batch runs per month (course: 30, i.e. 240 h)
const reservedNodes: number = 5; // >= 0: always-on baseline nodes bought reserved (course: 5)
const reservedDiscount: number = 0.6; // ratio in [0, 1]: 1-year reserved discount off on-demand (course: $0.20 = 0.6)
const compressionRatio: number = 3; // >= 1: raw size / stored size (course: "Parquet with Snappy: 3x")
const hotFraction: number = 0.2; // ratio in [0, 1]: share of the stored data in the hot tier (S3 Standard)
const warmFraction: number = 0.3; // ratio in [0, 1]: share in the warm tier (S3 Standard-IA), at most 1 − hotFraction; the rest is cold
const coldTier: string = "cold"; // "cold" | "archive": Glacier Flexible Retrieval or Glacier Deep Archive
const networkUsdPerMonth: number = 2000; // USD per month, >= 0: network transfer (course lump sum: $2K)
const queryUsdPerMonth: number = 1000; // USD per month, >= 0: query engine (course lump sum: $1K)
const rerunFraction: number = 0.1; // ratio in [0, 1): share of spot hours whose work is lost and re-run
const checkpointOverhead: number = 0.05; // ratio, >= 0: extra time spent writing checkpoints, as a fraction of useful work
const sensitivityChange: number = 0.1; // ratio in (0, 1]: relative change for the tornado chart (0.1 = ±10%)
const ingestTbPerMonth: number = 14; // TB per month, >= 0: new raw data for the lifecycle chart
const monthsSimulated: number = 60; // integer in [1, 1200]: months for the lifecycle chart
const warmAfterMonths: number = 1; // integer >= 1: age (months) at which data moves to warm
const coldAfterMonths: number = 3; // integer > warmAfterMonths: age (months) at which data moves to cold
const retentionMonths: number = 36; // integer >= 1: delete data older than this many months (course: "3 years, then delete")

// %%
import { readFileSync } from "node:fs";
import { cost, display, exercises } from "tradeoff-lab";
display.plotlyInit();

// %% [markdown]
// ## 1. The course's two architectures, rebuilt
// Every line of the course's boxes is one of two formulas:
//
// - **compute** = nodes × vCPUs per node × \$ per vCPU-hour × billed hours (a 730-hour month when
//   always on; the course bills its batch window as 8 h × 30 days = 240 h);
// - **storage** = TB × 1000 GB/TB × \$ per GB-month.
//
// `cost.courseArchitectures()` rebuilds both boxes from the course's own inputs, at the rates its
// arithmetic implies (`cost.coursePrices()`), so that we can first check the sums before arguing
// with the prices.

// %%
const course = cost.courseArchitectures();
const itemRows = [course.inefficient, course.optimized].flatMap((b) =>
  b.items.map((i) => ({ architecture: b.name.replace("course: ", ""), category: i.category, item: i.label, quantity: i.quantity, unit: i.unit, usdPerUnit: i.usdPerUnit, usdPerMonth: i.usdPerMonth })),
);
display.show(display.table(itemRows, { units: { usdPerUnit: "money", usdPerMonth: "money" }, caption: "The course's line items, rebuilt" }));

// %%
display.show(
  display.explain({
    subject: "Course §4: inefficient → optimized",
    verdict: `${cost.formatUsd(course.inefficient.usdPerMonth)} → ${cost.formatUsd(course.optimized.usdPerMonth)} per month`,
    reason: `a saving of ${cost.formatUsd(course.saving.usdPerMonth)}/month (${display.formatPercent(course.saving.fraction, 1)}): the course's "91% savings" holds for its items`,
    tone: "good",
    source: "course text §4; cost.courseArchitectures()",
  }),
);
const categories = cost.CATEGORIES.filter((c) => course.inefficient.byCategory[c] + course.optimized.byCategory[c] > 0);
display.show(
  display.barChart({
    title: "The course's two architectures by category (USD per month)",
    categories: ["inefficient (course)", "optimized (course)"],
    series: categories.map((c) => ({ name: c, values: [course.inefficient.byCategory[c], course.optimized.byCategory[c]] })),
    stacked: true,
    unit: "money",
  }),
);

// %% [markdown]
// ## 2. Where the course's numbers disagree with themselves
// The items add up — it is the *headings* and the *storage volumes* that do not. `cost.courseFindings()`
// checks every number in the box against the box's own inputs and against the price snapshot
// (`data/prices-aws-us-east-1.json`, AWS us-east-1 list prices, see its `.md` sidecar). The ones that
// matter:
//
// - **"The \$100K/Month Data Pipeline"** is \$303.5K/month by its own items (3.04× the heading), and the
//   "\$30K" optimized heading is \$26.54K. The headings alone would give a 70% saving, the items 91.3%.
// - **"500 TB compressed to 150 TB"** is a 3.33× ratio, not the 3× quoted two lines later (3× gives
//   166.7 TB). Worse, the tiers then price **100 + 50 + 400 = 550 TB** — more than the *uncompressed*
//   500 TB. If only the 150 TB compressed copy is kept, storage is \$2.9K and the total \$26.14K.
// - **Rates.** Warm "S3-IA \$0.6K for 50 TB" implies \$0.012/GB-month; S3 Standard-IA is \$0.0125 (\$625).
//   Cold "Glacier \$0.4K for 400 TB" implies \$0.001/GB-month — that is *Glacier Deep Archive*
//   (\$0.00099), not Glacier Flexible Retrieval (\$0.0036, \$1,440). The Glacier prices are third-party
//   listings, marked unverified in the snapshot (REFERENCES: "verify before citing").
// - **Calendars.** The spot line bills 8 h × 30 days = 240 h while the reserved line bills a 730-hour
//   month (30.42 days, which would make the window 243.3 h). And "10–100 nodes" is priced at 50,
//   an assumed average, not the range's midpoint (55).
// - **"S3 Intelligent Tiering"** heads the storage box, but the lines price explicit classes (S3-IA,
//   Glacier) as a lifecycle policy would. Intelligent-Tiering is a storage class of its own, which
//   moves objects between its access tiers automatically for a per-object monitoring fee (see the S3
//   pricing page); it is not the same bill.
// - **Scope.** The inefficient box has no network or query line, while the optimized one adds \$3K of
//   them: the comparison is not like for like (a real 24/7 cluster pays for network too).
// - **Spot.** \$0.15 = \$0.50 × (1 − 0.70) is consistent, but AWS advertises "up to a 90% discount" —
//   an upper bound, not a price — and neither figure includes the re-runs that interruptions cause
//   (section 6).

// %%
const findings = cost.courseFindings().map((f) => ({ id: f.id, severity: f.severity, courseFigure: f.courseFigure, recomputed: f.recomputedFigure, unit: f.unit, explanation: f.explanation }));
display.show(display.table(findings, { maxRows: 30, caption: "Every figure of the course's box, checked (ok = checks out)" }));

// %% [markdown]
// ### Exercise 05.1
// Autoscaling alone, before any spot or reserved discount: what would the **inefficient** architecture
// cost per month if its 100-node on-demand cluster ran only during the batch window of **240 hours**
// a month (8 h × 30 days), with everything else unchanged (500 TB in S3 at the course's \$0.023/GB-month)?
// Answer in USD.

// %% [exercise] id="05.1" points=2
// **Exercise 05.1** — the inefficient architecture with a 240-hour cluster, USD per month.
// BEGIN SOLUTION
const batchOnlyUsdPerMonth = 100 * 8 * 0.5 * 240 + 500 * 1000 * 0.023;
// END SOLUTION
// BEGIN STUB
const batchOnlyUsdPerMonth: number | undefined = undefined; // replace undefined with your answer
// END STUB
// BEGIN WRONG
const batchOnlyUsdPerMonth = 100 * 8 * 0.5 * 240;
// END WRONG

// %%
exercises.check("05.1", batchOnlyUsdPerMonth);

// %% [markdown]
// ### Exercise 05.2
// The course's cold line reads "400 TB cold (Glacier): \$0.4K/month". At which storage class's price
// is that line actually computed? Answer `"a"`, `"b"`, `"c"` or `"d"`.
//
// - **a** S3 Glacier Instant Retrieval
// - **b** S3 Glacier Flexible Retrieval
// - **c** S3 Glacier Deep Archive
// - **d** S3 Standard-Infrequent Access

// %% [exercise] id="05.2" points=1
// **Exercise 05.2** — which storage class is the course's cold line priced at?
// BEGIN SOLUTION
const coldLineClass = "c";
// END SOLUTION
// BEGIN STUB
const coldLineClass: string | undefined = undefined; // "a", "b", "c" or "d"
// END STUB
// BEGIN WRONG
const coldLineClass = "b";
// END WRONG

// %%
exercises.check("05.2", coldLineClass);

// %% [markdown]
// ## 3. The price snapshot
// Prices never appear as literals inside the library's formulas: they come from a dated snapshot,
// `data/prices-aws-us-east-1.json`, where every price carries its source and a `verified` flag. Below
// it is flattened into a table. Note S3 Standard's **volume bands** (first 50 TB, next 450 TB,
// over 500 TB): the course prices all 500 TB at the first band's \$0.023, which overstates the bill by
// \$450/month (\$11,500 against \$11,050).

// %%
interface SnapshotFile {
  asOf: string;
  storage: { classes: Record<string, { name: string; bands: { upToTb: number | null; usdPerGbMonth: number }[]; verified: boolean }> };
  network: Record<string, { value: number; verified: boolean }>;
  compute: Record<string, { value: number; verified: boolean }>;
}
const snapshot = JSON.parse(readFileSync(cost.DEFAULT_PRICES_PATH, "utf8")) as SnapshotFile;
const priceRows = [
  ...Object.values(snapshot.storage.classes).flatMap((c) =>
    c.bands.map((b, i) => ({
      item: c.bands.length > 1 ? `${c.name} (${i === 0 ? "first" : "next"} ${b.upToTb === null ? "band, open-ended" : `band up to ${b.upToTb} TB`})` : c.name,
      price: b.usdPerGbMonth,
      unit: "USD per GB-month",
      verified: c.verified,
    })),
  ),
  ...Object.entries(snapshot.network).map(([key, p]) => ({ item: key, price: p.value, unit: key.endsWith("Gb") ? "USD per GB" : "USD per hour", verified: p.verified })),
  ...Object.entries(snapshot.compute).map(([key, p]) => ({ item: key, price: p.value, unit: "fraction off on-demand", verified: p.verified })),
];
display.show(display.table(priceRows, { maxRows: 30, caption: `AWS us-east-1 list prices, snapshot of ${snapshot.asOf} (verified = checked on the AWS page)` }));

// %% [markdown]
// ### Exercise 05.3
// Price the course's optimized storage tiers — **100 TB hot, 50 TB warm, 400 TB cold** (no further
// compression) — at the snapshot's list prices instead of the course's implied rates. What is the
// monthly total, in USD? `cost.storage({ tb, tier })` returns the line items of one tier (one item per
// volume band); it uses the snapshot by default.

// %% [exercise] id="05.3" points=2
// **Exercise 05.3** — 100 TB hot + 50 TB warm + 400 TB cold at the snapshot's prices, USD per month.
// BEGIN SOLUTION
const tierUsd = (tb: number, tier: cost.StorageTier) => cost.storage({ tb, tier }).reduce((sum, item) => sum + item.usdPerMonth, 0);
const snapshotStorageUsd = tierUsd(100, "hot") + tierUsd(50, "warm") + tierUsd(400, "cold");
// END SOLUTION
// BEGIN STUB
const snapshotStorageUsd: number | undefined = undefined; // replace undefined with your answer
// END STUB
// BEGIN WRONG
const snapshotStorageUsd = 100 * 1000 * 0.023 + 50 * 1000 * 0.0125 + 400 * 1000 * 0.0036;
// END WRONG

// %%
exercises.check("05.3", snapshotStorageUsd);

// %% [markdown]
// ## 4. Your architecture, and a waterfall of the savings
// Now price the optimized design *your* way, with the parameters at the top and the snapshot's prices.
// The waterfall starts from the inefficient cluster (at your node count and on-demand price, with S3's
// real volume bands) and applies one lever of the course's strategy list at a time:
//
// 1. **autoscale and run only in the batch window** (still on demand);
// 2. **buy the batch hours as spot** (`spotDiscount` off on-demand);
// 3. **pay for interruptions**: lost work re-runs and checkpoints take time, so a useful spot hour costs
//    spot × (1 + checkpointOverhead) / (1 − rerunFraction) — the course leaves this out;
// 4. **add a reserved always-on baseline** (a cost, not a saving);
// 5. **compress** (stored TB = raw TB / compressionRatio);
// 6. **tier by age** (hot / warm / cold shares of the compressed data);
// 7. **add the network and query lines** the course gives as lump sums.
//
// `yourItems` is the model (a handful of library calls); the waterfall and the tornado below both use it.

// %%
interface YourInputs {
  spotNodes: number;
  vcpusPerNode: number;
  onDemandUsdPerVcpuHour: number;
  spotDiscount: number;
  batchHoursPerMonth: number;
  rerunFraction: number;
  checkpointOverhead: number;
  reservedNodes: number;
  reservedDiscount: number;
  rawTb: number;
  compressionRatio: number;
  hotFraction: number;
  warmFraction: number;
  networkUsdPerMonth: number;
  queryUsdPerMonth: number;
}
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
function yourItems(x: Readonly<YourInputs>): cost.LineItem[] {
  const spot = cost.spotEffectivePrice({
    spotUsdPerHour: cost.discounted(x.onDemandUsdPerVcpuHour, clamp(x.spotDiscount, 0, 1)),
    rerunFraction: clamp(x.rerunFraction, 0, 0.99),
    checkpointOverhead: x.checkpointOverhead,
  });
  const ratio = Math.max(1, x.compressionRatio);
  const hot = clamp(x.hotFraction, 0, 1);
  const warm = clamp(x.warmFraction, 0, 1 - hot);
  return [
    cost.compute({ label: "spot batch cluster (incl. re-runs)", nodes: x.spotNodes, vcpusPerNode: x.vcpusPerNode, usdPerVcpuHour: spot.effectiveUsdPerHour, purchase: "spot", hoursPerMonth: clamp(x.batchHoursPerMonth, 0, 744) }),
    cost.compute({ label: "reserved baseline", nodes: x.reservedNodes, vcpusPerNode: x.vcpusPerNode, usdPerVcpuHour: cost.discounted(x.onDemandUsdPerVcpuHour, clamp(x.reservedDiscount, 0, 1)), purchase: "reserved" }),
    ...cost.storage({ label: "hot", tb: x.rawTb * hot, tier: "hot", compressionRatio: ratio }),
    ...cost.storage({ label: "warm", tb: x.rawTb * warm, tier: "warm", compressionRatio: ratio }),
    ...cost.storage({ label: coldTier, tb: x.rawTb * (1 - hot - warm), tier: coldTier as cost.StorageTier, compressionRatio: ratio }),
    cost.lumpSum({ category: "network", label: "network transfer (lump sum)", usdPerMonth: x.networkUsdPerMonth }),
    cost.lumpSum({ category: "query", label: "query engine (lump sum)", usdPerMonth: x.queryUsdPerMonth }),
  ];
}
const yourBill = (x: Readonly<YourInputs>) => cost.bill("yours", yourItems(x)).usdPerMonth;
// (tslab: spell out `name: name` for variables of earlier cells; the shorthand `{ name }` does not see them)
const yourInputs: YourInputs = {
  spotNodes: spotNodesAverage, vcpusPerNode: vcpusPerNode, onDemandUsdPerVcpuHour: onDemandUsdPerVcpuHour, spotDiscount: spotDiscount,
  batchHoursPerMonth: batchHoursPerDay * batchDaysPerMonth, rerunFraction: rerunFraction, checkpointOverhead: checkpointOverhead,
  reservedNodes: reservedNodes, reservedDiscount: reservedDiscount, rawTb: rawTb, compressionRatio: compressionRatio, hotFraction: hotFraction, warmFraction: warmFraction, networkUsdPerMonth: networkUsdPerMonth, queryUsdPerMonth: queryUsdPerMonth,
};

// %%
const sumItems = (items: readonly cost.LineItem[]) => cost.bill("sum", items).usdPerMonth;
const batch = { nodes: spotNodesAverage, vcpusPerNode: vcpusPerNode, hoursPerDay: batchHoursPerDay, daysPerMonth: batchDaysPerMonth };
const alwaysOnUsd = cost.compute({ nodes: inefficientNodes, vcpusPerNode: vcpusPerNode, usdPerVcpuHour: onDemandUsdPerVcpuHour, hoursPerMonth: alwaysOnHoursPerMonth }).usdPerMonth;
const rawHotUsd = sumItems(cost.storage({ tb: rawTb, tier: "hot" }));
const batchOnDemandUsd = cost.compute({ ...batch, usdPerVcpuHour: onDemandUsdPerVcpuHour }).usdPerMonth;
const spotUsdPerVcpuHour = cost.discounted(onDemandUsdPerVcpuHour, spotDiscount);
const batchSpotUsd = cost.compute({ ...batch, usdPerVcpuHour: spotUsdPerVcpuHour, purchase: "spot" }).usdPerMonth;
const yours = cost.bill("your optimized architecture", yourItems(yourInputs));
const line = (prefix: string) => sumItems(yours.items.filter((i) => i.label.startsWith(prefix)));
const compressedHotUsd = sumItems(cost.storage({ tb: rawTb, tier: "hot", compressionRatio: compressionRatio }));
const steps = [
  { label: "autoscale + batch window", amount: batchOnDemandUsd - alwaysOnUsd },
  { label: "spot pricing", amount: batchSpotUsd - batchOnDemandUsd },
  { label: "spot interruptions", amount: line("spot batch") - batchSpotUsd },
  { label: "reserved baseline", amount: line("reserved") },
  { label: "compression", amount: compressedHotUsd - rawHotUsd },
  { label: "tiering by age", amount: yours.byCategory.storage - compressedHotUsd },
  { label: "network + query", amount: networkUsdPerMonth + queryUsdPerMonth },
];
display.show(
  display.waterfall({
    title: "From the inefficient pipeline to yours, one lever at a time (USD per month)",
    start: { label: "inefficient", amount: alwaysOnUsd + rawHotUsd },
    steps,
    totalLabel: "yours",
  }),
);

// %%
const yourTable = yours.items.map((i) => ({ item: i.label, category: i.category, quantity: i.quantity, unit: i.unit, usdPerUnit: i.usdPerUnit, usdPerMonth: i.usdPerMonth }));
display.show(display.table(yourTable, { units: { usdPerUnit: "money", usdPerMonth: "money" }, caption: "Your optimized architecture at the snapshot's prices" }));
const yourSaving = cost.saving(alwaysOnUsd + rawHotUsd, yours);
display.show(
  display.explain({
    subject: "Your architecture",
    verdict: `${cost.formatUsd(yours.usdPerMonth)} per month`,
    reason: `${display.formatPercent(yourSaving.fraction, 1)} less than the inefficient ${cost.formatUsd(alwaysOnUsd + rawHotUsd)}; the course's optimized box is ${cost.formatUsd(course.optimized.usdPerMonth)}`,
    tone: yourSaving.fraction > 0 ? "good" : "bad",
    details: [
      `stored data: ${(rawTb / compressionRatio).toFixed(1)} TB after ${compressionRatio}:1 compression (the course's tiers price 550 TB)`,
      `spot at ${cost.formatUsd(spotUsdPerVcpuHour)}/vCPU-hour costs ${cost.formatUsd(line("spot batch") / (spotNodesAverage * vcpusPerNode * batchHoursPerDay * batchDaysPerMonth || 1))} per useful vCPU-hour once re-runs and checkpoints are paid for`,
    ],
  }),
);

// %% [markdown]
// ## 5. Sensitivity: which input moves the bill most?
// A tornado chart moves each input by ±`sensitivityChange` (relative) with every other input at its
// baseline, and sorts the inputs by how far the total moves (`cost.tornado`, one-at-a-time
// sensitivity). It tells a cost review where to spend its attention: the wide bars at the top.
// It is a local, linear view: it does not show interactions (node count × node size), and a ±10% change
// is not equally likely for every input.

// %%
const tornado = cost.tornado<keyof YourInputs>({ model: yourBill, inputs: { ...yourInputs }, change: sensitivityChange });
const tornadoRows = tornado.rows.filter((r) => r.swingUsd > 0);
display.show(
  display.barChart({
    title: `Tornado: one input at a time ±${sensitivityChange * 100}% (baseline ${Math.round(tornado.baseUsd).toLocaleString("en-US")} USD/month)`,
    categories: tornadoRows.map((r) => r.input),
    series: [
      { name: `input −${sensitivityChange * 100}%`, values: tornadoRows.map((r) => r.lowUsd - tornado.baseUsd) },
      { name: `input +${sensitivityChange * 100}%`, values: tornadoRows.map((r) => r.highUsd - tornado.baseUsd) },
    ],
    orientation: "horizontal",
    unit: "money",
    valueTitle: "change in the monthly bill (USD)",
    heightPx: 520,
  }),
);

// %% [markdown]
// ### Exercise 05.4
// Run the tornado on the **course's** optimized bill: `cost.tornado({ model: cost.courseOptimizedModel,
// inputs: { ...cost.courseOptimizedInputs } })` (±10%). Which input moves the total most?
//
// - **a** the spot price per vCPU-hour
// - **b** the vCPUs per node
// - **c** the hot storage volume
// - **d** the batch window's hours

// %% [exercise] id="05.4" points=1
// **Exercise 05.4** — the input with the widest bar on the course's tornado.
// BEGIN SOLUTION
const widestInput = "b";
// END SOLUTION
// BEGIN STUB
const widestInput: string | undefined = undefined; // "a", "b", "c" or "d"
// END STUB
// BEGIN WRONG
const widestInput = "a";
// END WRONG

// %%
exercises.check("05.4", widestInput);

// %% [markdown]
// ## 6. Spot and reserved: the break-even
// Capacity needed a fraction *u* of the month costs, per vCPU:
//
// - **on demand**: price × *u* × 730 h (paid only while used);
// - **reserved**: reserved price × 730 h (paid every hour: a commitment);
// - **spot**: spot price × (1 + checkpointOverhead) / (1 − rerunFraction) × *u* × 730 h.
//
// Reserved beats on-demand when *u* > reserved / on-demand — **40%** at the course's \$0.20 against
// \$0.50 (`cost.reservedBreakEven`). So the course is right to reserve the always-on baseline (*u* = 1)
// and right *not* to reserve the batch cluster: 8 h a day is *u* = 33%, below the break-even.
// Spot is cheaper than on-demand at every *u* until the re-run fraction reaches 1 − spot × (1 +
// overhead) / on-demand (`breakEvenRerunFraction`), but spot capacity can be reclaimed at any time
// (AWS gives a two-minute warning), so it suits retryable batch work, not the baseline.
// `cost.spotInterruptionOverhead` turns an interruption rate and a checkpoint interval into the two
// overheads, with Young's optimal checkpoint interval √(2 × checkpoint time / interruption rate)
// (Young, CACM 1974).

// %%
const reservedUsdPerVcpuHour = cost.discounted(onDemandUsdPerVcpuHour, reservedDiscount);
const spotEffective = cost.spotEffectivePrice({ spotUsdPerHour: spotUsdPerVcpuHour, rerunFraction: rerunFraction, checkpointOverhead: checkpointOverhead, onDemandUsdPerHour: onDemandUsdPerVcpuHour });
const utilizations = Array.from({ length: 21 }, (_, i) => i / 20);
const perNode = (u: number) => cost.reservedVsOnDemand({ onDemandUsdPerHour: onDemandUsdPerVcpuHour, reservedUsdPerHour: reservedUsdPerVcpuHour, utilization: u, units: vcpusPerNode });
display.show(
  display.lineChart({
    title: `Monthly cost of one ${vcpusPerNode}-vCPU node against utilization`,
    x: utilizations,
    series: [
      { name: "on demand", y: utilizations.map((u) => perNode(u).onDemandUsdPerMonth) },
      { name: "reserved (1 year)", y: utilizations.map((u) => perNode(u).reservedUsdPerMonth), dash: "dash" },
      { name: "spot, incl. re-runs", y: utilizations.map((u) => spotEffective.effectiveUsdPerHour * u * cost.prices().hoursPerMonth * vcpusPerNode), dash: "dot" },
    ],
    xTitle: "utilization (share of the month the node is needed)",
    xUnit: "percent",
    yTitle: "USD per month",
    yUnit: "money",
  }),
);

// %%
const breakEven = cost.reservedBreakEven({ onDemandUsdPerHour: onDemandUsdPerVcpuHour, reservedUsdPerHour: reservedUsdPerVcpuHour });
const batchUtilization = (batchHoursPerDay * batchDaysPerMonth) / cost.prices().hoursPerMonth;
display.show(
  display.explain({
    subject: `Reserved at ${cost.formatUsd(reservedUsdPerVcpuHour)} vs on-demand at ${cost.formatUsd(onDemandUsdPerVcpuHour)} per vCPU-hour`,
    verdict: breakEven.reservedEverCheaper ? `reserve capacity needed more than ${display.formatPercent(breakEven.breakEvenUtilization, 1)} of the month` : "reserved is never cheaper",
    reason: `your batch window is ${display.formatPercent(batchUtilization, 1)} of the month, so the batch cluster should ${batchUtilization > breakEven.breakEvenUtilization ? "be reserved" : "not be reserved"}`,
    details: [
      `spot costs ${cost.formatUsd(spotEffective.effectiveUsdPerHour)} per useful vCPU-hour (${display.formatPercent(spotEffective.effectiveDiscount ?? 0, 1)} off on-demand, against the nominal ${display.formatPercent(spotDiscount, 0)})`,
      `spot stops paying off when ${display.formatPercent(spotEffective.breakEvenRerunFraction ?? 0, 1)} of its hours are re-run`,
    ],
    source: "cost.reservedBreakEven, cost.spotEffectivePrice",
  }),
);

// %% [markdown]
// ### Exercise 05.5
// Implement the price of one **useful** spot hour: `spotUsdPerHour × (1 + checkpointOverhead) /
// (1 − rerunFraction)`. Why divide? If a tenth of the billed hours is lost and re-run, only nine
// tenths of what you pay for is useful work.

// %% [exercise] id="05.5" points=3
// **Exercise 05.5** — implement `spotEffective(spotUsdPerHour, rerunFraction, checkpointOverhead)`.
// BEGIN SOLUTION
const spotEffectiveUsd = (spotUsdPerHour: number, rerun: number, overhead: number) => (spotUsdPerHour * (1 + overhead)) / (1 - rerun);
// END SOLUTION
// BEGIN STUB
const spotEffectiveUsd: ((spotUsdPerHour: number, rerun: number, overhead: number) => number) | undefined = undefined;
// END STUB
// BEGIN WRONG
const spotEffectiveUsd = (spotUsdPerHour: number, rerun: number, overhead: number) => spotUsdPerHour * (1 + overhead) * (1 + rerun);
// END WRONG

// %%
exercises.check("05.5", spotEffectiveUsd);

// %% [markdown]
// ### Exercise 05.6
// A service runs on up to 8 nodes of 8 vCPUs. Sorted from busiest to idlest, node *k* is needed this
// share of the month: **100%, 100%, 95%, 80%, 55%, 38%, 20%, 5%**. On-demand costs \$0.50 and 1-year
// reserved \$0.20 per vCPU-hour. You reserve the *n* busiest nodes and buy the rest on demand. Which
// *n* gives the lowest monthly bill? (Answer a whole number from 0 to 8.)

// %% [exercise] id="05.6" points=2
// **Exercise 05.6** — how many nodes to reserve.
// BEGIN SOLUTION
const nodesToReserve = [1, 1, 0.95, 0.8, 0.55, 0.38, 0.2, 0.05].filter((u) => u > 0.2 / 0.5).length;
// END SOLUTION
// BEGIN STUB
const nodesToReserve: number | undefined = undefined; // a whole number from 0 to 8
// END STUB
// BEGIN WRONG
const nodesToReserve = 4;
// END WRONG

// %%
exercises.check("05.6", nodesToReserve);

// %% [markdown]
// ## 7. Lifecycle and retention
// The course's storage strategies — "use lifecycle policies (hot → warm → cold → archive)" and "delete
// old data (retention policy: 3 years, then delete)" — act on data *as it ages*, so they show up month
// by month. `cost.lifecycle` ingests `ingestTbPerMonth` every month, moves each month's data to warm
// and cold at the ages you set, and optionally deletes it at `retentionMonths`. It does not model
// minimum storage durations, retrieval fees or transition requests: check those on the S3 pricing page
// before moving small or short-lived objects to a colder class.

// %%
const lifecycleBase = { months: monthsSimulated, ingestTbPerMonth: ingestTbPerMonth, compressionRatio: compressionRatio };
const tiered = [
  { tier: "hot" as const, fromMonth: 0 },
  { tier: "warm" as const, fromMonth: warmAfterMonths },
  { tier: coldTier as cost.StorageTier, fromMonth: coldAfterMonths },
];
const allHot = cost.lifecycle({ ...lifecycleBase, rules: [{ tier: "hot", fromMonth: 0 }] });
const withLifecycle = cost.lifecycle({ ...lifecycleBase, rules: tiered });
const withRetention = cost.lifecycle({ ...lifecycleBase, rules: tiered, deleteAfterMonths: retentionMonths });
display.show(
  display.lineChart({
    title: `Monthly storage bill, ${ingestTbPerMonth} TB/month ingested, ${compressionRatio}:1 compression`,
    x: allHot.months.map((m) => m.month),
    series: [
      { name: "all hot, kept forever", y: allHot.months.map((m) => m.usdPerMonth) },
      { name: "lifecycle, kept forever", y: withLifecycle.months.map((m) => m.usdPerMonth), dash: "dash" },
      { name: `lifecycle + delete after ${retentionMonths} months`, y: withRetention.months.map((m) => m.usdPerMonth), dash: "dot" },
    ],
    xTitle: "month",
    yTitle: "USD per month",
    yUnit: "money",
  }),
);
display.show(
  display.explain({
    subject: `${monthsSimulated} months of storage`,
    verdict: `${cost.formatUsd(allHot.totalUsd)} → ${cost.formatUsd(withLifecycle.totalUsd)} → ${cost.formatUsd(withRetention.totalUsd)}`,
    reason: "all hot → with the lifecycle policy → with the lifecycle policy and the retention limit",
    tone: "good",
  }),
);

// %% [markdown]
// ## 8. The course's strategy list, tied to the model
// The course closes section 4 with a list of strategies. Here each one is tied to the lever in this
// notebook that models it and, where the model can say, what it is worth at your parameters. Items
// the model does not cover are marked so, rather than guessed.

// %%
const s3First = snapshot.storage.classes["s3-standard"].bands[0].usdPerGbMonth;
const ebsPrice = (id: string): number => snapshot.storage.classes[id].bands[0].usdPerGbMonth;
const natGb = 10_000; // an illustrative 10 TB a month through the NAT gateway
const natUsd = sumItems(cost.network({ natGatewayGb: natGb }));
const crossRegionUsd = sumItems(cost.network({ crossRegionGb: natGb }));
const strategyRows = [
  { area: "compute", strategy: "spot instances (70% discount)", lever: "spotDiscount, rerunFraction", effect: `${cost.formatUsd(batchOnDemandUsd - line("spot batch"))}/month on the batch cluster, after re-runs` },
  { area: "compute", strategy: "autoscale (scale to zero)", lever: "spotNodesAverage, batch window", effect: `${cost.formatUsd(alwaysOnUsd - batchOnDemandUsd)}/month before any discount` },
  { area: "compute", strategy: "right-size instances", lever: "vcpusPerNode", effect: "widest bar of the course's tornado (exercise 05.4)" },
  { area: "compute", strategy: "reserved for the baseline", lever: "reservedDiscount", effect: `pays off above ${display.formatPercent(breakEven.breakEvenUtilization, 0)} utilization` },
  { area: "compute", strategy: "serverless for intermittent work", lever: "not modelled", effect: "pay-per-use: like the on-demand line at low utilization" },
  { area: "storage", strategy: "compress (Parquet + Snappy)", lever: "compressionRatio", effect: `${cost.formatUsd(rawHotUsd - compressedHotUsd)}/month on ${rawTb} TB of hot data` },
  { area: "storage", strategy: "lifecycle policies", lever: "hot/warm fractions, cost.lifecycle", effect: `${cost.formatUsd(compressedHotUsd - yours.byCategory.storage)}/month (tiering step of the waterfall)` },
  { area: "storage", strategy: "delete old data (3 years)", lever: "retentionMonths", effect: `${cost.formatUsd(withLifecycle.totalUsd - withRetention.totalUsd)} over ${monthsSimulated} months` },
  { area: "storage", strategy: "partition data", lever: "not modelled", effect: "cuts bytes scanned by queries, not bytes stored" },
  { area: "storage", strategy: "S3 vs EBS: 10x cheaper", lever: "price snapshot (EBS per provisioned GB)", effect: `not 10×: gp3 is ${(ebsPrice("ebs-gp3") / s3First).toFixed(1)}× and gp2 ${(ebsPrice("ebs-gp2") / s3First).toFixed(1)}× S3 Standard (${display.formatMoney(s3First)}/GB-month), and sc1 (${display.formatMoney(ebsPrice("ebs-sc1"))}) is cheaper than S3` },
  { area: "network", strategy: "VPC endpoints (avoid NAT at $0.045/GB)", lever: "cost.network", effect: `${cost.formatUsd(natUsd)}/month per 10 TB through NAT, $0 through a gateway endpoint` },
  { area: "network", strategy: "compress before transfer", lever: "GB transferred", effect: "linear in GB: a 3:1 ratio cuts transfer cost by two thirds" },
  { area: "network", strategy: "same region (cross-region $0.02/GB)", lever: "cost.network", effect: `${cost.formatUsd(crossRegionUsd)}/month per 10 TB leaving us-east-1` },
  { area: "network", strategy: "CDN for hot data", lever: "not modelled", effect: "" },
  { area: "query", strategy: "pruning, pushdown, views, caching", lever: "queryUsdPerMonth, cost.queryEngine", effect: "fewer engine hours: the course's $1K is ~30 h/month at ~$33/h" },
  { area: "monitoring", strategy: "budget alert at 80%", lever: "your total", effect: `alert at ${cost.formatUsd(0.8 * yours.usdPerMonth)}/month if the budget is your current bill` },
];
display.show(display.table(strategyRows, { maxRows: 30, caption: "Course §4 \"Cost Optimization Strategies\", each tied to a lever" }));

// %% [markdown]
// **What to take away.** The course's direction is right — batch windows, spot for retryable work,
// reserved capacity only above the break-even, compression and tiering — and its 91% saving holds for
// its items. But its headings (\$100K, \$30K) contradict its own sums, its storage tiers price 550 TB
// of a 150 TB dataset, its "Glacier" is Deep Archive, and its spot line ignores interruptions. In a
// design doc, show the line items and the snapshot date, not the headline.

// %% [markdown]
// ## Explore: the cost levers
// Move the levers and the waterfall from the inefficient pipeline to yours recomputes in the page with
// the library's price snapshot. The inputs without a control stay at the course's values (8 vCPUs per
// node at $0.50/vCPU-hour, 500 TB raw, 100 always-on nodes for 730 h, 30 batch days, 30% warm data,
// reserved at 60% off, 10% re-runs, 5% checkpoints, $2K network and $1K query).

// %%
display.show(
  display.whatIf({
    title: "From the inefficient pipeline to yours",
    key: "levers",
    controls: {
      spotNodes: { type: "integer", min: 0, max: 100, step: 5, description: "batch nodes (average)" },
      batchHours: { type: "integer", min: 1, max: 24, unit: "h/day", description: "batch window" },
      spotDiscount: { type: "number", min: 0, max: 0.9, step: 0.05, description: "spot discount" },
      reservedNodes: { type: "integer", min: 0, max: 20, description: "reserved baseline nodes" },
      compression: { type: "number", min: 1, max: 10, step: 0.5, description: "compression ratio" },
      hot: { type: "number", min: 0, max: 1, step: 0.05, description: "share of data hot" },
    },
    values: { spotNodes: 50, batchHours: 8, spotDiscount: 0.7, reservedNodes: 5, compression: 3, hot: 0.2 },
    view: (lib, v) => {
      const onDemand = 0.5;
      const sum = (items: readonly cost.LineItem[]) => lib.cost.bill("sum", items).usdPerMonth;
      const alwaysOn = lib.cost.compute({ nodes: 100, vcpusPerNode: 8, usdPerVcpuHour: onDemand, hoursPerMonth: 730 }).usdPerMonth;
      const rawHot = sum(lib.cost.storage({ tb: 500, tier: "hot" }));
      const batch = { nodes: v.spotNodes, vcpusPerNode: 8, hoursPerDay: v.batchHours, daysPerMonth: 30 };
      const batchOnDemand = lib.cost.compute({ ...batch, usdPerVcpuHour: onDemand }).usdPerMonth;
      const spotPrice = lib.cost.discounted(onDemand, v.spotDiscount);
      const batchSpot = lib.cost.compute({ ...batch, usdPerVcpuHour: spotPrice, purchase: "spot" }).usdPerMonth;
      const effective = lib.cost.spotEffectivePrice({ spotUsdPerHour: spotPrice, rerunFraction: 0.1, checkpointOverhead: 0.05 }).effectiveUsdPerHour;
      const batchEffective = lib.cost.compute({ ...batch, usdPerVcpuHour: effective, purchase: "spot" }).usdPerMonth;
      const reserved = lib.cost.compute({ nodes: v.reservedNodes, vcpusPerNode: 8, usdPerVcpuHour: lib.cost.discounted(onDemand, 0.6), purchase: "reserved" }).usdPerMonth;
      const compressedHot = sum(lib.cost.storage({ tb: 500, tier: "hot", compressionRatio: v.compression }));
      const warm = Math.min(0.3, 1 - v.hot);
      const tiered = sum([
        ...lib.cost.storage({ tb: 500 * v.hot, tier: "hot", compressionRatio: v.compression }),
        ...lib.cost.storage({ tb: 500 * warm, tier: "warm", compressionRatio: v.compression }),
        ...lib.cost.storage({ tb: 500 * (1 - v.hot - warm), tier: "cold", compressionRatio: v.compression }),
      ]);
      const steps = [
        { label: "autoscale + batch window", amount: batchOnDemand - alwaysOn },
        { label: "spot pricing", amount: batchSpot - batchOnDemand },
        { label: "spot interruptions", amount: batchEffective - batchSpot },
        { label: "reserved baseline", amount: reserved },
        { label: "compression", amount: compressedHot - rawHot },
        { label: "tiering by age", amount: tiered - compressedHot },
        { label: "network + query", amount: 3000 },
      ];
      const total = alwaysOn + rawHot + steps.reduce((s, x) => s + x.amount, 0);
      return [
        lib.display.waterfall({ title: "From the inefficient pipeline to yours (USD per month)", start: { label: "inefficient", amount: alwaysOn + rawHot }, steps, totalLabel: "yours" }),
        lib.display.explain({
          subject: "Your levers",
          verdict: `${lib.display.formatMoney(total)} per month`,
          reason: `${lib.display.formatPercent(1 - total / (alwaysOn + rawHot))} less than the inefficient ${lib.display.formatMoney(alwaysOn + rawHot)}`,
          tone: total < alwaysOn + rawHot ? "good" : "bad",
        }),
      ];
    },
  }),
);

// %%
exercises.progress("05");
