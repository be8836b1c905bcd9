/**
 * Exercises of notebook 01 (trade-offs): what the course's trade-off table
 * means, and the weighted-sum explorer of `tradeoffs.score` /
 * `tradeoffs.weightSensitivity` (simple additive weighting).
 */
import { dataPath } from "../../internal/dataFiles";
import { csvRows, decimalCell, readDataFile } from "../../internal/dataFormats";
import { finite, nonEmptyString } from "../../internal/errors";
import { score, weightSensitivity, type Decision, type Option } from "../../tradeoffs";
import { choiceAnswer, functionAnswer, numberAnswer, ruleAnswer, type Exercise } from "../check";

/** The five criteria of data/architectures.csv, in column order. */
export const ARCHITECTURE_CRITERIA = ["latency", "consistency", "availability", "cost", "simplicity"] as const;

/**
 * The architectures the notebook scores (data/architectures.csv), as `tradeoffs` options.
 * @throws RangeError/TypeError naming the file, line and column of a missing or non-numeric score
 */
export function architectureOptions(): Option[] {
  // Named after the call that loads it: exercise 01.5's expected answer is computed on its first check.
  const where = "exercises.check";
  const rows = csvRows(where, readDataFile(where, dataPath("architectures.csv")), ["architecture", ...ARCHITECTURE_CRITERIA], "architectures.csv");
  return rows.map(({ cell, at }) => ({
    name: nonEmptyString(where, at("architecture"), cell("architecture")),
    scores: Object.fromEntries(
      ARCHITECTURE_CRITERIA.map((c) => [c, finite(where, at(c), decimalCell(cell(c)))]),
    ),
  }));
}

/** The two-criterion, two-option decision of exercises 01.2 and 01.4. */
const SMALL: Decision = {
  criteria: [
    { name: "latency", weight: 2 },
    { name: "consistency", weight: 3 },
    { name: "cost", weight: 1 },
  ],
  options: [
    { name: "Cassandra ONE", scores: { latency: 9, consistency: 3, cost: 8 } },
    { name: "Spanner", scores: { latency: 4, consistency: 10, cost: 3 } },
  ],
};

const smallRanking = score(SMALL).ranking;
const spannerScore = smallRanking.find((r) => r.name === "Spanner")?.score ?? Number.NaN;
const cassandraScore = smallRanking.find((r) => r.name === "Cassandra ONE")?.score ?? Number.NaN;
const latencyFlip = weightSensitivity(SMALL).find((s) => s.criterion === "latency")?.increase;
const flipWeight = latencyFlip?.atWeight ?? Number.NaN;

/** Σ weight × score / Σ weight, by the library, for the implement exercise's cases. */
function weighted(weights: number[], scores: number[]): number {
  return score({
    criteria: weights.map((weight, i) => ({ name: `c${i}`, weight })),
    options: [{ name: "x", scores: Object.fromEntries(scores.map((s, i) => [`c${i}`, s])) }],
  }).ranking[0].score;
}

const IMPLEMENT_CASES: [number[], number[]][] = [
  [[3, 1], [9, 3]],
  [[2, 3, 1], [4, 10, 3]],
  [[0, 5], [1, 7]],
  [[1, 1, 1, 1], [1, 2, 3, 4]],
  [[0.2, 0.8], [10, 0]],
];

const POSTGRES = "PostgreSQL primary + async replicas";

function choosePostgresWeights(answer: unknown): string | undefined {
  if (typeof answer !== "object" || answer === null || Array.isArray(answer)) {
    return `answer an object of weights, e.g. { latency: 1, consistency: 1, availability: 1, cost: 1, simplicity: 1 }`;
  }
  const weights = answer as Record<string, unknown>;
  for (const c of ARCHITECTURE_CRITERIA) {
    const w = weights[c];
    if (typeof w !== "number" || !Number.isFinite(w) || w < 0 || w > 10) {
      return `weights.${c} must be a number in [0, 10], got ${String(w)}`;
    }
  }
  const extra = Object.keys(weights).filter((k) => !(ARCHITECTURE_CRITERIA as readonly string[]).includes(k));
  if (extra.length > 0) return `unknown criteria ${extra.join(", ")}: use ${ARCHITECTURE_CRITERIA.join(", ")}`;
  const card = score({
    criteria: ARCHITECTURE_CRITERIA.map((name) => ({ name, weight: weights[name] as number })),
    options: architectureOptions(),
  });
  const availabilityShare = card.weights.availability;
  if (!(availabilityShare >= 0.2)) {
    return `availability has ${(availabilityShare * 100).toFixed(1)}% of the total weight; the constraint is at least 20%`;
  }
  const [top, second] = card.ranking;
  const postgres = card.ranking.find((r) => r.name === POSTGRES);
  if (top.name !== POSTGRES || (second !== undefined && second.score === top.score)) {
    return `${top.name} wins (${top.score.toFixed(2)} against PostgreSQL's ${postgres?.score.toFixed(2)}): PostgreSQL rates highest on simplicity and cost, so give those more weight`;
  }
  return undefined;
}

export const exercises: readonly Exercise[] = [
  {
    id: "01.1",
    title: "when 'high availability costs consistency' applies",
    kind: "explain",
    grade: choiceAnswer("b", {
      a: "a healthy, connected cluster can be both available and linearizable; what it pays for consistency then is latency (PACELC's E branch), not availability",
      b: "right: CAP's choice between A and C only binds during a partition; otherwise the price of consistency is latency (Abadi's PACELC, IEEE Computer 2012)",
      c: "the trade-off is real: during a partition a replica cut off from the others must either answer (and maybe be stale) or refuse (and be unavailable) — Gilbert & Lynch 2002",
      d: "a single node has no partition between replicas to tolerate; CAP is about replicated systems, and a lone node is simply unavailable when it fails",
    }),
  },
  {
    id: "01.2",
    title: "Spanner's weighted score (weights 2, 3, 1)",
    kind: "compute",
    grade: numberAnswer(spannerScore, {
      relativeTolerance: 0.001,
      mistakes: [
        { value: 41, hint: "41 is Σ weight × score without dividing by Σ weight = 6: normalise the weights first" },
        { value: 17 / 3, hint: "17/3 is the plain mean of Spanner's scores: each score must be multiplied by its weight" },
        { value: cassandraScore, hint: "that is Cassandra ONE's score; the question asks for Spanner's" },
      ],
      hint: "score = (2 × 4 + 3 × 10 + 1 × 3) / (2 + 3 + 1)",
    }),
  },
  {
    id: "01.3",
    title: "implement the weighted score",
    kind: "implement",
    grade: functionAnswer(IMPLEMENT_CASES.map(([w, s]) => ({ args: [w, s], expected: weighted(w, s), tolerance: 1e-9 }))),
  },
  {
    id: "01.4",
    title: "latency weight at which Cassandra ONE overtakes Spanner",
    kind: "compute",
    grade: numberAnswer(flipWeight, {
      relativeTolerance: 0.001,
      mistakes: [
        { value: latencyFlip?.change ?? Number.NaN, hint: "that is how much the weight must rise; the question asks for the weight itself (2 + the rise)" },
        {
          value: latencyFlip?.atShare ?? Number.NaN,
          hint: "that is latency's normalised share at the tie; the question asks for the raw weight, on the same scale as 2, 3, 1",
        },
      ],
      hint: "hold consistency = 3 and cost = 1, and solve 9w + 3·3 + 8·1 = 4w + 10·3 + 3·1 for w",
    }),
  },
  {
    id: "01.5",
    title: "weights under which PostgreSQL wins with availability >= 20%",
    kind: "choose",
    grade: ruleAnswer(choosePostgresWeights),
  },
];
