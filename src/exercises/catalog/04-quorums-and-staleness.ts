/**
 * Exercises of notebook 04 · Quorums and staleness (course §3, "Choosing
 * Consistency Level"). Expected answers come from `quorum` (exact
 * combinatorics of Bailis et al., VLDB 2012, and the DataStax consistency
 * levels) and `pbs` (WARS Monte Carlo on the paper's LNKD-DISK profile).
 */
import { explainConsistency, kStaleness, quorumAvailability, replicasRequired, staleReadProbability } from "../../quorum";
import { tVisibility } from "../../pbs";
import { choiceAnswer, functionAnswer, numberAnswer, ruleAnswer, type Exercise } from "../check";

/** 04.4: the DataStax documentation's five-datacenter example. */
const FIVE_DATACENTERS = { dc1: 3, dc2: 3, dc3: 2, dc4: 2, dc5: 2 } as const;
const fiveDcQuorum = replicasRequired({ level: "QUORUM", replicationFactors: FIVE_DATACENTERS }).total;
const fiveDcEachQuorum = replicasRequired({ level: "EACH_QUORUM", replicationFactors: FIVE_DATACENTERS }).total;

/** 04.2: (n, r, w) cases for p_s, including R > N − W (p_s = 0) and the paper's N=100, R=W=30. */
const STALE_CASES: [number, number, number][] = [
  [3, 1, 1],
  [5, 2, 2],
  [3, 1, 2],
  [3, 2, 2],
  [7, 3, 2],
  [10, 1, 9],
  [100, 30, 30],
];

/** 04.3: the constraints of the configuration to choose. */
const CHOICE_N = 5;
const CHOICE_MAX_W = CHOICE_N - 1; // writes must still be accepted with one replica down

function gradeQuorumChoice(answer: unknown): string | undefined {
  if (typeof answer !== "object" || answer === null || Array.isArray(answer)) return "answer an object { r, w }, e.g. { r: 3, w: 3 }";
  const { r, w } = answer as { r?: unknown; w?: unknown };
  for (const [name, value] of [["r", r], ["w", w]] as const) {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > CHOICE_N) {
      return `${name} must be an integer in [1, ${CHOICE_N}], got ${JSON.stringify(value)}`;
    }
  }
  const R = r as number;
  const W = w as number;
  const why = explainConsistency({ n: CHOICE_N, r: R, w: W });
  if (!why.readsSeeLatestWrite) {
    return `R + W = ${R + W} <= N = ${CHOICE_N}: a read misses the latest write with probability ${why.staleReadProbability.toPrecision(3)}, so reads are not strong`;
  }
  if (!why.concurrentWritesOrdered) {
    return `W = ${W} <= N/2 = ${CHOICE_N / 2}: two concurrent writes can be acknowledged by disjoint replica sets, so they are not ordered`;
  }
  if (W > CHOICE_MAX_W) {
    return `W = ${W} = N: with one replica down no write can reach ${W} replicas, so writes are unavailable`;
  }
  const smallestR = CHOICE_N + 1 - CHOICE_MAX_W;
  if (R > smallestR) {
    return `valid, but R = ${R} is not the smallest read quorum the rules allow: reads are 10× more frequent, so move weight to W (W = ${CHOICE_MAX_W} still tolerates one replica down) and R shrinks`;
  }
  return undefined;
}

/** 04.7: P(consistent) right after commit, LNKD-DISK, N=3, R=W=1; computed on first use (a Monte Carlo run). */
let lnkdDiskAtCommit: number | undefined;
function pbsAtCommit(): number {
  lnkdDiskAtCommit ??= tVisibility({ n: 3, r: 1, w: 1, profile: "LNKD-DISK", tMs: [0], trials: 50_000, seed: 4 }).curve[0].probability;
  return lnkdDiskAtCommit;
}

export const exercises: readonly Exercise[] = [
  {
    id: "04.1",
    title: "the course's example: writes at QUORUM, reads at ONE, N=3",
    kind: "explain",
    grade: choiceAnswer("b", {
      a: "a majority write alone does not make reads strong: the one replica a read asks may be the one the write has not reached (R + W = 3 is not > N = 3)",
      b: "right: R + W = 1 + 2 = 3 = N, so the read quorum can miss the write quorum; p_s = C(1,1)/C(3,1) = 1/3 right after the write (less once it propagates, see PBS)",
      c: "read repair and hinted handoff make replicas converge eventually, but a read at ONE returns whatever the replica it reaches holds now; no guarantee",
      d: "QUORUM reads with ONE writes (R=2, W=1) are equally weak: R + W = 3 = N. The strong pairs at N=3 are QUORUM/QUORUM, ONE/ALL or ALL/ONE",
    }),
  },
  {
    id: "04.2",
    title: "implement p_s, the probability a partial-quorum read misses the latest write",
    kind: "implement",
    grade: functionAnswer(
      STALE_CASES.map(([n, r, w]) => ({ args: [n, r, w], expected: staleReadProbability({ n, r, w }), tolerance: 1e-6 })),
    ),
  },
  {
    id: "04.3",
    title: "choose (R, W) for N=5: strong, ordered writes, writes up with one replica down, smallest R",
    kind: "choose",
    grade: ruleAnswer(gradeQuorumChoice),
  },
  {
    id: "04.4",
    title: "Cassandra QUORUM across five datacenters (RF 3, 3, 2, 2, 2)",
    kind: "compute",
    grade: numberAnswer(fiveDcQuorum, {
      relativeTolerance: 0,
      mistakes: [
        { value: 6, hint: "6 is half of the 12 replicas; a quorum is floor(12 / 2) + 1 — half is not a majority" },
        { value: fiveDcEachQuorum, hint: `${fiveDcEachQuorum} is EACH_QUORUM (a majority in every datacenter, summed); QUORUM counts replicas globally` },
        { value: 2, hint: "2 is LOCAL_QUORUM in a datacenter of RF 3; QUORUM is over the sum of all replication factors" },
        { value: 12, hint: "12 is ALL" },
      ],
      hint: "QUORUM = floor(sum of replication factors / 2) + 1 (DataStax, 'How is the consistency level configured?')",
    }),
  },
  {
    id: "04.5",
    title: "k-staleness for N=3, R=W=1, k=3",
    kind: "compute",
    grade: numberAnswer(kStaleness({ n: 3, r: 1, w: 1, k: 3 }), {
      relativeTolerance: 1e-6,
      mistakes: [
        { value: 8 / 27, hint: "8/27 = p_s^3 is the chance that all three reads miss; P(one of the last 3) = 1 − p_s^3" },
        { value: 1 / 3, hint: "1/3 is k = 1 (the latest version only); with k = 3 any of the last three versions counts" },
        { value: 5 / 9, hint: "5/9 is k = 2; the question asks for k = 3" },
        { value: 2 / 3, hint: "2/3 is p_s = C(2,1)/C(3,1), the chance one read misses the latest write" },
        { value: 1, hint: "only R + W > N guarantees 1; here R + W = 2 <= 3" },
      ],
      hint: "P = 1 − p_s^k with p_s = C(N−W, R) / C(N, R) = 2/3 (Bailis et al., VLDB 2012)",
    }),
  },
  {
    id: "04.6",
    title: "availability of QUORUM writes, N=5, replicas 99% available",
    kind: "compute",
    grade: numberAnswer(quorumAvailability({ n: 5, size: 3, replicaAvailability: 0.99 }), {
      relativeTolerance: 1e-7,
      mistakes: [
        { value: 0.99 ** 3, hint: "0.99³ needs three particular replicas up; a quorum needs any 3 of the 5 (binomial tail)" },
        { value: 0.99 ** 5, hint: "0.99⁵ is ALL: every replica up" },
        { value: 1 - 0.01 ** 5, hint: "that is ONE: any single replica up" },
        { value: 0.99, hint: "a quorum is more available than one replica when replicas fail independently" },
      ],
      hint: "P(at least 3 of 5 up) = Σ_{j=3}^{5} C(5, j) 0.99^j 0.01^(5−j)",
    }),
  },
  {
    id: "04.7",
    title: "PBS: P(consistent) right after commit, LNKD-DISK, N=3, R=W=1",
    kind: "compute",
    grade: (answer) =>
      numberAnswer(pbsAtCommit(), {
        relativeTolerance: 0.03,
        mistakes: [
          { value: 1 / 3, hint: "1/3 is the static bound 1 − p_s, as if the write reached only W=1 replica; in the WARS model the write is still travelling to the others and often arrives before the read" },
          { value: 0.974, hint: "about 97.4% is LNKD-SSD; LNKD-DISK has slow, heavy-tailed write delays (W)" },
          { value: 0.926, hint: "about 92.6% is 10 ms after commit; the question is t = 0" },
        ],
        hint: "use pbs.tVisibility({ n: 3, r: 1, w: 1, profile: \"LNKD-DISK\", tMs: [0], trials: 20000 }).curve[0].probability",
      })(answer),
  },
];
