/**
 * Trade-off analysis (course section 1): the course's table of common
 * trade-offs, and a weighted-sum explorer that scores architectures against
 * weighted criteria, shows each criterion's contribution, and measures how
 * far a weight must move before the winner changes.
 *
 * The scoring is the simple additive weighting of multi-criteria decision
 * analysis (Fishburn, "Additive Utilities with Incomplete Product Sets",
 * Operations Research 1967; Triantaphyllou, "Multi-Criteria Decision Making
 * Methods", 2000, ch. 2): weights are normalised to sum to 1 and an option's
 * score is Σ weight × criterion score. Scores are "higher is better"; put
 * costs in as negatives or as a rating where higher means cheaper.
 */
import { array, finite, nonEmptyString, object, oneOf, ownValue, rangeError, recordOf } from "./internal/errors";

/** One row of the course's "Common Trade-Offs" table. */
export interface CommonTradeoff {
  /** What you optimise for, as the course writes it. */
  readonly optimizeFor: string;
  /** What you give up, as the course writes it. */
  readonly tradeOff: string;
}

const COMMON_TRADEOFFS: readonly CommonTradeoff[] = [
  { optimizeFor: "Low Latency", tradeOff: "High Cost" },
  { optimizeFor: "High Availability", tradeOff: "Consistency" },
  { optimizeFor: "Scalability", tradeOff: "Complexity" },
  { optimizeFor: "Strong Consistency", tradeOff: "Performance" },
  { optimizeFor: "Simplicity", tradeOff: "Features" },
  { optimizeFor: "Flexibility", tradeOff: "Performance" },
  { optimizeFor: "Durability", tradeOff: "Latency" },
  { optimizeFor: "Cost", tradeOff: "Everything else" },
];

/**
 * The course's "Common Trade-Offs" table (section 1, "The Universal Truth"),
 * verbatim and in the course's order.
 * @example commonTradeoffs()[1] // => { optimizeFor: "High Availability", tradeOff: "Consistency" }
 */
export function commonTradeoffs(): CommonTradeoff[] {
  return COMMON_TRADEOFFS.map((row) => ({ ...row }));
}

/**
 * What the course says you give up when you optimise for `goal`.
 * @param goal one of the table's "Optimize For" entries, case-insensitive
 * @throws RangeError for a goal the table does not list (the message lists them)
 * @example tradeOffFor("durability") // => "Latency"
 */
export function tradeOffFor(goal: string): string {
  const where = "tradeoffs.tradeOffFor";
  nonEmptyString(where, "goal", goal);
  const row = COMMON_TRADEOFFS.find((r) => r.optimizeFor.toLowerCase() === goal.trim().toLowerCase());
  if (row) return row.tradeOff;
  const goals = COMMON_TRADEOFFS.map((r) => JSON.stringify(r.optimizeFor)).join(", ");
  throw rangeError(where, "goal", `one of ${goals} (any case)`, goal);
}

/** A criterion and its importance. */
export interface Criterion {
  /** e.g. `"latency"`; unique among the criteria. */
  readonly name: string;
  /** Relative importance, finite and >= 0; weights are normalised to sum to 1. */
  readonly weight: number;
}

/** An architecture (or product, or design) to score. */
export interface Option {
  /** e.g. `"Cassandra QUORUM"`; unique among the options. */
  readonly name: string;
  /** One finite score per criterion name, higher is better, any common scale. */
  readonly scores: Readonly<Record<string, number>>;
}

/** What {@link score} and {@link weightSensitivity} take. */
export interface Decision {
  readonly criteria: readonly Criterion[];
  readonly options: readonly Option[];
}

/** One option's result. */
export interface RankedOption {
  readonly name: string;
  /** Σ normalised weight × score, on the scores' own scale. */
  readonly score: number;
  /** 1 + the number of options with a strictly higher score (ties share a rank). */
  readonly rank: number;
  /** Normalised weight × score for each criterion; they sum to `score`. */
  readonly contributions: Readonly<Record<string, number>>;
}

/** The result of {@link score}. */
export interface Scorecard {
  /** Normalised weights, summing to 1. */
  readonly weights: Readonly<Record<string, number>>;
  /** Options from best to worst; ties keep the input order. */
  readonly ranking: readonly RankedOption[];
}

interface CheckedDecision {
  readonly names: readonly string[];
  readonly weights: readonly number[];
  readonly options: readonly { readonly name: string; readonly scores: readonly number[] }[];
}

function checkDecision(where: string, decision: unknown): CheckedDecision {
  const input = object<Decision>(where, "decision", decision);
  const criteria = array<Criterion>(where, "criteria", input.criteria);
  const names: string[] = [];
  const weights: number[] = [];
  criteria.forEach((criterion, i) => {
    object(where, `criteria[${i}]`, criterion);
    const name = nonEmptyString(where, `criteria[${i}].name`, criterion.name);
    if (names.includes(name)) throw rangeError(where, `criteria[${i}].name`, "unique", name);
    names.push(name);
    weights.push(finite(where, `criteria[${i}].weight`, criterion.weight, { min: 0 }));
  });
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw rangeError(where, "the sum of criteria weights", "> 0", total);
  if (!Number.isFinite(total)) throw rangeError(where, "the sum of criteria weights", "finite", total);
  const criterionSet = new Set(names);
  const rawOptions = array<Option>(where, "options", input.options);
  const optionNames = new Set<string>();
  const options = rawOptions.map((option, i) => {
    object(where, `options[${i}]`, option);
    const name = nonEmptyString(where, `options[${i}].name`, option.name);
    if (optionNames.has(name)) throw rangeError(where, `options[${i}].name`, "unique", name);
    optionNames.add(name);
    const scores = object<Record<string, number>>(where, `options[${i}].scores`, option.scores);
    for (const key of Object.keys(scores)) {
      if (!criterionSet.has(key)) oneOf(where, `a key of options[${i}].scores`, key, names);
    }
    return { name, scores: names.map((c) => finite(where, `options[${i}].scores[${JSON.stringify(c)}]`, ownValue(scores, c))) };
  });
  return { names, weights, options };
}

function rank(checked: CheckedDecision, weights: readonly number[]): Scorecard {
  const total = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => w / total);
  const scored = checked.options.map((option, index) => {
    const parts = checked.names.map((name, j) => [name, shares[j] * option.scores[j]] as const);
    const contributions = recordOf(parts);
    let sum = 0;
    for (const [, part] of parts) sum += part;
    return { name: option.name, score: sum, contributions, index };
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  // Sorted best first, so an option's rank is 1 + the index of the first option with its score.
  let firstOfTie = 0;
  const ranking = scored.map((s, i) => {
    if (i > 0 && s.score !== scored[i - 1].score) firstOfTie = i;
    return { name: s.name, score: s.score, rank: firstOfTie + 1, contributions: s.contributions };
  });
  return { weights: recordOf(checked.names.map((name, j) => [name, shares[j]] as const)), ranking };
}

/**
 * Scores options against weighted criteria (simple additive weighting):
 * weights are normalised to sum to 1, each option's score is
 * Σ weight × score, and options are ranked best first.
 * @param decision `{ criteria: [{ name, weight }], options: [{ name, scores }] }`:
 *   weights finite and >= 0 with a positive sum; every option scores every
 *   criterion with a finite number (higher is better) and names no other key
 * @returns the normalised weights and the ranking with each criterion's contribution
 * @throws TypeError/RangeError naming the bad field, e.g.
 *   `tradeoffs.score: criteria[1].weight must be a finite number >= 0, got -1`
 * @example
 * score({
 *   criteria: [{ name: "latency", weight: 3 }, { name: "consistency", weight: 1 }],
 *   options: [
 *     { name: "Cassandra ONE", scores: { latency: 9, consistency: 3 } },
 *     { name: "Spanner", scores: { latency: 4, consistency: 10 } },
 *   ],
 * }).ranking.map((r) => [r.name, r.score]) // => [["Cassandra ONE", 7.5], ["Spanner", 5.5]]
 */
export function score(decision: Decision): Scorecard {
  const checked = checkDecision("tradeoffs.score", decision);
  return rank(checked, checked.weights);
}

/** Where changing one weight makes a different option win. */
export interface Flip {
  /** The raw weight (same units as the input weights) at which the top choice ties. */
  readonly atWeight: number;
  /** `atWeight − weight`: how much the weight must move (positive for an increase). */
  readonly change: number;
  /** The criterion's normalised share of the total weight at the flip point. */
  readonly atShare: number;
  /** The option that wins once the weight moves past `atWeight`. */
  readonly newTop: string;
}

interface Candidate {
  readonly at: number;
  readonly slope: number;
  readonly name: string;
}

/** How robust the top choice is to one criterion's weight. */
export interface WeightSensitivity {
  readonly criterion: string;
  /** The weight as given. */
  readonly weight: number;
  /** Its normalised share. */
  readonly share: number;
  /** The current winner. */
  readonly top: string;
  /** The nearest flip when the weight rises, or null if no rise changes the winner. */
  readonly increase: Flip | null;
  /** The nearest flip when the weight falls (not below 0), or null. */
  readonly decrease: Flip | null;
}

/**
 * One-at-a-time weight sensitivity: for each criterion, how far its weight
 * must rise or fall, the others held fixed, before the top choice changes.
 * Scores are linear in the weight (before normalisation, which does not
 * change the order), so each flip point is exact: the weight at which the
 * winner ties with the first option to overtake it. Past that point, the
 * new winner leads strictly.
 * @param decision as for {@link score}
 * @returns one entry per criterion, in input order
 * @throws TypeError/RangeError as for {@link score} (messages say `tradeoffs.weightSensitivity`)
 * @example
 * weightSensitivity({
 *   criteria: [{ name: "latency", weight: 3 }, { name: "consistency", weight: 1 }],
 *   options: [
 *     { name: "Cassandra ONE", scores: { latency: 9, consistency: 3 } },
 *     { name: "Spanner", scores: { latency: 4, consistency: 10 } },
 *   ],
 * })[1].increase // => { atWeight: 2.142857…, change: 1.142857…, atShare: 0.4166…, newTop: "Spanner" }
 */
export function weightSensitivity(decision: Decision): WeightSensitivity[] {
  const checked = checkDecision("tradeoffs.weightSensitivity", decision);
  const current = rank(checked, checked.weights);
  const topName = current.ranking[0].name;
  const top = checked.options.findIndex((o) => o.name === topName);
  const totalWeight = checked.weights.reduce((a, b) => a + b, 0);
  return checked.names.map((criterion, k) => {
    const weight = checked.weights[k];
    const restWeight = totalWeight - weight;
    // Unnormalised score without criterion k: U_i(w) = rest_i + w · s_ik.
    const rest = checked.options.map((o) => o.scores.reduce((sum, s, j) => (j === k ? sum : sum + checked.weights[j] * s), 0));
    let increase: Candidate | null = null;
    let decrease: Candidate | null = null;
    for (let b = 0; b < checked.options.length; b++) {
      if (b === top) continue;
      const slope = checked.options[b].scores[k] - checked.options[top].scores[k];
      if (slope === 0) continue;
      // The two tie where rest[top] + w·s_top = rest[b] + w·s_b.
      const tie = (rest[top] - rest[b]) / slope;
      const name = checked.options[b].name;
      if (slope > 0) {
        // b gains on the winner as w rises; clamp rounding below the current weight.
        const at = Math.max(tie, weight);
        if (increase === null || at < increase.at || (at === increase.at && slope > increase.slope)) {
          increase = { at, slope, name };
        }
      } else if (tie > 0) {
        // b gains as w falls; a tie at w = 0 is not a flip, since w cannot go below 0.
        const at = Math.min(tie, weight);
        if (decrease === null || at > decrease.at || (at === decrease.at && slope < decrease.slope)) {
          decrease = { at, slope, name };
        }
      }
    }
    const flip = (f: Candidate | null): Flip | null =>
      f === null ? null : { atWeight: f.at, change: f.at - weight, atShare: f.at / (restWeight + f.at), newTop: f.name };
    return {
      criterion,
      weight,
      share: weight / totalWeight,
      top: topName,
      increase: flip(increase),
      decrease: flip(decrease),
    };
  });
}

// Deprecated aliases: the names before issue #10's renames, kept so saved notebook copies keep running.
/** @deprecated use weightSensitivity */
export const sensitivity = weightSensitivity;
