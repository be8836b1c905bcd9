/**
 * Exercises of notebook 07 · Multi-region architecture (course §6, and the
 * AP partition scenario of §2). Expected answers come from `multiRegion`
 * and `availability`; the RTT figures are data/region-rtt.json (cloudping.co p50).
 */
import { evaluateStrategy, lwwSkewLoss, syncReplicationSlowdown, type StrategyName } from "../../multiRegion";
import { periodSeconds } from "../../availability";
import { choiceAnswer, functionAnswer, numberAnswer, ruleAnswer, type Exercise } from "../check";

/** The course's gold tier: us-east-1 writes, synchronously replicated to eu-west-1 and ap-south-1. */
const GOLD = { primary: "us-east-1", replicas: ["eu-west-1", "ap-south-1"] } as const;
const goldSlowdown = syncReplicationSlowdown({ primary: GOLD.primary, replicas: [...GOLD.replicas] });
const rtt = (acks: number): number => syncReplicationSlowdown({ primary: GOLD.primary, replicas: [...GOLD.replicas], acks }).extraMs;

/** Minutes in a 30-day month (SRE book convention). */
const MONTH_MINUTES = periodSeconds("month") / 60;
const goldWriteAvailability = evaluateStrategy({
  strategy: "active-active",
  regions: [GOLD.primary, ...GOLD.replicas],
  replication: "sync",
  regionAvailability: 0.999,
}).writeAvailability;

/** 07.3: three US regions, every client in us-east-1, each region 99.9% available. */
const CHOICE_REGIONS = ["us-east-1", "us-east-2", "us-west-2"];
const CHOICE_LIMITS = { writeAvailability: 0.9999, meanWriteMs: 50 } as const;

function gradeConfiguration(answer: unknown): string | undefined {
  if (typeof answer !== "object" || answer === null) return "answer an object { strategy, replication, acks }";
  const { strategy, replication, acks } = answer as { strategy?: unknown; replication?: unknown; acks?: unknown };
  const strategies: StrategyName[] = ["active-passive", "active-active", "active-active-sharded"];
  if (typeof strategy !== "string" || !strategies.includes(strategy as StrategyName)) {
    return `strategy must be one of ${strategies.map((s) => `"${s}"`).join(", ")}, got ${JSON.stringify(strategy)}`;
  }
  if (replication !== "sync" && replication !== "async") return `replication must be "sync" or "async", got ${JSON.stringify(replication)}`;
  if (!Number.isInteger(acks) || (acks as number) < 0 || (acks as number) > 2) {
    return `acks must be an integer in [0, 2] (remote copies to wait for), got ${JSON.stringify(acks)}`;
  }
  if (strategy === "active-active-sharded") {
    return "the course's sharded layout keeps one copy of each shard: when its region is down, those users cannot write (99.9%, not 99.99%), and nothing is replicated to fail over to";
  }
  const result = evaluateStrategy({
    strategy: strategy as Exclude<StrategyName, "active-active-sharded">,
    regions: CHOICE_REGIONS,
    clients: [{ region: "us-east-1", share: 1 }],
    replication,
    acks: acks as number,
    regionAvailability: 0.999,
  });
  if (result.conflictsPossible) {
    return "active-active lets two regions accept conflicting writes to one key: the team has no conflict resolution, so conflicts must be impossible";
  }
  if (result.rpoWindowMs > 0) {
    return `a region failure could lose the last ${result.rpoWindowMs} ms of acknowledged writes: RPO 0 needs at least one remote copy acknowledged before the client hears "success" (sync, acks >= 1)`;
  }
  if (result.writeAvailability < CHOICE_LIMITS.writeAvailability) {
    return `write availability is ${(result.writeAvailability * 100).toFixed(4)}% < 99.99%: a write that waits for every copy needs every region up (a^n); wait for fewer acks`;
  }
  if (result.meanWriteMs > CHOICE_LIMITS.meanWriteMs) {
    return `mean write latency is ${result.meanWriteMs.toFixed(1)} ms > 50 ms: wait for the nearest copy, not the farthest`;
  }
  return undefined;
}

export const exercises: Exercise[] = [
  {
    id: "07.1",
    title: "extra write latency of the course's synchronous replication to three regions",
    kind: "compute",
    grade: numberAnswer(goldSlowdown.extraMs, {
      mistakes: [
        { value: rtt(1), hint: `${rtt(1)} ms is the wait for the nearest replica (eu-west-1); "wait for all replicas" waits for the farthest, ap-south-1` },
        {
          value: rtt(1) + rtt(2),
          hint: "the primary sends to both replicas in parallel: the wait is the largest RTT, not the sum",
        },
        { value: goldSlowdown.extraMs / 2, hint: "that is a one-way delay: the write goes out and the acknowledgement has to come back (a full RTT)" },
        { value: goldSlowdown.syncWriteMs, hint: `that is the whole sync write; subtract the ${goldSlowdown.asyncWriteMs} ms the async write also pays` },
      ],
      hint: "use multiRegion.syncReplicationSlowdown({ primary, replicas }).extraMs",
    }),
  },
  {
    id: "07.2",
    title: "write downtime per 30-day month when every write waits for all three regions",
    kind: "compute",
    grade: numberAnswer((1 - goldWriteAvailability) * MONTH_MINUTES, {
      relativeTolerance: 0.01,
      mistakes: [
        { value: 0.001 * MONTH_MINUTES, hint: "43.2 min is one region's downtime; a write that waits for all three needs all three up: 0.999³" },
        {
          value: 1e-9 * MONTH_MINUTES,
          hint: "1 − (1 − a)³ is the chance that at least one region is up: right for reads, not for writes that wait for every replica",
        },
        { value: 1 - goldWriteAvailability, hint: "that is the unavailability as a fraction; multiply by the minutes in a 30-day month (43,200)" },
      ],
    }),
  },
  {
    id: "07.3",
    title: "choose a strategy, replication and acks: RPO 0, writes 99.99% available, mean write <= 50 ms, no conflicts",
    kind: "choose",
    grade: ruleAnswer(gradeConfiguration),
  },
  {
    id: "07.4",
    title: "what LWW, vector clocks and a set union do with A=20 and B=30 after the partition",
    kind: "explain",
    grade: choiceAnswer("c", {
      a: "LWW records no conflict: the write with the lower timestamp (20) is dropped with no error and no trace",
      b: "vector clocks do not use wall-clock time: {A:2,B:0} and {A:1,B:1} are concurrent, so neither write wins",
      c: "right: LWW silently keeps the later timestamp (30), vector clocks keep both siblings for the application, a set union keeps every add",
      d: "a set union keeps every element added on either side: 10, 20 and 30",
    }),
  },
  {
    id: "07.5",
    title: "implement P(LWW drops the causally later write) under clock skew",
    kind: "implement",
    grade: functionAnswer(
      [
        [100, 20],
        [100, 0],
        [100, 100],
        [100, 250],
        [10, 5],
        [50, 10],
        [1000, 1],
      ].map(([maxSkewMs, gapMs]) => ({
        args: [maxSkewMs, gapMs],
        expected: lwwSkewLoss({ maxSkewMs: maxSkewMs!, gapMs: gapMs! }).lossProbability,
        tolerance: 1e-9,
      })),
    ),
  },
];
