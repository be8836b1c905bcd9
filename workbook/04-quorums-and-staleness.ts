// %% [markdown]
// # 04 · Quorums and staleness
//
// Dynamo-style stores (Cassandra, Riak, Voldemort, DynamoDB's ancestors) write to W of N replicas and
// read from R of them. This notebook answers, for a given N, R and W:
//
// 1. **Are reads strong?** (R + W > N, and W > N/2 for concurrent writes) — and what Cassandra's
//    consistency levels mean in replica counts, across datacenters;
// 2. **how stale can a read be?** Exactly, in versions (k-staleness), and in milliseconds after a write
//    commits (t-visibility, the paper's production latency profiles);
// 3. **what does consistency cost?** In availability (a quorum needs enough live replicas) and in
//    latency (a quorum waits for its slowest member).
//
// The source throughout is Bailis, Venkataraman, Franklin, Hellerstein and Stoica, *Probabilistically
// Bounded Staleness for Practical Partial Quorums*, VLDB 2012 ("PBS"), plus the DataStax documentation
// for Cassandra's levels.

// %% tags=["parameters"]
// What-if parameters: change them and Run All.
const replicationFactor: number = 3; // integer in [1, 9]: N, replicas of each key
const readQuorum: number = 1; // integer in [1, replicationFactor]: R, replicas a read waits for
const writeQuorum: number = 1; // integer in [1, replicationFactor]: W, replicas a write waits for
const maxK: number = 10; // integer in [1, 50]: the k-staleness chart runs k = 1..maxK versions
const replicaAvailability: number = 0.99; // ratio in (0, 1): each replica's availability (independent failures)
const datacenterReplication: Record<string, number> = { "us-east": 3, "eu-west": 3 }; // integer, each >= 1: Cassandra RF per datacenter (NetworkTopologyStrategy)
const profileName: string = "LNKD-DISK"; // "LNKD-SSD" | "LNKD-DISK" | "YMMR" | "WAN": PBS profile for the (R, W) trade-off
const trials: number = 20000; // integer in [1000, 200000]: Monte Carlo trials per PBS curve; cells slow down in proportion
const horizonMs: number = 2000; // ms, > 0.1: the t-visibility chart spans 0.1 ms .. horizonMs after commit
const readAfterMs: number = 10; // ms, >= 0: the trade-off table's "read t ms after commit"
const latencyPercentile: number = 99.9; // percent in (0, 100]: latency percentile on the trade-off's latency side
const seed: number = 1; // integer: seed of every simulation

// %%
import { quorum, pbs, availability, display, exercises } from "tradeoff-lab";
import { readFileSync } from "node:fs";
display.plotlyInit();
const N = replicationFactor;
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

// %% [markdown]
// ## 1. R + W > N
// A write is acknowledged once W replicas hold it; a read returns the newest version among the R
// replicas that answer first. If **R + W > N**, every read set and every write set share at least one
// replica (pigeonhole), so a read that starts after a write was acknowledged reaches a replica that holds
// it. The course adds "Guarantees: Read always sees most recent write"; that overclaims. PBS (§2) credits
// strict quorums with **regular** semantics — the read returns the last write acknowledged before it
// began, or one concurrent with it — not linearizability, and only in failure-free operation and without
// sloppy quorums: hinted handoff can put a write on replicas outside the read set, and a write that failed
// can linger on some replicas. And with **last-writer-wins on skewed clocks** a later acknowledged write
// can lose to an earlier one whatever R and W are (notebook 07 measures it). If R + W ≤ N, the R
// replicas read can all lie outside the W written, with probability
//
// $$p_s = \binom{N-W}{R} \Big/ \binom{N}{R}$$
//
// (PBS §3.1: the reader picks R of N replicas; all must come from the N − W that missed the write). A
// second rule is often forgotten: **W > N/2** makes any two write quorums intersect, so concurrent
// writes are ordered; with W ≤ N/2, two writers can each be acknowledged by disjoint replicas.

// %%
const chosen = quorum.explainConsistency({ n: N, r: readQuorum, w: writeQuorum });
display.show(
  display.explain({
    subject: `N=${N}, R=${readQuorum}, W=${writeQuorum}`,
    verdict: chosen.strong ? "strong" : chosen.readsSeeLatestWrite ? "reads see the latest write, but concurrent writes are unordered" : "partial quorum: reads can be stale",
    reason: chosen.reason,
    tone: chosen.strong ? "good" : chosen.readsSeeLatestWrite ? "warn" : "bad",
    source: "Bailis et al., VLDB 2012, §3.1",
  }),
);

// %% [markdown]
// The heatmap covers **every** (R, W) for the parameter N: each cell is the probability that a read
// issued right after a write sees it, *in the worst case where the write has reached only its W
// replicas* (1 − p_s). The top-right triangle (R + W > N) is exactly 1. Everything below it is a
// partial quorum, and the cost of each step down is visible.

// %%
const sizes = range(1, N);
display.show(
  display.heatmap({
    title: `P(read sees the latest write), worst case, N = ${N}`,
    x: sizes.map((w) => `W=${w}`),
    y: sizes.map((r) => `R=${r}`),
    z: sizes.map((r) => sizes.map((w) => 1 - quorum.staleReadProbability({ n: N, r, w }))),
    zUnit: "percent",
    zMin: 0,
    zMax: 1,
    xTitle: "write quorum W",
    yTitle: "read quorum R",
  }),
);

// %% [markdown]
// Well-known defaults, checked by the same rules (PBS §2; Cassandra's default level is ONE, Riak's
// default is R = W = 2, Dynamo's common configuration is (3, 2, 2)):

// %%
const defaults = [
  { system: "Cassandra default (ONE/ONE)", n: 3, r: 1, w: 1 },
  { system: "Riak default", n: 3, r: 2, w: 2 },
  { system: "Dynamo common", n: 3, r: 2, w: 2 },
  { system: "course example (write QUORUM, read ONE)", n: 3, r: 1, w: 2 },
  { system: "your parameters", n: N, r: readQuorum, w: writeQuorum },
].map((c) => {
  const e = quorum.explainConsistency(c);
  return { ...c, readsSeeLatest: e.readsSeeLatestWrite ? "yes" : "no", writesOrdered: e.concurrentWritesOrdered ? "yes" : "no", staleReadProbability: e.staleReadProbability };
});
display.show(display.table(defaults, { units: { staleReadProbability: "percent" }, caption: "Defaults and the course's example against R + W > N and W > N/2" }));

// %% [markdown]
// ### The course's "Choosing Consistency Level" example — a correction
// The course writes at `QUORUM` (2 of 3) and reads at `ONE`, then states the rule "strong consistency:
// R + W > N". The two do not go together: **1 + 2 = 3 is not greater than N = 3**, so that read can miss
// the write — with probability p_s = C(1,1)/C(3,1) = **1/3** right after it (the row above). The
// course's own strong example (R = W = 2) is right; the pairing it shows in code is not strong. Either
// read at QUORUM too, or write at ALL (which makes writes unavailable with one replica down).

// %% [markdown]
// **Exercise 04.1** — The course writes at QUORUM and reads at ONE with N = 3. Which statement is right?
//
// - **a** Reads are strong, because a QUORUM write reaches a majority.
// - **b** Reads are not strong: R + W = 3 = N, so a read may miss the write (p_s = 1/3 right after it).
// - **c** Reads are strong, because read repair fixes stale replicas before they are read.
// - **d** Reading at QUORUM and writing at ONE would be strong instead.
//
// Answer with a letter, as a string.

// %% [exercise] id="04.1" points=1
// BEGIN SOLUTION
const answer041 = "b";
// END SOLUTION
// BEGIN STUB
const answer041: string | undefined = undefined; // "a", "b", "c" or "d"
// END STUB
// BEGIN WRONG
const answer041 = "a";
// END WRONG

// %%
exercises.check("04.1", answer041);

// %% [markdown]
// **Exercise 04.2** — Implement p_s: a function `(n, r, w) => number` that returns C(N−W, R) / C(N, R),
// the probability that a read of R replicas misses a write that reached W of N. Mind the case R > N − W
// (the read cannot avoid the write: p_s = 0), and keep it accurate for N = 100, R = W = 30 (≈ 1.88e-6,
// PBS §3.1). Multiplying ratios term by term avoids overflowing the binomials.

// %% [exercise] id="04.2" points=3
// BEGIN SOLUTION
const staleProbability = (n: number, r: number, w: number): number => {
  if (r > n - w) return 0;
  let p = 1;
  for (let i = 0; i < r; i++) p *= (n - w - i) / (n - i);
  return p;
};
// END SOLUTION
// BEGIN STUB
const staleProbability: ((n: number, r: number, w: number) => number) | undefined = undefined;
// END STUB
// BEGIN WRONG
const staleProbability = (n: number, r: number, w: number): number => (r + w > n ? 0 : (n - w) / n);
// END WRONG

// %%
exercises.check("04.2", staleProbability);

// %% [markdown]
// **Exercise 04.3** — Choose a configuration for N = 5 replicas of a read-heavy key (10 reads per write).
// Constraints: (1) reads are strong (R + W > N); (2) concurrent writes are ordered (W > N/2); (3) writes
// are still accepted with one replica down; (4) among the configurations meeting 1–3, the read quorum is
// as small as possible, because reads dominate the latency budget. Answer `{ r, w }`.

// %% [exercise] id="04.3" points=2
// BEGIN SOLUTION
const choice043 = { r: 2, w: 4 };
// END SOLUTION
// BEGIN STUB
const choice043: { r: number; w: number } | undefined = undefined;
// END STUB
// BEGIN WRONG
const choice043 = { r: 3, w: 3 };
// END WRONG

// %%
exercises.check("04.3", choice043);

// %% [markdown]
// ## 2. Cassandra's consistency levels, in replicas
// Cassandra names quorums rather than numbers. From the DataStax documentation ("How is the
// consistency level configured?"):
//
// - `QUORUM` = ⌊(sum of the replication factors of **all** datacenters) / 2⌋ + 1;
// - `LOCAL_QUORUM` = a majority of the coordinator's datacenter only (no cross-DC wait);
// - `EACH_QUORUM` = a majority in **every** datacenter;
// - `ONE`, `TWO`, `THREE`, `ALL` count replicas anywhere. The default level is `ONE`.
//
// The documentation's examples: RF 3 → 2; RF 6 → 4; two datacenters at RF 3 → 4; five datacenters at
// 3, 3, 2, 2, 2 → 7. The table recomputes them, then your `datacenterReplication` parameter.

// %%
const levelExamples: { name: string; factors: number | Record<string, number> }[] = [
  { name: "RF 3", factors: 3 },
  { name: "RF 6", factors: 6 },
  { name: "two DCs at RF 3", factors: { dc1: 3, dc2: 3 } },
  { name: "five DCs at 3, 3, 2, 2, 2", factors: { dc1: 3, dc2: 3, dc3: 2, dc4: 2, dc5: 2 } },
  { name: `yours: ${JSON.stringify(datacenterReplication)}`, factors: datacenterReplication as Record<string, number> },
];
const levelRows = levelExamples.map(({ name, factors }) => {
  const need = (level: quorum.ConsistencyLevel): number => quorum.replicasRequired({ level, replicationFactors: factors }).total;
  return { replication: name, ONE: need("ONE"), LOCAL_QUORUM: need("LOCAL_QUORUM"), QUORUM: need("QUORUM"), EACH_QUORUM: need("EACH_QUORUM"), ALL: need("ALL") };
});
display.show(display.table(levelRows, { caption: "Replicas each level waits for (DataStax examples, then your parameter)" }));

// %% [markdown]
// Across datacenters the choice is between **waiting on the WAN** and **being strong globally**.
// `LOCAL_QUORUM` reads with `LOCAL_QUORUM` writes are strong only *within* a datacenter: a read in
// eu-west can miss a write acknowledged in us-east. `QUORUM`/`QUORUM` is strong everywhere, but with two
// equal datacenters every quorum (4 of 6) needs the remote one — a WAN round trip per operation
// (notebook 07 prices it) — and a whole-datacenter outage leaves only 3 of 6, so `QUORUM` becomes
// unavailable. `EACH_QUORUM` writes with `LOCAL_QUORUM` reads are strong (2 + 2 of 3 in the local DC)
// and keep reads local, at the price of writes that fail whenever any datacenter is unreachable.

// %% [markdown]
// **Exercise 04.4** — How many replicas does `QUORUM` wait for with five datacenters at replication
// factors 3, 3, 2, 2 and 2? (You may use `quorum.replicasRequired({ level: "QUORUM", replicationFactors: { us: 3, eu: 3 } }).total`,
// here with two datacenters: it returns the replicas per datacenter and their `total`.)

// %% [exercise] id="04.4" points=2
// BEGIN SOLUTION
const answer044 = quorum.replicasRequired({ level: "QUORUM", replicationFactors: { a: 3, b: 3, c: 2, d: 2, e: 2 } }).total;
// END SOLUTION
// BEGIN STUB
const answer044: number | undefined = undefined;
// END STUB
// BEGIN WRONG
const answer044 = 10;
// END WRONG

// %%
exercises.check("04.4", answer044);

// %% [markdown]
// ## 3. k-staleness: how many versions behind?
// A partial quorum rarely returns something *very* old. Each write goes to W fresh random replicas, so
// for a read to miss the last k versions it must miss each of them independently (PBS §3.2):
//
// $$P(\text{read returns one of the last } k \text{ versions}) = 1 - p_s^{\,k}$$
//
// For N = 3, R = W = 1: p_s = 2/3, so k = 1 gives 1/3, k = 2 gives 5/9, k = 3 gives 19/27, and k = 10
// already exceeds 98%. For R = 1, W = 2 (or R = 2, W = 1 — the formula is symmetric in R and W), p_s = 1/3:
// 2/3, 8/9, and above 99.5% at k = 5. The library computes these **exactly**, as fractions:

// %%
const exactRows = [1, 2, 3, 5, 10].flatMap((k) =>
  [
    { r: 1, w: 1 },
    { r: 1, w: 2 },
  ].map(({ r, w }) => {
    const exact = quorum.kStalenessExact({ n: 3, r, w, k });
    return { config: `N=3, R=${r}, W=${w}`, k, fraction: exact.fraction.length > 24 ? "(long)" : exact.fraction, probability: exact.probability };
  }),
);
display.show(display.table(exactRows, { units: { probability: "percent" }, caption: "k-staleness, exact (PBS §3.2; golden values in REFERENCES.md)" }));

// %%
const ks = range(1, maxK);
const partialPairs = sizes.flatMap((r) => sizes.filter((w) => w >= r && r + w <= N).map((w) => ({ r, w })));
display.show(
  display.lineChart({
    title: `P(read within k versions of the latest), N = ${N} (R ≤ W shown; R and W are interchangeable)`,
    x: ks,
    series: partialPairs.map(({ r, w }) => ({ name: `R=${r}, W=${w}`, y: ks.map((k) => quorum.kStaleness({ n: N, r, w, k })) })),
    xTitle: "k (versions of tolerated staleness)",
    yTitle: "probability",
    yUnit: "percent",
    markers: true,
  }),
);

// %% [markdown]
// **Exercise 04.5** — For N = 3 and R = W = 1, what is the probability that a read returns one of the
// last **3** versions? Give a number (a fraction like `19 / 27` is fine).

// %% [exercise] id="04.5" points=2
// BEGIN SOLUTION
const answer045 = quorum.kStaleness({ n: 3, r: 1, w: 1, k: 3 });
// END SOLUTION
// BEGIN STUB
const answer045: number | undefined = undefined;
// END STUB
// BEGIN WRONG
const answer045 = 8 / 27;
// END WRONG

// %%
exercises.check("04.5", answer045);

// %% [markdown]
// ### Monotonic reads are k-staleness
// A client that reads a key at rate γ_cr, while all clients write it at γ_gw, sees about γ_gw/γ_cr new
// versions between two of its reads. Its next read goes back in time only if it misses all of them *and*
// the version it saw before, so monotonic reads hold with probability 1 − p_s^k with
// **k = 1 + γ_gw / γ_cr** (PBS §3.2). Rarely-read, often-written keys are safe; a client polling a key
// faster than it changes is the risky case.

// %%
const monotonicRows = [0, 0.5, 1, 2, 5, 10].map((writesPerRead) => {
  const m = quorum.monotonicReads({ n: N, r: readQuorum, w: writeQuorum, globalWriteRate: writesPerRead, clientReadRate: 1 });
  return { writesBetweenReads: writesPerRead, k: m.k, probability: m.probability };
});
display.show(display.table(monotonicRows, { units: { probability: "percent" }, caption: `P(monotonic reads), N=${N}, R=${readQuorum}, W=${writeQuorum}; writes between two reads = γ_gw/γ_cr` }));

// %% [markdown]
// ## 4. What a quorum costs in availability
// A read (or write) succeeds when at least R (or W) of the N replicas are up. With independent replica
// failures at availability a, that is a binomial tail: Σ_{j≥R} C(N, j) a^j (1−a)^(N−j). A small quorum
// is *more* available than one replica; `ALL` is less (a^N). This is the CAP trade-off in numbers:
// the bigger the quorums you need for strength, the fewer failures you survive (N − W for writes).

// %%
const replicaNines = Array.from({ length: 21 }, (_, i) => 1 + i * 0.15);
const asNines = (p: number): number | null => (p < 1 ? availability.nines(p) : null);
display.show(
  display.lineChart({
    title: `Quorum availability against replica availability, N = ${N} (independent failures)`,
    x: replicaNines,
    series: [
      { name: "one replica", y: replicaNines, dash: "dot" },
      ...sizes.map((size) => ({
        name: size === quorum.quorumSize(N) ? `${size} of ${N} (majority)` : `${size} of ${N}`,
        y: replicaNines.map((nn) => asNines(quorum.quorumAvailability({ n: N, size, replicaAvailability: availability.ratioFromNines(nn) }))),
      })),
    ],
    xTitle: "replica availability (nines: 2 = 99%)",
    yTitle: "quorum availability (nines)",
  }),
);
const majority = quorum.quorumSize(N);
display.show(
  display.explain({
    subject: `Replicas at ${display.formatPercent(replicaAvailability, 2)}, N = ${N}`,
    verdict: `majority (${majority} of ${N}) ${display.formatPercent(quorum.quorumAvailability({ n: N, size: majority, replicaAvailability: replicaAvailability }), 2)}, ALL ${display.formatPercent(quorum.quorumAvailability({ n: N, size: N, replicaAvailability: replicaAvailability }), 2)}`,
    reason: "binomial upper tail; failures are rarely independent in practice (shared racks, deploys), so treat these as upper bounds",
  }),
);

// %% [markdown]
// **Exercise 04.6** — N = 5 replicas, each 99% available, failing independently. What is the
// availability of a `QUORUM` write (3 of 5)? Give a ratio (e.g. 0.999).

// %% [exercise] id="04.6" points=2
// BEGIN SOLUTION
const answer046 = quorum.quorumAvailability({ n: 5, size: 3, replicaAvailability: 0.99 });
// END SOLUTION
// BEGIN STUB
const answer046: number | undefined = undefined;
// END STUB
// BEGIN WRONG
const answer046 = 0.99 ** 3;
// END WRONG

// %%
exercises.check("04.6", answer046);

// %% [markdown]
// ## 5. t-visibility: stale for how long?
// Worst-case staleness assumes a write stops at W replicas. It does not: the coordinator sends it to all
// N and only *waits* for W. PBS's **WARS** model draws four one-way delays per replica — **W**rite
// request, write **A**ck, **R**ead request, read re**S**ponse. The write commits when the W-th fastest
// ack returns (w_t); a read starting t ms later is answered by the R fastest replicas (by R + S) and is
// consistent if any of them received the write (at W[i]) before the read request arrived. The paper fit
// these delays to production traces from LinkedIn (Voldemort on SSD and on disk) and Yammer (Riak), plus
// a WAN variant that adds 75 ms to each message to a remote datacenter. The profiles live in
// `data/pbs-profiles.json` (source and checks in `data/pbs-profiles.md`):

// %%
type Dist = { type: string; rate?: number; scale?: number; shape?: number; weight?: number; components?: { weight: number; distribution: Dist }[] };
const profileJson = JSON.parse(readFileSync("../data/pbs-profiles.json", "utf8")) as { profiles: Record<string, Record<string, Dist>> };
const componentMean = (d: Dist): number => (d.type === "exponential" ? 1 / (d.rate ?? 1) : ((d.shape ?? 2) * (d.scale ?? 0)) / ((d.shape ?? 2) - 1));
const profileRows = Object.entries(profileJson.profiles).flatMap(([name, p]) =>
  (["w", "a", "r", "s"] as const).map((message) => {
    const parts = p[message].components ?? [];
    const pareto = parts.find((c) => c.distribution.type === "pareto");
    const expo = parts.find((c) => c.distribution.type === "exponential");
    return {
      profile: name,
      message: message.toUpperCase(),
      paretoWeight: pareto?.weight ?? 0,
      paretoScaleMs: pareto?.distribution.scale ?? null,
      paretoShape: pareto?.distribution.shape ?? null,
      expWeight: expo?.weight ?? 0,
      expMeanMs: expo ? 1 / (expo.distribution.rate ?? 1) : null,
      meanMs: parts.reduce((s, c) => s + c.weight * componentMean(c.distribution), 0),
    };
  }),
);
display.show(
  display.table(profileRows, {
    units: { paretoWeight: "percent", expWeight: "percent", paretoScaleMs: "ms", expMeanMs: "ms", meanMs: "ms" },
    maxRows: 16,
    caption: "PBS latency profiles: Pareto(x_m, α) + Exponential mixtures per message (Bailis et al., VLDB 2012, §5.2); WAN adds 75 ms per remote hop",
  }),
);

// %% [markdown]
// Read the `meanMs` column before the curves: LNKD-DISK's writes (W) average several milliseconds
// against 0.29 ms for the other messages (the mixture's mean: 91.22% × 0.261 ms for the Pareto part plus
// 8.78% × 0.602 ms for the exponential part), so a read often overtakes a write that is still on its way
// to disk. YMMR's writes have a 6.1% exponential component with a **357 ms** mean: rare but very slow
// writes, which is why its curve has a long tail. YMMR's write Pareto shape is **3.5**, as the authors'
// simulator draws it; the paper's fit table prints 3.35, and the what-if below shows why we do not use it.

// %%
const tGrid = Array.from({ length: 41 }, (_, i) => 0.1 * Math.pow(horizonMs / 0.1, i / 40));
const curves = pbs.profileNames().map((name) =>
  pbs.tVisibility({ n: 3, r: 1, w: 1, profile: name, tMs: [0, ...tGrid], trials: trials, seed: seed }),
);
display.show(
  display.lineChart({
    title: `t-visibility, N=3, R=W=1: P(consistent read) t ms after commit (${trials} trials each)`,
    x: tGrid,
    series: curves.map((c) => ({ name: c.profile, y: c.curve.slice(1).map((p) => p.probability) })),
    xTitle: "t after commit (ms, log scale)",
    yTitle: "P(consistent)",
    yUnit: "percent",
    logX: true,
  }),
);

// %% [markdown]
// The same trials give the paper's headline numbers, for all four profiles: the paper reports YMMR as
// 89.3% consistent immediately after commit and the WAN as 33%, and its Table 4 gives the wait for 99.9%
// consistent reads (t-visibility) for every profile. Ours come from seeded Monte Carlo runs, so they move
// by a standard error or so with the seed and trial count; at 20 000 trials that is ±0.35 points around
// 44%. The 99.9% waits sit on a flat stretch of each curve and are the noisiest figures: with a million
// trials ours come out 2–18% above the paper's (`data/pbs-profiles.md` has every cell of Table 4, and
// `test/pbs/paper.test.ts` checks each with a stated tolerance).

// %%
const paper: Record<string, { atCommit: number | null; t999: number }> = {
  "LNKD-SSD": { atCommit: 0.974, t999: 1.85 },
  "LNKD-DISK": { atCommit: 0.439, t999: 45.5 },
  YMMR: { atCommit: 0.893, t999: 1364 },
  WAN: { atCommit: 0.33, t999: 113 },
};
const visibilityRows = curves.map((c) => ({
  profile: c.profile,
  atCommit: c.curve[0].probability,
  paperAtCommit: paper[c.profile].atCommit,
  t99: c.timeToConsistency[1].tMs,
  t999: c.timeToConsistency[2].tMs,
  paperT999: paper[c.profile].t999,
}));
display.show(
  display.table(visibilityRows, {
    units: { atCommit: "percent", paperAtCommit: "percent", t99: "ms", t999: "ms", paperT999: "ms" },
    labels: { atCommit: "P at t=0", paperAtCommit: "paper", t99: "wait for 99%", t999: "wait for 99.9%", paperT999: "paper" },
    caption: "N=3, R=W=1: ours against Bailis et al., §5.6 text and Table 4 (LNKD-SSD at commit: about 97.4%, §1)",
  }),
);

// %% [markdown]
// **The WAN and the quorum.** With R = W = 1 only a reader in the writer's datacenter (about 1/N of them)
// finds the write at commit, and 99.9% takes 113 ms in the paper — longer than the 75 ms hop. But the
// quorum changes that. With **W = 2** the write is acknowledged only after a second, remote replica has
// it, so a read is 99.9% consistent at t = 0 (Table 4: 0 ms); with **R = 2** a read asks a remote replica
// too and gets there in about 30 ms (Table 4: 30.2 ms), both at the price of a WAN round trip on the
// write or the read latency.

// %%
const wanRows = ([[1, 1], [2, 1], [1, 2]] as const).map(([r, w]) => {
  const res = pbs.tVisibility({ n: 3, r, w, profile: "WAN", tMs: [0], trials: trials, seed: seed, percentiles: [99.9] });
  const table4 = { "1,1": [3.4, 55.12, 113], "2,1": [151.3, 56.36, 30.2], "1,2": [3.4, 167.64, 0] }[`${r},${w}`] as number[];
  return {
    config: `R=${r}, W=${w}`,
    atCommit: res.curve[0].probability,
    t999: res.timeToConsistency[2].tMs,
    paperT999: table4[2],
    readMs: res.readLatencyMs[0].ms,
    writeMs: res.writeLatencyMs[0].ms,
    paperLatency: `${table4[0]} / ${table4[1]} ms`,
  };
});
display.show(
  display.table(wanRows, {
    units: { atCommit: "percent", t999: "ms", paperT999: "ms", readMs: "ms", writeMs: "ms" },
    labels: { atCommit: "P at t=0", t999: "wait for 99.9%", paperT999: "paper", readMs: "read p99.9", writeMs: "write p99.9", paperLatency: "paper read / write p99.9" },
    caption: "WAN profile, N=3: the quorum, not the 75 ms hop, decides how long reads stay stale (Bailis et al., Table 4)",
  }),
);

// %% [markdown]
// **What-if: YMMR with the fit table's write shape.** The paper's table of fitted parameters gives the
// YMMR write Pareto shape as α = 3.35; the authors' simulator draws 3.5. Run both and compare with the
// paper's 89.3% at commit: with a million trials 3.5 gives 89.27% and 3.35 gives 88.70%, some 19 standard
// errors away. The published results were produced with 3.5, so the shipped profile uses it.

// %%
const ymmrShipped = pbs.profile("YMMR");
const ymmrWriteMix = ymmrShipped.w as pbs.MixtureDistribution;
const ymmrFitTable: pbs.LatencyProfile = {
  ...ymmrShipped,
  name: "YMMR (fit table, α = 3.35)",
  w: pbs.mixture([
    { weight: ymmrWriteMix.components[0].weight, distribution: pbs.pareto(3, 3.35) },
    ymmrWriteMix.components[1],
  ]),
};
const shapeTrials = Math.max(trials, 100000);
const shapeRows = [ymmrShipped, ymmrFitTable].map((p) => {
  const res = pbs.tVisibility({ n: 3, r: 1, w: 1, profile: p, tMs: [0], trials: shapeTrials, seed: seed, percentiles: [99.9] });
  return { profile: p.name ?? "YMMR", atCommit: res.curve[0].probability, standardError: res.curve[0].standardError, writeMs: res.writeLatencyMs[0].ms };
});
display.show(
  display.table(shapeRows, {
    units: { atCommit: "percent", standardError: "percent", writeMs: "ms" },
    labels: { atCommit: "P at t=0 (paper 89.3%)", standardError: "± standard error", writeMs: "write p99.9 (paper 10.83)" },
    caption: `YMMR, N=3, R=W=1, ${shapeTrials} trials: the write shape the paper's results need`,
  }),
);

// %% [markdown]
// What the analyst should take away: on SSDs, eventual consistency with R = W = 1 is consistent ~97% of
// the time *immediately* and 99.9% within about 2 ms — "eventual" is a matter of milliseconds. On a WAN
// with R = W = 1, only about 1/N of reads land in the writer's datacenter at commit, and the rest wait for
// the remote hop; a quorum that spans datacenters on either side (W = 2 or R = 2) removes most of that
// staleness, at the price of a WAN round trip in the latency.

// %% [markdown]
// **Exercise 04.7** — With `pbs.tVisibility`, estimate the probability that a read issued **right
// after** a write commits (t = 0) returns it, for the LNKD-DISK profile with N = 3, R = W = 1. Use at
// least 20 000 trials (any seed); a value within 3% of a precise estimate passes.

// %% [exercise] id="04.7" points=2
// BEGIN SOLUTION
const answer047 = pbs.tVisibility({ n: 3, r: 1, w: 1, profile: "LNKD-DISK", tMs: [0], trials: 20000, seed: 11 }).curve[0].probability;
// END SOLUTION
// BEGIN STUB
const answer047: number | undefined = undefined;
// END STUB
// BEGIN WRONG
const answer047 = 1 / 3;
// END WRONG

// %%
exercises.check("04.7", answer047);

// %% [markdown]
// ## 6. The latency/consistency trade-off across (R, W)
// This is PACELC's *else* branch measured: without any partition, bigger quorums buy consistency with
// latency. A read waits for the R-th fastest replica, a write for the W-th fastest ack — order
// statistics, so the tail grows quickly with the quorum size. For every (R, W) at the parameter N, the
// same trials give the read and write latency at the chosen percentile and the probability that a read
// `readAfterMs` after commit is consistent. For YMMR with N = 3, the paper reports the combined 99.9th
// percentile read + write latency as 16.4 ms at R = W = 1, 43.3 ms at R = 2, W = 1 and 230 ms at R = 3,
// W = 1 (§1, §5.6); set `profileName = "YMMR"` to reproduce them (the sidecar records ours: 16.4, 43.3,
// 231 ms).

// %%
const sweepTrials = Math.min(trials, Math.round(180000 / (N * N)));
const tradeoffRows = sizes.flatMap((r) =>
  sizes.map((w) => {
    const res = pbs.tVisibility({
      n: N, r, w, profile: profileName as pbs.ProfileName, tMs: [0, readAfterMs], trials: sweepTrials, seed: seed, percentiles: [latencyPercentile], targets: [0.999],
    });
    const readMs = res.readLatencyMs[0].ms;
    const writeMs = res.writeLatencyMs[0].ms;
    return { config: `R=${r}, W=${w}`, strong: r + w > N ? "yes" : "no", readMs, writeMs, combinedMs: readMs + writeMs, pAtCommit: res.curve[0].probability, pAfterT: res.curve[1].probability, waitFor999: res.timeToConsistency[0].tMs };
  }),
);
display.show(
  display.table(tradeoffRows, {
    units: { readMs: "ms", writeMs: "ms", combinedMs: "ms", pAtCommit: "percent", pAfterT: "percent", waitFor999: "ms" },
    labels: { readMs: `read p${latencyPercentile}`, writeMs: `write p${latencyPercentile}`, combinedMs: "read + write", pAtCommit: "P at t=0", pAfterT: `P at t=${readAfterMs} ms`, waitFor999: "wait for 99.9%" },
    maxRows: 100,
    caption: `${profileName}, N=${N}, ${sweepTrials} trials per configuration`,
  }),
);

// %%
display.show(
  display.barChart({
    title: `p${latencyPercentile} latency by (R, W) — ${profileName}, N=${N}`,
    categories: tradeoffRows.map((row) => row.config),
    series: [
      { name: `read p${latencyPercentile}`, values: tradeoffRows.map((row) => row.readMs) },
      { name: `write p${latencyPercentile}`, values: tradeoffRows.map((row) => row.writeMs) },
    ],
    unit: "ms",
    valueTitle: "ms",
    stacked: true,
  }),
);

// %% [markdown]
// Reading the chart and table together is the decision: pick the cheapest configuration whose
// consistency at the read delay your application actually has (`readAfterMs`: a user rarely re-reads
// within a millisecond) is good enough, then check its quorum availability in section 4. A partial
// quorum that is 99.9% consistent within a few ms, at a fraction of the strong configuration's tail
// latency, is often the right answer — and it is a number you can now defend, not a slogan.

// %% [markdown]
// ## 7. Explore: N, R, W and the latency profile
// The explorer below recomputes in the page itself, with the library's own code: drag N, R or W, pick a
// profile, and the verdict and the t-visibility curve redraw at once, in Jupyter and in the exported
// page, with no kernel. Each move runs the WARS Monte Carlo at the trial count chosen (at most 10 000,
// so a redraw stays well under 100 ms); the link's `#` part keeps the scenario. R and W above N are
// capped at N.

// %%
display.show(
  display.whatIf({
    title: "Quorum consistency and t-visibility",
    key: "quorums",
    controls: {
      n: { type: "integer", min: 1, max: 9, description: "replicas N" },
      r: { type: "integer", min: 1, max: 9, description: "read quorum R" },
      w: { type: "integer", min: 1, max: 9, description: "write quorum W" },
      profile: { type: "string", allowed: ["LNKD-SSD", "LNKD-DISK", "YMMR", "WAN"], description: "latency profile" },
      trials: { type: "integer", min: 1000, max: 10000, step: 1000, control: "number", description: "PBS trials" },
    },
    values: { n: replicationFactor, r: Math.min(readQuorum, replicationFactor), w: Math.min(writeQuorum, replicationFactor), profile: profileName, trials: 5000 },
    view: (lib, v) => {
      const r = Math.min(v.r, v.n);
      const w = Math.min(v.w, v.n);
      const e = lib.quorum.explainConsistency({ n: v.n, r, w });
      const tMs = Array.from({ length: 31 }, (_, i) => 0.1 * Math.pow(10000, i / 30));
      const run = lib.pbs.tVisibility({ n: v.n, r, w, profile: v.profile as pbs.ProfileName, tMs: [0, ...tMs], trials: v.trials, seed: 1 });
      return [
        lib.display.explain({
          subject: `N=${v.n}, R=${r}, W=${w}`,
          verdict: e.strong ? "strong" : e.readsSeeLatestWrite ? "reads see the latest write; concurrent writes unordered" : "partial quorum: reads can be stale",
          reason: `${e.reason} Right after commit, ${lib.display.formatPercent(run.curve[0].probability)} of reads are consistent (${v.profile}); 99.9% by ${lib.display.formatMs(run.timeToConsistency[2].tMs)}.`,
          tone: e.strong ? "good" : e.readsSeeLatestWrite ? "warn" : "bad",
        }),
        lib.display.lineChart({
          title: `t-visibility, ${v.profile}, N=${v.n}, R=${r}, W=${w} (${v.trials} trials)`,
          x: tMs,
          series: [{ name: "P(consistent read)", y: run.curve.slice(1).map((p) => p.probability) }],
          xTitle: "t after commit (ms, log scale)",
          yTitle: "P(consistent)",
          yUnit: "percent",
          logX: true,
        }),
      ];
    },
  }),
);

// %%
exercises.progress("04");
