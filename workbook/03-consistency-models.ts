// %% [markdown]
// # 03 · Consistency models
//
// Section 3 of the course draws consistency as one line from linearizability to eventual. This notebook
// answers:
//
// 1. **What is each model, and which implies which?** The course's spectrum, checked model by model
//    against Jepsen's map — with four corrections to its examples.
// 2. **What do the session guarantees give, and how available is each model** during a partition?
// 3. **What does each model cost** in round trips for a client far from the leader?
// 4. **The course's Cassandra example** (QUORUM writes, ONE reads, R + W > N), reproduced and corrected.

// %% tags=["parameters"]
// What-if parameters. Region names come from data/region-rtt.json (21 AWS regions).
const clientRegion: string = "eu-west-1"; // where the client runs (a region of data/region-rtt.json)
const replicaRegions: string[] = ["us-east-1", "eu-west-1", "ap-northeast-1"]; // length [1, 21]: regions holding a copy
const leaderRegion: string = "us-east-1"; // the leader (primary) region, one of replicaRegions
const replicationFactor: number = 3; // integer in [1, 9]: N for the Cassandra example and the heatmap
const writeLevel: string = "QUORUM"; // "ONE" | "TWO" | "THREE" | "QUORUM" | "ALL": Cassandra write level
const readLevel: string = "ONE"; // "ONE" | "TWO" | "THREE" | "QUORUM" | "ALL": Cassandra read level
const replicaAvailability: number = 0.99; // ratio in [0, 1]: probability each replica is up
const modelA: string = "causal"; // a model to compare (ids as in consistency.MODELS)
const modelB: string = "snapshot-isolation"; // the model to compare it with

// %%
import { consistency, quorum, multiRegion, display, exercises } from "tradeoff-lab";
display.plotlyInit();

// %%

// %% [markdown]
// ## 1. The course's spectrum, checked
// `consistency.spectrum()` holds the course's six entries verbatim — label, example and cost — each mapped
// to a model of Jepsen's map (jepsen.io/consistency) and its example checked against the vendor's
// documentation.

// %%
const spectrumRows = consistency.spectrum().map((e) => ({
  "#": e.position,
  "course label": e.courseLabel,
  model: e.model,
  "course example": e.courseExample,
  "course cost": e.courseCost,
  verdict: e.exampleVerdict,
  note: e.note,
}));
display.show(display.table(spectrumRows, { caption: "The course's spectrum of consistency, strongest first, with each example checked" }));

// %% [markdown]
// What the table corrects:
//
// - **It is not a line.** Consistency models form a *partial order*. Read-your-writes, monotonic reads,
//   monotonic writes and writes-follow-reads are incomparable with each other, and the transactional
//   models (serializable, snapshot isolation, read committed) are missing altogether: serializable and
//   linearizable are *incomparable* — neither implies the other.
// - **"Linearizability (Strict)"** names a different model. In the literature the course follows, **strict
//   consistency** means a read returns "the result of the most recent write" by absolute global time
//   (Tanenbaum & van Steen, *Distributed Systems: Principles and Paradigms*, 2002) — physically
//   unrealisable in a distributed system, which is why linearizability, which only orders operations that
//   do not overlap in real time, replaced it. Nor is it strict *serializability*: linearizability is the
//   strongest *single-object* model, and strict serializability (linearizable + serializable, multi-object
//   transactions) is stronger still.
// - **Spanner is not "sequential (within same region)"**: it gives external consistency — strict
//   serializability — in every configuration (Google Cloud docs, "Spanner: TrueTime and external consistency").
//   ZooKeeper is a sequential example: linearizable writes, local (possibly stale) reads.
// - **DynamoDB global tables are not causal**: the default mode replicates asynchronously with
//   last-writer-wins across Regions — eventual (AWS, "How DynamoDB global tables work"). MongoDB's causally
//   consistent sessions are a causal example.
// - **S3 is no longer eventual**: it has given strong read-after-write consistency for GET, PUT and LIST
//   since December 2020 (AWS News Blog, "Amazon S3 Update – Strong Read-After-Write Consistency").
//
// **Exercise 03.1** — The course gives "Spanner (within same region)" as its example of *sequential*
// consistency. Which is right?
//
// - **a** Correct: inside one region Spanner is sequentially consistent.
// - **b** Spanner gives external consistency (strict serializability), stronger than linearizable, in every configuration.
// - **c** Spanner is causally consistent.
// - **d** Spanner is eventually consistent across regions.

// %% [exercise] id="03.1" points=1
// BEGIN SOLUTION
const spannerModel = "b";
// END SOLUTION
// BEGIN STUB
const spannerModel: string | undefined = undefined; // "a", "b", "c" or "d"
// END STUB
// BEGIN WRONG
const spannerModel = "a";
// END WRONG

// %%
exercises.check("03.1", spannerModel);

// %% [markdown]
// ## 2. Jepsen's map: the hierarchy
// An arrow *x → y* means every history x allows, y allows too: x is stronger. The library encodes Jepsen's
// map (adapted from Bailis et al., "Highly Available Transactions", VLDB 2014, and Viotti & Vukolić, ACM
// Computing Surveys 2016) with two additions the course needs: **session** (the four session guarantees
// together) and **eventual** (a liveness property, placed under the single-object guarantees).
//
// - **Single object:** strict serializable → linearizable → sequential → causal → session → PRAM →
//   {read-your-writes, monotonic reads, monotonic writes}; causal → writes-follow-reads.
// - **Transactions:** strict serializable → serializable → {repeatable read, snapshot isolation} →
//   monotonic atomic view / cursor stability → read committed → read uncommitted.

// %%
const allModels = consistency.models();
display.show(
  display.table(
    allModels.map((m) => ({ model: m.id, family: m.family, availability: m.availability, implies: m.implies.join(", ") || "—", examples: m.examples.join("; ") || "—" })),
    { maxRows: 20, caption: "Every model: family, availability class, direct implications, examples" },
  ),
);

// %% [markdown]
// The matrix below is the whole order at once (the reflexive-transitive closure of the arrows): a cell is 1
// when the row's model implies the column's. A row full of 1s is a strong model; the empty blocks between
// the single-object and transactional families show how little they say about each other.

// %%
const ids = allModels.map((m) => m.id);
display.show(
  display.heatmap({
    title: "Does the row's model imply the column's? (1 = yes)",
    x: ids,
    y: ids,
    z: ids.map((row) => ids.map((col) => (consistency.implies(row, col) ? 1 : 0))),
    xTitle: "weaker (implied)",
    yTitle: "stronger (implies)",
    zTitle: "implies",
    annotate: false,
    heightPx: 640,
    colorscale: "Cividis",
  }),
);

// %%
const a = consistency.parseModel(modelA);
const b = consistency.parseModel(modelB);
const relation = consistency.isStronger(a, b) ? `${a} is stronger than ${b}` : consistency.isStronger(b, a) ? `${b} is stronger than ${a}` : a === b ? "the same model" : "incomparable";
const common = consistency.strongestCommon(a, b);
display.show(
  display.explain({
    subject: `${a} vs ${b}`,
    verdict: relation,
    reason: common.length > 0 ? `the strongest guarantee both give is ${common.join(" and ")}` : "no model is implied by both: they come from different families",
    details: [`${a}: ${consistency.availability(a)}`, `${b}: ${consistency.availability(b)}`],
    source: "Jepsen, 'Consistency Models' (jepsen.io/consistency)",
  }),
);

// %% [markdown]
// ## 3. Session guarantees and availability classes
// Terry et al. ("Session Guarantees for Weakly Consistent Replicated Data", PDIS 1994) defined four
// guarantees for one client's *session*:
//
// | Guarantee | Promise | Anomaly it rules out |
// |---|---|---|
// | read your writes | a read sees the session's own earlier writes | you post, refresh, and your post is gone |
// | monotonic reads | reads never go back in time | a comment appears, then disappears on the next page |
// | monotonic writes | the session's writes apply everywhere in the order issued | a password change applied before the account creation |
// | writes follow reads | a write is ordered after the writes it read | a reply visible before the message it answers |
//
// PRAM is the first three together; the course's **session** level (Cosmos DB's default) is all four;
// causal implies all of them. What a model costs depends first on its **availability class**
// (Jepsen; HAT, VLDB 2014) — what it can still promise while a partition lasts:
//
// - **unavailable** — some nodes must refuse some requests: linearizable, sequential, serializable,
//   snapshot isolation, repeatable read, cursor stability;
// - **sticky available** — every request succeeds *if the client keeps talking to the same server*:
//   causal, session, PRAM, read-your-writes;
// - **totally available** — every non-failing node answers every request: monotonic reads, monotonic
//   writes, writes-follow-reads, read committed, monotonic atomic view, read uncommitted, eventual.

// %%
const guarantees = ["read-your-writes", "monotonic-reads", "monotonic-writes", "writes-follow-reads"] as const;
const holders = ["linearizable", "causal", "session", "pram", "eventual"] as const;
display.show(
  display.table(
    holders.map((m) => ({ model: m, availability: consistency.availability(m), ...Object.fromEntries(guarantees.map((g) => [g, consistency.implies(m, g) ? "✓" : "✗"])) })),
    { caption: "Which session guarantees each model gives (consistency.implies)" },
  ),
);

// %%
const classCounts = consistency.AVAILABILITY_ORDER.map((cls) => allModels.filter((m) => m.availability === cls));
display.show(
  display.barChart({
    title: "Models per availability class",
    categories: [...consistency.AVAILABILITY_ORDER],
    series: [
      { name: "single-object", values: classCounts.map((ms) => ms.filter((m) => m.family !== "transactional").length) },
      { name: "transactional", values: classCounts.map((ms) => ms.filter((m) => m.family === "transactional").length) },
    ],
    stacked: true,
    unit: "count",
    valueTitle: "models",
  }),
);

// %% [markdown]
// **Exercise 03.2** — A mobile app wants read-your-writes, and its load balancer may send any request to
// any replica. What is true during a partition?
//
// - **a** Read-your-writes is totally available: any replica can serve it.
// - **b** It is sticky available: it stays available only for clients that keep talking to the same server (or carry their writes with them).
// - **c** It is unavailable: like linearizability, it needs a quorum.
// - **d** It is the same guarantee as eventual consistency.

// %% [exercise] id="03.2" points=1
// BEGIN SOLUTION
const ryWAvailability = "b";
// END SOLUTION
// BEGIN STUB
const ryWAvailability: string | undefined = undefined; // "a", "b", "c" or "d"
// END STUB
// BEGIN WRONG
const ryWAvailability = "a";
// END WRONG

// %%
exercises.check("03.2", ryWAvailability);

// %% [markdown]
// ## 4. What each model costs: round trips
// The course puts a cost on each model ("high latency", "low latency"). In a multi-region deployment the
// cost is concrete: **how many wide-area round trips stand between the client and the answer.** The
// model below counts round trips only (no queueing, no disk), from the RTT matrix `data/region-rtt.json`
// (cloudping.co p50):
//
// - **eventual / read-your-writes / session / causal** — read the nearest replica, commit the write
//   locally and replicate asynchronously (session and causal stay local if the client is *sticky*; the
//   price is paid in availability class, not latency);
// - **sequential (ZooKeeper-style)** — writes go through the leader and wait for a majority; reads are local;
// - **linearizable, leader reads** — reads and writes go to the leader; writes wait for a majority;
// - **linearizable, quorum reads** — the nearest replica coordinates a majority read.

// %%
const majorityAcks = Math.floor(replicaRegions.length / 2); // remote acks: the leader plus these make a majority
const nearestRead = multiRegion.readLatency({ client: clientRegion, replicas: replicaRegions, consistency: "nearest" });
const leaderRead = multiRegion.readLatency({ client: clientRegion, replicas: replicaRegions, consistency: "leader", leader: leaderRegion });
const quorumRead = multiRegion.readLatency({ client: clientRegion, replicas: replicaRegions, consistency: "quorum" });
const nearestRegion = [...replicaRegions].sort((x, y) => multiRegion.rttMs({ from: clientRegion, to: x }) - multiRegion.rttMs({ from: clientRegion, to: y }))[0];
const localWrite = multiRegion.writeLatency({ coordinator: nearestRegion, replicas: replicaRegions, replication: "async", client: clientRegion });
const leaderWrite = multiRegion.writeLatency({ coordinator: leaderRegion, replicas: replicaRegions, replication: "sync", acks: majorityAcks, client: clientRegion });
const costRows = [
  { model: "eventual (ONE / async)", read: nearestRead, write: localWrite.totalMs, availability: consistency.availability("eventual") },
  { model: "read-your-writes / session (sticky)", read: nearestRead, write: localWrite.totalMs, availability: consistency.availability("session") },
  { model: "causal (sticky)", read: nearestRead, write: localWrite.totalMs, availability: consistency.availability("causal") },
  { model: "sequential (leader writes, local reads)", read: nearestRead, write: leaderWrite.totalMs, availability: consistency.availability("sequential") },
  { model: "linearizable (leader reads)", read: leaderRead, write: leaderWrite.totalMs, availability: consistency.availability("linearizable") },
  { model: "linearizable (quorum reads)", read: quorumRead, write: leaderWrite.totalMs, availability: consistency.availability("linearizable") },
];
display.show(
  display.table(costRows, { units: { read: "ms", write: "ms" }, caption: `Client in ${clientRegion}; replicas in ${replicaRegions.join(", ")}; leader ${leaderRegion}` }),
  display.barChart({
    title: `What each model costs a client in ${clientRegion} (round trips only)`,
    categories: costRows.map((r) => r.model),
    series: [
      { name: "read", values: costRows.map((r) => r.read) },
      { name: "write", values: costRows.map((r) => r.write) },
    ],
    unit: "ms",
    orientation: "horizontal",
    valueTitle: "latency",
  }),
);

// %% [markdown]
// The course's cost column is right in direction and wrong in kind: **the weak models are not cheaper by a
// percentage, they are cheaper by whole wide-area round trips** (tens to hundreds of ms), and the strong
// ones also move from "available" to "unavailable" during a partition. An asynchronous local write is not
// free either: until it reaches the other regions (the RPO window, below) a regional failure loses it —
// notebooks 07 and 08 price that.

// %%
display.show(
  display.explain({
    subject: `Asynchronous local write in ${nearestRegion}`,
    verdict: `${localWrite.totalMs} ms to acknowledge, ${localWrite.rpoWindowMs} ms at risk`,
    reason: "the acknowledgement comes before the copies leave the region: a regional failure in that window loses the write",
    tone: "warn",
    source: "multiRegion.writeLatency (RTT/2 to the farthest replica)",
  }),
);

// %% [markdown]
// **Exercise 03.3** — A client in **eu-west-1** reads a key replicated in us-east-1, eu-west-1 and
// ap-northeast-1; the leader is in **us-east-1**. How many milliseconds does a linearizable leader read
// cost *more* than a read from the nearest replica? Use `multiRegion.readLatency` (and fixed regions, not
// the parameters).

// %% [exercise] id="03.3" points=2
// BEGIN SOLUTION
const setup = { client: "eu-west-1", replicas: ["us-east-1", "eu-west-1", "ap-northeast-1"] };
const leaderPremiumMs =
  multiRegion.readLatency({ ...setup, consistency: "leader", leader: "us-east-1" }) - multiRegion.readLatency({ ...setup, consistency: "nearest" });
// END SOLUTION
// BEGIN STUB
const leaderPremiumMs: number | undefined = undefined; // milliseconds
// END STUB
// BEGIN WRONG
const leaderPremiumMs = multiRegion.readLatency({ client: "eu-west-1", replicas: ["us-east-1", "eu-west-1", "ap-northeast-1"], consistency: "leader", leader: "us-east-1" });
// END WRONG

// %%
exercises.check("03.3", leaderPremiumMs);

// %% [markdown]
// ## 5. The course's Cassandra example: QUORUM writes, ONE reads
// The course writes with `QUORUM` ("2 out of 3") and reads with `ONE`, then states the rule: strong when
// **R + W > N**, "eventual, guarantees: none" when R + W ≤ N. Reproduced with the parameters above
// (`writeLevel`, `readLevel`, `replicationFactor`): Cassandra's QUORUM is floor(RF / 2) + 1 (DataStax,
// "How is the consistency level configured?"), and a read misses the latest write with probability
// p_s = C(N − W, R) / C(N, R) when it arrives before any further propagation (Bailis et al., VLDB 2012).

// %%
const levelOf = (level: string) => quorum.replicasRequired({ level: level as quorum.ConsistencyLevel, replicationFactors: replicationFactor }).total;
const cassandra = { n: replicationFactor, r: levelOf(readLevel), w: levelOf(writeLevel) };
const verdict = quorum.explainConsistency(cassandra);
display.show(
  display.explain({
    subject: `${writeLevel} writes (W = ${cassandra.w}), ${readLevel} reads (R = ${cassandra.r}), RF = ${replicationFactor}`,
    verdict: verdict.readsSeeLatestWrite ? "reads see the latest completed write" : `a read misses the latest write with probability ${verdict.staleReadProbability.toFixed(4)}`,
    reason: verdict.reason,
    tone: verdict.strong ? "good" : verdict.readsSeeLatestWrite ? "warn" : "bad",
    details: [
      `write availability (≥ ${cassandra.w} of ${replicationFactor} replicas up, each ${replicaAvailability}): ${quorum.quorumAvailability({ n: replicationFactor, size: cassandra.w, replicaAvailability: replicaAvailability }).toFixed(6)}`,
      `read availability (≥ ${cassandra.r} of ${replicationFactor} up): ${quorum.quorumAvailability({ n: replicationFactor, size: cassandra.r, replicaAvailability: replicaAvailability }).toFixed(6)}`,
    ],
    source: "DataStax docs; Bailis et al., VLDB 2012",
  }),
);

// %% [markdown]
// The course's example is **not strong**: QUORUM + ONE at RF 3 gives R + W = 1 + 2 = 3, not > 3, so a read
// right after a write misses it with probability 1/3 (the golden value P(consistent) = 2/3 for N = 3, R = 1,
// W = 2 in Bailis et al.). The course's comment "might read stale data" is right; two of its rules need care:
//
// - **"R + W > N: read always sees most recent write"** — every read quorum overlaps every write quorum, so
//   a read that *starts after a write completed* sees it. It is not all of linearizability: concurrent writes
//   also need **W > N/2** to be ordered (`quorum.explainConsistency` checks both), and Cassandra orders them
//   by client timestamp — last-write-wins — so clock skew can still drop a write (notebook 07).
// - **"R + W ≤ N: guarantees none"** — overstated. The staleness is *bounded in probability*: p_s above is
//   the worst case (no propagation at all); anti-entropy makes it fall fast with time, which notebook 04
//   measures (PBS t-visibility), and replicas do converge (eventual consistency is a guarantee, of liveness).
//
// The heatmap shows p_s for every (R, W) at N = `replicationFactor`: the zero region is R + W > N; the
// course's example sits on the diagonal just below it.

// %%
const sizes = Array.from({ length: replicationFactor }, (_, i) => i + 1);
display.show(
  display.heatmap({
    title: `P(a read misses the latest write), N = ${replicationFactor}, before any propagation`,
    x: sizes.map((w) => `W=${w}`),
    y: sizes.map((r) => `R=${r}`),
    z: sizes.map((r) => sizes.map((w) => quorum.staleReadProbability({ n: replicationFactor, r: r, w: w }))),
    xTitle: "write quorum W",
    yTitle: "read quorum R",
    zTitle: "p_s",
    zUnit: "percent",
    zMin: 0,
    zMax: 1,
  }),
);

// %% [markdown]
// **Across datacenters** the levels differ: `QUORUM` counts replicas in every datacenter, so it waits for a
// remote one; `LOCAL_QUORUM` stays in the coordinator's datacenter (strong only *within* it);
// `EACH_QUORUM` needs a majority in every datacenter.

// %%
const twoDcs = { us: replicationFactor, eu: replicationFactor };
display.show(
  display.table(
    (["ONE", "LOCAL_QUORUM", "QUORUM", "EACH_QUORUM", "ALL"] as const).map((level) => {
      const need = quorum.replicasRequired({ level: level, replicationFactors: twoDcs, localDatacenter: "us" });
      return { level: level, replicas: need.total, "per datacenter": need.perDatacenter ? JSON.stringify(need.perDatacenter) : "any", why: need.reason };
    }),
    { caption: `Two datacenters, RF ${replicationFactor} each (coordinator in "us")` },
  ),
);

// %% [markdown]
// **Exercise 03.4** — In the course's example (RF 3, QUORUM writes, ONE reads), what is the probability that
// a read issued right after a write completes — before any further propagation — misses it?

// %% [exercise] id="03.4" points=2
// BEGIN SOLUTION
const courseStaleProbability = quorum.staleReadProbability({ n: 3, r: 1, w: 2 });
// END SOLUTION
// BEGIN STUB
const courseStaleProbability: number | undefined = undefined; // a probability in [0, 1]
// END STUB
// BEGIN WRONG
const courseStaleProbability = 0;
// END WRONG

// %%
exercises.check("03.4", courseStaleProbability);

// %% [markdown]
// **Exercise 03.5** — Implement Cassandra's `QUORUM` for a keyspace replicated in several datacenters:
// `cassandraQuorum(replicationFactors)` takes the replication factor of each datacenter and returns how many
// replicas a QUORUM operation waits for. (DataStax: two datacenters at RF 3 need 4; five at 3, 3, 2, 2, 2 need 7.)

// %% [exercise] id="03.5" points=3
// BEGIN SOLUTION
const cassandraQuorum = (replicationFactors: number[]): number => Math.floor(replicationFactors.reduce((s, rf) => s + rf, 0) / 2) + 1;
// END SOLUTION
// BEGIN STUB
const cassandraQuorum: ((replicationFactors: number[]) => number) | undefined = undefined; // replace undefined with your function
// END STUB
// BEGIN WRONG
const cassandraQuorum = (replicationFactors: number[]): number => replicationFactors.reduce((s, rf) => s + Math.floor(rf / 2) + 1, 0);
// END WRONG

// %%
exercises.check("03.5", cassandraQuorum);

// %% [markdown]
// **Exercise 03.6** — Choose under constraints. One datacenter, RF 3. Pick a read level and a write level
// (`ONE`, `TWO`, `THREE`, `QUORUM` or `ALL`) such that (1) reads see the latest completed write
// (R + W > N), (2) writes still succeed with one replica down, and (3) reads wait for as few replicas as
// those allow. Answer `{ read, write }`.

// %% [exercise] id="03.6" points=2
// BEGIN SOLUTION
const chosenLevels = { read: "QUORUM", write: "QUORUM" };
// END SOLUTION
// BEGIN STUB
const chosenLevels: { read: string; write: string } | undefined = undefined; // e.g. { read: "ONE", write: "ALL" }
// END STUB
// BEGIN WRONG
const chosenLevels = { read: "ONE", write: "ALL" };
// END WRONG

// %%
exercises.check("03.6", chosenLevels);

// %% [markdown]
// ## What to take away
// - Name the **model** (Jepsen's vocabulary), not "strong" or "weak", and remember it is a partial order.
// - A model's price is paid twice: in **availability class** during a partition, and in **wide-area round
//   trips** every day. The session guarantees are the cheap middle: local latency, sticky availability.
// - **R + W > N** is about quorum overlap; check W > N/2 and the conflict-resolution rule before calling a
//   configuration strong, and quantify the staleness of R + W ≤ N instead of calling it "none" (notebook 04).

// %% [markdown]
// ## Explore: Cassandra's levels
// Pick the replication factor, the write and read levels and each replica's availability: the verdict
// (R + W > N or the stale-read probability) and the availability of each side recompute in the page.

// %%
display.show(
  display.whatIf({
    title: "Consistency levels, in replicas and availability",
    key: "levels",
    controls: {
      n: { type: "integer", min: 1, max: 9, description: "replication factor N" },
      write: { type: "string", allowed: ["ONE", "TWO", "THREE", "QUORUM", "ALL"], description: "write level" },
      read: { type: "string", allowed: ["ONE", "TWO", "THREE", "QUORUM", "ALL"], description: "read level" },
      replica: { type: "number", min: 0.9, max: 0.999, step: 0.001, description: "replica availability" },
    },
    values: { n: replicationFactor, write: writeLevel, read: readLevel, replica: Math.min(0.999, Math.max(0.9, Math.round(replicaAvailability * 1000) / 1000)) },
    view: (lib, v) => {
      const need = (level: string | number) => lib.quorum.replicasRequired({ level: level as quorum.ConsistencyLevel, replicationFactors: v.n }).total;
      const w = need(v.write);
      const r = need(v.read);
      const e = lib.quorum.explainConsistency({ n: v.n, r, w });
      const levels = ["ONE", "TWO", "THREE", "QUORUM", "ALL"].filter((l) => (l === "TWO" ? v.n >= 2 : l === "THREE" ? v.n >= 3 : true));
      return [
        lib.display.explain({
          subject: `${v.write} writes (W = ${w}), ${v.read} reads (R = ${r}), N = ${v.n}`,
          verdict: e.readsSeeLatestWrite ? "reads see the latest completed write" : `a read misses the latest write with probability ${lib.display.formatPercent(e.staleReadProbability)}`,
          reason: e.reason,
          tone: e.strong ? "good" : e.readsSeeLatestWrite ? "warn" : "bad",
          source: "DataStax docs; Bailis et al., VLDB 2012",
        }),
        lib.display.barChart({
          title: `Availability of each level, N = ${v.n}, replicas ${lib.display.formatPercent(v.replica)} up`,
          categories: levels,
          series: [{ name: "available", values: levels.map((l) => lib.quorum.quorumAvailability({ n: v.n, size: need(l), replicaAvailability: v.replica })) }],
          unit: "percent",
        }),
      ];
    },
  }),
);

// %%
exercises.progress("03");
