// %% [markdown]
// # 01 · Trade-offs
//
// Section 1 of the course in numbers: what each common trade-off says, and which architecture wins for
// our priorities. The course opens with *"You cannot optimize for everything. Every decision is a
// trade-off."* This notebook answers two questions from that section:
//
// 1. **What does each of the course's common trade-offs really say**, when is it true, and where in this
//    workbook is it measured rather than asserted?
// 2. **Which architecture wins for *our* priorities**, and how far would our priorities have to move
//    before the answer changes? A weighted trade-off explorer scores five architectures against five
//    criteria; the weights are the parameters below.

// %% tags=["parameters"]
// What-if parameters: change them and Run All. Weights are relative importances (any scale, >= 0).
const weightLatency: number = 3; // >= 0: low read/write latency
const weightConsistency: number = 2; // >= 0: strength of the consistency guarantee
const weightAvailability: number = 3; // >= 0: staying up through node, zone and network failures
const weightCost: number = 1; // >= 0: cheap to run (a high rating means cheap)
const weightSimplicity: number = 2; // >= 0: simple to build and operate
const sweepCriterion: string = "consistency"; // "latency" | "consistency" | "availability" | "cost" | "simplicity": the weight the sensitivity chart sweeps
const sweepMaxWeight: number = 10; // > 0: top of that sweep
const goal: string = "Durability"; // what you optimise for, a row of the course's table in any case: "Low Latency", "High Availability", "Scalability", "Strong Consistency", "Simplicity", "Flexibility", "Durability" or "Cost"

// %%
import { tradeoffs, display, exercises } from "tradeoff-lab";
display.plotlyInit();

// %%

// %% [markdown]
// ## 1. The course's table of common trade-offs
// The course opens with eight pairs: optimise for the left column and you pay in the right one.
// `tradeoffs.commonTradeoffs()` returns the table verbatim, in the course's order.

// %%
display.show(
  display.table(tradeoffs.commonTradeoffs().map((row) => ({ ...row })), {
    labels: { optimizeFor: "Optimize for", tradeOff: "Trade off" },
    caption: "Common trade-offs (course section 1, verbatim)",
  }),
);

// %% [markdown]
// ### Reading the table as an engineer
// A two-column table makes every trade-off look like a switch. Each row is really a *curve* with a
// mechanism behind it, and several rows are the same mechanism seen from different sides:
//
// | Optimize for | Trade off | The mechanism | Where this workbook measures it |
// |---|---|---|---|
// | Low latency | High cost | Latency falls with replicas near users, caches, and spare capacity (low utilisation); each is paid for. | 05 cost, 07 multi-region |
// | High availability | Consistency | **Only during a network partition**: a replica cut off from the others must answer (possibly stale) or refuse. Without a partition, a system can be available *and* consistent. | 02 CAP and PACELC |
// | Scalability | Complexity | Sharding, rebalancing, cross-shard queries and distributed transactions. | 09 sharding |
// | Strong consistency | Performance | Agreement costs round trips: a majority (quorum) or a leader must answer before you do. This is PACELC's *else* branch — the price of consistency when nothing is broken. | 03 consistency, 04 quorums |
// | Simplicity | Features | Every feature (multi-region writes, tunable consistency) is a new failure mode to understand and operate. | 12 capstone (design review) |
// | Flexibility | Performance | Schemaless or general-purpose paths give up the optimisations a fixed access pattern allows. | — |
// | Durability | Latency | An acknowledged write must reach a disk (fsync) or other replicas first; synchronous replication adds a round trip, asynchronous replication leaves an RPO window. | 07 multi-region, 08 DR |
// | Cost | Everything else | Cost is a budget constraint on all the others, not a criterion like them. | 05 cost |
//
// Two corrections are worth carrying through the workbook:
//
// - **"High availability ↔ consistency" is conditional.** CAP (Brewer 2000; proved by Gilbert & Lynch,
//   SIGACT News 2002) only forces the choice while a partition separates replicas. Abadi's PACELC
//   (IEEE Computer 2012) adds the trade-off that applies the rest of the time: **latency versus
//   consistency**. Most of the time, then, strong consistency costs latency, not availability.
// - **The rows are not independent.** "Strong consistency ↔ performance", "durability ↔ latency" and
//   "low latency ↔ cost" are all priced in the same currency — network round trips — which is why a
//   region's round-trip time (notebooks 03 and 07) settles so many of them.

// %%
display.show(
  display.explain({
    subject: `Optimise for "${goal}"`,
    verdict: `you trade off ${tradeoffs.tradeOffFor(goal)}`,
    reason: "the course's table, looked up with tradeoffs.tradeOffFor (case-insensitive)",
    source: "course text, section 1",
  }),
);

// %% [markdown]
// **Exercise 01.1** — When does the course's row "High Availability ↔ Consistency" actually bind?
//
// - **a** Always: to make a system more available you must weaken its consistency, partition or not.
// - **b** Only while a network partition separates replicas; the rest of the time, strong consistency costs latency instead.
// - **c** Never: a well-designed distributed system is CA.
// - **d** Only for single-node databases.
//
// Answer with the letter, as a string.

// %% [exercise] id="01.1" points=1
// BEGIN SOLUTION
const whenAvailabilityCostsConsistency = "b";
// END SOLUTION
// BEGIN STUB
const whenAvailabilityCostsConsistency: string | undefined = undefined; // "a", "b", "c" or "d"
// END STUB
// BEGIN WRONG
const whenAvailabilityCostsConsistency = "a";
// END WRONG

// %%
exercises.check("01.1", whenAvailabilityCostsConsistency);

// %% [markdown]
// ## 2. A weighted trade-off explorer
// The table says *what* you give up; a design review must decide *how much* of each it will give up.
// The simplest defensible method is **simple additive weighting** (Fishburn, *Operations Research* 1967;
// Triantaphyllou, *Multi-Criteria Decision Making Methods*, 2000, ch. 2):
//
// ```
// score(i) = Σ_j  w_j · s_ij / Σ_k w_k
// ```
//
// where `s_ij` is architecture i's rating on criterion j (higher is better, one common scale) and
// `w_j` is how much criterion j matters to *you*. Normalising the weights to sum to 1 keeps the score
// on the ratings' own scale. Three cautions make the method honest:
//
// - **Ratings are judgements.** The ones below are illustrative (their rationale is in the table and in
//   `data/architectures.md`); replace them with your own measurements — latency from notebook 03/07,
//   availability from 04/07, cost from 05.
// - **Weights mean "how much is a swing from worst to best worth"**, so they only make sense for the
//   rating scale in use.
// - **The additive model assumes criteria trade off linearly and independently.** A hard requirement
//   ("must not oversell") is a *constraint*, not a weight: filter the options first, then score.

// %%
// danfo (pandas for JavaScript) reads the CSV into a DataFrame; it loads here, on first use (about a second).
import * as dfd from "danfojs-node";
const architectures = await dfd.readCSV("../data/architectures.csv");
display.show(
  display.table(architectures, {
    caption: "Five architectures rated 1–10 on each criterion (higher is better; data/architectures.csv)",
    maxRows: 10,
  }),
);

// %%
const criteriaNames = ["latency", "consistency", "availability", "cost", "simplicity"];
const weights: Record<string, number> = {
  latency: weightLatency,
  consistency: weightConsistency,
  availability: weightAvailability,
  cost: weightCost,
  simplicity: weightSimplicity,
};
const options = (dfd.toJSON(architectures) as Record<string, string | number>[]).map((row) => ({
  name: String(row.architecture),
  scores: Object.fromEntries(criteriaNames.map((c) => [c, Number(row[c])])),
}));
const decision = { criteria: criteriaNames.map((name) => ({ name, weight: weights[name] })), options };
const card = tradeoffs.score(decision);
display.show(
  display.table(
    card.ranking.map((r) => ({ rank: r.rank, architecture: r.name, score: r.score, ...r.contributions })),
    { caption: "Ranking for your weights: score and each criterion's contribution (they sum to the score)" },
  ),
  display.explain({
    subject: "Your weights",
    verdict: `${card.ranking[0].name} ranks first`,
    reason: `score ${card.ranking[0].score.toFixed(2)} against ${card.ranking[1].score.toFixed(2)} for ${card.ranking[1].name}`,
    tone: "good",
    details: criteriaNames.map((c) => `${c}: ${display.formatPercent(card.weights[c], 0)} of the weight`),
    source: "simple additive weighting (Fishburn 1967; Triantaphyllou 2000)",
  }),
);

// %% [markdown]
// The stacked bars show *why* the winner wins: each segment is one criterion's contribution,
// normalised weight × rating. A tall segment on a heavily weighted criterion is the argument to write
// in the design doc; a winner carried by one criterion is fragile.

// %%
display.show(
  display.barChart({
    title: "Where each architecture's score comes from",
    categories: card.ranking.map((r) => r.name),
    series: criteriaNames.map((c) => ({ name: c, values: card.ranking.map((r) => r.contributions[c]) })),
    stacked: true,
    orientation: "horizontal",
    valueTitle: "weighted score (1–10)",
  }),
);

// %% [markdown]
// ## 3. How robust is the winner?
// Weights are the softest numbers in the analysis, so ask how far each one must move before the winner
// changes. `tradeoffs.weightSensitivity` does this one weight at a time, the others held fixed. Because each
// score is linear in a single weight w_k (before normalisation, which does not change the order), the
// flip point is exact: the winner a and a challenger b tie where
//
// ```
// w_k* = (Rest_a − Rest_b) / (s_bk − s_ak),   Rest_i = Σ_{j≠k} w_j · s_ij
// ```
//
// A flip that needs the weight to double is a comfortable decision; a flip 10% away means the team's
// disagreement about priorities *is* the decision, and deserves a conversation, not a spreadsheet.

// %%
const robustness = tradeoffs.weightSensitivity(decision);
display.show(
  display.table(
    robustness.map((s) => ({
      criterion: s.criterion,
      weight: s.weight,
      share: s.share,
      "flips if raised to": s.increase ? s.increase.atWeight : null,
      "new winner (raised)": s.increase ? s.increase.newTop : "none",
      "flips if lowered to": s.decrease ? s.decrease.atWeight : null,
      "new winner (lowered)": s.decrease ? s.decrease.newTop : "none",
    })),
    { units: { share: "percent" }, caption: `One-at-a-time weight sensitivity (winner: ${robustness[0].top})` },
  ),
);

// %%
const sweepWeights = Array.from({ length: 41 }, (_, i) => (sweepMaxWeight * i) / 40);
const sweptScores = sweepWeights.map(
  (w) => tradeoffs.score({ ...decision, criteria: decision.criteria.map((c) => (c.name === sweepCriterion ? { ...c, weight: w } : c)) }).ranking,
);
display.show(
  display.lineChart({
    title: `Scores as the ${sweepCriterion} weight sweeps 0 → ${sweepMaxWeight} (others fixed; yours is ${weights[sweepCriterion]})`,
    x: sweepWeights,
    series: options.map((o) => ({ name: o.name, y: sweptScores.map((ranking) => ranking.find((r) => r.name === o.name)?.score ?? null) })),
    xTitle: `${sweepCriterion} weight`,
    yTitle: "weighted score",
    markers: false,
  }),
);

// %% [markdown]
// Where two lines cross, the winner changes. Reading the chart at the default weights: as consistency
// matters more, the strongly consistent options (Spanner, PostgreSQL on its primary) climb, and the
// eventually consistent ones fall — the course's "strong consistency ↔ performance" row made visible.
//
// **What to take away:** write the weights down *before* rating the options, show the contribution
// chart, and report the flip points. A recommendation that survives plausible changes of weight is
// robust; one that does not is a choice of priorities the team has to make explicitly.

// %% [markdown]
// ## Exercises
// Exercises 01.2 and 01.4 use this small decision (not the parameters above):
//
// | option | latency (weight 2) | consistency (weight 3) | cost (weight 1) |
// |---|---|---|---|
// | Cassandra ONE | 9 | 3 | 8 |
// | Spanner | 4 | 10 | 3 |
//
// **Exercise 01.2** — What is Spanner's weighted score (normalised weights, on the 1–10 scale)?

// %% [exercise] id="01.2" points=2
// BEGIN SOLUTION
const spannerScore = (2 * 4 + 3 * 10 + 1 * 3) / (2 + 3 + 1);
// END SOLUTION
// BEGIN STUB
const spannerScore: number | undefined = undefined; // replace undefined with your answer
// END STUB
// BEGIN WRONG
const spannerScore = 2 * 4 + 3 * 10 + 1 * 3;
// END WRONG

// %%
exercises.check("01.2", spannerScore);

// %% [markdown]
// **Exercise 01.3** — Implement the weighted score: `weightedScore(weights, scores)` takes two arrays of
// the same length and returns Σ wᵢ·sᵢ / Σ wᵢ. (Weights are >= 0 with a positive sum.)

// %% [exercise] id="01.3" points=3
// BEGIN SOLUTION
const weightedScore = (weights: number[], scores: number[]): number =>
  weights.reduce((sum, w, i) => sum + w * scores[i], 0) / weights.reduce((sum, w) => sum + w, 0);
// END SOLUTION
// BEGIN STUB
const weightedScore: ((weights: number[], scores: number[]) => number) | undefined = undefined; // replace undefined with your function
// END STUB
// BEGIN WRONG
const weightedScore = (weights: number[], scores: number[]): number => weights.reduce((sum, w, i) => sum + w * scores[i], 0);
// END WRONG

// %%
exercises.check("01.3", weightedScore);

// %% [markdown]
// **Exercise 01.4** — In the small decision, Spanner wins. Holding the consistency weight at 3 and the
// cost weight at 1, to what **latency weight** must the team raise latency (from 2) before Cassandra ONE
// ties with Spanner? (You may solve it by hand or read it from `tradeoffs.weightSensitivity`.)

// %% [exercise] id="01.4" points=2
// BEGIN SOLUTION
const latencyWeightAtTie = (3 * 10 + 1 * 3 - (3 * 3 + 1 * 8)) / (9 - 4);
// END SOLUTION
// BEGIN STUB
const latencyWeightAtTie: number | undefined = undefined; // replace undefined with your answer
// END STUB
// BEGIN WRONG
const latencyWeightAtTie = (3 * 10 + 1 * 3 - (3 * 3 + 1 * 8)) / (9 - 4) - 2;
// END WRONG

// %%
exercises.check("01.4", latencyWeightAtTie);

// %% [markdown]
// **Exercise 01.5** — Choose under constraints. A three-person team argues for the simplest option.
// Using the five architectures of `data/architectures.csv` (the ratings, not your parameters), find
// weights — each in [0, 10] — under which **PostgreSQL primary + async replicas ranks first (no tie)**
// while **availability keeps at least 20% of the total weight**. Answer an object
// `{ latency, consistency, availability, cost, simplicity }`. Try them in the explorer above first.

// %% [exercise] id="01.5" points=2
// BEGIN SOLUTION
const postgresWeights = { latency: 0, consistency: 5, availability: 7, cost: 10, simplicity: 10 };
// END SOLUTION
// BEGIN STUB
const postgresWeights: Record<string, number> | undefined = undefined; // e.g. { latency: 1, consistency: 1, availability: 1, cost: 1, simplicity: 1 }
// END STUB
// BEGIN WRONG
const postgresWeights = { latency: 0, consistency: 5, availability: 2, cost: 10, simplicity: 10 };
// END WRONG

// %%
exercises.check("01.5", postgresWeights);

// %% [markdown]
// ## Explore: the weights
// Drag the weights: the ranking and each criterion's share of the score recompute in the page (in
// Jupyter and in the exported HTML, with no kernel), with `tradeoffs.score` on the ratings of
// `data/architectures.csv`. The link's `#` part keeps your weights, so a review can share them.

// %%
display.show(
  display.whatIf({
    title: "Weighted ranking of the five architectures",
    key: "weights",
    controls: {
      latency: { type: "number", min: 0, max: 10, step: 0.5, description: "weight: latency" },
      consistency: { type: "number", min: 0, max: 10, step: 0.5, description: "weight: consistency" },
      availability: { type: "number", min: 0, max: 10, step: 0.5, description: "weight: availability" },
      cost: { type: "number", min: 0, max: 10, step: 0.5, description: "weight: cost" },
      simplicity: { type: "number", min: 0, max: 10, step: 0.5, description: "weight: simplicity" },
    },
    values: { latency: weightLatency, consistency: weightConsistency, availability: weightAvailability, cost: weightCost, simplicity: weightSimplicity },
    view: (lib, v) => {
      // The ratings of data/architectures.csv (the view may read only the library and the controls).
      const ratings: [string, number, number, number, number, number][] = [
        ["Cassandra (ONE/ONE)", 9, 3, 9, 7, 4],
        ["Cassandra (QUORUM/QUORUM)", 7, 7, 7, 7, 4],
        ["PostgreSQL primary + async replicas", 7, 8, 5, 8, 9],
        ["Spanner (multi-region)", 4, 10, 9, 3, 7],
        ["DynamoDB global tables (MREC)", 9, 3, 9, 5, 8],
      ];
      const names = ["latency", "consistency", "availability", "cost", "simplicity"] as const;
      const weights = [v.latency, v.consistency, v.availability, v.cost, v.simplicity];
      if (weights.every((w) => w === 0)) return lib.display.explain({ subject: "All weights are 0", verdict: "nothing to rank", tone: "warn" });
      const card = lib.tradeoffs.score({
        criteria: names.map((name, i) => ({ name, weight: weights[i] })),
        options: ratings.map(([name, ...scores]) => ({ name, scores: Object.fromEntries(names.map((c, i) => [c, scores[i]])) })),
      });
      return [
        lib.display.explain({
          subject: "Your weights",
          verdict: `${card.ranking[0].name} ranks first`,
          reason: `score ${card.ranking[0].score.toFixed(2)} against ${card.ranking[1].score.toFixed(2)} for ${card.ranking[1].name}`,
          tone: "good",
          source: "simple additive weighting (Fishburn 1967; Triantaphyllou 2000)",
        }),
        lib.display.barChart({
          title: "Where each architecture's score comes from",
          categories: card.ranking.map((r) => r.name),
          series: names.map((c) => ({ name: c, values: card.ranking.map((r) => r.contributions[c]) })),
          stacked: true,
          orientation: "horizontal",
          valueTitle: "weighted score (1–10)",
        }),
      ];
    },
  }),
);

// %%
exercises.progress("01");
