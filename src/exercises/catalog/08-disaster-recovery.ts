/**
 * Exercises of notebook 08 (disaster recovery): the course's tiers against
 * AWS's REL13-BP02 strategies, choosing a strategy, expected loss, RPO of
 * backups, what synchronous replication does not cover, the latency of a
 * synchronous write and the RTO of an automatic failover. Expected values
 * come from `dr`.
 */
import { expectedAnnualLoss, rpoFromBackups, selectStrategy, strategyById, syncWriteLatency, STRATEGY_IDS } from "../../dr";
import { failoverRto } from "../../healing";
import { choiceAnswer, functionAnswer, numberAnswer, ruleAnswer, type Exercise } from "../check";

// 08.2: RTO <= 2 h, RPO <= 10 min
const TARGETS = { rtoMinutes: 120, rpoMinutes: 10 } as const;
const selection = selectStrategy(TARGETS);

// 08.3: warm standby, 0.5 disasters a year, $10K/h downtime, $50K/h of lost data
const warm = strategyById("warm-standby");
const lossInputs = { incidentsPerYear: 0.5, downtimeUsdPerHour: 10_000, dataLossUsdPerHour: 50_000 } as const;
const loss = expectedAnnualLoss({ ...lossInputs, rtoMinutes: warm.rtoMinutes, rpoMinutes: warm.rpoMinutes });
const lossPerIncident = loss.totalUsd / lossInputs.incidentsPerYear;
const lossMinutesAsHours = lossInputs.incidentsPerYear * (lossInputs.downtimeUsdPerHour * warm.rtoMinutes + lossInputs.dataLossUsdPerHour * warm.rpoMinutes);

// 08.4: backups every 4 h, 20 min to take, 15 min to copy off-site
const backup = { backupIntervalMinutes: 240, backupDurationMinutes: 20, transferMinutes: 15 } as const;
const backupRpo = rpoFromBackups(backup);

// 08.7: fast health checks
const fastFailover = failoverRto({ healthCheckIntervalSeconds: 10, failureThreshold: 3, promotionSeconds: 60, dnsTtlSeconds: 60 });

export const exercises: readonly Exercise[] = [
  {
    id: "08.1",
    title: "the course's Silver tier against REL13-BP02's wording",
    kind: "explain",
    grade: choiceAnswer("b", {
      a: "AWS's current wording gives warm standby an RTO in minutes and an RPO in seconds; \"RTO in hours\" is the older wording for pilot light",
      b: "right: pilot light (RTO in tens of minutes, RPO in minutes) meets an RTO of hours and an RPO of minutes; warm standby over-delivers and costs more",
      c: "multi-site active/active (RPO near zero, RTO potentially zero) is the Gold tier, and the most expensive",
      d: "pilot light meets it: its RTO in tens of minutes is within hours and its RPO in minutes within minutes",
    }),
  },
  {
    id: "08.2",
    title: "the cheapest strategy for RTO ≤ 2 h and RPO ≤ 10 min",
    kind: "choose",
    grade: ruleAnswer((answer) => {
      if (typeof answer !== "string" || !(STRATEGY_IDS as readonly string[]).includes(answer)) {
        return `answer with one of ${STRATEGY_IDS.map((id) => `"${id}"`).join(", ")}, got ${typeof answer === "string" ? JSON.stringify(answer) : String(answer)}`;
      }
      const evaluation = selection.evaluations.find((e) => e.strategy.id === answer);
      if (evaluation === undefined || evaluation.chosen) return undefined;
      return `${evaluation.strategy.name} ${evaluation.reason}`;
    }),
  },
  {
    id: "08.3",
    title: "expected annual loss with warm standby (RTO 10 min, RPO 30 s)",
    kind: "compute",
    grade: numberAnswer(loss.totalUsd, {
      relativeTolerance: 0.002,
      mistakes: [
        { value: lossPerIncident, hint: "that is the loss of one disaster; multiply by 0.5 disasters a year" },
        { value: lossMinutesAsHours, hint: "RTO and RPO are in minutes but the costs are per hour: divide the minutes by 60" },
        { value: loss.downtimeUsd, hint: "that is the downtime part only; add the cost of the 30 s of lost data" },
        { value: loss.dataLossUsd, hint: "that is the data-loss part only; add the cost of the 10 min of downtime" },
      ],
      hint: "incidents per year × (downtime $/h × RTO h + data-loss $/h × RPO h)",
    }),
  },
  {
    id: "08.4",
    title: "worst-case RPO of 4-hourly backups that take 20 min and 15 min to copy off-site",
    kind: "compute",
    grade: numberAnswer(backupRpo.worstCaseMinutes, {
      relativeTolerance: 0.001,
      mistakes: [
        { value: backup.backupIntervalMinutes, hint: "a backup is only usable once it is complete and off-site: add its duration and the copy" },
        { value: backupRpo.averageMinutes, hint: "that is the average loss (half an interval + duration + copy); the question asks for the worst case" },
        { value: backup.backupIntervalMinutes + backup.backupDurationMinutes, hint: "add the 15 minutes the copy takes to reach the other region" },
        { value: backup.backupIntervalMinutes + backup.transferMinutes, hint: "add the 20 minutes the backup takes: it captures data as of its start" },
        { value: backupRpo.worstCaseMinutes / 60, hint: "that is in hours; answer in minutes" },
      ],
    }),
  },
  {
    id: "08.5",
    title: "what synchronous replication (RPO 0) does not protect against",
    kind: "explain",
    grade: choiceAnswer("b", {
      a: "losing a whole region is exactly what a synchronous replica in another region covers",
      b: "right: a bad migration or a buggy deploy that deletes rows is replicated to every replica within milliseconds; only point-in-time backups (or delayed replicas) bring the data back",
      c: "an availability-zone failure is covered by the replicas in other regions (and by multi-AZ in the primary region)",
      d: "with synchronous replication no acknowledged write is lost at failover, as long as only a replica that acknowledged it is promoted",
    }),
  },
  {
    id: "08.6",
    title: "latency of a synchronous write that waits for k remote acknowledgements",
    kind: "implement",
    grade: functionAnswer(
      (
        [
          [4, [70, 186], 2],
          [4, [70, 186], 1],
          [2, [186, 70, 120], 2],
          [2, [186, 70, 120], 3],
          [3, [50], 0],
          [0, [], 0],
        ] as const
      ).map(([localCommitMs, replicaRttMs, acksRequired]) => ({
        args: [localCommitMs, [...replicaRttMs], acksRequired],
        expected: syncWriteLatency({ localCommitMs, replicaRttMs: [...replicaRttMs], acksRequired }),
        tolerance: 1e-9,
      })),
    ),
  },
  {
    id: "08.7",
    title: "worst-case RTO of an automatic failover with 10 s health checks (threshold 3, 60 s promotion, 60 s TTL)",
    kind: "compute",
    grade: numberAnswer(fastFailover.rto.worstSeconds, {
      relativeTolerance: 0.001,
      mistakes: [
        { value: 10 + 60 + 60, hint: "detection takes 3 failed checks in a row: 3 × 10 s, not 10 s" },
        { value: 3 * 10 + 60 + 60, hint: "each failed check against a dead primary takes Route 53's 4 s TCP-connect timeout: detection is up to 3 × 10 + 4 = 34 s" },
        { value: failoverRto({ promotionSeconds: 60, dnsTtlSeconds: 60 }).rto.worstSeconds, hint: "that uses Route 53's standard 30 s interval; this check runs every 10 s" },
        { value: fastFailover.detection.worstSeconds + fastFailover.promotionAndDnsUpdateSeconds, hint: "clients keep the old DNS answer until its TTL expires: add the 60 s TTL" },
        { value: fastFailover.rto.expectedSeconds, hint: "that is the expected case; the question asks for the worst case (failure just after a check, a client that has just cached the old answer)" },
        { value: fastFailover.rto.worstSeconds / 60, hint: "that is in minutes; answer in seconds" },
      ],
    }),
  },
];
