/**
 * Exercises of notebook 09 (partitioning and sharding). Expected answers
 * come from the `sharding` and `multiRegion` modules; the placement choice
 * is graded by measuring the learner's placement on generated keys.
 */
import { hotKeyLoad, keyLoad, movement, ringImbalanceByVnodes, type PlacementName } from "../../sharding/analysis";
import { createRangePartitioner } from "../../sharding/range";
import { COURSE_SHARD_COUNT, regionOfShard } from "../../multiRegion/strategies";
import { choiceAnswer, functionAnswer, numberAnswer, ruleAnswer, type Exercise } from "../check";

const SPLIT_POINTS = [100, 200, 300];
const rangeCases = [-5, 0, 99, 100, 150, 200, 299, 300, 1e9].map((key) => ({
  args: [key, SPLIT_POINTS],
  expected: createRangePartitioner({ splitPoints: SPLIT_POINTS }).shardOf(key),
}));
rangeCases.push({ args: [5, []], expected: createRangePartitioner({ splitPoints: [] }).shardOf(5) });

/** Share of the course's 200 shards (hence of users) whose region changes from `before` to `after` regions. */
function regionChangeFraction(before: readonly string[], after: readonly string[]): number {
  let moved = 0;
  for (let shard = 0; shard < COURSE_SHARD_COUNT; shard++) {
    if (regionOfShard(shard, before) !== regionOfShard(shard, after)) moved++;
  }
  return moved / COURSE_SHARD_COUNT;
}

const MAX_MOVED = 0.12;
const MAX_OVER_MEAN = 1.05;
const MAX_VNODES = 1000;
const PLACEMENTS: readonly PlacementName[] = ["modN", "ring", "jump"];

function gradePlacement(answer: unknown): string | undefined {
  if (typeof answer !== "object" || answer === null) return 'give an object such as { placement: "ring", vnodesPerShard: 100 }';
  const choice = answer as { placement?: unknown; vnodesPerShard?: unknown };
  const placement = choice.placement;
  if (typeof placement !== "string" || !(PLACEMENTS as readonly string[]).includes(placement)) {
    return `placement must be one of "modN", "ring", "jump", got ${JSON.stringify(placement)}`;
  }
  const name = placement as PlacementName;
  let vnodes = 100;
  if (name === "ring") {
    if (typeof choice.vnodesPerShard !== "number" || !Number.isInteger(choice.vnodesPerShard) || choice.vnodesPerShard < 1) {
      return "a ring needs vnodesPerShard, a whole number >= 1";
    }
    vnodes = choice.vnodesPerShard;
    if (vnodes > MAX_VNODES) return `${vnodes} virtual nodes per shard breaks the routing-table budget of ${MAX_VNODES} per shard`;
  }
  const moved = movement({ placement: name, from: 10, to: 11, keys: 20_000, vnodesPerShard: vnodes }).movedFraction;
  if (moved > MAX_MOVED) {
    return `${name} moves ${(moved * 100).toFixed(1)}% of the keys going from 10 to 11 shards (limit ${MAX_MOVED * 100}%): mod N remaps a key unless its hash has the same remainder mod 10 and mod 11`;
  }
  const maxOverMean = name === "ring"
    ? ringImbalanceByVnodes({ shards: 10, vnodeCounts: [vnodes] })[0]!.maxOverMean
    : keyLoad({ placement: name, shards: 10, keys: 20_000 }).imbalance.maxOverMean;
  if (maxOverMean > MAX_OVER_MEAN) {
    return `with ${name === "ring" ? `${vnodes} virtual nodes per shard` : name} the busiest of 10 shards holds ${maxOverMean.toFixed(3)}× the mean (limit ${MAX_OVER_MEAN}): a ring's imbalance falls only as 1/√vnodes`;
  }
  return undefined;
}

export const exercises: readonly Exercise[] = [
  {
    id: "09.1",
    title: "fraction of keys hash mod N moves from 8 to 9 shards",
    kind: "compute",
    grade: numberAnswer(movement({ placement: "modN", from: 8, to: 9, keys: 1 }).expectedFraction, {
      relativeTolerance: 0.002,
      mistakes: [
        // 8/72 (the fraction mod N keeps) equals 1/9, so one hint covers both readings.
        { value: 1 / 9, hint: "1/9 (= 8/72) is what a consistent placement (ring, jump) moves, and also the fraction mod N keeps: a key stays only when hash mod 8 = hash mod 9; the question asks how many move" },
        { value: 1 / 8, hint: "1/8 is close to the consistent-hashing answer (1/9); mod N moves far more: 1 − min/lcm" },
        { value: 0.5, hint: "a key stays only when hash mod 8 = hash mod 9, i.e. for 8 of every lcm(8, 9) = 72 hash values" },
      ],
    }),
  },
  {
    id: "09.2",
    title: "virtual nodes per shard for a 2% coefficient of variation",
    kind: "compute",
    grade: numberAnswer(1 / 0.02 ** 2, {
      relativeTolerance: 0.05,
      mistakes: [
        { value: 50, hint: "CV ≈ 1/√v, so v ≈ 1/CV² — you forgot to square" },
        { value: 100, hint: "100 virtual nodes give CV ≈ 1/√100 = 10%; for 2% you need v = 1/0.02²" },
        { value: 25, hint: "v = 1/CV² = 1/0.0004, not 1/(2 × 0.02)" },
      ],
    }),
  },
  {
    id: "09.3",
    title: "a placement that moves little and balances well",
    kind: "choose",
    grade: ruleAnswer(gradePlacement),
  },
  {
    id: "09.4",
    title: "lowest possible max/mean load with one key taking 30% of traffic on 10 shards",
    kind: "compute",
    grade: numberAnswer(
      hotKeyLoad({ placement: "jump", shards: 10, keys: 1000, hotKeyShare: 0.3 }).hottestKeyShare * 10,
      {
        relativeTolerance: 0.002,
        mistakes: [
          { value: 0.3, hint: "0.3 is the hottest shard's share; divide by the fair share 1/10 to get max/mean" },
          { value: 1, hint: "a key lives on one shard, so that shard carries at least 30% of traffic: no placement reaches 1" },
          { value: (0.3 + 0.07) * 10, hint: "3.7 is what one placement gives (the hot key plus an even share of the rest); the lower bound puts nothing else on that shard" },
        ],
      },
    ),
  },
  {
    id: "09.5",
    title: "range partitioning: the shard of a key",
    kind: "implement",
    grade: functionAnswer(rangeCases),
  },
  {
    id: "09.6",
    title: "why splitting ranges does not cure a sequential-key hot spot",
    kind: "explain",
    grade: choiceAnswer("c", {
      a: "the split point is the hot range's median, which is as good as any: the problem is not where the range is cut",
      b: "splits are fast (a metadata change in Bigtable, HBase or CockroachDB); slowness is not why the hot spot stays",
      c: "yes: every new key is larger than every existing key, so after any split all new writes land in the last range again",
      d: "hashing the key does spread writes evenly, but it gives up cheap range scans; the question is why splitting fails",
    }),
  },
  {
    id: "09.7",
    title: "share of users whose region changes when the course's 200 shards go from 2 to 3 regions",
    kind: "compute",
    grade: numberAnswer(regionChangeFraction(["A", "B"], ["A", "B", "C"]), {
      relativeTolerance: 0.002,
      mistakes: [
        { value: 1 / 3, hint: "1/3 is the minimum (the new region's fair share); contiguous blocks 0–66, 67–133, 134–199 also shift shards between A and B" },
        { value: 67 / 200, hint: "67/200 is what an ideal reassignment would move; the contiguous-block layout moves more" },
        { value: 2 / 3, hint: "count the shards whose block changes: 67–99 leave A for B, 134–199 leave B for C" },
        { value: 0.5, hint: "close but not quite: count shards 67–99 (33) and 134–199 (66) out of 200" },
      ],
    }),
  },
];
