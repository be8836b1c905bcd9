import { quorum, pacelc, multiRegion, slo, cost, dr, sharding, flow, healing, availability } from "./src/index";
const regions = ["us-east-1", "eu-west-1", "ap-south-1"];
const clients = [{ region: "us-east-1", share: 0.5 }, { region: "eu-west-1", share: 0.3 }, { region: "ap-south-1", share: 0.2 }];
for (const s of [["active-passive","async"],["active-active","async"],["active-active-sharded","async"],["active-active-sharded","sync"]] as const) {
  try {
  const e = multiRegion.evaluateStrategy({ strategy: s[0], regions, clients, replication: s[1], regionAvailability: 0.999, shardCopies: s[0]==="active-active-sharded"?2:undefined, monthlyComputeUsd: 10000, monthlyStorageUsd: 3000, writtenGbPerMonth: 65000 } as any);
  console.log(s, e.writeAvailability, e.meanWriteMs, e.worstWriteMs, e.meanReadMs, e.rpoWindowMs, e.conflictsPossible, e.cost.totalUsd, e.cost.multiplier);
  } catch (err) { console.log(s, String(err)); }
}
console.log(pacelc.filter({ pacelc: "PA/EL" }).map(r => r.system + " | " + r.configuration));
console.log(pacelc.filter({ pacelc: "PC/EC" }).map(r => r.system + " | " + r.configuration));
console.log(pacelc.filter({ pacelc: "PA/EC" }).map(r => r.system + " | " + r.configuration));
console.log(slo.errorBudget({ slo: 0.9995 }));
console.log(slo.workbookAlertRules());
console.log(slo.detectionTimeMinutes({ errorRatio: 1, slo: 0.9995, windowMinutes: 60, burnRateThreshold: 14.4 }));
console.log(dr.select({ rtoMinutes: 15, rpoMinutes: 1, productionUsdPerMonth: 20000 }).evaluations.map(e => [e.strategy.id, e.chosen, e.reason]));
console.log(healing.failoverRto({ promotionSeconds: 60 }).rto);
console.log(sharding.movement({ placement: "jump", from: 11, to: 12 }), sharding.movement({ placement: "modN", from: 11, to: 12 }).movedFraction);
console.log(sharding.ringImbalanceByVnodes({ shards: 12, vnodeCounts: [1, 16, 256] }));
console.log(flow.mm1ResponseTimePercentile({ arrivalRatePerSecond: 7000, serviceRatePerSecond: 10000, percentile: 0.99 }));
console.log(flow.mm1k({ arrivalRatePerSecond: 7000, serviceRatePerSecond: 10000, capacity: 50 }));
console.log(healing.backoffSchedule({ strategy: "full", retries: 5, baseMs: 50, capMs: 2000, seed: 1 }));
console.log(cost.compute({ nodes: 33, vcpusPerNode: 8, usdPerVcpuHour: 0.048 }));
console.log(cost.storage({ tb: 65, tier: "hot" }));
console.log(quorum.replicasRequired({ level: "EACH_QUORUM", replicationFactors: { "us-east-1": 3, "eu-west-1": 3, "ap-south-1": 3 } }));
console.log(multiRegion.writeLatency({ coordinator: "us-east-1", replicas: ["eu-west-1"], replication: "sync" }));
