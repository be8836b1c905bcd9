// %% [markdown]
// # 02 · CAP and PACELC
//
// Section 2 of the course: what a replicated system gives up **when the network partitions** (CAP), and
// what it gives up **the rest of the time** (PACELC). This notebook answers three questions:
//
// 1. What do C, A and P actually mean — and where is the course's wording wrong?
// 2. What does "CP" or "AP" look like in numbers? A simulated replicated register is partitioned, in CP
//    mode and in AP mode, and we measure availability, stale reads and lost writes as the partition grows.
// 3. How do real systems classify under PACELC — and where do the course's labels disagree with the
//    sources (MongoDB, Redis, DynamoDB, Cassandra)? Why are most real systems **neither** CP nor AP?

// %% tags=["parameters"]
// What-if parameters for the simulated register and the catalog. Change them and Run All.
const nodes: number = 5; // integer in [3, 15]: replicas
const minorityNodes: number = 2; // integer >= 1: replicas cut off by the partition, at most floor((nodes - 1) / 2)
const keys: number = 200; // integer in [1, 10000]: distinct keys
const requests: number = 4000; // integer in [1, 20000]: requests, one per ms (keep it small: the sweep runs 40 simulations)
const writeFraction: number = 0.5; // ratio in [0, 1]: share of requests that are writes
const partitionLength: number = 0.5; // ratio in [0, 1]: share of the run spent partitioned in the single run
const partitionLengths: number[] = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]; // ratio, each in [0, 1], length [1, 50]: shares swept by the charts
const clockSkewMs: number = 0; // ms, >= 0: AP + last-write-wins, each node's clock is off by up to ± this much
const seed: number = 42; // integer: workload seed
const systemToExplain: string = "MongoDB"; // a system of data/systems.csv, e.g. "Cassandra", "DynamoDB", "Redis"

// %%
import { pacelc, multiRegion, display, exercises } from "tradeoff-lab";
display.plotlyInit();

// %%

// %% [markdown]
// ## 1. CAP, stated precisely
// Brewer put CAP forward as a conjecture in his PODC 2000 keynote; Gilbert and Lynch proved it in 2002
// ("Brewer's conjecture and the feasibility of consistent, available, partition-tolerant web services",
// *SIGACT News* 33(2)). The proof fixes what the three letters mean, and two of the course's definitions
// do not match it:
//
// | Letter | The course | What the theorem means |
// |---|---|---|
// | **C** | "All nodes see the same data at the same time; read reflects most recent write" | **Linearizability** (Gilbert & Lynch: *atomic* consistency): every operation appears to take effect at one instant between its call and its return. "At the same time" is informal — there is no global "same time"; notebook 03 defines the model. |
// | **A** | "Every request receives a response **(success or failure)**" | ❌ Gilbert & Lynch: "every request received by a non-failing node in the system must result in a response", where a response is what the read or write returns; the common gloss (Kleppmann 2015, Wikipedia) writes it "[non-error] response". A node that answers "error, try later" has given up A — that is exactly what a CP system does on the minority side. |
// | **P** | "System continues to operate despite network partitions" | The network may lose arbitrarily many messages between nodes. Correct. |
//
// The course's conclusion is right: partitions happen, so **P is not optional, and the real choice is
// between C and A — but only while a partition lasts**, and per operation, not per product (Brewer, "CAP
// Twelve Years Later: How the 'Rules' Have Changed", *IEEE Computer* 2012). "Pick 2 of 3" misleads: a
// system without partitions can have C and A together, and CAP says nothing about latency.

// %% [markdown]
// **Exercise 02.1** — The course defines availability as "every request receives a response (success or
// failure)". Which is right?
//
// - **a** The course is right: an error response still counts as available.
// - **b** In CAP, every request to a non-failing node must get a non-error response; a node that refuses during a partition has given up A.
// - **c** CAP's A means a high uptime percentage, such as 99.99%.
// - **d** CAP's A means every request is answered within a latency bound.

// %% [exercise] id="02.1" points=1
// BEGIN SOLUTION
const capAvailabilityMeans = "b";
// END SOLUTION
// BEGIN STUB
const capAvailabilityMeans: string | undefined = undefined; // "a", "b", "c" or "d"
// END STUB
// BEGIN WRONG
const capAvailabilityMeans = "a";
// END WRONG

// %%
exercises.check("02.1", capAvailabilityMeans);

// %% [markdown]
// ## 2. A register you can partition
// The course draws CP and AP behaviour with two nodes. `multiRegion.simulateRegister` runs it: a
// key-value register replicated on `nodes` replicas, a seeded stream of requests (one per ms, each from a
// client attached to a random node, a write with probability `writeFraction`), and a partition that cuts
// `minorityNodes` replicas off for part of the run.
//
// - **CP**: the majority side keeps a quorum and serves everything; the minority side refuses writes, and
//   refuses reads too if reads must be linearizable (or serves its last-known value if stale reads are allowed).
// - **AP**: both sides accept everything. At the heal, a key written on both sides is reconciled by
//   **last-write-wins** (the later timestamp wins, the other write is silently lost) or by **vector
//   clocks** (both kept as siblings: nothing lost, but the application must merge — the course's
//   "application-level merge").
//
// Why odd N ≥ 3? The course's picture has two nodes. With two, a partition leaves *no* majority: a CP
// system must refuse on *both* sides. With five, the three-node side carries on.

// %%
const centred = (length: number) => ({ partitionStart: 0.5 - length / 2, partitionEnd: 0.5 + length / 2 });
// Parameters are spelled out (not shorthand): tslab renames a re-declared const, and shorthand misses the rename.
const workload = { nodes: nodes, minorityNodes: minorityNodes, keys: keys, requests: requests, writeFraction: writeFraction, clockSkewMs: clockSkewMs, seed: seed };
const single = multiRegion.capComparison({ ...workload, ...centred(partitionLength) });
const singleRows = single.map((r) => ({
  mode: r.label,
  availability: r.availability,
  "availability in partition": r.partitionAvailability,
  "stale reads": r.staleReadFraction,
  "lost writes": r.lostWrites,
  "keys in conflict": r.conflictedKeys,
}));
display.show(
  display.table(singleRows, {
    units: { availability: "percent", "availability in partition": "percent", "stale reads": "percent", "lost writes": "count", "keys in conflict": "count" },
    caption: `${nodes} replicas, ${minorityNodes} cut off for ${display.formatPercent(partitionLength, 0)} of ${requests} requests (seed ${seed})`,
  }),
);

// %% [markdown]
// Read the table as the two boxes of the course, now with numbers:
//
// - **CP (linearizable reads)** has zero stale reads and zero lost writes, and pays in availability:
//   during the partition, the requests of clients on the minority side fail — about
//   `minorityNodes / nodes` of them. Over the whole run, availability ≈ 1 − (share partitioned) × (minority share).
// - **CP (stale reads allowed)** buys back the minority's reads at the price of staleness. Writes still
//   need the majority, so nothing is lost — this is the PC/EL corner (PNUTS, ZooKeeper, etcd serializable reads).
// - **AP** answers everything. With **last-write-wins** it silently drops one write per key written on
//   both sides; with **vector clocks** the same keys come back as conflicts for the application.
//   Either way, reads on one side miss the other side's writes while the partition lasts.

// %%
const sweep = partitionLengths.map((length) => multiRegion.capComparison({ ...workload, ...centred(length) }));
const labels = single.map((r) => r.label);
const seriesOf = (pick: (r: (typeof single)[number]) => number) =>
  labels.map((label, i) => ({ name: label, y: sweep.map((rows) => pick(rows[i])), dash: (i % 2 === 0 ? "solid" : "dash") as "solid" | "dash" }));
display.show(
  display.lineChart({
    title: "Availability as the partition lasts longer",
    x: partitionLengths,
    series: seriesOf((r) => r.availability),
    xTitle: "share of the run partitioned",
    yTitle: "requests served",
    xUnit: "percent",
    yUnit: "percent",
  }),
  display.lineChart({
    title: "…and what AP pays instead: stale reads",
    x: partitionLengths,
    series: seriesOf((r) => r.staleReadFraction),
    xTitle: "share of the run partitioned",
    yTitle: "stale reads / reads served",
    xUnit: "percent",
    yUnit: "percent",
  }),
  display.lineChart({
    title: "Writes lost at the heal (last-write-wins) and keys left in conflict (vector clocks)",
    x: partitionLengths,
    series: [
      { name: "AP + LWW: lost writes", y: sweep.map((rows) => rows[2].lostWrites) },
      { name: "AP + vector clocks: keys in conflict", y: sweep.map((rows) => rows[3].conflictedKeys), dash: "dash" },
      { name: "CP: lost writes", y: sweep.map((rows) => rows[0].lostWrites), dash: "dot" },
    ],
    xTitle: "share of the run partitioned",
    yTitle: "count",
    xUnit: "percent",
  }),
);

// %% [markdown]
// The trade-off is linear in how long the partition lasts: CP's unavailability and AP's staleness both
// grow with it, and the lost writes of last-write-wins grow until every key has been written on both
// sides (raise `keys` to push that ceiling up). Try `clockSkewMs = 50`: with skewed clocks, LWW can keep
// the *earlier* write and drop the later one (notebook 07 measures this).
//
// **Exercise 02.2** — Compute, without simulating: a CP register with linearizable reads on **5 nodes,
// 2 cut off**, clients spread evenly over the nodes, partitioned for **half** of the run. What share of
// all requests succeeds? (Check it against a long simulation if you like: `requests: 200000`.)

// %% [exercise] id="02.2" points=2
// BEGIN SOLUTION
const cpAvailability = 1 - 0.5 * (2 / 5);
// END SOLUTION
// BEGIN STUB
const cpAvailability: number | undefined = undefined; // a fraction in [0, 1]
// END STUB
// BEGIN WRONG
const cpAvailability = 3 / 5;
// END WRONG

// %%
exercises.check("02.2", cpAvailability);

// %% [markdown]
// **Exercise 02.3** — Run `multiRegion.simulateRegister` in AP
// mode with last-write-wins, `keys: 200`, `seed: 7` and the other options at their defaults. How many
// acknowledged writes are lost when the partition heals?

// %% [exercise] id="02.3" points=2
// BEGIN SOLUTION
const lostByLww = multiRegion.simulateRegister({ mode: "AP", reconcile: "lww", keys: 200, seed: 7 }).lostWrites;
// END SOLUTION
// BEGIN STUB
const lostByLww: number | undefined = undefined; // a count of writes
// END STUB
// BEGIN WRONG
const lostByLww = multiRegion.simulateRegister({ mode: "AP", reconcile: "vector-clocks", keys: 200, seed: 7 }).lostWrites;
// END WRONG

// %%
exercises.check("02.3", lostByLww);

// %% [markdown]
// ## 3. PACELC: the trade-off when nothing is broken
// Abadi ("Consistency Tradeoffs in Modern Distributed Database System Design", *IEEE Computer* 45(2),
// 2012) completed CAP: **if Partition, choose A or C; Else, choose Latency or Consistency.** Partitions
// are rare; the E branch is paid on every request. A system that waits for a quorum or a leader before
// answering is EC; one that answers from the nearest replica is EL.
//
// The catalog `data/systems.csv` classifies 21 systems under their default and notable alternative
// configurations (34 rows), each with a source. `pacelc.loadCatalog()` reads it and checks every row
// (an unknown class or a missing source names the file and the line).

// %%
const catalog = pacelc.loadCatalog();
display.show(
  display.table(
    catalog.map((row) => ({ ...row })),
    {
      columns: ["system", "configuration", "isDefault", "cap", "pacelc", "courseCap", "coursePacelc"],
      maxRows: 40,
      caption: `data/systems.csv: ${catalog.length} configurations of ${pacelc.systems().length} systems`,
    },
  ),
);

// %% [markdown]
// ### The course's PACELC table, checked
// The course lists six systems. Each is put next to the catalog's default configuration and its
// alternatives: a PACELC class belongs to a **configuration**, not to a product.

// %%
const courseSystems = ["DynamoDB", "Cassandra", "MongoDB", "HBase", "Spanner", "Cosmos DB"];
const courseTable = courseSystems.map((system) => {
  const rows = pacelc.filter({ system });
  const defaultRow = rows.find((r) => r.isDefault) ?? rows[0];
  return {
    system,
    "course says": `${defaultRow.courseCap ?? "—"} / ${defaultRow.coursePacelc ?? "—"}`,
    "default configuration": defaultRow.configuration,
    "catalog (default)": defaultRow.pacelc,
    "other configurations": rows.filter((r) => !r.isDefault).map((r) => `${r.pacelc}: ${r.configuration}`).join("; ") || "—",
  };
});
display.show(display.table(courseTable, { caption: "The course's PACELC table against the catalog" }));

// %% [markdown]
// Where the course is wrong or incomplete (the catalog's notes give the mechanism and the source):
//
// - **MongoDB** — the course's "CP / EC (strong)" holds only with `w: "majority"` *and*
//   `readConcern: "linearizable"`. Abadi classed MongoDB **PA/EC**: with write concern `w:1` (the
//   default before 5.0), a primary cut off from the majority kept acknowledging writes that were rolled
//   back after the election. Since MongoDB 5.0 the implicit default write concern is `majority` — except
//   with arbiters: "If the number of data-bearing voting members is not greater than the voting
//   majority, the default write concern is { w: 1 }" (MongoDB Manual, "Default MongoDB Read
//   Concerns/Write Concerns"), so a primary–secondary–arbiter set still defaults to `w:1`. With
//   `majority` writes it is PC/EC, but the default `readConcern: "local"` "can return data that may be
//   rolled back": not linearizable, so not CP in CAP's sense.
// - **Redis** — the course lists "Redis (single master)" as a CP example. Jepsen agrees only without
//   failover: "Redis running on a single server is a CP system", and with asynchronous replicas read only
//   at the primary "This is still a CP system, so long as we never read from the secondaries"
//   (Kingsbury, "Jepsen: Redis", 2013). Once failover exists (Sentinel or Cluster), acknowledged writes
//   are lost — 56% of them in Jepsen's test — and Redis's cluster specification says it is not strongly
//   consistent. The catalog reads that configuration **neither** CP nor AP, PA/EC.
// - **DynamoDB** — "AP / EL" describes the original Dynamo, not DynamoDB. DynamoDB's own paper (Elhemali
//   et al., USENIX ATC 2022): "Only the leader replica can serve write and strongly consistent read
//   requests", and a write is acknowledged "once a quorum of peers persists the log record". Writes need
//   the leader's quorum (PC), while "Any replica of the replication group can serve eventually consistent
//   reads" (EL): the default is **PC/EL**, like ZooKeeper's and etcd's local reads. A `ConsistentRead` goes
//   to the leader (PC/EC), and global tables offer a multi-Region strong mode (MRSC) besides the default
//   asynchronous, last-writer-wins mode.
// - **Cassandra** — "AP / EL" is the default level ONE. At QUORUM reads and writes the minority side
//   refuses requests and every request waits for a majority: PC/EC in Abadi's sense. That is **not** CP:
//   Abadi himself writes that Dynamo-style systems "cannot achieve full consistency as defined by Gilbert
//   and Lynch, even if R + W > N" — Abadi's PC is not CAP's C.
// - **Cosmos DB** — "tunable" is right. Strong is linearizable and PC/EC; Microsoft: "Cosmos DB instances
//   utilizing Strong consistency need to configure at least three regions to retain write availability
//   if there is one region failure" — with two regions, either one's loss blocks writes. Session (the
//   default), consistent prefix and eventual are PA/EL (Wikipedia, "PACELC design principle"). For
//   bounded staleness, Microsoft says writes are throttled when a region lags past the bound; PC/EL is
//   **our** reading of that, not Microsoft's. Wikipedia also calls Cosmos DB "formally CP" because it
//   "never violates the specified consistency level" — a looser C than CAP's.
// - **Spanner, HBase** — agree (PC/EC). Spanner is in neither Abadi's paper nor Wikipedia's list; its own
//   documentation gives external consistency (strict serializability) via Paxos and TrueTime.

// %%
display.show(
  display.table(
    pacelc.disagreements().map((r) => ({ system: r.system, configuration: r.configuration, "course says": `${r.courseCap ?? "—"} / ${r.coursePacelc ?? "—"}`, catalog: `${r.cap} / ${r.pacelc}`, source: r.source })),
    { caption: "pacelc.disagreements(): catalog rows that differ from the course's label for the system" },
  ),
);

// %%
const explained = pacelc.explainSystem(systemToExplain);
display.show(
  display.explain({
    subject: `${explained.system} (${explained.configuration})`,
    verdict: `${explained.cap}, ${explained.pacelc}`,
    reason: explained.why,
    tone: explained.disagreement ? "warn" : "neutral",
    details: [explained.onPartition, explained.elseTradeoff, ...(explained.disagreement ? [explained.disagreement] : []), ...explained.alternatives.map((a) => `Also: ${a}`)],
    source: `${explained.source}${explained.sourceUrl ? ` — ${explained.sourceUrl}` : ""}`,
  }),
);

// %%
const classes = ["PA/EL", "PA/EC", "PC/EL", "PC/EC"] as const;
display.show(
  display.barChart({
    title: "How the catalog's configurations split across PACELC classes",
    categories: [...classes],
    series: [
      { name: "default configurations", values: classes.map((c) => pacelc.filter({ pacelc: c, defaultOnly: true }).length) },
      { name: "all configurations", values: classes.map((c) => pacelc.filter({ pacelc: c }).length) },
    ],
    unit: "count",
    valueTitle: "configurations",
  }),
);

// %% [markdown]
// Two patterns to take away. **PA goes with EL and PC with EC** for most systems: a design that waits for
// agreement in normal operation (EC) also refuses without it (PC). The mixed corners are deliberate:
// **PC/EL** (DynamoDB's default reads, PNUTS, ZooKeeper, etcd serializable reads, Cosmos DB bounded
// staleness) keeps writes safe but serves possibly stale reads locally; **PA/EC** (Abadi's MongoDB,
// Hazelcast, Redis) reads from the primary but can lose acknowledged writes on failover. And every tunable
// system moves between corners with one setting — so a design review must name the **configuration**,
// not just the product.
//
// ### Most real systems are neither CP nor AP
// Hold the catalog to the definitions of section 1 — C is linearizability, A is an answer from *every*
// node that is up — and the CAP column empties out. Kleppmann ("Please stop calling databases CP or AP",
// 2015) walks through it: "any single-leader setup is not CAP-available", because a client cut off from
// the leader cannot write; and "if you allow the application to make reads from a follower, and the
// replication is asynchronous … your reads will not be linearizable". "So these systems are neither
// CAP-consistent nor CAP-available." ZooKeeper "by default is neither CAP-consistent (CP) nor
// CAP-available (AP) — it's really just 'P'". Quorums do not rescue the label: R + W > N makes the minority
// side refuse (not A) without making reads linearizable (not C; Abadi, above). So the catalog's `cap`
// column says **neither** for most configurations — MongoDB's defaults, Redis with failover, Cassandra at
// QUORUM, DynamoDB's default reads, ZooKeeper, etcd's serializable reads, Cosmos DB below strong — and
// keeps CP for the configurations whose operations are linearizable and AP for those that answer on every
// node. "Neither" is not a defect: it is where a useful design usually sits, and PACELC plus a consistency
// model (notebook 03) say more about it than two letters do.

// %%
const capClasses = ["CP", "AP", "neither"] as const;
display.show(
  display.barChart({
    title: "CAP in the theorem's sense: most configurations are neither CP nor AP",
    categories: [...capClasses],
    series: [
      { name: "default configurations", values: capClasses.map((c) => pacelc.filter({ cap: c, defaultOnly: true }).length) },
      { name: "all configurations", values: capClasses.map((c) => pacelc.filter({ cap: c }).length) },
    ],
    unit: "count",
    valueTitle: "configurations",
  }),
);

// %% [markdown]
// **Exercise 02.4** — An inventory service must **never oversell during a partition** (it must refuse
// rather than let two sides sell the last item), but its **browsing reads may be slightly stale** and
// should be answered locally, without a quorum or leader round trip. Choose a configuration from the
// catalog. Answer `{ system, configuration }`, where `configuration` is the catalog's text or a unique
// part of it (`pacelc.filter({ system: "etcd" })` lists a system's configurations).

// %% [exercise] id="02.4" points=2
// BEGIN SOLUTION
const inventoryStore = { system: "etcd", configuration: "serializable reads" };
// END SOLUTION
// BEGIN STUB
const inventoryStore: { system: string; configuration: string } | undefined = undefined; // e.g. { system: "Cassandra", configuration: "QUORUM" }
// END STUB
// BEGIN WRONG
const inventoryStore = { system: "Cassandra", configuration: "QUORUM" };
// END WRONG

// %%
exercises.check("02.4", inventoryStore);

// %% [markdown]
// **Exercise 02.5** — The course's CAP triangle puts MongoDB in the CP corner. Which statement is right?
//
// - **a** MongoDB is CP in every configuration, as the course says.
// - **b** It depends on the configuration: Abadi (2012) classed MongoDB PA/EC because writes acknowledged with `w:1` by an isolated primary could be rolled back; since 5.0 the default write concern is `majority` (except with arbiters, where it is still `w:1`), which is PC/EC, and CP in CAP's sense only with `readConcern: "linearizable"`.
// - **c** MongoDB is PA/EL, like Cassandra at level ONE.
// - **d** MongoDB is CA, because it has a single primary.

// %% [exercise] id="02.5" points=1
// BEGIN SOLUTION
const mongoClass = "b";
// END SOLUTION
// BEGIN STUB
const mongoClass: string | undefined = undefined; // "a", "b", "c" or "d"
// END STUB
// BEGIN WRONG
const mongoClass = "a";
// END WRONG

// %%
exercises.check("02.5", mongoClass);

// %% [markdown]
// ## Explore: CP or AP under a partition
// The same register simulation as above, recomputed in the page as you move the controls (2,000
// requests per run, so each redraw is quick): how many replicas, how many are cut off, for how long,
// and how write-heavy the traffic is. The minority is capped below half of the replicas.

// %%
display.show(
  display.whatIf({
    title: "CP and AP through a partition",
    key: "cap",
    controls: {
      nodes: { type: "integer", min: 3, max: 9, description: "replicas" },
      minority: { type: "integer", min: 1, max: 4, description: "replicas cut off" },
      partition: { type: "number", min: 0, max: 1, step: 0.05, description: "share of the run partitioned" },
      writes: { type: "number", min: 0, max: 1, step: 0.1, description: "share of writes" },
      skew: { type: "integer", min: 0, max: 200, step: 10, unit: "ms", description: "clock skew" },
    },
    values: { nodes: Math.min(9, Math.max(3, nodes)), minority: Math.min(4, Math.max(1, minorityNodes)), partition: Math.round(partitionLength * 20) / 20, writes: Math.round(writeFraction * 10) / 10, skew: Math.min(200, Math.round(clockSkewMs / 10) * 10) },
    view: (lib, v) => {
      const minority = Math.min(v.minority, Math.floor((v.nodes - 1) / 2));
      const runs = lib.multiRegion.capComparison({
        nodes: v.nodes, minorityNodes: minority, keys: 200, requests: 2000, writeFraction: v.writes,
        partitionStart: 0.5 - v.partition / 2, partitionEnd: 0.5 + v.partition / 2, clockSkewMs: v.skew, seed: 42,
      });
      return [
        lib.display.barChart({
          title: `${v.nodes} replicas, ${minority} cut off for ${Math.round(v.partition * 100)}% of the run`,
          categories: runs.map((r) => r.label),
          series: [
            { name: "requests served", values: runs.map((r) => r.availability) },
            { name: "stale reads", values: runs.map((r) => r.staleReadFraction) },
            { name: "lost writes", values: runs.map((r) => r.lostWriteFraction) },
          ],
          unit: "percent",
        }),
        lib.display.table(
          runs.map((r) => ({ mode: r.label, served: r.availability, staleReads: r.staleReadFraction, lostWrites: r.lostWrites, conflicts: r.conflictedKeys })),
          { units: { served: "percent", staleReads: "percent", lostWrites: "count", conflicts: "count" } },
        ),
      ];
    },
  }),
);

// %%
exercises.progress("02");
