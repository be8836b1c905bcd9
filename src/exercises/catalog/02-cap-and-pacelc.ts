/**
 * Exercises of notebook 02 (CAP and PACELC): CAP's definitions as Gilbert
 * and Lynch proved them, the PACELC catalog (`pacelc.*`, data/systems.csv)
 * and the partitioned replicated register (`multiRegion.simulateRegister`).
 */
import { explainSystem } from "../../pacelc";
import { simulateRegister } from "../../multiRegion";
import { choiceAnswer, numberAnswer, ruleAnswer, type Exercise } from "../check";

/**
 * Expected availability of the CP register with linearizable reads: clients
 * are spread uniformly over the nodes, and during the partition only the
 * requests of clients on the minority side fail.
 */
function cpAvailability(options: { nodes: number; minorityNodes: number; partitionShare: number }): number {
  return 1 - options.partitionShare * (options.minorityNodes / options.nodes);
}

const CP_CASE = { nodes: 5, minorityNodes: 2, partitionShare: 0.5 };

/** The register run of exercise 02.3. */
const LWW_RUN = { mode: "AP", reconcile: "lww", keys: 200, seed: 7 } as const;
const lwwRun = simulateRegister(LWW_RUN);
const vectorClockRun = simulateRegister({ ...LWW_RUN, reconcile: "vector-clocks" });
const cpRun = simulateRegister({ mode: "CP", keys: 200, seed: 7 });

function chooseInventoryStore(answer: unknown): string | undefined {
  if (typeof answer !== "object" || answer === null || Array.isArray(answer)) {
    return 'answer an object { system, configuration }, e.g. { system: "Cassandra", configuration: "QUORUM" }';
  }
  const { system, configuration } = answer as Record<string, unknown>;
  if (typeof system !== "string" || typeof configuration !== "string") {
    return "system and configuration must both be strings (a unique part of the configuration is enough)";
  }
  let row;
  try {
    row = explainSystem(system, configuration);
  } catch (error) {
    return `not in the catalog: ${error instanceof Error ? error.message : String(error)}`;
  }
  const label = `${row.system} (${row.configuration}) is ${row.pacelc}`;
  if (row.pacelc.startsWith("PA")) {
    return `${label}: during a partition both sides accept writes, so two warehouses can sell the last item twice — the requirement needs PC`;
  }
  if (row.pacelc === "PC/EC") {
    return `${label}: safe, but every read pays a quorum or leader round trip; the browsing reads may be stale, so an EL configuration is cheaper`;
  }
  return undefined;
}

export const exercises: readonly Exercise[] = [
  {
    id: "02.1",
    title: "what CAP's availability means",
    kind: "explain",
    grade: choiceAnswer("b", {
      a: "an error is not availability in CAP's sense: if refusing counted, every CP system would also be 'available' and the theorem would say nothing",
      b: "right: Gilbert & Lynch (SIGACT News 2002) require every request received by a non-failing node to get a (non-error) response; a CP minority that refuses has given up A",
      c: "CAP's availability is all-or-nothing per request during a partition, not an uptime percentage; SLO nines are a different notion (notebook 06)",
      d: "CAP's availability has no time bound at all (only 'eventually responds'); the latency trade-off is PACELC's E branch",
    }),
  },
  {
    id: "02.2",
    title: "availability of the CP register (5 nodes, 2 cut off, half the run partitioned)",
    kind: "compute",
    grade: numberAnswer(cpAvailability(CP_CASE), {
      relativeTolerance: 0.01,
      mistakes: [
        { value: 3 / 5, hint: "3/5 is the availability during the partition only; the partition covers half of the run, and outside it every request succeeds" },
        { value: 2 / 5, hint: "2/5 is the share of clients that fail during the partition, not the availability" },
        { value: 0.5, hint: "only clients on the minority side fail, not every request made during the partition" },
      ],
      hint: "availability = 1 − (fraction of the run partitioned) × (fraction of clients on the minority side)",
    }),
  },
  {
    id: "02.3",
    title: "writes lost by AP + last-write-wins (keys 200, seed 7)",
    kind: "compute",
    grade: numberAnswer(lwwRun.lostWrites, {
      relativeTolerance: 0,
      absoluteTolerance: 0.5,
      mistakes: [
        { value: 0, hint: "0 is what CP or vector clocks lose; with last-write-wins, one write per key written on both sides is discarded at the heal" },
        { value: lwwRun.staleReads, hint: "that is the number of stale reads; the question asks for lost writes" },
        { value: cpRun.writesRejected, hint: "that is how many writes CP refused; the question is about AP with last-write-wins" },
        { value: vectorClockRun.writesAccepted, hint: "that is how many writes were accepted; the question asks how many were lost" },
      ],
      hint: `run multiRegion.simulateRegister(${JSON.stringify(LWW_RUN)}) and read lostWrites`,
    }),
  },
  {
    id: "02.4",
    title: "a catalog configuration for the inventory store",
    kind: "choose",
    grade: ruleAnswer(chooseInventoryStore),
  },
  {
    id: "02.5",
    title: "is MongoDB CP, as the course says?",
    kind: "explain",
    grade: choiceAnswer("b", {
      a: "not in every configuration: with w:1 (the default before 5.0, and still the default with arbiters) a primary cut off from the majority kept acknowledging writes that were rolled back after the election — Abadi (2012) classed MongoDB PA/EC",
      b: "right: Abadi (IEEE Computer 2012) classed MongoDB PA/EC because w:1 writes acknowledged by an isolated primary could be rolled back; since 5.0 the default write concern is majority (w:1 when arbiters leave no data-bearing majority), which makes acknowledged writes survive (PC/EC); CP in CAP's sense also needs readConcern linearizable",
      c: "MongoDB reads and writes go to the primary by default, so it does not trade consistency for latency (EC, not EL), unlike Cassandra at level ONE",
      d: "a single primary does not make a replicated system CA: when the network partitions it, it still has to choose between answering and refusing",
    }),
  },
];
