// %% [markdown]
// # 09 · Partitioning and sharding
// Where does a key live, and what happens to that answer when the cluster grows, when a few keys are
// hot, or when keys arrive in order? This notebook covers the course's learning outcome "handle data
// partitioning and sharding strategies" with measurements on generated keys: hash mod N, a consistent-hash
// ring with virtual nodes and jump consistent hash; load balance and hot keys; range partitioning and the
// sequential-key hot spot; and the course's own `user_id % 200` mapping from its multi-region section.
//
// **Sources:** Karger et al., STOC 1997 (consistent hashing); DeCandia et al., "Dynamo", SOSP 2007 §4.2
// and §6.2 (virtual nodes and the imbalance they leave); Lamping & Veach, "A Fast, Minimal Memory,
// Consistent Hash Algorithm", 2014 (jump hash); Chang et al., "Bigtable", OSDI 2006 (range-partitioned
// tablets). Every key is hashed with one fixed 64-bit hash (`sharding.hashKey`: FNV-1a finished with
// MurmurHash3's fmix64), so every number here is reproducible.

// %% tags=["parameters"]
// What-if parameters: change them and Run All.
const keyCount: number = 30000; // integer in [1000, 200000]: generated keys "key-0", "key-1", …
const maxShards: number = 16; // integer in [2, 64]: sweep growth n → n+1 for n = 1 … maxShards
const shardCount: number = 10; // integer in [2, 100]: shards for the balance and hot-key sections
const vnodesPerShard: number = 100; // integer in [1, 2000]: ring, virtual nodes (points) per shard
const vnodeSweep: number[] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]; // integer, each in [1, 2000], length >= 1: virtual-node counts to compare
const sweepShards: number = 100; // integer in [2, 1000]: shards in the virtual-node sweep (more shards, smoother curve)
const hotKeyShare: number = 0.2; // ratio in [0, 1]: share of all requests that go to the single hottest key
const zipfExponent: number = 1.0; // in [0, 5]: skew s of a Zipf workload (rank r gets ∝ 1/r^s)
const rangeShards: number = 8; // integer in [2, 64]: ranges the existing ids are pre-split into
const existingKeys: number = 100000; // integer in [rangeShards, 1000000]: ids 0 … existingKeys−1 already stored
const newWrites: number = 20000; // integer in [1, 200000]: new sequential ids written after them
const regions: string[] = ["us-east-1", "eu-west-1"]; // length >= 1: the course's regions, in shard-block order
const addedRegion: string = "ap-south-1"; // the region added in section 6

// %%
import { sharding, multiRegion, display, exercises } from "tradeoff-lab";
display.plotlyInit();

// %% [markdown]
// ## 1. Three ways to place a key
// - **Hash mod N:** `shard = hash(key) mod N`. Even and stateless — but the answer depends on N.
// - **Consistent-hash ring:** every shard puts `v` points ("virtual nodes") on a circle; a key belongs
//   to the first point clockwise from its hash. Adding a shard adds points, which take over only the arcs
//   just before them (Karger 1997; Dynamo, Cassandra, Riak).
// - **Jump consistent hash:** a few lines of arithmetic map a 64-bit hash to a bucket in [0, N) such that
//   going to N + 1 moves a key only *into* the new bucket, and each bucket gets 1/N of the keys. No table,
//   no memory — but buckets must be numbered 0 … N−1, so you can add or remove only the *last* one
//   (Lamping & Veach 2014).

// %%
const demoRing = sharding.createRing({ shards: shardCount, vnodesPerShard: vnodesPerShard });
const grownRing = sharding.createRing({ shards: shardCount + 1, vnodesPerShard: vnodesPerShard });
display.show(
  display.table(
    ["user:1", "user:2", "user:3", "user:42", "order:2025-06-01", "sensor/7/temp"].map((key) => ({
      key: key,
      modN: sharding.modN(key, shardCount),
      modNGrown: sharding.modN(key, shardCount + 1),
      ring: demoRing.shardOf(key),
      ringGrown: grownRing.shardOf(key),
      jump: sharding.jump(key, shardCount),
      jumpGrown: sharding.jump(key, shardCount + 1),
    })),
    {
      labels: {
        modN: `mod ${shardCount}`, modNGrown: `mod ${shardCount + 1}`,
        ring: `ring ${shardCount}`, ringGrown: `ring ${shardCount + 1}`,
        jump: `jump ${shardCount}`, jumpGrown: `jump ${shardCount + 1}`,
      },
      caption: `Shard of a few keys with ${shardCount} and ${shardCount + 1} shards (ring: ${vnodesPerShard} virtual nodes per shard)`,
    },
  ),
);

// %% [markdown]
// ## 2. What moves when you add a shard
// Going from n to n + 1 shards, a consistent placement must move at least 1/(n + 1) of the keys (the new
// shard's fair share) and should move nothing else. Mod N keeps a key only when its hash has the same
// remainder modulo n and n + 1, which happens for n of every n(n + 1) hash values, so it moves
//
// $$\text{moved}_{\bmod N} = 1 - \frac{\min(n, m)}{\operatorname{lcm}(n, m)} = \frac{n}{n+1}\ \text{ for } m = n + 1$$
//
// — 91% of the data crosses the network to go from 10 to 11 shards. Measured on `keyCount` keys:

// %%
const growFrom = Array.from({ length: maxShards }, (_, i) => i + 1);
const placements: sharding.PlacementName[] = ["modN", "ring", "jump"];
const movedByPlacement = placements.map((placement) =>
  growFrom.map((n) => sharding.movement({ placement: placement, from: n, to: n + 1, keys: keyCount, vnodesPerShard: vnodesPerShard }).movedFraction),
);
display.show(
  display.lineChart({
    title: `Keys moved growing from n to n + 1 shards (${keyCount.toLocaleString("en-US")} keys)`,
    x: growFrom,
    series: [
      { name: "hash mod N (measured)", y: movedByPlacement[0] },
      { name: `ring, ${vnodesPerShard} vnodes (measured)`, y: movedByPlacement[1] },
      { name: "jump hash (measured)", y: movedByPlacement[2] },
      { name: "n/(n+1): mod N in theory", y: growFrom.map((n) => n / (n + 1)), dash: "dot" },
      { name: "1/(n+1): the minimum", y: growFrom.map((n) => 1 / (n + 1)), dash: "dash" },
    ],
    xTitle: "shards before (n)",
    yTitle: "keys moved",
    yUnit: "percent",
  }),
);

// %%
display.show(
  display.table(
    placements.map((placement) => ({ ...sharding.movement({ placement: placement, from: shardCount, to: shardCount + 1, keys: keyCount, vnodesPerShard: vnodesPerShard }) })),
    {
      columns: ["placement", "from", "to", "movedKeys", "movedFraction", "expectedFraction", "onlyNecessaryMoves"],
      units: { movedKeys: "count", movedFraction: "percent", expectedFraction: "percent" },
      labels: { onlyNecessaryMoves: "every move goes to the new shard" },
    },
  ),
);

// %% [exercise] id="09.1" points=2
// **Exercise 09.1** — with hash mod N, what **fraction** of uniformly hashed keys moves when a cluster
// grows from **8 to 9** shards? (Exact, not measured.)
// BEGIN SOLUTION
const movedModN8to9 = 1 - 8 / (8 * 9);
// END SOLUTION
// BEGIN STUB
const movedModN8to9: number | undefined = undefined; // replace undefined with your answer
// END STUB
// BEGIN WRONG
const movedModN8to9 = 1 / 9;
// END WRONG

// %%
exercises.check("09.1", movedModN8to9);

// %% [markdown]
// ## 3. How evenly are keys spread?
// Mod N and jump hash give each shard an equal share of the hash space, so their imbalance is only the
// sampling noise of the keys. A ring gives each shard the arcs in front of its points, and arcs between
// random points are very uneven: with one point per shard the largest arc is several times the mean.
// Each shard's share is a sum of *v* random arcs, so its relative standard deviation falls roughly as
// **1/√v** — which is why Dynamo moved to many virtual nodes, and later to equal-sized partitions
// (Dynamo §6.2, strategy 3).

// %%
const loads = placements.map((placement) => sharding.keyLoad({ placement: placement, shards: shardCount, keys: keyCount, vnodesPerShard: vnodesPerShard }));
display.show(
  display.barChart({
    title: `Keys per shard, ${shardCount} shards`,
    categories: Array.from({ length: shardCount }, (_, s) => `shard ${s}`),
    series: placements.map((placement, i) => ({ name: placement === "ring" ? `ring (${vnodesPerShard} vnodes)` : placement, values: loads[i].loads })),
    unit: "count",
    valueTitle: "keys",
  }),
  display.table(
    placements.map((placement, i) => ({ placement: placement, ...loads[i].imbalance })),
    { columns: ["placement", "min", "max", "maxOverMean", "coefficientOfVariation"], units: { min: "count", max: "count", coefficientOfVariation: "percent" } },
  ),
);

// %%
const vnodeRows = sharding.ringImbalanceByVnodes({ shards: sweepShards, vnodeCounts: vnodeSweep });
display.show(
  display.lineChart({
    title: `Ring imbalance against virtual nodes per shard (${sweepShards} shards, exact arc ownership)`,
    x: vnodeRows.map((r) => r.vnodesPerShard),
    series: [
      { name: "coefficient of variation of shard shares", y: vnodeRows.map((r) => r.coefficientOfVariation) },
      { name: "max/mean − 1", y: vnodeRows.map((r) => r.maxOverMean - 1) },
      { name: "1/√v", y: vnodeRows.map((r) => 1 / Math.sqrt(r.vnodesPerShard)), dash: "dash" },
    ],
    xTitle: "virtual nodes per shard (v)",
    yTitle: "relative imbalance",
    logX: true,
    logY: true,
  }),
);

// %% [markdown]
// The lines run parallel to 1/√v: each 4× more virtual nodes halves the imbalance, and the routing table
// grows 4×. To halve the hottest shard's excess you pay four times the memory and gossip.

// %% [exercise] id="09.2" points=2
// **Exercise 09.2** — using CV ≈ 1/√v, about how many virtual nodes per shard does a ring need for a
// **2%** coefficient of variation of shard load?
// BEGIN SOLUTION
const vnodesFor2pct = 1 / 0.02 ** 2;
// END SOLUTION
// BEGIN STUB
const vnodesFor2pct: number | undefined = undefined; // replace undefined with your answer
// END STUB
// BEGIN WRONG
const vnodesFor2pct = 1 / 0.02;
// END WRONG

// %%
exercises.check("09.2", vnodesFor2pct);

// %% [exercise] id="09.3" points=2
// **Exercise 09.3** — choose a placement, `{ placement: "modN" | "ring" | "jump", vnodesPerShard?: number }`,
// for a store that will grow from 10 to 11 shards, such that:
// - growing moves at most **12%** of the keys (measured on 20,000 keys);
// - with 10 shards the busiest shard holds at most **1.05×** the mean;
// - a ring may use at most **1,000** virtual nodes per shard.
// BEGIN SOLUTION
const myPlacement = { placement: "jump" };
// END SOLUTION
// BEGIN STUB
const myPlacement: { placement: string; vnodesPerShard?: number } | undefined = undefined;
// END STUB
// BEGIN WRONG
const myPlacement = { placement: "ring", vnodesPerShard: 100 };
// END WRONG

// %%
exercises.check("09.3", myPlacement);

// %% [markdown]
// ## 4. Hot keys: what no placement can fix
// Balance by *key count* is not balance by *load*. A key lives on one shard, so if one key takes a share
// *h* of the traffic, the busiest shard carries at least *h*, and max/mean is at least *h* × N whatever
// the hash. With Zipf-distributed popularity (rank r gets ∝ 1/r^s) the top few keys dominate in the same
// way. The fixes are above the placement: split the hot key (append a salt and fan reads in), cache it,
// or serve it from replicas.

// %%
const hot = sharding.hotKeyLoad({ placement: "jump", shards: shardCount, keys: keyCount, hotKeyShare: hotKeyShare });
const zipf = sharding.hotKeyLoad({ placement: "jump", shards: shardCount, keys: keyCount, zipfExponent: zipfExponent });
display.show(
  display.barChart({
    title: `Share of requests per shard (jump hash, ${shardCount} shards)`,
    categories: Array.from({ length: shardCount }, (_, s) => `shard ${s}`),
    series: [
      { name: `one key with ${display.formatPercent(hotKeyShare, 0)} of traffic`, values: hot.shardShares },
      { name: `Zipf s = ${zipfExponent}`, values: zipf.shardShares },
    ],
    unit: "percent",
    valueTitle: "share of requests",
  }),
  display.table(
    [
      { workload: `hot key ${display.formatPercent(hotKeyShare, 0)}`, hottestKeyShare: hot.hottestKeyShare, hottestShardShare: hot.hottestShardShare, maxOverMean: hot.maxOverMean, lowerBound: Math.max(1, hot.hottestKeyShare * shardCount) },
      { workload: `Zipf s = ${zipfExponent}`, hottestKeyShare: zipf.hottestKeyShare, hottestShardShare: zipf.hottestShardShare, maxOverMean: zipf.maxOverMean, lowerBound: Math.max(1, zipf.hottestKeyShare * shardCount) },
    ],
    { units: { hottestKeyShare: "percent", hottestShardShare: "percent" }, labels: { lowerBound: "max/mean, best possible" } },
  ),
);

// %% [exercise] id="09.4" points=2
// **Exercise 09.4** — one key receives **30%** of all requests; the rest are spread over many keys. On
// **10** shards, what is the **smallest** max/mean load that any placement could achieve?
// BEGIN SOLUTION
const bestMaxOverMean = 0.3 * 10;
// END SOLUTION
// BEGIN STUB
const bestMaxOverMean: number | undefined = undefined; // replace undefined with your answer
// END STUB
// BEGIN WRONG
const bestMaxOverMean = 0.3;
// END WRONG

// %%
exercises.check("09.4", bestMaxOverMean);

// %% [markdown]
// ## 5. Range partitioning and the sequential-key hot spot
// Range partitioning (Bigtable tablets, HBase regions, CockroachDB ranges) keeps keys **sorted**: range
// *i* holds the keys in [split[i−1], split[i]). Range scans touch one or a few shards, and split points
// can follow the data (quantiles of a sample). The price is on ordered writes: with a timestamp or an
// auto-increment id as the key, every new key is larger than every existing one, so **all** writes go to
// the last range — and splitting it does not help, because the newest half is again the only one written.

// %%
const sampleIds = Array.from({ length: 1000 }, (_, i) => Math.round(1000 * (i / 1000) ** 2));
const splits = sharding.quantileSplitPoints({ keys: sampleIds, shards: 4 });
const ranges = sharding.createRangePartitioner({ splitPoints: splits as number[] });
display.show(
  display.explain({
    subject: "quantile split points for a skewed sample of 1,000 ids (i²/1000)",
    verdict: `splits at ${splits.join(", ")}`,
    reason: "each of the 4 ranges holds a quarter of the sample, though the ranges differ in width",
    details: [0, 62, 250, 999].map((id) => `id ${id} → range ${ranges.shardOf(id)}`),
  }),
);

// %% [exercise] id="09.5" points=3
// **Exercise 09.5** — implement the lookup of a range partitioner: given sorted, distinct `splitPoints`,
// return the shard of `key`, i.e. the number of split points **≤ key** (range i holds
// [split[i−1], split[i]); a key equal to a split point starts the next range).
// BEGIN SOLUTION
const rangeShardOf = (key: number, splitPoints: number[]): number => {
  let lo = 0;
  let hi = splitPoints.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (splitPoints[mid] <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};
// END SOLUTION
// BEGIN STUB
const rangeShardOf: ((key: number, splitPoints: number[]) => number) | undefined = undefined;
// END STUB
// BEGIN WRONG
const rangeShardOf = (key: number, splitPoints: number[]): number => splitPoints.filter((p) => p < key).length;
// END WRONG

// %%
exercises.check("09.5", rangeShardOf);

// %%
const hotspot = sharding.sequentialHotspot({ shards: rangeShards, existingKeys: existingKeys, newWrites: newWrites });
display.show(
  display.barChart({
    title: `${newWrites.toLocaleString("en-US")} sequential writes after ${existingKeys.toLocaleString("en-US")} existing ids`,
    categories: Array.from({ length: rangeShards }, (_, s) => `shard ${s}`),
    series: [
      { name: "range-partitioned id", values: hotspot.staticRanges.writesPerShard },
      { name: "hashed id", values: hotspot.hashed.writesPerShard },
    ],
    unit: "count",
    valueTitle: "writes",
  }),
  display.explain({
    subject: `auto-splitting the hot range ${hotspot.autoSplit.splits} times`,
    verdict: `${hotspot.autoSplit.shards} ranges, and the hottest still took ${display.formatPercent(hotspot.autoSplit.hottestShareOfLastBatch, 0)} of the last batch`,
    reason: "each split leaves the newest ids together in the last range",
    tone: "bad",
    details: [`hashing the id: hottest shard ${display.formatPercent(hotspot.hashed.hottestShare, 1)} of writes (fair share ${display.formatPercent(1 / rangeShards, 1)}), but range scans now touch every shard`],
  }),
);

// %% [exercise] id="09.6" points=1
// **Exercise 09.6** — a table keyed by an auto-increment id is range-partitioned, and the database splits
// the hottest range automatically. Why does the write hot spot persist? Answer `"a"`, `"b"`, `"c"` or `"d"`.
// - a: the split point (the range's median) is badly chosen
// - b: splitting a range is too slow to keep up with the writes
// - c: every new id is larger than all existing ids, so after any split the writes all land in the last range again
// - d: range partitioning cannot balance writes; hashing the key is always better
// BEGIN SOLUTION
const hotspotReason = "c";
// END SOLUTION
// BEGIN STUB
const hotspotReason: string | undefined = undefined;
// END STUB
// BEGIN WRONG
const hotspotReason = "a";
// END WRONG

// %%
exercises.check("09.6", hotspotReason);

// %% [markdown]
// ## 6. The course's `user_id % 200` mapping
// The course's "active-active with sharding" routes `user_id % 200 → shard`, shards 0–99 → region A and
// 100–199 → region B. Two things make this better than it looks: the shard count (200) is fixed and far
// larger than the number of regions, so shards are the unit of movement (as Redis Cluster's 16,384 hash
// slots and Couchbase's 1,024 vBuckets are); and since region ≠ modulus, adding a region never changes
// `user_id % 200`. What it does change depends on how shards are reassigned. Note also that `user_id % 200`
// is not a hash: sequential ids spread evenly, but ids with structure (all even, say) would not.

// %%
const grownRegions = [...regions, addedRegion];
const shardIds = Array.from({ length: multiRegion.COURSE_SHARD_COUNT }, (_, s) => s);
const regionRows = grownRegions.map((region) => ({
  region: region,
  shardsBefore: shardIds.filter((s) => regions.includes(region) && multiRegion.regionOfShard(s, regions) === region).length,
  shardsAfter: shardIds.filter((s) => multiRegion.regionOfShard(s, grownRegions) === region).length,
  blockAfter: (() => {
    const own = shardIds.filter((s) => multiRegion.regionOfShard(s, grownRegions) === region);
    return `${own[0]}–${own[own.length - 1]}`;
  })(),
}));
display.show(display.table(regionRows, { caption: `Contiguous shard blocks with ${regions.length} and ${grownRegions.length} regions` }));

// %% [markdown]
// Re-cutting contiguous blocks moves far more than necessary; the new region only needs its fair share
// of shards, taken a few from each existing region. And changing the **modulus** instead is the mod-N
// problem again: `% 201` moves almost every user, while doubling to `% 400` splits every shard in two
// and moves exactly half — the minimum for doubling.

// %%
const blockMoved = shardIds.filter((s) => multiRegion.regionOfShard(s, regions) !== multiRegion.regionOfShard(s, grownRegions)).length / shardIds.length;
const minimalMoved = Math.floor(multiRegion.COURSE_SHARD_COUNT / grownRegions.length) / multiRegion.COURSE_SHARD_COUNT;
const userIds = Array.from({ length: 200 * 201 * 2 }, (_, u) => u);
const movedTo = (modulus: number): number => userIds.filter((u) => u % 200 !== u % modulus).length / userIds.length;
const mappingChanges = [
  { change: `add ${addedRegion}: re-cut contiguous blocks`, moved: blockMoved },
  { change: `add ${addedRegion}: move only its fair share of shards`, moved: minimalMoved },
  { change: "change the modulus to % 201", moved: movedTo(201) },
  { change: "change the modulus to % 400 (split every shard)", moved: movedTo(400) },
];
display.show(
  display.barChart({
    title: "Users whose shard or region changes",
    categories: mappingChanges.map((o) => o.change),
    series: [{ name: "users moved", values: mappingChanges.map((o) => o.moved) }],
    unit: "percent",
    orientation: "horizontal",
  }),
);

// %% [exercise] id="09.7" points=2
// **Exercise 09.7** — with the course's mapping and contiguous blocks (`multiRegion.regionOfShard`), what
// **fraction** of users changes home region when two regions become three?
// BEGIN SOLUTION
const ids200 = Array.from({ length: 200 }, (_, s) => s);
const regionChange = ids200.filter((s) => multiRegion.regionOfShard(s, ["A", "B"]) !== multiRegion.regionOfShard(s, ["A", "B", "C"])).length / 200;
// END SOLUTION
// BEGIN STUB
const regionChange: number | undefined = undefined; // replace undefined with your answer
// END STUB
// BEGIN WRONG
const regionChange = 1 / 3;
// END WRONG

// %%
exercises.check("09.7", regionChange);

// %% [markdown]
// ## What to take away
// - Never shard by `hash mod N` if N will change: it moves n/(n+1) of the data. Use a ring, jump hash, or a
//   fixed, large number of logical shards (like the course's 200) mapped to machines or regions.
// - A ring needs many virtual nodes to balance (imbalance ∝ 1/√v); jump hash balances with no memory but
//   only grows or shrinks at the end.
// - Balance by key count is not balance by load: a hot key bounds max/mean at its share × N.
// - Range partitioning buys cheap range scans and pays with hot spots on sequential keys; hash or prefix
//   the key when writes are ordered.

// %% [markdown]
// ## Explore: shards and virtual nodes
// Change the shard count and the ring's virtual nodes: the keys each placement moves when one shard is
// added, and how unevenly the keys spread, recompute in the page on 10,000 keys.

// %%
display.show(
  display.whatIf({
    title: "Growing by one shard: movement and imbalance",
    key: "shards",
    controls: {
      shards: { type: "integer", min: 2, max: 64, description: "shards" },
      vnodes: { type: "select", allowed: [1, 4, 16, 64, 256, 1024], description: "ring virtual nodes per shard" },
    },
    values: { shards: Math.min(64, shardCount), vnodes: [1, 4, 16, 64, 256, 1024].includes(vnodesPerShard) ? vnodesPerShard : 64 },
    view: (lib, v) => {
      const placements: sharding.PlacementName[] = ["modN", "ring", "jump"];
      const vnodes = Number(v.vnodes);
      const moved = placements.map((placement) => lib.sharding.movement({ placement, from: v.shards, to: v.shards + 1, keys: 10000, vnodesPerShard: vnodes }));
      const loads = placements.map((placement) => lib.sharding.keyLoad({ placement, shards: v.shards, keys: 10000, vnodesPerShard: vnodes }).imbalance);
      return [
        lib.display.barChart({
          title: `${v.shards} → ${v.shards + 1} shards: keys moved (ideal ${lib.display.formatPercent(1 / (v.shards + 1))})`,
          categories: placements.map((p) => (p === "ring" ? `ring, ${vnodes} vnodes` : p)),
          series: [{ name: "keys moved", values: moved.map((m) => m.movedFraction) }],
          unit: "percent",
        }),
        lib.display.table(
          placements.map((placement, i) => ({ placement, moved: moved[i].movedFraction, maxOverMean: loads[i].maxOverMean, spread: loads[i].coefficientOfVariation })),
          { units: { moved: "percent", spread: "percent" }, labels: { maxOverMean: "largest shard ÷ mean", spread: "coefficient of variation" } },
        ),
      ];
    },
  }),
);

// %%
exercises.progress("09");
