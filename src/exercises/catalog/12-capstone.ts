/**
 * Exercises of notebook 12 · Capstone design review (every section of the
 * course). The scenario's constraints are fixed here, not taken from the
 * notebook's parameters: three regions at RF 3, a 99.95% SLO, RTO ≤ 15 min,
 * RPO ≤ 1 min. Expected answers come from `quorum`, `slo`, `dr` and `flow`.
 */
import { replicasRequired, type ConsistencyLevel } from "../../quorum";
import { errorBudget } from "../../slo";
import { selectStrategy } from "../../dr";
import { mm1ResponseTimePercentile } from "../../flow";
import { choiceAnswer, numberAnswer, ruleAnswer, type Exercise } from "../check";

/** 12.1: RF 3 in each of three regions; the coordinator is in the user's region. */
const FACTORS = { "us-east-1": 3, "eu-west-1": 3, "ap-south-1": 3 } as const;
const LOCAL = "us-east-1";
const LEVELS: readonly ConsistencyLevel[] = ["ONE", "TWO", "THREE", "LOCAL_ONE", "QUORUM", "LOCAL_QUORUM", "EACH_QUORUM", "ALL"];

/** Local replicas a level is guaranteed to include (0 when the level may be satisfied remotely). */
function localReplicas(level: ConsistencyLevel): number {
  const need = replicasRequired({ level, replicationFactors: FACTORS, localDatacenter: LOCAL });
  return need.perDatacenter?.[LOCAL] ?? 0;
}

/** Whether the level must wait for a replica outside the local region. */
function waitsOnWan(level: ConsistencyLevel): boolean {
  const need = replicasRequired({ level, replicationFactors: FACTORS, localDatacenter: LOCAL });
  if (need.perDatacenter === null) return need.total > FACTORS[LOCAL];
  return Object.keys(need.perDatacenter).some((dc) => dc !== LOCAL);
}

function gradeLevels(answer: unknown): string | undefined {
  if (typeof answer !== "object" || answer === null || Array.isArray(answer)) {
    return 'answer an object { write, read }, e.g. { write: "QUORUM", read: "ONE" }';
  }
  const { write, read } = answer as { write?: unknown; read?: unknown };
  for (const [name, value] of [["write", write], ["read", read]] as const) {
    if (typeof value !== "string" || !(LEVELS as readonly string[]).includes(value)) {
      return `${name} must be one of ${LEVELS.map((l) => `"${l}"`).join(", ")}, got ${JSON.stringify(value)}`;
    }
  }
  const w = write as ConsistencyLevel;
  const r = read as ConsistencyLevel;
  for (const [name, level] of [["write", w], ["read", r]] as const) {
    if (waitsOnWan(level)) return `${name} at ${level} waits for replicas in another region: a cross-region round trip (70–190 ms) on every ${name}`;
  }
  if (w === "ALL" || r === "ALL") return "ALL needs every replica in every region up: one replica down blocks the operation";
  const localW = localReplicas(w);
  const localR = localReplicas(r);
  if (localW + localR <= FACTORS[LOCAL]) {
    const which = localW === 0 || localR === 0 ? " (ONE/TWO/THREE may be answered by any region's replicas, so they promise nothing locally)" : "";
    return `within the user's region R + W = ${localR} + ${localW} <= 3 replicas: a read can miss the user's last status update${which}`;
  }
  if (localW > 2 || localR > 2) return "a level needing all 3 local replicas fails with one replica down";
  return undefined;
}

/** 12.3: the DR selection for the scenario's targets, priced against a $20K/month single-region bill. */
const DR_TARGETS = { rtoMinutes: 15, rpoMinutes: 1, productionUsdPerMonth: 20_000 } as const;

function gradeDr(answer: unknown): string | undefined {
  const selection = selectStrategy(DR_TARGETS);
  const ids = selection.evaluations.map((e) => e.strategy.id);
  if (typeof answer !== "string" || !(ids as string[]).includes(answer)) {
    return `answer a strategy id: one of ${ids.map((id) => `"${id}"`).join(", ")}, got ${JSON.stringify(answer)}`;
  }
  const evaluation = selection.evaluations.find((e) => e.strategy.id === answer);
  return evaluation === undefined || evaluation.chosen ? undefined : `${evaluation.strategy.name} ${evaluation.reason}`;
}

const P99_SECONDS = mm1ResponseTimePercentile({ arrivalRatePerSecond: 7000, serviceRatePerSecond: 10_000, percentile: 0.99 });

export const exercises: readonly Exercise[] = [
  {
    id: "12.1",
    title: "consistency levels for order status: strong in the user's region, no WAN wait, one replica down tolerated",
    kind: "choose",
    grade: ruleAnswer(gradeLevels),
  },
  {
    id: "12.2",
    title: "error budget of the 99.95% SLO, minutes per 30-day month",
    kind: "compute",
    grade: numberAnswer(errorBudget({ slo: 0.9995 }).budgetMinutes, {
      relativeTolerance: 0.001,
      mistakes: [
        { value: 43.2, hint: "43.2 min is 99.9%; 99.95% allows half of that" },
        { value: 21.9, hint: "21.9 min uses the 730-hour billing month; the SRE book's month is 30 days" },
        { value: 0.36, hint: "0.36 is in hours; the question asks for minutes" },
        { value: 4.32, hint: "4.32 min is 99.99%" },
      ],
      hint: "budget = (1 − SLO) × 30 × 24 × 60",
    }),
  },
  {
    id: "12.3",
    title: "DR strategy for RTO ≤ 15 min and RPO ≤ 1 min, cheapest",
    kind: "choose",
    grade: ruleAnswer(gradeDr),
  },
  {
    id: "12.4",
    title: "p99 response time of one storage node at 7,000 of 10,000 writes/s (M/M/1), in ms",
    kind: "compute",
    grade: numberAnswer(P99_SECONDS * 1000, {
      relativeTolerance: 0.005,
      mistakes: [
        { value: 1000 / 3000, hint: "0.333 ms is the mean response time 1/(μ − λ); the p99 of an exponential is ln(100) times the mean" },
        { value: P99_SECONDS, hint: "that is in seconds; the question asks for milliseconds" },
        { value: (1000 * Math.log(100)) / 10_000, hint: "that uses μ alone; in M/M/1 the response time is exponential with rate μ − λ" },
      ],
      hint: "M/M/1 response time is exponential with rate μ − λ, so p99 = −ln(0.01) / (μ − λ)",
    }),
  },
  {
    id: "12.5",
    title: "why home orders by region of origin rather than the course's user_id % 200",
    kind: "explain",
    grade: choiceAnswer("c", {
      a: "both layouts give each key exactly one home region, so neither allows conflicting writes; the difference is latency",
      b: "user_id % 200 spreads load evenly too, and rebalancing is not the issue here: both give every key one home",
      c: "right: hashing spreads a user's home over the regions regardless of where the user is, so about two thirds of writes cross an ocean (mean ≈ 83 ms against ≈ 2.5 ms for the nearest region in this scenario); homing by origin keeps both the no-conflict property and local latency",
      d: "async replication to a partner region gives the same RPO window under either layout",
    }),
  },
];
