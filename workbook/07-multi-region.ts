// %% [markdown]
// # 07 · Multi-region architecture
// When is a second (or third) region worth it, and what does it cost? This notebook puts numbers on the
// course's section 6: the round-trip times between regions, how much slower a write gets when it waits for
// remote copies, what each of the course's three strategies (active-passive, active-active, active-active with
// sharding) buys in availability and costs in latency and money, and what happens to the course's partition
// scenario (A writes 20, B writes 30) under last-write-wins, vector clocks and a set-union merge.

// %% tags=["parameters"]
// What-if parameters: change them and Run All. They drive the tables and charts, not the exercises.
const primaryRegion: string = "us-east-1"; // region that takes the writes (active-passive primary); a region of data/region-rtt.json
const replicaRegions: string[] = ["eu-west-1", "ap-south-1"]; // length >= 1: the other regions holding a copy (the course's gold tier)
const regionAvailability: number = 0.999; // ratio in [0, 1]: availability of one region; regions fail independently
const monthlyComputeUsd: number = 20000; // USD per month, >= 0: single-region compute bill
const monthlyStorageUsd: number = 5000; // USD per month, >= 0: single-region storage bill
const writtenGbPerMonth: number = 10000; // GB per month, >= 0: data written; every remote copy crosses a region boundary
const crossRegionUsdPerGb: number = 0.02; // USD per GB, >= 0: inter-region transfer (us-east-1 → us-west-2, 2026 list price)
const maxClockSkewMs: number = 100; // ms, > 0: bound on the offset between two writers' clocks
const heatmapRegions: string[] = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-south-1", "ap-northeast-1", "sa-east-1"]; // length >= 2: regions in the RTT heatmap

// %%
import { multiRegion, availability, display, exercises } from "tradeoff-lab";
display.plotlyInit();

// %% [markdown]
// ## 1. Single region or several: the speed of light decides the latency
//
// The course lists a single region's pros (simple, local reads and writes, no cross-region transfer) and cons (a
// region outage is downtime, distant users are slow). Every multi-region number below starts from one table: the
// round-trip time (RTT) between regions. We use the median (p50) RTT between AWS regions measured by
// cloudping.co (`data/region-rtt.json`; source, date and a physical cross-check in `data/region-rtt.md`).
// cloudping.co times a TCP connection from a Lambda function in one region to the public DynamoDB endpoint of
// another, every 6 hours — not a ping between EC2 instances. Its diagonal (a Lambda to its own region's
// endpoint) is therefore **not** the round trip between availability zones that a local, multi-AZ commit
// pays. For that the library uses `multiRegion.INTER_AZ_RTT_MS` (1 ms, a parameter: AWS says its zones are
// close enough for "synchronous replication with single-digit millisecond latency", and measured inter-AZ
// round trips run from about 0.25 to 3.4 ms), so the table below shows 1 ms on its diagonal.
//
// No engineering removes these numbers: light in fibre covers about 200 km per ms, so Northern Virginia ↔ Mumbai
// (us-east-1 ↔ ap-south-1, 12,855 km great circle) cannot be faster than 129 ms round trip; the measured 186 ms
// includes the detours of real cables and routers.

// %%
const rtt = multiRegion.regionRttMatrix();
const rttRows = heatmapRegions.map((from) => ({
  from,
  ...Object.fromEntries(heatmapRegions.map((to) => [to, multiRegion.rttMs({ from, to })])),
}));
display.show(
  display.table(rttRows, {
    units: Object.fromEntries(heatmapRegions.map((r) => [r, "ms" as const])),
    caption: `p50 RTT in ms, ${heatmapRegions.length} of the ${rtt.regions.length} regions (cloudping.co via data/region-rtt.json)`,
  }),
);

// %%
display.show(
  display.heatmap({
    title: "Round-trip time between regions (p50)",
    x: heatmapRegions,
    y: heatmapRegions,
    z: heatmapRegions.map((from) => heatmapRegions.map((to) => multiRegion.rttMs({ from, to }))),
    xTitle: "to",
    yTitle: "from",
    zTitle: "RTT",
    zUnit: "ms",
    annotate: true,
  }),
);

// %% [markdown]
// ## 2. How much slower are writes with synchronous replication?
//
// The course's gold tier writes in us-east-1 and "blocks until all replicas ACK" in eu-west-1 and ap-south-1.
// The primary sends the write to every replica **in parallel**, so it waits for the **slowest** acknowledgement:
//
// $$\text{sync write} = \text{RTT}_{\text{client→primary}} + \max_{i}\ \text{RTT}_{\text{primary→replica}_i}$$
//
// Waiting for only *k* of the replicas (a quorum) replaces the max by the *k*-th smallest RTT. An asynchronous
// write returns after the local commit, but until the change reaches the farthest replica (about half its RTT,
// plus any replication lag) a regional failure loses it: that is the RPO window.
//
// **Correction to the course.** Section 6 lists "Low latency (route users to nearest region)" as a pro of
// multi-region. That is true for reads and for asynchronous writes. With the gold tier's synchronous
// replication every write pays the farthest region's RTT, wherever the user is.

// %%
const slowdown = multiRegion.syncReplicationSlowdown({ primary: primaryRegion, replicas: replicaRegions });
const ackOptions = Array.from({ length: replicaRegions.length + 1 }, (_, acks) => acks);
const writeRows = ackOptions.map((acks) => {
  const w = multiRegion.writeLatency({ coordinator: primaryRegion, replicas: replicaRegions, ...(acks === 0 ? { replication: "async" as const } : { replication: "sync" as const, acks }) });
  return { replication: acks === 0 ? "async" : `sync, ${acks} of ${replicaRegions.length} acks`, waitsFor: w.waitedFor.join(", ") || "(local commit only)", writeMs: w.totalMs, rpoWindowMs: w.rpoWindowMs };
});
display.show(
  display.table(writeRows, { units: { writeMs: "ms", rpoWindowMs: "ms" }, caption: `Writes in ${primaryRegion}, copies in ${replicaRegions.join(", ")}` }),
  display.explain({
    subject: `Sync to all of ${replicaRegions.join(", ")}`,
    verdict: `${slowdown.syncWriteMs} ms per write instead of ${slowdown.asyncWriteMs} ms (${slowdown.ratio.toFixed(1)}×)`,
    reason: `each write waits ${slowdown.extraMs} ms for the farthest acknowledgement; async leaves an RPO window of ${slowdown.asyncRpoWindowMs} ms`,
    source: "RTTs: cloudping.co p50 (data/region-rtt.json)",
  }),
);

// %%
display.show(
  display.barChart({
    title: `Write latency and data at risk, writes in ${primaryRegion}`,
    categories: writeRows.map((r) => r.replication),
    series: [
      { name: "write latency", values: writeRows.map((r) => r.writeMs) },
      { name: "RPO window (writes lost if the region fails)", values: writeRows.map((r) => r.rpoWindowMs) },
    ],
    unit: "ms",
  }),
);

// %% [exercise] id="07.1" points=2
// **Exercise 07.1** — In the course's gold tier (writes in us-east-1, synchronous replication to eu-west-1 and
// ap-south-1, wait for both), how many milliseconds does each write wait for replication, over and above the
// asynchronous write? Answer a number in ms (use the bundled RTT matrix).
// BEGIN SOLUTION
const answer071 = multiRegion.syncReplicationSlowdown({ primary: "us-east-1", replicas: ["eu-west-1", "ap-south-1"] }).extraMs;
// END SOLUTION
// BEGIN STUB
const answer071: number | undefined = undefined; // replace undefined with your answer (ms)
// END STUB
// BEGIN WRONG
const answer071 = multiRegion.rttMs({ from: "us-east-1", to: "eu-west-1" }) + multiRegion.rttMs({ from: "us-east-1", to: "ap-south-1" });
// END WRONG

// %%
exercises.check("07.1", answer071);

// %% [markdown]
// ## 3. The three strategies side by side
//
// `multiRegion.evaluateStrategy` turns each of the course's strategies into numbers, for clients spread evenly
// over the regions:
//
// - **active-passive**: the primary (`regions[0]`) takes every read and write; the others are standbys. Remote
//   users pay the RTT to the primary.
// - **active-active**: each region takes its nearby users' reads and writes and replicates to the others. Two
//   regions can accept conflicting writes to the same key (section 5).
// - **active-active with sharding**: the course's `user_id % 200` → shard, shards 0–99 in region A, 100–199 in
//   region B (with three regions, three equal blocks). No conflicts, because each key lives in one region. But
//   the home region does not follow the user: an EU user whose id lands in shard 42 writes to us-east-1.
//
// Availability composes region availabilities (AWS Well-Architected, Reliability Pillar, "Calculating
// availability with hard dependencies": the product of the dependencies' availabilities; "…with redundant
// components": 1 − Π(1 − aᵢ); both assume independent failures): a read needs one copy up; an asynchronous write needs the region taking it (with failover,
// any one region); a synchronous write that waits for *k* acks needs *k* + 1 regions up; waiting for all needs
// **all** of them. The sharded layout has one copy per shard, so a region outage takes down every user whose
// shards live there (a third of them with three regions).

// %%
const allRegions = [primaryRegion, ...replicaRegions];
const strategyNames = ["active-passive", "active-active", "active-active-sharded"] as const;
const evaluations = strategyNames.flatMap((strategy) =>
  (["async", "sync"] as const).map((replication) => ({
    replication,
    ...multiRegion.evaluateStrategy({
      strategy,
      regions: allRegions,
      replication,
      // explicit names: tslab does not rewrite shorthand properties that refer to an earlier cell's variables
      regionAvailability: regionAvailability,
      monthlyComputeUsd: monthlyComputeUsd,
      monthlyStorageUsd: monthlyStorageUsd,
      writtenGbPerMonth: writtenGbPerMonth,
      crossRegionUsdPerGb: crossRegionUsdPerGb,
    }),
  })),
);
const monthMinutes = availability.periodSeconds("month") / 60;
const strategyRows = evaluations.map((e) => ({
  strategy: e.strategy,
  replication: e.replication,
  meanWriteMs: e.meanWriteMs,
  worstWriteMs: e.worstWriteMs,
  meanReadMs: e.meanReadMs,
  writeNines: availability.nines(e.writeAvailability),
  writeDowntimePerMonth: (1 - e.writeAvailability) * monthMinutes,
  rpoWindowMs: e.rpoWindowMs,
  conflicts: e.conflictsPossible ? "possible" : "none",
  monthlyUsd: e.cost.totalUsd,
  costMultiplier: e.cost.multiplier,
}));
display.show(
  display.table(strategyRows, {
    units: {
      meanWriteMs: "ms",
      worstWriteMs: "ms",
      meanReadMs: "ms",
      writeNines: "number",
      writeDowntimePerMonth: "duration:min",
      rpoWindowMs: "ms",
      monthlyUsd: "money",
      costMultiplier: "number",
    },
    caption: `Regions ${allRegions.join(", ")}; each ${display.formatPercent(regionAvailability, 2)} available; equal traffic from each region`,
  }),
);

// %%
display.show(
  display.barChart({
    title: "Monthly cost by strategy (async replication)",
    categories: evaluations.filter((e) => e.replication === "async").map((e) => e.strategy),
    series: [
      { name: "compute", values: evaluations.filter((e) => e.replication === "async").map((e) => e.cost.computeUsd) },
      { name: "storage", values: evaluations.filter((e) => e.replication === "async").map((e) => e.cost.storageUsd) },
      { name: "cross-region transfer", values: evaluations.filter((e) => e.replication === "async").map((e) => e.cost.transferUsd) },
    ],
    unit: "money",
    stacked: true,
  }),
);

// %% [markdown]
// What to take away from the table:
//
// - **Cost.** The course's "3x storage" and "3x compute + 3x storage + cross-region transfer" are right for a
//   full copy in each of three regions with hot standbys: the multiplier is a little above 3 once transfer is
//   added (`writtenGbPerMonth` × copies × price). A warm standby (`standbyComputeFraction` < 1) is cheaper; the
//   sharded layout keeps one copy, so it costs about what one region costs.
// - **Availability.** The course's gold tier ("sync replication, wait for all replicas") has *lower* write
//   availability than one region: with 99.9% per region (an assumption; set `regionAvailability`), 0.999³ ≈
//   99.70%, about 130 minutes of write downtime a month against 43 for a single region. Redundancy only raises availability when the system can proceed without some of the copies.
// - **Latency.** Active-active with asynchronous replication is the only row where every user gets local
//   writes, and it is the row with conflicts.
//
// **Two corrections.** The gold-tier code calls itself "Active-Active" but its failover "promotes the secondary
// to primary": that is active-passive with synchronous replication. In a true active-active system every region
// already takes writes and nothing is promoted. And the course's multi-region diagram labels the database in
// every region a "read replica": one of them has to accept writes (the primary, in active-passive).

// %% [exercise] id="07.2" points=2
// **Exercise 07.2** — Each region is 99.9% available and fails independently. In the course's gold tier every
// write waits for all three regions (us-east-1, eu-west-1, ap-south-1). How many minutes per 30-day month are
// writes unavailable, on average? Answer a number in minutes.
// BEGIN SOLUTION
const answer072 = (1 - 0.999 ** 3) * 30 * 24 * 60;
// END SOLUTION
// BEGIN STUB
const answer072: number | undefined = undefined; // replace undefined with your answer (minutes per month)
// END STUB
// BEGIN WRONG
const answer072 = (1 - 0.999) * 30 * 24 * 60;
// END WRONG

// %%
exercises.check("07.2", answer072);

// %% [exercise] id="07.3" points=2
// **Exercise 07.3** — A US-only service keeps copies in us-east-1, us-east-2 and us-west-2 (listed in that order;
// `regions[0]` is the active-passive primary). All clients are in us-east-1, each region is 99.9% available.
// The team requires: RPO 0 when one region fails, writes at least 99.99% available, mean write latency at most
// 50 ms, and no write conflicts (they have no conflict-resolution code). Choose `strategy`
// ("active-passive" | "active-active" | "active-active-sharded"), `replication` ("sync" | "async") and `acks`
// (remote copies a write waits for, 0–2). Try candidates with `multiRegion.evaluateStrategy`.
// BEGIN SOLUTION
const answer073 = { strategy: "active-passive", replication: "sync", acks: 1 };
// END SOLUTION
// BEGIN STUB
const answer073: { strategy: string; replication: string; acks: number } | undefined = undefined; // e.g. { strategy: "...", replication: "...", acks: 0 }
// END STUB
// BEGIN WRONG
const answer073 = { strategy: "active-passive", replication: "sync", acks: 2 };
// END WRONG

// %%
exercises.check("07.3", answer073);

// %% [markdown]
// The answer is the lesson of quorum replication: wait for the **nearest** remote copy, not all of them. One
// acknowledgement from us-east-2 (13 ms away) gives RPO 0, provided failover promotes a replica that
// acknowledged, and a write then needs only 2 of the 3 regions up (3a² − 2a³ ≈ 99.9997%). Waiting for both
// copies needs all three regions up (99.70%); waiting for none leaves an RPO window.
//
// ## 4. Sharded active-active: where does a user live?
// The course's routing is `user_id % 200` → shard, then shard → region in contiguous blocks.

// %%
const sampleUsers = [7, 42, 12345, 99_999, 150, 1_000_001];
display.show(
  display.table(
    sampleUsers.map((userId) => ({
      userId,
      shard: multiRegion.shardOfUser(userId),
      courseRegion: multiRegion.homeRegion(userId),
      regionHere: multiRegion.homeRegion(userId, allRegions),
    })),
    { units: { userId: "text", shard: "count" }, caption: `course layout: A/B; here: ${allRegions.join(", ")}` },
  ),
);

// %% [markdown]
// ## 5. Conflicts: the course's partition scenario
//
// Section 2's AP example: both nodes hold 10; a partition separates them; A accepts a write of 20 and B a write
// of 30; the partition heals. The course lists three resolutions. Here is what each keeps:
//
// - **Last-write-wins** (Cassandra, DynamoDB global tables): the higher timestamp wins; the other write is
//   dropped with no error and no record. B's clock said 1005 ms and A's 1000 ms, so 30 survives and 20 is gone.
// - **Vector clocks** (Lamport 1978; Fidge and Mattern 1988; Dynamo, SOSP 2007 §4.4): each replica counts its
//   own updates. A's write carries {A:2}, B's {A:1, B:1}: neither has seen the other, so they are
//   *concurrent*. Both are kept as siblings and the application must merge them. Vector clocks *detect* the
//   conflict; they do not resolve it.
// - **Application merge**: if the value is a set (Dynamo's shopping cart), the union keeps every add. Removes
//   can come back; an observed-remove set (OR-Set CRDT, Shapiro et al. 2011) fixes that.

// %%
const scenario = multiRegion.partitionScenario();
display.show(
  display.table(
    [
      { resolution: "last-write-wins", keeps: String(scenario.lww.kept), loses: String(scenario.lww.lost), application: "never told" },
      { resolution: "vector clocks", keeps: scenario.vectorClocks.siblings.join(" and "), loses: "nothing", application: `must merge (${scenario.vectorClocks.order})` },
      { resolution: "set-union merge", keeps: scenario.setUnion.merged.join(", "), loses: "nothing (removes may reappear)", application: "merge is automatic" },
    ],
    { caption: "A writes 20, B writes 30 during the partition (course §2, AP systems)" },
  ),
);

// %% [exercise] id="07.4" points=1
// **Exercise 07.4** — After the partition heals (A wrote 20 at t=1000 ms by its clock, B wrote 30 at
// t=1005 ms by its clock), which statement is true? Answer "a", "b", "c" or "d".
// - a. LWW keeps 30 and records a conflict, so the application can recover 20 later.
// - b. Vector clocks keep 30, because B's write happened 5 ms later.
// - c. LWW keeps 30 and silently drops 20; vector clocks find the writes concurrent and keep both for the application; a set union keeps 10, 20 and 30.
// - d. A set-union merge keeps only the latest element, 30.
// BEGIN SOLUTION
const answer074 = "c";
// END SOLUTION
// BEGIN STUB
const answer074: string | undefined = undefined; // "a", "b", "c" or "d"
// END STUB
// BEGIN WRONG
const answer074 = "b";
// END WRONG

// %%
exercises.check("07.4", answer074);

// %% [markdown]
// ## 6. Clock skew makes last-write-wins lose *later* writes
//
// LWW trusts wall clocks. Suppose a client in region B reads A's write and overwrites it `gap` ms later. If B's
// clock is behind A's by more than the gap, B's write gets the smaller timestamp and loses: the causally later
// write is dropped. With the clock offset uniform in [−s, s]:
//
// $$P(\text{later write lost}) = \frac{s - \text{gap}}{2s}\ \text{for gap} < s,\ \text{else } 0$$
//
// NTP typically keeps servers within a few ms, but skews of hundreds of ms happen (a VM pause, a bad NTP source).
// Any two writes closer together than the skew bound are ordered by luck.

// %%
const gaps = Array.from({ length: 51 }, (_, i) => (i * 2 * maxClockSkewMs) / 50);
const skews = [...new Set([maxClockSkewMs / 10, maxClockSkewMs / 2, maxClockSkewMs, maxClockSkewMs * 2])];
display.show(
  display.lineChart({
    title: "Last-write-wins: chance the causally later write is dropped",
    x: gaps,
    series: skews.map((s) => ({ name: `skew ±${s} ms`, y: gaps.map((gapMs) => multiRegion.lwwSkewLoss({ maxSkewMs: s, gapMs }).lossProbability) })),
    xTitle: "time between the two writes",
    xUnit: "ms",
    yTitle: "P(later write lost)",
    yUnit: "percent",
  }),
);

// %% [markdown]
// The same effect in the partitioned register (`multiRegion.simulateRegister`, AP mode, 5 nodes, 200 keys,
// 2,000 requests, a partition for the middle half of the run). Vector clocks lose nothing and flag every key
// written on both sides as a conflict. With LWW and no skew the later write always wins; as the skew grows past
// the time between conflicting writes, the choice becomes a coin flip and the count heads for half of the
// conflicted keys, each one a write made later in real time and silently replaced by an older one.

// %%
const skewSweep = [0, 0.25, 0.5, 1, 2, 4, 10].map((f) => f * maxClockSkewMs);
const skewRuns = skewSweep.map((clockSkewMs) => multiRegion.simulateRegister({ mode: "AP", reconcile: "lww", clockSkewMs, keys: 200, seed: 7 }));
const vectorRun = multiRegion.simulateRegister({ mode: "AP", reconcile: "vector-clocks", keys: 200, seed: 7 });
display.show(
  display.lineChart({
    title: "AP register with LWW: keys where the later write lost, by clock skew",
    x: skewSweep,
    series: [
      { name: "LWW: later write lost (keys)", y: skewRuns.map((r) => r.laterWriteLost) },
      { name: "vector clocks: conflicted keys (nothing lost)", y: skewSweep.map(() => vectorRun.conflictedKeys), dash: "dash" },
      { name: "coin flip: half the conflicted keys", y: skewSweep.map(() => vectorRun.conflictedKeys / 2), dash: "dot" },
    ],
    xTitle: "clock skew bound",
    xUnit: "ms",
    yTitle: "keys",
    markers: true,
  }),
);

// %% [exercise] id="07.5" points=3
// **Exercise 07.5** — Implement `lossProbability(maxSkewMs, gapMs)`: the probability that last-write-wins drops
// the causally later of two writes made `gapMs` apart, when the writers' clock offset is uniform in
// [−maxSkewMs, maxSkewMs]. It must never return a negative number.
// BEGIN SOLUTION
const lossProbability = (maxSkewMs: number, gapMs: number): number => (gapMs >= maxSkewMs ? 0 : (maxSkewMs - gapMs) / (2 * maxSkewMs));
// END SOLUTION
// BEGIN STUB
const lossProbability: ((maxSkewMs: number, gapMs: number) => number) | undefined = undefined;
// END STUB
// BEGIN WRONG
const lossProbability = (maxSkewMs: number, gapMs: number): number => (maxSkewMs - gapMs) / (2 * maxSkewMs);
// END WRONG

// %%
exercises.check("07.5", lossProbability);

// %% [markdown]
// ## Summary
// - Inter-region RTTs (70 ms us-east-1 ↔ eu-west-1, 186 ms ↔ ap-south-1) are set by distance; synchronous
//   replication adds the farthest acknowledged RTT to every write.
// - Redundancy raises availability only when the system can proceed without some copies: sync-to-all lowers
//   write availability below a single region; a quorum of acks keeps RPO 0 and raises it.
// - Three full copies cost about 3× a single region, plus transfer; sharding avoids both the cost and the
//   conflicts, at the price of remote users' latency and per-shard outages.
// - LWW loses data silently, and clock skew makes it lose the *later* write; vector clocks detect concurrency
//   and hand the merge to the application; CRDT merges (set union, OR-Set) resolve it automatically.

// %% [markdown]
// ## Explore: regions and strategy
// Pick the regions, the layout and the replication: the latency each region's users see and the
// availability of writes recompute in the page from the RTT matrix in `data/region-rtt.json`.

// %%
display.show(
  display.whatIf({
    title: "Multi-region layout: latency and availability",
    key: "layout",
    controls: {
      regions: { type: "string", allowed: ["us-east-1,eu-west-1", "us-east-1,us-west-2", "us-east-1,eu-west-1,ap-south-1", "us-east-1,eu-west-1,ap-northeast-1,sa-east-1"], description: "regions (first = primary)" },
      strategy: { type: "string", allowed: ["active-passive", "active-active", "active-active-sharded"], description: "strategy" },
      replication: { type: "string", allowed: ["async", "sync"], description: "replication" },
      regionAvailability: { type: "select", allowed: [0.99, 0.995, 0.999, 0.9995], description: "one region's availability" },
    },
    values: { regions: "us-east-1,eu-west-1,ap-south-1", strategy: "active-passive", replication: "async", regionAvailability: [0.99, 0.995, 0.999, 0.9995].includes(regionAvailability) ? regionAvailability : 0.999 },
    view: (lib, v) => {
      const regions = String(v.regions).split(",");
      const e = lib.multiRegion.evaluateStrategy({
        strategy: v.strategy as multiRegion.StrategyName,
        regions,
        replication: v.replication as multiRegion.Replication,
        regionAvailability: Number(v.regionAvailability),
      });
      return [
        lib.display.explain({
          subject: `${v.strategy}, ${v.replication}, ${regions.join(" + ")}`,
          verdict: `writes ${lib.display.formatPercent(e.writeAvailability)} available (${lib.availability.nines(e.writeAvailability).toFixed(1)} nines)`,
          reason: `mean write ${lib.display.formatMs(e.meanWriteMs)}, worst ${lib.display.formatMs(e.worstWriteMs)}, mean read ${lib.display.formatMs(e.meanReadMs)}; data at risk in a disaster: ${lib.display.formatMs(e.rpoWindowMs)} of writes; conflicts ${e.conflictsPossible ? "possible" : "impossible"}`,
          tone: e.conflictsPossible ? "warn" : "good",
        }),
        lib.display.barChart({
          title: "Latency by operation",
          categories: ["mean write", "worst write", "mean read"],
          series: [{ name: "ms", values: [e.meanWriteMs, e.worstWriteMs, e.meanReadMs] }],
          unit: "ms",
        }),
      ];
    },
  }),
);

// %%
exercises.progress("07");
