// %% [markdown]
// # 08 · Disaster recovery
//
// Which disaster-recovery strategy meets *our* RTO and RPO most cheaply, what does a disaster still
// cost us with it, and what does the course's "Gold tier" really buy? This notebook follows the
// course's section 7 (RTO/RPO, the Gold/Silver/Bronze tiers, the Gold-tier example) and sets it
// against AWS's four strategies as the Well-Architected Reliability pillar words them today
// (**REL13-BP02**, read 2026). Every number comes from the library's `dr` namespace.

// %% [markdown]
// ## Parameters
// Targets and business costs first, then the backup schedule and replication lag, then the Gold-tier
// deployment. The production bill defaults to notebook 05's optimized pipeline (\$26,540/month).

// %% tags=["parameters"]
const rtoTargetMinutes: number = 60; // minutes, >= 0: RTO target, the longest acceptable outage
const rpoTargetMinutes: number = 15; // minutes, >= 0: RPO target, the most data the business may lose
const productionUsdPerMonth: number = 26540; // USD per month, > 0: single-region production bill
const disastersPerYear: number = 0.3; // >= 0: regional disasters (failovers) per year (an assumption)
const downtimeUsdPerHour: number = 20000; // USD, >= 0: cost of one hour of outage
const dataLossUsdPerHour: number = 80000; // USD, >= 0: cost of losing one hour of data
const exampleRpoHours: number = 1; // hours, > 0: timeline, hours between the last backup and the disaster (course: 1)
const exampleRtoHours: number = 4; // hours, > 0: timeline, hours to restore service (course: 4)
const backupIntervalMinutes: number = 360; // minutes, > 0: time between backup starts
const backupDurationMinutes: number = 30; // minutes, >= 0: time one backup takes
const backupTransferMinutes: number = 10; // minutes, >= 0: time to copy a backup to another region
const replicationLagSeconds: number[] = [0.3, 0.5, 0.4, 1.2, 0.6, 4.8, 0.7, 0.5]; // seconds, each >= 0, length >= 1: observed async replication lag samples
const logShipIntervalSeconds: number = 0; // seconds, >= 0: log shipped in batches every this many seconds (0 = streaming)
const primaryRegion: string = "us-east-1"; // Gold tier, the primary region (course: us-east-1)
const replicaRegions: string[] = ["eu-west-1", "ap-south-1"]; // length >= 1: Gold tier, synchronous replicas (course: eu-west-1, ap-south-1)
const singleRegionComputeUsdPerMonth: number = 20000; // USD per month, >= 0: one region's compute bill
const singleRegionStorageUsdPerMonth: number = 3000; // USD per month, >= 0: one region's storage bill
const writeGbPerMonth: number = 10000; // GB per month, >= 0: data written at the primary and replicated
const healthCheckIntervalSeconds: number = 30; // seconds, > 0: Route 53 health-check interval (30 standard, 10 fast)
const failureThreshold: number = 3; // integer >= 1: failed checks in a row before failover (Route 53 default: 3)
const promotionSeconds: number = 60; // seconds, >= 0: time to promote the replica to primary (an assumption)
const dnsTtlSeconds: number = 60; // seconds, >= 0: DNS TTL that clients may cache the old answer for

// %%
import * as path from "node:path";
import { display, dr, exercises, healing } from "tradeoff-lab";
display.plotlyInit();

// %% [markdown]
// ## 1. RTO and RPO
// - **RTO** (recovery time objective): how long we may be down — "restore service within 4 hours".
//   It is measured *forward* from the disaster to the restored service.
// - **RPO** (recovery point objective): how much data we may lose — "lose at most 1 hour of data".
//   It is measured *backward* from the disaster to the last copy we can restore from.
//
// The chart redraws the course's timeline. Before the disaster, the solid line is the data that a
// disaster at that moment would destroy: it grows until a backup lands, then drops to zero (here a
// backup every `exampleRpoHours`, and the disaster strikes just before the next one: the worst case).
// After the disaster, the dashed line is the outage so far, until service is restored. The two peaks
// are the RPO and the RTO.

// %%
const hoursBefore = 3 * exampleRpoHours;
const timelineHours = [
  ...Array.from({ length: 121 }, (_, i) => -hoursBefore + (i * hoursBefore) / 120),
  ...Array.from({ length: 80 }, (_, j) => ((j + 1) * (exampleRtoHours + 1)) / 80),
];
// Backups land at −1, −2, −3 × exampleRpoHours; the one due at 0 never completes.
const sinceLastBackup = (t: number) => t - exampleRpoHours * Math.floor(t / exampleRpoHours);
const atRisk = (t: number) => (t < 0 ? sinceLastBackup(t) : t === 0 ? exampleRpoHours : null);
display.show(
  display.lineChart({
    title: "The course's timeline: RPO before the disaster, RTO after it",
    x: timelineHours,
    series: [
      { name: "data a disaster now would destroy (h)", y: timelineHours.map(atRisk) },
      { name: "outage so far (h)", y: timelineHours.map((t) => (t < 0 ? 0 : t <= exampleRtoHours ? t : 0)), dash: "dash" },
    ],
    xTitle: "hours from the disaster",
    yTitle: "hours",
    markers: false,
  }),
);
display.show(
  display.explain({
    subject: `Backup ${exampleRpoHours} h before the disaster, service back ${exampleRtoHours} h after it`,
    verdict: `RPO ${exampleRpoHours} h, RTO ${exampleRtoHours} h`,
    reason: "the data written since the last backup is lost; the outage lasts until service is restored",
    source: "course text §7, Definitions",
  }),
);

// %% [markdown]
// ## 2. The course's tiers and AWS's four strategies
// The course sorts DR into three tiers by the *order of magnitude* of RTO and RPO. AWS's Reliability
// pillar (REL13-BP02, "Use defined recovery strategies to meet the recovery objectives") names four
// strategies, **in increasing order of cost and complexity and decreasing RTO and RPO**:
//
// | AWS strategy | RPO (AWS's words) | RTO (AWS's words) |
// |---|---|---|
// | Backup and restore | hours (5 minutes with point-in-time recovery) | 24 hours or less |
// | Pilot light | minutes | tens of minutes |
// | Warm standby | seconds | minutes |
// | Multi-site active/active | near zero | potentially zero |
//
// Two corrections to the course's table follow from that wording:
// - **Silver** ("RTO hours, RPO minutes … warm standby"): AWS's *current* text gives warm standby an
//   RTO in minutes and an RPO in seconds — better than Silver asks, and dearer. An RTO of hours with an
//   RPO of minutes is what **pilot light** meets. (Older AWS texts gave pilot light an RTO "in hours",
//   which may be where the course's row comes from: pin the version you cite, with its date.)
// - **Bronze** ("RTO days"): REL13-BP02 describes backup and restore with an RTO "in 24 hours or less"
//   (a description of the strategy, not a promise or an SLA); a plan that takes days is below AWS's
//   lowest rung.
//
// AWS gives only the *ordering* of costs. The figures below (`data/dr-strategies.json`) turn its words
// into numbers — RTO, RPO and a cost multiplier of the single-region bill — and are this project's
// stated assumptions: replace them with your own.

// %%
const tiers = dr.courseTiers.map((t) => ({ tier: t.name, rto: t.rto, rpo: t.rpo, courseStrategy: t.strategy, courseCost: t.cost, closestAwsStrategy: t.awsStrategy, note: t.note }));
display.show(display.table(tiers, { caption: "The course's RTO/RPO tiers, with the closest REL13-BP02 strategy" }));

// %%
const strategyRows = dr.strategies().map((s) => ({ strategy: s.name, rpoWording: s.rpoWording, rtoWording: s.rtoWording, rtoMinutes: s.rtoMinutes, rpoMinutes: s.rpoMinutes, costMultiplier: s.costMultiplier, assumptions: s.assumptions }));
display.show(
  display.table(strategyRows, {
    units: { rtoMinutes: "duration:min", rpoMinutes: "duration:min" },
    labels: { rtoMinutes: "RTO (assumed)", rpoMinutes: "RPO (assumed)", costMultiplier: "cost × production" },
    caption: "AWS's four strategies (data/dr-strategies.json), cheapest first",
  }),
);
const tier = dr.tierFor({ rtoMinutes: rtoTargetMinutes, rpoMinutes: rpoTargetMinutes });
display.show(
  display.explain({
    subject: `Your targets: RTO ${display.formatDuration(rtoTargetMinutes, "min")}, RPO ${display.formatDuration(rpoTargetMinutes, "min")}`,
    verdict: `course tier: ${tier.name}`,
    reason: `the least demanding tier whose RTO (${tier.rto}) and RPO (${tier.rpo}) classes fit your targets`,
    details: [tier.note],
    source: dr.STRATEGY_SOURCE,
  }),
);

// %% [markdown]
// ### Exercise 08.1
// The course's Silver tier reads "RTO hours, RPO minutes — Active-Passive, async replica, warm
// standby". Under REL13-BP02's current wording, which statement is right? Answer `"a"` to `"d"`.
//
// - **a** Warm standby is right: AWS gives warm standby an RTO in hours.
// - **b** The row's targets fit pilot light; warm standby (RTO minutes, RPO seconds) does better than
//   Silver asks, at a higher cost.
// - **c** Silver needs multi-site active/active.
// - **d** No AWS strategy meets an RTO in hours with an RPO in minutes.

// %% [exercise] id="08.1" points=1
// **Exercise 08.1** — the Silver tier against REL13-BP02.
// BEGIN SOLUTION
const silverAnswer = "b";
// END SOLUTION
// BEGIN STUB
const silverAnswer: string | undefined = undefined; // "a", "b", "c" or "d"
// END STUB
// BEGIN WRONG
const silverAnswer = "a";
// END WRONG

// %%
exercises.check("08.1", silverAnswer);

// %% [markdown]
// ## 3. Choosing a strategy for your targets
// `dr.selectStrategy` keeps the strategies whose RTO **and** RPO are within the targets and picks the cheapest.
// With a production bill it compares dollars: DR spend = (cost multiplier − 1) × production × 12 per
// year, plus the expected annual loss (section 4). Every other strategy gets a reason: it misses the
// RTO by…, misses the RPO by…, or meets both but costs more by…

// %%
const selection = dr.selectStrategy({
  rtoMinutes: rtoTargetMinutes,
  rpoMinutes: rpoTargetMinutes,
  productionUsdPerMonth: productionUsdPerMonth,
  incidentsPerYear: disastersPerYear,
  downtimeUsdPerHour: downtimeUsdPerHour,
  dataLossUsdPerHour: dataLossUsdPerHour,
});
const evaluations = selection.evaluations.map((e) => ({
  strategy: e.strategy.name,
  chosen: e.chosen ? "✓" : "",
  rtoMinutes: e.strategy.rtoMinutes,
  rpoMinutes: e.strategy.rpoMinutes,
  drUsdPerYear: e.drUsdPerYear,
  expectedLossUsdPerYear: e.expectedLossUsdPerYear,
  totalUsdPerYear: e.totalUsdPerYear,
  reason: e.reason,
}));
display.show(
  display.table(evaluations, {
    units: { rtoMinutes: "duration:min", rpoMinutes: "duration:min", drUsdPerYear: "money", expectedLossUsdPerYear: "money", totalUsdPerYear: "money" },
    labels: { rtoMinutes: "RTO", rpoMinutes: "RPO" },
    caption: "Every strategy against your targets",
  }),
);
display.show(display.explain({ subject: "Strategy selection", verdict: selection.chosen ? selection.chosen.strategy.name : "none meets the targets", reason: selection.summary, tone: selection.chosen ? "good" : "bad" }));

// %% [markdown]
// The chart places the strategies on RTO × RPO (log scales). Marker size and colour are the monthly
// bill of production plus DR. Your targets are a box from the origin to (RTO target, RPO target): a
// strategy qualifies when it sits inside it, and the cheapest such marker wins.

// %%
display.show(
  display.drScatter({
    title: `DR strategies on RTO × RPO (production bill ${Math.round(productionUsdPerMonth).toLocaleString("en-US")} USD/month)`,
    strategies: dr.strategies().map((s) => ({ name: s.name, rtoMinutes: s.rtoMinutes, rpoMinutes: s.rpoMinutes, monthlyCostUsd: s.costMultiplier * productionUsdPerMonth })),
  }),
);

// %% [markdown]
// ### Exercise 08.2
// The business asks for **RTO ≤ 2 hours and RPO ≤ 10 minutes**. Which AWS strategy is the cheapest
// that meets both, with the default figures of `dr.strategies()`? Answer its id: `"backup-restore"`,
// `"pilot-light"`, `"warm-standby"` or `"multi-site-active-active"`.

// %% [exercise] id="08.2" points=2
// **Exercise 08.2** — the cheapest strategy for RTO ≤ 2 h and RPO ≤ 10 min.
// BEGIN SOLUTION
const chosenStrategy = dr.selectStrategy({ rtoMinutes: 120, rpoMinutes: 10 }).chosen?.strategy.id;
// END SOLUTION
// BEGIN STUB
const chosenStrategy: string | undefined = undefined; // a strategy id
// END STUB
// BEGIN WRONG
const chosenStrategy = "warm-standby";
// END WRONG

// %%
exercises.check("08.2", chosenStrategy);

// %% [markdown]
// ## 4. Expected annual loss
// A strategy's objectives turn into money once we know how often disasters happen and what an hour of
// outage and an hour of lost data cost:
//
// **expected annual loss = disasters per year × (downtime \$/h × RTO h + data-loss \$/h × RPO h)**
//
// (`dr.expectedAnnualLoss`; it treats RTO and RPO as what every disaster realises, so it is a worst
// case if they are only objectives.) Add the DR spend and the cheapest strategy *overall* appears —
// which need not be the cheapest one that meets the targets. The chart sweeps the cost of an hour of
// downtime: where the lines cross, a more expensive strategy starts paying for itself.

// %%
const downtimeCosts = [1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6];
const annualTotal = (s: dr.Strategy, perHour: number) =>
  (s.costMultiplier - 1) * productionUsdPerMonth * 12 +
  dr.expectedAnnualLoss({ incidentsPerYear: disastersPerYear, downtimeUsdPerHour: perHour, dataLossUsdPerHour: dataLossUsdPerHour, rtoMinutes: s.rtoMinutes, rpoMinutes: s.rpoMinutes }).totalUsd;
display.show(
  display.lineChart({
    title: `DR spend + expected loss per year, ${disastersPerYear} disasters a year`,
    x: downtimeCosts,
    series: dr.strategies().map((s) => ({ name: s.name, y: downtimeCosts.map((c) => annualTotal(s, c)) })),
    xTitle: "cost of one hour of downtime (USD)",
    yTitle: "USD per year",
    yUnit: "money",
    logX: true,
    logY: true,
  }),
);

// %% [markdown]
// ### Exercise 08.3
// With **warm standby** at its default figures (RTO 10 minutes, RPO 30 seconds), **0.5 disasters a
// year**, downtime at **\$10,000/hour** and lost data at **\$50,000/hour**, what is the expected annual
// loss in USD?

// %% [exercise] id="08.3" points=2
// **Exercise 08.3** — expected annual loss with warm standby, USD per year.
// BEGIN SOLUTION
const warmStandbyLoss = dr.expectedAnnualLoss({ incidentsPerYear: 0.5, downtimeUsdPerHour: 10_000, dataLossUsdPerHour: 50_000, rtoMinutes: 10, rpoMinutes: 0.5 }).totalUsd;
// END SOLUTION
// BEGIN STUB
const warmStandbyLoss: number | undefined = undefined; // replace undefined with your answer
// END STUB
// BEGIN WRONG
const warmStandbyLoss = 0.5 * (10_000 * 10 + 50_000 * 0.5);
// END WRONG

// %%
exercises.check("08.3", warmStandbyLoss);

// %% [markdown]
// ## 5. Where an RPO really comes from
// An RPO is a promise; the backup schedule and the replication lag are what keep it.
//
// - **Backups.** A backup captures the data as of its *start*, and is usable only once it is complete
//   and copied off-site. A disaster just before backup *k* is usable falls back to backup *k − 1*:
//   **worst case = interval + duration + transfer**; the average over a random moment is interval / 2 +
//   duration + transfer (`dr.rpoFromBackups`). "Backups every 4 hours" is not an RPO of 4 hours.
// - **Asynchronous replication** loses what was in flight: worst case = shipping interval + the
//   *largest* lag observed, not the average (`dr.rpoFromReplication`).
// - **Synchronous replication** loses no acknowledged write (RPO 0), as long as failover promotes only
//   a replica that acknowledged it — and it pays for that on every write (section 6).

// %%
const backupRpo = dr.rpoFromBackups({ backupIntervalMinutes: backupIntervalMinutes, backupDurationMinutes: backupDurationMinutes, transferMinutes: backupTransferMinutes });
const asyncRpo = dr.rpoFromReplication({ mode: "async", lagSeconds: replicationLagSeconds, shipIntervalSeconds: logShipIntervalSeconds });
const rpoRows = [
  { source: `backups every ${display.formatDuration(backupIntervalMinutes, "min")}`, worstCaseMinutes: backupRpo.worstCaseMinutes, averageMinutes: backupRpo.averageMinutes },
  { source: "async replication (largest lag sample)", worstCaseMinutes: asyncRpo.worstCaseSeconds / 60, averageMinutes: replicationLagSeconds.reduce((a, b) => a + b, 0) / replicationLagSeconds.length / 60 },
  { source: "sync replication", worstCaseMinutes: dr.rpoFromReplication({ mode: "sync" }).worstCaseSeconds / 60, averageMinutes: 0 },
].map((r) => ({ ...r, meetsTarget: r.worstCaseMinutes <= rpoTargetMinutes ? "yes" : "no" }));
display.show(
  display.table(rpoRows, {
    units: { worstCaseMinutes: "duration:min", averageMinutes: "duration:min" },
    caption: `Worst-case data loss against your RPO target of ${display.formatDuration(rpoTargetMinutes, "min")}`,
  }),
);
display.show(display.histogram({ title: "Observed replication lag", values: replicationLagSeconds, valueTitle: "lag (seconds)", bins: 10 }));

// %% [markdown]
// ### Exercise 08.4
// Backups start every **4 hours**, each takes **20 minutes**, and the copy to another region takes
// **15 minutes** more. What is the **worst-case** RPO, in minutes?

// %% [exercise] id="08.4" points=2
// **Exercise 08.4** — worst-case RPO of the backup schedule, minutes.
// BEGIN SOLUTION
const worstCaseRpoMinutes = 240 + 20 + 15;
// END SOLUTION
// BEGIN STUB
const worstCaseRpoMinutes: number | undefined = undefined; // replace undefined with your answer
// END STUB
// BEGIN WRONG
const worstCaseRpoMinutes = 240;
// END WRONG

// %%
exercises.check("08.4", worstCaseRpoMinutes);

// %% [markdown]
// ### What DR does not cover: the incident log
// Regional disasters are rare; most outages are not disasters at all. `data/incidents.csv` is a small
// **synthetic** log of one platform's first half of 2025 (see its `.md`): read the summaries. A
// load-balancer misconfiguration, a bad scheduler config, a schema migration that locked a table — a
// second region would not have shortened any of them if the change was pushed to both regions at once,
// and synchronous replication copies a destructive migration everywhere within milliseconds. What
// limits those is a staged rollout (one region at a time), and point-in-time backups for the data.

// %%
// danfo (pandas for JavaScript) for the DataFrame work; it loads here, on first use (about a second).
import * as dfd from "danfojs-node";
const incidents = await dfd.readCSV(path.join(path.dirname(dr.DEFAULT_STRATEGIES_PATH), "incidents.csv"));
const fullOutage = incidents["impact_minutes"].mul(incidents["error_ratio"]);
incidents.addColumn("full_outage_minutes", fullOutage, { inplace: true });
display.show(
  display.table(incidents, {
    columns: ["id", "severity", "service", "impact_minutes", "error_ratio", "full_outage_minutes", "summary"],
    units: { error_ratio: "percent" },
    caption: "Incident log (synthetic), January–June 2025: minutes of full outage = impact minutes × error ratio",
  }),
);
const halfYearOutage = (fullOutage.values as number[]).reduce((a, b) => a + b, 0);
display.show(
  display.explain({
    subject: `${incidents.shape[0]} incidents in six months`,
    verdict: `${halfYearOutage.toFixed(1)} minutes of full outage, about ${(2 * halfYearOutage).toFixed(0)} a year`,
    reason: `one regional disaster under backup and restore (RTO ${display.formatDuration(dr.strategyById("backup-restore").rtoMinutes, "min")}) would cost ${(dr.strategyById("backup-restore").rtoMinutes / (2 * halfYearOutage)).toFixed(1)}× a whole year of these`,
    tone: "warn",
    source: "data/incidents.csv (synthetic)",
  }),
);

// %% [markdown]
// ### Exercise 08.5
// The Gold tier replicates every write synchronously to two other regions, so its RPO is 0. Which of
// these does it **not** protect against? Answer `"a"` to `"d"`.
//
// - **a** the loss of a whole region
// - **b** a bad migration or deploy that deletes rows
// - **c** the failure of an availability zone
// - **d** losing acknowledged writes at failover

// %% [exercise] id="08.5" points=1
// **Exercise 08.5** — what RPO 0 by synchronous replication does not cover.
// BEGIN SOLUTION
const notProtected = "b";
// END SOLUTION
// BEGIN STUB
const notProtected: string | undefined = undefined; // "a", "b", "c" or "d"
// END STUB
// BEGIN WRONG
const notProtected = "d";
// END WRONG

// %%
exercises.check("08.5", notProtected);

// %% [markdown]
// ## 6. The course's Gold-tier example, costed
// The course's Gold tier replicates synchronously from us-east-1 to eu-west-1 and ap-south-1, fails
// over automatically, and claims **"Cost: 3x compute + 3x storage + cross-region transfer; RTO: 5
// minutes; RPO: 0"**. `dr.goldTierExample` prices each part:
//
// - **money**: every region holds a full copy (compute × regions, storage × regions), and every written
//   GB crosses to each replica (writes × replicas × \$/GB, \$0.02/GB from us-east-1 in the snapshot);
// - **latency**: a write that waits for *all* replicas waits for the slowest round trip (inter-region
//   RTTs from `data/region-rtt.json`, cloudping.co p50); a majority quorum waits for the nearest one;
// - **RTO**: detection plus promotion plus the DNS TTL, rather than a flat "5 minutes". Detection follows
//   Route 53: each of its uncoordinated checkers needs 3 failed checks in a row (every 30 s by default),
//   each failing after the 4 s it allows for the TCP connection, and the endpoint is unhealthy only when
//   "18% of health checkers or fewer report that an endpoint is healthy" (Route 53 Developer Guide, "How
//   Amazon Route 53 determines whether a health check is healthy") — with 8 checkers (our assumption:
//   the count is not documented), 7 must have failed. **The 60 s promotion is an assumption** too: no
//   source gives it, and it is the parameter to replace with a measured drill. With these defaults the
//   worst case is 94 + 60 + 60 = 214 s, so the course's 5 minutes holds — as a budget to check, with a
//   caveat on every term, not as a property of "automatic failover".
//
// What the course's code leaves out: waiting for *all* replicas means a write blocks or fails whenever
// *any* one region is unreachable, so the Gold tier's write availability is *lower* than one region's
// until a failed replica is dropped; and it makes both us-east-1 and eu-west-1 read-write, so
// concurrent writes to the same key in two regions still need a single leader per key or conflict
// resolution (notebook 07).

// %%
const gold = dr.goldTierExample({
  primaryRegion: primaryRegion,
  replicaRegions: replicaRegions,
  singleRegionComputeUsdPerMonth: singleRegionComputeUsdPerMonth,
  singleRegionStorageUsdPerMonth: singleRegionStorageUsdPerMonth,
  writeGbPerMonth: writeGbPerMonth,
  healthCheckIntervalSeconds: healthCheckIntervalSeconds,
  failureThreshold: failureThreshold,
  promotionSeconds: promotionSeconds,
  dnsTtlSeconds: dnsTtlSeconds,
});
display.show(
  display.table(
    [
      { item: `compute × ${gold.regions.length} regions`, usdPerMonth: gold.money.computeUsdPerMonth },
      { item: `storage × ${gold.regions.length} regions`, usdPerMonth: gold.money.storageUsdPerMonth },
      { item: `cross-region transfer (${writeGbPerMonth.toLocaleString("en-US")} GB × ${replicaRegions.length} replicas)`, usdPerMonth: gold.money.transferUsdPerMonth },
      { item: "total", usdPerMonth: gold.money.totalUsdPerMonth },
    ],
    { units: { usdPerMonth: "money" }, caption: `Gold tier: ${gold.regions.join(" + ")} — ${gold.money.multipleOfSingleRegion.toFixed(2)}× one region` },
  ),
);

// %%
display.show(
  display.barChart({
    title: `Write latency from ${primaryRegion}: the price of RPO 0`,
    categories: ["async (local commit only)", "sync to a majority", "sync to all replicas (course)"],
    series: [{ name: "write latency", values: [gold.latency.asyncWriteMs, gold.latency.majorityWriteMs, gold.latency.syncAllWriteMs] }],
    unit: "ms",
    valueTitle: "latency of one write",
  }),
);
display.show(
  display.waterfall({
    title: `Worst-case failover RTO: ${gold.rto.rto.worstSeconds} s against the course's ${gold.rto.courseClaimSeconds / 60} minutes`,
    steps: [
      { label: `detection (${healthCheckIntervalSeconds} s × ${failureThreshold} + 4 s timeout)`, amount: gold.rto.detection.worstSeconds },
      { label: "promotion (assumed)", amount: gold.rto.promotionAndDnsUpdateSeconds },
      { label: "DNS TTL", amount: gold.rto.clientCache.worstSeconds },
    ],
    totalLabel: "RTO",
    unit: "duration:s",
    valueTitle: "seconds",
  }),
);
display.show(
  display.explain({
    subject: "Gold tier, as the course builds it",
    verdict: gold.rto.meetsCourseClaim.worst ? `worst-case RTO ${(gold.rto.rto.worstSeconds / 60).toFixed(1)} min meets the 5-minute claim` : `worst-case RTO ${(gold.rto.rto.worstSeconds / 60).toFixed(1)} min misses the 5-minute claim`,
    reason: `RPO ${gold.rpoSeconds} s, at ${gold.latency.syncAllWriteMs} ms per write`,
    tone: gold.rto.meetsCourseClaim.worst ? "good" : "bad",
    details: [...gold.notes],
    source: "dr.goldTierExample; Route 53 health-check defaults (Route 53 Developer Guide); cloudping.co p50 RTTs",
  }),
);

// %% [markdown]
// ### Exercise 08.6
// Implement the latency of a synchronous write: the local commit, plus the round trip to the *k*-th
// nearest replica when the write waits for *k* remote acknowledgements (the requests go out in
// parallel; *k* = 0 is an asynchronous write). The RTTs may come in any order.

// %% [exercise] id="08.6" points=3
// **Exercise 08.6** — implement `syncWriteMs(localCommitMs, replicaRttMs, acksRequired)`.
// BEGIN SOLUTION
const syncWriteMs = (localCommitMs: number, replicaRttMs: number[], acksRequired: number) =>
  acksRequired === 0 ? localCommitMs : localCommitMs + [...replicaRttMs].sort((a, b) => a - b)[acksRequired - 1];
// END SOLUTION
// BEGIN STUB
const syncWriteMs: ((localCommitMs: number, replicaRttMs: number[], acksRequired: number) => number) | undefined = undefined;
// END STUB
// BEGIN WRONG
const syncWriteMs = (localCommitMs: number, replicaRttMs: number[], acksRequired: number) => localCommitMs + (acksRequired === 0 ? 0 : replicaRttMs[acksRequired - 1]);
// END WRONG

// %%
exercises.check("08.6", syncWriteMs);

// %% [markdown]
// ### Exercise 08.7
// You switch the Route 53 health check to the fast **10-second** interval and keep a failure threshold
// of **3**, a **60 s** promotion and a **60 s** DNS TTL. What is the **worst-case** failover RTO, in
// **seconds** (the primary fails just after a passing check; a client has just cached the old answer)?

// %% [exercise] id="08.7" points=2
// **Exercise 08.7** — worst-case failover RTO with fast health checks, seconds.
// BEGIN SOLUTION
const fastFailoverSeconds = healing.failoverRto({ healthCheckIntervalSeconds: 10, failureThreshold: 3, promotionSeconds: 60, dnsTtlSeconds: 60 }).rto.worstSeconds;
// END SOLUTION
// BEGIN STUB
const fastFailoverSeconds: number | undefined = undefined; // replace undefined with your answer
// END STUB
// BEGIN WRONG
const fastFailoverSeconds = 10 + 60 + 60;
// END WRONG

// %%
exercises.check("08.7", fastFailoverSeconds);

// %% [markdown]
// **What to take away.** Start from the business: an RTO and an RPO, the cost of an hour of outage and
// of lost data. Pick the cheapest strategy that meets both targets, then check that the expected loss
// does not make a dearer one cheaper overall. Derive the RPO from the backup schedule and the
// *worst* replication lag, and the RTO from detection + promotion + DNS, not from a slogan. The course's
// tiers are a fair sketch, but follow AWS's current REL13-BP02 wording (Silver is pilot light, not warm
// standby), and remember that RPO 0 by synchronous replication costs a slow-region round trip on
// every write and protects nothing against a bad deploy.

// %% [markdown]
// ## Explore: RTO and RPO
// Set the targets and the cost of downtime: the cheapest strategy that meets both targets, and each
// strategy's DR spend plus expected loss, recompute in the page with `dr.selectStrategy`.

// %%
display.show(
  display.whatIf({
    title: "The cheapest DR strategy for your targets",
    key: "targets",
    controls: {
      rto: { type: "integer", min: 1, max: 1440, step: 1, control: "number", unit: "min", description: "RTO target" },
      rpo: { type: "integer", min: 0, max: 1440, step: 1, control: "number", unit: "min", description: "RPO target" },
      disasters: { type: "number", min: 0, max: 2, step: 0.1, description: "disasters per year" },
      downtimeUsd: { type: "select", allowed: [1000, 5000, 10000, 20000, 50000, 100000], unit: "USD/h", description: "downtime cost" },
    },
    values: { rto: Math.min(1440, Math.max(1, Math.round(rtoTargetMinutes))), rpo: Math.min(1440, Math.round(rpoTargetMinutes)), disasters: Math.min(2, Math.round(disastersPerYear * 10) / 10), downtimeUsd: 20000 },
    view: (lib, v) => {
      const selection = lib.dr.selectStrategy({ rtoMinutes: v.rto, rpoMinutes: v.rpo, productionUsdPerMonth: 26540, incidentsPerYear: v.disasters, downtimeUsdPerHour: Number(v.downtimeUsd), dataLossUsdPerHour: 80000 });
      return [
        lib.display.explain({
          subject: `RTO ≤ ${lib.display.formatDuration(v.rto, "min")}, RPO ≤ ${lib.display.formatDuration(v.rpo, "min")}`,
          verdict: selection.chosen ? selection.chosen.strategy.name : "no strategy meets both targets",
          reason: selection.summary,
          tone: selection.chosen ? "good" : "bad",
          source: "AWS Well-Architected, Reliability pillar, REL13-BP02",
        }),
        lib.display.barChart({
          title: "DR spend and expected loss per year ($26.5K/month production)",
          categories: selection.evaluations.map((e) => e.strategy.name),
          series: [
            { name: "DR spend", values: selection.evaluations.map((e) => e.drUsdPerYear) },
            { name: "expected loss", values: selection.evaluations.map((e) => e.expectedLossUsdPerYear) },
          ],
          stacked: true,
          unit: "money",
        }),
      ];
    },
  }),
);

// %%
exercises.progress("08");
