// %% [markdown]
// # 12 · Capstone: a design review
//
// A design review walks from requirements to decisions, and every decision carries its number and its
// source. This notebook does that for one scenario, with every area of the workbook: consistency level
// and quorum configuration (04), a PACELC choice from the systems catalog (02), the multi-region layout
// and its latency (07), the SLO and its burn-rate alerts (06), the cost model (05), the DR strategy
// (08), the sharding scheme (09), and backpressure and self-healing settings (10, 11). It **ends in a
// one-page design summary** meant for export: `npm run export -- --report` hides the code.
//
// ## The scenario
// *A global order-tracking pipeline.* Order-status events (placed, paid, packed, shipped, delivered)
// arrive at **50,000 writes/s** at peak from users in the **US, EU and India**. Customers read an
// order's status right after changing it (it must not go backwards for them), support staff read
// anywhere. Targets: **99.95% availability** per 30-day month, **RPO ≤ 1 min**, **RTO ≤ 15 min**, and a
// budget of **$40K/month**. The parameters below are the scenario's numbers: change them and rerun
// the review.

// %% tags=["parameters"]
// What-if parameters: the scenario's numbers. Change them and Run All.
const writesPerSecond: number = 50000; // per second, > 0: peak order-status events, all regions
const regions: string[] = ["us-east-1", "eu-west-1", "ap-south-1"]; // length [2, 5]: serving regions (data/region-rtt.json names)
const userShares: number[] = [0.5, 0.3, 0.2]; // ratio, each in [0, 1], length [2, 5]: share of users per region, same order as regions, summing to 1
const partnerRegions: string[] = ["eu-west-1", "us-east-1", "eu-west-1"]; // length [2, 5]: each region's warm-standby copy, same order
const availabilitySlo: number = 0.9995; // ratio in (0, 1): availability SLO, 30-day month
const rpoTargetMinutes: number = 1; // minutes, >= 0: most data we may lose in a disaster
const rtoTargetMinutes: number = 15; // minutes, >= 0: longest outage after a disaster
const budgetUsdPerMonth: number = 40000; // USD per month, > 0: the budget
const regionAvailability: number = 0.999; // ratio in (0, 1): one region's availability (independent failures)
const replicationFactor: number = 3; // integer in [1, 7]: replicas per region
const eventBytes: number = 500; // bytes, > 0: per event before compression
const compressionRatio: number = 3; // >= 1: raw / stored (Parquet + Snappy per the course)
const hotRetentionDays: number = 7; // days, > 0: kept in the database
const archiveMonths: number = 12; // months, >= 0: kept in S3 Standard-IA
const nodeWritesPerSecond: number = 10000; // per second, > 0: replica writes one storage node can serve (μ)
const targetUtilization: number = 0.7; // ratio in (0, 1): planned ρ = λ/μ per node
const vcpusPerNode: number = 8; // > 0: vCPUs per storage node
const usdPerVcpuHour: number = 0.048; // USD per vCPU-hour, >= 0: on-demand price (m6i.2xlarge $0.384/h ÷ 8, us-east-1 list)
const streamVcpus: number = 128; // > 0: vCPUs of the ingestion and stream-processing tier in total
const ebsUsdPerGbMonth: number = 0.08; // USD per GB-month, >= 0: database volumes (gp3 list price, us-east-1)
const crossRegionUsdPerGb: number = 0.02; // USD per GB, >= 0: inter-region transfer (REFERENCES.md)
const promotionSeconds: number = 60; // s, >= 0: time to promote the standby
const dnsTtlSeconds: number = 60; // s, >= 0: DNS TTL of the regional endpoint
const vnodesPerNode: number = 256; // integer >= 1: ring virtual nodes per storage node with random tokens (Cassandra's pre-4.0 num_tokens default)

// %%
import { quorum, pacelc, multiRegion, slo, cost, dr, sharding, flow, healing, display, exercises } from "tradeoff-lab";
display.plotlyInit();
const decisions: { area: string; decision: string; number: string; meets: string }[] = [];

// %% [markdown]
// ## 1. Consistency level and quorum configuration
// Per region, a Dynamo-style store with RF = 3 (Cassandra, say). Within a region, reads and writes at
// `LOCAL_QUORUM` (2 of 3) satisfy R + W > N, so a customer re-reading their order in the same region
// sees their own update (notebook 04). Any level that counts replicas *globally* either waits on the WAN
// (`QUORUM` = 5 of 9, `EACH_QUORUM`) or promises nothing locally (`ONE` may be answered by a replica
// anywhere). The table computes each level's replicas with the DataStax rules.

// %%
const factors: Record<string, number> = Object.fromEntries(regions.map((r) => [r, replicationFactor]));
const levelRows = (["LOCAL_ONE", "LOCAL_QUORUM", "QUORUM", "EACH_QUORUM", "ALL"] as quorum.ConsistencyLevel[]).map((level) => {
  const need = quorum.replicasRequired({ level: level, replicationFactors: factors, localDatacenter: regions[0] });
  const remote = need.perDatacenter === null ? need.total > replicationFactor : Object.keys(need.perDatacenter).some((dc) => dc !== regions[0]);
  return { level, replicas: need.total, waitsOnWan: remote ? "yes" : "no", rule: need.reason };
});
display.show(display.table(levelRows, { caption: `Replicas per level, RF ${replicationFactor} in each of ${regions.length} regions, coordinator in ${regions[0]}` }));
const localQuorum = quorum.quorumSize(replicationFactor);
const local = quorum.explainConsistency({ n: replicationFactor, r: localQuorum, w: localQuorum });
const nodeAvailability = 0.999;
const localQuorumAvailability = quorum.quorumAvailability({ n: replicationFactor, size: localQuorum, replicaAvailability: nodeAvailability });
void decisions.push({
  area: "consistency",
  decision: `LOCAL_QUORUM reads and writes (R = W = ${localQuorum} of ${replicationFactor})`,
  number: `strong in-region: ${local.strong ? "yes" : "no"}; quorum availability ${display.formatPercent(localQuorumAvailability, 4)} at ${display.formatPercent(nodeAvailability, 1)} per replica`,
  meets: local.strong ? "yes" : "no",
});
display.show(display.explain({ subject: `LOCAL_QUORUM, N=${replicationFactor}, R=W=${localQuorum}`, verdict: local.strong ? "strong within a region" : "not strong", reason: local.reason, tone: local.strong ? "good" : "bad", source: "Bailis et al., VLDB 2012; DataStax consistency levels" }));

// %% [markdown]
// **Exercise 12.1** — RF 3 in each of us-east-1, eu-west-1 and ap-south-1; the coordinator is in the
// user's region. Choose Cassandra consistency levels `{ write, read }` for order-status updates such
// that (1) no operation waits on a replica in another region, (2) a read in the user's region always
// sees that user's last update there, and (3) both still work with one local replica down.

// %% [exercise] id="12.1" points=2
// BEGIN SOLUTION
const levels121 = { write: "LOCAL_QUORUM", read: "LOCAL_QUORUM" };
// END SOLUTION
// BEGIN STUB
const levels121: { write: string; read: string } | undefined = undefined;
// END STUB
// BEGIN WRONG
const levels121 = { write: "QUORUM", read: "ONE" };
// END WRONG

// %%
exercises.check("12.1", levels121);

// %% [markdown]
// ## 2. PACELC: which systems fit?
// Across regions we want **PA/EL** behaviour — each region keeps taking its users' writes during a
// partition and never waits on the WAN — and within a region strong quorums. The catalog
// (`data/systems.csv`, notebook 02) lists each system *per configuration*, with sources. Candidates in
// both classes:

// %%
const candidateNames = ["Cassandra", "DynamoDB", "Cosmos DB", "Spanner", "CockroachDB", "MongoDB"];
const candidates = [...pacelc.filter({ pacelc: "PA/EL" }), ...pacelc.filter({ pacelc: "PC/EC" })]
  .filter((row) => candidateNames.includes(row.system))
  .map((row) => ({ system: row.system, configuration: row.configuration, cap: row.cap, pacelc: row.pacelc }));
display.show(display.table(candidates, { maxRows: 30, caption: "Catalog rows for the shortlisted systems (data/systems.csv; sources in the file)" }));

// %% [markdown]
// PC/EC systems (Spanner, CockroachDB, DynamoDB's multi-Region strong consistency) would make every
// status update wait for a cross-region majority — 70 to 190 ms between these regions (section 3) —
// and refuse writes in a minority region during a partition; nothing in an order's status needs global
// linearizability, since each order is changed from one place. So: **Cassandra with per-region
// LOCAL_QUORUM** (PA/EL across regions; inside one region R + W > N, with the conditions of notebook 04), or DynamoDB global tables in their
// default eventual mode. The course calls Cassandra simply "AP"; the catalog records that this depends
// on the configuration (`pacelc.disagreements()`).

// %%
void decisions.push({ area: "PACELC", decision: "Cassandra, NetworkTopologyStrategy, LOCAL_QUORUM", number: "PA/EL across regions; strong within a region", meets: "yes" });

// %% [markdown]
// ## 3. Multi-region layout and latency
// The course offers active-passive, active-active, and active-active with sharding (`user_id % 200`).
// `multiRegion.evaluateStrategy` prices each with the measured inter-region RTTs (cloudping.co,
// `data/region-rtt.json`) for our user mix:

// %%
const clientMix = regions.map((region, i) => ({ region, share: userShares[i] }));
const layouts: [multiRegion.StrategyName, "sync" | "async"][] = [["active-passive", "async"], ["active-active", "async"], ["active-active-sharded", "async"]];
const layoutRows = layouts.map(([strategy, replication]) => {
  const e = multiRegion.evaluateStrategy({ strategy: strategy, regions: regions, clients: clientMix, replication: replication, regionAvailability: regionAvailability });
  return { layout: `${strategy} (${replication})`, meanWriteMs: e.meanWriteMs, worstWriteMs: e.worstWriteMs, writeAvailability: e.writeAvailability, rpoWindowMs: e.rpoWindowMs, conflicts: e.conflictsPossible ? "possible" : "none" };
});
display.show(display.table(layoutRows, { units: { meanWriteMs: "ms", worstWriteMs: "ms", writeAvailability: "percent", rpoWindowMs: "ms" }, caption: "The course's three layouts for our user mix" }));
display.show(
  display.barChart({
    title: "Mean and worst write latency by layout",
    categories: layoutRows.map((r) => r.layout),
    series: [
      { name: "mean write", values: layoutRows.map((r) => r.meanWriteMs) },
      { name: "worst client's write", values: layoutRows.map((r) => r.worstWriteMs) },
    ],
    unit: "ms",
    valueTitle: "ms",
  }),
);

// %% [markdown]
// None of the three is right as the course draws it. Active-passive sends India's writes around the
// world; active-active is fast but lets two regions write the same order concurrently; the course's
// `user_id % 200` sharding removes conflicts but ignores geography, so most users' home region is
// across an ocean. The fix keeps the sharded idea and changes the key: **home each order in the region
// where it was placed** (the region is part of the order id). Writes are then local (the active-active
// latency), conflicts impossible (one home per order), and each region replicates asynchronously to a
// **partner region** that is its warm standby. The RPO window is the replication lag to the partner.

// %%
const homeWrites = multiRegion.evaluateStrategy({ strategy: "active-active", regions: regions, clients: clientMix, replication: "async", regionAvailability: regionAvailability });
const partnerRtt = regions.map((r, i) => multiRegion.rttMs({ from: r, to: partnerRegions[i] }));
const rpoWindowMs = Math.max(...partnerRtt);
void decisions.push({
  area: "multi-region",
  decision: `orders homed in their region of origin; async copy to a partner (${regions.map((r, i) => `${r}→${partnerRegions[i]}`).join(", ")})`,
  number: `mean write ${homeWrites.meanWriteMs.toFixed(1)} ms; replication lag ≈ ${rpoWindowMs} ms one RTT`,
  meets: rpoWindowMs <= rpoTargetMinutes * 60000 ? "yes" : "no",
});

// %% [markdown]
// **Exercise 12.5** — Why home orders by their region of origin rather than the course's `user_id % 200`?
//
// - **a** `user_id % 200` allows conflicting writes; origin homing does not.
// - **b** origin homing balances load better across regions.
// - **c** hashing ignores where the user is, so most writes cross an ocean; origin homing keeps the
//   no-conflict property *and* local latency.
// - **d** origin homing shortens the RPO window.

// %% [exercise] id="12.5" points=1
// BEGIN SOLUTION
const answer125 = "c";
// END SOLUTION
// BEGIN STUB
const answer125: string | undefined = undefined; // "a", "b", "c" or "d"
// END STUB
// BEGIN WRONG
const answer125 = "a";
// END WRONG

// %%
exercises.check("12.5", answer125);

// %% [markdown]
// ## 4. SLO, error budget and burn-rate alerts
// 99.95% over a 30-day month is a budget of 21.6 minutes (Google SRE book, Appendix A). A region outage
// costs its users the failover time (section 6); we alert with the SRE Workbook's multiwindow,
// multi-burn-rate rules. Burn-rate thresholds are fractions of the budget (2% in 1 h → 14.4), so they do
// not change with the SLO, but the error ratio that trips them does: at 99.95%, a burn rate of 14.4 is
// an error ratio of 0.72%.

// %%
const budget = slo.errorBudget({ slo: availabilitySlo });
const ruleRows = slo.workbookAlertRules().map((rule) => ({
  rule: rule.name,
  severity: rule.severity,
  errorRatioThreshold: rule.burnRateThreshold * (1 - availabilitySlo),
  detectsFullOutageInMin: slo.detectionTimeMinutes({ errorRatio: 1, slo: availabilitySlo, windowMinutes: rule.longWindowMinutes, burnRateThreshold: rule.burnRateThreshold }),
  budgetSpentAtThreshold: slo.budgetSpentAtBurnRate({ burnRate: rule.burnRateThreshold, windowMinutes: rule.longWindowMinutes }),
}));
display.show(display.table(ruleRows, { units: { errorRatioThreshold: "percent", budgetSpentAtThreshold: "percent", detectsFullOutageInMin: "number" }, caption: `Alert rules for a ${display.formatPercent(availabilitySlo, 2)} SLO (SRE Workbook, "Alerting on SLOs")` }));

// %% [markdown]
// **Exercise 12.2** — How many minutes of full outage does a 99.95% SLO allow in a 30-day month?

// %% [exercise] id="12.2" points=2
// BEGIN SOLUTION
const answer122 = slo.errorBudget({ slo: 0.9995 }).budgetMinutes;
// END SOLUTION
// BEGIN STUB
const answer122: number | undefined = undefined;
// END STUB
// BEGIN WRONG
const answer122 = 43.2;
// END WRONG

// %%
exercises.check("12.2", answer122);

// %% [markdown]
// ## 5. Cost model
// Storage nodes are sized from the write rate: every event is written RF times in its home region and
// RF times in the partner, and each node runs at the planned utilisation (section 8 explains why not
// higher). Volumes hold `hotRetentionDays` of compressed events; S3 Standard-IA keeps `archiveMonths`;
// the partner copy crosses regions once, compressed. Prices: data/prices-aws-us-east-1.json (S3) and
// the parameters (vCPU, EBS).

// %%
const dataRegions = [...new Set([...regions, ...partnerRegions])];
const storedShare = dataRegions.map((r) => regions.reduce((s, home, j) => s + (home === r ? userShares[j] : 0) + (partnerRegions[j] === r ? userShares[j] : 0), 0));
const nodesPerRegion = storedShare.map((share) => Math.max(replicationFactor, Math.ceil((share * writesPerSecond * replicationFactor) / (nodeWritesPerSecond * targetUtilization))));
const totalNodes = nodesPerRegion.reduce((a, b) => a + b, 0);
const rawTbPerDay = (writesPerSecond * eventBytes * 86400) / 1e12;
const hotGb = ((rawTbPerDay * hotRetentionDays * 1000) / compressionRatio) * replicationFactor * 2;
const items = [
  cost.compute({ label: "storage nodes", nodes: totalNodes, vcpusPerNode: vcpusPerNode, usdPerVcpuHour: usdPerVcpuHour }),
  cost.compute({ label: "stream processing", nodes: 1, vcpusPerNode: streamVcpus, usdPerVcpuHour: usdPerVcpuHour }),
  cost.lumpSum({ category: "storage", label: "database volumes (EBS)", usdPerMonth: hotGb * ebsUsdPerGbMonth, note: `${Math.round(hotGb).toLocaleString("en-US")} GB × ${display.formatMoney(ebsUsdPerGbMonth)}` }),
  ...cost.storage({ tb: rawTbPerDay * 30 * archiveMonths, tier: "warm", compressionRatio: compressionRatio }),
  cost.lumpSum({ category: "network", label: "cross-region replication", usdPerMonth: ((rawTbPerDay * 30 * 1000) / compressionRatio) * crossRegionUsdPerGb }),
];
const monthly = cost.bill("order tracking", items);
const itemRows = monthly.items.map((item) => ({ item: item.label, category: item.category, usdPerMonth: item.usdPerMonth }));
display.show(display.table(itemRows, { units: { usdPerMonth: "money" }, caption: `Monthly bill: ${display.formatMoney(monthly.usdPerMonth)} against a ${display.formatMoney(budgetUsdPerMonth)} budget; ${totalNodes} storage nodes (${nodesPerRegion.join(" + ")})` }));
void decisions.push({ area: "cost", decision: `${totalNodes} storage nodes, ${streamVcpus} stream vCPUs, ${hotRetentionDays} d hot, ${archiveMonths} mo archive`, number: `${display.formatMoney(monthly.usdPerMonth)}/month of ${display.formatMoney(budgetUsdPerMonth)}`, meets: monthly.usdPerMonth <= budgetUsdPerMonth ? "yes" : "no" });

// %% [markdown]
// ## 6. Disaster recovery
// The targets (RTO ≤ 15 min, RPO ≤ 1 min) go to `dr.selectStrategy` with the AWS Well-Architected strategies
// (REL13-BP02: backup and restore, pilot light, warm standby, multi-site). The single-region production
// bill is our bill without the partner copies. Then the failover itself: Route 53 health checks (30 s ×
// 3), promotion and the DNS TTL give the RTO we can actually promise (`healing.failoverRto`).

// %%
const singleRegionUsd = monthly.usdPerMonth / 2;
const drChoice = dr.selectStrategy({ rtoMinutes: rtoTargetMinutes, rpoMinutes: rpoTargetMinutes, productionUsdPerMonth: singleRegionUsd });
display.show(display.table(drChoice.evaluations.map((e) => ({ strategy: e.strategy.name, rtoMin: e.strategy.rtoMinutes, rpoMin: e.strategy.rpoMinutes, verdict: e.chosen ? "chosen" : "rejected", reason: e.reason })), { caption: drChoice.summary }));
const failover = healing.failoverRto({ promotionSeconds: promotionSeconds, dnsTtlSeconds: dnsTtlSeconds });
void decisions.push({ area: "disaster recovery", decision: drChoice.chosen ? drChoice.chosen.strategy.name : "none meets the targets", number: `failover RTO ${Math.round(failover.rto.expectedSeconds)} s expected, ${Math.round(failover.rto.worstSeconds)} s worst; RPO ≈ ${rpoWindowMs} ms lag`, meets: failover.rto.worstSeconds <= rtoTargetMinutes * 60 && rpoWindowMs <= rpoTargetMinutes * 60000 ? "yes" : "no" });
const failoverBudgetShare = failover.rto.expectedSeconds / 60 / budget.budgetMinutes;
display.show(display.explain({ subject: "One regional failover", verdict: `${Math.round(failover.rto.expectedSeconds)} s expected`, reason: `that is ${display.formatPercent(failoverBudgetShare, 0)} of the month's ${budget.budgetMinutes.toFixed(1)}-minute budget for the region's users: one failover a month fits, three do not`, tone: failoverBudgetShare < 0.5 ? "good" : "warn", source: "Route 53 health-check defaults; SRE book Appendix A" }));

// %% [markdown]
// **Exercise 12.3** — With RTO ≤ 15 min, RPO ≤ 1 min and a $20K/month single-region bill, which AWS DR
// strategy is the cheapest that meets both? Answer its id: `"backup-restore"`, `"pilot-light"`,
// `"warm-standby"` or `"multi-site-active-active"`.

// %% [exercise] id="12.3" points=2
// BEGIN SOLUTION
const strategy123 = dr.selectStrategy({ rtoMinutes: 15, rpoMinutes: 1, productionUsdPerMonth: 20000 }).chosen?.strategy.id;
// END SOLUTION
// BEGIN STUB
const strategy123: string | undefined = undefined;
// END STUB
// BEGIN WRONG
const strategy123 = "pilot-light";
// END WRONG

// %%
exercises.check("12.3", strategy123);

// %% [markdown]
// ## 7. Sharding inside a region
// Cassandra places data on a token ring. With one token per node the largest node owns far more than
// its share; the spread falls roughly as 1/√(virtual nodes) (Dynamo, SOSP 2007, §6.2). Adding a node to
// a ring (or a jump-hash cluster) moves about 1/(n+1) of the keys; `hash mod n` would move n/(n+1).
// Cassandra 4.0 lowered the default `num_tokens` from 256 to 16, but pairs it with a token-allocation
// algorithm that places tokens to balance load; the model here draws tokens at random (the pre-4.0
// behaviour), where 16 vnodes leave the hottest node about 1.6× the mean — set `vnodesPerNode = 16`
// and the summary flags it.

// %%
const regionNodes = Math.max(2, nodesPerRegion[0]);
const imbalance = sharding.ringImbalanceByVnodes({ shards: regionNodes, vnodeCounts: [...new Set([1, 16, vnodesPerNode])].sort((a, b) => a - b) });
const moves = (["modN", "ring", "jump"] as const).map((placement) => ({ placement, movedFraction: sharding.movement({ placement: placement, from: regionNodes, to: regionNodes + 1, keys: 20000 }).movedFraction }));
display.show(display.table(imbalance.map((r) => ({ vnodesPerNode: r.vnodesPerShard, maxOverMean: r.maxOverMean, coefficientOfVariation: r.coefficientOfVariation })), { caption: `Ring balance, ${regionNodes} nodes in ${regions[0]}` }), display.table(moves, { units: { movedFraction: "percent" }, caption: `Keys moved going ${regionNodes} → ${regionNodes + 1} nodes` }));
const chosenImbalance = imbalance.find((row) => row.vnodesPerShard === vnodesPerNode) ?? imbalance[0];
void decisions.push({ area: "sharding", decision: `token ring, ${vnodesPerNode} vnodes per node; partition key = order id (home region prefix)`, number: `hottest node ${chosenImbalance.maxOverMean.toFixed(2)}× mean; adding a node moves ${display.formatPercent(moves[1].movedFraction, 1)}`, meets: chosenImbalance.maxOverMean * targetUtilization < 1 ? "yes" : "no" });

// %% [markdown]
// The hottest node's load is the mean times `maxOverMean`: at ρ = 0.7 a node 1.4× hotter than average
// would be saturated. That is why the ring needs enough virtual nodes — and why the planned utilisation
// leaves headroom.

// %% [markdown]
// ## 8. Backpressure and self-healing
// A storage node as an M/M/1 queue (Kleinrock): at utilisation ρ the response time is exponential with
// rate μ − λ, so p99 = ln(100)/(μ − λ) and it explodes as ρ → 1. We plan ρ = `targetUtilization`, bound
// each node's queue (M/M/1/K: shed load instead of growing without limit), retry with **full jitter**
// (AWS Architecture Blog, "Exponential Backoff and Jitter"), and put a circuit breaker in front of each
// region's endpoint.

// %%
const mu = nodeWritesPerSecond;
const rhos = Array.from({ length: 19 }, (_, i) => 0.05 + i * 0.05);
display.show(
  display.lineChart({
    title: `p99 write time of one node against utilisation (M/M/1, μ = ${mu}/s)`,
    x: rhos,
    series: [{ name: "p99", y: rhos.map((rho) => 1000 * flow.mm1ResponseTimePercentile({ arrivalRatePerSecond: rho * mu, serviceRatePerSecond: mu, percentile: 0.99 })) }],
    xTitle: "utilisation ρ",
    yTitle: "ms",
    logY: true,
  }),
);
const p99Ms = 1000 * flow.mm1ResponseTimePercentile({ arrivalRatePerSecond: targetUtilization * mu, serviceRatePerSecond: mu, percentile: 0.99 });
const bounded = flow.mm1k({ arrivalRatePerSecond: targetUtilization * mu, serviceRatePerSecond: mu, capacity: 50 });
const backoff = healing.backoffSchedule({ strategy: "full", retries: 5, baseMs: 50, capMs: 2000, seed: 1 });
void decisions.push({ area: "backpressure", decision: `ρ ≤ ${targetUtilization} per node; queue bound 50; shed beyond it`, number: `p99 ${p99Ms.toFixed(2)} ms; P(shed) ${bounded.blockingProbability.toExponential(1)} at plan load`, meets: "yes" });
void decisions.push({ area: "self-healing", decision: "5 retries, full jitter (base 50 ms, cap 2 s); breaker per region; health-check failover", number: `first delays ${backoff.slice(0, 3).map((d) => `${Math.round(d)} ms`).join(", ")}…`, meets: "yes" });

// %% [markdown]
// **Exercise 12.4** — A storage node serves μ = 10,000 writes/s and receives λ = 7,000 writes/s
// (Poisson). Treating it as M/M/1, what is the p99 response time, in **milliseconds**?

// %% [exercise] id="12.4" points=2
// BEGIN SOLUTION
const answer124 = 1000 * flow.mm1ResponseTimePercentile({ arrivalRatePerSecond: 7000, serviceRatePerSecond: 10000, percentile: 0.99 });
// END SOLUTION
// BEGIN STUB
const answer124: number | undefined = undefined;
// END STUB
// BEGIN WRONG
const answer124 = 1000 / 3000;
// END WRONG

// %%
exercises.check("12.4", answer124);

// %% [markdown]
// ## Design summary
// *One page for the design doc. Export with `npm run export -- --report`.*

// %%
const allMet = decisions.every((d) => d.meets === "yes");
display.show(
  display.explain({
    subject: `Global order tracking: ${writesPerSecond.toLocaleString("en-US")} writes/s, ${regions.join(" / ")}`,
    verdict: allMet ? "the design meets every target" : "the design misses a target (see the table)",
    reason: `Cassandra per region at LOCAL_QUORUM, orders homed where placed, async copy to a partner region as warm standby; ${display.formatMoney(monthly.usdPerMonth)}/month`,
    tone: allMet ? "good" : "bad",
    details: [
      `Availability: SLO ${display.formatPercent(availabilitySlo, 2)} = ${budget.budgetMinutes.toFixed(1)} min/month; one failover costs ≈ ${Math.round(failover.rto.expectedSeconds)} s`,
      `RPO: replication lag ≈ ${rpoWindowMs} ms against ${rpoTargetMinutes} min; RTO: ${Math.round(failover.rto.worstSeconds)} s worst against ${rtoTargetMinutes} min`,
      `Latency: mean write ${homeWrites.meanWriteMs.toFixed(1)} ms (local region), node p99 ${p99Ms.toFixed(2)} ms at ρ = ${targetUtilization}`,
      `Alerts: page at burn 14.4 (1 h/5 min) and 6 (6 h/30 min), ticket at 1 (3 d/6 h)`,
    ],
    source: "this notebook; Bailis et al. 2012, Abadi 2012, SRE book and Workbook, AWS REL13-BP02",
  }),
);
display.show(display.table(decisions, { maxRows: 20, caption: "Decisions and their numbers" }));

// %%
display.show(
  display.barChart({
    title: "Monthly cost by category against the budget",
    categories: ["compute", "storage", "network", "budget"],
    series: [{ name: "USD per month", values: [monthly.byCategory.compute, monthly.byCategory.storage, monthly.byCategory.network, budgetUsdPerMonth] }],
    unit: "money",
  }),
);

// %% [markdown]
// **Risks the review should record.** Failures are not independent (one bad deploy reaches every
// region: roll out region by region). Two orders' events arriving in different regions (a courier's
// scanner roaming) must be forwarded to the order's home region, not written locally. The partner
// copy is asynchronous: a region lost mid-lag loses up to one RTT of acknowledged events, within the
// RPO but not zero. The per-node capacity `nodeWritesPerSecond` is an assumption: load-test it.

// %% [markdown]
// ## Explore: the design's checks
// Change the main design choices and the targets: each check of the review recomputes in the page with
// the same library calls as above (the inputs without a control keep their default values).

// %%
display.show(
  display.whatIf({
    title: "Capstone design review",
    key: "design",
    controls: {
      slo: { type: "select", allowed: [0.999, 0.9995, 0.9999], description: "availability SLO" },
      rto: { type: "integer", min: 1, max: 240, unit: "min", description: "RTO target" },
      rpo: { type: "integer", min: 0, max: 60, unit: "min", description: "RPO target" },
      rf: { type: "integer", min: 1, max: 7, description: "replicas per region" },
      utilization: { type: "number", min: 0.5, max: 0.9, step: 0.05, description: "planned utilization ρ" },
      budget: { type: "integer", min: 10000, max: 100000, step: 5000, unit: "USD/month", description: "budget" },
    },
    values: { slo: [0.999, 0.9995, 0.9999].includes(availabilitySlo) ? availabilitySlo : 0.9995, rto: Math.min(240, Math.max(1, rtoTargetMinutes)), rpo: Math.min(60, rpoTargetMinutes), rf: replicationFactor, utilization: Math.round(targetUtilization * 20) / 20, budget: Math.min(100000, Math.max(10000, Math.round(budgetUsdPerMonth / 5000) * 5000)) },
    view: (lib, v) => {
      const slo = Number(v.slo);
      const regions = ["us-east-1", "eu-west-1", "ap-south-1"];
      // 50,000 events/s, 500 B each, stored twice (home + partner), nodes of 8 vCPUs at $0.048/vCPU-hour serving 10,000 writes/s.
      const nodes = 2 * Math.max(v.rf, Math.ceil((50000 * v.rf) / (10000 * v.utilization)));
      const rawTbPerDay = (50000 * 500 * 86400) / 1e12;
      const items = [
        lib.cost.compute({ label: "storage nodes", nodes, vcpusPerNode: 8, usdPerVcpuHour: 0.048 }),
        lib.cost.compute({ label: "stream processing", nodes: 1, vcpusPerNode: 128, usdPerVcpuHour: 0.048 }),
        lib.cost.lumpSum({ category: "storage", label: "database volumes (EBS)", usdPerMonth: ((rawTbPerDay * 7 * 1000) / 3) * v.rf * 2 * 0.08 }),
        ...lib.cost.storage({ tb: rawTbPerDay * 30 * 12, tier: "warm", compressionRatio: 3 }),
        lib.cost.lumpSum({ category: "network", label: "cross-region replication", usdPerMonth: ((rawTbPerDay * 30 * 1000) / 3) * 0.02 }),
      ];
      const bill = lib.cost.bill("order tracking", items).usdPerMonth;
      const layout = lib.multiRegion.evaluateStrategy({ strategy: "active-active", regions, replication: "async", regionAvailability: 0.999 });
      const drChoice = lib.dr.selectStrategy({ rtoMinutes: v.rto, rpoMinutes: v.rpo, productionUsdPerMonth: bill / 2 });
      const failover = lib.healing.failoverRto({ promotionSeconds: 60, dnsTtlSeconds: 60 });
      const local = lib.quorum.explainConsistency({ n: v.rf, r: lib.quorum.quorumSize(v.rf), w: lib.quorum.quorumSize(v.rf) });
      const checks = [
        { check: "reads strong within a region (LOCAL_QUORUM)", value: local.strong ? "yes" : "no", meets: local.strong },
        { check: `write availability ≥ SLO ${lib.display.formatPercent(slo)}`, value: lib.display.formatPercent(layout.writeAvailability), meets: layout.writeAvailability >= slo },
        { check: `monthly bill ≤ ${lib.display.formatMoney(v.budget)}`, value: `${lib.display.formatMoney(bill)} (${nodes} nodes)`, meets: bill <= v.budget },
        { check: "a DR strategy meets RTO and RPO", value: drChoice.chosen ? drChoice.chosen.strategy.name : "none", meets: drChoice.chosen !== null },
        { check: `failover within RTO ${v.rto} min`, value: `${Math.round(failover.rto.worstSeconds)} s worst`, meets: failover.rto.worstSeconds <= v.rto * 60 },
        { check: `replication lag within RPO ${v.rpo} min`, value: lib.display.formatMs(layout.rpoWindowMs), meets: layout.rpoWindowMs <= v.rpo * 60000 },
      ];
      const failed = checks.filter((c) => !c.meets).length;
      return [
        lib.display.explain({ subject: "The design", verdict: failed === 0 ? "meets every target" : `misses ${failed} of ${checks.length} targets`, tone: failed === 0 ? "good" : "bad" }),
        lib.display.table(checks.map((c) => ({ check: c.check, value: c.value, meets: c.meets ? "✓" : "✗" }))),
      ];
    },
  }),
);

// %%
exercises.progress("12");
