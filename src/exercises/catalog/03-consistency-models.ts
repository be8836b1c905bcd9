/**
 * Exercises of notebook 03 (consistency models): the course's spectrum and
 * its corrections (`consistency.spectrum`), availability classes, what a
 * stronger model costs in round trips (`multiRegion.readLatency`), and the
 * course's Cassandra example (`quorum.*`).
 */
import { readLatency } from "../../multiRegion";
import { replicasRequired, staleReadProbability, type ConsistencyLevel } from "../../quorum";
import { choiceAnswer, functionAnswer, numberAnswer, ruleAnswer, type Exercise } from "../check";

/** Cassandra's QUORUM over datacenters with these replication factors (DataStax docs), by the library. */
function quorumOf(replicationFactors: number[]): number {
  return replicasRequired({
    level: "QUORUM",
    replicationFactors: Object.fromEntries(replicationFactors.map((rf, i) => [`dc${i + 1}`, rf])),
  }).total;
}

/** REFERENCES.md (DataStax): RF 3 → 2; RF 6 → 4; two DCs at RF 3 → 4; five DCs at 3,3,2,2,2 → 7. */
const QUORUM_CASES: number[][] = [[3], [6], [3, 3], [3, 3, 2, 2, 2], [1], [5], [2]];

/** The course's example: QUORUM writes and ONE reads at RF 3. */
const courseExample = {
  n: 3,
  w: replicasRequired({ level: "QUORUM", replicationFactors: 3 }).total,
  r: replicasRequired({ level: "ONE", replicationFactors: 3 }).total,
};

const LATENCY_SETUP = { client: "eu-west-1", replicas: ["us-east-1", "eu-west-1", "ap-northeast-1"] };
const nearestReadMs = readLatency({ ...LATENCY_SETUP, consistency: "nearest" });
const leaderReadMs = readLatency({ ...LATENCY_SETUP, consistency: "leader", leader: "us-east-1" });

const LEVELS: readonly ConsistencyLevel[] = ["ONE", "TWO", "THREE", "QUORUM", "ALL", "LOCAL_ONE", "LOCAL_QUORUM", "EACH_QUORUM"];

function chooseLevels(answer: unknown): string | undefined {
  if (typeof answer !== "object" || answer === null || Array.isArray(answer)) {
    return 'answer an object { read, write } of Cassandra levels, e.g. { read: "ONE", write: "ALL" }';
  }
  const { read, write } = answer as Record<string, unknown>;
  for (const [name, level] of [["read", read], ["write", write]] as const) {
    if (typeof level !== "string" || !(LEVELS as readonly string[]).includes(level.toUpperCase())) {
      return `${name} must be one of ${LEVELS.join(", ")}, got ${JSON.stringify(level)}`;
    }
  }
  const replicas = (level: string) => replicasRequired({ level: level.toUpperCase() as ConsistencyLevel, replicationFactors: 3 }).total;
  const r = replicas(read as string);
  const w = replicas(write as string);
  if (r + w <= 3) return `R + W = ${r} + ${w} = ${r + w} is not > N = 3: a read can miss the latest write`;
  if (w > 2) return `W = ${w} (${String(write)}) needs every replica, so writes fail while one replica is down`;
  if (r > 2) return `R = ${r} works, but waits for every replica (and fails with one down); with W = 2, R = 2 is enough`;
  return undefined;
}

export const exercises: readonly Exercise[] = [
  {
    id: "03.1",
    title: "where Spanner belongs in the spectrum",
    kind: "explain",
    grade: choiceAnswer("b", {
      a: "Spanner is not merely sequential: Google documents external consistency (strict serializability) for read-write transactions and strong reads, in every configuration",
      b: "right: Spanner gives external consistency — strict serializability, stronger than linearizable — via Paxos and TrueTime commit wait (Google Cloud docs, 'Spanner: TrueTime and external consistency'); ZooKeeper is a fitting example of sequential consistency",
      c: "causal is weaker still, and sticky available; Spanner refuses requests without a Paxos majority (it is unavailable in Jepsen's sense) in exchange for strict serializability",
      d: "Spanner's strong reads and read-write transactions are strictly serializable across regions; only its explicitly stale reads (bounded or exact staleness) can lag",
    }),
  },
  {
    id: "03.2",
    title: "the availability class of read-your-writes",
    kind: "explain",
    grade: choiceAnswer("b", {
      a: "a replica the client has never written to may not hold its write yet; it cannot serve read-your-writes without coordination — Jepsen and HAT (VLDB 2014) class it sticky available, not totally available",
      b: "right: read-your-writes is sticky available (Jepsen; Bailis et al., HAT, VLDB 2014): during a partition it stays available only for clients that keep talking to the same server (or carry their writes with them)",
      c: "read-your-writes needs no quorum: a client stuck to one replica always sees its own writes there, even during a partition",
      d: "eventual consistency promises nothing about a client's own reads; read-your-writes is strictly stronger",
    }),
  },
  {
    id: "03.3",
    title: "extra ms of a leader read over a nearest read (client eu-west-1, leader us-east-1)",
    kind: "compute",
    grade: numberAnswer(leaderReadMs - nearestReadMs, {
      relativeTolerance: 0,
      absoluteTolerance: 0.5,
      mistakes: [
        { value: leaderReadMs, hint: "that is the leader read's latency; subtract what the nearest-replica read costs" },
        { value: nearestReadMs, hint: "that is the nearest read's latency; the question asks for the difference" },
        { value: leaderReadMs / 2, hint: "a read is a round trip, request and response: use the RTT, not half of it" },
      ],
      hint: "multiRegion.readLatency with consistency \"leader\" minus consistency \"nearest\"",
    }),
  },
  {
    id: "03.4",
    title: "stale-read probability of QUORUM writes + ONE reads at RF 3",
    kind: "compute",
    grade: numberAnswer(staleReadProbability(courseExample), {
      relativeTolerance: 0.001,
      mistakes: [
        { value: 0, hint: "R + W = 1 + 2 = 3 is not > N = 3: the one replica a read asks can be the one the write has not reached" },
        { value: staleReadProbability({ n: 3, r: 1, w: 1 }), hint: "2/3 is for W = 1; QUORUM writes reach 2 of the 3 replicas" },
        { value: 2 / 3, hint: "that is the chance the read is fresh, 1 − p_s; the question asks for the chance it is stale" },
      ],
      hint: "p_s = C(N − W, R) / C(N, R) with N = 3, W = 2, R = 1 (Bailis et al., VLDB 2012)",
    }),
  },
  {
    id: "03.5",
    title: "implement Cassandra's QUORUM over datacenters",
    kind: "implement",
    grade: functionAnswer(QUORUM_CASES.map((rfs) => ({ args: [rfs], expected: quorumOf(rfs) }))),
  },
  {
    id: "03.6",
    title: "read and write levels at RF 3: strong, write-available, fast reads",
    kind: "choose",
    grade: ruleAnswer(chooseLevels),
  },
];
